"""The summary's money: each grant once, however many documents state it, and the
same figure from a documented DuckDB query over the output folder (esep.money)."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest

from esep.money import Money, money, money_sql
from esep.pipeline import ingest

FIXTURES = Path(__file__).parent / "fixtures"
# one competition (Mangystau, 2023: two grants of 5 000 000) in four documents: the operator's
# annual report as text and as DOCX, its Russian version, and the commission's protocol
ONE_COMPETITION = ["seed_kk.txt", "seed_kk.docx", "seed_ru.txt", "kinds/protocol_mangystau_kk_2023.txt"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("money") / "out"
    ingest([FIXTURES / name for name in ONE_COMPETITION], out, isolate=False)
    return out


@pytest.fixture(scope="module")
def result(out):
    from esep.pipeline.writer import load_dataset
    return load_dataset(out)


def test_a_competition_stated_by_four_documents_is_counted_once(result):
    # each of the four documents states the 10 000 000; summed per document it was 40 000 000
    assert sum(ex.document.grant_total_kzt for ex in result.extractions) == Decimal("40000000.00")
    assert money(result.extractions) == Money(Decimal("10000000.00"), grants=2, restated=6)


def test_the_documented_query_gives_the_same_figures(out, result):
    duckdb = pytest.importorskip("duckdb")
    [(total, grants, restated)] = duckdb.sql(money_sql(out)).fetchall()
    assert Money(total, grants, restated) == money(result.extractions)


def test_two_equal_grants_in_one_report_stay_two(result):
    seed = copy.deepcopy(next(ex for ex in result.extractions if ex.document.source_path.endswith("seed_kk.txt")))
    for c in seed.contracts:  # the same recipient twice: two grants of 5 000 000, not one
        c.recipient_org_id = seed.contracts[0].recipient_org_id
    assert money([seed]) == Money(Decimal("10000000.00"), grants=2, restated=0)
