"""The scorer of FORMAT.md on tiny gold/prediction pairs whose figures we work out by hand."""

from __future__ import annotations

import json

import pytest

from marsad.evaluate import (
    haversine_km,
    norm_name,
    score_actors,
    score_events,
    score_file,
    score_places,
    score_statements,
)


def test_names_ignore_case_accents_hyphens_apostrophes():
    assert norm_name("Ghassan Salamé") == norm_name("ghassan salame")
    assert norm_name("Al-Jazeera") == norm_name("Al Jazeera") == norm_name("aljazeera")
    assert norm_name("Martyrs' Square") == norm_name("Martyrs Square")
    assert norm_name("Tripoli") != norm_name("Tripolis")


def test_haversine_known_distance():
    # Tripoli (Libya) to Benghazi is about 645 km great-circle
    assert 630 < haversine_km(32.8872, 13.1913, 32.1167, 20.0667) < 660
    assert haversine_km(10, 10, 10, 10) == 0


GOLD_ACTORS = [
    {"name_en": "Khalifa Haftar", "aliases_en": ["Haftar"]},
    {"name_en": "Russia", "aliases_en": ["Moscow"]},
    {"name_en": "Egypt", "aliases_en": []},
]


def test_actors_set_precision_and_recall():
    gold = {"actors": GOLD_ACTORS}
    record = {"actors": [{"name_en": "haftar"}, {"name_en": "Moscow"}, {"name_en": "Russia"},
                         {"name_en": "Fayez al-Sarraj"}]}
    s = score_actors(gold, record)
    # 4 distinct names, 3 name a gold actor (Haftar, Moscow, Russia); 2 of 3 gold actors found
    assert (s.tp_pred, s.n_pred, s.tp_gold, s.n_gold) == (3, 4, 2, 3)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))


def test_places_name_then_distance_optional_and_geocode():
    gold = {
        "actors": GOLD_ACTORS,
        "places": [
            {"name_en": "Tripoli", "country": "LY", "lat": 32.8872, "lon": 13.1913},
            {"name_en": "Ain Zara", "country": "LY", "lat": 32.80, "lon": 13.25},
            {"name_en": "Russia", "country": "RU", "lat": 61.524, "lon": 105.3188},  # optional: an actor
            {"name_en": "Egypt", "country": "EG", "lat": 26.8206, "lon": 30.8025},  # optional too
            {"name_en": "Sirte", "country": "LY", "lat": 31.2089, "lon": 16.5887},
        ],
        "events": [],
    }
    record = {"places": [
        # matched by name, but geocoded in Lebanon: counts as found, fails geocode
        {"id": "x1", "name_en": "Tripoli", "country": "LY", "lat": 34.4367, "lon": 35.8497},
        # another name, 3 km from Ain Zara in the same country: matched by distance, geocode right
        {"id": "x2", "name_en": "Ayn Zarah", "country": "LY", "lat": 32.78, "lon": 13.26},
        # an optional place found: counts on both sides
        {"id": "x3", "name_en": "Russia", "country": "RU", "lat": 61.52, "lon": 105.32},
        # near Sirte but said to be in another country: not matched -> false positive
        {"id": "x4", "name_en": "Surt", "country": "EG", "lat": 31.21, "lon": 16.59},
    ]}
    prf, geo = score_places(gold, record)
    # matched: Tripoli, Ain Zara, Russia -> 3 of 4 predicted; gold counted: 3 required + 1 optional found
    assert (prf.tp_pred, prf.n_pred, prf.tp_gold, prf.n_gold) == (3, 4, 3, 4)
    assert (geo.correct, geo.total) == (2, 3)


def test_optional_place_is_required_when_an_event_happens_there():
    gold = {"actors": [{"name_en": "Tripoli", "aliases_en": []}],
            "places": [{"name_en": "Tripoli", "country": "LY", "lat": 32.8872, "lon": 13.1913}],
            "events": [{"type": "ASSAULT", "source": [], "target": ["Tripoli"], "place": "Tripoli", "date": None,
                        "at": 5}]}
    prf, _ = score_places(gold, {"places": []})
    assert (prf.tp_gold, prf.n_gold) == (0, 1)
    gold["events"] = []
    prf, _ = score_places(gold, {"places": []})
    assert (prf.tp_gold, prf.n_gold) == (0, 0)


