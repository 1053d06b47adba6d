// Settings (admin): the workspace's settings, its inboxes and its API keys. Members see every
// control disabled with the reason; the API refuses them too (GET/PUT /v1/settings, PUT
// /v1/inboxes/{number}, /v1/api-keys answer 403 to a member key).

import { repliesSection } from "./settings_replies.js";
import { sendRulesSection } from "./settings_send_rules.js";
import { topicsSection } from "./settings_topics.js";

const ADMINS_ONLY = "Admins only: a member key can neither read nor change these.";
const PROVIDERS = ["twilio", "telnyx", "bandwidth", "vonage", "aws"];

// name, label, kind, extra: one row per WorkspaceSettings field the page edits.
const FIELDS = [
  { group: "Program and replies", name: "program_name", label: "Program name", kind: "text", max: 80 },
  { group: "Program and replies", name: "help_contact", label: "Help contact", kind: "text", max: 120 },
  { group: "Program and replies", name: "opt_out_reply", label: "Opt-out reply", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "opt_in_reply", label: "Opt-in reply", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "help_reply", label: "Help reply", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "confirm_reply", label: "Typo confirmation reply", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "review_reply", label: "Holding reply to a queued message (optional)", kind: "textarea", max: 320, optional: true },
  { group: "Program and replies", name: "topic_opt_out_reply", label: "Topic keyword reply", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "clarify_reply", label: "Clarification question (revocation scope clarify)", kind: "textarea", max: 320 },
  { group: "Program and replies", name: "double_opt_in_reply", label: "Double opt-in request (Reply YES to confirm)", kind: "textarea", max: 320 },
  { group: "Contacts and delivery", name: "default_region", label: "Default region (ISO 3166, e.g. US)", kind: "text", max: 2 },
  { group: "Contacts and delivery", name: "auto_opt_out_on_failed_delivery", label: "Auto Opt-Out on Failed Delivery", kind: "checkbox" },
  { group: "Contacts and delivery", name: "failed_delivery_threshold", label: "Failures in a row that opt a contact out", kind: "number", min: 1, max: 20 },
  { group: "Opt-out engine", name: "typo_mode", label: "Typo mode", kind: "select", options: [["confirm", "Ask to confirm"], ["opt_out", "Opt out"], ["ignore", "Ignore"]] },
  { group: "Opt-out engine", name: "intent_opt_out", label: "Opt out natural-language requests (intent opt-out)", kind: "checkbox" },
  { group: "Opt-out engine", name: "long_message_mode", label: "Long-message mode", kind: "select", options: [["review", "Queue for review"], ["ignore", "Ignore"], ["opt_out", "Opt out"]] },
  { group: "Opt-out engine", name: "opt_out_keywords", label: "Extra opt-out keywords (comma-separated)", kind: "list" },
  { group: "Opt-out engine", name: "opt_in_keywords", label: "Extra opt-in keywords (comma-separated)", kind: "list" },
  { group: "Opt-out engine", name: "help_keywords", label: "Extra help keywords (comma-separated)", kind: "list" },
  { group: "Revocation by topic", name: "revocation_scope", label: "Revocation scope", kind: "select", options: [["all", "Every topic"], ["clarify", "Ask which topics"]] },
  { group: "Revocation by topic", name: "clarify_window_hours", label: "Hours a reply may narrow an opt-out", kind: "number", min: 1, max: 168 },
  { group: "Revocation by topic", name: "revoke_all_effective", label: "Revoke-all rule effective (YYYY-MM-DD)", kind: "text", max: 10 },
];

const HINTS = {
  auto_opt_out_on_failed_delivery: "Opts a contact out on a permanent delivery failure, or after the threshold of failures in a row. Carrier opt-outs apply whatever this says.",
  default_region: "National phone formats are read in this region.",
  review_reply: "Empty means no holding reply: save it empty, or use Clear holding reply.",
  topic_opt_out_reply: "The reply to a topic keyword such as STOP PROMO; {topic} is the topic's name.",
  double_opt_in_reply: "Sent when a consent is recorded with double_opt_in; {topics} lists the topics' names.",
  clarify_reply: "Under the clarify scope, the opt-out confirmation that asks which topics; {topics} lists their names, {hours} the window.",
};

