// Import: every CSV goes through the import job. POST /v1/imports gives a pre-signed S3 POST;
// the file goes there with its upload progress (XMLHttpRequest); the job starts on
// POST /v1/imports/{id}/start (or when S3 reports the upload) and the page reads
// GET /v1/imports/{id} every second: a bar of rows done / rows total, then the counts and a
// download of the rejected rows. Below it, the workspace's recent imports and their state.

import { FINAL, estimateRows, followImport, formatBytes, formatCount, uploadFile } from "./import_job.js";
import { RECENT_TITLE, countOf, countsList, errorOf, importsTable, progressText, rejectedLink } from "./import_list.js";
import { rejectedSample, rejectionsTable } from "./import_rejections.js";

const MAX_ROWS = 1_000_000;
const RECENT = 10;

// The two bars and the line that says which step runs (a live region: each step is announced
// once; the bars' own texts change too often to be read out).
function progressPanel(ui) {
  const { el } = ui;
  const bar = (id, label) => {
    const progress = el("progress", { id, max: "1", value: "0" });
    const text = el("span", { class: "progress-text", id: `${id}-text` });
    progress.setAttribute("aria-describedby", text.id);
    return { progress, text, box: el("div", { class: "import-bar" }, el("label", { for: id }, label), progress, text) };
  };
  const upload = bar("import-upload-bar", "Upload progress");
  const rows = bar("import-rows-bar", "Import progress");
  const step = el("p", { class: "import-step", role: "status", "aria-live": "polite" });
  const box = el("section", { class: "import-progress", "aria-label": "Import job" }, step, upload.box, rows.box);
  box.hidden = true;
  return { box, step, upload, rows };
}

function showUpload(panel, fraction, file) {
  const { progress, text } = panel.upload;
  if (fraction === null) {
    progress.removeAttribute("value");
    text.textContent = `Uploading ${formatBytes(file.size)}…`;
    return;
  }
  progress.value = fraction;
  progress.setAttribute("aria-valuetext", `${Math.round(fraction * 100)}% uploaded`);
  text.textContent = `${Math.round(fraction * 100)}% of ${formatBytes(file.size)}`;
}

function showRows(panel, job) {
  const { progress, text } = panel.rows;
  if (job.rows_total) {
    progress.max = job.rows_total;
    progress.value = Math.min(job.rows_done || 0, job.rows_total);
  } else if (FINAL.has(job.status)) {
    progress.max = 1;
    progress.value = job.status === "done" ? 1 : 0; // no longer moving: never indeterminate
  } else {
    progress.removeAttribute("value"); // no total yet: indeterminate
  }
  text.textContent = progressText(job);
  progress.setAttribute("aria-valuetext", text.textContent);
}

function setStep(panel, words) {
  if (panel.step.textContent !== words) panel.step.textContent = words;
}

async function showDone(ctx, out, job, name) {
  const { ui } = ctx;
  const { el } = ui;
  const rejected = countOf(job, "rejected");
  const link = rejectedLink(ui, job, `Download rejected rows (${formatCount(rejected)})`);
  out.replaceChildren(
    el("h2", {}, `Imported ${name}`),
    countsList(ui, job),
    link ? el("p", {}, link, " — each rejected row with its line and the reason.") : el("p", {}, "No row was rejected."),
  );
  ui.notify(`Imported ${name}: ${countOf(job, "rows")} rows, ${countOf(job, "created")} created, ${countOf(job, "updated")} updated, `
    + `${countOf(job, "opted_out")} opted out, ${countOf(job, "kept")} kept opted out, ${rejected} rejected`, "ok");
  const sample = link ? await rejectedSample(job.rejected_url) : null;
  if (sample && sample.length && ctx.isCurrent()) out.append(rejectionsTable(ui, sample, rejected));
}

function showFailure(ui, out, message, name) {
  out.replaceChildren(ui.el("p", { class: "error-text", role: "alert" }, `The import of ${name} failed: ${message}`));
  ui.notify(`Import failed: ${message}`, "error");
}

// Follow a job to its end on the panel; resolves the last import read (or null once left).
async function watch(ctx, panel, out, job, name) {
  setStep(panel, "Importing on the server…");
  showRows(panel, job);
  const last = await followImport(ctx.api, job.id, (now) => {
    showRows(panel, now);
    if (now.status === "running") setStep(panel, "Importing on the server…");
  }, ctx.isCurrent);
  if (!last) return null;
  if (last.error && !last.status) {
    setStep(panel, "Stopped: the import's state could not be read.");
    showFailure(ctx.ui, out, ctx.ui.errorText(last.error), name);
    return null;
  }
  if (last.status === "failed") {
    setStep(panel, "The import failed.");
    showFailure(ctx.ui, out, errorOf(last), name);
  } else {
    setStep(panel, "Done.");
    await showDone(ctx, out, last, name);
  }
  return last;
}

