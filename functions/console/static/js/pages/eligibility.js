// Eligibility: which of these numbers may be texted now, or at a planned time (POST /v1/eligibility
// with phones, topic and at). The answer's deferred numbers say until when and why (quiet hours
// in the recipient's zone and in UTC, a frequency cap's count and when a slot frees); suppressed
// ones say why never (consent, a reassigned number with the date asked, a landline). Any key.

import { browserZone, instantOf, plannedZones, reasonList, suppressedReasons, utcTime, zonedTime } from "./send_time_reasons.js";

const MAX_PHONES = 10000;
const SHOWN = 1000; // rows per table: a long answer is counted in full, its first rows shown
const COUNTS = [["sendable", "Sendable"], ["deferred", "Deferred"], ["suppressed", "Suppressed"], ["invalid", "Invalid"], ["not_checked", "Not checked"]];
const STATUS_WORDS = { active: "Active", opted_out: "Opted out", blocked: "Blocked" };

// "+1 305 555 0140\n+13055550141, +13055550142" -> three numbers (spaces inside a number stay).
export function phoneList(text) {
  return (text || "").split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean);
}

function contactLink(ui, phone) {
  return ui.el("a", { href: `#/contacts?phone=${encodeURIComponent(phone)}`, class: "mono" }, phone);
}

function table(ui, caption, headings, rows, className) {
  const { el } = ui;
  const note = rows.length > SHOWN ? el("p", { class: "hint" }, `The first ${SHOWN} of ${rows.length} are shown.`) : "";
  return [el("div", { class: "table-wrap" },
    el("table", { class: ["data-table", className] },
      el("caption", {}, `${caption} (${rows.length})`),
      el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, ...rows.slice(0, SHOWN)))), note];
}

function deferredRow(ui, entry) {
  const { el } = ui;
  const quiet = (entry.reasons || []).find((r) => r.code === "quiet_hours");
  return el("tr", { dataset: { phone: entry.phone } },
    el("th", { scope: "row" }, contactLink(ui, entry.phone)),
    el("td", {}, utcTime(ui, entry.sendable_at),
      quiet ? el("small", { class: "hint local-time" }, zonedTime(ui, entry.sendable_at, quiet.time_zone)) : null),
    el("td", {}, reasonList(ui, entry.reasons, `Why ${entry.phone} is deferred`)));
}

function suppressedRow(ui, entry) {
  const { el } = ui;
  return el("tr", { dataset: { phone: entry.phone } },
    el("th", { scope: "row" }, contactLink(ui, entry.phone)),
    el("td", {}, entry.status ? ui.statusBadge(entry.status) : el("span", { class: "muted" }, "No record")),
    el("td", {}, reasonList(ui, suppressedReasons(entry), `Why ${entry.phone} is suppressed`)));
}

function countsList(ui, data) {
  const { el } = ui;
  const dl = el("dl", { class: "counts", "aria-label": "Counts" });
  for (const [key, label] of COUNTS) {
    const value = (data.counts && data.counts[key]) ?? (data[key] || []).length;
    dl.append(el("dt", {}, label), el("dd", { dataset: { count: key } }, String(value)));
  }
  return dl;
}

function plannedText(ui, at) {
  if (!at) return "Checked for now.";
  return ui.el("span", {}, "Checked for ", zonedTime(ui, at.iso, at.zone), at.zone === "UTC" ? "" : [" (", utcTime(ui, at.iso), ")"], ".");
}

export function answerSection(ui, data, at) {
  const { el } = ui;
  const section = el("section", { class: "eligibility-answer", "aria-labelledby": "eligibility-answer-title" },
    el("h2", { id: "eligibility-answer-title" }, "Answer"),
    el("p", { class: "summary" }, plannedText(ui, at),
      data.rules_version ? ` Rule table version ${data.rules_version}.` : ""),
    countsList(ui, data));
  const deferred = data.deferred || [];
  const suppressed = data.suppressed || [];
  if (deferred.length) section.append(...table(ui, "Deferred", ["Phone", "Sendable at", "Reasons"], deferred.map((e) => deferredRow(ui, e)), "deferred-table"));
  if (suppressed.length) section.append(...table(ui, "Suppressed", ["Phone", "Status", "Reasons"], suppressed.map((e) => suppressedRow(ui, e)), "suppressed-table"));
  if ((data.invalid || []).length) {
    const rows = data.invalid.map((i) => el("tr", {}, el("td", {}, el("code", {}, String(i.input))), el("td", {}, i.reason)));
    section.append(...table(ui, "Invalid", ["Input", "Why"], rows, "invalid-table"));
  }
  if ((data.not_checked || []).length) {
    section.append(el("h3", {}, `Not checked (${data.not_checked.length})`),
      el("p", { class: "hint" }, "These passed every other check, but a reassigned-number or line-type lookup could not be made for them now (its provider did not answer, or the call's lookup budget was spent). Ask again later."),
      el("ul", { class: "phone-list", "aria-label": "Not checked" }, ...data.not_checked.slice(0, SHOWN).map((p) => el("li", {}, contactLink(ui, p)))));
  }
  const sendable = data.sendable || [];
  section.append(el("h3", {}, `Sendable (${sendable.length})`),
    sendable.length
      ? el("ul", { class: "phone-list", "aria-label": "Sendable" }, ...sendable.slice(0, SHOWN).map((p) => el("li", {}, contactLink(ui, p))))
      : el("p", { class: "empty" }, "None of these numbers may be texted at this time."));
  return section;
}

