// Settings › Send-time rules: the rule table's version and rows (GET /v1/send-rules, any key), and
// the workspace's choice of rule sets, its stricter custom rules and its default window, which an
// admin saves as the `send_rules` setting (PUT /v1/settings). A member reads it all, every control
// disabled with the reason; the API refuses a member's PUT too (403). A refusal's details are
// shown beside the field they name.

import { customRuleEditor, ruleText } from "./send_rules_custom.js";

const ADMINS_ONLY = "Admins only: a member key can read the send-time rules but not change them.";
const SET_WORDS = {
  us_federal: "US federal baseline (8am–9pm local)",
  us_states: "US state laws (Florida, Oklahoma, Maryland, Washington, Connecticut, Virginia …)",
  us_texas_registered_seller: "Texas registered sellers",
};
const KIND_WORDS = { quiet_hours: "Allowed hours", frequency_cap: "Frequency cap" };

// The answer of GET /v1/send-rules: { version, available_rule_sets, rules, settings }.
export function sendRulesOf(data) {
  return { version: data.version, rules: data.rules || [], ruleSets: data.available_rule_sets || null, settings: data.settings };
}

function tableRows(ui, rules) {
  const { el } = ui;
  return rules.map((rule) => el("tr", { dataset: { rule: rule.id } },
    el("th", { scope: "row" }, el("code", {}, rule.id)),
    el("td", {}, rule.rule_set),
    el("td", {}, rule.jurisdiction),
    el("td", {}, KIND_WORDS[rule.kind] || rule.kind, ": ", ruleText(rule)),
    el("td", {}, `from ${rule.effective_from}${rule.effective_to ? ` until ${rule.effective_to}` : ""}`),
    el("td", { class: "rule-source" }, rule.source || "—", rule.note ? el("small", { class: "hint" }, ` ${rule.note}`) : null)));
}

function ruleTable(ui, view) {
  const { el } = ui;
  const head = el("tr", {}, ...["Rule", "Rule set", "Where", "What", "In force", "Source"].map((h) => el("th", { scope: "col" }, h)));
  return el("div", { class: "table-wrap" }, el("table", { class: "data-table send-rules-table" },
    el("caption", {}, `Send-time rule table, version ${view.version}`), el("thead", {}, head),
    el("tbody", {}, ...tableRows(ui, view.rules))));
}

function ruleSetBoxes(ui, view, disabled) {
  const { el } = ui;
  const names = view.ruleSets || [...new Set([...Object.keys(SET_WORDS), ...view.rules.map((r) => r.rule_set)])].filter((n) => n !== "custom");
  const boxes = new Map();
  const set = el("fieldset", { class: "rule-sets", dataset: { field: "rule_sets" } }, el("legend", {}, "Rule sets that apply"));
  for (const name of names) {
    const box = el("input", { type: "checkbox", name: `rule_set_${name}`, value: name, checked: view.settings.rule_sets.includes(name), disabled });
    boxes.set(name, box);
    set.append(el("div", { class: "checkbox" }, box, el("label", { for: (box.id = `rule-set-${name}`) }, SET_WORDS[name] || name, " ", el("code", {}, name))));
  }
  return { set, read: () => names.filter((n) => boxes.get(n).checked) };
}

function defaultWindow(ui, window, disabled) {
  const { el, labelled } = ui;
  const start = el("input", { type: "time", name: "default_start", step: 60, value: String(window.start).slice(0, 5), disabled });
  const end = el("input", { type: "time", name: "default_end", step: 60, value: String(window.end).slice(0, 5), disabled });
  const zone = el("input", { type: "text", name: "default_time_zone", value: window.time_zone, spellcheck: "false", autocomplete: "off", disabled });
  start.dataset.field = "default_window.start";
  end.dataset.field = "default_window.end";
  zone.dataset.field = "default_window.time_zone";
  const set = el("fieldset", { class: "default-window" },
    el("legend", {}, "Default window (numbers whose location is unknown, or outside North America)"),
    el("div", { class: "toolbar" }, labelled("Default window from", start), labelled("Default window until", end),
      labelled("Default window time zone", zone, "An IANA zone, such as America/New_York.")));
  return { set, read: () => ({ start: start.value, end: end.value, time_zone: zone.value.trim() }) };
}

// --- the API's refusal beside the field it names --------------------------------------------------

