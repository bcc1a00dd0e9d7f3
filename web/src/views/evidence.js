// Evidence view: the article text exactly as stored, with the event triggers, actors, places, dates
// and statement verbs highlighted at their offsets (from the document's extraction record). The
// focused event's sentence is framed and scrolled into view.
//
// Overlapping spans are resolved per character by priority (a trigger wins over an actor mention that
// overlaps it), then runs of characters with the same winning span become one element: a trigger is
// never split, and no span is drawn twice.
import { getDocument, getEvent, getRecord } from "../api.js";
import { pickName, t, typeName } from "../i18n.js";
import { h } from "../util.js";

const PRIORITY = { trigger: 5, statement: 4, actor: 3, place: 3, date: 2 };

let root = null;

/** All highlightable spans of a record (+ the document's dates): [{start, end, kind, title}]. */
export function spansOf(record, dates = []) {
  const spans = [];
  for (const [i, e] of (record.events || []).entries()) {
    spans.push({ start: e.trigger[0], end: e.trigger[1], kind: "trigger", title: typeName(e.type), index: i });
  }
  for (const s of record.statements || []) {
    spans.push({ start: s.trigger[0], end: s.trigger[1], kind: "statement", title: t("evidence_legend_statement") });
  }
  for (const a of record.actors || []) {
    for (const [start, end] of a.mentions || []) spans.push({ start, end, kind: "actor", title: pickName(a.name_ar, a.name_en), id: a.id });
  }
  for (const p of record.places || []) {
    for (const [start, end] of p.mentions || []) spans.push({ start, end, kind: "place", title: pickName(p.name_ar, p.name_en), id: p.id });
  }
  for (const d of dates) spans.push({ start: d.start, end: d.end, kind: "date", title: d.value || d.text });
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
}

/** Render text[from, to) with spans as <mark> runs; returns an array of nodes. */
export function highlight(text, spans, from = 0, to = text.length) {
  const owner = new Array(to - from).fill(null);
  for (const s of spans) {
    for (let i = Math.max(s.start, from); i < Math.min(s.end, to); i++) {
      const cur = owner[i - from];
      if (!cur || PRIORITY[s.kind] > PRIORITY[cur.kind]) owner[i - from] = s;
    }
  }
  const out = [];
  let i = 0;
  while (i < owner.length) {
    let j = i + 1;
    while (j < owner.length && owner[j] === owner[i]) j++;
    const chunk = text.slice(from + i, from + j);
    const s = owner[i];
    out.push(s ? h("mark", { class: `hl hl-${s.kind}`, title: s.title, "data-start": from + i, "data-end": from + j,
      "data-id": s.id, "data-event-index": s.index }, chunk) : document.createTextNode(chunk));
    i = j;
  }
  return out;
}

async function draw(ctx) {
  const { docId, params } = ctx.state;
  let id = docId;
  let focus = null;
  if (params.event) {
    try {
      focus = await getEvent(params.event);
      if (!id) id = focus.doc_id;
      if (focus.doc_id !== id) focus = null;
    } catch {
      focus = null;
    }
  }
  if (!id) {
    root.replaceChildren(h("p", { class: "hint" }, t("evidence_pick")));
    return;
  }
  let doc;
  let record;
  try {
    [doc, record] = await Promise.all([getDocument(id), getRecord(id)]);
  } catch {
    root.replaceChildren(h("p", { class: "empty" }, t("evidence_not_found")));
    return;
  }
  const text = doc.text;
  const spans = spansOf(record, doc.dates || []);
  const body = h("div", { class: "evidence-text", lang: "ar", dir: "rtl", id: "evidence-text" });
  if (focus) {
    const a = focus.sentence_start;
    const b = focus.sentence_end;
    body.append(...highlight(text, spans, 0, a),
      h("span", { class: "focus-sentence", id: "focus-sentence" }, ...highlight(text, spans, a, b)),
      ...highlight(text, spans, b, text.length));
  } else {
    body.append(...highlight(text, spans));
  }
  const src = doc.source || {};
  root.replaceChildren(
    h("header", { class: "evidence-head" },
      h("h2", { lang: "ar" }, src.title || (src.path || "").split("/").pop() || id),
      h("p", {}, [src.outlet, src.published && `${t("evidence_published")}: ${src.published}`].filter(Boolean).join(" — ")),
      h("ul", { class: "legend" }, ["trigger", "actor", "place", "date", "statement"].map((k) =>
        h("li", {}, h("mark", { class: `hl hl-${k}` }, t(`evidence_legend_${k}`)))))),
    body,
  );
  root.dataset.docId = id;
  if (focus) {
    const mark = [...body.querySelectorAll("mark.hl-trigger")].find((m) =>
      Number(m.dataset.start) === focus.trigger_start);
    mark?.classList.add("focus");
    (mark || body.querySelector("#focus-sentence"))?.scrollIntoView({ block: "center" });
  }
}

export async function mount(el, ctx) {
  root = h("article", { class: "evidence-view", id: "evidence" });
  el.append(root);
  await draw(ctx);
}

export async function update(ctx) {
  await draw(ctx);
}

export function unmount() {
  root = null;
}
