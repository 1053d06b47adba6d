// Reports: opt-outs and opt-ins over a date range, filtered by inbox, reason and initiator; a
// chart of opt-outs per day by reason (SVG built with DOM APIs); CSV download through a Blob URL
// (the key goes in the Authorization header, never in a URL); the summary and failures reports.

const REASONS = ["keyword", "intent", "fuzzy", "carrier", "failed_delivery", "manual", "import", "api", "review"];
const INITIATORS = ["contact", "api_key", "user", "system"];
// Colour-blind-safe palette, one per reason (SVG presentation attributes, which the CSP allows).
const COLOURS = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#f0e442", "#000000", "#999999"];
const SVG = "http://www.w3.org/2000/svg";
const ROWS_FOR_CHART = 1000;

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function select(el, name, options) {
  const node = el("select", { name });
  node.append(el("option", { value: "" }, "Any"));
  for (const [value, text] of options) node.append(el("option", { value }, text));
  return node;
}

function filtersFrom(form) {
  const data = new FormData(form);
  const query = { from: data.get("from"), to: data.get("to") };
  for (const name of ["inbox", "reason", "initiator"]) if (data.get(name)) query[name] = data.get(name);
  return query;
}

function rowsTable(ui, caption) {
  const { el } = ui;
  const headings = ["Time", "Phone", "Inbox", "Reason", "Initiator", "Message", "Note"];
  const body = el("tbody", {});
  const node = el(
    "table",
    { class: "data-table" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", { scope: "col" }, h)))),
    body,
  );
  return { node, body };
}

function rowLine(ui, row) {
  const { el, formatTime } = ui;
  const who = row.initiator_name ? `${row.initiator_type}: ${row.initiator_name}` : row.initiator_type;
  return el(
    "tr",
    {},
    el("td", {}, formatTime(row.occurred_at)),
    el("th", { scope: "row" }, row.phone),
    el("td", {}, row.inbox || "—"),
    el("td", {}, row.reason),
    el("td", {}, who),
    el("td", {}, row.message_text || ""),
    el("td", {}, row.note || ""),
  );
}

// One row report (opt-outs or opt-ins), paginated with "Next page".
async function rowSection(ctx, path, title, query, onFirstPage) {
  const { api, ui } = ctx;
  const { el } = ui;
  const { node, body } = rowsTable(ui, title);
  const pagerBox = el("div", { class: "pager" });
  const count = el("p", {});
  const section = el("section", { class: "report-rows", "aria-label": title }, el("h2", {}, title), count, el("div", { class: "table-wrap" }, node), pagerBox);
  let shown = 0;
  async function load(cursor) {
    const result = await api("GET", path, { query: cursor ? { ...query, cursor } : { ...query, limit: String(onFirstPage ? ROWS_FOR_CHART : 100) } });
    if (!result.ok) {
      count.replaceChildren(el("span", { class: "error-text" }, ui.errorText(result)));
      if (cursor) ui.notify(`${title}: ${ui.errorText(result)}`, "error");
      section.dataset.error = `${title}: ${ui.errorText(result)}`;
      return;
    }
    const { rows, next_cursor: next } = result.data;
    for (const row of rows) body.append(rowLine(ui, row));
    shown += rows.length;
    count.textContent = `${shown} ${shown === 1 ? "row" : "rows"}${next ? " shown; more on the next page" : ""}.`;
    pagerBox.replaceChildren(...(next ? [ui.pager(next, (c) => load(c))] : []));
    if (!cursor && onFirstPage) onFirstPage(rows, Boolean(next));
  }
  await load(null);
  return section;
}

// Opt-outs per day by reason, a stacked bar a day.
function chart(ui, rows, query, partial) {
  const { el } = ui;
  const days = [];
  for (let d = new Date(`${query.from}T00:00:00Z`); isoDay(d) <= query.to && days.length < 366; d.setUTCDate(d.getUTCDate() + 1)) days.push(isoDay(d));
  const counts = new Map(days.map((d) => [d, new Map()]));
  const reasons = new Set();
  for (const row of rows) {
    const day = counts.get(row.occurred_at.slice(0, 10));
    if (!day) continue;
    day.set(row.reason, (day.get(row.reason) || 0) + 1);
    reasons.add(row.reason);
  }
  const used = REASONS.filter((r) => reasons.has(r));
  const colour = (r) => COLOURS[REASONS.indexOf(r) % COLOURS.length];
  const max = Math.max(1, ...[...counts.values()].map((m) => [...m.values()].reduce((a, b) => a + b, 0)));
  const width = 640, height = 220, left = 36, bottom = 24, top = 10;
  const step = (width - left - 8) / Math.max(1, days.length);
  const scale = (height - top - bottom) / max;
  const titleId = `chart-title-${Date.now()}`;
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId, class: "report-chart" });
  const total = rows.length;
  picture.append(svg("title", { id: titleId }, `Opt-outs per day by reason, ${query.from} to ${query.to}: ${total} in all${partial ? " (first 1,000 rows)" : ""}`));
  picture.append(svg("line", { x1: left, y1: height - bottom, x2: width - 4, y2: height - bottom, stroke: "#555" }));
  picture.append(svg("text", { x: left - 4, y: top + 8, "text-anchor": "end", "font-size": 10, fill: "#333" }, String(max)));
  picture.append(svg("text", { x: left - 4, y: height - bottom, "text-anchor": "end", "font-size": 10, fill: "#333" }, "0"));
  days.forEach((day, i) => {
    let y = height - bottom;
    for (const reason of used) {
      const n = counts.get(day).get(reason) || 0;
      if (!n) continue;
      const h = n * scale;
      y -= h;
      const bar = svg("rect", { x: left + i * step + step * 0.1, y, width: Math.max(1, step * 0.8), height: h, fill: colour(reason), class: `bar reason-${reason}` });
      bar.append(svg("title", {}, `${day}: ${n} ${reason}`));
      picture.append(bar);
    }
  });
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    if (i % labelEvery) return;
    picture.append(svg("text", { x: left + i * step + step / 2, y: height - 8, "text-anchor": "middle", "font-size": 10, fill: "#333" }, day.slice(5)));
  });
  const legend = el("ul", { class: "chart-legend", "aria-label": "Reasons" });
  for (const reason of used) {
    const swatch = svg("svg", { width: 12, height: 12, "aria-hidden": "true" }, svg("rect", { width: 12, height: 12, fill: colour(reason) }));
    const n = [...counts.values()].reduce((a, m) => a + (m.get(reason) || 0), 0);
    legend.append(el("li", {}, swatch, ` ${reason}: ${n}`));
  }
  if (!used.length) legend.append(el("li", {}, "No opt-outs in this range."));
  return el("figure", { class: "report-figure" }, picture, el("figcaption", {}, "Opt-outs per day by reason (UTC days)"), legend);
}