function clearErrors(form) {
  for (const node of form.querySelectorAll(".field-error")) node.remove();
  for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

// "send_rules.custom_rules.0.quiet_hours.windows.mon" -> the element with the longest path it
// names (segments no element has, such as a union's tag, are skipped).
function fieldFor(form, detail) {
  const raw = detail.field || (Array.isArray(detail.loc) ? detail.loc.join(".") : "");
  const parts = String(raw).split(".").filter((p) => p && p !== "body");
  if (parts[0] === "send_rules") parts.shift();
  let path = "";
  let found = null;
  for (const part of parts) {
    const next = path ? `${path}.${part}` : part;
    const exact = form.querySelector(`[data-field="${CSS.escape(next)}"]`);
    if (!exact && !form.querySelector(`[data-field^="${CSS.escape(`${next}.`)}"]`)) continue;
    path = next;
    if (exact) found = exact;
  }
  return found;
}

function showErrors(ui, form, result) {
  const details = Array.isArray(result.error && result.error.details) ? result.error.details : [];
  let counter = 0;
  for (const detail of details) {
    const node = fieldFor(form, detail);
    if (!node) continue;
    const id = `send-rules-error-${++counter}`;
    const message = ui.el("small", { class: "field-error", id }, detail.message || detail.msg || "invalid");
    if (node.matches("input, select, textarea")) {
      node.setAttribute("aria-invalid", "true");
      node.setAttribute("aria-describedby", `${node.getAttribute("aria-describedby") || ""} ${id}`.trim());
      (node.closest(".field") || node.parentNode).append(message);
    } else {
      node.append(message);
    }
  }
  const first = form.querySelector("[aria-invalid]");
  if (first) first.focus();
}

// --- the section ------------------------------------------------------------------------------------

function editor(ctx, view, onSaved) {
  const { ui, api, isAdmin } = ctx;
  const { el } = ui;
  const disabled = !isAdmin;
  const enabled = el("input", { type: "checkbox", name: "send_rules_enabled", checked: view.settings.enabled, disabled });
  enabled.dataset.field = "enabled";
  const sets = ruleSetBoxes(ui, view, disabled);
  const window = defaultWindow(ui, view.settings.default_window, disabled);
  const list = el("div", { class: "custom-rules", dataset: { field: "custom_rules" } });
  let rules = view.settings.custom_rules.map((r) => ({ ...r }));
  let editors = [];
  const draw = () => {
    editors = rules.map((rule, i) => customRuleEditor(ui, rule, i, {
      disabled, onRemove: () => { rules = editors.map((e) => e.read()).filter((_, j) => j !== i); draw(); },
    }));
    list.replaceChildren(...editors.map((e) => e.node));
    if (!editors.length) list.append(el("p", { class: "empty" }, "No custom rules: the rule sets above apply as they are."));
  };
  draw();
  const add = el("button", { type: "button", class: "secondary", disabled }, "Add custom rule");
  add.addEventListener("click", () => {
    rules = [...editors.map((e) => e.read()), {}];
    draw();
    editors[editors.length - 1].node.querySelector("input").focus();
  });
  const save = el("button", { type: "submit", class: "primary", disabled }, "Save send-time rules");
  const form = el("form", { class: "send-rules-form", "aria-label": "Workspace send-time rules", novalidate: true },
    isAdmin ? null : el("p", { class: "reason admin-only" }, ADMINS_ONLY),
    el("div", { class: "checkbox" }, enabled, el("label", { for: (enabled.id = "send-rules-enabled") }, "Apply send-time rules in eligibility (off: consent only)")),
    sets.set,
    el("h3", {}, "Custom rules (stricter only)"),
    el("p", { class: "hint" }, "A custom rule adds a restriction on top of the rule sets: fewer hours, or a lower cap. It can never allow what a rule set forbids."),
    list, el("div", { class: "actions" }, add),
    window.set,
    el("div", { class: "actions" }, save));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const sendRules = { enabled: enabled.checked, rule_sets: sets.read(), custom_rules: editors.map((e) => e.read()), default_window: window.read() };
    save.disabled = true;
    const result = await api("PUT", "/v1/settings", { body: { send_rules: sendRules } });
    save.disabled = false;
    if (!result.ok) {
      showErrors(ui, form, result);
      return ui.notify(`Send-time rules not saved: ${ui.errorText(result)}`, "error");
    }
    await onSaved();
    ui.notify("Send-time rules saved.", "ok");
  });
  return form;
}

export async function sendRulesSection(ctx) {
  const { api, ui } = ctx;
  const { el } = ui;
  const section = el("section", { class: "settings-send-rules", "aria-labelledby": "send-rules-title" },
    el("h2", { id: "send-rules-title" }, "Send-time rules"));
  const body = el("div", {});
  const load = async () => {
    const result = await api("GET", "/v1/send-rules");
    if (!result.ok) {
      body.replaceChildren(el("p", { class: "error-text" }, `Could not read the send-time rules: ${ui.errorText(result)}`));
      return;
    }
    const view = sendRulesOf(result.data);
    body.replaceChildren(
      el("p", { class: "hint" }, "Eligibility defers a number outside its recipient's allowed hours, or over a frequency cap, under these rules. The table ships with the service; a change of it needs no change of code."),
      editor(ctx, view, load), ruleTable(ui, view));
  };
  await load();
  section.append(body);
  return section;
}