function control(el, field) {
  if (field.kind === "textarea") return el("textarea", { name: field.name, maxlength: field.max, rows: 2 });
  if (field.kind === "checkbox") return el("input", { type: "checkbox", name: field.name });
  if (field.kind === "number") return el("input", { type: "number", name: field.name, min: field.min, max: field.max, step: 1 });
  if (field.kind === "select") {
    return el("select", { name: field.name }, ...field.options.map(([v, t]) => el("option", { value: v }, t)));
  }
  return el("input", { type: "text", name: field.name, maxlength: field.max, autocomplete: "off" });
}

function put(node, field, value) {
  if (field.kind === "checkbox") node.checked = Boolean(value);
  else if (field.kind === "list") node.value = (value || []).join(", ");
  else node.value = value === null || value === undefined ? "" : String(value);
}

function read(node, field) {
  if (field.kind === "checkbox") return node.checked;
  if (field.kind === "number") return Number(node.value);
  if (field.kind === "list") return node.value.split(",").map((s) => s.trim()).filter(Boolean);
  return node.value;
}

function settingsForm(ctx, settings) {
  const { api, ui, isAdmin } = ctx;
  const { el, labelled } = ui;
  const controls = new Map();
  const groups = new Map();
  for (const field of FIELDS) {
    const node = control(el, field);
    node.disabled = !isAdmin;
    if (settings) put(node, field, settings[field.name]);
    controls.set(field.name, node);
    if (!groups.has(field.group)) groups.set(field.group, el("fieldset", {}, el("legend", {}, field.group)));
    groups.get(field.group).append(labelled(field.label, node, HINTS[field.name]));
  }
  const save = el("button", { type: "submit", class: "primary" }, "Save settings");
  save.disabled = !isAdmin;
  const reason = isAdmin ? null : el("p", { class: "reason admin-only" }, ADMINS_ONLY);
  const clear = el("button", { type: "button", class: "secondary" }, "Clear holding reply");
  clear.disabled = !isAdmin || !settings || settings.review_reply === null;
  controls.get("review_reply").closest(".field")?.append(clear);
  const form = el("form", { class: "settings-form", "aria-label": "Workspace settings" }, reason, ...groups.values(), el("div", { class: "actions" }, save));
  let current = settings;
  clear.addEventListener("click", async () => {
    clear.disabled = true;
    const result = await api("PUT", "/v1/settings", { body: { review_reply: null } });
    if (!result.ok) {
      clear.disabled = false;
      ui.notify(`Holding reply not cleared: ${ui.errorText(result)}`, "error");
      return;
    }
    current = { ...current, review_reply: result.data.review_reply };
    put(controls.get("review_reply"), FIELDS.find((f) => f.name === "review_reply"), null);
    ui.notify("Holding reply cleared: queued messages get no reply.", "ok");
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!current) return;
    const change = {};
    for (const field of FIELDS) {
      const value = read(controls.get(field.name), field);
      if (field.optional && value === "") {
        if (current[field.name] !== null) change[field.name] = null; // null clears an optional text
        continue;
      }
      if (JSON.stringify(value) !== JSON.stringify(current[field.name])) change[field.name] = value;
    }
    if (!Object.keys(change).length) {
      ui.notify("Nothing to save: no setting changed.", "ok");
      return;
    }
    save.disabled = true;
    const result = await api("PUT", "/v1/settings", { body: change });
    save.disabled = false;
    if (!result.ok) {
      ui.notify(`Settings not saved: ${ui.errorText(result)}`, "error");
      return;
    }
    current = result.data;
    for (const field of FIELDS) put(controls.get(field.name), field, current[field.name]);
    clear.disabled = current.review_reply === null;
    const names = Object.keys(change).map((n) => FIELDS.find((f) => f.name === n).label);
    ui.notify(`Settings saved: ${names.join(", ")}.`, "ok");
  });
  return form;
}

function inboxRow(ui, inbox, onEdit) {
  const { el, formatTime } = ui;
  const edit = el("button", { type: "button", class: "secondary", "aria-label": `Edit ${inbox.number}` }, "Edit");
  edit.disabled = !onEdit;
  if (onEdit) edit.addEventListener("click", () => onEdit(inbox));
  return el(
    "tr",
    {},
    el("th", { scope: "row" }, inbox.number),
    el("td", {}, inbox.provider),
    el("td", {}, inbox.secret_ref || "—"),
    el("td", {}, inbox.topic_arn || "—"),
    el("td", {}, inbox.allowed_source_cidrs ? inbox.allowed_source_cidrs.join(", ") : "any"),
    el("td", {}, formatTime(inbox.created_at)),
    el("td", {}, edit),
  );
}

