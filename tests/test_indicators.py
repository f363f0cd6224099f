"""Indicators from report prose: Kazakh and Russian phrasings of the same outputs.

Sentences are from the seed report (its Kazakh original and its Russian
rendering) and of the kinds grant reports use; each test gives the rows as
(name, value, place).
"""
from __future__ import annotations

import pytest

from esep.extractors.indicators import extract_indicators, paragraph_indicators, place_name
from esep.model import Paragraph, Prov


def rows(*texts: str) -> list[tuple]:
    paras = [Paragraph(t, Prov(None, f"para:{i}")) for i, t in enumerate(texts)]
    return [(r.name, r.value, r.place) for r in extract_indicators(paras, "P", "doc")]


# --- the seed, Kazakh ------------------------------------------------------------

def test_seed_kk_meetings_per_place():
    text = ("Атап айтсақ, Ақтау қаласы – 3 рет, Жаңаөзен қаласы- 2 рет, Мұнайлы ауданы-1 рет, "
            "Түпқараған ауданы-1 рет, Қарақия ауданы -1 рет Қаражанбас кен орны -1 рет артығымен ұйымдастырылды.")
    assert rows(text) == [
        ("meetings", 3.0, "Ақтау қаласы"), ("meetings", 2.0, "Жаңаөзен қаласы"),
        ("meetings", 1.0, "Мұнайлы ауданы"), ("meetings", 1.0, "Түпқараған ауданы"),
        ("meetings", 1.0, "Қарақия ауданы"), ("meetings", 1.0, "Қаражанбас кен орны")]


def test_seed_kk_brochures_made_and_distributed():
    text = ("Деструктивті діни ағымның алдын алу бойынша 2000 дана ақпараттық брошюра әзірленді. "
            "Дайындалған брошюралардың 600 данасы Ақтау қаласы 3 шағын ауданда орналасқан Халыққа қызмет "
            "көрсету орталығында таратылып, ақпараттық үстел үстіне қойылды. 300 дана брошюра Жаңаөзен "
            "қаласының орталық мешітіне берілді. 1100 дана Ақтау қаласының орталық көшелерінде азаматтарға таратылды.")
    assert rows(text) == [
        ("brochures", 2000.0, None), ("brochures_distributed", 600.0, "Ақтау қаласы"),
        ("brochures_distributed", 300.0, "Жаңаөзен қаласы"),
        ("brochures_distributed", 1100.0, "Ақтау қаласы")]


def test_seed_kk_reach_targeting_subscribers():
    assert rows("Дін істер басқармасының ресми әлеуметтік желідегі парақшасында 6 бейнематериал таргеттеліп, "
                "қамтылу аумағын кеңейтті.") == [("targeted_materials", 6.0, None)]
    assert rows("Ең алдымен облыс аумағындағы 50 000 оқырманнан астам инстаграм парақшасы бар блогерлермен "
                "келісім жүргізілді.") == [("subscribers", 50000.0, None)]


def test_seed_kk_survey_and_speakers():
    assert rows("Жоба нәтижесін бағалау мақсатында 20 қатысушыдан сауалнама алынды.") == [
        ("survey_respondents", 20.0, None)]
    assert rows("Әлеуметтік зерттеуге облыс бойынша 300 жас қатысты, оның 51%-ы әйел (155,5 адам).") == [
        ("study_participants", 300.0, None)]
    assert rows("Жоба аясында кемінде 5 (бес) тұлға шақырылды.") == [("speakers_invited", 5.0, None)]


# --- the seed, Russian -----------------------------------------------------------

def test_seed_ru_meetings_per_place():
    text = ("А именно: г. Актау – 3 раза, г. Жанаозен- 2 раза, Мунайлинский район-1 раз, Тупкараганский "
            "район-1 раз, Каракиянский район -1 раз месторождение Каражанбас -1 раз, организованы с перевыполнением.")
    assert rows(text) == [
        ("meetings", 3.0, "Ақтау қаласы"), ("meetings", 2.0, "Жаңаөзен қаласы"),
        ("meetings", 1.0, "Мұнайлы ауданы"), ("meetings", 1.0, "Түпқараған ауданы"),
        ("meetings", 1.0, "Қарақия ауданы"), ("meetings", 1.0, "Қаражанбас кен орны")]


