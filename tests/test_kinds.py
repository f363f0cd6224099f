"""Document kinds other than the operator's report, read from what they say.

tests/fixtures/kinds/competition_kk_2023.txt is the expert commission's
protocol extract for the seed's competition (written for these tests; its
«Көмек командасы» sum differs from the seed's contract on purpose).
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.facts import extract_and_audit

KINDS = Path(__file__).parent / "fixtures" / "kinds"


@pytest.fixture(scope="module")
def protocol():
    return extract_and_audit(KINDS / "competition_kk_2023.txt")


def test_the_protocol_is_recognised_and_dated(protocol):
    d = protocol.document
    assert (d.doc_kind, d.language, d.reporting_year, d.region) == (
        "competition_results", "kk", 2023, "Маңғыстау облысы")
    assert d.customer == "Маңғыстау облысының дін істері басқармасы"
    assert (d.announcement_date, d.deadline_date, d.report_date) == (
        datetime.date(2023, 1, 27), datetime.date(2023, 2, 27), datetime.date(2023, 4, 5))
    assert d.signatory == "Л. Диас"


def test_applications_and_their_languages(protocol):
    d = protocol.document
    assert (d.applications_count, d.applicant_ngos_count, d.applications_kk, d.applications_ru) == (4, 4, 3, 1)
    assert [a.applications for a in protocol.applications] == [2, 2]


def test_winners_with_projects_and_sums(protocol):
    rows = [(w.row, w.recipient, w.project, w.grant_kzt) for w in protocol.winners]
    assert rows == [
        (1, "«JasART» жеке меншік мекемесі", "Jasart Talks", Decimal("5000000.00")),
        (2, "«Көмек командасы» ҚҚ",
         "Маңғыстау облысында позитивті діни мазмұнды қамтамасыз ету және радикалды көңіл-күйді азайту",
         Decimal("5100000.00"))]
    assert protocol.document.grant_total_kzt == Decimal("10100000.00")


def test_total_in_words_agrees_and_no_finding_inside_the_protocol(protocol):
    words = [a for a in protocol.amounts if a.words]
    assert [(a.value_kzt, a.words_kzt, a.role) for a in words] == [
        (Decimal("10100000.00"), Decimal("10100000.00"), "grant_total")]
    assert protocol.findings == []


@pytest.fixture(scope="module")
def ngo_report():
    return extract_and_audit(KINDS / "project_report_ru_2023.txt")


def test_an_ngo_report_is_recognised_with_its_customer(ngo_report):
    d = ngo_report.document
    assert (d.doc_kind, d.language, d.reporting_year, d.region) == ("project_report", "ru", 2023, "Маңғыстау облысы")
    assert d.customer == "Управление по делам религий Мангистауской области"
    assert (d.report_date, d.signatory) == (datetime.date(2023, 10, 30), "Қ. Айтбай")


def test_the_grantee_comes_from_the_header(ngo_report):
    [r] = ngo_report.recipients
    assert (r.name, r.name_norm, r.legal_form) == ("Общественный фонд «Көмек командасы»", "Көмек командасы", "ҚҚ")
    assert (r.leader, r.phone, r.phone_raw) == ("Айтбай Қанат Сәлімгерейұлы", "+77024399979", "+7 (702) 439-99-79")
    assert r.address == "г. Актау, 14 микрорайон, дом 2, офис 5"
    assert (r.period_start, r.period_end) == (datetime.date(2023, 5, 1), datetime.date(2023, 10, 31))
    assert (r.amount_kzt, r.amount_words_kzt) == (Decimal("4920388.00"), Decimal("4920388.00"))


def test_the_body_is_read_as_the_project(ngo_report):
    [e] = ngo_report.events
    assert (e.date, e.title, e.speakers) == (
        datetime.date(2023, 6, 28), "Алгоритмы ведения страниц в социальных сетях",
        ["Айтбай Қанат Сәлімгерейұлы", "Хайруллина Сағира Өтепқызы"])
    counts = {(d.dimension, d.category): d.count for d in ngo_report.demographics}
    assert counts[("gender", "total")] == 50 and counts[("gender", "female")] == 20
    assert counts[("age", "23-27")] == 26 and counts[("age", "59+")] is None
    assert {d.project for d in ngo_report.demographics} == {ngo_report.recipients[0].project}
    assert ngo_report.findings == []


def titles() -> list[tuple[str, str]]:
    lines = (KINDS / "titles.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


@pytest.mark.parametrize("title, kind", titles())
def test_the_title_names_the_kind(title, kind):
    """The first line decides; a body without the genre's words adds nothing."""
    from esep.extractors.summary import doc_kind
    from esep.model import Document, Paragraph, Prov
    from esep.sections import split_parts
    doc = Document("t", "titles.tsv", "txt", [Paragraph(title, Prov(None, "para:1")),
                                              Paragraph("Мәтін осы жерде жалғасады.", Prov(None, "para:2"))])
    assert doc_kind(doc, split_parts(doc)) == kind


def test_a_news_item_quoting_the_operator_is_no_operator_report():
    """"Оператор провел конкурс" inside a quote is not the title of the operator's own report."""
    d = extract_and_audit(KINDS / "results_news_ru_operator_quote.txt").document
    assert (d.doc_kind, d.language, d.report_date) == ("competition_results", "ru", datetime.date(2024, 5, 14))
