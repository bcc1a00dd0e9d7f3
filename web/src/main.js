// The dashboard shell: tabs, shared filters (kept in the URL), the event list, the event card, and the
// current view. Every change goes through the URL hash; `render` reads it and redraws what changed.
import "./style.css";
import { fetchEvents, getActors, getEvent, getOutlets } from "./api.js";
import { closeCard, showEvent, typeBadge } from "./card.js";
import { TYPES } from "./colors.js";
import { lang, pickName, setLang, t, typeName } from "./i18n.js";
import { FILTER_KEYS, VIEWS, current, filters, update } from "./state.js";
import { eventDay, h } from "./util.js";
import * as mapView from "./views/map.js";
import * as timelineView from "./views/timeline.js";
import * as networkView from "./views/network.js";
import * as evidenceView from "./views/evidence.js";
import * as framingView from "./views/framing.js";

// One module per tab, each with mount(el, ctx) / update(ctx) / unmount(). A framing tab plugs in here.
const VIEW_MODULES = { map: mapView, timeline: timelineView, network: networkView, evidence: evidenceView,
  framing: framingView };
const LIST_MAX = 400; // list items drawn in the sidebar; the count shows the total

let actors = [];
let outlets = [];
let mounted = null; // {name, module}
let seq = 0;
const cache = new Map(); // filters JSON -> Promise<{items,total}>

function events(f) {
  const key = JSON.stringify(f);
  if (!cache.has(key)) cache.set(key, fetchEvents(f));
  return cache.get(key);
}

function applyStrings() {
  document.title = `${t("app_title")} — ${t("app_subtitle")}`;
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  document.getElementById("lang-toggle").textContent = t("lang_toggle");
}

function renderTabs(s) {
  const nav = document.getElementById("tabs");
  nav.replaceChildren(...VIEWS.map((v) => h("a", {
    href: "#", class: `tab${v === s.view ? " active" : ""}`, "data-view": v,
    onclick: (ev) => { ev.preventDefault(); update({ view: v }); },
  }, t(`tab_${v}`))));
}

function options(select, items, value) {
  select.replaceChildren(h("option", { value: "" }, t("f_all")),
    ...items.map(([v, label]) => h("option", { value: v }, label)));
  select.value = value || "";
  if (value && select.value !== value) { // a value from a shared URL we have no label for
    select.append(h("option", { value }, value));
    select.value = value;
  }
}

function renderFilters(s) {
  const p = s.params;
  options(document.getElementById("f-type"), TYPES.map((x) => [x, typeName(x)]), p.type);
  options(document.getElementById("f-actor"),
    actors.map((a) => [a.id, `${pickName(a.name_ar, a.name_en)} (${a.mentions ?? 0})`]), p.actor);
  options(document.getElementById("f-outlet"), outlets.map((o) => [o.outlet, `${o.outlet} (${o.documents})`]), p.outlet);
  document.getElementById("f-since").value = p.since || "";
  document.getElementById("f-until").value = p.until || "";
  document.getElementById("f-merged").checked = p.merged === "true";
}

/** In the evidence view an event opens its own article; elsewhere it opens the event card. */
function openEvent(s, e) {
  if (s.view === "evidence") update({ view: "evidence", docId: e.doc_id, params: { event: e.id } });
  else update({ params: { event: e.id } });
}

function renderList(data, s) {
  const { items, total } = data;
  const list = document.getElementById("event-list");
  const count = document.getElementById("event-count");
  count.textContent = items.length ? t("events_n", items.length, total) : t("no_events");
  count.dataset.count = String(items.length);
  count.dataset.total = String(total);
  list.replaceChildren(...items.slice(0, LIST_MAX).map((e) => h("li", {
    class: `event-item${String(e.id) === s.params.event ? " selected" : ""}`, "data-event-id": e.id,
    "data-type": e.type, tabindex: 0,
    onclick: () => openEvent(s, e),
    onkeydown: (ev) => { if (ev.key === "Enter") openEvent(s, e); },
  }, typeBadge(e.type), h("span", { class: "event-day" }, eventDay(e) || ""),
  h("span", { class: "event-who" }, [e.source && pickName(e.source_name_ar, e.source_name_en),
    e.target && `${lang() === "ar" ? "←" : "→"} ${pickName(e.target_name_ar, e.target_name_en)}`, e.place && `@ ${pickName(e.place_name_ar, e.place_name_en)}`]
    .filter(Boolean).join(" ")),
  h("span", { class: "event-trigger", lang: "ar" }, e.trigger_text || ""))));
}

async function focusCard(s, data) {
  if (!s.params.event || s.view === "evidence") return closeCard();
  const id = s.params.event;
  let e = data.items.find((x) => String(x.id) === id);
  if (!e) {
    try { e = await getEvent(id); } catch { return closeCard(); }
  }
  showEvent(e);
}

async function render() {
  const mine = ++seq;
  const s = current();
  setLang(s.params.lang || "ar");
  applyStrings();
  renderTabs(s);
  renderFilters(s);
  const f = filters(s);
  let data;
  try {
    data = await events(f);
  } catch (err) {
    document.getElementById("event-count").textContent = `${t("error")}: ${err.message}`;
    data = { items: [], total: 0 };
  }
  if (mine !== seq) return; // a newer URL is being rendered
  renderList(data, s);
  const ctx = { state: s, filters: f, data, events, update, actors };
  const el = document.getElementById("view");
  if (!mounted || mounted.name !== s.view) {
    mounted?.module.unmount?.();
    el.replaceChildren();
    el.dataset.view = s.view;
    mounted = { name: s.view, module: VIEW_MODULES[s.view] };
    await mounted.module.mount(el, ctx);
  } else {
    await mounted.module.update(ctx);
  }
  await focusCard(s, data);
  document.body.dataset.ready = String(mine); // tests and screenshots wait on this
}

function wireFilters() {
  const form = document.getElementById("filters");
  form.addEventListener("change", (ev) => {
    const name = ev.target.name;
    const value = ev.target.type === "checkbox" ? (ev.target.checked ? "true" : null) : ev.target.value || null;
    if (FILTER_KEYS.includes(name)) update({ params: { [name]: value } });
  });
  document.getElementById("f-clear").addEventListener("click", () =>
    update({ params: Object.fromEntries(FILTER_KEYS.map((k) => [k, null])) }));
  document.getElementById("lang-toggle").addEventListener("click", () =>
    update({ params: { lang: lang() === "ar" ? "en" : null } }));
}

async function start() {
  wireFilters();
  [actors, outlets] = await Promise.all([
    getActors().then((r) => r.items).catch(() => []),
    getOutlets().then((r) => r.items).catch(() => []),
  ]);
  window.addEventListener("hashchange", render);
  await render();
}

start();
