"""Place names from the seed report and their Russian equivalents."""
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from esep.paths import samples_dir

from esep.normalize.places import canonical_place, find_places, gazetteer, region_of


def found(text):
    return [(m.raw, m.canonical) for m in find_places(text)]


@pytest.mark.parametrize("text, expected", [
    ("31 мамыр, Кеңшілік Тышқан, Жаңаөзен қаласында өтті.", [("Жаңаөзен қаласында", "Жаңаөзен қаласы")]),
    ("Мұнайлы ауданының тұрғындарымен", [("Мұнайлы ауданының", "Мұнайлы ауданы")]),
    ("Омар Жәлел, Қаражанбас кенорнында өтті.", [("Қаражанбас кенорнында", "Қаражанбас кен орны")]),
    ("«Қаражанбас» кен орындарында", [("«Қаражанбас» кен орындарында", "Қаражанбас кен орны")]),
    ("Қаражанбас кен орнының жастары", [("Қаражанбас кен орнының", "Қаражанбас кен орны")]),
    ("Қарақия ауданы, Құрық кентінің жұртшылығымен",
     [("Қарақия ауданы", "Қарақия ауданы"), ("Құрық кентінің", "Құрық ауылы")]),
    ("Ақтау қаласының тұрғындарымен", [("Ақтау қаласының", "Ақтау қаласы")]),
    ("Түпқараған ауданындағы", [("Түпқараған ауданындағы", "Түпқараған ауданы")]),
    ("Маңғыстау облысының дін істері басқармасы", [("Маңғыстау облысының", "Маңғыстау облысы")]),
    ("«Маңғыстау облысының дін істері басқармасы» ММ", [("Маңғыстау облысының", "Маңғыстау облысы")]),
    ("в г. Жанаозен", [("г. Жанаозен", "Жаңаөзен қаласы")]),
    ("г.Актау, 3 мкр", [("г.Актау", "Ақтау қаласы")]),
    ("Мангистауская область", [("Мангистауская область", "Маңғыстау облысы")]),
    ("в Мангистауской области", [("Мангистауской области", "Маңғыстау облысы")]),
    ("ГУ «Жанаозенский городской отдел внутренней политики»", [("Жанаозенский городской", "Жаңаөзен қаласы")]),
    ("при Карагандинском городском акимате", [("Карагандинском городском", "Қарағанды қаласы")]),
    ("Мунайлинский район", [("Мунайлинский район", "Мұнайлы ауданы")]),
    ("жители Мунайлинского района", [("Мунайлинского района", "Мұнайлы ауданы")]),
    ("с. Курык", [("с. Курык", "Құрық ауылы")]),
    ("в поселке Курык", [("поселке Курык", "Құрық ауылы")]),
    ("месторождение Каражанбас", [("месторождение Каражанбас", "Қаражанбас кен орны")]),
    ("Маңғыстау ауданы мен Маңғыстау облысы",
     [("Маңғыстау ауданы", "Маңғыстау ауданы"), ("Маңғыстау облысы", "Маңғыстау облысы")]),
    ("Мангистауский район", [("Мангистауский район", "Маңғыстау ауданы")]),
    ("Ақтауда өтті", [("Ақтауда", "Ақтау қаласы")]),
    ("Оңтүстік Қазақстан облысында", [("Оңтүстік Қазақстан облысында", "Түркістан облысы")]),
    ("Восточно-Казахстанская обл.", [("Восточно-Казахстанская обл.", "Шығыс Қазақстан облысы")]),
])
def test_find_places(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Н.Жантөрин атындағы Маңғыстау облыстық драма театры",  # adjective, not a place
    "Түпқараған аудандық ішкі саясат басқармасы",
    "Ақтау қалалық ішкі саясаты",
    "Абай, Шәкәрім, Мәшһүр Жүсіп шығармашылығы",  # the poet, not the region
    "3 шағын ауданда",  # a microdistrict of Ақтау, not a district
])
def test_not_places(text):
    assert found(text) == []


def test_seed_mentions():
    seed = samples_dir() / "seed_kk.txt"
    if not seed.exists():
        pytest.skip("shared seed not present")
    names = {m.canonical for m in find_places(seed.read_text(encoding="utf-8"))}
    assert {"Маңғыстау облысы", "Ақтау қаласы", "Жаңаөзен қаласы", "Мұнайлы ауданы",
            "Түпқараған ауданы", "Қарақия ауданы", "Құрық ауылы", "Қаражанбас кен орны"} <= names
    assert "Маңғыстау ауданы" not in names


@pytest.mark.parametrize("raw, canonical, kind", [
    ("Мангистау", "Маңғыстау облысы", "region"),
    ("г. Актау", "Ақтау қаласы", "city"),
    ("Жанаозен", "Жаңаөзен қаласы", "city"),
    ("Нур-Султан", "Астана қаласы", "city"),
    ("ЮКО", "Түркістан облысы", "region"),
    ("Мангистауская область", "Маңғыстау облысы", "region"),
])
def test_canonical_place(raw, canonical, kind):
    m = canonical_place(raw)
    assert m is not None and (m.canonical, m.kind) == (canonical, kind)


def test_canonical_place_unknown():
    assert canonical_place("Лондон") is None


def test_region_of():
    assert region_of("Қаражанбас кен орны") == "Маңғыстау облысы"
    assert region_of("Құрық ауылы") == "Маңғыстау облысы"
    assert region_of("Маңғыстау облысы") == "Маңғыстау облысы"
    assert region_of("Астана қаласы") == "Астана қаласы"
    assert region_of("Семей қаласы") == "Абай облысы"
    assert region_of("Лондон") is None


def test_gazetteer_has_all_regions_and_republican_cities():
    regions = [p for p in gazetteer() if p.kind == "region"]
    assert len(regions) == 17
    assert {"Абай облысы", "Жетісу облысы", "Ұлытау облысы"} <= {p.name_kk for p in regions}
    top_cities = {p.name_kk for p in gazetteer() if p.kind == "city" and not p.parent_id}
    assert top_cities == {"Астана қаласы", "Алматы қаласы", "Шымкент қаласы"}
    ids = {p.id for p in gazetteer()}
    assert all(not p.parent_id or p.parent_id in ids for p in gazetteer())


@given(st.text(alphabet="Ақтау қаласы Мангистауская область г.Жанаозен «»,", max_size=60))
def test_spans_are_exact(text):
    for m in find_places(text):
        assert text[m.start:m.end] == m.raw
