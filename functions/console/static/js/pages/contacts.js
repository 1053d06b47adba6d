// Contacts: find a contact by phone, name or attribute, filter by status, and act on its consent.
//
// A whole number is looked up directly (GET /v1/contacts/{phone}). Anything else is searched by
// the API across the workspace (GET /v1/contacts?q=&attribute=&status=, docs/contacts-search.md):
// each page holds the matches among a bounded number of contacts read, so a page may be short or
// empty while more remain; the page reads on by itself a few times before it offers "Next page".

import { consentSection, consentsOf, topicChangeText } from "./contact_consents.js";
import { sendTimeSection } from "./contact_send_time.js";

export const STATUS_WORDS = { active: "Active", opted_out: "Opted out", blocked: "Blocked" };
const REASON_WORDS = {
  keyword: "keyword", intent: "intent", fuzzy: "typo", carrier: "carrier opt-out",
  failed_delivery: "failed delivery", manual: "manual", import: "import", api: "API", review: "review queue",
  reassigned_number: "reassigned number",
};
const INITIATOR_WORDS = { contact: "the contact", api_key: "API key", user: "user", system: "system" };
const PHONE_LIKE = /^\+?[\d\s().-]{6,}$/;

export function reasonText(reason) {
  return reason ? REASON_WORDS[reason] || reason : "—";
}

export function initiatorText(initiator) {
  if (!initiator) return "—";
  const who = initiator.name || initiator.id || "";
  const kind = INITIATOR_WORDS[initiator.type] || initiator.type;
  return who ? `${who} (${kind})` : kind;
}

export function button(ui, text, handler, { disabled = false, kind = "" } = {}) {
  const b = ui.el("button", { type: "button" }, text);
  if (kind) b.classList.add(...kind.split(" "));
  b.disabled = disabled;
  b.addEventListener("click", handler);
  return b;
}

let uid = 0;
/** A control for admins: members get it disabled, with the reason in visible text beside it. */
export function adminOnly(ctx, control) {
  return ctx.ui.adminOnly(control, ctx.isAdmin, "Admins only");
}

function textControl(ui, tag, attrs, value = "") {
  const control = ui.el(tag, { id: `f-${++uid}`, ...attrs });
  control.value = value;
  return control;
}

function detailList(ui, pairs) {
  const dl = ui.el("dl", { class: "details" });
  for (const [term, value] of pairs) {
    dl.append(ui.el("dt", {}, term), ui.el("dd", {}, value ?? "—"));
  }
  return dl;
}

function contactRow(ctx, contact, open) {
  const { ui } = ctx;
  const phone = button(ui, contact.phone, () => open(contact.phone), { kind: `link phone-${contact.status}` });
  const row = ui.el(
    "tr", { class: `contact-row row-${contact.status}` },
    ui.el("td", { "data-label": "Phone" }, phone),
    ui.el("td", { "data-label": "Name" }, contact.name || "—"),
    ui.el("td", { "data-label": "Status" }, ui.statusBadge(contact.status)),
    ui.el("td", { "data-label": "Reason" }, reasonText(contact.status_reason)),
    ui.el("td", { "data-label": "Changed" }, ui.formatTime(contact.status_changed_at)),
  );
  row.dataset.phone = contact.phone;
  return row;
}

function searchForm(ctx, onSearch) {
  const { ui } = ctx;
  const query = textControl(ui, "input", { type: "search", name: "q", autocomplete: "off", maxlength: "100" });
  const attribute = textControl(ui, "input", {
    type: "search", name: "attribute", autocomplete: "off", maxlength: "165", placeholder: "plan:gold",
  });
  const status = ui.el("select", { id: `f-${++uid}`, name: "status" }, ui.el("option", { value: "" }, "Any status"));
  for (const [value, word] of Object.entries(STATUS_WORDS)) status.append(ui.el("option", { value }, word));
  const form = ui.el(
    "form", { class: "search toolbar", role: "search" },
    ui.labelled("Phone or name", query),
    ui.labelled("Attribute (name:value)", attribute),
    ui.labelled("Status", status),
    ui.el("button", { type: "submit" }, "Search"),
    ui.el("p", { class: "hint" },
      "A whole phone number opens that contact. A name matches in any case, part of a number " +
      "matches its digits, and an attribute matches its exact value, across the whole workspace."),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onSearch(query.value.trim(), status.value, attribute.value.trim());
  });
  return form;
}

