// Settings › Send-time rules: one custom rule of the workspace as a fieldset (its id, where it
// applies, and either the hours it allows each day or a frequency cap), read back into the JSON of
// a CustomSendRule. A custom rule only adds restrictions: the API ANDs it with the table's rules.
// Also the rule table's hours in words, so a table row and a custom row read alike.

export const DAYS = [["mon", "Monday"], ["tue", "Tuesday"], ["wed", "Wednesday"], ["thu", "Thursday"], ["fri", "Friday"], ["sat", "Saturday"], ["sun", "Sunday"]];
const SHORT = { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" };
const KINDS = [["quiet_hours", "Allowed hours (quiet hours outside them)"], ["frequency_cap", "Frequency cap"]];
const SCOPES = [["topic", "per topic (same subject)"], ["all", "all messages"]];

// A window's days by name: the table may key them 0 (Monday) .. 6 or mon .. sun.
function windowOf(windows, index, name) {
  if (!windows) return null;
  return windows[name] || windows[String(index)] || null;
}

// {"mon": ["08:00", "20:00"], ...} -> "Mon–Sat 09:00–21:00; Sun 12:00–21:00; other days none".
export function hoursText(windows) {
  const spans = [];
  DAYS.forEach(([name], index) => {
    const w = windowOf(windows, index, name);
    const text = w ? `${String(w[0]).slice(0, 5)}–${String(w[1]).slice(0, 5)}` : "no sending";
    const last = spans[spans.length - 1];
    if (last && last.text === text) last.to = name;
    else spans.push({ from: name, to: name, text });
  });
  return spans.map((s) => `${SHORT[s.from]}${s.to !== s.from ? `–${SHORT[s.to]}` : ""} ${s.text}`).join("; ");
}

export function capText(rule) {
  const hours = rule.cap_window_hours ?? (rule.cap_window_seconds ? rule.cap_window_seconds / 3600 : "?");
  const scope = rule.cap_scope === "all" ? "all messages" : "on the same topic";
  return `at most ${rule.cap_limit} messages in ${hours} h, ${scope}`;
}

export function ruleText(rule) {
  return rule.kind === "frequency_cap" ? capText(rule) : hoursText(rule.windows);
}

let rowCounter = 0;

function input(el, attrs, value) {
  const node = el("input", { autocomplete: "off", ...attrs });
  if (value !== undefined && value !== null) node.value = String(value);
  return node;
}

function select(el, name, options, value) {
  const node = el("select", { name }, ...options.map(([v, t]) => el("option", { value: v }, t)));
  if (value) node.value = value;
  return node;
}

function field(ui, label, control, path, hint) {
  control.dataset.field = path;
  return ui.labelled(label, control, hint);
}

// A new rule starts at 08:00–20:00 every day (the common state hours), not at "never".
const NEW_HOURS = ["08:00", "20:00"];

function hoursFieldset(ui, rule, base) {
  const { el } = ui;
  const controls = {};
  const rows = DAYS.map(([name, word], index) => {
    const w = windowOf(rule.windows, index, name) || (rule.windows ? ["", ""] : NEW_HOURS);
    const from = input(el, { type: "time", name: `${name}_from`, step: 60 }, String(w[0]).slice(0, 5));
    const to = input(el, { type: "time", name: `${name}_to`, step: 60 }, String(w[1]).slice(0, 5));
    controls[name] = [from, to];
    return el("div", { class: "day-hours", dataset: { field: `${base}.windows.${name}` } },
      field(ui, `${word} from`, from, `${base}.windows.${name}.0`),
      field(ui, `${word} until`, to, `${base}.windows.${name}.1`));
  });
  const set = el("fieldset", { class: "hours", dataset: { field: `${base}.windows` } },
    el("legend", {}, "Allowed hours, local time (both empty: no sending that day)"), ...rows);
  return { set, controls };
}

function capFieldset(ui, rule, base) {
  const { el } = ui;
  const limit = input(el, { type: "number", name: "cap_limit", min: 1, max: 100, step: 1 }, rule.cap_limit);
  const hours = input(el, { type: "number", name: "cap_window_hours", min: 1, max: 24, step: 1 }, rule.cap_window_hours ?? 24);
  const scope = select(el, "cap_scope", SCOPES, rule.cap_scope || "topic");
  const set = el("fieldset", { class: "cap" }, el("legend", {}, "Frequency cap"),
    field(ui, "At most (messages)", limit, `${base}.cap_limit`),
    field(ui, "In a rolling window of (hours)", hours, `${base}.cap_window_hours`),
    field(ui, "Counted", scope, `${base}.cap_scope`));
  return { set, limit, hours, scope };
}

// One custom rule's fieldset; `read()` gives its JSON, `node` the element; onRemove drops it.
export function customRuleEditor(ui, rule, index, { disabled, onRemove }) {
  const { el } = ui;
  const base = `custom_rules.${index}`;
  const number = ++rowCounter;
  const id = input(el, { type: "text", name: "rule_id", maxlength: 64, spellcheck: "false" }, rule.id || `custom-${number}`);
  const where = input(el, { type: "text", name: "jurisdiction", maxlength: 8, spellcheck: "false" }, rule.jurisdiction || "US");
  const kind = select(el, "kind", KINDS, rule.kind || "quiet_hours");
  const from = input(el, { type: "date", name: "effective_from" }, rule.effective_from);
  const to = input(el, { type: "date", name: "effective_to" }, rule.effective_to);
  const source = input(el, { type: "text", name: "source", maxlength: 300 }, rule.source || "");
  const hours = hoursFieldset(ui, rule, base);
  const cap = capFieldset(ui, rule, base);
  const remove = el("button", { type: "button", class: "secondary" }, "Remove this rule");
  const legend = el("legend", {}, `Custom rule ${index + 1}`);
  remove.setAttribute("aria-label", `Remove custom rule ${index + 1}`);
  const node = el("fieldset", { class: "custom-rule", dataset: { field: base } }, legend,
    field(ui, "Rule ID", id, `${base}.id`),
    field(ui, "Jurisdiction", where, `${base}.jurisdiction`, "US (every US number), US-FL (a state), CA or CA-QC."),
    field(ui, "Kind", kind, `${base}.kind`),
    hours.set, cap.set,
    el("div", { class: "toolbar" },
      field(ui, "Effective from (optional)", from, `${base}.effective_from`, "Empty: in force at once."),
      field(ui, "Effective until (optional, exclusive)", to, `${base}.effective_to`)),
    field(ui, "Source or reason", source, `${base}.source`),
    el("div", { class: "actions" }, remove));
  const showKind = () => { hours.set.hidden = kind.value !== "quiet_hours"; cap.set.hidden = kind.value !== "frequency_cap"; };
  kind.addEventListener("change", showKind);
  showKind();
  remove.addEventListener("click", () => onRemove());
  for (const c of node.querySelectorAll("input, select, button")) c.disabled = disabled;

  function read() {
    const out = { id: id.value.trim(), jurisdiction: where.value.trim().toUpperCase(), kind: kind.value, effective_from: from.value || null };
    if (to.value) out.effective_to = to.value;
    if (source.value.trim()) out.source = source.value.trim();
    if (rule.note) out.note = rule.note; // kept as the API holds it: the page does not edit it
    if (kind.value === "frequency_cap") {
      Object.assign(out, { cap_limit: Number(cap.limit.value), cap_window_hours: Number(cap.hours.value), cap_scope: cap.scope.value });
    } else {
      out.windows = {};
      for (const [name, [start, end]] of Object.entries(hours.controls)) {
        if (start.value || end.value) out.windows[name] = [start.value, end.value];
      }
    }
    return out;
  }
  return { node, read };
}
