"""Cells of scanned tables read again one by one (esep.readers.scan_cells), and the
OCR misreadings mended around them (esep.readers.ocr.mend_words, amounts run together).

The fixtures (tests/fixtures/scan/, README there) are born-digital pages of reports
written by another hand (the variety-2 corpus, seed 211) whose scans Tesseract read
wrong in their statistics and numbering cells: "7" as "iL", "51" as "БТ", "150" as
":.50" (a "1" taken for a ruling), a dash as "=", row numbers as "с" and "&".
Each is scanned at test time (scripts/make_scan.py, 300 dpi, fixed seed) and
its tables' number cells must read as the born-digital page's, its participant
statistics come out the same, and every changed cell must carry its first reading.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from esep.extractors import extract
from esep.model import Table
from esep.normalize.amounts import words_to_number
from esep.readers import read
from esep.readers.ocr import OcrWord, case_flips, cyrillic_shapes, mend_text, mend_words
from esep.readers.scan_cells import CellBox, CellSettings, number_columns, numeric_rows
from tests.test_ocr_engine import needs_tesseract

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/fixtures/scan"
sys.path.insert(0, str(ROOT / "scripts"))
from make_scan import make_scan  # noqa: E402

CASES = ("stats_ru", "stats_kk", "profile_ru", "split_table_kk")
NUMBER_CELL = __import__("re").compile(r"\d[\d ]*|[-–—]")


@pytest.fixture(scope="module")
def pairs(tmp_path_factory):
    """case -> (born-digital document, its scan read by OCR)."""
    folder = tmp_path_factory.mktemp("scan_cells")
    out = {}
    for case in CASES:
        born = FIXTURES / f"{case}.pdf"
        scan = folder / f"{case}.pdf"
        make_scan(born, scan, dpi=300)
        out[case] = (read(born), read(scan))
    return out


def number_cells(t: Table) -> dict[tuple[int, int], str]:
    return {(c.row, c.col): c.text for row in t.grid for c in row if NUMBER_CELL.fullmatch(c.text)}


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_number_cells_read_as_born_digital(pairs, case):
    born, scan = pairs[case]
    tb, ts = list(born.tables()), list(scan.tables())
    assert [t.n_cols for t in ts] == [t.n_cols for t in tb]
    for a, b in zip(tb, ts):
        want = number_cells(a)
        got = {k: b.grid[k[0]][k[1]].text for k in want}
        assert got == want


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("case", ["stats_ru", "stats_kk", "split_table_kk"])
def test_statistics_come_out_as_born_digital(pairs, case):
    born, scan = pairs[case]
    key = lambda r: (r.dimension, r.category, r.count)  # noqa: E731
    assert sorted(map(key, extract(scan).demographics)) == sorted(map(key, extract(born).demographics))


@needs_tesseract
@pytest.mark.slow
def test_a_mended_cell_keeps_its_first_reading(pairs):
    """split_table_kk: the page read the dashes of a 7 pt row as "2", "3", ">", "Е"; the
    cells say "-" and keep what was read, so that an audit finding on them is flagged."""
    _, scan = pairs["split_table_kk"]
    marks = [(c.text, m) for t in scan.tables() for row in t.grid for c in row for m in c.ocr_marks]
    mended = [(text, m) for text, m in marks if m.repaired_from is not None]
    assert any(text == "-" and m.repaired_from.isdigit() for text, m in mended)
    assert all(m.text in text for text, m in mended)


def box(table: int, row: int, col: int, x0: float, x1: float) -> CellBox:
    return CellBox(table, row, col, x0, 0.0, x1, 10.0)


def test_a_row_of_counts_is_numeric_and_a_row_of_labels_is_not():
    cells = [box(0, 0, j, 100 * j, 100 * j + 90) for j in range(4)] + \
            [box(0, 1, j, 100 * j, 100 * j + 90) for j in range(4)]
    texts = ["Барлығы", "Ерлер", "Әйелдер", "Балалар", "200", "БТ", "-", "32"]
    assert numeric_rows(cells, texts, CellSettings()) == {(0, 1)}


def test_a_column_of_row_numbers_or_counts_below_its_header():
    cells = [box(0, r, 0, 0, 60) for r in range(5)] + [box(0, r, 1, 60, 900) for r in range(5)] + \
            [box(0, r, 2, 900, 1100) for r in range(5)]
    texts = ["№", "1", "с", "&", "5.", "Атауы", "Басшысы", "Мекенжайы", "Телефоны", "Сомасы",
             "Өтінімдер саны", "4", "", "г", "3"]
    assert number_columns(cells, texts, [0] * len(cells), CellSettings()) == {(0, 0), (0, 2)}


def test_a_column_tesseract_read_nothing_in_is_a_number_column_if_its_cells_hold_a_line_of_ink():
    """A table's part on the next page: the row numbers all missed, their ink there."""
    cells = [box(0, r, 0, 0, 60) for r in range(4)] + [box(0, r, 1, 60, 900) for r in range(4)]
    texts = ["", "", "", "", "Ерлер", "Әйелдер", "Барлығы", "Балалар"]
    inked = [2] * 4 + [0] * 4
    assert number_columns(cells, texts, inked, CellSettings()) == {(0, 0)}
    assert number_columns(cells, texts, [0] * 8, CellSettings()) == set()


