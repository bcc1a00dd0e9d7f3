"""Actor knowledge base and recognition, on Arabic sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.actors import DataError, load_kb, recognize_actors
from marsad.actors.kb import load_actor_files, spelling_variants
from marsad.actors.unknown import transliterate
from marsad.doc import Document
from marsad.segment import segment


def _run(text: str) -> Document:
    return recognize_actors(segment(Document(text=text)))


def _ids(text: str) -> list[str]:
    return [a.id for a in _run(text).actors]


def _mentions(text: str) -> list[tuple[str, str]]:
    doc = _run(text)
    return [(m.entity_id, m.text) for m in doc.mentions if m.kind == "actor"]


# ------------------------------------------------------------------------------------ knowledge base


def test_kb_loads_and_every_reference_resolves() -> None:
    kb = load_kb()
    assert kb.entries["haftar"].leads == "lna"
    assert all(e.affiliation in kb.entries for e in kb.entries.values() if e.affiliation)
    assert kb.entries["salame"].ambiguous


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "bad.yaml"
    p.write_text("actors:\n" + body, encoding="utf-8")
    return p


@pytest.mark.parametrize("body, needle", [
    ("  - {id: x, name_en: X, name_ar: س, type: WARLORD}\n", "type"),
    ("  - {id: x, name_en: X, type: PER}\n", "name_ar"),
    ("  - {id: x, name_en: X, name_ar: س, type: PER, colour: red}\n", "unknown field"),
    ("  - {id: x, name_en: X, name_ar: س, type: PER, affiliation: nobody}\n", "unknown actor id"),
    ("  - {id: x, name_en: X, name_ar: س, type: PER}\n  - {id: x, name_en: Y, name_ar: ص, type: PER}\n", "duplicate"),
    ("  - {id: x, name_en: X, name_ar: س, type: PER, country: ZZ}\n", "countries.yaml"),
])
def test_malformed_entry_names_file_and_line(tmp_path: Path, body: str, needle: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(DataError) as err:
        load_actor_files([path])
    msg = str(err.value)
    assert f"{path}:" in msg and needle in msg
    assert msg.split(f"{path}:")[1].split(":")[0].isdigit()  # a line number follows the file name


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "  - {id: x, name_en: [unclosed\n")
    with pytest.raises(DataError, match=r"bad\.yaml:\d+"):
        load_actor_files([path])


def test_spelling_variants_cover_compounds_and_foreign_g() -> None:
    assert "عبدالفتاح السيسي" in spelling_variants("عبد الفتاح السيسي", foreign=False)
    assert "أبو شحمة" in spelling_variants("أبوشحمة", foreign=False)
    assert "جوتيريش" in spelling_variants("غوتيريش", foreign=True)
    assert "جوتيريش" not in spelling_variants("غوتيريش", foreign=False)


# ----------------------------------------------------------------------------------------- matching


@pytest.mark.parametrize("text", [
    "التقى غوتيريش وفدا ليبيا في نيويورك.",
    "التقى غوتيرش وفدا ليبيا في نيويورك.",
    "التقى جوتيريش وفدا ليبيا في نيويورك.",
    "التقى أنطونيو غوتيريس وفدا ليبيا في نيويورك.",
])
def test_variant_spellings_resolve_to_one_actor(text: str) -> None:
    assert _ids(text) == ["guterres"]


@pytest.mark.parametrize("text, expected", [
    ("وبحث عبدالفتاح السيسي الملف مع ضيوفه.", "sisi"),
    ("وبحث عبد الفتاح السيسي الملف مع ضيوفه.", "sisi"),
    ("رد الرئيس على اردوغان بحدة.", "erdogan"),
    ("ونقلت المصادر أن لحفتر شروطا جديدة.", "haftar"),
])
def test_clitics_and_spacing_are_seen_through(text: str, expected: str) -> None:
    assert expected in _ids(text)


@pytest.mark.parametrize("label", [
    "الجيش الوطني الليبي", "القوات المسلحة العربية الليبية", "القيادة العامة للقوات المسلحة الليبية",
    "قوات القيادة العامة",
])
def test_every_lna_label_resolves_to_the_lna(label: str) -> None:
    assert _ids(f"وقالت مصادر إن {label} تقدمت جنوب المدينة.") == ["lna"]


def test_outlet_names_that_are_common_words_need_a_media_word() -> None:
    assert "alhurra" in _ids("وقال المتحدث في مقابلة مع قناة الحرة إن الوضع هادئ.")
    assert "alhurra" not in _ids("ودعا البيان إلى انتخابات حرة ونزيهة وإلى الإرادة الحرة للشعب.")
    assert "al-jazeera" in _ids('ونقل مراسل "الجزيرة" أن القصف توقف.')
    assert "al-jazeera" not in _ids("تقع الجزيرة قبالة الساحل.")


# ---------------------------------------------------------------------------- titles and apposition


def test_title_attaches_to_the_name_with_head() -> None:
    doc = _run("وصرح العميد الركن خالد المحجوب للصحفيين بأن المعارك مستمرة.")
    m = next(m for m in doc.mentions if m.entity_id == "mahjoub")
    assert m.text.startswith("العميد")
    assert doc.text[m.head[0]:m.head[1]] == "خالد المحجوب"


def test_long_role_phrase_keeps_the_organisation_inside_it() -> None:
    doc = _run("وقال المتحدث باسم بعثة الأمم المتحدة للدعم في ليبيا، ستيفاني وليامز، إن الحوار سيستأنف.")
    ids = [m.entity_id for m in doc.mentions]
    assert ids.count("stephanie-williams") == 1 and "unsmil" in ids
    person = next(m for m in doc.mentions if m.entity_id == "stephanie-williams")
    mission = next(m for m in doc.mentions if m.entity_id == "unsmil")
    assert person.text == "ستيفاني وليامز" and mission.end <= person.start  # side by side, not nested


def test_apposition_role_and_name_are_one_actor_and_later_role_links_back() -> None:
    doc = _run("وقال وزير الخارجية التركي، مولود جاويش أوغلو، إن بلاده تدعم الحوار. "
               "وأضاف وزير الخارجية التركي أن الحل سياسي.")
    assert [a.id for a in doc.actors] == ["cavusoglu"]
    assert len(doc.actor("cavusoglu").mentions) == 2


def test_spokesman_of_a_force_is_not_its_leader() -> None:
    doc = _run("وقال المتحدث باسم قوات خليفة حفتر إن الهدنة انهارت.")
    assert _mentions("وقال المتحدث باسم قوات خليفة حفتر إن الهدنة انهارت.") == [("lna", "قوات خليفة حفتر")]
    assert doc.actor("haftar").role != "المتحدث باسم"


def test_force_noun_before_a_leader_is_the_leaders_force() -> None:
    assert _mentions("وانسحبت قوات حفتر من المحور الجنوبي.") == [("lna", "قوات حفتر")]
    assert _mentions("وهاجمت مليشيا محمد الكاني البلدة.") == [("kaniyat", "مليشيا محمد الكاني")]
    assert _ids("وقال خليفة حفتر إن مليشيات حفتر لن تنسحب.") == ["haftar", "lna"]


@pytest.mark.parametrize("text, phrase", [
    ("وتقدمت قوات المشير خليفة حفتر نحو المطار القديم.", "قوات المشير خليفة حفتر"),
    ("وانسحبت القوات الموالية لحفتر من الضواحي الجنوبية.", "القوات الموالية لحفتر"),
    ("وأغارت عناصر تابعة لحفتر على البوابة.", "عناصر تابعة لحفتر"),
])
def test_force_of_a_leader_in_every_form_is_one_mention_of_the_force(text: str, phrase: str) -> None:
    doc = _run(text)
    assert [(m.entity_id, m.text) for m in doc.mentions] == [("lna", phrase)]
    # the leader is named too: listed after the force, with the force's phrase as evidence
    assert [a.id for a in doc.actors] == ["lna", "haftar"]
    assert [doc.text[s:e] for s, e in doc.actor("haftar").mentions] == [phrase]


def test_air_noun_before_a_leader_names_the_force_its_air_arm_and_the_leader() -> None:
    doc = _run("وسقط مدنيون في غارة لطيران حفتر على الحي، ثم حلقت مقاتلات حفتر فوق المدينة.")
    assert [(m.entity_id, m.text) for m in doc.mentions] == [("lna", "طيران حفتر"), ("lna", "مقاتلات حفتر")]
    assert {a.id for a in doc.actors} == {"lna", "lna-air-force", "haftar"}


def test_a_body_named_after_its_leader_names_the_leader() -> None:
    doc = _run("واتهمت حكومة السراج الطرف الآخر بخرق الهدنة.")
    assert [(m.entity_id, m.text) for m in doc.mentions] == [("gna", "حكومة السراج")]
    assert [a.id for a in doc.actors] == ["gna", "sarraj"]
    # a leader named on his own keeps his own mention, and is listed once
    doc = _run("وقال فايز السراج إن حكومة السراج لن تتراجع.")
    assert [a.id for a in doc.actors] == ["sarraj", "gna"] and len(doc.actor("sarraj").mentions) == 1


# ---------------------------------------------------------------------------------- partial names


def test_surname_links_back_to_the_full_name() -> None:
    doc = _run("استقبل الرئيس فلاديمير بوتين ضيفه. وقال بوتين إن المحادثات مفيدة.")
    assert [a.id for a in doc.actors] == ["putin"]
    assert len(doc.actor("putin").mentions) == 2


def test_ambiguous_surname_needs_full_name_and_context() -> None:
    # the word "سلامة" (safety) alone never becomes the envoy
    assert _ids("وأكد البيان على سلامة المدنيين.") == []
    # after the full name, the common-word reading still stays a word...
    doc = _run("وصل غسان سلامة إلى طرابلس. وشدد البيان على سلامة الطرق.")
    assert len(doc.actor("salame").mentions) == 1
    # ...but a verb right before or after makes it the person
    doc = _run("وصل غسان سلامة إلى طرابلس. والتقى سلامة بعدها ممثلي البلديات.")
    assert len(doc.actor("salame").mentions) == 2
    # verbs of writing and expressing, "كان" (safety is feminine: "كانت سلامة الطرق"), an apposition
    doc = _run("أعلن غسان سلامة استقالته. وكتب سلامة في تغريدة أنه تعب. وأبدى سلامة إحباطه من الحرب. "
               "وكان سلامة، وهو أكاديمي، قد تولى المهمة قبل عامين. وكانت سلامة الطرق أولوية.")
    assert len(doc.actor("salame").mentions) == 4
    doc = _run("وصل غسان سلامة إلى طرابلس. وحرصا على سلامة، وهي أولوية، أغلقت الطرق.")
    assert len(doc.actor("salame").mentions) == 1  # after a preposition: a word, whatever follows


def test_unknown_person_found_by_title_links_by_surname() -> None:
    doc = _run("أعلن العقيد سالم الفيتوري انسحاب وحدته، وقال الفيتوري إن الانسحاب مؤقت.")
    new = [a for a in doc.actors if a.id.startswith("new:")]
    assert len(new) == 1 and new[0].type == "PER" and len(new[0].mentions) == 2
    assert new[0].name_en == "Salem al-Fituri"


# --------------------------------------------------------------------------------- generic actors


@pytest.mark.parametrize("text, actor_id, name_en", [
    ("وأصدرت وزارة الخارجية المصرية بيانا.", "egy-mfa", "Egyptian Ministry of Foreign Affairs"),
    ("وأصدرت وزارة خارجية مصر بيانا.", "egy-mfa", "Egyptian Ministry of Foreign Affairs"),
    ("وحذر الرئيس الفرنسي من التصعيد.", "fra-president", "French President"),
    ("وتدخلت البحرية اليونانية لإنقاذ المهاجرين.", "grc-navy", "Greek Navy"),
    ("وتراقب القوات التركية الوضع.", "turkish-armed-forces", "Turkish Armed Forces"),
])
def test_country_and_sector_compose(text: str, actor_id: str, name_en: str) -> None:
    doc = _run(text)
    assert [a.id for a in doc.actors] == [actor_id]
    assert doc.actors[0].name_en == name_en


def test_generic_actor_carries_cameo_codes() -> None:
    actor = _run("وأعلنت وزارة الدفاع الإيطالية إرسال سفينة.").actors[0]
    assert actor.country == "IT" and actor.codes == ["ITA", "MIL"]


def test_dual_sector_noun_shares_out_over_coordinated_adjectives() -> None:
    assert _ids("وأشاد المتحدث بالجيشين التونسي والجزائري.") == ["tun-army", "algerian-army"]


def test_several_countries_ministers_are_left_to_the_states() -> None:
    assert _ids("واجتمع وزراء خارجية إيطاليا واليونان وقبرص في روما.") == []


def test_bare_sector_refers_back_but_not_as_an_adjective() -> None:
    doc = _run("نشرت وزارة الخارجية التونسية بيانا. وأكدت الخارجية أن الأطراف الخارجية لا تساعد.")
    assert [a.id for a in doc.actors] == ["tun-mfa"]
    assert len(doc.actors[0].mentions) == 2


def test_role_inside_a_title_is_not_a_separate_actor() -> None:
    assert _ids("واستقبل القائم بأعمال السفارة البريطانية في ليبيا نيكولاس هوبتون.") == ["hopton"]


def test_a_nationality_in_the_title_must_be_the_person_s() -> None:
    # Hopton is British: an Italian embassy's title is someone else's (the embassy stays an actor)
    assert _ids("واستقبل القائم بأعمال السفارة الإيطالية في ليبيا نيكولاس هوبتون.") == ["ita-embassy", "hopton"]


def test_plural_head_shares_out_over_kb_names() -> None:
    ids = _ids("واتفق قادة المناطق العسكرية الغربية والوسطى على خطة.")
    assert ids == ["western-military-region", "central-military-region"]


# --------------------------------------------------------------------------------------- unknowns


def test_numbered_and_ordinal_units_are_new_armed_groups() -> None:
    doc = _run("تقدمت الكتيبة 155 نحو الطريق، فيما انسحبت السرية الثالثة من المعسكر.")
    names = {a.name_en for a in doc.actors}
    assert names == {"155th Battalion", "3rd Company"}
    assert all(a.id.startswith("new:") and a.type == "MIL" for a in doc.actors)


def test_rank_before_a_name_is_not_a_brigade() -> None:
    ids = _ids("وقال اللواء أحمد المسماري إن الطيران نفذ غارات.")
    assert ids == ["mismari"]


def test_not_every_forces_is_an_actor() -> None:
    assert _ids("وانتشرت القوات في الشوارع ثم عادت القوات إلى ثكناتها.") == []


def test_transliteration_is_readable() -> None:
    assert transliterate("محمد الورفلي") == "Mohamed al-Wrfli"


# ------------------------------------------------------------------------------------- the stage


def test_mentions_drop_the_conjunction_but_keep_the_word() -> None:
    pairs = _mentions("التقى المسؤول والسيسي ووليامز أمس.")
    assert ("sisi", "السيسي") in pairs


def test_stage_is_registered_after_segment_and_dates() -> None:
    from marsad.pipeline import default_stages

    names = [n for n, _ in default_stages()]
    assert names.index("actors") > names.index("segment")
    assert "dates" not in names or names.index("actors") > names.index("dates")


def test_text_without_arabic_yields_no_actors() -> None:
    assert _run("The quick brown fox, 2019.").actors == []
    assert _run("").actors == []


def test_actor_mentions_never_overlap() -> None:
    doc = _run("وصرح المتحدث الرسمي باسم القيادة العامة للجيش الليبي اللواء أحمد المسماري بأن قوات "
               "اللواء المتقاعد خليفة حفتر تقدمت، والتقى الأمين العام للأمم المتحدة أنطونيو غوتيريش وفدا.")
    spans = sorted((m.start, m.end) for m in doc.mentions if m.kind == "actor")
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert {"lna", "mismari", "un", "guterres"} <= {a.id for a in doc.actors}
    mismari = next(m for m in doc.mentions if m.entity_id == "mismari")
    assert mismari.text == "اللواء أحمد المسماري" and doc.actor("mismari").role == "LNA spokesman"


def test_unit_noun_with_an_adjective_is_not_a_group() -> None:
    assert _ids("وتمركزت كتيبة محلية قرب الجسر، ثم وصلت سرية صغيرة.") == []
    doc = _run("وأعلنت كتيبة شهداء الزاوية انضمامها، كما تحركت كتيبة الفرسان.")
    assert len(doc.actors) == 2 and all(a.id.startswith("new:") for a in doc.actors)


def test_headline_role_before_the_name_is_the_same_person() -> None:
    doc = _run("وزير الدفاع التركي في طرابلس\nوصل وزير الدفاع التركي خلوصي أكار أمس إلى العاصمة.")
    assert [a.id for a in doc.actors] == ["akar"]


def test_tagger_person_spans_become_new_actors_only_when_name_like(monkeypatch) -> None:
    import marsad.ner.tagger as tagger

    text = "وقال سالم الفيتوري إن سلاح الجو قصف المعسكر قرب وصلاح الدين."

    def fake(doc, model=None):
        spans = ["سالم الفيتوري", "سلاح الجو", "وصلاح الدين"]
        return [(doc.text.index(s), doc.text.index(s) + len(s), "PER") for s in spans]

    monkeypatch.setattr(tagger, "find_entities", fake)
    doc = _run(text)
    assert [(a.id, a.type) for a in doc.actors] == [("new:سالم-الفيتوري", "PER")]
    assert doc.mentions[0].origin == "tagger"


# ------------------------------------------------------------- generalization fixes (our sample gold)


def _actors(text: str) -> dict[str, list[str]]:
    from marsad.pipeline import run

    d = run(Document(text=text))
    return {a.name_en: [d.text[s:e] for s, e in a.mentions] for a in d.actors}


def test_ministry_of_a_named_government_is_that_country_s_ministry():
    got = _actors("وأعلنت وزارة الصحة في حكومة الوفاق ارتفاع الحصيلة، وقالت وزارة الصحة بحكومة الوفاق إن المستشفيات امتلأت.")
    assert got["Libyan Ministry of Health"] == ["وزارة الصحة", "وزارة الصحة"]
    assert len(got["Government of National Accord"]) == 2
    assert "Libyan Ministry of Health" not in _actors("قالت وزارة الصحة في بيان إن الوضع مستقر.")


def test_presidential_council_is_its_own_actor_beside_the_government():
    got = _actors("طالب المجلس الرئاسي المجتمع الدولي بموقف، وقال رئيس المجلس الرئاسي فائز السراج إن حكومة الوفاق لن تفاوض.")
    assert {"Presidential Council (Libya)", "Fayez al-Sarraj", "Government of National Accord"} <= set(got)


def test_kb_growth_turkish_chief_of_staff_and_sirte_operations_room():
    got = _actors("وصل رئيس الأركان التركي يشار غولر، بينما قالت غرفة عمليات حماية وتأمين سرت إن قواتها انسحبت.")
    assert "Yaşar Güler" in got and "Sirte Protection and Security Operations Room" in got


# ------------------------------------------------------------- a title's organisation constrains the name


def test_un_title_before_a_non_un_name_refers_back_to_the_un_envoy() -> None:
    doc = _run("استقبل وزير الخارجية المصري سامح شكري المبعوث الأممي غسان سلامة في القاهرة. "
               "وأطلع الممثل الأممي شكري على نتائج جولته.")
    got = [(m.entity_id, m.text, m.origin) for m in doc.mentions]
    assert ("salame", "الممثل الأممي", "coref") in got
    assert ("shoukry", "شكري", "coref") in got
    assert doc.actor("shoukry").role is None or "الأممي" not in doc.actor("shoukry").role


def test_a_fitting_title_links_a_short_name_met_for_the_first_time() -> None:
    assert _mentions("وقال المبعوث الأممي سلامة إن جولة الحوار ستعقد قريبا.") == [("salame", "المبعوث الأممي سلامة")]
    assert _mentions("وصرح وزير الخارجية المصري شكري بأن الحل سياسي.") == [("shoukry", "وزير الخارجية المصري شكري")]
    # without a title an ambiguous short name met first stays a word
    assert _mentions("وقدم سلامة المرور نصائح للسائقين.") == []


def test_a_body_s_short_name_links_back_once_a_member_was_named() -> None:
    doc = _run("أعلن غسان سلامة استقالته، وستتولى نائبته إدارة البعثة مؤقتا.")
    assert ("unsmil", "البعثة") in [(m.entity_id, m.text) for m in doc.mentions]
    assert _mentions("وصلت البعثة الطبية إلى المستشفى.") == []


# ------------------------------------------------------------ nationality + force or equipment nouns


@pytest.mark.parametrize("text, actor_id, phrase", [
    ("وأكد الوزير أن جنودا أتراكا وصلوا إلى القاعدة.", "turkish-armed-forces", "جنودا أتراكا"),
    ("وانتشرت قوات تركية قرب الميناء.", "turkish-armed-forces", "قوات تركية"),
    ("وشوهد عسكريون روس في المطار.", "russian-armed-forces", "عسكريون روس"),
    ("ويقاتل مرتزقة سوريين على خطوط التماس.", "syrian-mercenaries", "مرتزقة سوريين"),
    ("وقيل إن مرتزقة روسا دخلوا المدينة.", "wagner", "مرتزقة روسا"),
])
def test_nationality_after_a_force_noun_in_any_form_is_that_country_s_force(text, actor_id, phrase) -> None:
    assert (actor_id, phrase) in _mentions(text)


def test_war_machines_of_a_nationality_are_the_state() -> None:
    doc = _run("وهبطت طائرات روسية في القاعدة الجوية، ورصدت مدرعات إماراتية قرب الحدود.")
    assert [(m.entity_id, m.text) for m in doc.mentions] == [("ru", "طائرات روسية"), ("ae", "مدرعات إماراتية")]
    assert [(a.id, a.name_en, a.type) for a in doc.actors] == [("ru", "Russia", "GPE"),
                                                               ("ae", "United Arab Emirates", "GPE")]
    assert _mentions("وتعرضت طائرة مدنية لعطل فني.") == []


def test_accusative_variants_only_where_arabic_writes_the_alef() -> None:
    from marsad.actors.kb import accusative_variants

    assert accusative_variants("أتراك") == ["أتراك", "أتراكا"]
    assert accusative_variants("الجنود") == ["الجنود", "جنودا"]
    assert accusative_variants("تركية") == ["تركية"] and accusative_variants("سوريين") == ["سوريين"]


# ------------------------------------------------------------------ bare home bodies and the home country


def test_bare_parliament_in_a_document_about_libya_is_the_house_of_representatives() -> None:
    text = ("وقال مجلس النواب الليبي إن الحكومة الليبية فشلت في طرابلس. وأكد البرلمان أنه الجهة المنتخبة في "
            "ليبيا، وأن مجلس النواب لن يقبل أي اتفاق لا يضمن وحدة ليبيا.")
    got = [(m.entity_id, m.text) for m in _run(text).mentions if m.entity_id == "hor"]
    assert got == [("hor", "مجلس النواب الليبي"), ("hor", "البرلمان"), ("hor", "مجلس النواب")]


def test_bare_parliament_stays_unlinked_without_a_home_country_or_before_a_modifier() -> None:
    assert _mentions("وقال البرلمان إن الجلسة تأجلت.") == []
    text = "وناقش البرلمان الأوروبي الوضع في ليبيا، بينما قالت حكومة الوفاق الليبية إن ليبيا بحاجة إلى دعم."
    assert "hor" not in [i for i, _ in _mentions(text)]


def test_home_country_needs_a_clear_majority() -> None:
    from marsad.actors.kb import default_kb
    from marsad.actors.recognize import home_country

    kb = default_kb()
    doc = _run("ليبيا ليبيا الليبية وتركيا التركية تركيا")
    assert home_country(kb, doc, []) is None
    doc = _run("في ليبيا قالت الحكومة الليبية إن الجيش الليبي تقدم، ورحبت تركيا.")
    assert home_country(kb, doc, []) == "LY"


# ------------------------------------------------------------------------ epithets and anaphora


def test_the_latter_is_the_person_just_named() -> None:
    doc = _run("واستقبل الرئيس عبد الفتاح السيسي وزير الخارجية الروسي سيرغي لافروف، وقال الأخير إن موسكو تدعم الحوار.")
    assert ("lavrov", "الأخير", "coref") in [(m.entity_id, m.text, m.origin) for m in doc.mentions]


@pytest.mark.parametrize("text", [
    "وزار خليفة حفتر القاهرة في الأسبوع الأخير من الشهر.",  # an adjective of the noun before
    "وتحدث خليفة حفتر طويلا، وقال في الأخير إنه متفائل.",  # an adverb after في
    "وأصدر مجلس الأمن بيانا، وقال الأخير إن الوضع خطير.",  # the last actor named is not a person
])
def test_the_latter_needs_a_person_named_last_and_no_adjective_reading(text: str) -> None:
    assert "الأخير" not in [m.text for m in _run(text).mentions]


def test_epithets_link_back_to_the_person_named_before() -> None:
    doc = _run("والتقى المبعوث الأممي خليفة حفتر في بنغازي، غير أن الرجل القوي في شرق ليبيا رفض الهدنة.")
    assert ("haftar", "الرجل القوي في شرق ليبيا", "coref") in [(m.entity_id, m.text, m.origin) for m in doc.mentions]
    # never before the person is named, and the epithet's words are no surname ("ليبيا" stays a place)
    assert _mentions("وقال الرجل القوي في شرق ليبيا إن الحرب مستمرة.") == []
    doc = _run("وقال خليفة حفتر إن الرجل القوي في شرق ليبيا لن يتراجع، ثم زار ليبيا وفد أجنبي.")
    assert [m.text for m in doc.mentions if m.entity_id == "haftar"][-1] == "الرجل القوي في شرق ليبيا"


def test_a_bare_rank_refers_to_the_last_person_who_carried_it() -> None:
    doc = _run("أعلن المشير خليفة حفتر بدء العملية. وقال المشير إن قواته ستدخل المدينة.")
    assert [(m.entity_id, m.text) for m in doc.mentions] == [("haftar", "المشير خليفة حفتر"), ("haftar", "المشير")]
    # known by the rank in the knowledge base even when the text did not use it
    assert ("haftar", "المشير") in _mentions("زار خليفة حفتر موسكو. وأكد المشير أن الزيارة ناجحة.")
    # a rank that is also a common noun is left alone ("الفريق" = the team)
    got = _mentions("وقال الفريق سالم الفيتوري إن التمرين نجح. وعاد الفريق إلى ثكناته.")
    assert got and "الفريق" not in [text for _, text in got]


def test_a_bare_air_force_is_the_arm_of_the_side_that_speaks_of_it() -> None:
    lna = ("وقال اللواء أحمد المسماري إن سلاح الجو قصف تمركزات قرب مدينة غريان الليبية، "
           "وإن الجيش الليبي يتقدم في ليبيا.")
    assert ("lna-air-force", "سلاح الجو") in _mentions(lna)
    gna = "وأكد محمد قنونو أن سلاح الجو نفذ طلعات على ترهونة الليبية، وأن حكومة الوفاق الليبية تسيطر على ليبيا."
    assert ("gna", "سلاح الجو") in _mentions(gna)
    # no side of the home country before it in the sentence: left alone
    none = "وقالت مصادر إن سلاح الجو قصف مواقع لقوات حكومة الوفاق الليبية في ليبيا، بحسب الجيش الليبي."
    assert "سلاح الجو" not in [t for _, t in _mentions(none)]


def test_bare_police_in_a_document_about_one_country_is_that_country_s_police() -> None:
    text = ("أعلنت الشرطة المصرية القبض على متهمين في القاهرة. وقالت الشرطة إن مصر آمنة، "
            "وأكد رجال الأمن في مصر أن الوضع مستقر.")
    assert [(i, t) for i, t in _mentions(text)] == [("egy-police", "الشرطة المصرية"), ("egy-police", "الشرطة"),
                                                    ("egy-police", "رجال الأمن")]
    # an indefinite construct belongs to its owner ("شرطة لندن"); without a home country nothing is made up
    assert _mentions("وقالت الشرطة إن التحقيق مستمر.") == []
    text = "وقالت مصر إن شرطة محافظة الجيزة اعتقلت مصريين، وأكد وزير مصري أن مصر آمنة."
    assert "egy-police" not in [i for i, _ in _mentions(text)]


# ------------------------------------------------------------------ numbered units before a clause


@pytest.mark.parametrize("text, name", [
    ("انسحبت الكتيبة 604 التي كانت تتمركز غرب سرت إلى الجفرة.", "604th Battalion"),        # known, relative clause
    ("وقال اللواء 444 الذي يتبع رئاسة الأركان إنه أمّن الطريق.", "444th Brigade"),          # known, masculine relative
    ("وصلت الكتيبة 217 التي شكلت حديثا إلى محور عين زارة.", "217th Battalion"),             # new number
    ("تقدم اللواء ٥٢ الذي يقوده ضابط شاب نحو المطار.", "52nd Brigade"),                     # Arabic-Indic digits
])
def test_a_numbered_unit_before_a_relative_clause_is_a_unit(text, name) -> None:
    doc = _run(text)
    units = [a for a in doc.actors if a.type == "MIL"]
    assert [a.name_en for a in units] == [name]


def test_the_arm_after_a_units_number_belongs_to_its_name() -> None:
    doc = _run("أعلن اللواء 73 مشاة الذي يتمركز قرب سرت أنه لن ينسحب.")
    assert [(a.name_en, a.type) for a in doc.actors] == [("73rd Infantry Brigade", "MIL")]
    assert [m.text for m in doc.mentions if m.kind == "actor"] == ["اللواء 73 مشاة"]
