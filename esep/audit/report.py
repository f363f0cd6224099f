"""`esep audit OUT`: the findings of an output folder, for a person or a script.

Findings are read back from OUT/findings (and their documents from
OUT/documents), filtered by severity and rule, and grouped by document:
the documents with the worst findings first, inside a document errors, then
warnings, then info, each by page and locator (numbers in a locator sort as
numbers: ``table:10`` after ``table:9``). Findings that tie keep the order
the rules wrote them in. Messages are rendered in English, Kazakh or Russian
from their template and params (`esep.audit.messages`).
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa

from esep.audit.messages import render_finding
from esep.records import DocumentRow, Finding
from esep.schemas.contract import RULES, column_order, from_arrow
from esep.schemas.manifest import MANIFEST, read_manifest

SEVERITY_ORDER: tuple[str, ...] = ("error", "warning", "info")  # worst first
RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITY_ORDER)}
FAIL_ON: tuple[str, ...] = SEVERITY_ORDER + ("never",)
LANGS: tuple[str, ...] = ("en", "kk", "ru")
EVIDENCE_LIMIT = 200  # characters of evidence shown without --full
INDENT = "  "


class AuditError(Exception):
    """OUT cannot be audited: no esep output folder, or a table cannot be read."""


def rule_name(text: str) -> str:
    """An argparse type: one of the contract's rule names."""
    if text not in RULES:
        raise argparse.ArgumentTypeError(f"unknown rule {text!r}; the rules are: {', '.join(RULES)}")
    return text


# --- reading -----------------------------------------------------------------

def _read(out: Path, table: str) -> list[Any]:
    path = out / table
    if not path.is_dir():
        return []
    try:
        import pyarrow.dataset as ds  # on use: it costs 0.25 s of start-up (it imports pandas)
        data = ds.dataset(path, format="parquet", partitioning="hive").to_table()
    except (pa.ArrowException, OSError) as e:
        raise AuditError(f"cannot read {path}: {e}") from None
    return from_arrow(table, data)


def load(out: Path) -> tuple[list[DocumentRow], list[Finding]]:
    """The documents and findings of an output folder."""
    out = Path(out)
    if not (out / MANIFEST).is_file():
        raise AuditError(f"{out} is not an esep output folder (no {MANIFEST})")
    documents = _read(out, "documents")
    known = {d.doc_id for d in documents}
    manifest = read_manifest(out)
    for m in manifest.documents if manifest else []:  # a document the table lacks
        if m.doc_id not in known:
            documents.append(DocumentRow(doc_id=m.doc_id, source_path=m.source_path, file_type="",
                                         status=m.status, error=m.error))
            known.add(m.doc_id)
    return documents, _read(out, "findings")


# --- selecting and ordering --------------------------------------------------

def select(findings: Iterable[Finding], severity: str | None = None,
           rules: Iterable[str] | None = None) -> list[Finding]:
    """The findings of ``severity`` or worse, of the given rules (all when none are given)."""
    worst = RANK[severity] if severity else len(SEVERITY_ORDER)
    wanted = set(rules or ())
    return [f for f in findings
            if RANK.get(f.severity, len(SEVERITY_ORDER)) <= worst and (not wanted or f.rule in wanted)]


def _natural(text: str | None) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text or ""))


def finding_key(f: Finding) -> tuple:
    return (RANK.get(f.severity, len(SEVERITY_ORDER)), f.page is None, f.page or 0, _natural(f.locator))


@dataclass
class DocumentFindings:
    """One document and the findings shown for it, in report order."""

    document: DocumentRow
    findings: list[Finding] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITY_ORDER}

    def key(self) -> tuple:
        c = self.counts()
        worst = min((RANK.get(f.severity, len(SEVERITY_ORDER)) for f in self.findings),
                    default=len(SEVERITY_ORDER) + 1)
        return (worst, *(-c[s] for s in SEVERITY_ORDER), self.document.source_path)


def group(documents: list[DocumentRow], findings: list[Finding]) -> list[DocumentFindings]:
    """Findings by document, worst documents first. Documents without findings
    are kept only when their status is not ok (a failed file is news to an auditor)."""
    by_doc = {d.doc_id: DocumentFindings(d) for d in documents}
    for f in findings:
        if f.doc_id not in by_doc:  # an orphan finding: show it under its doc_id
            by_doc[f.doc_id] = DocumentFindings(DocumentRow(doc_id=f.doc_id, source_path=f.doc_id,
                                                            file_type="", status="?"))
        by_doc[f.doc_id].findings.append(f)
    groups = [g for g in by_doc.values() if g.findings or g.document.status != "ok"]
    for g in groups:
        g.findings.sort(key=finding_key)  # stable: ties keep the rules' order
    return sorted(groups, key=DocumentFindings.key)