def test_a_column_of_text_is_no_number_column():
    cells = [box(0, r, 0, 0, 400) for r in range(3)]
    assert number_columns(cells, ["1", "Ерлер", "3"], [0] * 3, CellSettings()) == set()


def word(text: str, line: int) -> OcrWord:
    return OcrWord(text, 0, 0, 10, 10, 10, 10, 0.9, line)


def test_mend_words():
    """On a Cyrillic page: "№" alone or before a number, capitals in Latin look-alikes,
    a dash read as two hyphens, a bar left of a ruling; a Latin name stays."""
    words = [word("Мо", 0), word("«Отбасы", 1), word("орталығы»", 1), word("KMM", 1), word("No", 2),
             word("5", 2), word("Мекенжайы", 3), word("--", 3), word("Қостанай", 3), word("қаласы", 3),
             word("|", 4), word("TEDx", 5)]
    assert [w.text for w in mend_words(words)] == ["№", "«Отбасы", "орталығы»", "КММ", "№", "5", "Мекенжайы",
                                                    "–", "Қостанай", "қаласы", "TEDx"]


@pytest.mark.parametrize("text, kazakh, mended", [
    ("Кэмелетке", True, "Кәмелетке"), ("тарихи-мэдени", True, "тарихи-мәдени"), ("экстремизм", True, "экстремизм"),
    ("Кэмелетке", False, "Кэмелетке"), ("разьяснительной", False, "разъяснительной"), ("семья", False, "семья"),
    ("подьезд", True, "подъезд"), ("статьях", False, "статьях"),
    ("<Jastar", False, "«Jastar"), ("Hub>", False, "Hub»"), ("КБ", True, "ҚБ"), ("КБ.", True, "ҚБ."),
    ("КБ", False, "КБ"), ("МККК", True, "МКҚК"),
])
def test_letters_misread_in_a_word(text, kazakh, mended):
    assert mend_text(text, "", kazakh) == mended


def test_a_digit_group_with_its_space_lost():
    assert mend_text("2750", "000", False) == "2 750"
    assert mend_text("2750", "тенге", False) == "2750"
    assert mend_text("%7", "708", False) == "+7"


@pytest.mark.parametrize("text, cyrillic", [("OcnaHoBa", True), ("Bananap", True), ("JasART", False),
                                            ("TEDx", False), ("Dala", False), ("YouTube", False)])
def test_latin_rereadings_that_are_cyrillic_words(text, cyrillic):
    assert (case_flips(text) or cyrillic_shapes(text)) is cyrillic


@pytest.mark.parametrize("text, value", [
    ("он екі миллион төрт жүз сексен алты мыңүш жүз елу алты", 12486356),
    ("бесжүз мың", 500000),
    ("двадцать пятьтысяч", 25000),
    ("сто", 100),
])
def test_number_words_run_together_are_read_apart(text, value):
    assert words_to_number(text) == value