async function inboxesSection(ctx) {
  const { api, ui, isAdmin } = ctx;
  const { el, labelled } = ui;
  const body = el("tbody", {});
  const head = el("tr", {}, ...["Number", "Provider", "Signing secret", "SNS topic", "Allowed sources", "Registered", "Action"].map((h) => el("th", { scope: "col" }, h)));
  const tableBox = el("div", { class: "table-wrap" }, el("table", { class: "data-table" }, el("caption", {}, "Inboxes"), el("thead", {}, head), body));
  async function load() {
    const result = await api("GET", "/v1/inboxes");
    if (!result.ok) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 7 }, ui.errorText(result))));
      return;
    }
    body.replaceChildren(...result.data.inboxes.map((i) => inboxRow(ui, i, isAdmin ? edit : null)));
  }
  const number = el("input", { type: "tel", name: "number", required: true, autocomplete: "off" });
  const provider = el("select", { name: "provider" }, ...PROVIDERS.map((p) => el("option", { value: p }, p)));
  const secret = el("input", { type: "text", name: "secret_ref", autocomplete: "off" });
  const topic = el("input", { type: "text", name: "topic_arn", autocomplete: "off" });
  const cidrs = el("input", { type: "text", name: "allowed_source_cidrs", autocomplete: "off" });
  const submit = el("button", { type: "submit" }, "Save inbox");
  // "Edit" on a row puts that inbox in the form; saving it again updates it.
  function edit(inbox) {
    number.value = inbox.number;
    provider.value = inbox.provider;
    secret.value = inbox.secret_ref || "";
    topic.value = inbox.topic_arn || "";
    cidrs.value = (inbox.allowed_source_cidrs || []).join(", ");
    number.focus();
  }
  for (const c of [number, provider, secret, topic, cidrs, submit]) c.disabled = !isAdmin;
  const form = el(
    "form",
    { class: "inbox-form", "aria-label": "Add or update an inbox" },
    isAdmin ? null : el("p", { class: "reason admin-only" }, "Admins only: a member key cannot register inboxes."),
    labelled("Inbox number (E.164)", number),
    labelled("Provider", provider),
    labelled("Signing secret (Secrets Manager name or ARN)", secret, ctx.workspace && ctx.workspace.id ? `A secret under optout/${ctx.workspace.id}/ (this workspace's namespace).` : undefined),
    labelled("SNS topic ARN (AWS only)", topic),
    labelled("Allowed source networks (CIDRs, comma-separated; empty for any)", cidrs),
    submit,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = { provider: provider.value };
    if (secret.value.trim()) body.secret_ref = secret.value.trim();
    if (topic.value.trim()) body.topic_arn = topic.value.trim();
    const networks = cidrs.value.split(",").map((s) => s.trim()).filter(Boolean);
    if (networks.length) body.allowed_source_cidrs = networks;
    const result = await api("PUT", `/v1/inboxes/${encodeURIComponent(number.value.trim())}`, { body });
    if (!result.ok) {
      ui.notify(`Inbox not saved: ${ui.errorText(result)}`, "error");
      return;
    }
    ui.notify(`Inbox ${result.data.number} saved (${result.data.provider}).`, "ok");
    await load();
  });
  await load();
  return el("section", { class: "settings-inboxes", "aria-label": "Inboxes" }, el("h2", {}, "Inboxes"), tableBox, form);
}

