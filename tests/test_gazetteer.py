"""The gazetteer table of all Kazakhstan (data/gazetteer/places.tsv) and its use."""
import csv

import pytest

from esep.normalize.places import canonical_place, find_places, gazetteer, region_of
from esep.paths import data_dir

REGIONS = {
    "Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы облысы", "Атырау облысы",
    "Батыс Қазақстан облысы", "Жамбыл облысы", "Жетісу облысы", "Қарағанды облысы",
    "Қостанай облысы", "Қызылорда облысы", "Маңғыстау облысы", "Павлодар облысы",
    "Солтүстік Қазақстан облысы", "Түркістан облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы",
}
REPUBLICAN_CITIES = {"Астана қаласы", "Алматы қаласы", "Шымкент қаласы"}
KINDS = {"region", "city", "district", "town", "village", "site"}


def rows():
    path = data_dir() / "gazetteer" / "places.tsv"
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader([ln for ln in f if not ln.startswith("#")], delimiter="\t"))


def by_id():
    return {p.id: p for p in gazetteer()}


# --- integrity -------------------------------------------------------------------

def test_ids_unique_and_kinds_known():
    ids = [r["id"] for r in rows()]
    assert len(ids) == len(set(ids))
    assert {r["kind"] for r in rows()} <= KINDS
    prefix = {"region": "reg_", "city": "city_", "district": "dist_", "town": "town_",
              "village": "vil_", "site": "site_"}
    assert all(r["id"].startswith(prefix[r["kind"]]) for r in rows())


def test_every_row_complete():
    for r in rows():
        assert r["name_kk"] and r["name_ru"] and r["stem_kk"], r["id"]
        assert r["bare"] in {"0", "1", "2"}, r["id"]
        assert r["person"] in {"0", "1"}, r["id"]
        assert r["review"], r["id"]
        assert r["name_kk"] == r["name_kk"].strip() and "  " not in r["name_kk"], r["id"]


def test_type_word_in_canonical_names():
    ending = {"region": ("облысы",), "city": ("қаласы",), "district": ("ауданы", "аудан"),
              "town": ("қаласы", "кенті"), "village": ("ауылы", "кенті"), "site": ("кен орны",)}
    for p in gazetteer():
        assert p.name_kk.endswith(ending[p.kind]), p.name_kk


def test_every_parent_exists_and_fits():
    places = by_id()
    for p in gazetteer():
        if p.kind == "region":
            assert not p.parent_id, p.id
            continue
        if p.kind == "city" and not p.parent_id:
            assert p.name_kk in REPUBLICAN_CITIES
            continue
        assert p.parent_id in places, p.id
        parent = places[p.parent_id]
        if p.kind == "district":  # a region's district, or a district of a republican city
            assert parent.kind == "region" or (parent.kind == "city" and not parent.parent_id), p.id
        if p.kind == "city":
            assert parent.kind == "region", p.id
        if p.kind in {"town", "village"}:
            assert parent.kind in {"district", "city"}, p.id


def test_every_district_has_a_region():
    for p in gazetteer():
        if p.kind in {"district", "town", "village", "site"}:
            assert region_of_place(p) in REGIONS | REPUBLICAN_CITIES, p.id


def region_of_place(p):
    places = by_id()
    while p.parent_id:
        p = places[p.parent_id]
    return p.name_kk


def test_all_regions_and_republican_cities_present():
    assert {p.name_kk for p in gazetteer() if p.kind == "region"} == REGIONS
    assert {p.name_kk for p in gazetteer() if p.kind == "city" and not p.parent_id} == REPUBLICAN_CITIES


def test_every_region_has_districts_and_a_centre():
    for region in REGIONS:
        districts = [p for p in gazetteer() if p.kind == "district" and region_of_place(p) == region]
        cities = [p for p in gazetteer() if p.kind == "city" and region_of_place(p) == region]
        assert len(districts) >= 2 and cities, region


def test_same_name_same_kind_only_in_different_regions():
    seen = {}
    for p in gazetteer():
        key = (p.name_kk, p.kind, region_of_place(p))
        assert key not in seen, (p.id, seen.get(key))
        seen[key] = p.id


def test_formerly_points_to_a_region():
    places = by_id()
    for p in gazetteer():
        if p.formerly:
            rid, year = p.formerly.split(":")
            assert places[rid].kind == "region" and year.isdigit(), p.id
    assert places["reg_abai"].formerly == "reg_eko:2022"
    assert places["reg_zhetisu"].formerly == "reg_almaty:2022"
    assert places["reg_ulytau"].formerly == "reg_karaganda:2022"


def test_formerly_is_not_an_alias():
    # Семей was in Шығыс Қазақстан until 2022, but the old region's name still means that region
    assert canonical_place("Восточно-Казахстанская область").canonical == "Шығыс Қазақстан облысы"
    assert canonical_place("Алматинская область").canonical == "Алматы облысы"
    assert canonical_place("Карагандинская область").canonical == "Қарағанды облысы"


