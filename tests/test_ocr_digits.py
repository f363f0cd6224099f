"""esep.normalize.ocr_digits: letters OCR reads for digits, repaired only in numeric context.

The positive cases are strings of the seed reports (tests/fixtures/seed_kk.txt,
seed_ru.txt) as an OCR engine misreads them; the negative ones are words the
reports print (legal forms, initials, abbreviations) and every word of the
seeds and of the other fixture texts, which must come out as they went in.
"""
from __future__ import annotations

import re

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from esep.normalize.ocr_digits import confusions, holds_value, repair_line, repair_word, words_amounts

SEED = {lang: (FIXTURES / f"seed_{lang}.txt").read_text(encoding="utf-8") for lang in ("kk", "ru")}


def repaired(text: str) -> str:
    return " ".join(w for w, _ in repair_line(text.split()))


# (seed, text as printed there, as OCR read it)
MISREAD = [
    ("kk", "5 000 000 (бес миллион) теңге.", "5 0О0 ООО (бес миллион) теңге."),
    ("kk", "5 000 000 79 612 4 920 388", "5 000 ООО 79 б12 4 92О З88"),
    ("kk", "10 000 000 теңге сомасына", "1О ООО 000 теңге сомасына"),
    ("kk", "2023 жылғы 10 сәуірдің №65", "2О23 жылғы 1О сәуірдің №б5"),
    ("kk", "2023 жылғы «15» желтоқсан", "2О2З жылғы «l5» желтоқсан"),
    ("kk", "87013437134", "8701З4З7l34"),
    ("kk", "+7 702 439 9979", "+7 7О2 4З9 9979"),
    ("kk", "300 жас қатысты, оның 51%-ы әйел (155,5 адам)", "З00 жас қатысты, оның S1%-ы әйел (1SS,S адам)"),
    ("kk", "2023 жылдың 27 қаңтарында", "2О2З жылдың 27 қаңтарында"),
    ("ru", "№66 от 10.04.2023", "№б6 от 1О.О4.2О23"),
    ("ru", "«15» декабря 2023 г.", "«1S» декабря 2О2З г."),
    ("ru", "+7 (702) 439-99-79", "+7 (7О2) 4З9-99-79"),
    ("ru", "+7 701 350 58 07", "+7 7О1 З5О 58 О7"),
    ("ru", "9 920 388", "9 92О З88"),
]


@pytest.mark.parametrize("lang, printed, read", MISREAD)
def test_misread_seed_strings_are_restored(lang, printed, read):
    assert printed in " ".join(SEED[lang].split()), "the case is a string of the seed"
    assert repaired(read) == printed


@pytest.mark.parametrize("read, want", [
    ("2О23", "2023"), ("1З.05.2023", "13.05.2023"), ("б00 адам", "600 адам"), ("l5 000", "15 000"),
    ("I5 мамыр", "15 мамыр"), ("1S 000", "15 000"), ("5 000 000,ОО", "5 000 000,00"), ("З0 жыл", "30 жыл"),
    ("З 000 000 теңге", "3 000 000 теңге"), ("5 0В0 000", "5 080 000"), ("1О:00", "10:00"), ("5О%", "50%"),
    ("10 000 ООО-ға", "10 000 000-ға"), ("2 5ОО ООО,ОО", "2 500 000,00"), ("5 III 000", "5 111 000"),
])
def test_numeric_context_repairs(read, want):
    assert repaired(read) == want


@pytest.mark.parametrize("text", [
    "ООО «Ромашка»", "«Маңғыстау медиа» ЖШС", "ТОО «Мангистау медиа»", "Облыс", "Исаева А.З.", "З. Исаева",
    "Л. Диас", "О. Сейтқали", "5 б.", "III тоқсан", "2 III тоқсан", "ІІ кезең", "5-бабына", "5б сынып",
    "220В", "H2O", "ISO9001", "S7 Airlines", "CaspianToday.kz", "с 2 ООО и 3 ИП", "150 ООО «Альфа»",
    "О 500 тенге", "2023ж.", "Web2.0",
])
def test_words_stay_words(text):
    assert repaired(text) == text