// Every page of the CSV (X-Next-Cursor), one header, saved through a Blob URL.
async function downloadCsv(ctx, path, query, filename) {
  const { ui } = ctx;
  let text = "";
  let cursor = null;
  do {
    const result = await ctx.api("GET", path, { query: { ...query, format: "csv", cursor }, raw: true });
    if (!result.ok) {
      ui.notify(`Could not download ${filename}: ${ui.errorText(result)}`, "error");
      return;
    }
    const response = result.data;
    const page = await response.text();
    text += text ? page.slice(page.indexOf("\n") + 1) : page;
    cursor = response.headers.get("X-Next-Cursor");
  } while (cursor);
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const link = ui.el("a", { href: url, download: filename, class: "visually-hidden" }, filename);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  ui.notify(`Downloaded ${filename}`, "ok");
}

function breakdownList(ui, breakdown) {
  const { el } = ui;
  const items = Object.entries(breakdown.by_reason).map(([r, n]) => el("li", {}, `${r}: ${n}`));
  return el("ul", {}, ...(items.length ? items : [el("li", {}, "none")]));
}

async function totalsSection(ctx, range) {
  const { api, ui } = ctx;
  const { el } = ui;
  const section = el("section", { class: "report-totals", "aria-label": "Summary totals" }, el("h2", {}, "Summary totals"));
  const result = await api("GET", "/v1/reports/summary", { query: range });
  if (!result.ok) {
    section.append(el("p", { class: "error-text" }, ui.errorText(result)));
    section.dataset.error = ui.errorText(result);
    return section;
  }
  const { totals, contacts_at_end: end } = result.data;
  const cell = (label, b) => el("div", { class: "stat" }, el("h3", {}, `${label}: ${b.total}`), breakdownList(ui, b));
  section.append(
    el("p", { class: "hint" }, "Counted by the reports function from the tables' streams: they trail the rows above by a few seconds (locally, until `make report` runs). The inbox, reason and initiator filters do not apply to them."),
    el("div", { class: "stats" }, cell("Opt-outs", totals.opt_outs), cell("Opt-ins", totals.opt_ins), cell("Blocks", totals.blocks)),
    el("p", {}, `Contacts at the end of ${range.to}: ${end.active} active, ${end.opted_out} opted out, ${end.blocked} blocked.`),
  );
  return section;
}

