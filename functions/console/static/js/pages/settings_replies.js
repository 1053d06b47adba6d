// Settings › Replies by language: the `replies` setting (PUT /v1/settings replaces the whole map).
// A text left empty uses the built-in text (Spanish and French have them), then the default reply.

const ADMINS_ONLY = "Admins only: a member key can neither read nor change reply texts.";

// The built-in texts, as layers/core/optout/reply_texts.py has them (shown as defaults).
const BUILT_IN = {
  es: {
    opt_out_reply: "Se ha dado de baja de {program} y no recibirá más mensajes. Responda START para volver a suscribirse.",
    opt_in_reply: "Se ha vuelto a suscribir a {program}. Responda AYUDA para ayuda o ALTO para darse de baja. Pueden aplicarse tarifas de mensajes y datos.",
    help_reply: "{program}: para ayuda, contacte a {help_contact}. La frecuencia de mensajes varía. Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para darse de baja.",
    confirm_reply: "¿Desea darse de baja de {program}? Responda ALTO para no recibir más mensajes.",
    topic_opt_out_reply: "{program}: no recibirá más mensajes de {topic}.",
    clarify_reply: "{program}: se ha dado de baja de todos los mensajes. Para dejar solo algunos, responda con sus nombres ({topics}) en {hours} horas, o TODO para darse de baja de todo.",
    double_opt_in_reply: "{program}: responda YES para confirmar que desea mensajes de {topics}. Pueden aplicarse tarifas de mensajes y datos. Responda ALTO para cancelar.",
  },
  fr: {
    opt_out_reply: "Vous êtes désabonné de {program} et ne recevrez plus de messages. Répondez START pour vous réabonner.",
    opt_in_reply: "Vous êtes réabonné à {program}. Répondez AIDE pour de l'aide, ARRET pour vous désabonner. Des frais de messages et de données peuvent s'appliquer.",
    help_reply: "{program} : pour de l'aide, écrivez à {help_contact}. Fréquence des messages variable. Des frais de messages et de données peuvent s'appliquer. Répondez ARRET pour vous désabonner.",
    confirm_reply: "Voulez-vous vous désabonner de {program}? Répondez ARRET pour ne plus recevoir de messages.",
    topic_opt_out_reply: "{program} : vous ne recevrez plus de messages {topic}.",
    clarify_reply: "{program} : vous êtes désabonné de tous les messages. Pour n'arrêter que certains, répondez par leurs noms ({topics}) d'ici {hours} heures, ou TOUT pour tout arrêter.",
    double_opt_in_reply: "{program} : répondez YES pour confirmer que vous voulez les messages {topics}. Des frais de messages et de données peuvent s'appliquer. Répondez ARRET pour annuler.",
  },
};
const LANGUAGE_NAMES = { es: "Spanish", fr: "French" };

const TEXTS = [
  ["opt_out_reply", "Opt-out reply in this language"],
  ["opt_in_reply", "Opt-in reply in this language"],
  ["help_reply", "Help reply in this language"],
  ["confirm_reply", "Typo confirmation reply in this language"],
  ["review_reply", "Holding reply in this language"],
  ["topic_opt_out_reply", "Topic keyword reply in this language"],
];
const COLUMNS = ["Opt-out", "Opt-in", "Help", "Confirmation", "Holding", "Topic keyword"];

function languageName(code) {
  return LANGUAGE_NAMES[code] ? `${code} (${LANGUAGE_NAMES[code]})` : code;
}

// What a language's text is: the workspace's own, else the built-in one, else the default reply.
function textCell(el, own, code, field) {
  if (own && own[field]) return el("td", {}, own[field]);
  const builtIn = (BUILT_IN[code] || {})[field];
  if (builtIn) return el("td", { class: "muted" }, el("span", { class: "badge" }, "Built-in"), " ", builtIn);
  return el("td", { class: "muted" }, "Workspace default");
}

// The API's refusal in words, with each field it names: "replies.deu.[key]: String should match …".
function refusal(ui, result) {
  const details = result.error && result.error.details;
  if (!Array.isArray(details) || !details.length || !details[0].field) return ui.errorText(result);
  const parts = details.slice(0, 3).map((d) => `${d.field}: ${d.message || d.type || ""}`);
  return `${result.error.message} (${parts.join("; ")})`;
}

