"""Tables drawn without borders: found from column-aligned text, not ruling lines.

tests/fixtures/pdf/seed_plain.pdf is the seed report with every table in the
default (borderless) style and no merged cells (make_plain.py); its facts must
be those of the golden file, like the bordered renderings.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from esep.readers.pdf import read_pdf
from esep.readers.pdf_borderless import borderless_tables
from esep.readers.pdf_page import DEFAULT_SETTINGS as S
from esep.readers.pdf_page import Ruling, Run
from esep.readers.pdf_text import runs_to_lines
from tests.facts import extract_and_audit, rows

ROOT = Path(__file__).resolve().parent.parent
PLAIN = ROOT / "tests" / "fixtures" / "pdf" / "seed_plain.pdf"
GOLDEN = json.loads((ROOT / "tests" / "golden" / "seed_kk.facts.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def doc():
    return read_pdf(PLAIN, "p" * 64)


@pytest.fixture(scope="module")
def facts():
    return extract_and_audit(PLAIN)


@pytest.mark.parametrize("table", ["contracts", "partners", "demographics"])
def test_plain_seed_facts_match_the_golden_file(facts, table):
    expected, got = GOLDEN[table], rows(facts, table)
    diffs = [f"{table}[{i}].{k}: got {g.get(k)!r}, expected {e[k]!r}"
             for i, (e, g) in enumerate(zip(expected, got)) for k in e
             if not k.startswith("_") and g.get(k) != e[k]]
    assert not diffs, "\n".join(diffs)
    assert len(got) == len(expected)


def test_plain_seed_contract_amounts(facts):
    assert [c.contract_no for c in facts.contracts] == ["65", "66"]
    assert [(str(c.grant_kzt), str(c.savings_kzt), str(c.disbursed_kzt)) for c in facts.contracts] == [
        ("5000000.00", "0.00", "5000000.00"), ("5000000.00", "79612.00", "4920388.00")]
    assert [p.phone for p in facts.partners] == [g["phone"] for g in GOLDEN["partners"]]
    assert sum(bool(p.phone) for p in facts.partners) == 8  # the first partner has none


def test_plain_seed_tables(doc):
    tables = list(doc.tables())
    assert len(tables) == 9
    contracts = next(t for t in tables if any("сәуірдің №65" in c.text for r in t.grid for c in r))
    assert (contracts.n_rows, contracts.n_cols) == (4, 7)
    assert contracts.text_rows()[0] == ["№", "Басым бағыт", "ҮЕҰ-мен шарт жасасу нөмірі мен күні", "Ұйымның атауы",
                                        "Грант сомасы", "Үнемдеу сомасы", "Игеру сомасы"]
    assert contracts.text_rows()[2][-3:] == ["5 000 000", "79 612", "4 920 388"]
    assert contracts.text_rows()[3][0] == "Барлығы:"
    assert 0 < contracts.confidence <= S.borderless_ceiling < 1.0  # no ruling confirms the grid
    cell = contracts.grid[1][2]
    assert cell.page == 2 and cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]
    partners = next(t for t in tables if any("Мұқаш Оралбай" in c.text for r in t.grid for c in r))
    assert partners.pages == [4, 5, 6] and partners.n_rows == 9  # one table over two page breaks
    assert [r[0] for r in partners.text_rows()[1:]] == [str(i) for i in range(1, 9)]
    assert "басқармасы 4. Қарақия" in partners.text_rows()[4][2]  # the row cut by the break, glued


def test_plain_seed_paragraphs_stay_paragraphs(doc):
    texts = [p.text for p in doc.paragraphs()]
    assert "Есепті жасау күні: 2023 жылғы «15» желтоқсан" in texts
    assert "Гранттық тақырыптар бойынша өтінімдер саны:" in texts  # the caption is no title row
    assert not any("5 000 000" == t for t in texts)


# ---- pure cases ------------------------------------------------------------------

def _run(text: str, x0: float, baseline: float, size: float = 10.0) -> Run:
    return Run(text, x0, baseline - size * 0.8, x0 + len(text) * size * 0.5, baseline + size * 0.2,
               baseline, size, False)


def _grid(rows: list[list[str]], y0: float = 100.0, xs=(72, 200, 330)) -> list[Run]:
    return [_run(t, x, y0 + 20 * i) for i, row in enumerate(rows) for t, x in zip(row, xs) if t]


def test_aligned_columns_make_a_table():
    runs = _grid([["Атауы", "Саны", "Сома"], ["Бір", "1", "100"], ["Екі", "2", "200"]])
    tables, free = borderless_tables(runs_to_lines(runs, S), [], 1, 1.2, S)
    assert len(tables) == 1 and free == []
    t = tables[0]
    assert t.n_rows == 3 and [c.text for c in t.cells if c.row == 1] == ["Бір", "1", "100"]


def test_a_ruling_across_the_region_means_no_borderless_table():
    runs = _grid([["Атауы", "Саны", "Сома"], ["Бір", "1", "100"], ["Екі", "2", "200"]])
    tables, free = borderless_tables(runs_to_lines(runs, S), [Ruling("h", 125, 60, 400)], 1, 1.2, S)
    assert tables == [] and len(free) == 3


def test_paragraphs_and_numbered_lists_are_not_tables():
    runs = [_run("1. Бірінші тармақ бойынша мәтін жалғасады", 72, 100),
            _run("2. Екінші тармақ", 72, 115), _run("3) үшінші", 90, 130),
            _run("Басқарма төрағасы", 72, 160), _run("Л. Диас", 400, 160)]  # a signature: two columns only
    tables, free = borderless_tables(runs_to_lines(runs, S), [], 1, 1.2, S)
    assert tables == [] and len(free) == 4


def test_one_wide_line_is_not_a_table():
    runs = _grid([["Атауы", "Саны", "Сома"]]) + [_run("Кейінгі абзац " * 4, 72, 140)]
    tables, _ = borderless_tables(runs_to_lines(runs, S), [], 1, 1.2, S)
    assert tables == []