def test_the_seeds_and_fixture_texts_are_never_changed():
    """No word of a text a person typed is an OCR misreading: every word of the
    fixture texts (the two seeds and the forms, kinds and sections samples) is left alone."""
    words = changed = 0
    for path in sorted(FIXTURES.rglob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out = repair_line(line.split())
            words += len(out)
            changed += sum(before is not None for _, before in out)
    assert words > 30_000  # both seeds alone hold 7 289 words
    assert changed == 0


def test_repair_line_says_what_was_read():
    assert repair_line(["5", "0О0", "000", "теңге"]) == [("5", None), ("000", "0О0"), ("000", None), ("теңге", None)]


def test_repair_word_takes_the_line_around_it():
    assert repair_word("ООО", "сомасы 5 000", "теңге") == "000"
    assert repair_word("ООО", "", "«Ромашка»") is None
    assert repair_word("0О0", "5", "000") == "000"
    assert repair_word("000", "5", "000") is None


WORDS_4920388 = "(төрт миллион тоғыз жүз жиырма мың үш жүз сексен сегіз) теңге"


@pytest.mark.parametrize("read, value, raw", [
    (f"4920 388 {WORDS_4920388}", 4_920_388, "4920 388"),  # the gap OCR lost most often on the seed's scans
    (f"4 920388 {WORDS_4920388}", 4_920_388, "4 920388"),
    (f"5 000 000 теңге, 4920 388 {WORDS_4920388}", 4_920_388, "4920 388"),
    (f"4 920 380 {WORDS_4920388}", 4_920_380, "4 920 380"),  # a real mismatch stays one
    (f"2023 жылы 388 {WORDS_4920388}", 388, "388"),  # other digits do not make the words' value
])
def test_groups_run_together_are_read_by_their_words(read, value, raw):
    last = words_amounts(read)[-1]
    assert (last.value, last.raw[:len(raw)]) == (value, raw)


def test_web_addresses_hold_no_value():
    assert [holds_value(w) for w in ("https://cisc.kz/48534-48534.html", "%D0%B3%D0%B5", "5", "51%-ы", "000,00")] \
        == [False, False, True, True, True]


# ---------------------------------------------------------------- properties

ANYWHERE = {d: [c for c, x in confusions().digit.items() if x == d and c not in confusions().interior_only]
            for d in "0123456789"}


def printed_amount(value: int, cents: int | None) -> str:
    """An amount as the reports print it: "5 000 000", "2 500 000,00"."""
    text = f"{value:,}".replace(",", " ")
    return text if cents is None else f"{text},{cents:02d}"


@st.composite
def misread_amount(draw):
    """(printed, as read): look-alike letters put for digits, as OCR misreads a clean print:
    the first digit stays, and so does one digit of each group but a group of zeros
    ("5 000 ООО"). A group all of other letters ("2l ббО" for "21 660") leaves nothing to go by."""
    printed = printed_amount(draw(st.integers(1, 999_999_999)), draw(st.none() | st.integers(0, 99)))
    groups = re.split(r"([ ,])", printed)
    out = []
    for g in groups:
        swaps = [i for i, ch in enumerate(g) if ch.isdigit() and ANYWHERE[ch] and draw(st.booleans())]
        if not out:
            swaps = [i for i in swaps if i > 0]
        elif len(swaps) == len(g) and set(g) != {"0"}:
            swaps = swaps[1:]
        out.append("".join(draw(st.sampled_from(ANYWHERE[ch])) if i in swaps else ch for i, ch in enumerate(g)))
    return printed, "".join(out)


@settings(max_examples=400, deadline=None)
@given(misread_amount(), st.sampled_from(["{}", "сомасы {} теңге", "составила {} тенге.", "{} теңгеге"]))
def test_misread_amounts_are_restored(case, frame):
    """Alone, an amount of one group ("1О") has no numeric context: it is framed as the reports frame it."""
    printed, read = case
    if frame == "{}" and " " not in printed:
        frame = "{} теңге"
    assert repaired(frame.format(read)) == frame.format(printed)


INTERIOR = [(c, d) for c, d in confusions().digit.items() if c in confusions().interior_only]


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 9), st.integers(0, 9), st.sampled_from(INTERIOR))
def test_interior_letters_between_two_digits(a, b, pair):
    letter, digit = pair
    assert repaired(f"5 {a}{letter}{b} 000") == f"5 {a}{digit}{b} 000"
    assert repaired(f"5 000 {a}{b}{letter}") == f"5 000 {a}{b}{letter}"  # at the edge it stays a letter


LETTERS = "".join(confusions().digit) + "абвгдежзийклмнпрстуфхцчшщыэюяәғқңөұүһі АБВГДЕЖЗИКЛМНПРСТУХ«»()№.,:-%"
WORDS = st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=6).filter(lambda w: not w.isspace())
                 .map(lambda w: w.replace(" ", "")).filter(bool), min_size=1, max_size=8)
NUMBERS = st.sampled_from(["5", "000", "2023", "79", "612", "10.04.2023", "87013437134"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS | st.lists(NUMBERS, min_size=1, max_size=3), min_size=1, max_size=4))
def test_a_word_changes_only_with_a_digit_in_it_or_beside_it(chunks):
    words = [w for chunk in chunks for w in chunk]
    out = repair_line(words)
    has_digit = [bool(re.search(r"\d", w)) for w, _ in out]
    for i, (_, before) in enumerate(out):
        if before is not None and not re.search(r"\d", before):
            assert (i > 0 and has_digit[i - 1]) or (i + 1 < len(out) and has_digit[i + 1])


@settings(max_examples=300, deadline=None)
@given(WORDS)
def test_a_line_without_digits_is_left_alone(words):
    assert all(before is None for _, before in repair_line(words))
