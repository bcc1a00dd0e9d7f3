"""The name tagger: CoNLL reading and scoring (checked by hand), features, and the shipped model offline."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.data import DataError
from marsad.doc import Document
from marsad.ner import conll
from marsad.ner.features import (
    FEATURE_GROUPS,
    Lexicon,
    doc_features,
    load_cues,
    load_freq,
    sentence_features,
    tokens_from_words,
)
from marsad.segment import segment

# ---------------------------------------------------------------- scorer on a tiny hand-made file

GOLD = """\
قال O
المشير O
خليفة B-PER
حفتر I-PER
في O
بنغازي B-LOC

التقى O
وفد B-ORG
المجلس I-ORG
الرئاسي I-ORG
سكان O
مزدة B-LOC
"""
# predictions: PER exact (tp), LOC بنغازي missed (fn), ORG boundary wrong (1 fp + 1 fn), مزدة right (tp),
# and a spurious PER on "سكان" (fp).
PRED = ["O", "O", "B-PER", "I-PER", "O", "O", "O", "O", "B-ORG", "I-ORG", "B-PER", "B-LOC"]


def _split(tags: list[str], lengths: list[int]) -> list[list[str]]:
    out, i = [], 0
    for n in lengths:
        out.append(tags[i:i + n])
        i += n
    return out


def test_scorer_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "gold.conll"
    path.write_text(GOLD, encoding="utf-8")
    sents = conll.read_conll(path)
    assert [len(s.words) for s in sents] == [6, 6]
    sc = conll.score([s.tags for s in sents], _split(PRED, [6, 6]))
    # gold: PER 1, LOC 2, ORG 1 = 4 entities; predicted: PER 2, ORG 1, LOC 1 = 4; correct: PER, LOC(مزدة) = 2
    assert (sc.micro.tp, sc.micro.fp, sc.micro.fn) == (2, 2, 2)
    assert sc.micro.precision == pytest.approx(2 / 4)
    assert sc.micro.recall == pytest.approx(2 / 4)
    assert sc.micro.f1 == pytest.approx(0.5)
    per, loc, org = sc.per_type["PER"], sc.per_type["LOC"], sc.per_type["ORG"]
    assert (per.tp, per.fp, per.fn) == (1, 1, 0) and per.f1 == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert (loc.tp, loc.fp, loc.fn) == (1, 0, 1) and loc.f1 == pytest.approx(2 / 3)
    assert (org.tp, org.fp, org.fn) == (0, 1, 1) and org.f1 == 0.0
    # restricted to LOC only: 1 tp, 0 fp, 1 fn
    only_loc = conll.score([s.tags for s in sents], _split(PRED, [6, 6]), types=["LOC"])
    assert only_loc.micro.precision == 1.0 and only_loc.micro.recall == 0.5
    table = conll.format_table(sc)
    assert "micro" in table and "0.5000" in table


def test_conlleval_spans_treat_stray_inside_as_start() -> None:
    assert conll.layer_spans(["I-PER", "I-PER", "O", "B-LOC", "I-ORG"]) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG")]


def test_nested_file_is_flattened_outermost_kept_type(tmp_path: Path) -> None:
    # an OCC (dropped) containing an ORG and a GPE; then an ORG containing a PERS (ORG kept whole)
    text = ("أمين I-OCC\nلجنة I-OCC B-ORG\nالحي I-OCC I-ORG\nفي I-OCC\nسبها I-OCC B-GPE\n\n"
            "مكتب B-ORG\nالسيد I-ORG\nسالم I-ORG B-PERS\n$#$ O\n")
    path = tmp_path / "nested.txt"
    path.write_text(text, encoding="utf-8")
    a, b = conll.read_conll(path)
    assert a.tags == ["O", "B-ORG", "I-ORG", "O", "B-LOC"]
    assert b.words == ["مكتب", "السيد", "سالم"] and b.tags == ["B-ORG", "I-ORG", "I-ORG"]


def test_malformed_conll_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.conll"
    path.write_text("كلمة O\nكلمة\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.conll:2"):
        conll.read_conll(path)


def test_documents_split_on_docstart_and_length(tmp_path: Path) -> None:
    path = tmp_path / "d.conll"
    path.write_text("-DOCSTART- O\n\nأ O\n\nب O\n\n-DOCSTART- O\n\nج O\n", encoding="utf-8")
    sents = conll.read_conll(path)
    assert [len(d) for d in conll.documents(sents)] == [2, 1]
    assert [len(d) for d in conll.documents(sents, max_sentences=1)] == [1, 1, 1]


def test_file_without_blank_lines_is_cut_into_sentences(tmp_path: Path) -> None:
    """A news corpus written without blank lines between sentences is read as sentences again, cut at
    final punctuation but never inside a name; short blocks are left as they are."""
    sentence = ["وصل", "السفير", "إلى", "مدينة", "غات", "."]
    tags = ["O", "O", "O", "O", "B-LOC", "O"]
    rows = [f"{w} {t}" for _ in range(99) for w, t in zip(sentence, tags, strict=True)]
    # a last sentence with a full stop inside a name, which stays whole
    rows += ["وصل O", "وفد O", "م B-ORG", ". I-ORG", "ع I-ORG", "إلى O", "غات B-LOC", ". O"]
    path = tmp_path / "flat.conll"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    sents = conll.read_conll(path)
    assert [s.words for s in sents[:99]] == [sentence] * 99
    assert sents[99].words == ["وصل", "وفد", "م", ".", "ع", "إلى", "غات", "."] and len(sents) == 100
    assert sents[99].tags[2:5] == ["B-ORG", "I-ORG", "I-ORG"]
    assert conll.sentence_bounds(sentence, tags) == [(0, 6)]


# ---------------------------------------------------------------- features


def test_features_match_runtime_tokens() -> None:
    """A CoNLL sentence and the same text run through segment() give the same features."""
    text = "قال العقيد سالم الفرجاني في مدينة الكفرة"
    doc = segment(Document(text=text))
    lex = load_cues()
    from_doc = sentence_features(doc.tokens, lex)
    from_words = sentence_features(tokens_from_words(text.split()), lex)
    assert from_doc == from_words
    # the title cue reaches the next word, the place cue the word after مدينة
    assert "c-1=per_title" in from_doc[2] and "c-1=loc_cue" in from_doc[6]


def test_gazetteer_phrases_take_the_longest_match() -> None:
    lex = Lexicon()
    lex.add_phrase(["بني"], "LOC")
    lex.add_phrase(["بني", "وليد"], "LOC")
    feats = sentence_features(tokens_from_words("وصلنا إلى بني وليد".split()), lex)
    assert "g=B-LOC" in feats[2] and "g=I-LOC" in feats[3]


def test_optional_groups_are_off_unless_asked() -> None:
    words = "قال إن « حرب الأيام الستة » بدأت فجرا".split()
    plain = sentence_features(tokens_from_words(words), Lexicon())
    assert not any(f.startswith(("fq", "n=", "s-3=", "s+3=", "sh-1=", "lr=", "lc=", "wz=")) or f == "q"
                   for fs in plain for f in fs)


def test_frequency_bands_of_word_and_stem(tmp_path: Path) -> None:
    path = tmp_path / "freq.txt"
    path.write_text("# comment\n5\tقال مدينه\n3\tحرب\n", encoding="utf-8")
    lex = load_freq(path, Lexicon(features=frozenset({"freq"})))
    feats = sentence_features(tokens_from_words(["قال", "القريضات", "والمدينة"]), lex)
    assert "fq=5" in feats[0] and "fqs=5" in feats[0]
    assert "fq=0" in feats[1]  # an invented name is absent from general Arabic: band 0
    # with clitics the surface is unknown but its stem is common: the two features differ
    assert "fq=0" in feats[2] and "fqs=5" in feats[2]


def test_malformed_frequency_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "freq.txt"
    path.write_text("5\tقال\nثلاثة كلمات\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"freq.txt:2"):
        load_freq(path, Lexicon())


def test_quotes_parentheses_ngrams_and_wide_window() -> None:
    lex = Lexicon(features=frozenset(FEATURE_GROUPS))
    words = "قال إن « حرب الأيام الستة » بدأت ( فجرا ) أمس".split()
    feats = sentence_features(tokens_from_words(words), lex)
    inside = [i for i, f in enumerate(feats) if "q" in f]
    assert inside == [3, 4, 5, 9]  # the quoted title and the parenthesized word, not the marks
    assert "n=<ايا" in feats[4] and "n=ام>" in feats[4]  # n-grams of the stem, with word boundaries
    assert "s-3=ان" in feats[4] and "s+3=بدات" in feats[4]


def test_doc_features_see_other_mentions() -> None:
    sents = [tokens_from_words(["قال", "العميد", "الدرسي"]), tokens_from_words(["وأضاف", "الدرسي"])]
    first = [["O", "O", "B-PER"], ["O", "O"]]
    extra = doc_features(sents, first)
    assert "d=PER" in extra[1][1]  # the bare mention learns its namesake was a person
    assert "dr=none" in extra[0][2]  # the other mention was tagged O


def test_latin_runs_join_digits_and_joiners() -> None:
    words = "طورت شركة AT & T نظام TCP / IP وحاسوب PDP - 11 عام 1970".split()
    feats = sentence_features(tokens_from_words(words), Lexicon(features=frozenset({"ctx"})))
    runs = [next((f for f in fs if f.startswith("lr=") and "|" not in f), "") for fs in feats]
    assert runs == ["", "", "lr=B", "lr=I", "lr=I", "", "lr=B", "lr=I", "lr=I", "", "lr=B", "lr=I", "lr=I",
                    "", ""]  # a year after Arabic words is no part of a Latin name
    assert "lc=U" in feats[2] and "shb-=A|L" in feats[2]  # the script changes at the name's start


def test_cue_pairs_tell_a_rank_from_a_unit() -> None:
    lex = load_cues()
    lex.features = frozenset({"ctx"})
    feats = sentence_features(tokens_from_words("ثم وصل اللواء مسعود و اللواء 55".split()), lex)
    assert "cc+=per_title|per_name" in feats[2]  # a rank before a given name: a person follows
    assert "cc+=org_cue|-D" in feats[5]  # the same word before a number: a unit's name
    assert not any(f.startswith("cc+=") for f in feats[0])  # a word with no cue gets no pair


def test_latin_case_and_wazn_templates() -> None:
    from marsad.ner.features import _latin_case, _wazn

    assert [_latin_case(w) for w in ("UNIX", "Solaris", "compiler", "SunOS", "يونكس")] == ["U", "T", "l", "M", ""]
    assert _wazn("مكتوب") == "مCCوC"  # a native pattern
    assert _wazn("ستولمان") == "CCوCCاC"  # a transliterated name keeps its unusual vowel layout


def test_doc_count_feature_marks_words_frequent_in_the_document() -> None:
    lex = Lexicon(features=frozenset({"ctx"}))
    sents = [tokens_from_words(["وصل", "القرقني", "أمس"])] + [tokens_from_words(["قال", "القرقني"])] * 4
    first = [["O", "O", "O"]] + [["O", "O"]] * 4
    extra = doc_features(sents, first, lex)
    assert "dn=4" in extra[0][1]  # five mentions in the document
    assert "dn=1" in extra[0][2]
    assert not any(f.startswith("dn=") for fs in doc_features(sents, first)[0] for f in fs)  # off without ctx


def test_bracketed_sentences_use_marsad_tokens(tmp_path: Path) -> None:
    s = conll.parse_bracketed("التقى [PER عبد الله بن ناصر] وفد [ORG بلدية سبها] ثم عاد إلى و[LOC غدامس].")
    assert list(zip(s.words, s.tags, strict=True)) == [
        ("التقى", "O"), ("عبد", "B-PER"), ("الله", "I-PER"), ("بن", "I-PER"), ("ناصر", "I-PER"),
        ("وفد", "O"), ("بلدية", "B-ORG"), ("سبها", "I-ORG"), ("ثم", "O"), ("عاد", "O"), ("إلى", "O"),
        ("وغدامس", "B-LOC"), (".", "O")]  # the mark after the clitic labels the whole token
    path = tmp_path / "ours.txt"
    path.write_text("# comment\nزار [PER سالم] [LOC درنة].\nثم غادر.\n\nوصل [PER علي].\n", encoding="utf-8")
    sents = conll.read_bracketed(path)
    assert [x.doc for x in sents] == [0, 0, 1]  # a blank line ends a document


@pytest.mark.parametrize("line", ["قال [FOO سالم]", "قال [PER سالم", "قال سالم]", "[PER قال [LOC سالم]]"])
def test_malformed_marks_name_file_and_line(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("وصل [PER علي].\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.txt:2"):
        conll.read_bracketed(path)


# ---------------------------------------------------------------- the shipped model


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_a, **_k):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def model(no_network):
    from marsad.ner import tagger

    tagger.load_model.cache_clear()
    m = tagger.load_model()
    yield m
    tagger.load_model.cache_clear()


def test_model_ships_inside_the_package_and_loads_offline(model) -> None:
    import marsad

    pkg = Path(marsad.__file__).resolve().parent
    assert model.path.is_relative_to(pkg)
    assert model.path.stat().st_size <= 25_000_000
    assert model.tag(tokens_from_words(["في", "طرابلس"])) in (["O", "B-LOC"], ["O", "O"])


def test_loader_switches_on_the_groups_the_model_was_trained_with(tmp_path: Path, no_network) -> None:
    import json
    import shutil

    from marsad.ner import tagger

    shipped = tagger.MODEL_FILE
    model = tmp_path / "ner.crfsuite"
    shutil.copy(shipped, model)
    (tmp_path / "ner.json").write_text(json.dumps({"features": ["freq", "quote"]}), encoding="utf-8")
    with pytest.raises(tagger.ModelMissing, match="ner_freq.txt"):
        tagger.load_model(model)  # trained with frequency bands, but their file is missing
    (tmp_path / "ner_freq.txt").write_text("4\tقال\n", encoding="utf-8")
    m = tagger.load_model(model)
    assert m.lexicon.features == {"freq", "quote"} and m.lexicon.freq == {"قال": "4"}
    assert m.first is None  # no ner1.crfsuite beside it: a one-pass model
    tagger.load_model.cache_clear()


# Invented names, absent from every lexicon, in clear contexts (our own sentences).
SENTENCES = [
    ("قال العقيد مسعود القرقني إن قواته سيطرت على الطريق .", "مسعود القرقني", "PER"),
    ("وصرح الناطق باسم الكتيبة اللواء سليمان الزنيدي بأن الهجوم فشل .", "سليمان الزنيدي", "PER"),
    ("نزحت عشرات الأسر من بلدة القريضات جنوب البلاد .", "القريضات", "LOC"),
    ("أعلنت شركة الواحة الذهبية للخدمات النفطية وقف الإنتاج .", "الواحة الذهبية للخدمات النفطية", "ORG"),
]


@pytest.mark.parametrize(("text", "name", "label"), SENTENCES)
def test_tags_unknown_names_in_clear_contexts(model, text: str, name: str, label: str) -> None:
    from marsad.ner.tagger import find_entities

    doc = segment(Document(text=text))
    found = find_entities(doc)
    start = text.index(name)
    # the name must be found with the right type, overlapping the expected span (boundaries may differ
    # by a modifier word)
    assert any(lab == label and s < start + len(name) and e > start for s, e, lab in found), found


def test_find_entities_returns_spans_of_the_text(model) -> None:
    from marsad.ner.tagger import find_entities

    text = "التقى المشير خليفة حفتر في بنغازي.\nوقال حفتر إن الحرب ستستمر."
    doc = segment(Document(text=text))
    found = find_entities(doc)
    assert found, "nothing found"
    for s, e, lab in found:
        assert lab in {"PER", "ORG", "LOC", "MISC"}
        assert text[s:e].strip() == text[s:e] and text[s:e]


def test_ner_eval_command(model, tmp_path: Path) -> None:
    from marsad.cli import main

    path = tmp_path / "gold.conll"
    path.write_text(GOLD, encoding="utf-8")
    result = CliRunner().invoke(main, ["ner-eval", str(path), "--types", "PER,LOC"])
    assert result.exit_code == 0, result.output
    assert "micro" in result.output and "PER" in result.output and "ORG" not in result.output


def test_scores_on_shared_corpora(model, shared_dir: Path) -> None:
    """Sanity floor on the held-out tests (the real figures are in the model card)."""
    path = shared_dir / "eval/ner/wojood_sample/test.txt"
    if not path.is_file():
        pytest.skip("wojood sample missing")
    sents = conll.read_conll(path)
    pred: list[list[str]] = []
    for d in conll.documents(sents):
        pred += model.tag_document([tokens_from_words(s.words) for s in d])
    sc = conll.score([s.tags for s in sents], pred, types=["PER", "ORG", "LOC"])
    assert sc.micro.f1 > 0.6
