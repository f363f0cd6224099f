"""What the review page shows, read from an output folder and made JSON-ready.

Per document: its summary, its fact tables (compact: provenance and id columns
left out, columns empty in that document dropped; each row keeps its page,
locator and verbatim evidence, the evidence strings stored once per document)
and its findings in report order (`esep.audit.report`), messages in the chosen
language. The crops of PDF pages are added by `esep.review.build`.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from esep.audit.messages import render_finding
from esep.audit.report import SEVERITY_ORDER, DocumentFindings, finding_key
from esep.pipeline.writer import MANIFEST, load_dataset
from esep.records import Extraction, Fact, Finding
from esep.schemas.contract import FACT_TABLES, column_order

TABLES: tuple[str, ...] = tuple(t for t in FACT_TABLES if t != "findings")
PROVENANCE = frozenset(f.name for f in dataclasses.fields(Fact))
# ids and normal forms are for joins, not for reading; the raw forms repeat the evidence
HIDDEN = PROVENANCE | {"name_norm", "recipient_org_id", "org_id", "partner_org_id",
                       "leader_person_id", "contract_raw", "phone_raw", "period_raw", "date_raw"}
SUMMARY = ("doc_kind", "language", "region", "reporting_year", "grant_total_kzt", "status",
           "error", "source_path", "pages", "file_type", "title", "customer", "operator",
           "report_date", "ocr", "ocr_confidence", "same_as_doc_id")
CELL = re.compile(r"^table:(\d+)/row:(\d+)/col:(\d+)$")
ROW = re.compile(r"^table:(\d+)/row:(\d+)$")
PARA = re.compile(r"^para:(\d+)(?:\.\.para:(\d+))?$")


class ReviewError(Exception):
    """OUT cannot be reviewed: not an esep output folder."""


@dataclass
class DocReview:
    """One document as the page shows it; ``findings`` hold the JSON of each finding."""

    ex: Extraction
    findings: list[Finding]
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.ex.document.doc_id


# --- values ------------------------------------------------------------------

def money_text(value: Decimal) -> str:
    """``5 000 000.00``: thousands split by spaces, as the reports print them."""
    return f"{value:,.2f}".replace(",", " ")


def show(value: Any) -> Any:
    """A cell's value for JSON: numbers stay numbers, money and dates become text."""
    if value is None or value == [] or value == "":
        return None
    if isinstance(value, Decimal):
        return money_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else None
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 4)
    return value


def is_figure(name: str) -> bool:
    """A column of figures (right-aligned, each linked to its evidence)."""
    return (name.endswith(("_kzt", "_count", "count", "applications", "value", "confidence"))
            or name in ("row", "pages", "reporting_year"))


# --- tables ------------------------------------------------------------------

def columns(rows: list[Any]) -> list[str]:
    """The columns worth showing: not provenance nor ids, set in at least one row."""
    names = [n for n in column_order(type(rows[0])) if n not in HIDDEN]
    return [n for n in names if any(show(getattr(r, n)) is not None for r in rows)]


class Strings:
    """Evidence strings stored once per document (a table row's many facts share one)."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def ref(self, text: str | None) -> int | None:
        if not text:
            return None
        if text not in self._index:
            self._index[text] = len(self.items)
            self.items.append(text)
        return self._index[text]


def table_json(name: str, rows: list[Any], strings: Strings, flagged: dict[str, list[int]]) -> dict:
    """A table as columns, cells and per row [page, locator, evidence ref, ocr flag, findings]."""
    cols = columns(rows)
    return {
        "name": name, "columns": cols, "figures": [i for i, c in enumerate(cols) if is_figure(c)],
        "rows": [[show(getattr(r, c)) for c in cols] for r in rows],
        "prov": [[r.page, r.locator, strings.ref(r.evidence), r.ocr_flag,
                  flagged.get(r.locator or "", [])] for r in rows],
    }


def flagged_locators(findings: list[Finding]) -> dict[str, list[int]]:
    """Locator -> indexes of the findings about it (a cell's finding also flags its row)."""
    out: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        loc = f.locator or ""
        keys = {loc, loc.rsplit("/col:", 1)[0]} if loc else set()
        for k in keys:
            out.setdefault(k, []).append(i)
    return out


# --- summary and findings ----------------------------------------------------

def summary_json(ex: Extraction) -> dict[str, Any]:
    d = ex.document
    return {k: show(getattr(d, k)) for k in SUMMARY if show(getattr(d, k)) is not None}


def spans(text: str | None, values: list[str | None]) -> list[list[int]]:
    """[start, end] of each occurrence of ``values`` (or their comma/point spelling) in ``text``."""
    from esep.review.crops import variants
    if not text:
        return []
    found: set[tuple[int, int]] = set()
    for v in (v for raw in values if raw for v in variants(raw)):
        for m in re.finditer(r"(?<![\d.,])" + re.escape(v) + r"(?![\d])", text):
            found.add((m.start(), m.end()))
    return [list(s) for s in sorted(found)]


def where_text(locator: str | None) -> dict[str, Any] | None:
    """A locator read for people: which table, row, column or paragraphs it names."""
    loc = locator or ""
    if m := CELL.match(loc):
        return {"table": int(m[1]), "row": int(m[2]), "col": int(m[3])}
    if m := ROW.match(loc):
        return {"table": int(m[1]), "row": int(m[2])}
    if m := PARA.match(loc):
        return {"para": int(m[1]), "to": int(m[2]) if m[2] else None}
    return None


def finding_json(f: Finding, lang: str) -> dict[str, Any]:
    """A finding's fields for the page; its message in ``lang``."""
    row = {k: getattr(f, k) for k in ("rule", "severity", "page", "locator", "evidence", "expected",
                                      "actual", "other_page", "other_locator", "other_evidence",
                                      "ocr_flag") if getattr(f, k) not in (None, "")}
    row["message"] = render_finding(f.message_key, f.params, f.message, lang)
    row["marks"] = spans(f.evidence, [f.actual])
    row["where"] = where_text(f.locator)
    if f.other_evidence:
        row["other_marks"] = spans(f.other_evidence, [f.expected])
        row["other_where"] = where_text(f.other_locator)
    return row


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_ORDER}


def document_payload(ex: Extraction, findings: list[Finding], lang: str) -> dict[str, Any]:
    """The JSON a document's section is rendered from when it is opened."""
    strings = Strings()
    flagged = flagged_locators(findings)
    tables = [table_json(t, getattr(ex, t), strings, flagged) for t in TABLES if getattr(ex, t)]
    return {"summary": summary_json(ex), "tables": tables,
            "findings": [finding_json(f, lang) for f in findings], "strings": strings.items}


# --- the folder --------------------------------------------------------------

def order(reviews: list[DocReview]) -> list[DocReview]:
    """Documents with the worst findings first (as `esep audit` lists them), then by path."""
    def key(r: DocReview) -> tuple:
        return DocumentFindings(r.ex.document, r.findings).key()
    return sorted(reviews, key=key)


def load_reviews(out: Path, lang: str = "en") -> list[DocReview]:
    """Every document of OUT with its findings in report order and its page payload."""
    out = Path(out)
    if not (out / MANIFEST).is_file():
        raise ReviewError(f"{out} is not an esep output folder (no {MANIFEST})")
    reviews = []
    for ex in load_dataset(out).extractions:
        findings = sorted(ex.findings, key=finding_key)
        reviews.append(DocReview(ex, findings, document_payload(ex, findings, lang)))
    return order(reviews)
