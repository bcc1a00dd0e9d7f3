// Actor network: actors are nodes, events are typed, directed links (who did what to whom), laid out
// by a force simulation. Links aggregate events of one type between one pair; a slider hides rare
// links; clicking an actor sets the shared actor filter.
import { drag } from "d3-drag";
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import { typeColor } from "../colors.js";
import { pickName, t, typeName } from "../i18n.js";
import { h } from "../util.js";

const HEIGHT = 520;

let root = null;
let sim = null;

/** Nodes and links of the events that name both a source and a target. */
export function buildGraph(items, minCount = 1) {
  const links = new Map();
  const nodes = new Map();
  const node = (id, ar, en) => {
    if (!nodes.has(id)) nodes.set(id, { id, name_ar: ar, name_en: en, degree: 0 });
    return nodes.get(id);
  };
  for (const e of items) {
    if (!e.source || !e.target || e.source === e.target) continue;
    const key = `${e.source}\u0000${e.target}\u0000${e.type}`;
    if (!links.has(key)) links.set(key, { source: e.source, target: e.target, type: e.type, count: 0,
      src: [e.source_name_ar, e.source_name_en], tgt: [e.target_name_ar, e.target_name_en] });
    links.get(key).count += 1;
  }
  const kept = [...links.values()].filter((l) => l.count >= minCount);
  for (const l of kept) {
    node(l.source, ...l.src).degree += l.count;
    node(l.target, ...l.tgt).degree += l.count;
  }
  // parallel links between one pair get different curvatures
  const pairIndex = new Map();
  for (const l of kept) {
    const pair = [l.source, l.target].sort().join("\u0000");
    l.k = pairIndex.get(pair) || 0;
    pairIndex.set(pair, l.k + 1);
  }
  return { nodes: [...nodes.values()], links: kept };
}

function arc(l) {
  const { x: x1, y: y1 } = l.source;
  const { x: x2, y: y2 } = l.target;
  const dr = l.k ? Math.hypot(x2 - x1, y2 - y1) / (0.3 * l.k) : 0;
  return dr ? `M${x1},${y1}A${dr},${dr} 0 0,1 ${x2},${y2}` : `M${x1},${y1}L${x2},${y2}`;
}

function draw(ctx) {
  sim?.stop();
  const min = Math.max(1, Number(ctx.state.params.minlinks) || 1);
  const { nodes, links } = buildGraph(ctx.data.items, min);
  const width = Math.max(480, root.clientWidth - 8);
  const slider = h("input", { type: "range", min: 1, max: 10, value: min, id: "net-min",
    onchange: (ev) => ctx.update({ params: { minlinks: ev.target.value === "1" ? null : ev.target.value } }) });
  root.replaceChildren(h("p", { class: "hint" }, t("network_hint")),
    h("label", { class: "net-min" }, t("network_min"), " ", slider, ` ${min}`));
  if (!links.length) {
    root.append(h("p", { class: "empty" }, t("network_empty")));
    return;
  }
  const svg = select(root).append("svg").attr("class", "network").attr("dir", "ltr")
    .attr("width", width).attr("height", HEIGHT).attr("viewBox", `0 0 ${width} ${HEIGHT}`);
  const defs = svg.append("defs");
  for (const type of new Set(links.map((l) => l.type))) {
    defs.append("marker").attr("id", `arrow-${type}`).attr("viewBox", "0 -5 10 10").attr("refX", 18)
      .attr("markerWidth", 6).attr("markerHeight", 6).attr("orient", "auto")
      .append("path").attr("d", "M0,-5L10,0L0,5").attr("fill", typeColor(type));
  }
  const g = svg.append("g");
  const zoomer = zoom().scaleExtent([0.2, 4]).on("zoom", (ev) => g.attr("transform", ev.transform));
  svg.call(zoomer);
  const link = g.append("g").attr("fill", "none").selectAll("path").data(links).join("path")
    .attr("class", "net-link").attr("data-type", (l) => l.type)
    .attr("stroke", (l) => typeColor(l.type)).attr("stroke-width", (l) => 1 + Math.sqrt(l.count))
    .attr("marker-end", (l) => `url(#arrow-${l.type})`);
  link.append("title").text((l) => `${pickName(...l.src)} → ${pickName(...l.tgt)}: ${typeName(l.type)} (${l.count})`);
  const radius = (n) => 6 + 3 * Math.sqrt(n.degree);
  const nodeG = g.append("g").selectAll("g").data(nodes).join("g")
    .attr("class", (n) => `net-node${n.id === ctx.filters.actor ? " selected" : ""}`)
    .attr("data-actor", (n) => n.id)
    .on("click", (ev, n) => ctx.update({ params: { actor: ctx.filters.actor === n.id ? null : n.id } }));
  nodeG.append("circle").attr("r", radius);
  nodeG.append("text").attr("dy", (n) => radius(n) + 12).attr("text-anchor", "middle")
    .text((n) => pickName(n.name_ar, n.name_en));
  // the layout is computed before it is shown (no drifting start), weak pulls to the middle keep separate
  // groups of actors near the rest, and the view is then zoomed to fit every node and its label
  sim = forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.id).distance(110))
    .force("charge", forceManyBody().strength(-260))
    .force("collide", forceCollide().radius((n) => radius(n) + 18))
    .force("center", forceCenter(width / 2, HEIGHT / 2))
    .force("x", forceX(width / 2).strength(0.05))
    .force("y", forceY(HEIGHT / 2).strength(0.08))
    .stop();
  sim.tick(Math.ceil(Math.log(sim.alphaMin()) / Math.log(1 - sim.alphaDecay())));
  const render = () => {
    link.attr("d", arc);
    nodeG.attr("transform", (n) => `translate(${n.x},${n.y})`);
  };
  render();
  svg.call(zoomer.transform, fitted(nodes, radius, width));
  sim.on("tick", render);
  nodeG.call(drag()
    .on("start", (ev, n) => { if (!ev.active) sim.alphaTarget(0.3).restart(); n.fx = n.x; n.fy = n.y; })
    .on("drag", (ev, n) => { n.fx = ev.x; n.fy = ev.y; })
    .on("end", (ev, n) => { if (!ev.active) sim.alphaTarget(0); n.fx = null; n.fy = null; }));
}

// Room for a node's name around its circle (names are centred below the node).
const LABEL_HALF_WIDTH = 70;
const LABEL_HEIGHT = 22;

function fitted(nodes, radius, width) {
  const x0 = Math.min(...nodes.map((n) => n.x - Math.max(radius(n), LABEL_HALF_WIDTH)));
  const x1 = Math.max(...nodes.map((n) => n.x + Math.max(radius(n), LABEL_HALF_WIDTH)));
  const y0 = Math.min(...nodes.map((n) => n.y - radius(n)));
  const y1 = Math.max(...nodes.map((n) => n.y + radius(n) + LABEL_HEIGHT));
  const k = Math.min(1, (width - 16) / (x1 - x0), (HEIGHT - 16) / (y1 - y0));
  return zoomIdentity.translate(width / 2 - (k * (x0 + x1)) / 2, HEIGHT / 2 - (k * (y0 + y1)) / 2).scale(k);
}

export function mount(el, ctx) {
  root = h("div", { class: "network-view", id: "network" });
  el.append(root);
  draw(ctx);
}

export function update(ctx) {
  draw(ctx);
}

export function unmount() {
  sim?.stop();
  sim = null;
  root = null;
}
