// The Auto Opt-Out folder: intent and typo opt-outs with the message, the rule and the matched
// text, each contact's current status, and "Opt back in" (admin, with a note).
//
// The API has no way to dismiss an entry from the folder: an entry is a consent event, kept for good.

import { STATUS_WORDS, adminOnly, button, reasonText } from "./contacts.js";

let uid = 0;

async function currentStatuses(api, phones) {
  const statuses = new Map();
  await Promise.all([...new Set(phones)].map(async (phone) => {
    const result = await api("GET", `/v1/contacts/${encodeURIComponent(phone)}`);
    statuses.set(phone, result.ok ? result.data : null);
  }));
  return statuses;
}

function optInForm(ctx, entry, onDone) {
  const { ui, api } = ctx;
  const note = ui.el("input", { type: "text", id: `aoo-note-${++uid}`, name: "note", maxlength: "1000", autocomplete: "off" });
  const submit = ui.el("button", { type: "submit" }, "Opt back in");
  const form = ui.el("form", { class: "opt-in" }, ui.labelled(`Note for ${entry.phone}`, note), adminOnly(ctx, submit));
  note.disabled = !ctx.isAdmin;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = note.value.trim();
    if (!text) {
      note.focus();
      return ui.notify("A note is required to opt a contact back in.", "error");
    }
    const path = `/v1/auto-opt-outs/${encodeURIComponent(entry.phone)}/opt-in`;
    const result = await api("POST", path, { body: { note: text } });
    if (!result.ok) return ui.notify(`Opt-in refused: ${ui.errorText(result)}`, "error");
    const now = STATUS_WORDS[result.data.contact.status].toLowerCase();
    ui.notify(result.data.changed ? `${entry.phone} is opted back in (${now}).` : `${entry.phone} was already ${now}; nothing changed.`, "ok");
    onDone(result.data.contact);
  });
  return form;
}

function entryCard(ctx, entry, contact, onDone) {
  const { ui } = ctx;
  const decision = entry.decision || {};
  const status = contact ? contact.status : null;
  const card = ui.el(
    "article", { class: `auto-opt-out card row-${status || "unknown"}`, "aria-label": `Opt-out of ${entry.phone}` },
    ui.el("h2", { tabindex: "-1" }, entry.phone),
    ui.el("blockquote", { class: "message-text" }, entry.message_text || "(no message text)"),
  );
  const dl = ui.el("dl", { class: "details" });
  const pairs = [
    ["Received", ui.formatTime(entry.occurred_at)],
    ["Kind", reasonText(entry.reason)],
    ["Rule", decision.rule || "—"],
    ["Matched text", decision.match ? ui.el("mark", {}, decision.match) : "—"],
    ["Why", decision.detail || "—"],
    ["Inbox", entry.inbox || "—"],
    ["Current status", status ? ui.statusBadge(status) : "No contact record (the profile was deleted)"],
  ];
  for (const [term, value] of pairs) dl.append(ui.el("dt", {}, term), ui.el("dd", {}, value));
  card.append(dl);
  if (status === "opted_out") {
    card.append(optInForm(ctx, entry, onDone));
  } else if (status) {
    card.append(ui.el("p", { class: "hint" }, `Now ${STATUS_WORDS[status].toLowerCase()}: nothing to opt back in.`));
  }
  return card;
}

async function render(main, ctx) {
  const { ui, api } = ctx;
  const list = ui.el("div", { class: "cards" });
  const summary = ui.el("p", { class: "summary" });
  const pagerSlot = ui.el("div", { class: "pager-slot" });
  let shown = 0;

  const place = (entry, contact) => {
    const card = entryCard(ctx, entry, contact, refresh);
    card.dataset.phone = entry.phone;
    card.entry = entry;
    return card;
  };
  const refresh = (updated) => {
    for (const other of list.querySelectorAll("article")) {
      if (other.dataset.phone !== updated.phone) continue;
      const fresh = place(other.entry, updated);
      const hadFocus = other.contains(document.activeElement);
      other.replaceWith(fresh);
      if (hadFocus) fresh.querySelector("h2").focus(); // keep the keyboard where the entry was
    }
  };

  const loadPage = async (cursor) => {
    const result = await api("GET", "/v1/auto-opt-outs", { query: { limit: 25, ...(cursor ? { cursor } : {}) } });
    if (!result.ok) return ui.notify(`Could not read the folder: ${ui.errorText(result)}`, "error");
    const entries = result.data.opt_outs;
    const contacts = await currentStatuses(api, entries.map((e) => e.phone));
    for (const entry of entries) list.append(place(entry, contacts.get(entry.phone)));
    shown += entries.length;
    summary.textContent = shown ? `${shown} automatic opt-out${shown === 1 ? "" : "s"} shown, newest first.` : "The folder is empty.";
    pagerSlot.replaceChildren();
    const next = result.data.next_cursor;
    const control = next ? ui.pager(next, () => loadPage(next)) : null;
    if (control) pagerSlot.append(control);
  };

  main.replaceChildren(
    ui.el("h1", {}, "Auto Opt-Out folder"),
    ui.el("p", { class: "hint" },
      "Contacts the engine opted out from what they wrote (intent or a typo of a keyword), not from a keyword. " +
      "Entries stay in the folder as consent history: the API has no dismiss."),
    summary,
    list,
    pagerSlot,
  );
  await loadPage(null);
}

export default { title: "Auto Opt-Out folder", path: "#/auto-opt-outs", render };
