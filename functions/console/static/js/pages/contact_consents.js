// The contact pane's "Consent by topic" (GET /v1/contacts/{phone}/consents): each topic's status,
// since when, by what, whether it may be texted (or why not), and the evidence behind it; and the
// contact's evidence export (GET /v1/contacts/{phone}/evidence), fetched with the key in the
// Authorization header and handed to the browser as a blob: the key is never in a URL.

const STATUS_WORDS = { granted: "Granted", revoked: "Revoked", never: "Never given" };
const KIND_WORDS = {
  granted: "opt-in",
  revoke_all: "opt-out (revokes every topic)",
  revoked: "topic keyword (revokes this topic)",
  clarification_requested: "asked which topics were meant",
  clarified: "the contact's answer (narrowed the opt-out)",
  double_opt_in_requested: "asked to reply YES",
  confirmed: "YES reply (double opt-in)",
};
const SOURCE_WORDS = {
  web_form: "web form", keyword: "keyword", paper: "paper form", import: "import", api: "API", verbal: "verbal",
  intent: "intent", fuzzy: "typo", carrier: "carrier opt-out", failed_delivery: "failed delivery",
  manual: "manual", review: "review queue",
};
const SUPPRESSION_WORDS = {
  opted_out: "the number is opted out",
  blocked: "the number is blocked",
  topic_revoked: "consent to this topic was revoked",
  no_consent: "this topic needs express consent, and none was given",
  awaiting_clarification: "the contact has yet to say which topics they meant",
};

export function suppressionText(reason) {
  return SUPPRESSION_WORDS[reason] || String(reason || "not sendable").replace(/_/g, " ");
}

const CHANGE_WORDS = { granted: "Consent granted", revoked: "Consent revoked", revoke_all: "Every topic revoked" };

// A topic consent event of the history in words: "Consent granted: offers, visits".
export function topicChangeText(change) {
  const what = CHANGE_WORDS[change.kind] || `Topics: ${KIND_WORDS[change.kind] || String(change.kind).replace(/_/g, " ")}`;
  return change.topics && change.topics.length ? `${what}: ${change.topics.join(", ")}` : what;
}

export function consentsOf(api, phone) {
  return api("GET", `/v1/contacts/${encodeURIComponent(phone)}/consents`);
}

function statusBadge(el, status) {
  return el("span", { class: ["badge", `consent-${status in STATUS_WORDS ? status : "unknown"}`] }, STATUS_WORDS[status] || String(status));
}

function byText(by) {
  if (!by) return "—";
  const kind = KIND_WORDS[by.kind] || String(by.kind).replace(/_/g, " ");
  return by.source ? `${kind}, ${SOURCE_WORDS[by.source] || by.source}` : kind;
}

function sendableCell(el, topic) {
  if (topic.sendable) return el("span", { class: "badge sendable-yes" }, "Sendable");
  return el("span", {}, el("span", { class: "badge sendable-no" }, "Not sendable"), ` because ${suppressionText(topic.suppression)}`);
}

function evidenceDetails(ui, topic) {
  const { el } = ui;
  const proof = topic.evidence;
  if (!proof) return el("span", { class: "muted" }, "None recorded");
  const rows = [
    ["Disclosure", `version ${proof.disclosure_version}`],
    ["Disclosure text", proof.disclosure ? el("blockquote", { class: "message-text" }, proof.disclosure) : "—"],
    ["Source", SOURCE_WORDS[proof.source] || proof.source],
    ["Form URL", proof.form_url ? el("code", {}, proof.form_url) : "—"],
    ["Captured by", proof.captured_by || "—"],
    ["Captured at", ui.formatTime(proof.captured_at)],
    ["IP address", proof.ip || "—"],
    ["User agent", proof.user_agent || "—"],
    ["Disclosure hash (SHA-256)", el("code", { class: "hash" }, proof.disclosure_hash)],
  ];
  const dl = el("dl", { class: "details" });
  for (const [term, value] of rows) dl.append(el("dt", {}, term), el("dd", {}, value));
  return el("details", { class: "evidence" },
    el("summary", {}, "Evidence", el("span", { class: "visually-hidden" }, ` of ${topic.name}`)), dl);
}

function topicRow(ui, topic) {
  const { el } = ui;
  return el(
    "tr",
    { class: `consent-row consent-row-${topic.status}`, dataset: { topic: topic.topic } },
    el("th", { scope: "row" }, topic.name, " ", el("code", { class: "muted" }, topic.topic),
      topic.express_consent ? el("small", { class: "hint express" }, "express consent") : null),
    el("td", {}, statusBadge(el, topic.status)),
    el("td", {}, ui.formatTime(topic.since)),
    el("td", {}, byText(topic.by),
      topic.by && topic.by.honour_by ? el("small", { class: "hint honour-by" }, "Honour by ", ui.formatTime(topic.by.honour_by)) : null),
    el("td", {}, sendableCell(el, topic)),
    el("td", {}, evidenceDetails(ui, topic)),
  );
}

