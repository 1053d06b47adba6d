// What the import page does with an import job, apart from drawing it: estimate a file's rows,
// upload it to the job's pre-signed S3 POST with progress, and follow the job until it ends.

// Files up to this size are read whole, so their row count is exact; above it, the rows of the
// first slice give the mean row length and the count is an estimate.
const EXACT_BELOW = 2 * 1024 * 1024;
const SAMPLE_BYTES = 256 * 1024;
export const POLL_MS = 1000;
export const FINAL = new Set(["done", "failed"]);

function countLines(text) {
  let lines = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) lines += 1;
  if (text.length && !text.endsWith("\n")) lines += 1; // a last row without its newline
  return lines;
}

// {rows, exact}: the data rows (the header not counted) of a CSV file.
export async function estimateRows(file) {
  if (file.size <= EXACT_BELOW) {
    return { rows: Math.max(0, countLines(await file.text()) - 1), exact: true };
  }
  const sample = await file.slice(0, SAMPLE_BYTES).text();
  const cut = sample.lastIndexOf("\n"); // only whole rows measure a row's length
  const whole = cut > 0 ? sample.slice(0, cut + 1) : sample;
  const lines = Math.max(1, countLines(whole));
  const bytesPerLine = new Blob([whole]).size / lines;
  return { rows: Math.max(0, Math.round(file.size / bytesPerLine) - 1), exact: false };
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export const formatCount = (n) => Number(n || 0).toLocaleString("en-US");

// S3 refuses with an XML body: <Error><Code>EntityTooLarge</Code><Message>…</Message></Error>.
function s3Refusal(xhr) {
  let message = "";
  try {
    const doc = new DOMParser().parseFromString(xhr.responseText || "", "application/xml");
    message = doc.querySelector("Message")?.textContent || doc.querySelector("Code")?.textContent || "";
  } catch { /* not XML */ }
  const text = message ? `the upload was refused: ${message}` : `the upload was refused (HTTP ${xhr.status})`;
  return { ok: false, status: xhr.status, error: { code: "upload_refused", message: text, details: null } };
}

// A multipart form POST to the pre-signed URL: its fields first, the file last (S3 reads them in
// that order). onProgress(fraction) as the bytes leave; resolves {ok, status, error}.
export function uploadFile(uploadUrl, fields, file, onProgress) {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields || {})) form.append(name, value);
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadUrl);
    xhr.responseType = "text";
    xhr.upload.addEventListener("progress", (e) => onProgress(e.lengthComputable ? e.loaded / e.total : null));
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve({ ok: true, status: xhr.status, error: null });
      else resolve(s3Refusal(xhr));
    });
    const unreachable = () => resolve({
      ok: false, status: 0,
      error: { code: "network", message: "the file could not be uploaded: the storage did not answer", details: null },
    });
    xhr.addEventListener("error", unreachable);
    xhr.addEventListener("abort", unreachable);
    xhr.send(form); // no Authorization: the pre-signed fields are the permission
  });
}

const sleep = (ms) => new Promise((done) => { setTimeout(done, ms); });

// Reads GET /v1/imports/{id} every POLL_MS and hands each answer to onUpdate until the job is
// done or failed, or the page is left (isCurrent false). Resolves the last import read, or
// {error} when the API refused to say (a passing 503 or network fault only waits for the next read).
export async function followImport(api, id, onUpdate, isCurrent) {
  for (;;) {
    const result = await api("GET", `/v1/imports/${encodeURIComponent(id)}`);
    if (!isCurrent()) return null;
    if (result.ok) {
      onUpdate(result.data);
      if (FINAL.has(result.data.status)) return result.data;
    } else if (result.status !== 0 && result.status !== 503) {
      return { error: result };
    }
    await sleep(POLL_MS);
    if (!isCurrent()) return null;
  }
}
