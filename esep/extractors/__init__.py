"""Extractors: pure functions from a `Document` to the records of each table.

`extract(doc)` runs them all: sections first, then one extractor per fact
kind. Each extractor has a version; a change of its output bumps it, and the
versions are written to the manifest so users can tell batches apart.
"""
from __future__ import annotations

import re
from decimal import Decimal

from esep import __version__
from esep.extractors.amounts import extract_amounts, paragraph_context
from esep.extractors.common import where_para
from esep.extractors.applications import extract_applications
from esep.extractors.contracts import ContractsTable, extract_contracts
from esep.extractors.demographics import extract_demographics
from esep.extractors.events import extract_events
from esep.extractors.indicators import extract_indicators
from esep.extractors.partners import extract_partners
from esep.extractors.projects import project_reports
from esep.extractors.recipients import extract_recipients
from esep.extractors.speakers import extract_speakers
from esep.extractors import summary
from esep.labels import labels
from esep.model import Document
from esep.records import AmountRow, DocumentRow, Extraction, Passage
from esep.sections import Parts, split_parts

VERSIONS = {
    "summary": "summary@1", "contracts": "contracts@1", "applications": "applications@1",
    "recipients": "recipients@1", "partners": "partners@1", "events": "events@1",
    "indicators": "indicators@1", "demographics": "demographics@1", "amounts": "amounts@1",
}


def text_counts(parts: Parts) -> tuple[int | None, int | None]:
    """(applications, applicant NGOs) as the text states them ("4 ҮЕҰ-дан 4 өтінім")."""
    text = parts.main.text()
    spec = labels("document")
    for pattern, order in zip(spec["applications_re"], spec["applications_order"]):
        m = re.search(pattern, text, re.I)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            return (b, a) if order == "ngos_first" else (a, b)
    return None, None


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


def document_row(doc: Document, parts: Parts, contracts: ContractsTable, amounts, apps) -> DocumentRow:
    year = summary.reporting_year(doc)
    customer, region = summary.customer(doc)
    rdate, signer = summary.report_date_and_signatory(doc, year)
    n_apps, n_ngos = text_counts(parts)
    grant, savings, disbursed = totals(contracts, amounts)
    return DocumentRow(
        doc_id=doc.doc_id, source_path=doc.source_path, file_type=doc.file_type,
        doc_kind=summary.doc_kind(doc, parts), language=summary.detect_language(doc),
        reporting_year=year, customer=customer, region=region, report_date=rdate,
        signatory=signer, pages=doc.pages, ocr=doc.ocr,
        status="partial" if doc.warnings else "ok", error="; ".join(doc.warnings) or None,
        grant_total_kzt=grant, savings_total_kzt=savings, disbursed_total_kzt=disbursed,
        contracts_count=len(contracts.rows) if contracts.rows else None,
        applications_count=n_apps if n_apps is not None else (sum(a.applications or 0 for a in apps) or None),
        applicant_ngos_count=n_ngos, title=summary.title(doc), operator=summary.operator(doc),
        announcement_date=summary.announcement_date(parts, year),
        directions_count=len({c.direction for c in contracts.rows if c.direction}) or None,
        esep_version=__version__)


def passages(doc: Document, parts: Parts) -> list[Passage]:
    """Every paragraph with the part it belongs to, for the audit's text rules."""
    part = paragraph_context(doc, parts)
    return [Passage(doc_id=doc.doc_id, **where_para(p).as_kwargs(), part=part.get(id(p), "main"))
            for p in doc.paragraphs()]


def extract(doc: Document) -> Extraction:
    """Every fact of one document."""
    parts = split_parts(doc)
    year = summary.reporting_year(doc)
    contracts = extract_contracts(doc)
    amounts = extract_amounts(doc, parts)
    apps = extract_applications(doc)
    ex = Extraction(document=document_row(doc, parts, contracts, amounts, apps),
                    contracts=contracts.rows, contract_total=contracts.total,
                    passages=passages(doc, parts), applications=apps, amounts=amounts,
                    recipients=extract_recipients(parts.recipients, doc.doc_id, year),
                    partners=extract_partners(doc))
    for rep in project_reports(parts.projects, ex.recipients):
        paras, tables = rep.section.paragraphs(), rep.section.tables()
        ex.events += extract_events(paras, rep.project, year, doc.doc_id)
        ex.indicators += extract_indicators(paras, rep.project, doc.doc_id)
        ex.demographics += extract_demographics(tables, rep.project, doc.doc_id)
        ex.mentions += extract_speakers(paras, doc.doc_id)
    return ex
