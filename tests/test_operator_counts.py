"""An operator's report states the intake as a protocol does: counts by language and the deadline."""
from __future__ import annotations

import datetime
from pathlib import Path

from tests.facts import extract_and_audit

KINDS = Path(__file__).parent / "fixtures" / "kinds"


def test_counts_by_language_and_the_deadline_of_an_operator_report():
    d = extract_and_audit(KINDS / "operator_counts_by_language_kk.txt").document
    assert d.doc_kind == "operator_report"
    assert (d.applications_count, d.applicant_ngos_count, d.applications_kk, d.applications_ru) == (8, 6, 5, 3)
    assert (d.announcement_date, d.deadline_date) == (datetime.date(2024, 2, 15), datetime.date(2024, 3, 14))
