// The review queue: messages with a request the engine must not act on alone, why each waits,
// and an admin's resolution (opt the contact out, or dismiss) with a note.

import { STATUS_WORDS, adminOnly, initiatorText } from "./contacts.js";

let uid = 0;
const ACTION_WORDS = { opt_out: "Opted out", dismiss: "Dismissed" };

function resolveForm(ctx, item, onDone) {
  const { ui, api } = ctx;
  const note = ui.el("textarea", { id: `rq-note-${++uid}`, name: "note", rows: "2", maxlength: "1000" });
  note.disabled = !ctx.isAdmin;
  const send = async (action) => {
    const text = note.value.trim();
    if (!text) {
      note.focus();
      return ui.notify("A note is required to resolve a review item.", "error");
    }
    const result = await api("POST", `/v1/review-queue/${encodeURIComponent(item.id)}/resolve`, { body: { action, note: text } });
    if (!result.ok) return ui.notify(`Not resolved: ${ui.errorText(result)}`, "error");
    const status = result.data.contact ? STATUS_WORDS[result.data.contact.status].toLowerCase() : null;
    const what = action === "opt_out"
      ? (result.data.changed ? `${item.phone} is now opted out.` : `${item.phone} was already ${status}; nothing changed.`)
      : `Dismissed the message from ${item.phone}; nothing changed.`;
    ui.notify(what, "ok");
    onDone(result.data.item);
  };
  const optOut = ui.el("button", { type: "button", class: "danger" }, "Opt out");
  optOut.addEventListener("click", () => send("opt_out"));
  const dismiss = ui.el("button", { type: "button" }, "Dismiss");
  dismiss.addEventListener("click", () => send("dismiss"));
  return ui.el(
    "fieldset", { class: "resolve-actions" },
    ui.el("legend", {}, "Resolve"),
    ui.labelled(`Note for ${item.phone}`, note),
    ui.el("div", { class: "actions" }, adminOnly(ctx, optOut), adminOnly(ctx, dismiss)),
  );
}

function resolutionDetails(ui, resolution) {
  const dl = ui.el("dl", { class: "details resolution" });
  const pairs = [
    ["Resolution", ACTION_WORDS[resolution.action] || resolution.action],
    ["Note", resolution.note],
    ["By", initiatorText(resolution.by)],
    ["At", ui.formatTime(resolution.at)],
    ["Contact status after", resolution.contact_status ? ui.statusBadge(resolution.contact_status) : "—"],
  ];
  for (const [term, value] of pairs) dl.append(ui.el("dt", {}, term), ui.el("dd", {}, value));
  return dl;
}

function itemCard(ctx, item, onDone) {
  const { ui } = ctx;
  const d = item.decision || {};
  const card = ui.el(
    "article", { class: `review-item card state-${item.state}`, "aria-label": `Message from ${item.phone}` },
    ui.el("h2", { tabindex: "-1" }, item.phone),
    ui.el("blockquote", { class: "message-text" }, item.text),
  );
  const dl = ui.el("dl", { class: "details" });
  const pairs = [
    ["Why it waits", d.review_reason || "—"],
    ["What the engine read", d.detail || "—"],
    ["Matched text", d.match ? ui.el("mark", {}, d.match) : "—"],
    ["Rule", d.rule || "—"],
    ["Confidence", typeof d.confidence === "number" ? `${Math.round(d.confidence * 100)}%` : "—"],
    ["Language", d.language || "—"],
    ["Received", ui.formatTime(item.received_at)],
    ["Inbox", `${item.inbox} (${item.provider})`],
  ];
  for (const [term, value] of pairs) dl.append(ui.el("dt", {}, term), ui.el("dd", {}, value));
  card.append(dl);
  card.append(item.resolution ? resolutionDetails(ui, item.resolution) : resolveForm(ctx, item, onDone));
  return card;
}

async function render(main, ctx) {
  const { ui, api } = ctx;
  const list = ui.el("div", { class: "cards" });
  const summary = ui.el("p", { class: "summary" });
  const pagerSlot = ui.el("div", { class: "pager-slot" });
  const state = ui.el("select", { id: "rq-state", name: "state" },
    ui.el("option", { value: "open" }, "Waiting for a person"), ui.el("option", { value: "resolved" }, "Resolved"));
  let shown = 0;

  const place = (item) => {
    const card = itemCard(ctx, item, (resolved) => {
      const fresh = place(resolved);
      card.replaceWith(fresh);
      fresh.querySelector("h2").focus(); // keep the keyboard where the item was
    });
    return card;
  };
  const loadPage = async (cursor) => {
    const query = { state: state.value, limit: 25, ...(cursor ? { cursor } : {}) };
    const result = await api("GET", "/v1/review-queue", { query });
    if (!result.ok) return ui.notify(`Could not read the review queue: ${ui.errorText(result)}`, "error");
    for (const item of result.data.items) list.append(place(item));
    shown += result.data.items.length;
    summary.textContent = shown ? `${shown} message${shown === 1 ? "" : "s"} shown, newest first.` : "No messages here.";
    pagerSlot.replaceChildren();
    const next = result.data.next_cursor;
    const control = next ? ui.pager(next, () => loadPage(next)) : null;
    if (control) pagerSlot.append(control);
  };
  const reload = () => {
    shown = 0;
    list.replaceChildren();
    return loadPage(null);
  };
  state.addEventListener("change", reload);

  main.replaceChildren(
    ui.el("h1", {}, "Review queue"),
    ui.el("p", { class: "hint" },
      "Messages with a request the engine would not act on alone: the contact's status is unchanged until an admin decides."),
    ui.labelled("Show", state),
    summary,
    list,
    pagerSlot,
  );
  await reload();
}

export default { title: "Review queue", path: "#/review-queue", render };