def test_events_greedy_one_to_one_and_attribute_accuracy():
    gold = {
        "actors": GOLD_ACTORS,
        "places": [{"name_en": "Tripoli", "country": "LY", "lat": 32.8872, "lon": 13.1913}],
        "events": [
            {"type": "ASSAULT", "source": ["Khalifa Haftar"], "target": [], "place": "Tripoli",
             "date": "2019-04-04", "at": 20},
            {"type": "ASSAULT", "source": [], "target": [], "place": None, "date": None, "at": 40},
        ],
    }
    record = {
        "actors": [{"id": "haftar", "name_en": "Haftar"}],
        "places": [{"id": "p1", "name_en": "Tarabulus", "country": "LY", "lat": 32.89, "lon": 13.18}],
        "events": [
            # the same sentence holds both gold offsets; the closer trigger takes at=40, the other at=20
            {"type": "ASSAULT", "trigger": [38, 42], "sentence": [0, 100], "source": None, "target": None,
             "place": None, "date": None},
            {"type": "ASSAULT", "trigger": [21, 25], "sentence": [0, 100], "source": "haftar", "target": None,
             "place": "p1", "date": "2019-04-04"},
            # wrong type: unmatched
            {"type": "PROTEST", "trigger": [60, 65], "sentence": [0, 100], "source": None, "target": None,
             "place": None, "date": None},
        ],
    }
    prf, src, tgt, plc, dat = score_events(gold, record)
    assert (prf.tp_pred, prf.n_pred, prf.tp_gold, prf.n_gold) == (2, 3, 2, 2)
    # both pairs right on all four: alias Haftar, [] = null, place within 25 km, dates equal / both null
    assert (src.correct, tgt.correct, plc.correct, dat.correct) == (2, 2, 2, 2)
    record["events"][1]["date"] = "2019-04-05"
    record["events"][0]["source"] = "haftar"  # gold says no actor named
    _, src, _, _, dat = score_events(gold, record)
    assert (src.correct, dat.correct) == (1, 1)


def test_events_negated_or_hypothetical_are_not_scored():
    gold = {"actors": GOLD_ACTORS, "events": [
        {"type": "ASSAULT", "source": [], "target": [], "place": None, "date": None, "at": 20}]}
    asserted = {"type": "ASSAULT", "trigger": [19, 23], "sentence": [0, 100], "source": None, "target": None,
                "place": None, "date": None, "negated": False, "hypothetical": False}
    denied = dict(asserted, trigger=[21, 25], negated=True)
    conditional = dict(asserted, trigger=[60, 64], hypothetical=True)
    prf, *_ = score_events(gold, {"actors": [], "events": [denied, conditional]})
    # neither counts as a prediction: no false positives, and the denied one cannot take the gold event
    assert (prf.tp_pred, prf.n_pred, prf.tp_gold, prf.n_gold) == (0, 0, 0, 1)
    prf, *_ = score_events(gold, {"actors": [], "events": [denied, asserted, conditional]})
    assert (prf.tp_pred, prf.n_pred, prf.tp_gold) == (1, 1, 1)


def test_statements_need_acceptable_speaker_and_sentence():
    gold = {"actors": GOLD_ACTORS, "statements": [{"speaker": ["Khalifa Haftar"], "at": 10},
                                                    {"speaker": ["Egypt"], "at": 200}]}
    record = {"actors": [{"id": "h", "name_en": "Haftar"}, {"id": "r", "name_en": "Russia"}],
              "statements": [{"speaker": "h", "trigger": [8, 11], "sentence": [0, 50]},
                             {"speaker": "r", "trigger": [201, 205], "sentence": [150, 250]}]}
    s = score_statements(gold, record)
    assert (s.tp_pred, s.n_pred, s.tp_gold, s.n_gold) == (1, 2, 1, 2)


def test_score_file_sums_micro(tmp_path):
    gold = {"file": "a.txt", "actors": GOLD_ACTORS, "places": [], "events": [], "statements": []}
    record = {"actors": [{"name_en": "Egypt"}], "places": [], "events": [], "statements": []}
    a, b = score_file(gold, record), score_file(gold, record)
    a += b
    assert (a.actors.tp_pred, a.actors.n_pred, a.actors.tp_gold, a.actors.n_gold) == (2, 2, 2, 6)
    assert json.loads(json.dumps(a.as_dict()))["actors"]["recall"] == pytest.approx(1 / 3, abs=1e-4)


def test_evaluate_command_on_shared_gold(shared_dir):
    """The real folder scores without error and every figure is a number between 0 and 1."""
    from click.testing import CliRunner

    from marsad.cli import main

    res = CliRunner().invoke(main, ["evaluate", str(shared_dir / "eval/gold"), str(shared_dir / "eval/articles"),
                                    "--json"])
    assert res.exit_code == 0, res.output
    micro = json.loads(res.output)["micro"]
    for part in ("actors", "places", "events", "statements"):
        assert 0.0 <= micro[part]["f1"] <= 1.0
    assert micro["places"]["n_gold"] > 0
