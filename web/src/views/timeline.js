// Timeline: events per day (or per week over long spans) stacked by type. Dragging a brush across it
// sets the shared since/until filters, so every other view and the event list narrow to that period.
// The bars themselves ignore the date filters (they show the whole period the other filters allow),
// and the brush shows the selected range.
import { axisBottom, axisLeft } from "d3-axis";
import { brushX } from "d3-brush";
import { scaleLinear, scaleUtc } from "d3-scale";
import { select } from "d3-selection";
import { stack } from "d3-shape";
import { utcDay, utcMonday } from "d3-time";
import { TYPES, typeColor } from "../colors.js";
import { lang, t, typeName } from "../i18n.js";
import { eventDay, h, isoDay } from "../util.js";

const M = { top: 12, right: 20, bottom: 28, left: 36 };
const HEIGHT = 280;
const WEEKLY_AFTER_DAYS = 120;

let root = null;

/** Count events per bin and type; returns {interval, rows:[{bin: Date, TYPE: n...}], types}. */
export function binEvents(items) {
  const days = items.map(eventDay).filter(Boolean).map((d) => new Date(`${d}T00:00:00Z`));
  if (!days.length) return { interval: utcDay, rows: [], types: [] };
  const min = Math.min(...days);
  const max = Math.max(...days);
  const interval = (max - min) / 864e5 > WEEKLY_AFTER_DAYS ? utcMonday : utcDay;
  const rows = new Map();
  for (const b of interval.range(interval.floor(new Date(min)), interval.offset(interval.floor(new Date(max)), 1))) {
    rows.set(+b, { bin: b });
  }
  const types = new Set();
  for (const e of items) {
    const d = eventDay(e);
    if (!d) continue;
    const b = +interval.floor(new Date(`${d}T00:00:00Z`));
    const row = rows.get(b);
    row[e.type] = (row[e.type] || 0) + 1;
    types.add(e.type);
  }
  return { interval, rows: [...rows.values()], types: TYPES.filter((x) => types.has(x)) };
}

/** Tick labels in the interface language (Arabic month names, Latin digits as the rest of the UI). */
function dateTick(x) {
  const [a, b] = x.domain();
  const long = (b - a) / 864e5 > 120;
  const fmt = new Intl.DateTimeFormat(lang() === "ar" ? "ar-u-nu-latn" : "en",
    long ? { month: "short", year: "numeric", timeZone: "UTC" } : { month: "short", day: "numeric", timeZone: "UTC" });
  return (d) => fmt.format(d);
}

function withoutDates(f) {
  const { since, until, ...rest } = f;
  return rest;
}

async function draw(ctx) {
  const base = await ctx.events(withoutDates(ctx.filters));
  const { interval, rows, types } = binEvents(base.items);
  const width = Math.max(480, root.clientWidth - 8);
  root.replaceChildren(
    h("p", { class: "hint" }, t(interval === utcDay ? "timeline_by_day" : "timeline_by_week"), " — ",
      t("timeline_hint")),
  );
  if (!rows.length) {
    root.append(h("p", { class: "empty" }, t("no_events")));
    return;
  }
  for (const r of rows) for (const ty of types) r[ty] ||= 0;
  const series = stack().keys(types)(rows);
  const x = scaleUtc()
    .domain([rows[0].bin, interval.offset(rows[rows.length - 1].bin, 1)])
    .range([M.left, width - M.right]);
  const yMax = Math.max(1, ...series.flatMap((s) => s.map((d) => d[1])));
  const y = scaleLinear().domain([0, yMax]).nice().range([HEIGHT - M.bottom, M.top]);

  const svg = select(root).append("svg")
    .attr("class", "timeline").attr("dir", "ltr").attr("width", width).attr("height", HEIGHT)
    .attr("viewBox", `0 0 ${width} ${HEIGHT}`);
  svg.append("g").selectAll("g").data(series).join("g")
    .attr("fill", (s) => typeColor(s.key)).attr("data-type", (s) => s.key)
    .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key }))).join("rect")
    .attr("class", "bar")
    .attr("x", (d) => x(d.data.bin) + 0.5)
    .attr("width", (d) => Math.max(1, x(interval.offset(d.data.bin, 1)) - x(d.data.bin) - 1))
    .attr("y", (d) => y(d[1]))
    .attr("height", (d) => y(d[0]) - y(d[1]))
    .append("title").text((d) => `${isoDay(d.data.bin)} ${typeName(d.key)}: ${d.data[d.key]}`);
  svg.append("g").attr("transform", `translate(0,${HEIGHT - M.bottom})`)
    .call(axisBottom(x).ticks(Math.min(10, width / 90)).tickFormat(dateTick(x)));
  svg.append("g").attr("class", "y-axis").attr("transform", `translate(${M.left},0)`)
    .call(axisLeft(y).ticks(Math.min(5, yMax)).tickFormat((v) => (Number.isInteger(v) ? v : "")));

  const brush = brushX()
    .extent([[M.left, M.top], [width - M.right, HEIGHT - M.bottom]])
    .on("end", (event) => {
      if (!event.sourceEvent) return; // moved by us, not by the user
      if (!event.selection) {
        ctx.update({ params: { since: null, until: null } });
        return;
      }
      const [a, b] = event.selection.map((px) => x.invert(px));
      const since = interval.round(a);
      const until = utcDay.offset(interval.round(b), -1);
      if (until < since) return;
      ctx.update({ params: { since: isoDay(since), until: isoDay(until) } });
    });
  const g = svg.append("g").attr("class", "brush").call(brush);
  const { since, until } = ctx.filters;
  if (since || until) {
    const a = since ? new Date(`${since}T00:00:00Z`) : x.domain()[0];
    const b = until ? utcDay.offset(new Date(`${until}T00:00:00Z`), 1) : x.domain()[1];
    const sel = [Math.max(M.left, x(a)), Math.min(width - M.right, x(b))];
    if (sel[1] > sel[0]) g.call(brush.move, sel);
  }

  root.append(h("ul", { class: "legend" }, types.map((ty) =>
    h("li", {}, h("span", { class: "swatch", style: { background: typeColor(ty) } }), typeName(ty)))));
}

export async function mount(el, ctx) {
  root = h("div", { class: "timeline-view", id: "timeline" });
  el.append(root);
  await draw(ctx);
}

export async function update(ctx) {
  await draw(ctx);
}

export function unmount() {
  root = null;
}
