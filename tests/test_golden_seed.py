"""The seed report, in every form we render it, gives the facts of its golden file.

tests/golden/seed_kk.facts.json was written by reading the seed, not by
running esep: it is the specification and no flag rewrites it. Each golden
row lists the fields it asserts; rows are compared in order, field by field.
The per-rendering snapshots (tests/golden/docs/*.json, provenance included)
catch regressions and are rewritten only by `pytest --regen-golden`.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.facts import extract_and_audit, fact_diffs, golden_facts, rows, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
FACTS = {lang: golden_facts(lang) for lang in ("kk", "ru")}
RENDERINGS = ["seed_kk.txt", "seed_kk.docx", "seed_kk.pdf", "seed_kk_narrow.docx",
              "seed_kk_narrow.pdf", "seed_kk_landscape.docx", "seed_kk_landscape.pdf",
              "seed_kk_grid14.docx", "seed_kk_grid14.pdf",
              "seed_ru.txt", "seed_ru.docx", "seed_ru.pdf"]
TABLES = [t for t in FACTS["kk"] if not t.startswith("_")]  # "_why" keys explain, not assert


def facts_of(name: str) -> dict:
    return FACTS[name.split("_")[1].split(".")[0]]


@pytest.fixture(scope="module", params=RENDERINGS)
def extraction(request):
    return request.param, extract_and_audit(FIXTURES / request.param)


@pytest.mark.parametrize("table", TABLES)
def test_facts_match_the_golden_file(extraction, table):
    name, ex = extraction
    diffs = fact_diffs(ex, table, facts_of(name)[table])
    assert not diffs, f"{name}:\n" + "\n".join(diffs)


def test_every_fact_carries_provenance(extraction):
    name, ex = extraction
    is_pdf = name.endswith(".pdf")
    for table in [t for t in TABLES if t != "documents"]:
        for r in rows(ex, table):
            assert r["locator"] and r["evidence"], f"{name}: {table} row without provenance: {r}"
            if is_pdf:
                assert isinstance(r["page"], int) and r["page"] >= 1, f"{name}: {table} {r['locator']}"
                assert r["bbox"] and len(r["bbox"]) == 4, f"{name}: {table} {r['locator']} has no bbox"
            else:
                assert r["page"] is None


def test_amount_evidence_holds_the_raw_text(extraction):
    name, ex = extraction
    for a in ex.amounts:
        assert " ".join(a.raw.split()) in " ".join(a.evidence.split()), (name, a.raw, a.evidence)


def test_contract_rows_point_at_their_cells(extraction):
    """An auditor opens the page and finds the row: its evidence holds the contract reference."""
    name, ex = extraction
    for c in ex.contracts:
        assert c.contract_raw and c.contract_raw in c.evidence
        assert "/row:" in c.locator


@pytest.mark.parametrize("name", ["seed_kk.txt", "seed_kk.docx", "seed_kk.pdf", "seed_ru.pdf"])
def test_snapshot_with_provenance(name, golden):
    golden(f"docs/{name}", snapshot(extract_and_audit(FIXTURES / name)))
