"""Participant statistics from small table grids, built as the DOCX/PDF readers build them.

A merged cell is one Cell object at every position it covers (its origin row
and column, its spans); a grid row is written here as a list where a string
starts a cell and ``"<"`` / ``"^"`` continue the cell to the left / above.
"""
from __future__ import annotations

import pytest

from esep.extractors.demographics import age_category, category, extract_demographics
from esep.model import Cell, Prov, Table


def grid(*rows: list[str], n: int = 0) -> Table:
    """A Table from rows of strings; "<" merges with the cell to the left, "^" with the one above."""
    out: list[list[Cell]] = []
    for r, row in enumerate(rows):
        cells: list[Cell] = []
        for j, text in enumerate(row):
            if text == "<":
                cell = cells[j - 1]
                cell.colspan = j - cell.col + 1
            elif text == "^":
                cell = out[r - 1][j]
                cell.rowspan = r - cell.row + 1
            else:
                cell = Cell(text=text, row=r, col=j, page=1)
            cells.append(cell)
        out.append(cells)
    return Table(grid=out, prov=Prov(page=1, locator=f"table:{n}"))


def facts(*tables: Table) -> list[tuple[str, str, int | None]]:
    return [(d.dimension, d.category, d.count) for d in extract_demographics(list(tables), "P", "doc")]


def test_title_row_header_and_counts_kazakh():
    t = grid(["Гендерлік көрсеткіш", "<", "<"],
             ["Жобаға қатысушылардың саны барлығы", "Ерлер", "Әйелдер"],
             ["150", "84", "66"])
    assert facts(t) == [("gender", "total", 150), ("gender", "male", 84), ("gender", "female", 66)]


def test_two_level_header_with_vertical_merges_and_dashes():
    t = grid(["Социальный статус по категориям", "<", "<", "<", "<"],
             ["Общее количество участников проекта", "Молодежь", "Из них", "<", "<"],
             ["^", "^", "Безработные", "Представители общественных организаций", "Другие категории"],
             ["120", "40", "-", "35", "0"])
    got = facts(t)
    assert got == [("social_status", "total", 120), ("social_status", "youth", 40),
                   ("social_status", "unemployed", None), ("social_status", "ngo_representatives", 35),
                   ("social_status", "other", 0)]


def test_pdf_words_wrapped_mid_word_in_narrow_columns():
    # a narrow PDF column breaks a word anywhere; the reader joins the pieces with a space
    t = grid(["Әлеуметтік мәртебе", "<", "<", "<", "<"],
             ["Бүкіл жобаға қатысушыл ар саны", "Жаста р", "Мемлекет тік қызметші лер", "Мүгедект ер",
              "Басқа санатт ар"],
             ["200", "19", "7", "8", "3"])
    assert [c for _, c, _ in facts(t)] == ["total", "youth", "civil_servants", "disabled", "other"]


def test_russian_headers_in_kazakh_table_and_age_brackets():
    t = grid(["Жас көрсеткіші", "<", "<", "<", "<", "<"],
             ["Всего", "от 13 до 16 лет", "18-29", "30 – 45 жас", "59 лет и старше", "60+"],
             ["90", "10", "20", "30", "25", "5"])
    assert facts(t) == [("age", "total", 90), ("age", "13-16", 10), ("age", "18-29", 20),
                        ("age", "30-45", 30), ("age", "59+", 25), ("age", "60+", 5)]


@pytest.mark.parametrize("label, cat", [
    ("13-16 жас", "13-16"), ("от 13 до 16 лет", "13-16"), ("14 жастан 18 жасқа дейін", "14-18"),
    ("59 жас және одан жоғары", "59+"), ("59 лет и старше", "59+"), ("60+", "60+"),
    ("старше 60 лет", "60+"), ("60 жастан асқан", "60+"), ("59 лет и старш е", "59+"),
    ("до 18 лет", "0-17"), ("18 жасқа дейін", "0-17"),
    ("Барлығы", "total"), ("Всего", "total"), ("Итого", "total"), ("2023-2024", None),
])
def test_age_labels(label, cat):
    assert age_category(label) == cat