function keyRow(ctx, key, reload) {
  const { api, ui, isAdmin } = ctx;
  const { el, formatTime } = ui;
  let action = "—";
  if (!key.revoked_at) {
    const revoke = el("button", { type: "button", class: "danger", "aria-label": `Revoke ${key.name} (${key.prefix})` }, "Revoke");
    revoke.disabled = !isAdmin;
    revoke.addEventListener("click", async () => {
      if (!(await ui.confirmDialog(`Revoke the key "${key.name}" (${key.prefix}…)? Anything using it stops working at once.`, { confirmLabel: "Revoke" }))) return;
      const result = await api("DELETE", `/v1/api-keys/${encodeURIComponent(key.key_id)}`);
      if (!result.ok) {
        ui.notify(`Key not revoked: ${ui.errorText(result)}`, "error");
        return;
      }
      ui.notify(`Revoked the key "${key.name}" (${key.prefix}…).`, "ok");
      await reload();
    });
    action = revoke;
  }
  return el(
    "tr",
    {},
    el("th", { scope: "row" }, key.name),
    el("td", {}, key.role),
    el("td", {}, el("code", {}, `${key.prefix}…`)),
    el("td", {}, formatTime(key.created_at)),
    el("td", {}, key.revoked_at ? formatTime(key.revoked_at) : "live"),
    el("td", {}, action),
  );
}

async function keysSection(ctx) {
  const { api, ui, isAdmin } = ctx;
  const { el, labelled } = ui;
  const body = el("tbody", {});
  const head = el("tr", {}, ...["Name", "Role", "Prefix", "Created", "Revoked", "Action"].map((h) => el("th", { scope: "col" }, h)));
  const shown = el("div", { class: "new-key", "aria-live": "polite" });
  async function load() {
    if (!isAdmin) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, ADMINS_ONLY)));
      return;
    }
    const result = await api("GET", "/v1/api-keys");
    if (!result.ok) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: 6 }, ui.errorText(result))));
      return;
    }
    body.replaceChildren(...result.data.api_keys.map((k) => keyRow(ctx, k, load)));
  }
  const name = el("input", { type: "text", name: "key_name", required: true, maxlength: 80, autocomplete: "off" });
  const role = el("select", { name: "role" }, el("option", { value: "member" }, "member"), el("option", { value: "admin" }, "admin"));
  const create = el("button", { type: "submit" }, "Create key");
  for (const c of [name, role, create]) c.disabled = !isAdmin;
  const form = el(
    "form",
    { class: "key-form", "aria-label": "Create an API key" },
    isAdmin ? null : el("p", { class: "reason admin-only" }, "Admins only: a member key cannot create or revoke keys."),
    labelled("Key name", name),
    labelled("Role", role),
    create,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await api("POST", "/v1/api-keys", { body: { name: name.value.trim(), role: role.value } });
    if (!result.ok) {
      ui.notify(`Key not created: ${ui.errorText(result)}`, "error");
      return;
    }
    const key = el("input", { type: "text", readonly: true, value: result.data.api_key, class: "secret" });
    shown.replaceChildren(
      el("p", { class: "warning" }, `The new ${result.data.role} key "${result.data.name}". Copy it now: it is shown once and only its hash is stored.`),
      labelled("New API key", key),
    );
    key.select();
    name.value = "";
    ui.notify(`Created the ${result.data.role} key "${result.data.name}"; copy it now, it is shown once.`, "ok");
    await load();
  });
  await load();
  const tableBox = el("div", { class: "table-wrap" }, el("table", { class: "data-table" }, el("caption", {}, "API keys"), el("thead", {}, head), body));
  return el("section", { class: "settings-keys", "aria-label": "API keys" }, el("h2", {}, "API keys"), form, shown, tableBox);
}

export default {
  title: "Settings",
  path: "#/settings",
  async render(main, ctx) {
    const { api, ui, isAdmin } = ctx;
    const { el } = ui;
    let settings = null;
    const status = el("div", {});
    if (isAdmin) {
      const result = await api("GET", "/v1/settings");
      if (result.ok) settings = result.data;
      else status.append(el("p", { class: "error-text" }, `Could not read the settings: ${ui.errorText(result)}`));
    }
    const sections = [el("h1", {}, "Settings"), status];
    if (!isAdmin || settings) {
      sections.push(el("section", { "aria-label": "Workspace settings" }, el("h2", {}, "Workspace"), settingsForm(ctx, settings)));
      sections.push(repliesSection(ctx, settings));
    }
    sections.push(await topicsSection(ctx));
    sections.push(await sendRulesSection(ctx));
    sections.push(await inboxesSection(ctx), await keysSection(ctx));
    if (ctx.isCurrent && !ctx.isCurrent()) return; // the person went to another page meanwhile
    main.replaceChildren(...sections);
  },
};
