"""One document through the stages: read → extract → audit → contract check.

`process_file` never raises for a bad document: whatever goes wrong becomes
the document row's status and a plain-words `error`, so a batch always has a
row for every file it was given.
"""
from __future__ import annotations

from pathlib import Path

from esep import __version__
from esep.model import Document
from esep.readers import ReaderError, read, sha256_file
from esep.readers.legacy import restore_printed_evidence
from esep.readers.sniff import real_type
from esep.records import DocumentRow, Extraction, Finding
from esep.schemas.validate import check_extraction


def extract_records(doc: Document) -> Extraction:
    """The extract stage. Imported on use, not at the top: a stage that fails
    to import fails each document with the reason, and the CLI still starts."""
    from esep.extractors import extract
    return extract(doc)


def audit_records(ex: Extraction) -> list[Finding]:
    """The audit stage (imported on use, like `extract_records`)."""
    from esep.audit import audit
    return audit(ex)


def failed(path: Path | str, doc_id: str, reason: str, doc: Document | None = None) -> Extraction:
    """The extraction of a document that could not be processed: its row only."""
    path = Path(path)
    row = DocumentRow(doc_id=doc_id, source_path=str(path),
                      file_type=doc.file_type if doc else real_type(path),
                      pages=doc.pages if doc else None, ocr=doc.ocr if doc else False,
                      status="failed", error=reason)
    return _stamp(Extraction(document=row), path)


def _stamp(ex: Extraction, path: Path) -> Extraction:
    # Fields the pipeline owns, whatever the extractor filled in.
    ex.document.source_path = str(path)
    ex.document.esep_version = __version__
    if ex.document.size_bytes is None and path.is_file():
        ex.document.size_bytes = path.stat().st_size
    return ex


def plain_reason(e: BaseException) -> str:
    # A ReaderError's message is written for users; anything else is a bug
    # somewhere, so name the exception type too.
    if isinstance(e, ReaderError):
        return str(e)
    if isinstance(e, MemoryError):
        return "out of memory"
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


def _add_error(row: DocumentRow, status: str, reason: str) -> None:
    row.status = "failed" if "failed" in (row.status, status) else status
    row.error = f"{row.error}; {reason}" if row.error else reason


def process_file(path: Path | str, doc_id: str | None = None) -> Extraction:
    """Every record of one file; a failure is a `failed` or `partial` row, never an exception."""
    path = Path(path)
    doc_id = doc_id or sha256_file(path)
    try:
        doc = read(path, doc_id)
    except Exception as e:  # noqa: BLE001 - any reader failure is the document's, not the batch's
        reason = plain_reason(e) if isinstance(e, ReaderError) else f"cannot read: {plain_reason(e)}"
        return failed(path, doc_id, reason)
    try:
        ex = extract_records(doc)
    except Exception as e:  # noqa: BLE001
        return failed(path, doc_id, f"extraction failed: {plain_reason(e)}", doc)
    _audit(ex)
    restore_printed_evidence(ex, doc)  # after the audit, whose text rules read the mapped text
    problems = check_extraction(ex)
    if problems:
        _add_error(ex.document, "partial", "contract: " + "; ".join(map(str, problems)))
    return _stamp(ex, path)


def _audit(ex: Extraction) -> None:
    # The facts stand without their findings: an audit bug makes the document partial.
    try:
        ex.findings.extend(audit_records(ex))
    except Exception as e:  # noqa: BLE001
        _add_error(ex.document, "partial", f"audit failed: {plain_reason(e)}")