def test_sorted_by_kind_then_region_then_name():
    order = ["region", "city", "district", "town", "village", "site"]
    kinds = [order.index(r["kind"]) for r in rows()]
    assert kinds == sorted(kinds)


# --- Russian -> Kazakh, one or more per region ------------------------------------

@pytest.mark.parametrize("raw, canonical", [
    ("Карагандинская область", "Қарағанды облысы"),
    ("г. Туркестан", "Түркістан қаласы"),
    ("Ұлытау облысы", "Ұлытау облысы"),
    ("область Улытау", "Ұлытау облысы"),
    ("Абайская область", "Абай облысы"),
    ("область Абай", "Абай облысы"),
    ("г. Семей", "Семей қаласы"),
    ("Жетысуская область", "Жетісу облысы"),
    ("г. Талдыкорган", "Талдықорған қаласы"),
    ("Бурабайский район", "Бурабай ауданы"),  # Ақмола
    ("район Биржан сал", "Біржан сал ауданы"),
    ("Мугалжарский район", "Мұғалжар ауданы"),  # Ақтөбе
    ("Уилский район", "Ойыл ауданы"),
    ("Енбекшиказахский район", "Еңбекшіқазақ ауданы"),  # Алматы
    ("г. Конаев", "Қонаев қаласы"),
    ("Каратальский район", "Қаратал ауданы"),  # Жетісу
    ("Жылыойский район", "Жылыой ауданы"),  # Атырау
    ("Бокейординский район", "Бөкей ордасы ауданы"),  # Батыс Қазақстан
    ("город Уральск", "Орал қаласы"),
    ("Кордайский район", "Қордай ауданы"),  # Жамбыл
    ("район Турара Рыскулова", "Тұрар Рысқұлов ауданы"),
    ("Бухар-Жырауский район", "Бұқар жырау ауданы"),  # Қарағанды
    ("г. Темиртау", "Теміртау қаласы"),
    ("Жанааркинский район", "Жаңаарқа ауданы"),  # Ұлытау
    ("г. Сатпаев", "Сәтбаев қаласы"),
    ("Наурзумский район", "Наурызым ауданы"),  # Қостанай
    ("г. Рудный", "Рудный қаласы"),
    ("Казалинский район", "Қазалы ауданы"),  # Қызылорда
    ("Мунайлинский район", "Мұнайлы ауданы"),  # Маңғыстау
    ("Иртышский район", "Ертіс ауданы"),  # Павлодар
    ("г. Экибастуз", "Екібастұз қаласы"),
    ("район имени Габита Мусрепова", "Ғабит Мүсірепов атындағы аудан"),  # Солтүстік Қазақстан
    ("г. Петропавловск", "Петропавл қаласы"),
    ("Байдибекский район", "Бәйдібек ауданы"),  # Түркістан
    ("Тюлькубасский район", "Түлкібас ауданы"),
    ("Южно-Казахстанская область", "Түркістан облысы"),
    ("Курчумский район", "Күршім ауданы"),  # Шығыс Қазақстан
    ("г. Усть-Каменогорск", "Өскемен қаласы"),
    ("Урджарский район", "Үржар ауданы"),  # Абай
    ("Турксибский район", "Түрксіб ауданы"),  # Алматы қаласы
    ("район Сарыарка", "Сарыарқа ауданы"),  # Астана
    ("г. Нур-Султан", "Астана қаласы"),
    ("г. Акмола", "Астана қаласы"),
    ("Аль-Фарабийский район", "Әл-Фараби ауданы"),  # Шымкент
    ("Акмолинская область", "Ақмола облысы"),
])
def test_russian_to_kazakh(raw, canonical):
    m = canonical_place(raw)
    assert m is not None and m.canonical == canonical


def test_every_region_has_a_russian_name_that_maps_back():
    for p in gazetteer():
        if p.kind in {"region", "district"} and not p.review.startswith("unverified"):
            m = canonical_place(p.name_ru)
            assert m is not None and m.canonical == p.name_kk, p.name_ru


def test_every_name_maps_to_itself():
    for p in gazetteer():
        assert [m.canonical for m in find_places(p.name_kk)] == [p.name_kk], p.name_kk


@pytest.mark.parametrize("text, raw, canonical", [
    ("Встреча прошла в Шетпе.", "Шетпе", "Шетпе ауылы"),
    ("Жители Мунайлинского района.", "Мунайлинского района", "Мұнайлы ауданы"),
    ("в Мунайлинском районе", "Мунайлинском районе", "Мұнайлы ауданы"),
    ("семинар в Уральске", "Уральске", "Орал қаласы"),
    ("Екібастұзда өтті", "Екібастұзда", "Екібастұз қаласы"),
    ("Бәйдібек ауданының жастары", "Бәйдібек ауданының", "Бәйдібек ауданы"),
])
def test_forms_in_running_text(text, raw, canonical):
    assert [(m.raw, m.canonical) for m in find_places(text)] == [(raw, canonical)]


