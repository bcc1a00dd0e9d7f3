// Framing: how each outlet labels each actor (GET /api/framing). One row per outlet × actor with the
// number of labels, the mean stance score on a −2 … +2 bar, and the label forms coloured by stance;
// clicking a form lists the evidence (each counted label, linked to its article in the evidence view).
// The shared outlet and actor filters narrow the table.
import { getFraming } from "../api.js";
import { pickName, t } from "../i18n.js";
import { h } from "../util.js";

export const STANCE_COLORS = {
  hostile: "#b2182b", negative: "#ef8a62", neutral: "#999999", positive: "#67a9cf", legitimizing: "#2166ac",
};

let root = null;
let actorNames = new Map();

function scoreBar(score) {
  // −2 … +2 mapped to 0 … 100 %, the bar grows from the middle
  const pct = ((Math.max(-2, Math.min(2, score)) + 2) / 4) * 100;
  const left = Math.min(50, pct);
  const width = Math.abs(pct - 50);
  const color = score < 0 ? STANCE_COLORS.hostile : STANCE_COLORS.legitimizing;
  return h("span", { class: "stance-bar", title: score.toFixed(2) },
    h("span", { class: "stance-fill", style: { insetInlineStart: `${left}%`, width: `${width}%`, background: color } }),
    h("span", { class: "stance-mid" }));
}

function evidenceList(form, update) {
  return h("ol", { class: "framing-evidence" }, ...form.evidence.map((e) => h("li", {},
    h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); update({ view: "evidence", docId: e.doc_id }); } },
      `${e.doc_id.slice(0, 10)} [${e.span[0]}:${e.span[1]}]`), " ", h("span", { lang: "ar" }, e.text))));
}

function formChip(form, update, holder) {
  return h("button", {
    type: "button", class: "framing-form", "data-stance": form.stance, lang: "ar",
    style: { borderColor: STANCE_COLORS[form.stance] || "#999" }, title: t(`stance_${form.stance}`),
    onclick: () => holder.replaceChildren(evidenceList(form, update)),
  }, `${form.form} `, h("b", {}, String(form.count)));
}

function table(items, update) {
  const head = h("tr", {}, ...["framing_outlet", "framing_actor", "framing_labels", "framing_score", "framing_forms"]
    .map((k) => h("th", {}, t(k))));
  const rows = items.map((r) => {
    const holder = h("div", { class: "framing-evidence-holder" });
    const name = actorNames.get(r.actor);
    return h("tr", { "data-outlet": r.outlet, "data-actor": r.actor },
      h("td", {}, r.outlet), h("td", {}, name ? pickName(name[0], name[1]) : r.actor),
      h("td", { class: "num" }, String(r.labels)),
      h("td", { class: "num" }, h("span", { class: "score" }, (r.score > 0 ? "+" : "") + r.score.toFixed(2)), scoreBar(r.score)),
      h("td", {}, h("div", { class: "framing-forms" }, ...r.forms.map((f) => formChip(f, update, holder))), holder));
  });
  return h("table", { class: "framing-table" }, h("thead", {}, head), h("tbody", {}, ...rows));
}

function legend() {
  return h("p", { class: "framing-legend" }, ...Object.entries(STANCE_COLORS).map(([k, c]) =>
    h("span", { class: "legend-item" }, h("span", { class: "swatch", style: { background: c } }), t(`stance_${k}`))));
}

async function draw(ctx) {
  const f = ctx.filters;
  root.replaceChildren(h("p", {}, t("loading")));
  let data;
  try {
    data = await getFraming({ outlet: f.outlet, actor: f.actor });
  } catch (err) {
    root.replaceChildren(h("p", {}, `${t("error")}: ${err.message}`));
    return;
  }
  root.dataset.rows = String(data.items.length);
  root.replaceChildren(h("p", { class: "framing-intro" }, t("framing_intro")), legend(),
    data.items.length ? table(data.items, ctx.update) : h("p", {}, t("framing_none")));
}

export async function mount(el, ctx) {
  root = h("div", { class: "framing" });
  el.append(root);
  if (ctx.actors) actorNames = new Map(ctx.actors.map((a) => [a.id, [a.name_ar, a.name_en]]));
  await draw(ctx);
}

export async function update(ctx) {
  await draw(ctx);
}

export function unmount() {
  root = null;
}
