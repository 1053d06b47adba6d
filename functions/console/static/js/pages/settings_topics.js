// Settings › Consent topics: the workspace's kinds of message (GET /v1/topics, any key) and, for an
// admin, defining or changing one (PUT /v1/topics/{topic}). A member sees the list read-only; the
// API refuses a member's PUT too (403).

const ADMINS_ONLY = "Admins only: a member key can read the topics but not define or change them.";
const ID_HINT = "1 to 40 lowercase letters, digits, - or _, starting and ending with a letter or digit (e.g. account-alerts). It cannot change later.";
const KEYWORD_HINT = "Words that revoke this topic only, such as STOP PROMO (up to 10). Never a keyword that applies to every topic, such as STOP.";

// "stop promo,  Promo Off" -> ["STOP PROMO", "PROMO OFF"]: the API takes uppercase words.
export function keywordList(text) {
  const words = text.split(",").map((s) => s.trim().replace(/\s+/g, " ").toUpperCase()).filter(Boolean);
  return [...new Set(words)];
}

function topicRow(ui, topic, onEdit, isAdmin) {
  const { el } = ui;
  const edit = el("button", { type: "button", class: "secondary", "aria-label": `Edit topic ${topic.id}` }, "Edit");
  edit.disabled = !isAdmin;
  edit.addEventListener("click", () => onEdit(topic));
  const consent = topic.express_consent
    ? el("span", { class: "badge consent-express" }, "Express consent needed")
    : el("span", { class: "muted" }, "Not needed");
  const keywords = topic.keywords.length
    ? topic.keywords.map((k, i) => [i ? ", " : "", el("code", {}, k)])
    : el("span", { class: "muted" }, "None");
  return el(
    "tr",
    { dataset: { topic: topic.id } },
    el("th", { scope: "row" }, el("code", {}, topic.id)),
    el("td", {}, topic.name),
    el("td", {}, consent),
    el("td", {}, keywords),
    el("td", {}, ui.formatTime(topic.updated_at)),
    el("td", {}, isAdmin ? edit : ui.adminOnly(edit, false, "Admins only")),
  );
}

export async function topicsSection(ctx) {
  const { api, ui, isAdmin } = ctx;
  const { el, labelled } = ui;
  const body = el("tbody", {});
  const count = el("p", { class: "hint topic-count" });
  const head = el("tr", {}, ...["ID", "Name", "Express consent", "Keywords", "Updated", "Action"].map((h) => el("th", { scope: "col" }, h)));
  const table = el("table", { class: "data-table topics-table" }, el("caption", {}, "Consent topics"), el("thead", {}, head), body);

  const id = el("input", { type: "text", name: "topic_id", maxlength: 40, autocomplete: "off", spellcheck: "false" });
  const name = el("input", { type: "text", name: "topic_name", maxlength: 80, autocomplete: "off" });
  const express = el("input", { type: "checkbox", name: "express_consent" });
  const keywords = el("input", { type: "text", name: "topic_keywords", autocomplete: "off", spellcheck: "false" });
  const save = el("button", { type: "submit", class: "primary" }, "Save topic");
  const fresh = el("button", { type: "button", class: "secondary" }, "New topic");
  for (const c of [id, name, express, keywords, save, fresh]) c.disabled = !isAdmin;

  function startNew() {
    id.readOnly = false;
    for (const c of [id, name, keywords]) c.value = "";
    express.checked = false;
    id.focus();
  }
  fresh.addEventListener("click", startNew);

  function edit(topic) {
    id.value = topic.id;
    id.readOnly = true; // PUT to another id would define another topic: "New topic" does that
    name.value = topic.name;
    express.checked = topic.express_consent;
    keywords.value = topic.keywords.join(", ");
    name.focus();
  }

  async function load() {
    const result = await api("GET", "/v1/topics");
    if (!result.ok) {
      count.textContent = "";
      body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, `Could not list the topics: ${ui.errorText(result)}`)));
      return;
    }
    const { topics, limit } = result.data;
    count.textContent = `${topics.length} of at most ${limit} topics.`;
    if (!topics.length) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, "No topics yet: every contact has one consent, its overall status.")));
      return;
    }
    body.replaceChildren(...topics.map((t) => topicRow(ui, t, edit, isAdmin)));
  }

  const form = el(
    "form",
    { class: "topic-form", "aria-label": "Define or change a topic", novalidate: true },
    isAdmin ? null : el("p", { class: "reason admin-only" }, ADMINS_ONLY),
    labelled("Topic ID", id, ID_HINT),
    labelled("Topic name", name),
    labelled("Needs express written consent", express, "Marketing does: such a topic is sendable only once the contact has granted it."),
    labelled("Topic keywords (comma-separated)", keywords, KEYWORD_HINT),
    el("div", { class: "actions" }, save, fresh),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const topicId = id.value.trim();
    if (!topicId) {
      id.focus();
      ui.notify("Topic not saved: enter a topic ID, such as marketing.", "error");
      return;
    }
    if (!name.value.trim()) {
      name.focus();
      ui.notify("Topic not saved: enter the topic's name.", "error");
      return;
    }
    const payload = { name: name.value.trim(), express_consent: express.checked, keywords: keywordList(keywords.value) };
    save.disabled = true;
    const result = await api("PUT", `/v1/topics/${encodeURIComponent(topicId)}`, { body: payload });
    save.disabled = false;
    if (!result.ok) {
      ui.notify(`Topic not saved: ${ui.errorText(result)}`, "error");
      return;
    }
    const topic = result.data;
    let done = `Topic ${topic.id} saved.`;
    if (topic.created) done = `Topic ${topic.id} created.`;
    else if (!topic.changed) done = `Nothing to save: topic ${topic.id} already has this definition.`;
    await load();
    edit(topic);
    ui.notify(done, "ok");
  });
  await load();
  return el(
    "section",
    { class: "settings-topics", "aria-label": "Consent topics" },
    el("h2", {}, "Consent topics"),
    el("p", { class: "hint" }, "Kinds of message a person agrees to separately, such as marketing or reminders. Any opt-out revokes every topic; a topic keyword revokes its topic only."),
    count,
    el("div", { class: "table-wrap" }, table),
    form,
  );
}