def test_seed_ru_brochures():
    text = ("Разработано 2000 экземпляров информационных брошюр по профилактике деструктивных религиозных "
            "течений. 600 экз. подготовленных брошюр распространены в Центре обслуживания населения, "
            "расположенном в 3 микрорайоне г. Актау, и размещены на информационном столе. 300 экз. брошюр "
            "переданы в центральную мечеть г. Жанаозен. 1100 экз. розданы гражданам на центральных улицах г. Актау.")
    assert rows(text) == [
        ("brochures", 2000.0, None), ("brochures_distributed", 600.0, "Ақтау қаласы"),
        ("brochures_distributed", 300.0, "Жаңаөзен қаласы"),
        ("brochures_distributed", 1100.0, "Ақтау қаласы")]


def test_seed_ru_made_count_is_not_distributed():
    text = ("разработано 2000 экз. информационных брошюр, которые распространены в мечети и центрах г. Актау, "
            "в Центре обслуживания населения")
    assert rows(text) == [("brochures", 2000.0, None)]


def test_seed_ru_media():
    text = ("20 видеороликов, разработанных Управлением по делам религий Мангистауской области, распространены "
            "на 5 страницах в Instagram в Мангистауской области, имеющих более 50 000 подписчиков. "
            "Опубликованы на страницах 5 местных блогеров.")
    assert rows(text) == [("videos", 20.0, None), ("social_media_pages", 5.0, None),
                          ("subscribers", 50000.0, None), ("bloggers", 5.0, None)]
    assert rows("На странице Управления таргетировано 6 видеоматериалов, что расширило территорию охвата. "
                "Общий охват 1 материала в среднем составляет 25000 человек.") == [
        ("targeted_materials", 6.0, None), ("reach_per_material", 25000.0, None)]


def test_seed_ru_survey_study_speakers_seminar():
    assert rows("Также проведен опрос 0.1 %, то есть 20 участников.") == [("survey_respondents", 20.0, None)]
    assert rows("В социальном исследовании по области приняли участие 300 молодых людей.") == [
        ("study_participants", 300.0, None)]
    assert rows("Проведена встреча не менее чем с 5 (пятью) личностями, известными в Казахстане.") == [
        ("speakers_invited", 5.0, None)]
    assert rows("в ходе реализации социального проекта 50 сотрудников, связанных с религиозной сферой, "
                "прошли семинар по повышению квалификации") == [("seminar_participants", 50.0, None)]


# --- phrasings reports use ---------------------------------------------------------

def test_kk_meetings_in_villages_and_unknown_towns():
    assert rows("Атап айтсақ, Құрық ауылы – 1 рет, Шетпе ауылы – 2 рет, Булаев қаласы – 1 рет ұйымдастырылды.") == [
        ("meetings", 1.0, "Құрық ауылы"), ("meetings", 2.0, "Шетпе ауылы"), ("meetings", 1.0, "Булаев қаласы")]


def test_kk_brochures_distributed_in_case_forms():
    text = ("1500 дана ақпараттық брошюра әзірленді. Оның 900 данасы Бейнеу ауданында таратылды, "
            "600 дана брошюра Құрық ауылының білім беру ұйымдарына берілді.")
    assert rows(text) == [("brochures", 1500.0, None), ("brochures_distributed", 900.0, "Бейнеу ауданы"),
                          ("brochures_distributed", 600.0, "Құрық ауылы")]


def test_ru_meetings_city_and_district_words():
    text = ("Мероприятия проведены в населенных пунктах области, в том числе: Бухар-Жырауский район – 1 раз, "
            "город Темиртау – 1 раз, город Аркалык – 4 раза, город Усть-Каменогорск – 2 раза.")
    assert rows(text) == [("meetings", 1.0, "Бұқар жырау ауданы"), ("meetings", 1.0, "Теміртау қаласы"),
                          ("meetings", 4.0, "Арқалық қаласы"), ("meetings", 2.0, "Өскемен қаласы")]


def test_ru_brochures_distributed_by_place():
    text = ("Издано 1500 экземпляров информационных брошюр, из них 450 экз. распространено в городе Караганде, "
            "1050 экз. – в Бухар-Жырауском районе.")
    assert rows(text) == [("brochures", 1500.0, None),
                          ("brochures_distributed", 450.0, "Қарағанды қаласы"),
                          ("brochures_distributed", 1050.0, "Бұқар жырау ауданы")]


