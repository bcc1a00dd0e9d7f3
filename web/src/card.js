// The event card: what happened, who, where, when, and the sentence it came from, with a link to the
// evidence view scrolled to that sentence. Also lists the events of a map cluster.
import { h, splitSentence, eventDay } from "./util.js";
import { t, typeName, pickName } from "./i18n.js";
import { typeColor } from "./colors.js";
import { buildHash, current, update } from "./state.js";

const card = () => document.getElementById("event-card");

export function closeCard() {
  const el = card();
  el.hidden = true;
  el.replaceChildren();
}

export function typeBadge(type) {
  return h("span", { class: "type-badge", style: { background: typeColor(type) }, "data-type": type },
    typeName(type));
}

function field(label, value) {
  return value ? [h("dt", {}, label), h("dd", {}, value)] : [];
}

export function evidenceHref(e) {
  const s = current();
  return buildHash({ view: "evidence", docId: e.doc_id, params: { ...s.params, event: e.id } });
}

/** Show one event. */
export function showEvent(e) {
  const el = card();
  const [before, trig, after] = splitSentence(e);
  const flags = [e.negated && t("card_negated"), e.hypothetical && t("card_hypothetical")].filter(Boolean);
  el.replaceChildren(
    h("button", { type: "button", class: "card-close", "aria-label": t("card_close"),
      onclick: () => update({ params: { event: null } }) }, "×"),
    h("h3", {}, typeBadge(e.type), " ", eventDay(e) || "", flags.length ? ` (${flags.join("، ")})` : ""),
    h("dl", {},
      field(t("card_source"), e.source && pickName(e.source_name_ar, e.source_name_en)),
      field(t("card_target"), e.target && pickName(e.target_name_ar, e.target_name_en)),
      field(t("card_place"), e.place && pickName(e.place_name_ar, e.place_name_en)),
      field(t("card_outlet"), e.outlet),
      field(t("card_sources"), String(e.sources ?? 1)),
      field(t("card_confidence"), e.confidence != null ? Number(e.confidence).toFixed(2) : null)),
    h("blockquote", { class: "sentence", dir: "rtl", lang: "ar" },
      before, h("mark", { class: "hl hl-trigger" }, trig), after),
    h("a", { class: "evidence-link", href: evidenceHref(e) }, t("card_open_evidence")),
  );
  el.dataset.eventId = e.id;
  el.hidden = false;
}

/** Show the events of one map cluster as a clickable list. */
export function showList(events) {
  const el = card();
  el.replaceChildren(
    h("button", { type: "button", class: "card-close", "aria-label": t("card_close"), onclick: closeCard }, "×"),
    h("h3", {}, t("cluster_events", events.length)),
    h("ol", { class: "cluster-list" }, events.slice(0, 200).map((e) =>
      h("li", {}, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); update({ params: { event: e.id } }); } },
        typeBadge(e.type), " ", eventDay(e) || "", " — ", (e.trigger_text || "").slice(0, 40))))),
  );
  delete el.dataset.eventId;
  el.hidden = false;
}
