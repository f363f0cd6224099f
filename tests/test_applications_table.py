"""The applications table is a count per topic: a column of requested sums is not one."""
from __future__ import annotations

from pathlib import Path

from tests.facts import extract_and_audit

KINDS = Path(__file__).parent / "fixtures" / "kinds"


def test_a_column_of_requested_sums_is_no_applications_table():
    ex = extract_and_audit(KINDS / "conclusion_requested_sums_ru.txt")
    assert ex.applications == []
    assert (ex.document.applications_count, ex.document.applicant_ngos_count) == (5, 5)
    assert [f.rule for f in ex.findings if f.severity == "error"] == []
