"""Audit across documents: the same contract stated differently in two reports.

The seed in Kazakh and its Russian rendering state the same two contracts;
a Russian copy whose contract №66 disburses 4 900 388 instead of 4 920 388
must be flagged against the Kazakh one, with both places named.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds

from esep.pipeline import ingest

FIXTURES = Path(__file__).parent / "fixtures"


def findings(out: Path) -> list[dict]:
    return ds.dataset(out / "findings", format="parquet").to_table().to_pylist()


def test_kazakh_and_russian_copies_that_agree_raise_nothing_across(tmp_path):
    out = tmp_path / "out"
    ingest([FIXTURES / "seed_kk.txt", FIXTURES / "seed_ru.txt"], out, isolate=False)
    assert not [f for f in findings(out) if f["message_key"] == "contract_vs_contract"]


def test_a_contract_stated_differently_in_two_reports(tmp_path):
    ru = (FIXTURES / "seed_ru.txt").read_text(encoding="utf-8")
    row = "№66 от 10.04.2023\t\t5 000 000\t79 612\t4 920 388"
    assert ru.count(row) == 1
    # two copies that disagree: the one listed first (by path) is taken as the reference
    (tmp_path / "in").mkdir()
    reference = tmp_path / "in" / "a_seed_kk.txt"
    reference.write_bytes((FIXTURES / "seed_kk.txt").read_bytes())
    changed = tmp_path / "in" / "b_seed_ru_changed.txt"
    changed.write_text(ru.replace(row, row.replace("4 920 388", "4 900 388")), encoding="utf-8")
    out = tmp_path / "out"
    ingest([reference, changed], out, isolate=False)
    cross = [f for f in findings(out) if f["message_key"] == "contract_vs_contract"]
    assert [(f["rule"], f["severity"], f["expected"], f["actual"]) for f in cross] == [
        ("cross_reference_mismatch", "error", "4 920 388.00", "4 900 388.00")]
    assert "4 900 388" in cross[0]["evidence"] and "4 920 388" in cross[0]["other_evidence"]
    assert cross[0]["message"] == "contract №66: disbursed 4 900 388.00 here, 4 920 388.00 in another report"


def test_cross_document_findings_are_recomputed_not_repeated(tmp_path):
    ru = (FIXTURES / "seed_ru.txt").read_text(encoding="utf-8")
    changed = tmp_path / "in" / "seed_ru_changed.txt"
    changed.parent.mkdir()
    changed.write_text(ru.replace("\t4 920 388\n", "\t4 900 388\n", 1), encoding="utf-8")
    out = tmp_path / "out"
    ingest([FIXTURES / "seed_kk.txt", changed], out, isolate=False)
    ingest([FIXTURES / "seed_kk.docx"], out, isolate=False)  # a later run over the same folder
    cross = [f for f in findings(out) if f["message_key"] == "contract_vs_contract"]
    # the two Kazakh copies agree: the Russian one is the odd one out, flagged once
    assert [(f["expected"], f["actual"]) for f in cross] == [("4 920 388.00", "4 900 388.00")]


def test_a_winner_is_checked_against_its_contract(tmp_path):
    """The protocol says «Көмек командасы» won 5 100 000; contract №66 of the operator's
    report for the same region and year grants it 5 000 000."""
    out = tmp_path / "out"
    ingest([FIXTURES / "seed_kk.txt", FIXTURES / "kinds" / "competition_kk_2023.txt"], out, isolate=False)
    cross = [f for f in findings(out) if f["message_key"] == "winner_vs_contract"]
    assert [(f["rule"], f["expected"], f["actual"], f["locator"]) for f in cross] == [
        ("cross_reference_mismatch", "5 000 000.00", "5 100 000.00", "table:2/row:3")]
    assert "2023 жылғы 10 сәуірдің №66" in cross[0]["other_evidence"]