@pytest.mark.parametrize("dim, label, cat", [
    ("gender", "Мужчины", "male"), ("gender", "Әйелдер", "female"), ("gender", "Барлығы", "total"),
    ("gender", "Муж.", "male"), ("gender", "Жен.", "female"),
    ("social_status", "Балалар (оның ішінде мүгедек балалар)", "children"),
    ("social_status", "Жасы үлкен адамдар (50 жастан және одан жоғары)", "elderly"),
    ("social_status", "Государственны е служащие", "civil_servants"),
    ("social_status", "Представите ли общественн ых организаци й", "ngo_representatives"),
    ("social_status", "Оның ішінде", None),
])
def test_category_labels(dim, label, cat):
    assert category(dim, label) == cat


def test_several_dimensions_stacked_in_one_table():
    t = grid(["Гендерный показатель", "<", "<"],
             ["Всего", "Мужчины", "Женщины"],
             ["50", "20", "30"],
             ["Возрастной показатель", "<", "<"],
             ["Всего", "18-29", "30 и старше"],
             ["50", "45", "5"])
    assert facts(t) == [("gender", "total", 50), ("gender", "male", 20), ("gender", "female", 30),
                        ("age", "total", 50), ("age", "18-29", 45), ("age", "30+", 5)]


def test_title_row_in_one_table_header_and_counts_in_the_next():
    title = grid(["Гендерлік көрсеткіш"], n=1)
    body = grid(["Барлығы", "Ерлер", "Әйелдер"], ["40", "15", "25"], n=2)
    assert facts(title, body) == [("gender", "total", 40), ("gender", "male", 15), ("gender", "female", 25)]


def test_table_split_across_pages_counts_under_the_previous_headers():
    head = grid(["Возрастной показатель", "<", "<"], ["Всего", "18-29", "30-45"], n=1)
    rest = grid(["70", "50", "20"], n=2)
    assert facts(head, rest) == [("age", "total", 70), ("age", "18-29", 50), ("age", "30-45", 20)]


def test_split_headers_do_not_carry_into_a_table_of_other_width():
    head = grid(["Возрастной показатель", "<", "<"], ["Всего", "18-29", "30-45"], n=1)
    other = grid(["1", "2"], n=2)
    assert facts(head, other) == []


def test_row_label_before_the_counts():
    t = grid(["Гендерный состав", "<", "<", "<"],
             ["Показатель", "Всего", "Мужчины", "Женщины"],
             ["Количество участников", "150", "84", "66"])
    assert facts(t) == [("gender", "total", 150), ("gender", "male", 84), ("gender", "female", 66)]


def test_vertical_table_one_category_per_row():
    t = grid(["Гендерный показатель", "<"],
             ["Категория", "Количество"],
             ["Мужчины", "84"],
             ["Женщины", "66"],
             ["Всего", "150"])
    assert facts(t) == [("gender", "male", 84), ("gender", "female", 66), ("gender", "total", 150)]


def test_table_without_title_infers_dimension():
    t = grid(["Барлығы", "Ерлер", "Әйелдер"], ["10", "4", "6"])
    assert [d for d, _, _ in facts(t)] == ["gender"] * 3
    t = grid(["Всего", "13-16 лет", "17-22 лет"], ["10", "4", "6"])
    assert [c for _, c, _ in facts(t)] == ["total", "13-16", "17-22"]


def test_a_table_of_other_things_gives_nothing():
    t = grid(["№", "Іс-шара", "Күні", "Қатысушылар"],
             ["1", "Семинар", "12.03.2024", "25"])
    assert facts(t) == []


def test_provenance_points_at_the_count_cell():
    t = grid(["Гендерлік көрсеткіш", "<"], ["Ерлер", "Әйелдер"], ["3", "4"], n=7)
    rows = extract_demographics([t], "P", "doc")
    assert [r.locator for r in rows] == ["table:7/row:3/col:1", "table:7/row:3/col:2"]
    assert rows[0].label == "Ерлер" and rows[0].raw == "3" and rows[0].evidence == "Ерлер: 3"
