// The one way the console calls the API: same origin, `Authorization: Bearer <key>`.
// The key lives in sessionStorage only (gone when the tab closes); never in localStorage, a URL
// or a log line.

const KEY = "optout.apiKey";

// The API's root as the browser sees it: this module is served at <root>console/js/api.js.
const API_ROOT = new URL("../../", import.meta.url);

export function getKey() {
  return sessionStorage.getItem(KEY);
}

export function setKey(key) {
  sessionStorage.setItem(KEY, key);
}

export function clearKey() {
  sessionStorage.removeItem(KEY);
}

function urlOf(path, query) {
  const url = new URL(path.replace(/^\//, ""), API_ROOT);
  for (const [name, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === "") continue;
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) url.searchParams.append(name, String(one));
  }
  return url;
}

function failure(status, code, message, details = null) {
  return { ok: false, status, data: null, error: { code, message, details } };
}

async function readBody(response, raw) {
  if (raw) return response;
  const type = response.headers.get("Content-Type") || "";
  if (type.includes("json")) {
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
  return response.text();
}

// api("GET", "/v1/contacts", {query: {status: "opted_out"}}) -> {ok, status, data, error}.
// body: an object (sent as JSON) or, with contentType, a string/Blob sent as is.
// raw: data is the fetch Response itself (for CSV downloads and headers such as X-Next-Cursor).
// key: a key to try instead of the stored one (the sign-in form checks a key before storing it).
export async function api(method, path, { body, query, contentType, raw, key } = {}) {
  const headers = { Accept: "application/json" };
  const token = key !== undefined ? key : getKey();
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload;
  if (body !== undefined) {
    if (contentType) {
      headers["Content-Type"] = contentType;
      payload = body;
    } else {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body);
    }
  }
  let response;
  try {
    response = await fetch(urlOf(path, query), {
      method, headers, body: payload, credentials: "same-origin", cache: "no-store",
      referrerPolicy: "no-referrer",
    });
  } catch (err) {
    return failure(0, "network_error", "The API could not be reached. Is the service running?");
  }
  if (raw && response.ok) return { ok: true, status: response.status, data: response, error: null };
  let data;
  try {
    data = await readBody(response, false);
  } catch (err) {
    return failure(response.status, "bad_response", `The API answered ${response.status} with a body that is not valid JSON.`);
  }
  if (response.ok) return { ok: true, status: response.status, data, error: null };
  const error = data && typeof data === "object" && data.error
    ? data.error
    : { code: "http_" + response.status, message: (data && data.message) || `The API answered ${response.status}.`, details: null };
  return { ok: false, status: response.status, data: null, error };
}