function bulkDelete(ctx, afterDelete) {
  const { ui, api } = ctx;
  const status = ui.el("select", { id: `f-${++uid}`, name: "bulk-status" });
  for (const [value, word] of Object.entries(STATUS_WORDS)) status.append(ui.el("option", { value }, word));
  status.value = "opted_out";
  const run = button(ui, "Delete all of this status", async () => {
    const word = STATUS_WORDS[status.value].toLowerCase();
    const ok = await ui.confirmDialog(
      `Delete every ${word} contact? Their profiles are deleted; opt-outs and blocks are kept as ` +
      "suppression records, so those numbers still cannot be texted.",
    );
    if (!ok) return;
    let deleted = 0;
    for (let round = 0; round < 100; round += 1) {
      const result = await api("DELETE", "/v1/contacts", { query: { status: status.value } });
      if (!result.ok) return ui.notify(`Delete refused: ${ui.errorText(result)}`, "error");
      deleted += result.data.deleted;
      if (!result.data.has_more) break;
    }
    ui.notify(`Deleted ${deleted} ${word} contact${deleted === 1 ? "" : "s"}; suppression records were kept.`, "ok");
    afterDelete();
  }, { kind: "danger" });
  status.disabled = !ctx.isAdmin;
  return ui.el(
    "section", { class: "bulk-delete panel", "aria-labelledby": "bulk-delete-title" },
    ui.el("h2", { id: "bulk-delete-title" }, "Delete all contacts of a status"),
    ui.labelled("Status to delete", status),
    adminOnly(ctx, run),
  );
}

function statusActions(ctx, contact, done) {
  const { ui, api } = ctx;
  const note = textControl(ui, "textarea", { name: "note", rows: "2", maxlength: "1000" });
  const send = async (command, needsNote) => {
    const text = note.value.trim();
    if (needsNote && !text) {
      note.focus();
      return ui.notify("A note is required to opt a contact back in or unblock it.", "error");
    }
    const body = { phone: contact.phone, status: command, ...(text ? { note: text } : {}) };
    const result = await api("POST", "/v1/contact/set_status", { body });
    if (!result.ok) return ui.notify(`Refused: ${ui.errorText(result)}`, "error");
    const now = STATUS_WORDS[result.data.contact.status].toLowerCase();
    await done(result.data.contact);
    ui.notify(result.data.changed ? `${contact.phone} is now ${now}.` : `${contact.phone} was already ${now}; nothing changed.`, "ok");
  };
  return ui.el(
    "fieldset", { class: "status-actions" },
    ui.el("legend", {}, "Change status"),
    ui.labelled("Note", note),
    ui.el("p", { class: "hint" }, "A note is required to opt back in or unblock; it is kept on the consent event."),
    ui.el(
      "div", { class: "actions" },
      button(ui, "Opt out", () => send("unsubscribed", false), { kind: "danger" }),
      button(ui, "Block", () => send("blocked", false), { kind: "danger" }),
      adminOnly(ctx, button(ui, "Opt back in", () => send("subscribed", true))),
      adminOnly(ctx, button(ui, "Unblock", () => send("unblocked", true))),
    ),
  );
}

function profileForm(ctx, contact, done) {
  const { ui, api } = ctx;
  const name = textControl(ui, "input", { type: "text", name: "name", maxlength: "200" }, contact.name || "");
  const attrs = textControl(ui, "textarea", { name: "attributes", rows: "3", spellcheck: "false" },
    JSON.stringify(contact.attributes || {}, null, 1));
  const form = ui.el(
    "form", { class: "profile" },
    ui.el("h3", {}, "Profile"),
    ui.labelled("Name", name),
    ui.labelled("Attributes (JSON object)", attrs),
    ui.el("button", { type: "submit" }, "Save profile"),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    let attributes;
    try {
      attributes = JSON.parse(attrs.value || "{}");
      if (!attributes || typeof attributes !== "object" || Array.isArray(attributes)) throw new Error();
    } catch {
      return ui.notify("Attributes must be a JSON object, such as {\"plan\": \"gold\"}.", "error");
    }
    for (const key of Object.keys(contact.attributes || {})) if (!(key in attributes)) attributes[key] = null;
    const body = { name: name.value.trim() || null, attributes };
    const result = await api("PATCH", `/v1/contacts/${encodeURIComponent(contact.phone)}`, { body });
    if (!result.ok) return ui.notify(`Profile not saved: ${ui.errorText(result)}`, "error");
    await done(result.data);
    ui.notify(`Saved ${contact.phone}'s profile.`, "ok");
  });
  return form;
}