export function repliesSection(ctx, settings) {
  const { api, ui, isAdmin } = ctx;
  const { el, labelled } = ui;
  let replies = settings ? { ...(settings.replies || {}) } : {};
  const body = el("tbody", {});
  const head = el("tr", {}, el("th", { scope: "col" }, "Language"), ...COLUMNS.map((h) => el("th", { scope: "col" }, h)), el("th", { scope: "col" }, "Action"));
  const table = el("table", { class: "data-table" }, el("caption", {}, "Replies by language"), el("thead", {}, head), body);

  const code = el("input", { type: "text", name: "language", maxlength: 8, autocomplete: "off" }); // the API checks the code
  const areas = new Map(TEXTS.map(([field]) => [field, el("textarea", { name: `language_${field}`, maxlength: 320, rows: 2 })]));
  const save = el("button", { type: "submit", class: "primary" }, "Save language replies");
  for (const c of [code, ...areas.values(), save]) c.disabled = !isAdmin;

  function showDefaults() {
    const builtIn = BUILT_IN[code.value.trim().toLowerCase()] || {};
    for (const [field, area] of areas) area.placeholder = builtIn[field] ? `Built-in: ${builtIn[field]}` : "Empty: the default reply";
  }
  code.addEventListener("input", showDefaults);

  function edit(lang) {
    code.value = lang;
    const own = replies[lang] || {};
    for (const [field, area] of areas) area.value = own[field] || "";
    showDefaults();
    code.focus();
  }

  async function putReplies(next, done) {
    const result = await api("PUT", "/v1/settings", { body: { replies: next } });
    if (!result.ok) {
      ui.notify(`Replies not saved: ${refusal(ui, result)}`, "error");
      return false;
    }
    replies = { ...(result.data.replies || {}) };
    render();
    ui.notify(done, "ok");
    return true;
  }

  async function remove(lang) {
    const fallback = BUILT_IN[lang] ? "the built-in texts" : "the default replies";
    if (!(await ui.confirmDialog(`Remove the ${languageName(lang)} reply texts? Contacts writing in it get ${fallback}.`, { confirmLabel: "Remove" }))) return;
    const next = { ...replies };
    delete next[lang];
    await putReplies(next, `Removed the ${languageName(lang)} reply texts; ${fallback} apply.`);
  }

  function row(lang) {
    const own = replies[lang];
    const editButton = el("button", { type: "button", class: "secondary", "aria-label": `Edit ${lang} replies`, onclick: () => edit(lang) }, "Edit");
    const removeButton = own ? el("button", { type: "button", class: "danger", "aria-label": `Remove ${lang} replies`, onclick: () => remove(lang) }, "Remove") : null;
    for (const b of [editButton, removeButton]) if (b) b.disabled = !isAdmin;
    return el("tr", {}, el("th", { scope: "row" }, languageName(lang)), ...TEXTS.map(([field]) => textCell(el, own, lang, field)), el("td", {}, editButton, " ", removeButton));
  }

  function render() {
    if (!settings) {
      body.replaceChildren(el("tr", {}, el("td", { colspan: COLUMNS.length + 2 }, ADMINS_ONLY)));
      return;
    }
    const languages = [...new Set([...Object.keys(BUILT_IN), ...Object.keys(replies)])].sort();
    body.replaceChildren(...languages.map(row));
  }

  const form = el(
    "form",
    { class: "replies-form", "aria-label": "Edit a language's replies" },
    isAdmin ? null : el("p", { class: "reason admin-only" }, ADMINS_ONLY),
    labelled("Language (ISO 639-1 code, e.g. es)", code, "Spanish (es) and French (fr) have built-in texts; any other language uses the default replies unless you set its texts."),
    ...TEXTS.map(([field, label]) => labelled(label, areas.get(field))),
    el("p", { class: "hint" }, "A text left empty uses the built-in text, then the default reply. {program} and {help_contact} are filled in, and {topic} (a topic's name) in the topic keyword reply."),
    el("div", { class: "actions" }, save),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const lang = code.value.trim().toLowerCase();
    const texts = {};
    for (const [field, area] of areas) if (area.value.trim()) texts[field] = area.value.trim();
    if (!Object.keys(texts).length) {
      ui.notify(lang in replies ? `Nothing to save: to drop the ${lang} texts, use Remove.` : "Nothing to save: write at least one text.", "error");
      return;
    }
    save.disabled = true;
    const ok = await putReplies({ ...replies, [lang]: texts }, `Replies saved for ${languageName(lang)}.`);
    save.disabled = false;
    if (ok) code.value = lang;
  });
  render();
  showDefaults();
  return el(
    "section",
    { class: "settings-replies", "aria-label": "Replies by language" },
    el("h2", {}, "Replies by language"),
    el("p", { class: "hint" }, "A contact who writes in a language (ALTO is Spanish, ARRET French) gets that language's texts."),
    el("div", { class: "table-wrap" }, table),
    form,
  );
}
