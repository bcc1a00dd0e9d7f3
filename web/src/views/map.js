// Map: events as points coloured by PLOVER type and sized by number of sources, grouped on a pixel
// grid when dense (re-grouped at every zoom). The basemap is Natural Earth's countries from the
// world-atlas package, drawn as vector shapes: no tile server, works air-gapped.
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import { feature } from "topojson-client";
import worldUrl from "world-atlas/countries-50m.json?url";
import { typeColor } from "../colors.js";
import { t } from "../i18n.js";
import { showList } from "../card.js";

const CELL = 44; // px: points closer than this on screen are grouped
const LIBYA = [[19.5, 9.3], [33.5, 25.2]];

let map = null;
let markers = null;
let points = [];
let ctxRef = null;
let world = null;

/** Events that can be placed on the map. */
export function mappable(items) {
  return items.filter((e) => Number.isFinite(e.lat) && Number.isFinite(e.lon));
}

/**
 * Group points closer than `cell` px on screen: each point joins the first group whose seed lies within
 * `cell` px (looked up in the 3×3 neighbouring grid cells), else it seeds a new group. Greedy and
 * order-dependent, but linear in practice and free of the split clusters a plain grid makes at cell edges.
 */
export function gridCluster(pts, project, cell = CELL) {
  const grid = new Map();
  const groups = [];
  for (const e of pts) {
    const p = project(e);
    const gx = Math.floor(p.x / cell);
    const gy = Math.floor(p.y / cell);
    let found = null;
    for (let dx = -1; dx <= 1 && !found; dx++) {
      for (let dy = -1; dy <= 1 && !found; dy++) {
        for (const g of grid.get(`${gx + dx}:${gy + dy}`) || []) {
          if (Math.hypot(g.x - p.x, g.y - p.y) < cell) { found = g; break; }
        }
      }
    }
    if (!found) {
      found = { x: p.x, y: p.y, items: [] };
      const key = `${gx}:${gy}`;
      if (!grid.has(key)) grid.set(key, []);
      grid.get(key).push(found);
      groups.push(found);
    }
    found.items.push(e);
  }
  return groups.map((g) => g.items);
}

function diameter(sources, n) {
  return Math.min(64, (n > 1 ? 22 : 12) + 5 * Math.sqrt(sources));
}

/** A conic-gradient "pie" of the types in a cluster, so mixed clusters stay readable. */
function pie(group) {
  const counts = new Map();
  for (const e of group) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  let acc = 0;
  const stops = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([type, c]) => {
    const from = (acc / group.length) * 360;
    acc += c;
    return `${typeColor(type)} ${from}deg ${(acc / group.length) * 360}deg`;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

function icon(group) {
  const sources = group.reduce((s, e) => s + (Number(e.sources) || 1), 0);
  const d = diameter(sources, group.length);
  const single = group.length === 1;
  const bg = single ? typeColor(group[0].type) : pie(group);
  const html = `<div class="${single ? "ev-marker" : "ev-cluster"}" data-count="${group.length}"` +
    `${single ? ` data-event-id="${group[0].id}" data-type="${group[0].type}"` : ""}` +
    ` data-sources="${sources}" style="width:${d}px;height:${d}px;background:${bg}">` +
    `${single ? "" : `<span>${group.length}</span>`}</div>`;
  return L.divIcon({ html, className: "ev-icon", iconSize: [d, d] });
}

function draw() {
  if (!map) return;
  markers.clearLayers();
  const z = map.getZoom();
  const groups = gridCluster(points, (e) => map.project([e.lat, e.lon], z));
  for (const g of groups) {
    const lat = g.reduce((s, e) => s + e.lat, 0) / g.length;
    const lon = g.reduce((s, e) => s + e.lon, 0) / g.length;
    const m = L.marker([lat, lon], { icon: icon(g), keyboard: true, riseOnHover: true });
    m.on("click", () => onClick(g));
    markers.addLayer(m);
  }
  const el = map.getContainer();
  el.dataset.mapped = String(points.length);
  el.dataset.groups = String(groups.length);
}

function onClick(group) {
  if (group.length === 1) return ctxRef.update({ params: { event: group[0].id } });
  const bounds = L.latLngBounds(group.map((e) => [e.lat, e.lon]));
  const spread = !bounds.getNorthEast().equals(bounds.getSouthWest());
  if (spread && map.getZoom() < map.getMaxZoom()) map.fitBounds(bounds.pad(0.5));
  else showList(group);
}

/** Make rings continuous across the antimeridian (Russia, Fiji) so Leaflet draws no stripes. */
export function unwrapRing(ring) {
  let prev = null;
  return ring.map(([lon, lat]) => {
    let x = lon;
    if (prev !== null) while (x - prev > 180) x -= 360;
    if (prev !== null) while (prev - x > 180) x += 360;
    prev = x;
    return [x, lat];
  });
}

function unwrap(f) {
  const g = f.geometry;
  if (!g) return f;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
  const fixed = polys.map((rings) => rings.map(unwrapRing));
  return { ...f, geometry: { type: g.type, coordinates: g.type === "Polygon" ? fixed[0] : fixed } };
}

/** Bounds of the central 90% of points, so a lone far-away event does not zoom the map out to the world. */
function coreBounds(pts) {
  const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const lats = pts.map((e) => e.lat).sort((a, b) => a - b);
  const lons = pts.map((e) => e.lon).sort((a, b) => a - b);
  const lo = pts.length >= 20 ? 0.05 : 0;
  const hi = pts.length >= 20 ? 0.95 : 0.999999;
  return L.latLngBounds([q(lats, lo), q(lons, lo)], [q(lats, hi), q(lons, hi)]);
}

async function basemap() {
  if (!world) world = fetch(worldUrl).then((r) => r.json());
  const topo = await world;
  const all = feature(topo, topo.objects.countries);
  // Antarctica (010) only adds a band along the bottom edge of a Mercator map
  const countries = { ...all, features: all.features.filter((f) => f.id !== "010").map(unwrap) };
  L.geoJSON(countries, {
    style: (f) => ({
      color: "#7b8794", weight: 0.8, fillColor: f.id === "434" ? "#f3ecd9" : "#e9e4d8", fillOpacity: 1,
    }),
    interactive: false,
  }).addTo(map);
}

export async function mount(el, ctx) {
  ctxRef = ctx;
  const box = L.DomUtil.create("div", "map", el);
  box.id = "map";
  box.dir = "ltr"; // Leaflet positions panes from the left
  // No zoom/fade animations: a vector basemap needs none, and removing a map mid-animation (switching
  // tabs quickly) makes Leaflet throw from a pending transition.
  map = L.map(box, { minZoom: 2, maxZoom: 11, worldCopyJump: true, zoomSnap: 0.5, zoomAnimation: false,
    fadeAnimation: false, markerZoomAnimation: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(t("map_basemap"));
  map.fitBounds(LIBYA);
  markers = L.layerGroup().addTo(map);
  map.on("zoomend", draw);
  await basemap();
  update(ctx, true);
}

export function update(ctx, fit = false) {
  ctxRef = ctx;
  points = mappable(ctx.data.items);
  draw();
  if (fit && points.length) {
    map.fitBounds(coreBounds(points).pad(0.3), { maxZoom: 7 });
  }
}

export function unmount() {
  map?.off();
  map?.remove();
  map = null;
  markers = null;
}

