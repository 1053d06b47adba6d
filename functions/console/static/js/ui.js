// Helpers every page uses. Text always goes in through textContent, never innerHTML.

let controlCounter = 0;

// el("button", {type: "button", class: "primary", onclick: fn, disabled: true}, "Save")
// attrs: `class`, `dataset` (object), `on<event>` (listeners, never attributes), booleans
// (true sets the attribute, false/null/undefined leaves it out), anything else as an attribute.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "class") {
      node.className = Array.isArray(value) ? value.filter(Boolean).join(" ") : value;
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else if (name === "text") {
      node.textContent = String(value);
    } else if (name === "value" && "value" in node) {
      node.value = String(value);
    } else if (name === "checked" && "checked" in node) {
      node.checked = Boolean(value);
    } else if (name === "style") {
      throw new Error("inline styles are not allowed by the console's CSP; use a class");
    } else {
      node.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

// Empty a node (a page's container) and put new children in it.
export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

// A message in the live region: kind "ok" (what was done) or "error" (why it was refused).
export function notify(message, kind = "ok") {
  const notice = document.getElementById("notice");
  if (!notice) return;
  notice.className = kind === "error" ? "notice notice-error" : "notice notice-ok";
  notice.replaceChildren(document.createTextNode(String(message)));
}

export function clearNotice() {
  const notice = document.getElementById("notice");
  if (notice) { notice.className = ""; notice.replaceChildren(); }
}

// The API's refusal in words: "only an admin can opt a contact back in" (+ field details).
export function errorText(result) {
  if (!result || result.ok) return "";
  const error = result.error || {};
  let text = error.message || `The API answered ${result.status}.`;
  const details = error.details;
  if (Array.isArray(details) && details.length) {
    // The API's validation details are {field, in, message, type}.
    const parts = details.slice(0, 3).map((d) => {
      const where = d.field || (Array.isArray(d.loc) ? d.loc.filter((p) => p !== "body").join(".") : "");
      const what = d.message || d.msg || "invalid";
      return where ? `${where}: ${what}` : String(what);
    });
    text += ` (${parts.join("; ")})`;
  } else if (details && typeof details === "object" && details.field) {
    text += ` (field: ${details.field})`;
  }
  return text;
}

const localFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

// <time datetime="…" title="… UTC">local time</time>; "—" when there is no time.
export function formatTime(iso) {
  if (!iso) return el("span", { class: "muted" }, "—");
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el("span", {}, String(iso));
  const utc = date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
  return el("time", { datetime: iso, title: utc }, localFormat.format(date));
}

const STATUS_LABELS = {
  active: "Active",
  opted_out: "Opted out",
  blocked: "Blocked",
};

// A status as a badge: colour by class AND the status in words (red is never the only sign).
export function statusBadge(status) {
  const label = STATUS_LABELS[status] || String(status || "unknown");
  return el("span", { class: ["badge", `status-${status || "unknown"}`] }, label);
}

// Each body cell of the tables under root gets its column's heading as data-label, which the
// narrow-screen CSS shows before the cell once a table's rows stack (a row reads as a card).
export function labelColumns(root) {
  for (const table of root.querySelectorAll("table")) {
    const headings = [...(table.tHead ? table.tHead.rows[0]?.cells || [] : [])].map((th) => th.textContent.trim());
    if (!headings.length) continue;
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        if (row.cells.length !== headings.length) continue; // a note spanning the row: no label
        [...row.cells].forEach((cell, i) => {
          // A cell holding a labelled control says what it is already.
          if (!cell.dataset.label && headings[i] && !cell.querySelector("label")) cell.dataset.label = headings[i];
        });
      }
    }
  }
}

// A "Next page" button when there is a next cursor; nothing otherwise.
export function pager(nextCursor, onNext) {
  if (!nextCursor) return el("p", { class: "pager muted" }, "No more pages.");
  return el("div", { class: "pager" },
    el("button", { type: "button", class: "secondary", onclick: () => onNext(nextCursor) }, "Next page"));
}

// An accessible modal confirmation; resolves true (Confirm) or false (Cancel / Escape).
export function confirmDialog(text, { confirmLabel = "Confirm", cancelLabel = "Cancel" } = {}) {
  return new Promise((resolve) => {
    const id = `dialog-text-${++controlCounter}`;
    const dialog = el("dialog", { class: "confirm", "aria-labelledby": id });
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    dialog.append(
      el("p", { id }, text),
      el("div", { class: "actions" },
        el("button", { type: "button", class: "secondary", onclick: () => finish(false) }, cancelLabel),
        el("button", { type: "button", class: "danger", onclick: () => finish(true) }, confirmLabel)),
    );
    dialog.addEventListener("cancel", (event) => { event.preventDefault(); finish(false); });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector("button.danger").focus();
  });
}

// <label for=id>text</label> + control, wrapped in a .field; gives the control an id if needed.
export function labelled(labelText, control, hint) {
  if (!control.id) control.id = `control-${++controlCounter}`;
  const children = [el("label", { for: control.id }, labelText), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute("aria-describedby", hintId);
    children.push(el("small", { id: hintId, class: "hint" }, hint));
  }
  return el("div", { class: "field" }, ...children);
}

// A control an admin may use and a member sees disabled with the reason in words.
export function adminOnly(control, isAdmin, reason = "Admins only") {
  if (isAdmin) return control;
  control.disabled = true;
  const id = `admin-only-${++controlCounter}`;
  control.setAttribute("aria-describedby", id);
  return el("span", { class: "admin-only" }, control, el("small", { id, class: "reason" }, reason));
}