// Create the job, upload the file to it, start it; resolves the job or null after showing why not.
async function createAndUpload(ctx, panel, out, file) {
  setStep(panel, "Preparing the upload…");
  const created = await ctx.api("POST", "/v1/imports", { body: { filename: file.name } });
  if (!created.ok) {
    showFailure(ctx.ui, out, ctx.ui.errorText(created), file.name);
    return null;
  }
  const job = created.data;
  setStep(panel, `Uploading ${file.name}…`);
  panel.upload.box.hidden = false;
  showUpload(panel, 0, file);
  const sent = await uploadFile(job.upload_url, job.fields, file, (fraction) => showUpload(panel, fraction, file));
  if (!ctx.isCurrent()) return null;
  if (!sent.ok) {
    showFailure(ctx.ui, out, sent.error.message, file.name);
    return null;
  }
  showUpload(panel, 1, file);
  // S3's notification may start it first: a start of a running or finished job is no fault.
  const started = await ctx.api("POST", `/v1/imports/${encodeURIComponent(job.id)}/start`);
  if (!started.ok && started.status !== 409) {
    showFailure(ctx.ui, out, ctx.ui.errorText(started), file.name);
    return null;
  }
  return started.ok && started.data && started.data.id ? started.data : job;
}

const recentReads = new WeakMap(); // section -> the number of its latest read

async function loadRecent(ctx, section, onFollow) {
  const { el } = ctx.ui;
  const mine = (recentReads.get(section) || 0) + 1;
  recentReads.set(section, mine);
  const result = await ctx.api("GET", "/v1/imports", { query: { limit: RECENT } });
  if (!ctx.isCurrent() || recentReads.get(section) !== mine) return; // a later read answers instead
  const body = result.ok
    ? importsTable(ctx.ui, (result.data.items || []).slice(0, RECENT), onFollow)
    : el("p", { class: "error-text" }, `The recent imports could not be read: ${ctx.ui.errorText(result)}`);
  section.replaceChildren(el("h2", { id: RECENT_TITLE }, "Recent imports"), body);
}

async function describeFile(summary, input) {
  const file = input.files[0];
  summary.textContent = `${file.name}: ${formatBytes(file.size)}, counting rows…`;
  const { rows, exact } = await estimateRows(file);
  if (input.files[0] !== file) return; // another file was chosen meanwhile
  const count = `${exact ? "" : "about "}${formatCount(rows)} ${rows === 1 ? "row" : "rows"}`;
  const over = rows > MAX_ROWS ? ` That is more than ${formatCount(MAX_ROWS)}: the import will refuse it.` : "";
  summary.textContent = `${file.name}: ${formatBytes(file.size)}, ${count}.${over}`;
}

function layout(ui) {
  const { el, labelled } = ui;
  const file = el("input", { type: "file", name: "csv", accept: ".csv,text/csv", required: "" });
  const summary = el("p", { class: "file-summary muted", id: "import-file-summary" }, "No file chosen.");
  const button = el("button", { type: "submit", class: "primary" }, "Import");
  const form = el("form", { class: "import-form", "aria-label": "Import contacts" },
    labelled("CSV file", file), summary, button);
  file.setAttribute("aria-describedby", summary.id);
  const out = el("section", { class: "import-results", "aria-label": "Import results" });
  const recent = el("section", { class: "recent-imports", "aria-label": "Recent imports" });
  return { file, summary, button, form, out, recent, panel: progressPanel(ui) };
}

export default {
  title: "Import",
  path: "#/import",
  async render(main, ctx) {
    const { ui } = ctx;
    const view = layout(ui);
    main.replaceChildren(
      ui.el("h1", {}, "Import contacts"),
      ui.el("p", {}, `A header row naming a phone column (optionally name, opt_out and attributes), then up to ${formatCount(MAX_ROWS)} rows. opt_out takes yes/y/true/t/1 or no/n/false/f/0; other columns become attributes. An import never re-subscribes an opted-out contact, and a bad row never stops the good ones.`),
      view.form, view.panel.box, view.out, view.recent,
    );
    let busy = false;
    // The recent imports are busy (aria-busy) from an import's start until they are read again
    // after its end: what they show until then is about to change.
    const settle = async () => {
      view.recent.setAttribute("aria-busy", "true");
      await loadRecent(ctx, view.recent, follow);
      view.recent.setAttribute("aria-busy", "false");
    };
    const run = async (start) => {
      busy = true;
      view.recent.setAttribute("aria-busy", "true");
      view.button.disabled = true;
      view.out.replaceChildren();
      view.panel.box.hidden = false;
      view.panel.upload.box.hidden = true;
      showRows(view.panel, { status: "waiting_for_upload", rows_done: 0 });
      const job = await start();
      if (job && ctx.isCurrent()) loadRecent(ctx, view.recent, follow); // it is listed, running
      if (job) await watch(ctx, view.panel, view.out, job, job.filename || view.file.files[0]?.name || job.id);
      else if (ctx.isCurrent()) setStep(view.panel, "The import did not start.");
      busy = false;
      view.button.disabled = false;
      if (ctx.isCurrent()) await settle();
    };
    const follow = (job) => { if (!busy) run(async () => job); };
    view.file.addEventListener("change", () => {
      if (view.file.files[0]) describeFile(view.summary, view.file);
      else view.summary.textContent = "No file chosen.";
    });
    view.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const chosen = view.file.files[0];
      if (!chosen) {
        ui.notify("Choose a CSV file first.", "error");
        return;
      }
      if (!busy) run(() => createAndUpload(ctx, view.panel, view.out, chosen));
    });
    await settle();
  },
};