def test_coordinated_russian_adjectives():
    found = [m.canonical for m in find_places("жители Мунайлинского, Каракиянского и Тупкараганского районов")]
    assert found == ["Мұнайлы ауданы", "Қарақия ауданы", "Түпқараған ауданы"]


# --- region_of -------------------------------------------------------------------

@pytest.mark.parametrize("place, region", [
    ("Бәйдібек ауданы", "Түркістан облысы"),
    ("Бурабай ауданы", "Ақмола облысы"),
    ("Жаңаарқа ауданы", "Ұлытау облысы"),
    ("Үржар ауданы", "Абай облысы"),
    ("Панфилов ауданы", "Жетісу облысы"),
    ("Талғар ауданы", "Алматы облысы"),
    ("Курчатов қаласы", "Абай облысы"),
    ("Шемонаиха ауданы", "Шығыс Қазақстан облысы"),
    ("Ғабит Мүсірепов атындағы аудан", "Солтүстік Қазақстан облысы"),
    ("Жетісу ауданы", "Алматы қаласы"),
    ("Сарыарқа ауданы", "Астана қаласы"),
    ("Щучинск қаласы", "Ақмола облысы"),
    ("Ганюшкино ауылы", "Атырау облысы"),
    ("Абай ауданы", None),  # three regions: decided by the text, not the name
    ("Есіл ауданы", None),
])
def test_region_of(place, region):
    assert region_of(place) == region


# --- ambiguity ---------------------------------------------------------------------

@pytest.mark.parametrize("text, canonical, region", [
    ("Шымкент қаласы, Абай ауданы", "Абай ауданы", "Шымкент қаласы"),
    ("Абай ауданы, Қарауыл ауылы", "Абай ауданы", "Абай облысы"),
    ("Қарағанды облысы Абай ауданының әкімдігі", "Абай ауданы", "Қарағанды облысы"),
    ("в Есильском районе Акмолинской области", "Есіл ауданы", "Ақмола облысы"),
    ("Есіл ауданы, Явленка ауылы", "Есіл ауданы", "Солтүстік Қазақстан облысы"),
    ("Жамбылский район Алматинской области", "Жамбыл ауданы", "Алматы облысы"),
    ("Астана қаласы, Нұра ауданы", "Нұра ауданы", "Астана қаласы"),
])
def test_same_named_districts_decided_by_context(text, canonical, region):
    hits = [m for m in find_places(text) if m.canonical == canonical]
    assert hits and hits[0].region == region


def test_same_named_district_without_context():
    (m,) = find_places("Абай ауданы")
    assert (m.canonical, m.region) == ("Абай ауданы", None)
    (m,) = find_places("Абай ауданы", context_region="Қарағанды облысы")
    assert m.region == "Қарағанды облысы"


@pytest.mark.parametrize("text, expected", [
    ("Бейнеу ауданы", ("Бейнеу ауданы", "district")),
    ("Бейнеу ауылы", ("Бейнеу ауылы", "village")),
    ("Абай облысы", ("Абай облысы", "region")),
    ("Жетісу облысы", ("Жетісу облысы", "region")),
    ("Жетісу ауданы", ("Жетісу ауданы", "district")),
    ("Алматы облысы", ("Алматы облысы", "region")),
    ("Алматы қаласы", ("Алматы қаласы", "city")),
    ("Алматы ауданы", ("Алматы ауданы", "district")),
    ("Алматыда", ("Алматы қаласы", "city")),
    ("Ақсу қаласы", ("Ақсу қаласы", "city")),
    ("Ақсу ауданы", ("Ақсу ауданы", "district")),
])
def test_type_word_decides(text, expected):
    assert [(m.canonical, m.kind) for m in find_places(text)] == [expected]


@pytest.mark.parametrize("text", [
    "Абай Құнанбаевтың өлеңдері",
    "Абай атындағы мектеп",
    "Жамбыл Жабаев шығармалары",
    "Сатпаев Қаныш",
    "в области Абай Кунанбаев родился",  # "области Абай" + a surname: the poet
    "Ақсу өзенінің бойында",  # Ақсу: many places, never bare
    "Есік ашық",  # a door, not the town Есік
    "Алға қарай",  # forward, not the town Алға
])
def test_persons_and_words_are_not_places(text):
    assert find_places(text) == []


@pytest.mark.parametrize("raw", ["Абай", "Жамбыл", "Сатпаев", "Махамбет"])
def test_person_names_not_looked_up(raw):
    assert canonical_place(raw) is None
