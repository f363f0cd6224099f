"""Extractors: pure functions from a `Document` to the records of each table.

`extract(doc)` finds the document's kind by what it says, then runs the
extractors of that kind: sections first, then one extractor per fact kind.
Each extractor has a version; a change of its output bumps it, and the
versions are written to the manifest so users can tell batches apart.
"""
from __future__ import annotations

from decimal import Decimal

from esep import __version__
from esep.versions import VERSIONS  # noqa: F401 - re-exported: the extractors' versioned names
from esep.extractors import competition, project_report, summary
from esep.extractors.amounts import extract_amounts, paragraph_context
from esep.extractors.applications import extract_applications
from esep.extractors.common import where_para
from esep.extractors.counts import stated_counts
from esep.extractors.contracts import ContractsTable, extract_contracts
from esep.extractors.demographics import extract_demographics
from esep.extractors.events import extract_events
from esep.extractors.indicators import extract_indicators
from esep.extractors.partners import extract_partners, report_partners
from esep.extractors.projects import ProjectReport, project_reports
from esep.extractors.recipients import extract_recipients
from esep.extractors.speakers import extract_speakers
from esep.extractors.winners_text import text_winners
from esep.labels import labels
from esep.model import Document
from esep.normalize.legacy_kk import note
from esep.records import AmountRow, DocumentRow, Extraction, Passage
from esep.sections import Parts, Section, split_parts



def stated_total(amounts: list[AmountRow], role: str) -> Decimal | None:
    return next((a.value_kzt for a in amounts if a.role == role), None)


def totals(contracts: ContractsTable, amounts: list[AmountRow]) -> tuple:
    """Grant, savings and disbursed totals: the totals row, else the text, else the sum of rows."""
    out = []
    for field in ("grant_kzt", "savings_kzt", "disbursed_kzt"):
        value = getattr(contracts.total, field) if contracts.total else None
        if value is None:
            value = stated_total(amounts, field.replace("_kzt", "_total"))
        if value is None and contracts.rows:
            parts = [getattr(r, field) for r in contracts.rows]
            value = sum(parts, Decimal("0.00")) if all(p is not None for p in parts) else None
        out.append(value)
    return tuple(out)


def base_row(doc: Document, parts: Parts, kind: str, year: int | None) -> DocumentRow:
    """What every kind states the same way: language, year, customer, counts in the text."""
    customer, region = summary.customer(doc)
    rdate, signer = summary.report_date_and_signatory(doc, year)
    stated = stated_counts(parts.main.text())
    d = DocumentRow(
        doc_id=doc.doc_id, source_path=doc.source_path, file_type=doc.file_type, doc_kind=kind,
        language=summary.detect_language(doc), reporting_year=year, customer=customer, region=region,
        report_date=rdate, signatory=signer, pages=doc.pages, ocr=doc.ocr,
        status="partial" if doc.warnings else "ok", error="; ".join(doc.warnings) or None,
        title=summary.title(doc), operator=summary.operator(doc),
        announcement_date=summary.announcement_date(parts, year),
        deadline_date=competition.deadline_date(list(parts.main.paragraphs()), year), esep_version=__version__)
    competition.fill_counts(d, stated)  # totals and by language, as every kind states them
    fill_ocr(d, doc)
    d.legacy_font = note(doc.legacy) if doc.legacy else None
    return d


def fill_ocr(d: DocumentRow, doc: Document) -> None:
    """Which pages were read by OCR, why, and how sure Tesseract was of their words."""
    if not doc.ocr_pages:
        return
    d.ocr_pages = [p.number for p in doc.ocr_pages]
    d.ocr_reasons = [p.reason for p in doc.ocr_pages]
    d.ocr_confidence = round(sum(p.confidence for p in doc.ocr_pages) / len(doc.ocr_pages), 3)


def passages(doc: Document, parts: Parts, context: dict[int, str]) -> list[Passage]:
    """Every paragraph with the part it belongs to, for the audit's text rules."""
    return [Passage(doc_id=doc.doc_id, **where_para(p).as_kwargs(), part=context.get(id(p), "main"))
            for p in doc.paragraphs()]


def run_projects(ex: Extraction, reports: list[ProjectReport], year: int | None, doc_id: str) -> None:
    """Events, indicators, statistics and speakers of each project report."""
    for rep in reports:
        paras, tables = rep.section.paragraphs(), rep.section.tables()
        ex.events += extract_events(paras, rep.project, year, doc_id, ex.document.region)
        ex.indicators += extract_indicators(paras, rep.project, doc_id)
        ex.demographics += extract_demographics(rep.section.blocks, rep.project, doc_id)
        ex.mentions += extract_speakers(paras, doc_id)