function eventItem(ui, event) {
  const from = event.previous_status ? STATUS_WORDS[event.previous_status] : "New";
  const item = ui.el(
    "li", { class: `event event-${event.status}` },
    ui.formatTime(event.occurred_at), " ",
    ui.el("strong", {}, event.topic_change && !event.topic_change.status_changed
      ? topicChangeText(event.topic_change) : `${from} → ${STATUS_WORDS[event.status]}`),
    ui.el("span", { class: "event-meta" },
      ` · ${reasonText(event.reason)} · by ${initiatorText(event.initiator)}${event.inbox ? ` · inbox ${event.inbox}` : ""}`),
  );
  if (event.message_text) item.append(ui.el("blockquote", { class: "message-text" }, event.message_text));
  if (event.note) item.append(ui.el("p", { class: "note" }, `Note: ${event.note}`));
  return item;
}

function deliveryText(contact) {
  const last = contact.last_delivery;
  if (!last) return "No delivery outcome yet";
  const code = last.error_code ? `, error ${last.error_code}` : "";
  const kind = last.failure_class && last.failure_class !== "none" ? ` (${last.failure_class.replace(/_/g, " ")}${code})` : code;
  return `${last.status}${kind}`;
}

async function renderPane(ctx, pane, phone, onChange, { focus = true } = {}) {
  const { ui, api } = ctx;
  const path = `/v1/contacts/${encodeURIComponent(phone)}`;
  const [found, history, consents] = await Promise.all([
    api("GET", path), api("GET", `${path}/events`), consentsOf(api, phone),
  ]);
  pane.replaceChildren();
  if (!found.ok) {
    pane.append(ui.el("p", { class: "error" }, ui.errorText(found)));
    return;
  }
  const contact = found.data;
  const events = history.ok ? history.data.events : [];
  // A lookup's evidence (a reassigned number) changes no status: it is not what caused this one.
  const cause = events.find((e) => e.status === contact.status && e.reason !== "reassigned_number");
  const refresh = (updated) => { onChange(updated); return renderPane(ctx, pane, phone, onChange, { focus: false }); };
  const title = ui.el("h2", { id: "contact-pane-title", tabindex: "-1" }, `Contact ${contact.phone}`);
  const timeline = ui.el("ol", { class: "timeline", "aria-label": "Consent history" });
  for (const event of events) timeline.append(eventItem(ui, event));
  if (!events.length) timeline.append(ui.el("li", {}, history.ok ? "No consent events yet." : ui.errorText(history)));
  const more = history.ok && history.data.next_cursor ? moreEvents(ctx, path, timeline, history.data.next_cursor) : null;
  const remove = button(ui, "Delete contact", async () => {
    const ok = await ui.confirmDialog(
      `Delete ${contact.phone}'s profile? Any opt-out or block is kept as a suppression record, and its consent history stays.`,
    );
    if (!ok) return;
    const result = await api("DELETE", path);
    if (!result.ok) return ui.notify(`Not deleted: ${ui.errorText(result)}`, "error");
    const kept = result.data.suppression_kept ? ` Its ${STATUS_WORDS[result.data.status].toLowerCase()} status was kept as a suppression record.` : "";
    ui.notify(`Deleted ${contact.phone}.${kept}`, "ok");
    onChange(null, contact.phone);
    pane.replaceChildren();
  }, { kind: "danger" });
  pane.append(
    title,
    detailList(ui, [
      ["Name", contact.name || "—"],
      ["Status", ui.statusBadge(contact.status)],
      ["Reason", reasonText(contact.status_reason)],
      ["Initiated by", cause ? initiatorText(cause.initiator) : "—"],
      ["When", ui.formatTime(contact.status_changed_at || (cause && cause.occurred_at))],
      ["Triggering message", cause && cause.message_text ? ui.el("q", {}, cause.message_text) : "—"],
      ["Last delivery", ui.el("span", {}, deliveryText(contact), " ", contact.last_delivery ? ui.formatTime(contact.last_delivery.at) : "")],
      ["Failure run", `${contact.consecutive_failures} failed in a row`],
    ]),
    statusActions(ctx, contact, refresh),
    profileForm(ctx, contact, refresh),
    consentSection(ctx, contact, consents),
    sendTimeSection(ctx, contact),
    ui.el("h3", {}, "Consent history"),
    timeline,
  );
  if (more) pane.append(more);
  pane.append(ui.el("div", { class: "actions" }, remove));
  if (focus) title.focus();
}

function moreEvents(ctx, path, timeline, cursor) {
  const { ui, api } = ctx;
  const slot = ui.el("div", { class: "pager-slot" });
  const place = (next) => {
    slot.replaceChildren();
    if (!next) return;
    const control = ui.pager(next, async () => {
      const result = await api("GET", `${path}/events`, { query: { cursor: next } });
      if (!result.ok) return ui.notify(ui.errorText(result), "error");
      for (const event of result.data.events) timeline.append(eventItem(ui, event));
      place(result.data.next_cursor);
    });
    if (control) slot.append(control);
  };
  place(cursor);
  return slot;
}

