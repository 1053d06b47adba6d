// The import page's pieces that show an import: its state in words, its counts, the download of
// its rejected rows, and the table of the workspace's recent imports.

import { formatCount } from "./import_job.js";

const STATES = {
  waiting_for_upload: "Waiting for upload",
  running: "Running",
  done: "Done",
  failed: "Failed",
};

export const COUNTS = [
  ["rows", "Rows read"],
  ["created", "Created"],
  ["updated", "Updated"],
  ["opted_out", "Opted out"],
  ["kept", "Kept opted out (never re-subscribed)"],
  ["rejected", "Rejected"],
];

// "Rows read" is the rows the job has done; the other counts are the job's own fields.
export function countOf(job, key) {
  return (key === "rows" ? job.rows_done : job[key]) ?? 0;
}

// A state as a badge: its colour by class AND the state in words.
export function stateBadge(ui, status) {
  return ui.el("span", { class: ["badge", `import-${status || "unknown"}`] }, STATES[status] || String(status || "unknown"));
}

export function progressText(job) {
  const total = job.rows_total;
  if (job.status === "waiting_for_upload") return "Waiting for the file to arrive…";
  if (job.status === "failed") return `Stopped after ${formatCount(job.rows_done)} rows`;
  if (!total) return `${formatCount(job.rows_done)} rows so far`;
  // The API's own percent (100 only once done); one computed alike if an answer lacks it.
  const percent = job.progress ?? Math.min(99, Math.floor((100 * (job.rows_done || 0)) / total));
  return `${formatCount(job.rows_done)} of ${formatCount(total)} rows (${percent}%)`;
}

export function errorOf(job) {
  const error = job.error;
  if (!error) return "the import failed";
  return typeof error === "string" ? error : error.message || error.code || "the import failed";
}

export function rejectedLink(ui, job, label) {
  if (!job.rejected_url || !countOf(job, "rejected")) return null;
  return ui.el("a", { href: job.rejected_url, class: "download", download: `rejected-${job.id}.csv`, rel: "noreferrer" }, label);
}

export function countsList(ui, job) {
  const list = ui.el("dl", { class: "counts" });
  for (const [key, label] of COUNTS) list.append(ui.el("dt", {}, label), ui.el("dd", {}, formatCount(countOf(job, key))));
  return list;
}

const FOLLOWABLE = new Set(["running"]); // one waiting for its upload waits for a file this page no longer has

function row(ui, job, onFollow) {
  const { el } = ui;
  const rows = job.rows_total ? `${formatCount(job.rows_done)} of ${formatCount(job.rows_total)}` : formatCount(job.rows_done);
  const follow = FOLLOWABLE.has(job.status)
    ? el("button", { type: "button", class: "secondary", onclick: () => onFollow(job) }, `Follow ${job.filename || job.id}`)
    : null;
  const download = rejectedLink(ui, job, `Rejected rows of ${job.filename || job.id}`);
  return el("tr", { class: `import-row-${job.status}` },
    el("td", {}, ui.formatTime(job.created_at)),
    el("th", { scope: "row" }, job.filename || job.id),
    el("td", {}, stateBadge(ui, job.status)),
    el("td", {}, rows),
    el("td", {}, formatCount(countOf(job, "rejected"))),
    el("td", {}, download || follow || (job.status === "failed" ? errorOf(job) : "—")));
}

export const RECENT_TITLE = "recent-imports-title"; // the heading that names the table

// The table of recent imports, newest first; onFollow(job) shows a running one's progress.
export function importsTable(ui, imports, onFollow) {
  const { el } = ui;
  if (!imports.length) return el("p", { class: "muted" }, "No import yet.");
  const head = el("tr", {}, ...["Started", "File", "State", "Rows", "Rejected", "Details"].map((h) =>
    el("th", { scope: "col" }, h)));
  const body = el("tbody", {}, ...imports.map((job) => row(ui, job, onFollow)));
  const table = el("table", { class: "data-table imports-table", "aria-labelledby": RECENT_TITLE }, el("thead", {}, head), body);
  const wrap = el("div", { class: "table-wrap" }, table);
  ui.labelColumns(wrap);
  return wrap;
}