// The section for one contact, from the answer of consentsOf (a failed answer says why).
export function consentSection(ctx, contact, result) {
  const { ui } = ctx;
  const { el } = ui;
  const section = el("section", { class: "consents", "aria-labelledby": "consents-title" },
    el("h3", { id: "consents-title" }, "Consent by topic"));
  if (!result.ok) {
    section.append(el("p", { class: "error-text" }, `Could not read the consent by topic: ${ui.errorText(result)}`));
  } else if (!result.data.topics.length) {
    section.append(el("p", { class: "empty" },
      "This workspace defines no consent topics: the contact's overall status alone decides whether it may be texted."));
  } else {
    const blocked = { opted_out: "opted out", blocked: "blocked" }[result.data.status];
    if (blocked) section.append(el("p", { class: "warning" }, `This number is ${blocked}: no topic is sendable, whatever its consent.`));
    const head = el("tr", {}, ...["Topic", "Status", "Since", "By", "Sendable", "Evidence"].map((h) => el("th", { scope: "col" }, h)));
    section.append(el("div", { class: "table-wrap" },
      el("table", { class: "data-table consents-table" },
        el("caption", {}, `Consent by topic for ${contact.phone}`),
        el("thead", {}, head),
        el("tbody", {}, ...result.data.topics.map((t) => topicRow(ui, t))))));
  }
  section.append(evidenceExport(ctx, contact.phone));
  return section;
}

// --- the evidence export -----------------------------------------------------------------------

function saveBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// The API's printable page opened from a blob keeps the console's CSP (style-src 'self'): its own
// inline <style> would be refused, so it gives way to the console's print stylesheet.
const PRINT_CSS = new URL("../../css/evidence-print.css", import.meta.url).href;

export function printableDocument(html) {
  const link = `<link rel="stylesheet" href="${PRINT_CSS}">`;
  const bare = html.replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, "");
  return /<\/head>/i.test(bare) ? bare.replace(/<\/head>/i, `${link}</head>`) : link + bare;
}

function evidenceExport(ctx, phone) {
  const { ui, api } = ctx;
  const { el } = ui;
  const path = `/v1/contacts/${encodeURIComponent(phone)}/evidence`;
  const slot = el("p", { class: "printable-slot" });
  let printableUrl = null;

  const download = el("button", { type: "button", class: "secondary" }, "Evidence");
  download.setAttribute("aria-describedby", "evidence-hint");
  download.addEventListener("click", async () => {
    download.disabled = true;
    const result = await api("GET", path, { raw: true });
    download.disabled = false;
    if (!result.ok) return ui.notify(`Evidence not exported: ${ui.errorText(result)}`, "error");
    // The bytes as the API sent them: the saved file verifies as it is.
    const text = await result.data.text();
    saveBlob(new Blob([text], { type: "application/json" }), `evidence-${phone}.json`);
    ui.notify(`Downloaded the evidence of ${phone} as evidence-${phone}.json.`, "ok");
  });

  const printable = el("button", { type: "button", class: "secondary" }, "Printable evidence");
  printable.addEventListener("click", async () => {
    printable.disabled = true;
    const result = await api("GET", path, { query: { format: "html" }, raw: true });
    printable.disabled = false;
    if (!result.ok) return ui.notify(`Printable evidence not opened: ${ui.errorText(result)}`, "error");
    const html = await result.data.text();
    if (printableUrl) URL.revokeObjectURL(printableUrl);
    printableUrl = URL.createObjectURL(new Blob([printableDocument(html)], { type: "text/html" }));
    const link = el("a", { href: printableUrl, target: "_blank", rel: "noopener" }, `Open the printable evidence of ${phone}`);
    slot.replaceChildren(link);
    window.open(printableUrl, "_blank", "noopener");
    ui.notify(`Opened the printable evidence of ${phone} in a new tab; if the browser blocked it, use the link.`, "ok");
  });

  return el("div", { class: "evidence-export" },
    el("h4", {}, "Evidence export"),
    el("p", { class: "hint", id: "evidence-hint" },
      "Every consent and revocation event of this contact with its evidence, hash-chained and signed: a JSON file that can be verified offline, or a page to print."),
    el("div", { class: "actions" }, download, printable),
    slot);
}