def test_ru_survey_and_seminar_totals():
    assert rows("Для оценки результатов проведено анкетирование, в нем приняли участие 120 респондентов.") == [
        ("survey_respondents", 120.0, None)]
    assert rows("Мероприятие №1. Обучение на семинарах прошли 50 специалистов.") == [
        ("seminar_participants", 50.0, None)]


def test_kk_and_ru_simple_counts():
    assert rows("Жоба тақырыбы бойынша 10 мақала дайындалып, өңірлік БАҚ-та жарияланды.",
                "Сарапшылардың қатысуымен 6 подкаст түсірілді.",
                "Қала көшелерінде 8 ақпараттық баннер орналастырылды.",
                "Әлеуметтік желілер үшін 3 демотиватор әзірленді.",
                "Материалдар 3 жергілікті блогердің парақшасында жарияланды.",
                "12 бейнеролик дайындалып, әлеуметтік желілерде жарияланды.",
                "Жоба аясында 60 маман біліктілікті арттыру семинардан өтті.") == [
        ("articles", 10.0, None), ("podcasts", 6.0, None), ("banners", 8.0, None),
        ("demotivators", 3.0, None), ("bloggers", 3.0, None), ("videos", 12.0, None),
        ("seminar_participants", 60.0, None)]
    assert rows("подготовлено и опубликовано 30 статей.", "Записано 5 подкастов с теологами.",
                "Для социальных сетей разработано 30 демотиваторов.",
                "и 6 информационных баннеров – на LED-экране в г. Актау.") == [
        ("articles", 30.0, None), ("podcasts", 5.0, None), ("demotivators", 30.0, None), ("banners", 6.0, None)]


def test_one_figure_stated_twice_is_one_row():
    assert rows("20 бейнеролик жарияланды.", "Барлығы 20 бейнеролик дайындалды.") == [("videos", 20.0, None)]


def test_targeted_videos_are_not_also_videos():
    assert rows("На странице таргетировано 6 видеоматериалов.") == [("targeted_materials", 6.0, None)]


def test_no_indicator_in_dates_and_event_lines():
    assert rows("26 мая – встреча в городе Аркалыке, спикер Нурлан Исабеков.",
                "27.05.2023 ж. сағ. 15:30 Ақтау қаласында кездесу ұйымдастырылды, оған Самат Нұрланов қатысты.") == []


def test_label_and_provenance():
    p = Paragraph("Атап айтсақ, Құрық ауылы – 1 рет ұйымдастырылды.", Prov(3, "para:7"))
    (row,) = paragraph_indicators(p, "P", "doc")
    assert (row.label, row.page, row.locator, row.unit) == ("Құрық ауылы – 1 рет", 3, "para:7", "events")


@pytest.mark.parametrize("raw, canonical", [
    ("городе Караганде", "Қарағанды қаласы"), ("городе Костанае", "Қостанай қаласы"),
    ("г. Жанаозен", "Жаңаөзен қаласы"), ("Иртышском районе", "Ертіс ауданы"),
    ("Қаражанбас кен орнында", "Қаражанбас кен орны"), ("Булаев қаласының", "Булаев қаласы"),
])
def test_place_names(raw, canonical):
    assert place_name(raw) == canonical


@pytest.mark.parametrize("text, expected", [
    ("Зерттеу 320 респондентті қамтыды, оның ішінде 170 әйел.", ("study_participants", 320.0)),
    ("Зерттеуге аудандағы 150 тұрғын тартылды.", ("study_participants", 150.0)),
    ("450 қатысушы арасында онлайн сауалнама жүргізілді.", ("survey_respondents", 450.0)),
    ("Среди 180 участников анкетирования 40% – студенты.", ("survey_respondents", 180.0)),
    ("Из 90 опрошенных 70 человек оценили семинар высоко.", ("survey_respondents", 90.0)),
    ("Исследованием охвачено 260 респондентов.", ("study_participants", 260.0)),
])
def test_a_survey_or_studys_total_stated_in_another_form(text, expected):
    from esep.extractors.indicators import extract_indicators
    from esep.model import Paragraph, Prov
    rows = extract_indicators([Paragraph(text, Prov(None, "para:1"))], "P", "d")
    assert [(r.name, r.value) for r in rows] == [expected]


def test_a_count_among_seminar_participants_is_no_survey():
    from esep.extractors.indicators import extract_indicators
    from esep.model import Paragraph, Prov
    assert extract_indicators([Paragraph("Среди 40 участников семинара были учителя.", Prov(None, "para:1"))],
                              "P", "d") == []
