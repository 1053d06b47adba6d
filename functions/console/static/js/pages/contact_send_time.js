// The contact pane's "Send time": where the contact is taken to be (its area code and the
// attributes that refine it), whether it may be texted now or is deferred and why (POST
// /v1/eligibility for this one number), and the evidence of a reassigned-number lookup.

import { reassignedEvidence, reasonList, suppressedReasons, utcTime, zonedTime } from "./send_time_reasons.js";

const LOCATION_ATTRIBUTES = [["state", "State attribute"], ["postal_code", "Postal code attribute"], ["time_zone", "Time zone attribute"]];

// "+13055550100" -> "305": the North American area code, or null.
export function areaCode(phone) {
  const match = /^\+1(\d{3})\d{7}$/.exec(phone || "");
  return match ? match[1] : null;
}

function locationList(ui, contact, zones) {
  const { el } = ui;
  const attributes = contact.attributes || {};
  const code = areaCode(contact.phone);
  const pairs = [["Area code", code || "None (outside North America: the workspace's default window applies)"]];
  for (const [name, label] of LOCATION_ATTRIBUTES) {
    if (attributes[name] !== undefined && attributes[name] !== null && attributes[name] !== "") pairs.push([label, String(attributes[name])]);
  }
  if (zones.length) pairs.push(["Quiet hours checked in", zones.join(", ")]);
  const dl = el("dl", { class: "details", "aria-label": "Where the contact is taken to be" });
  for (const [term, value] of pairs) dl.append(el("dt", {}, term), el("dd", {}, value));
  return dl;
}

function nowText(ui, data, phone) {
  const { el } = ui;
  const deferred = (data.deferred || []).find((e) => e.phone === phone);
  if (deferred) {
    const quiet = (deferred.reasons || []).find((r) => r.code === "quiet_hours");
    return [el("p", { class: "deferral" }, el("span", { class: "badge deferred" }, "Deferred"), " now; sendable from ",
      quiet ? zonedTime(ui, deferred.sendable_at, quiet.time_zone) : utcTime(ui, deferred.sendable_at),
      quiet ? [" (", utcTime(ui, deferred.sendable_at), ")"] : ""),
    reasonList(ui, deferred.reasons, `Why ${phone} is deferred`)];
  }
  const suppressed = (data.suppressed || []).find((e) => e.phone === phone);
  if (suppressed) {
    return [el("p", {}, el("span", { class: "badge sendable-no" }, "Not sendable"), " at any time:"),
      reasonList(ui, suppressedReasons(suppressed), `Why ${phone} is suppressed`)];
  }
  if ((data.not_checked || []).includes(phone)) return el("p", { class: "hint" }, "Not checked: a lookup could not be made now.");
  if ((data.sendable || []).includes(phone)) return el("p", {}, el("span", { class: "badge sendable-yes" }, "Sendable"), " now.");
  return el("p", { class: "muted" }, "The eligibility answer did not name this number.");
}

function zonesOf(data) {
  const reasons = (data.deferred || []).flatMap((e) => e.reasons || []);
  return [...new Set(reasons.filter((r) => r.time_zone).map((r) => r.time_zone))];
}

// The answer's reassigned reason for phone as the evidence it stands on, or null.
function reassignedOf(data, phone) {
  const entry = (data.suppressed || []).find((e) => e.phone === phone);
  const reason = entry && (entry.reasons || []).find((r) => r.code === "reassigned");
  return reason ? { answer: "yes", asked_date: reason.asked_date, source: reason.source, checked_at: reason.checked_at } : null;
}

// The section, filled once the eligibility answer is in (the pane shows at once without it).
export function sendTimeSection(ctx, contact) {
  const { ui, api } = ctx;
  const { el } = ui;
  const body = el("div", { class: "send-time-body", "aria-busy": "true" }, el("p", { class: "muted" }, "Checking the send-time rules…"));
  const evidence = el("div", { class: "reassigned-slot" });
  const showEvidence = (check) => {
    if (check) evidence.replaceChildren(el("h4", {}, "Reassigned-number check"), reassignedEvidence(ui, check));
  };
  showEvidence(contact.reassigned_check);
  const section = el("section", { class: "send-time", "aria-labelledby": "send-time-title" },
    el("h3", { id: "send-time-title" }, "Send time"),
    body,
    evidence,
    el("p", { class: "hint" }, el("a", { href: `#/eligibility?phones=${encodeURIComponent(contact.phone)}` }, "Check another send time"),
      " on the Eligibility page."));
  api("POST", "/v1/eligibility", { body: { phones: [contact.phone], lookups: false } }).then((result) => {
    body.replaceChildren();
    body.setAttribute("aria-busy", "false");
    if (!result.ok) {
      body.append(locationList(ui, contact, []), el("p", { class: "error-text" }, `Could not check the send time: ${ui.errorText(result)}`));
      return;
    }
    body.append(locationList(ui, contact, zonesOf(result.data)), el("div", { class: "send-time-now" }, nowText(ui, result.data, contact.phone)));
    if (!contact.reassigned_check) showEvidence(reassignedOf(result.data, contact.phone));
  });
  return section;
}
