// Broadcasts: one broadcast's failed deliveries, each contact's current status, an
// "Opt-out SMS" switch per contact, and the failures by class and error code.
// API: GET /v1/broadcasts/{id}/failures, POST /v1/broadcasts/{id}/failures/{phone}/opt-out.

const PAGE_SIZE = 100;

function table(el, caption, headings) {
  const head = el("tr", {}, ...headings.map((h) => el("th", { scope: "col" }, h)));
  const body = el("tbody", {});
  const node = el("table", { class: "data-table" }, el("caption", {}, caption), el("thead", {}, head), body);
  return { node, body };
}

// Failures by class, then by error code, over the failures listed so far.
function summarize(failures) {
  const byClass = new Map();
  for (const f of failures) {
    const codes = byClass.get(f.failure_class) || new Map();
    const code = f.error_code || "none";
    codes.set(code, (codes.get(code) || 0) + 1);
    byClass.set(f.failure_class, codes);
  }
  return byClass;
}

function renderSummary(ui, box, failures, more) {
  const { el } = ui;
  const { node, body } = table(el, "Failures by class and error code", ["Failure class", "Error code", "Failures"]);
  const byClass = summarize(failures);
  for (const [cls, codes] of [...byClass.entries()].sort()) {
    const total = [...codes.values()].reduce((a, b) => a + b, 0);
    body.append(el("tr", { class: "summary-class" }, el("th", { scope: "row" }, cls), el("td", {}, "all"), el("td", {}, String(total))));
    for (const [code, count] of [...codes.entries()].sort()) {
      body.append(el("tr", {}, el("td", {}, cls), el("td", {}, code), el("td", {}, String(count))));
    }
  }
  const scope = more ? `of the ${failures.length} failures loaded so far (load the next page for more)` : `of all ${failures.length} failures`;
  box.replaceChildren(
    el("h2", {}, "Summary"),
    el("p", {}, `${failures.length} failed deliveries, ${scope}.`),
    node,
  );
}

function optOutSwitch(ctx, broadcastId, failure, onChange) {
  const { api, ui } = ctx;
  const input = ui.el("input", { type: "checkbox", role: "switch", "aria-label": `Opt-out SMS for ${failure.phone}` });
  const optedOut = failure.contact_status === "opted_out";
  input.checked = optedOut || failure.contact_status === "blocked";
  // The switch only opts out: opting back in needs an admin's note (Contacts page).
  input.disabled = input.checked;
  input.addEventListener("change", async () => {
    if (!input.checked) return;
    input.disabled = true;
    const path = `/v1/broadcasts/${encodeURIComponent(broadcastId)}/failures/${encodeURIComponent(failure.phone)}/opt-out`;
    const result = await api("POST", path);
    if (!result.ok) {
      input.checked = false;
      input.disabled = false;
      ui.notify(`Could not opt out ${failure.phone}: ${ui.errorText(result)}`, "error");
      return;
    }
    const status = result.data.contact.status;
    failure.contact_status = status;
    input.checked = status !== "active";
    const verb = result.data.changed ? "Opted out" : `No change: already ${status.replace("_", " ")}`;
    ui.notify(`${verb}: ${failure.phone}`, "ok");
    onChange(status);
  });
  return ui.labelled("Opt-out SMS", input);
}

function failureRow(ctx, broadcastId, failure) {
  const { el, statusBadge, formatTime } = ctx.ui;
  const statusCell = el("td", {}, failure.contact_status ? statusBadge(failure.contact_status) : "no longer a contact");
  const toggle = optOutSwitch(ctx, broadcastId, failure, (status) => statusCell.replaceChildren(statusBadge(status)));
  return el(
    "tr",
    {},
    el("th", { scope: "row" }, failure.phone),
    el("td", {}, failure.error_code || "—"),
    el("td", {}, failure.failure_class),
    el("td", {}, failure.error_text || ""),
    el("td", {}, `${failure.provider} via ${failure.inbox}`),
    el("td", {}, formatTime(failure.failed_at)),
    statusCell,
    el("td", {}, toggle),
  );
}

async function showFailures(ctx, broadcastId, out) {
  const { api, ui } = ctx;
  const { el } = ui;
  const loaded = [];
  const summaryBox = el("section", { class: "broadcast-summary", "aria-label": "Summary" });
  const { node, body } = table(el, `Failed deliveries of broadcast ${broadcastId}`, [
    "Phone", "Error code", "Failure class", "Error text", "Carrier", "Failed at", "Contact status", "Opt-out SMS",
  ]);
  const pagerBox = el("div", { class: "pager" });
  out.replaceChildren(el("p", {}, "Loading…"));

  async function load(cursor) {
    const query = { limit: String(PAGE_SIZE) };
    if (cursor) query.cursor = cursor;
    const result = await api("GET", `/v1/broadcasts/${encodeURIComponent(broadcastId)}/failures`, { query });
    if (!result.ok) {
      ui.notify(`Could not list the failures: ${ui.errorText(result)}`, "error");
      if (!cursor) out.replaceChildren(el("p", { class: "error-text" }, ui.errorText(result)));
      return;
    }
    const { failures, next_cursor: next } = result.data;
    loaded.push(...failures);
    for (const f of failures) body.append(failureRow(ctx, broadcastId, f));
    renderSummary(ui, summaryBox, loaded, Boolean(next));
    pagerBox.replaceChildren(...(next ? [ui.pager(next, (c) => load(c))] : []));
    if (!cursor) {
      if (loaded.length === 0) {
        out.replaceChildren(el("p", {}, `No failed deliveries for broadcast ${broadcastId}.`));
        ui.notify(`No failed deliveries for broadcast ${broadcastId}`, "ok");
        return;
      }
      out.replaceChildren(summaryBox, el("div", { class: "table-wrap" }, node), pagerBox);
      ui.notify(`Loaded ${loaded.length} failed deliveries of ${broadcastId}`, "ok");
    }
  }
  await load(null);
}

export default {
  title: "Broadcasts",
  path: "#/broadcasts",
  async render(main, ctx) {
    const { el, labelled } = ctx.ui;
    const idInput = el("input", { type: "text", name: "broadcast_id", required: "", maxlength: "128", autocomplete: "off" });
    const form = el(
      "form",
      { class: "toolbar", "aria-label": "Find a broadcast" },
      labelled("Broadcast ID", idInput),
      el("button", { type: "submit" }, "Show failures"),
    );
    const out = el("div", { class: "broadcast-results" });
    main.replaceChildren(
      el("h1", {}, "Broadcasts"),
      el("p", {}, "A broadcast's failed deliveries, with each contact's status now. Any key may opt a failed number out; opting back in is on the Contacts page (admins, with a note)."),
      form,
      out,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const id = idInput.value.trim();
      if (id) showFailures(ctx, id, out);
    });
    // #/broadcasts?id=spring-sale opens that broadcast.
    const wanted = ctx.params && ctx.params.get("id");
    if (wanted) {
      idInput.value = wanted;
      await showFailures(ctx, wanted, out);
    }
  },
};