def shown(groups: list[DocumentFindings]) -> list[Finding]:
    return [f for g in groups for f in g.findings]


def fails(groups: list[DocumentFindings], fail_on: str) -> bool:
    """True when a shown finding is at ``fail_on`` or worse (never for ``never``)."""
    if fail_on == "never":
        return False
    return any(RANK.get(f.severity, len(SEVERITY_ORDER)) <= RANK[fail_on] for f in shown(groups))


# --- text --------------------------------------------------------------------

def shorten(text: str, limit: int | None = EVIDENCE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when cut (whole when ``limit`` is None)."""
    if limit is None or len(text) <= limit:
        return text
    return text[:limit - 1].rstrip() + "…"


def place(page: int | None, locator: str | None) -> str:
    """``page 8 · table:5/row:3``, or the locator alone for a format without pages."""
    parts = ([f"page {page}"] if page is not None else []) + ([locator] if locator else [])
    return " · ".join(parts) or "(no locator)"


def _block(label: str, text: str, indent: str) -> list[str]:
    """``label: text``, continuation lines of a multi-line text aligned under its start."""
    first, *rest = text.split("\n")
    pad = indent + " " * (len(label) + 2)
    return [f"{indent}{label}: {first}"] + [pad + line for line in rest]


def counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{s} {counts[s]}" for s in SEVERITY_ORDER)


def format_finding(f: Finding, lang: str = "en", full: bool = False) -> list[str]:
    limit = None if full else EVIDENCE_LIMIT
    lines = [f"{f.severity.upper()} {f.rule} · {place(f.page, f.locator)}"]
    message = render_finding(f.message_key, f.params, f.message, lang)
    lines += [INDENT + line for line in message.split("\n")]
    stated = [f"{label} {value}" for label, value in (("expected", f.expected), ("actual", f.actual))
              if value not in (None, "")]
    if stated:
        lines.append(INDENT + ", ".join(stated))
    if f.evidence:
        lines += _block("evidence", shorten(f.evidence, limit), INDENT)
    if f.other_page is not None or f.other_locator or f.other_evidence:
        lines.append(f"{INDENT}other: {place(f.other_page, f.other_locator)}")
        if f.other_evidence:
            lines += _block("other evidence", shorten(f.other_evidence, limit), INDENT)
    return lines


def format_text(groups: list[DocumentFindings], lang: str = "en", full: bool = False,
                total_documents: int | None = None) -> list[str]:
    """The report as lines: per document a header, then its findings; a summary last."""
    lines: list[str] = []
    for g in groups:
        d = g.document
        status = d.status if not d.error else f"{d.status} ({d.error})"
        lines += [f"== {d.source_path} ==",
                  f"{d.doc_kind} · status {status} · findings: {counts_text(g.counts())}", ""]
        for f in g.findings:
            lines += format_finding(f, lang, full) + [""]
    all_shown = shown(groups)
    total = {s: sum(1 for f in all_shown if f.severity == s) for s in SEVERITY_ORDER}
    with_findings = sum(1 for g in groups if g.findings)
    of = f" of {total_documents}" if total_documents is not None else ""
    lines.append(f"{len(all_shown)} findings ({counts_text(total)}) in {with_findings}{of} documents")
    return lines


# --- JSON --------------------------------------------------------------------

FINDING_FIELDS: list[str] = column_order(Finding)


def as_dict(f: Finding, source_path: str, lang: str = "en") -> dict[str, Any]:
    """Every field of a finding and its document's source_path; `message` in ``lang``,
    `params` as a JSON object (it is stored as JSON text)."""
    row: dict[str, Any] = {"source_path": source_path}
    for name in FINDING_FIELDS:
        row[name] = getattr(f, name)
    row["message"] = render_finding(f.message_key, f.params, f.message, lang)
    if f.params:
        row["params"] = json.loads(f.params)
    return row


def format_json(groups: list[DocumentFindings], lang: str = "en") -> str:
    rows = [as_dict(f, g.document.source_path, lang) for g in groups for f in g.findings]
    return json.dumps(rows, ensure_ascii=False, indent=2)