def operator_report(doc: Document, parts: Parts, ex: Extraction, year: int | None) -> None:
    contracts = extract_contracts(doc)
    d = ex.document
    d.contracts_count = len(contracts.rows) or None
    d.directions_count = len({c.direction for c in contracts.rows if c.direction}) or None
    ex.contracts, ex.contract_total = contracts.rows, contracts.total
    ex.recipients = extract_recipients(parts.recipients, doc.doc_id, year)
    ex.partners = extract_partners(doc)
    run_projects(ex, project_reports(parts.projects, ex.recipients), year, doc.doc_id)


def ngo_report(doc: Document, parts: Parts, ex: Extraction, year: int | None) -> None:
    """An NGO's own report: its header is the recipient, its body one project report.

    The project's period is its header field's and nothing else: the first and
    last event dates are when events were held, not the period.
    """
    grantee = project_report.grantee(doc, year)
    ex.recipients = [grantee] if grantee else []
    d = ex.document
    d.customer = project_report.customer(doc) or d.customer
    d.signatory = d.signatory or summary.signed_by(doc, labels("project_report", "signatory_positions"))
    if grantee and grantee.period_start and d.reporting_year is None:
        d.reporting_year = grantee.period_start.year
    d.region = d.region or summary.region_of_text(d.customer)
    # the body is what follows the header: a title page's contract date is no event
    body = Section("project", None, "", None, doc.blocks[project_report.header_end(doc):])
    project = grantee.project if grantee else None
    ex.partners = report_partners(doc, project, grantee.name if grantee else None)
    run_projects(ex, [ProjectReport(body, project or "", project or "")], d.reporting_year, doc.doc_id)


def competition_results(doc: Document, parts: Parts, ex: Extraction, year: int | None) -> None:
    """A protocol, a conclusion on the applications, or results: protocol, dates, counts, winners."""
    paras, d = list(doc.paragraphs()), ex.document
    # it has no recipient profiles or project reports, whatever its lines look like: all of it is
    # the main text (the amounts' roles and the audit's passages follow the parts)
    parts.main, parts.recipients, parts.projects = Section("main", None, "", None, doc.blocks), [], []
    winners = competition.extract_winners(doc)
    ex.winners = winners.rows or text_winners(paras, doc.doc_id)
    d.grant_total_kzt = winners.total.grant_kzt if winners.total else None
    ex.winner_total = winners.total
    competition.fill_counts(d, stated_counts("\n".join(p.text for p in paras)))
    competition.fill_dates(doc, d, year)
    d.signatory = d.signatory or summary.signed_by(doc, labels("competition", "chair"))


KINDS = {"operator_report": operator_report, "unknown": operator_report,
         "project_report": ngo_report, "competition_results": competition_results}


def extract(doc: Document) -> Extraction:
    """Every fact of one document."""
    parts = split_parts(doc)
    kind = summary.doc_kind(doc, parts)
    year = summary.reporting_year(doc)
    ex = Extraction(document=base_row(doc, parts, kind, year))
    KINDS[kind](doc, parts, ex, year)
    context = paragraph_context(doc, parts, kind)
    ex.amounts = extract_amounts(doc, context)
    ex.applications = extract_applications(doc)
    ex.passages = passages(doc, parts, context)
    finish_totals(ex)
    return ex


def finish_totals(ex: Extraction) -> None:
    """Totals the tables leave out, from what the text states."""
    d = ex.document
    if d.applications_count is None and ex.applications:
        d.applications_count = sum(a.applications or 0 for a in ex.applications) or None
    if d.doc_kind in ("operator_report", "unknown"):
        d.grant_total_kzt, d.savings_total_kzt, d.disbursed_total_kzt = totals(
            ContractsTable(ex.contracts, ex.contract_total), ex.amounts)
    elif d.grant_total_kzt is None:
        d.grant_total_kzt = stated_total(ex.amounts, "grant_total")
    if d.doc_kind == "competition_results":
        winner_grants(ex)


def winner_grants(ex: Extraction) -> None:
    """A competition's sum under a grant field, or a winner's sum in the paragraph the winner
    was read from, is that winner's grant: role ``grant``, as its table cell would be."""
    won = {(w.locator, w.grant_kzt) for w in ex.winners}
    for a in ex.amounts:
        if a.role == "recipient_amount" or (a.locator.split("/")[0], a.value_kzt) in won:
            a.role = "grant"
