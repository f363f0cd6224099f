"""esep.normalize.phones: E.164 numbers from cells and running text."""
from __future__ import annotations

import pytest
from esep.paths import samples_dir
from hypothesis import given
from hypothesis import strategies as st

from esep.normalize.phones import find_phones, normalize_phone

SEED = samples_dir() / "seed_kk.txt"  # the seed as shipped (identical to ../shared/seeds/000_9f6a6e4a457362b7.txt)


@pytest.mark.parametrize(
    "raw, e164",
    [
        ("87013437134", "+77013437134"),
        ("87764787229", "+77764787229"),
        ("+7 702 439 9979", "+77024399979"),
        ("+7 702 439 99 79", "+77024399979"),
        ("8 701 343 71 34", "+77013437134"),
        ("+7 (702) 439-99-79", "+77024399979"),
        ("8-776-478-72-29", "+77764787229"),
        ("8 (7292) 50-12-34", "+77292501234"),  # Aktau city number
        ("7013437134", "+77013437134"),
        ("8\u00a0701\u00a0343\u00a071\u00a034", "+77013437134"),
        ("Байланыс тел.: 8 701 343 71 34", "+77013437134"),
    ],
)
def test_normalize_phone(raw, e164):
    assert normalize_phone(raw) == e164


@pytest.mark.parametrize(
    "raw", ["", "-", "жоқ", "5 000 000", "79 612", "2023", "28.06.2023", "48534-48534", "12345678901", "7 000 000 000 теңге"]
)
def test_normalize_phone_none(raw):
    assert normalize_phone(raw) is None


def test_find_phones_in_seed():
    text = SEED.read_text(encoding="utf-8")
    found = [(p.raw, p.e164) for p in find_phones(text)]
    assert found == [
        ("87013437134", "+77013437134"),
        ("87476456402", "+77476456402"),
        ("87026908180", "+77026908180"),
        ("87013230737", "+77013230737"),
        ("87011585252", "+77011585252"),
        ("87013505807", "+77013505807"),
        ("87012475280", "+77012475280"),
        ("+7 702 439 9979", "+77024399979"),
        ("87764787229", "+77764787229"),
        ("+7 702 439 99 79", "+77024399979"),
        ("87003623402", "+77003623402"),
    ]


def test_find_phones_free_text():
    text = "Бұл жоба тоқтамау керек, жастарға керек. 87003623402"
    (p,) = find_phones(text)
    assert (p.raw, p.e164) == ("87003623402", "+77003623402")
    assert text[p.start:p.end] == p.raw


def test_find_phones_russian_contacts():
    text = "тел.: 8 (7292) 50-12-34, моб.: +7 (702) 439-99-79"
    assert [p.e164 for p in find_phones(text)] == ["+77292501234", "+77024399979"]


@pytest.mark.parametrize(
    "text",
    [
        "оператор 2 (екі) ҮЕҰ-мен 10 000 000 теңге сомасына",
        "грант сомасы 7 000 000 000 теңге",
        "сомасы 7 000 000 000",
        "Өткізілген күні 28.06.2023 ж. және 30.10.2023 ж.",
        "<https://cisc.kz/48534-48534.html>",
        "50 000-нан астам жазылушысы",
    ],
)
def test_find_phones_not_phones(text):
    assert find_phones(text) == []


mobiles = st.tuples(st.sampled_from(["700", "701", "702", "705", "707", "747", "771", "775", "776", "777", "778"]),
                    st.integers(0, 9_999_999))


@given(mobiles, st.sampled_from(["8{c}{n}", "+7 {c} {a} {b} {d}", "8 ({c}) {a}-{b}-{d}", "+7{c}{n}"]))
def test_mobile_formats(mobile, fmt):
    code, num = mobile
    n = f"{num:07d}"
    raw = fmt.format(c=code, n=n, a=n[:3], b=n[3:5], d=n[5:])
    assert normalize_phone(raw) == f"+7{code}{n}"
    (p,) = find_phones(f"Байланыс: {raw}.")
    assert p.e164 == f"+7{code}{n}"


@given(st.integers(0, 10**10))
def test_amounts_are_not_phones(n):
    digits = f"{n:,}".replace(",", " ")
    assert find_phones(f"сомасы {digits} теңге") == []
