// The Auto Opt-Out folder: intent and typo opt-outs with the message, the rule and the matched
// text, each contact's current status, "Opt back in" (admin, with a note) and "Dismiss from
// folder" (any key, optional note): dismissing hides the entry and changes no consent; "Show
// dismissed entries" lists them again with who dismissed them and when.

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

function dismissForm(ctx, entry, onDismissed) {
  const { ui, api } = ctx;
  const note = ui.el("input", { type: "text", id: `aoo-dismiss-${++uid}`, name: "note", maxlength: "1000", autocomplete: "off" });
  const submit = ui.el("button", { type: "submit", class: "secondary" }, "Dismiss from folder");
  const form = ui.el("form", { class: "dismiss" }, ui.labelled(`Why dismiss ${entry.phone} (optional)`, note), submit);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const path = `/v1/auto-opt-outs/${encodeURIComponent(entry.phone)}/${encodeURIComponent(entry.event_id)}/dismiss`;
    const text = note.value.trim();
    const result = await api("POST", path, { body: text ? { note: text } : {} });
    submit.disabled = false;
    if (!result.ok) return ui.notify(`Dismiss refused: ${ui.errorText(result)}`, "error");
    ui.notify(`${entry.phone} is dismissed from the folder; its consent is unchanged.`, "ok");
    onDismissed(result.data);
  });
  return form;
}

function dismissedNote(ui, dismissal) {
  const who = dismissal.by.name || dismissal.by.id || dismissal.by.type;
  return ui.el("p", { class: "hint dismissed" }, `Dismissed by ${who}, `, ui.formatTime(dismissal.at),
    dismissal.note ? `: ${dismissal.note}` : ".");
}

function entryCard(ctx, entry, contact, onDone, onDismissed) {
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
  card.append(entry.dismissal ? dismissedNote(ui, entry.dismissal) : dismissForm(ctx, entry, onDismissed));
  return card;
}

async function render(main, ctx) {
  const { ui, api } = ctx;
  const list = ui.el("div", { class: "cards" });
  const summary = ui.el("p", { class: "summary" });
  const pagerSlot = ui.el("div", { class: "pager-slot" });
  const showDismissed = ui.el("input", { type: "checkbox", id: `aoo-show-dismissed-${++uid}`, name: "include_dismissed" });
  let shown = 0;

  const describe = () => {
    const plural = shown === 1 ? "" : "s";
    const which = showDismissed.checked ? "dismissed ones included" : "dismissed ones hidden";
    summary.textContent = shown ? `${shown} automatic opt-out${plural} shown, newest first (${which}).` : "The folder is empty.";
  };
  const place = (entry, contact) => {
    const card = entryCard(ctx, entry, contact, refresh, (dismissed) => onDismissed(card, dismissed));
    card.dataset.phone = entry.phone;
    card.entry = entry;
    card.contact = contact;
    return card;
  };
  const onDismissed = (card, dismissed) => {
    if (showDismissed.checked) {
      const fresh = place({ ...card.entry, dismissal: dismissed.dismissal }, card.contact);
      card.replaceWith(fresh);
      fresh.querySelector("h2").focus();
      return;
    }
    const next = card.nextElementSibling;
    card.remove();
    shown -= 1;
    describe();
    (next ? next.querySelector("h2") : summary).focus(); // keep the keyboard in the list
  };
  const refresh = (updated) => {
    for (const other of list.querySelectorAll("article")) {
      if (other.dataset.phone !== updated.phone) continue;
      const fresh = place(other.entry, updated);
      fresh.contact = updated;
      const hadFocus = other.contains(document.activeElement);
      other.replaceWith(fresh);
      if (hadFocus) fresh.querySelector("h2").focus(); // keep the keyboard where the entry was
    }
  };

  const loadPage = async (cursor) => {
    const query = { limit: 25, ...(cursor ? { cursor } : {}), ...(showDismissed.checked ? { include_dismissed: "true" } : {}) };
    const result = await api("GET", "/v1/auto-opt-outs", { query });
    if (!result.ok) return ui.notify(`Could not read the folder: ${ui.errorText(result)}`, "error");
    const entries = result.data.opt_outs;
    const contacts = await currentStatuses(api, entries.map((e) => e.phone));
    for (const entry of entries) list.append(place(entry, contacts.get(entry.phone)));
    shown += entries.length;
    describe();
    pagerSlot.replaceChildren();
    const next = result.data.next_cursor;
    const control = next ? ui.pager(next, () => loadPage(next)) : null;
    if (control) pagerSlot.append(control);
  };

  main.replaceChildren(
    ui.el("h1", {}, "Auto Opt-Out folder"),
    ui.el("p", { class: "hint" },
      "Contacts the engine opted out from what they wrote (intent or a typo of a keyword), not from a keyword. " +
      "Dismiss an entry once it needs no more attention: the contact stays opted out and its history is kept. " +
      "Any key may dismiss; opting back in is for admins."),
    ui.el("div", { class: "checkbox" }, showDismissed, ui.el("label", { for: showDismissed.id }, "Show dismissed entries")),
    summary,
    list,
    pagerSlot,
  );
  summary.tabIndex = -1;
  showDismissed.addEventListener("change", async () => {
    list.replaceChildren();
    shown = 0;
    await loadPage(null);
  });
  await loadPage(null);
}

export default { title: "Auto Opt-Out folder", path: "#/auto-opt-outs", render };