async function failuresSection(ctx, range) {
  const { api, ui } = ctx;
  const { el } = ui;
  const section = el("section", { class: "report-failures", "aria-label": "Failures report" }, el("h2", {}, "Failed deliveries"));
  const result = await api("GET", "/v1/reports/failures", { query: range });
  if (!result.ok) {
    section.append(el("p", { class: "error-text" }, ui.errorText(result)));
    section.dataset.error = ui.errorText(result);
    return section;
  }
  const { totals, broadcasts } = result.data;
  const byCode = Object.entries(totals.by_error_code).flatMap(([cls, codes]) => Object.entries(codes).map(([code, n]) => el("li", {}, `${cls} ${code}: ${n}`)));
  section.append(el("p", {}, `${totals.failed} failed deliveries in the range.`), el("ul", {}, ...byCode));
  if (broadcasts.length) {
    const body = el("tbody", {});
    for (const b of broadcasts) {
      const classes = Object.entries(b.by_class).map(([c, n]) => `${c} ${n}`).join(", ");
      body.append(el("tr", {}, el("td", {}, b.date), el("th", { scope: "row" }, b.broadcast_id), el("td", {}, String(b.failed)), el("td", {}, classes)));
    }
    const head = el("tr", {}, ...["Day", "Broadcast", "Failed", "By class"].map((h) => el("th", { scope: "col" }, h)));
    section.append(el("div", { class: "table-wrap" }, el("table", { class: "data-table" }, el("caption", {}, "Failures per broadcast and day"), el("thead", {}, head), body)));
  }
  return section;
}

async function run(ctx, form, out) {
  const { ui } = ctx;
  const { el } = ui;
  const query = filtersFrom(form);
  const range = { from: query.from, to: query.to };
  if (!query.from || !query.to) {
    ui.notify("Choose both dates of the range.", "error");
    return;
  }
  const token = String(Number(out.dataset.run || 0) + 1);
  out.dataset.run = token; // a newer run (the person pressed "Show report" again) wins
  const latest = () => out.dataset.run === token;
  out.replaceChildren(el("p", {}, "Loading…"));
  const chartBox = el("div", { class: "chart-box" });
  const optOuts = await rowSection(ctx, "/v1/reports/opt-outs", "Opt-outs", query, (rows, partial) => chartBox.replaceChildren(chart(ui, rows, query, partial)));
  const optIns = await rowSection(ctx, "/v1/reports/opt-ins", "Opt-ins", query, null);
  const stamp = `${query.from}_${query.to}`;
  const download = (path, name) => {
    const button = el("button", { type: "button" }, `Download ${name} CSV`);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await downloadCsv(ctx, path, query, `${name}_${stamp}.csv`);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  };
  const downloads = el("div", { class: "actions" }, download("/v1/reports/opt-outs", "opt-outs"), download("/v1/reports/opt-ins", "opt-ins"));
  const totals = await totalsSection(ctx, range);
  const failures = await failuresSection(ctx, range);
  if (!latest()) return;
  out.replaceChildren(chartBox, downloads, optOuts, optIns, totals, failures);
  const refused = [optOuts, optIns, totals, failures].find((s) => s.dataset.error);
  if (refused) ui.notify(`Report refused: ${refused.dataset.error}`, "error");
  else ui.notify(`Report for ${query.from} to ${query.to} loaded`, "ok");
}

export default {
  title: "Reports",
  path: "#/reports",
  async render(main, ctx) {
    const { el, labelled } = ctx.ui;
    const today = new Date();
    const monthAgo = new Date(today.getTime() - 29 * 86_400_000);
    const from = el("input", { type: "date", name: "from", value: isoDay(monthAgo), required: "" });
    const to = el("input", { type: "date", name: "to", value: isoDay(today), required: "" });
    const inbox = select(el, "inbox", []);
    const reason = select(el, "reason", REASONS.map((r) => [r, r.replace("_", " ")]));
    const initiator = select(el, "initiator", INITIATORS.map((i) => [i, i.replace("_", " ")]));
    const form = el(
      "form",
      { class: "toolbar report-filters", "aria-label": "Report filters" },
      labelled("From (UTC)", from),
      labelled("To (UTC, included)", to),
      labelled("Inbox", inbox),
      labelled("Reason", reason),
      labelled("Initiator", initiator),
      el("button", { type: "submit" }, "Show report"),
    );
    const out = el("div", { class: "report-results" });
    main.replaceChildren(el("h1", {}, "Reports"), form, out);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      run(ctx, form, out);
    });
    const inboxes = await ctx.api("GET", "/v1/inboxes");
    if (inboxes.ok) {
      for (const i of inboxes.data.inboxes) inbox.append(el("option", { value: i.number }, `${i.number} (${i.provider})`));
    }
    await run(ctx, form, out);
  },
};
