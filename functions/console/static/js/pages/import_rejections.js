// The first rejected rows of a finished import, read from its download (a CSV of
// line,reason,phone): only the file's first bytes, so a million rejected rows cost no more.

const SAMPLE_BYTES = 64 * 1024;
export const SHOWN = 20;

// RFC 4180 records of a text: quoted fields may hold commas, quotes ("") and newlines. A record
// cut off by the end of the sample is dropped (the sample ends mid-file).
export function parseCsv(text, complete) {
  const records = [];
  let record = [];
  let field = "";
  let quoted = false;
  let started = false; // a quote opens a quoted field only at the field's start
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i += 1; }
      else quoted = false;
    } else if (c === '"' && !started) {
      quoted = true;
      started = true;
    } else if (c === "," || c === "\n") {
      record.push(c === "\n" ? field.replace(/\r$/, "") : field);
      if (c === "\n") { records.push(record); record = []; }
      field = "";
      started = false;
    } else {
      field += c;
      started = true;
    }
  }
  if (complete && (field || record.length)) records.push([...record, field]);
  return records;
}

// Up to `limit` rejected rows {line, reason, phone}, or null when the download cannot be read.
export async function rejectedSample(url, limit = SHOWN) {
  let response;
  try {
    response = await fetch(url, {
      headers: { Range: `bytes=0-${SAMPLE_BYTES - 1}` }, credentials: "omit", cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch {
    return null; // the storage did not answer: the download link still works
  }
  if (!response.ok) return null;
  const whole = response.status === 200; // 206 is a part: its last record may be cut
  const [header, ...records] = parseCsv(await response.text(), whole);
  if (!header) return [];
  const at = (name) => header.indexOf(name);
  return records.slice(0, limit).map((r) => ({ line: r[at("line")], reason: r[at("reason")], phone: r[at("phone")] }));
}

export function rejectionsTable(ui, rows, total) {
  const { el } = ui;
  const body = el("tbody", {}, ...rows.map((r) =>
    el("tr", {}, el("th", { scope: "row" }, r.line ?? ""), el("td", {}, r.phone ?? ""), el("td", {}, r.reason ?? ""))));
  const head = el("tr", {}, ...["Line", "Phone", "Reason"].map((h) => el("th", { scope: "col" }, h)));
  const caption = rows.length < total ? `Rejected rows (first ${rows.length} of ${total})` : `Rejected rows (${total})`;
  const wrap = el("div", { class: "table-wrap" },
    el("table", { class: "data-table" }, el("caption", {}, caption), el("thead", {}, head), body));
  ui.labelColumns(wrap);
  return wrap;
}
