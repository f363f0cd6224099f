"""esep.normalize.dates: dates, periods, times, contract references."""
from __future__ import annotations

from datetime import date

import pytest
from esep.paths import samples_dir
from hypothesis import given
from hypothesis import strategies as st

from esep.normalize.dates import (
    ContractRef,
    find_dates,
    find_time,
    month_number,
    parse_contract_ref,
    parse_date,
    parse_period,
)
from esep.normalize.text import load_labels

SEED = samples_dir() / "seed_kk.txt"  # the seed as shipped (identical to ../shared/seeds/000_9f6a6e4a457362b7.txt)
KK_MONTHS = list(load_labels("months")["kk"]["months"])
RU_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня",
               "июля", "августа", "сентября", "октября", "ноября", "декабря"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("2023 жылғы 10 сәуірдің", date(2023, 4, 10)),
        ("2024 жылғы 29 шілдегі", date(2024, 7, 29)),  # a vowel-final month shortens -дегі (a protocol's date)
        ("2023 жылғы 10 сәуірдегі", date(2023, 4, 10)),
        ("2023 жылдың 27 қаңтарында", date(2023, 1, 27)),
        ("2023 жылғы «15» желтоқсан", date(2023, 12, 15)),
        ("Есепті жасау күні: 2023 жылғы «15» желтоқсан", date(2023, 12, 15)),
        ("28.06.2023 ж.", date(2023, 6, 28)),
        ("Өткізілген күні: 30.10.2023 ж.", date(2023, 10, 30)),
        ("10 апреля 2023 года", date(2023, 4, 10)),
        ("10.04.2023 г.", date(2023, 4, 10)),
        ("«15» декабря 2023 г.", date(2023, 12, 15)),
        ("2023-04-10", date(2023, 4, 10)),
        ("10 сәуір 2023 ж.", date(2023, 4, 10)),
        ("10 кантар 2023 ж.", date(2023, 1, 10)),  # typed without Kazakh letters
        ("10 апрeля 2023 года", date(2023, 4, 10)),  # Latin e
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(
    "text, value",
    [
        ("31 мамыр", date(2023, 5, 31)),
        ("1 маусым күні", date(2023, 6, 1)),
        ("15 қыркүйек", date(2023, 9, 15)),
        ("14 маусым күні, Түпқараған ауданы", date(2023, 6, 14)),
        ("10 қазанда", date(2023, 10, 10)),
        ("5 мая", date(2023, 5, 5)),
    ],
)
def test_parse_date_default_year(text, value):
    assert parse_date(text, default_year=2023) == value
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["", "2023 жыл", "32.01.2023", "30.02.2023", "Мамыр – Қазан", "5 (бес) тұлға", "87013437134"])
def test_parse_date_none(text):
    assert parse_date(text, default_year=2023) is None


def test_find_dates_in_seed():
    text = SEED.read_text(encoding="utf-8")
    found = [(d.raw, d.value) for d in find_dates(text, default_year=2023)]
    assert found[:4] == [
        ("2023 жылдың 27 қаңтарында", date(2023, 1, 27)),
        ("2023 жылғы 10 сәуірдің", date(2023, 4, 10)),
        ("2023 жылғы 10 сәуірдің", date(2023, 4, 10)),
        ("2023 жылғы «15» желтоқсан", date(2023, 12, 15)),
    ]
    assert ("31 мамыр", date(2023, 5, 31)) in found
    assert ("2 маусым", date(2023, 6, 2)) in found
    assert found[-2:] == [("28.06.2023 ж.", date(2023, 6, 28)), ("30.10.2023 ж.", date(2023, 10, 30))]
    assert len(found) == 15


def test_find_dates_offsets():
    text = "**3.1** 1 маусым күні, Нұрлан Байжігітұлы, сағ: 14.00 – де"
    (d,) = find_dates(text, default_year=2023)
    assert text[d.start:d.end] == d.raw == "1 маусым"


def test_month_number_case_forms():
    assert month_number("сәуірдің") == 4
    assert month_number("қаңтарында") == 1
    assert month_number("маусымнан") == 6
    assert month_number("желтоқсандағы") == 12
    assert month_number("мая") == 5
    assert month_number("сентябрём") == 9  # ё folded to е
    assert month_number("сентябряя") is None
    assert month_number("") is None
    assert month_number("қазақ") is None


MAY_OCT = (date(2023, 5, 1), date(2023, 10, 31))


