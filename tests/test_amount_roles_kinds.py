"""Money roles that depend on the kind of document: a winner's grant, an NGO's own savings."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tests.facts import extract_and_audit

KINDS = Path(__file__).parent / "fixtures" / "kinds"


def roles(name: str) -> list[tuple[str, Decimal]]:
    return [(a.role, a.value_kzt) for a in extract_and_audit(KINDS / name).amounts]


def test_a_winners_sum_in_its_list_item_is_its_grant():
    assert roles("results_list_sums_kk.txt") == [
        ("grant", Decimal("6400000")), ("grant", Decimal("3600000")), ("grant_total", Decimal("10000000"))]


def test_an_ngos_own_report_states_its_projects_savings_not_a_total():
    ex = extract_and_audit(KINDS / "ngo_report_savings_ru.txt")
    assert ex.document.doc_kind == "project_report"
    assert [(a.role, a.value_kzt) for a in ex.amounts] == [
        ("recipient_amount", Decimal("4000000")), ("savings", Decimal("12300"))]
    assert [f.rule for f in ex.findings if f.severity == "error"] == []
