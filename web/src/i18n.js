// Every string the dashboard shows, in Arabic (the default, right-to-left) and English.
// Event types are PLOVER's; their Arabic names are ours.

export const STRINGS = {
  ar: {
    app_title: "مرصد",
    app_subtitle: "أحداث النزاع من الأخبار العربية",
    tab_map: "الخريطة",
    tab_timeline: "الخط الزمني",
    tab_network: "شبكة الفاعلين",
    tab_evidence: "النص والأدلة",
    tab_framing: "التأطير",
    f_merged: "دمج التقارير",
    framing_intro: "كيف يسمّي كل مصدر إعلامي كل فاعل: صيغ التسمية وعددها ودرجة الموقف من −2 (عدائي) إلى +2 (مُضفٍ للشرعية). انقر صيغةً لعرض أدلتها.",
    framing_none: "لا تسميات بعد (عالج المستندات أولا)",
    framing_outlet: "المصدر الإعلامي",
    framing_actor: "الفاعل",
    framing_labels: "التسميات",
    framing_score: "الموقف",
    framing_forms: "صيغ التسمية (العدد)",
    stance_hostile: "عدائي",
    stance_negative: "سلبي",
    stance_neutral: "محايد",
    stance_positive: "إيجابي",
    stance_legitimizing: "مُضفٍ للشرعية",
    lang_toggle: "English",
    f_type: "نوع الحدث",
    f_actor: "الفاعل",
    f_outlet: "المصدر الإعلامي",
    f_since: "من",
    f_until: "إلى",
    f_all: "الكل",
    f_clear: "مسح المرشحات",
    events_n: (n, total) => (total > n ? `${n} من ${total} حدث` : `${n} حدث`),
    no_events: "لا أحداث تطابق المرشحات",
    loading: "جارٍ التحميل…",
    error: "تعذّر التحميل",
    card_type: "النوع",
    card_source: "الفاعل",
    card_target: "المستهدف",
    card_place: "المكان",
    card_date: "التاريخ",
    card_outlet: "المصدر",
    card_sources: "عدد المصادر",
    card_confidence: "الثقة",
    card_negated: "منفي",
    card_hypothetical: "افتراضي",
    card_open_evidence: "اعرض الجملة في النص",
    card_close: "إغلاق",
    cluster_events: (n) => `${n} أحداث في هذا الموقع`,
    unknown: "غير معروف",
    timeline_hint: "اسحب على الخط الزمني لتحديد فترة؛ انقر نقرة مزدوجة لإلغاء التحديد",
    timeline_by_day: "أحداث يوميًا حسب النوع",
    timeline_by_week: "أحداث أسبوعيًا حسب النوع",
    network_hint: "العقد فاعلون والروابط أحداث (من فعل ماذا بمن). انقر على فاعل لتصفية الأحداث به.",
    network_min: "أقل عدد للأحداث في الرابط",
    network_empty: "لا أحداث لها فاعل ومستهدف ضمن المرشحات",
    evidence_pick: "اختر حدثًا من القائمة لعرض نصه",
    evidence_legend_trigger: "كلمة الحدث",
    evidence_legend_actor: "فاعل",
    evidence_legend_place: "مكان",
    evidence_legend_date: "تاريخ",
    evidence_legend_statement: "تصريح",
    evidence_published: "تاريخ النشر",
    evidence_not_found: "لم يُعثر على المستند",
    map_basemap: "حدود الدول والسواحل: Natural Earth",
  },
  en: {
    app_title: "marsad",
    app_subtitle: "Conflict events from Arabic news",
    tab_map: "Map",
    tab_timeline: "Timeline",
    tab_network: "Actor network",
    tab_evidence: "Evidence",
    tab_framing: "Framing",
    f_merged: "Merge reports",
    framing_intro: "How each outlet names each actor: label forms, counts and stance from −2 (hostile) to +2 (legitimizing). Click a form to see its evidence.",
    framing_none: "No labels yet (process documents first)",
    framing_outlet: "Outlet",
    framing_actor: "Actor",
    framing_labels: "Labels",
    framing_score: "Stance",
    framing_forms: "Label forms (count)",
    stance_hostile: "hostile",
    stance_negative: "negative",
    stance_neutral: "neutral",
    stance_positive: "positive",
    stance_legitimizing: "legitimizing",
    lang_toggle: "العربية",
    f_type: "Event type",
    f_actor: "Actor",
    f_outlet: "Outlet",
    f_since: "From",
    f_until: "To",
    f_all: "All",
    f_clear: "Clear filters",
    events_n: (n, total) => (total > n ? `${n} of ${total} events` : `${n} events`),
    no_events: "No events match the filters",
    loading: "Loading…",
    error: "Could not load",
    card_type: "Type",
    card_source: "Actor",
    card_target: "Target",
    card_place: "Place",
    card_date: "Date",
    card_outlet: "Outlet",
    card_sources: "Sources",
    card_confidence: "Confidence",
    card_negated: "negated",
    card_hypothetical: "hypothetical",
    card_open_evidence: "Show the sentence in the article",
    card_close: "Close",
    cluster_events: (n) => `${n} events at this location`,
    unknown: "unknown",
    timeline_hint: "Drag across the timeline to select a period; double-click to clear it",
    timeline_by_day: "Events per day by type",
    timeline_by_week: "Events per week by type",
    network_hint: "Nodes are actors, links are events (who did what to whom). Click an actor to filter by it.",
    network_min: "Minimum events per link",
    network_empty: "No events with both an actor and a target under these filters",
    evidence_pick: "Pick an event from the list to see its text",
    evidence_legend_trigger: "event word",
    evidence_legend_actor: "actor",
    evidence_legend_place: "place",
    evidence_legend_date: "date",
    evidence_legend_statement: "statement",
    evidence_published: "Published",
    evidence_not_found: "Document not found",
    map_basemap: "Countries and coastlines: Natural Earth",
  },
};

export const TYPE_NAMES = {
  ar: {
    AGREE: "اتفاق", CONSULT: "تشاور", SUPPORT: "دعم", CONCEDE: "تنازل", COOPERATE: "تعاون",
    AID: "مساعدة", RETREAT: "انسحاب", REQUEST: "طلب", ACCUSE: "اتهام", REJECT: "رفض",
    THREATEN: "تهديد", PROTEST: "احتجاج", SANCTION: "عقوبة", MOBILIZE: "تعبئة", COERCE: "إكراه",
    ASSAULT: "هجوم",
  },
  en: {
    AGREE: "Agree", CONSULT: "Consult", SUPPORT: "Support", CONCEDE: "Concede", COOPERATE: "Cooperate",
    AID: "Aid", RETREAT: "Retreat", REQUEST: "Request", ACCUSE: "Accuse", REJECT: "Reject",
    THREATEN: "Threaten", PROTEST: "Protest", SANCTION: "Sanction", MOBILIZE: "Mobilize", COERCE: "Coerce",
    ASSAULT: "Assault",
  },
};

let current = "ar";

export function setLang(lang) {
  current = STRINGS[lang] ? lang : "ar";
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === "ar" ? "rtl" : "ltr";
  return current;
}

export function lang() {
  return current;
}

/** The string for `key` in the current language; functions are called with `args`. */
export function t(key, ...args) {
  const v = STRINGS[current][key] ?? STRINGS.ar[key] ?? key;
  return typeof v === "function" ? v(...args) : v;
}

export function typeName(type) {
  return TYPE_NAMES[current][type] ?? type;
}

/** The name of an actor/place in the current language, falling back to the other one. */
export function pickName(ar, en) {
  return (current === "ar" ? ar || en : en || ar) || t("unknown");
}