async function render(main, ctx) {
  const { ui, api } = ctx;
  const state = { needle: "", status: "", attribute: "" };
  const tbody = ui.el("tbody");
  const summary = ui.el("p", { class: "summary", "aria-live": "polite" });
  const pagerSlot = ui.el("div", { class: "pager-slot" });
  const pane = ui.el("section", { class: "contact-pane", "aria-labelledby": "contact-pane-title" });
  const rows = new Map();

  const onChange = (contact, deletedPhone) => {
    const phone = contact ? contact.phone : deletedPhone;
    const old = rows.get(phone);
    if (!old) return;
    if (!contact) { old.remove(); rows.delete(phone); return; }
    const fresh = contactRow(ctx, contact, open);
    old.replaceWith(fresh);
    rows.set(phone, fresh);
  };
  const open = (phone) => renderPane(ctx, pane, phone, onChange);
  const show = (contacts) => {
    for (const contact of contacts) {
      if (rows.has(contact.phone)) continue;
      const row = contactRow(ctx, contact, open);
      rows.set(contact.phone, row);
      tbody.append(row);
    }
    summary.textContent = rows.size ? `${rows.size} contact${rows.size === 1 ? "" : "s"} shown.` : "No contacts match.";
  };
  const loadPage = async (cursor) => {
    const query = {
      limit: 50,
      ...(state.status ? { status: state.status } : {}),
      ...(state.needle ? { q: state.needle } : {}),
      ...(state.attribute ? { attribute: state.attribute } : {}),
    };
    const searching = Boolean(state.needle || state.attribute);
    let result;
    // A search page may be empty while more contacts remain unread: read on a few pages.
    for (let round = 0; round < 5; round += 1) {
      result = await api("GET", "/v1/contacts", { query: { ...query, ...(cursor ? { cursor } : {}) } });
      if (!result.ok) {
        summary.textContent = "";
        return ui.notify(`Could not list contacts: ${ui.errorText(result)}`, "error");
      }
      show(result.data.contacts);
      cursor = result.data.next_cursor;
      if (!searching || !cursor || result.data.contacts.length) break;
    }
    if (searching && cursor) {
      const found = rows.size ? `${rows.size} match${rows.size === 1 ? "" : "es"} shown so far.` : "No matches so far.";
      summary.textContent = `${found} More contacts remain to be searched: "Next page" reads on.`;
    }
    pagerSlot.replaceChildren();
    const next = result.data.next_cursor;
    const control = next ? ui.pager(next, () => loadPage(next)) : null;
    if (control) pagerSlot.append(control);
  };
  const search = async (needle, status, attribute = "") => {
    Object.assign(state, { needle, status, attribute });
    summary.textContent = "Searching…";
    tbody.replaceChildren();
    rows.clear();
    pagerSlot.replaceChildren();
    if (needle && !attribute && PHONE_LIKE.test(needle)) {
      const result = await api("GET", `/v1/contacts/${encodeURIComponent(needle)}`);
      if (result.ok) {
        show(status && result.data.status !== status ? [] : [result.data]);
        if (rows.size) open(result.data.phone);
        return;
      }
      if (result.status !== 404 && result.status !== 400) {
        summary.textContent = `No contact found: ${ui.errorText(result)}.`;
        return;
      }
      // Not a whole number of this workspace: search for it as part of a number.
    }
    await loadPage(null);
  };

  const form = searchForm(ctx, search);
  main.replaceChildren(
    ui.el("h1", {}, "Contacts"),
    form,
    summary,
    ui.el(
      "div", { class: "table-wrap" },
      ui.el("table", { class: "contacts stack" },
        ui.el("caption", {}, "Contacts"),
        ui.el("thead", {}, ui.el("tr", {},
          ...["Phone", "Name", "Status", "Reason", "Changed"].map((h) => ui.el("th", { scope: "col" }, h)))),
        tbody),
    ),
    pagerSlot,
    pane,
    bulkDelete(ctx, () => { pane.replaceChildren(); return search(state.needle, state.status, state.attribute); }),
  );
  // #/contacts?phone=+14155550100 opens that contact (other pages link here).
  const linked = ctx.params ? (ctx.params.get("phone") || "").trim() : "";
  form.elements.q.value = linked;
  await search(linked, "");
}

export default { title: "Contacts", path: "#/contacts", render };
