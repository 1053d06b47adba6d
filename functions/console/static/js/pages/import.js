// Import: upload a CSV to POST /v1/contacts/import (text/csv), then show the counts and every
// rejected row with its line and reason. The import is one request: XMLHttpRequest reports the
// upload's progress, then the <progress> goes indeterminate while the server imports.

import { getKey } from "../api.js";

// The API's root is three levels above this module (<root>console/js/pages/import.js).
const IMPORT_URL = new URL("../../../v1/contacts/import", import.meta.url);

const COUNTS = [
  ["rows", "Rows read"],
  ["created", "Created"],
  ["updated", "Updated"],
  ["opted_out", "Opted out"],
  ["kept", "Kept opted out (never re-subscribed)"],
  ["rejected", "Rejected"],
];

function upload(file, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", IMPORT_URL);
    xhr.setRequestHeader("Authorization", `Bearer ${getKey()}`);
    xhr.setRequestHeader("Content-Type", "text/csv");
    xhr.responseType = "text";
    xhr.upload.addEventListener("progress", (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null));
    xhr.upload.addEventListener("load", () => onProgress("server"));
    xhr.addEventListener("load", () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch { /* not JSON */ }
      const ok = xhr.status >= 200 && xhr.status < 300;
      resolve({ ok, status: xhr.status, data: ok ? data : null, error: ok ? null : (data && data.error) || { code: "http_error", message: `HTTP ${xhr.status}`, details: null } });
    });
    xhr.addEventListener("error", () => resolve({ ok: false, status: 0, data: null, error: { code: "network", message: "the request did not reach the server", details: null } }));
    xhr.send(file);
  });
}

function showReport(ui, out, report, name) {
  const { el } = ui;
  const counts = el("dl", { class: "counts" });
  for (const [key, label] of COUNTS) counts.append(el("dt", {}, label), el("dd", {}, String(report[key])));
  const parts = [el("h2", {}, `Imported ${name}`), counts];
  if (report.rejections.length) {
    const body = el("tbody", {});
    for (const r of report.rejections) {
      body.append(el("tr", {}, el("th", { scope: "row" }, String(r.line)), el("td", {}, r.phone ?? ""), el("td", {}, r.reason)));
    }
    const head = el("tr", {}, ...["Line", "Phone", "Reason"].map((h) => el("th", { scope: "col" }, h)));
    parts.push(el("div", { class: "table-wrap" }, el("table", { class: "data-table" }, el("caption", {}, `Rejected rows (${report.rejections.length})`), el("thead", {}, head), body)));
  } else {
    parts.push(el("p", {}, "No row was rejected."));
  }
  out.replaceChildren(...parts);
}

export default {
  title: "Import",
  path: "#/import",
  async render(main, ctx) {
    const { ui } = ctx;
    const { el, labelled } = ui;
    const file = el("input", { type: "file", name: "csv", accept: ".csv,text/csv", required: "" });
    const button = el("button", { type: "submit" }, "Import");
    const progress = el("progress", { max: "1", "aria-label": "Import progress" });
    const progressText = el("span", { class: "progress-text" });
    const progressBox = el("div", { class: "import-progress" }, progress, progressText);
    progressBox.hidden = true;
    const out = el("section", { class: "import-results", "aria-label": "Import results" });
    const form = el("form", { class: "import-form", "aria-label": "Import contacts" }, labelled("CSV file", file), button);
    main.replaceChildren(
      el("h1", {}, "Import contacts"),
      el("p", {}, "A header row naming a phone column (optionally name, opt_out and attributes), then up to 100,000 rows. opt_out takes yes/y/true/t/1 or no/n/false/f/0; other columns become attributes. An import never re-subscribes an opted-out contact."),
      form,
      progressBox,
      out,
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const chosen = file.files[0];
      if (!chosen) {
        ui.notify("Choose a CSV file first.", "error");
        return;
      }
      button.disabled = true;
      progressBox.hidden = false;
      progress.value = 0;
      progressText.textContent = "Uploading… 0%";
      out.replaceChildren();
      const result = await upload(chosen, (fraction) => {
        if (fraction === "server" || fraction === null) {
          progress.removeAttribute("value"); // indeterminate: the server is importing
          progressText.textContent = fraction === "server" ? "Uploaded; importing on the server…" : "Uploading…";
        } else {
          progress.value = fraction;
          progressText.textContent = `Uploading… ${Math.round(fraction * 100)}%`;
        }
      });
      button.disabled = false;
      progressBox.hidden = true;
      if (!result.ok) {
        out.replaceChildren(el("p", { class: "error-text" }, ui.errorText(result)));
        ui.notify(`Import refused: ${ui.errorText(result)}`, "error");
        return;
      }
      const r = result.data;
      showReport(ui, out, r, chosen.name);
      ui.notify(`Imported ${chosen.name}: ${r.rows} rows, ${r.created} created, ${r.updated} updated, ${r.opted_out} opted out, ${r.kept} kept opted out, ${r.rejected} rejected`, "ok");
    });
  },
};
