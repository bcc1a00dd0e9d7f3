// Small DOM and data helpers shared by the views.

/** Create an element: h("div", {class: "x", onclick: fn}, child, "text", ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "style" && typeof v === "object") Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The day an event is placed on: its own date, else its article's publication date. */
export function eventDay(e) {
  return e.date || e.published || null;
}

/** ISO yyyy-mm-dd of a Date in UTC. */
export function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

/** The sentence of an event split around its trigger: [before, trigger, after]. */
export function splitSentence(e) {
  const s = e.sentence_text || "";
  const a = Math.max(0, (e.trigger_start ?? 0) - (e.sentence_start ?? 0));
  const b = Math.max(a, (e.trigger_end ?? 0) - (e.sentence_start ?? 0));
  return [s.slice(0, a), s.slice(a, b), s.slice(b)];
}
