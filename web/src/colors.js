// One colour per PLOVER type, grouped by family: cooperation in blues/greens, verbal conflict in
// yellows/oranges, material conflict in reds/purples, so a map reads at a glance.
export const TYPE_COLORS = {
  AGREE: "#1f78b4", CONSULT: "#6baed6", SUPPORT: "#33a02c", CONCEDE: "#8fd175", COOPERATE: "#1b9e77",
  AID: "#66c2a5", RETREAT: "#a6761d", REQUEST: "#b2abd2",
  ACCUSE: "#fdbf6f", REJECT: "#ff7f00", THREATEN: "#e6ab02", PROTEST: "#fb9a99",
  SANCTION: "#8c6bb1", MOBILIZE: "#6a3d9a", COERCE: "#e7298a", ASSAULT: "#d7191c",
};

export const TYPES = Object.keys(TYPE_COLORS);

export function typeColor(type) {
  return TYPE_COLORS[type] ?? "#777";
}
