// The console's shell: sign-in and sign-out, who is signed in, the navigation and the hash router.
// Each page is a module exporting `default { title, path, render(main, ctx) }`; ctx is
// { role, isAdmin, workspace, me, api, ui, params, navigate }. A page renders everything inside
// <main id="page"> (its own <h1> included); the shell only empties it first.

import { api, clearKey, getKey, setKey } from "./api.js";
import * as ui from "./ui.js";
import contacts from "./pages/contacts.js";
import eligibility from "./pages/eligibility.js";
import autoOptOuts from "./pages/auto_opt_outs.js";
import reviewQueue from "./pages/review_queue.js";
import broadcasts from "./pages/broadcasts.js";
import reports from "./pages/reports.js";
import importPage from "./pages/import.js";
import settings from "./pages/settings.js";

const { el } = ui;

// The order of the navigation.
export const PAGES = [
  ["/contacts", contacts],
  ["/eligibility", eligibility],
  ["/auto-opt-outs", autoOptOuts],
  ["/review-queue", reviewQueue],
  ["/broadcasts", broadcasts],
  ["/reports", reports],
  ["/import", importPage],
  ["/settings", settings],
];
const DEFAULT_ROUTE = "/contacts";

let session = null; // { me } once signed in
let renderCount = 0;

const $ = (id) => document.getElementById(id);

// --- session ----------------------------------------------------------------------------------

async function whoIs(key) {
  return api("GET", "/v1/me", { key });
}

function startSession(me) {
  session = { me };
  $("workspace-name").textContent = me.workspace_name;
  const badge = $("role-badge");
  badge.textContent = me.role;
  badge.className = `role-badge role-${me.role}`;
  badge.setAttribute("aria-label", `Role: ${me.role}`);
  $("session").hidden = false;
  $("nav").hidden = false;
  buildNav();
  if (!routeOf(location.hash)) {
    location.replace(`#${DEFAULT_ROUTE}`); // fires hashchange, which renders
  } else {
    renderRoute();
  }
}

function endSession(message, kind = "ok") {
  clearKey();
  session = null;
  renderCount += 1; // a page still loading is no longer current: it may not write the notice
  $("session").hidden = true;
  $("nav").hidden = true;
  $("nav-links").replaceChildren();
  $("workspace-name").textContent = "";
  $("role-badge").textContent = "";
  if (location.hash) history.replaceState(null, "", location.pathname);
  document.title = "Sign in · Opt-out console";
  showSignIn();
  if (message) ui.notify(message, kind);
}

// A 401 while signed in (key revoked, say) ends the session with the API's reason.
async function sessionApi(method, path, options) {
  const result = await api(method, path, options);
  if (result.status === 401 && session) {
    endSession(`Signed out: ${ui.errorText(result)}`, "error");
  }
  return result;
}

// --- sign-in form -----------------------------------------------------------------------------

function showSignIn() {
  const main = $("page");
  const input = el("input", {
    type: "password", autocomplete: "off", spellcheck: "false", required: true,
    "aria-required": "true", class: "key-input",
  });
  const button = el("button", { type: "submit", class: "primary" }, "Sign in");
  const form = el("form", { class: "sign-in", "aria-labelledby": "sign-in-title", novalidate: true },
    el("h1", { id: "sign-in-title" }, "Sign in"),
    el("p", {}, "Sign in with an API key of your workspace. It is kept in this browser tab only, and forgotten when you sign out or close the tab."),
    ui.labelled("API key", input, "An admin key can do everything; a member key cannot change settings, keys or opt contacts back in."),
    el("div", { class: "actions" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    signIn(input, button);
  });
  ui.replace(main, form);
  input.focus();
}

async function signIn(input, button) {
  const key = input.value.trim();
  if (!key) {
    ui.notify("Enter an API key to sign in.", "error");
    input.focus();
    return;
  }
  button.disabled = true;
  const result = await whoIs(key);
  button.disabled = false;
  if (!result.ok) {
    clearKey();
    input.value = "";
    input.focus();
    ui.notify(`Sign-in refused: ${ui.errorText(result)}`, "error");
    return;
  }
  setKey(key);
  input.value = "";
  ui.notify(`Signed in to ${result.data.workspace_name} as ${result.data.role}.`, "ok");
  startSession(result.data);
}

// --- navigation and routing -------------------------------------------------------------------

// "#/contacts?status=opted_out" -> { path: "/contacts", params }; null for anything else.
function routeOf(hash) {
  if (!hash || !hash.startsWith("#/")) return null;
  const [path, query = ""] = hash.slice(1).split("?", 2);
  const page = PAGES.find(([route]) => route === path);
  return page ? { path, page: page[1], params: new URLSearchParams(query) } : null;
}

function buildNav() {
  const links = PAGES.map(([route, page]) =>
    el("li", {}, el("a", { href: `#${route}`, dataset: { route } }, page.title || route.slice(1))));
  ui.replace($("nav-links"), links);
}

function markNav(path) {
  for (const link of $("nav-links").querySelectorAll("a")) {
    if (link.dataset.route === path) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function navigate(path) {
  location.hash = `#${path}`;
}

let shownPath = null;

async function renderRoute() {
  if (!session) return;
  const route = routeOf(location.hash);
  if (!route) {
    if (!location.hash.startsWith("#/")) return; // an in-page anchor such as the skip link
    location.replace(`#${DEFAULT_ROUTE}`);
    return;
  }
  const current = ++renderCount;
  const main = $("page");
  main.replaceChildren();
  // A notice belongs to the page that made it: another page starts with none.
  if (route.path !== shownPath) ui.clearNotice();
  shownPath = route.path;
  markNav(route.path);
  document.title = `${route.page.title || route.path} · Opt-out console`;
  const { me } = session;
  const isCurrent = () => current === renderCount;
  const ctx = {
    role: me.role,
    isAdmin: me.role === "admin",
    workspace: { id: me.workspace_id, name: me.workspace_name },
    me,
    api: sessionApi,
    // A page the person has left (or signed out of) says nothing more: its late answers would
    // overwrite the notice of the page they are on.
    ui: { ...ui, notify: (message, kind) => { if (isCurrent()) ui.notify(message, kind); } },
    params: route.params,
    navigate,
    isCurrent,
  };
  const focusedBefore = document.activeElement;
  try {
    await route.page.render(main, ctx);
  } catch (err) {
    if (current !== renderCount) return;
    main.append(el("p", { class: "error-text" }, `This page failed to show: ${err && err.message ? err.message : err}`));
    ui.notify("This page failed to show; see the message on the page.", "error");
  }
  // Focus moves to the new page, unless the person moved it while the page was loading.
  const untouched = document.activeElement === focusedBefore || document.activeElement === document.body;
  if (current === renderCount && untouched) main.focus({ preventScroll: true });
}

// --- start ------------------------------------------------------------------------------------

async function start() {
  $("sign-out").addEventListener("click", () => endSession("Signed out. The key was removed from this browser tab."));
  window.addEventListener("hashchange", renderRoute);
  // Tables label their cells for narrow screens, however and whenever a page fills them.
  const main = $("page");
  new MutationObserver(() => ui.labelColumns(main)).observe(main, { childList: true, subtree: true });
  const key = getKey();
  if (!key) {
    showSignIn();
    return;
  }
  const result = await whoIs(key);
  if (result.ok) startSession(result.data);
  else endSession(`Signed out: ${ui.errorText(result)}`, "error");
}

start();