@pytest.mark.parametrize(
    "text",
    [
        "Мамыр – Қазан 2023 жыл",
        "мамыр-қазан 2023 ж.",
        "2023 жылғы мамыр – қазан",
        "2023 жылғы мамыр айынан қазан айына дейін",
        "с мая по октябрь 2023 года",
        "май – октябрь 2023 г.",
        "01.05.2023 – 31.10.2023",
        "с 01.05.2023 г. по 31.10.2023 г.",
        "2023 жылғы 1 мамыр мен 31 қазан аралығы",
    ],
)
def test_parse_period(text):
    assert parse_period(text) == MAY_OCT


def test_parse_period_default_year_and_year_wrap():
    assert parse_period("мамыр – қазан", default_year=2023) == MAY_OCT
    assert parse_period("мамыр – қазан") is None
    assert parse_period("қараша 2023 – ақпан 2024") == (date(2023, 11, 1), date(2024, 2, 29))
    assert parse_period("ноябрь – февраль 2024 г.") == (date(2023, 11, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    "text, hhmm, raw",
    [
        ("1 маусым күні, Нұрлан Байжігітұлы, сағ: 14.00 – де, Оңғарсынова", "14:00", "14.00"),
        ("15 қыркүйек күні, сағ: 11.00 – де, Қарақия ауданы", "11:00", "11.00"),
        ("сағ. 16:00-де", "16:00", "16:00"),
        ("в 11.00", "11:00", "11.00"),
        ("11:00 часов", "11:00", "11:00"),
        ("сағат 9.30-да", "09:30", "9.30"),
    ],
)
def test_find_time(text, hhmm, raw):
    found = find_time(text)
    assert found is not None and found[0] == hhmm
    assert text[found[1]:found[2]] == raw


@pytest.mark.parametrize(
    "text", ["Өткізілген күні 28.06.2023 ж.", "30.10.2023", "0.1 % яғни 20", "5.20 млн теңге", "31 мамыр"]
)
def test_find_time_none(text):
    assert find_time(text) is None


@pytest.mark.parametrize(
    "text, number, value",
    [
        ("2023 жылғы 10 сәуірдің №65", "65", date(2023, 4, 10)),
        ("2023 жылғы 10 сәуірдің №66", "66", date(2023, 4, 10)),
        ("2023 жылғы 10 сәуірдегі №65", "65", date(2023, 4, 10)),
        ("10.04.2023 ж. №65", "65", date(2023, 4, 10)),
        ("№ 65 от 10 апреля 2023 года", "65", date(2023, 4, 10)),
        ("№65 от 10.04.2023", "65", date(2023, 4, 10)),
        ("№ 12-ГР от 05.05.2023", "12-ГР", date(2023, 5, 5)),
    ],
)
def test_parse_contract_ref(text, number, value):
    assert parse_contract_ref(text) == ContractRef(number, value)


def test_parse_contract_ref_partial():
    assert parse_contract_ref("№65") == ContractRef("65", None)
    assert parse_contract_ref("10.04.2023") == ContractRef(None, date(2023, 4, 10))
    assert parse_contract_ref("") == ContractRef(None, None)


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))


@given(dates)
def test_numeric_roundtrip(d):
    assert parse_date(d.strftime("%d.%m.%Y ж.")) == d
    assert parse_date(d.isoformat()) == d


@given(dates, st.sampled_from(["дің", "дегі", "", "да"]))
def test_kazakh_roundtrip(d, ending):
    month = KK_MONTHS[d.month - 1]
    assert parse_date(f"{d.year} жылғы {d.day} {month}{ending}") == d
    assert parse_date(f"{d.day} {month}", default_year=d.year) == d


@given(dates)
def test_russian_roundtrip(d):
    assert parse_date(f"«{d.day:02d}» {RU_GENITIVE[d.month - 1]} {d.year} г.") == d


@given(dates, dates)
def test_period_roundtrip(a, b):
    a, b = min(a, b), max(a, b)
    assert parse_period(f"{a:%d.%m.%Y} – {b:%d.%m.%Y}") == (a, b)


@given(st.integers(0, 23), st.integers(0, 59))
def test_time_roundtrip(h, m):
    assert find_time(f"сағ: {h}.{m:02d} – де")[0] == f"{h:02d}:{m:02d}"
    assert find_time(f"{h:02d}:{m:02d} часов")[0] == f"{h:02d}:{m:02d}"