async function topicSelect(ctx) {
  const { ui, api } = ctx;
  const select = ui.el("select", { name: "topic" }, ui.el("option", { value: "" }, "No topic (the overall status)"));
  const result = await api("GET", "/v1/topics");
  if (result.ok) for (const t of result.data.topics) select.append(ui.el("option", { value: t.id }, `${t.name} (${t.id})`));
  return select;
}

function plannedControls(ui) {
  const { el } = ui;
  const when = el("input", { type: "datetime-local", name: "at", step: 60 });
  const zone = el("select", { name: "at_zone" }, ...plannedZones().map((z) => el("option", { value: z }, z === browserZone() ? `${z} (this browser)` : z)));
  return { when, zone };
}

function readForm(ui, phones, when, zone) {
  const list = phoneList(phones.value);
  if (!list.length) return { error: "Enter at least one phone number.", focus: phones };
  if (list.length > MAX_PHONES) return { error: `At most ${MAX_PHONES} numbers in one check; this has ${list.length}.`, focus: phones };
  if (!when.value) return { list, at: null };
  const instant = instantOf(when.value, zone.value);
  if (!instant) return { error: "The planned send time is not a date and time.", focus: when };
  return { list, at: { iso: instant.toISOString(), zone: zone.value } };
}

async function render(main, ctx) {
  const { ui, api } = ctx;
  const { el, labelled } = ui;
  const phones = el("textarea", { name: "phones", rows: 5, spellcheck: "false", autocomplete: "off" });
  const topic = await topicSelect(ctx);
  const { when, zone } = plannedControls(ui);
  const check = el("button", { type: "submit", class: "primary" }, "Check");
  const answer = el("div", { class: "answer-slot", "aria-live": "polite" });
  const form = el("form", { class: "eligibility-form panel", "aria-label": "Check eligibility", novalidate: true },
    labelled("Phone numbers (one per line, or separated by commas)", phones, `Up to ${MAX_PHONES} numbers, in E.164 (+13055550100) or a national format.`),
    labelled("Topic", topic),
    el("div", { class: "toolbar planned-time" },
      labelled("Planned send time (optional)", when, "Empty: now. At most 30 days ahead."),
      labelled("Time zone of the planned time", zone)),
    el("div", { class: "actions" }, check));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const read = readForm(ui, phones, when, zone);
    if (read.error) {
      read.focus.focus();
      return ui.notify(`Not checked: ${read.error}`, "error");
    }
    const body = { phones: read.list, ...(topic.value ? { topic: topic.value } : {}), ...(read.at ? { at: read.at.iso } : {}) };
    check.disabled = true;
    const result = await api("POST", "/v1/eligibility", { body });
    check.disabled = false;
    if (!result.ok) {
      answer.replaceChildren();
      return ui.notify(`Not checked: ${ui.errorText(result)}`, "error");
    }
    answer.replaceChildren(answerSection(ui, result.data, read.at));
    const c = result.data.counts || {};
    ui.notify(`Checked ${read.list.length} number${read.list.length === 1 ? "" : "s"}: ${c.sendable ?? 0} sendable, ${c.deferred ?? 0} deferred, ${c.suppressed ?? 0} suppressed.`, "ok");
  });
  if (ctx.isCurrent && !ctx.isCurrent()) return;
  main.replaceChildren(el("h1", {}, "Eligibility"),
    el("p", { class: "hint" }, "Which numbers may be texted: consent first, then the send-time rules of the recipient's state (quiet hours, frequency caps), then reassigned-number and line-type lookups where this workspace enables them. A deferred number may be texted later; a suppressed one may not be."),
    form, answer);
  // #/eligibility?phones=+13055550100 (the contact pane links here) fills the form.
  const linked = ctx.params ? ctx.params.get("phones") : "";
  if (linked) phones.value = phoneList(linked).join("\n");
}

export default { title: "Eligibility", path: "#/eligibility", render };
