// What the eligibility answer says about send time, in words: its reasons (quiet hours, frequency
// cap, reassigned number, landline, consent), times in the recipient's zone and in UTC, and the
// planned-time conversion of a wall time in a chosen zone. The Eligibility page and the contact
// pane both show reasons through reasonList, so they always read alike.

import { suppressionText } from "./contact_consents.js";

const WEEKDAY_FIRST = new Map(); // zone -> Intl.DateTimeFormat, built once each

function zoned(zone) {
  if (!WEEKDAY_FIRST.has(zone)) {
    WEEKDAY_FIRST.set(zone, new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "short", day: "numeric", month: "short", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }));
  }
  return WEEKDAY_FIRST.get(zone);
}

function validZone(zone) {
  try {
    zoned(zone);
    return true;
  } catch {
    return false;
  }
}

// "Wed 2 Dec 2026, 08:00" as the clock reads in zone; the ISO text itself if it is no time.
export function wallClock(iso, zone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return zoned(zone && validZone(zone) ? zone : "UTC").format(date);
}

// <time> reading the instant in zone, with the zone's name after it.
export function zonedTime(ui, iso, zone) {
  if (!iso) return ui.el("span", { class: "muted" }, "—");
  return ui.el("time", { datetime: iso }, `${wallClock(iso, zone)} ${zone || "UTC"}`);
}

export function utcTime(ui, iso) {
  return zonedTime(ui, iso, "UTC");
}

// The UTC offset of zone at an instant, in ms (from the zone's own clock reading).
function offsetMs(instant, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-US", {
    timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(instant).map((p) => [p.type, p.value]));
  const clock = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour % 24, +parts.minute, +parts.second);
  return clock - Math.floor(instant.getTime() / 1000) * 1000;
}

// "2026-12-01T21:30" read in zone -> the instant (a Date); null when the text is no wall time.
// Twice over, so an instant next to a daylight-saving change takes the offset in force there.
export function instantOf(wallText, zone) {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(wallText || "");
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const clock = Date.UTC(y, mo - 1, d, h, mi);
  let guess = clock - offsetMs(new Date(clock), zone);
  guess = clock - offsetMs(new Date(guess), zone);
  return new Date(guess);
}

export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

// Zones a planned time is most often given in; the browser's own comes first.
export function plannedZones() {
  const common = ["UTC", "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
    "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico"];
  return [...new Set([browserZone(), ...common])];
}

const CONSENT_CODES = new Set(["opted_out", "blocked", "no_consent", "topic_revoked", "awaiting_clarification"]);
const SOURCE_WORDS = { twilio: "Twilio Lookup", aws: "AWS End User Messaging", file: "uploaded result file" };

function sourceText(source) {
  return SOURCE_WORDS[source] || String(source || "unknown source");
}

function ruleTag(ui, reason) {
  return reason.rule ? ui.el("span", { class: "rule-id" }, " (rule ", ui.el("code", {}, reason.rule), ")") : null;
}

// The words of one reason, without its rule.
function reasonBody(ui, reason) {
  const { el } = ui;
  switch (reason.code) {
    case "quiet_hours":
      return [el("strong", {}, "Quiet hours"), ": next allowed ",
        zonedTime(ui, reason.next_allowed_at, reason.time_zone), " (", utcTime(ui, reason.next_allowed_at), ")"];
    case "frequency_cap": {
      const hours = reason.window_hours ?? "?";
      return [el("strong", {}, "Frequency cap"), `: ${reason.count} of at most ${reason.limit} messages in ${hours} h; a slot frees `,
        utcTime(ui, reason.frees_at)];
    }
    case "reassigned":
      return [el("strong", {}, "Reassigned number"), `: reported reassigned since ${reason.asked_date} (the date asked), by ${sourceText(reason.source)}, checked `,
        ui.formatTime(reason.checked_at)];
    case "landline":
      return [el("strong", {}, "Landline"), `: cannot receive texts (${sourceText(reason.source)}, checked `,
        ui.formatTime(reason.checked_at), ")"];
    default:
      if (CONSENT_CODES.has(reason.code)) {
        return [el("strong", {}, "Consent"), `: ${suppressionText(reason.code)}`,
          reason.since ? [", since ", ui.formatTime(reason.since)] : ""];
      }
      return [el("strong", {}, String(reason.code || "reason").replace(/_/g, " "))];
  }
}

// <ul> of a number's reasons, each with the rule that decided.
export function reasonList(ui, reasons, label) {
  const list = ui.el("ul", { class: "reasons", "aria-label": label });
  for (const reason of reasons || []) {
    list.append(ui.el("li", { class: `reason-${reason.code}`, dataset: { code: reason.code } },
      reasonBody(ui, reason), ruleTag(ui, reason)));
  }
  if (!list.children.length) list.append(ui.el("li", { class: "muted" }, "No reason given."));
  return list;
}

// A suppressed entry's reasons: the answer's list, else (an older API) its consent reason alone.
export function suppressedReasons(entry) {
  if (entry.reasons && entry.reasons.length) return entry.reasons;
  const code = entry.suppression || entry.status || "suppressed";
  return [{ code, rule: "consent", since: entry.since }];
}

// The evidence a reassigned-number lookup left on a contact (its reassigned_check field).
export function reassignedEvidence(ui, check) {
  const { el } = ui;
  const answer = { yes: "Reassigned", no: "Not reassigned", no_data: "No data" }[check.answer] || String(check.answer);
  const dl = el("dl", { class: "details reassigned-evidence" });
  for (const [term, value] of [
    ["Answer", el("span", { class: ["badge", `reassigned-${check.answer}`] }, answer)],
    ["Date asked", check.asked_date || "—"],
    ["Source", sourceText(check.source)],
    ["Checked", ui.formatTime(check.checked_at)],
  ]) dl.append(el("dt", {}, term), el("dd", {}, value));
  return dl;
}
