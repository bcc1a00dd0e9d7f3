// The dashboard's state lives in the URL hash so any view can be sent to a colleague:
//   #/<view>[/<doc_id>]?type=ASSAULT&actor=lna&outlet=...&since=2019-04-01&until=2019-06-30&lang=en&event=12
// Filters are shared by every view; `event` focuses one event (card, evidence scroll).

export const FILTER_KEYS = ["type", "actor", "outlet", "since", "until", "merged"];
export const VIEWS = ["map", "timeline", "network", "evidence", "framing"];

/** Parse a location hash into {view, docId, params}. Unknown views fall back to the map. */
export function parseHash(hash) {
  const h = (hash || "").replace(/^#\/?/, "");
  const [path, query = ""] = h.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const view = VIEWS.includes(parts[0]) ? parts[0] : "map";
  const params = Object.fromEntries(new URLSearchParams(query));
  return { view, docId: view === "evidence" ? parts[1] ?? null : null, params };
}

/** Build a hash from a state; empty values are left out so URLs stay short. */
export function buildHash({ view, docId, params }) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== "") q.set(k, v);
  }
  const path = docId ? `${view}/${encodeURIComponent(docId)}` : view;
  const qs = q.toString();
  return `#/${path}${qs ? `?${qs}` : ""}`;
}

export function current() {
  return parseHash(location.hash);
}

/** The shared filters of the current URL (only the filter keys). */
export function filters(state = current()) {
  const f = {};
  for (const k of FILTER_KEYS) if (state.params[k]) f[k] = state.params[k];
  return f;
}

/** Change the URL; the app re-renders on `hashchange`. `patch` values of null remove a key. */
export function update({ view, docId, params } = {}) {
  const s = current();
  const next = {
    view: view ?? s.view,
    docId: view && view !== "evidence" ? null : docId !== undefined ? docId : s.docId,
    params: { ...s.params },
  };
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") delete next.params[k];
    else next.params[k] = v;
  }
  const hash = buildHash(next);
  if (hash !== location.hash) location.hash = hash;
}
