// Thin fetch wrappers over marsad's HTTP API (same origin, so nothing leaves the machine).

const PAGE = 1000; // the API's maximum page size for events
const CAP = 10000; // the most events a view loads at once

async function getJSON(path, params = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  const r = await fetch(url);
  if (!r.ok) {
    let detail = r.statusText;
    try {
      detail = JSON.stringify((await r.json()).detail);
    } catch {
      /* not JSON */
    }
    throw new Error(`${r.status} ${detail}`);
  }
  return r.json();
}

/** All events matching `filters` (paged, up to CAP), with the total the API reports. */
export async function fetchEvents(filters, sort = "date") {
  let offset = 0;
  let total = 0;
  const items = [];
  do {
    const page = await getJSON("/api/events", { ...filters, sort, limit: PAGE, offset });
    total = page.total;
    items.push(...page.items);
    offset += PAGE;
    if (!page.items.length) break;
  } while (items.length < total && items.length < CAP);
  return { items, total };
}

export const getFraming = (params) => getJSON("/api/framing", params);
export const getEvent = (id) => getJSON(`/api/events/${encodeURIComponent(id)}`);
export const getActors = () => getJSON("/api/actors", { limit: 1000, sort: "-mentions" });
export const getOutlets = () => getJSON("/api/outlets");
export const getStats = () => getJSON("/api/stats");
export const getDocument = (id) => getJSON(`/api/documents/${encodeURIComponent(id)}`);
export const getRecord = (id) => getJSON(`/api/documents/${encodeURIComponent(id)}/record`);
