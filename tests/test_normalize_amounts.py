"""esep.normalize.amounts: digits, words and money mentions (seed and Russian)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from esep.paths import samples_dir
from num2words import num2words

from esep.normalize.amounts import find_amounts, is_dash, parse_amount, words_to_number

SEED = samples_dir() / "seed_kk.txt"  # the seed as shipped (identical to ../shared/seeds/000_9f6a6e4a457362b7.txt)
D = Decimal


@pytest.mark.parametrize(
    "text, value",
    [
        ("5 000 000", 5_000_000),
        ("5 000 000,00", 5_000_000),
        ("5 000 000.00", 5_000_000),
        ("5.000.000", 5_000_000),
        ("5,000,000", 5_000_000),
        ("5000000", 5_000_000),
        ("79 612", 79_612),
        ("4 920 388", 4_920_388),
        ("<b>9 920 388</b>", 9_920_388),
        ("5\u00a0000\u00a0000", 5_000_000),
        ("10 млн", 10_000_000),
        ("10 млн.", 10_000_000),
        ("10 млн.теңге", 10_000_000),
        ("5,2 млн", 5_200_000),
        ("2,7 млрд", 2_700_000_000),
        ("500 мың", 500_000),
        ("1,5 тыс.", 1_500),
        ("150 тыс. тенге", 150_000),
        ("5 000 000 теңге", 5_000_000),
        ("5 000 000 тг.", 5_000_000),
        ("5000 ₸", 5_000),
        ("5 000 KZT", 5_000),
        ("1.234,56", D("1234.56")),
        ("5 000 000 (бес миллион) теңге", 5_000_000),
        ("бес миллион теңге", 5_000_000),
        ("0", 0),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == D(value)


def test_parse_amount_has_two_places():
    assert parse_amount("79 612") == D("79612.00")
    assert str(parse_amount("5,2 млн")) == "5200000.00"


@pytest.mark.parametrize("text", ["-", "–", "—", "", "   ", "жоқ", "нет", "2023 жыл", "28.06.2023", "12,5,6"])
def test_parse_amount_none(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["-", "–", "—", " - ", "0", "<b>-</b>"])
def test_is_dash(text):
    assert is_dash(text)


@pytest.mark.parametrize("text", ["", "79 612", "5 000 000", "жоқ", "10"])
def test_is_not_dash(text):
    assert not is_dash(text)


@pytest.mark.parametrize(
    "text, value",
    [
        ("бес миллион", 5_000_000),
        ("төрт миллион тоғыз жүз жиырма мың үш жүз сексен сегіз", 4_920_388),
        ("он мың", 10_000),
        ("бір жүз", 100),
        ("жүз", 100),
        ("екі", 2),
        ("он бір", 11),
        ("жетпіс тоғыз мың алты жүз он екі", 79_612),
        ("тоғыз миллион тоғыз жүз жиырма мың үш жүз сексен сегіз", 9_920_388),
        ("тогыз жуз мын", 900_000),  # typed without the Kazakh layout
        ("бес миллион теңге", 5_000_000),
        ("бес миллион теңге 00 тиын", 5_000_000),
        ("пять миллионов", 5_000_000),
        ("четыре миллиона девятьсот двадцать тысяч триста восемьдесят восемь", 4_920_388),
        ("одна тысяча", 1_000),
        ("две тысячи", 2_000),
        ("семьдесят девять тысяч шестьсот двенадцать", 79_612),
        ("пять миллионов тенге 00 тиынов", 5_000_000),
        ("Пять миллионов тенге", 5_000_000),
        ("пяти миллионов", 5_000_000),
    ],
)
def test_words_to_number(text, value):
    assert words_to_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "жоқ", "теңге", "два два", "миллион миллион", "двенадцать три", "бес 5", "Маңғыстау облысы"]
)
def test_words_to_number_none(text):
    assert words_to_number(text) is None


def test_find_amounts_in_seed_text():
    text = SEED.read_text(encoding="utf-8")
    found = [(a.raw, a.value) for a in find_amounts(text)]
    assert found == [
        ("10 000 000 теңге", D(10_000_000)),
        ("10 000 000 теңгеге", D(10_000_000)),
        ("79 612 теңгеге", D(79_612)),
        ("9 920 388 теңгені", D(9_920_388)),
        ("10 млн.теңгеге", D(10_000_000)),
        ("5 000 000 (бес миллион) теңге", D(5_000_000)),
        ("4 920 388 (төрт миллион тоғыз жүз жиырма мың үш жүз сексен сегіз) теңге", D(4_920_388)),
    ]


def test_find_amounts_words_part():
    (a,) = find_amounts("сомасы: 4 920 388 (төрт миллион тоғыз жүз жиырма мың үш жүз сексен сегіз) теңге.")
    assert a.value == a.words_value == D(4_920_388)
    assert a.words == "төрт миллион тоғыз жүз жиырма мың үш жүз сексен сегіз"
    assert a.unit_seen


def test_find_amounts_words_mismatch_kept():
    (a,) = find_amounts("5 000 000 (бес миллион бір) теңге")
    assert a.value == D(5_000_000) and a.words_value == D(5_000_001)


def test_find_amounts_russian():
    (a,) = find_amounts("Общая сумма гранта: 5 000 000 (пять миллионов) тенге.")
    assert (a.raw, a.value, a.words_value, a.unit_seen) == (
        "5 000 000 (пять миллионов) тенге", D(5_000_000), D(5_000_000), True)
    (b,) = find_amounts("на общую сумму 10 млн. тенге")
    assert b.value == D(10_000_000)
    (c,) = find_amounts("экономия 79 612 тенге, освоено 4 920 388,00 тг")[1:]
    assert c.value == D(4_920_388)


def test_find_amounts_offsets_index_input():
    text = "Жалпы сомасы 10 000 000 теңгеге грант"
    (a,) = find_amounts(text)
    assert text[a.start:a.end] == a.raw == "10 000 000 теңгеге"


@pytest.mark.parametrize("text, raw, value", [
    # Word puts a no-break space where a line would break; a table cell pasted from
    # Excel mixes narrow no-break spaces with plain ones
    ("гранттың жалпы сомасы 10 000\u00a0000 теңге", "10 000\u00a0000 теңге", 10_000_000),
    ("сумма гранта 4\u00a0920 388,00 тенге", "4\u00a0920 388,00 тенге", 4_920_388),
    ("освоено 1\u202f250 000 тг", "1\u202f250 000 тг", 1_250_000),
])
def test_find_amounts_mixed_group_spaces(text, raw, value):
    (a,) = find_amounts(text)
    assert a.value == D(value) and a.unit_seen
    assert text[a.start:a.end] == a.raw == raw


def test_find_amounts_multiplier_without_currency():
    (a,) = find_amounts("гранттар 10 млн көлемінде")
    assert a.value == D(10_000_000) and not a.unit_seen


@pytest.mark.parametrize(
    "text",
    [
        "50 000-нан астам жазылушысы бар 5 Instagram беттерінде",
        "2023 жылы 2 шартқа қол қойылды",
        "Өткізілген күні 28.06.2023 ж.",
        "жастарға керек. 87003623402",
        "+7 702 439 99 79",
        "30% аванстау, 80% көлемінде",
        "оның 51%-ы әйел (155,5 адам)",
        "5 000 000 (бес миллион)",
    ],
)
def test_find_amounts_not_money(text):
    assert find_amounts(text) == []


def test_find_amounts_homoglyph_currency():
    (a,) = find_amounts("79 612 тeңгеге")  # Latin e inside теңге
    assert a.value == D(79_612) and a.unit_seen


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**12))
def test_words_roundtrip_kazakh(n):
    assert words_to_number(num2words(n, lang="kz")) == n


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**12))
def test_words_roundtrip_russian(n):
    assert words_to_number(num2words(n, lang="ru")) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_roundtrip(n):
    assert parse_amount(f"{n:,}".replace(",", " ")) == n
    assert parse_amount(f"{n:,}".replace(",", "\u00a0") + " теңге") == n
    assert parse_amount(str(n)) == n


@given(st.integers(min_value=1, max_value=10**12))
def test_mention_roundtrip(n):
    digits = f"{n:,}".replace(",", " ")
    text = f"Жалпы сомасы {digits} ({num2words(n, lang='kz')}) теңге."
    (a,) = find_amounts(text)
    assert a.value == a.words_value == n
