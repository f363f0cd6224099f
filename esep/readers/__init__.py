"""Readers: one module per format, each turning a file into a `Document`."""
from __future__ import annotations

from pathlib import Path

from esep.model import Document
from esep.readers.base import ReaderError, sha256_file
from esep.readers.legacy import fix_legacy_kazakh
from esep.readers.sniff import READERS, detect_type

SUFFIXES = {
    ".txt": "text", ".md": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "office", ".rtf": "office", ".odt": "office",
}


def file_type(path: Path) -> str | None:
    """The reader a file's suffix names, None for a suffix esep does not read: what a
    folder's files are picked by (reading then goes by content, see `detect_type`)."""
    return SUFFIXES.get(path.suffix.lower())


def read(path: Path, doc_id: str | None = None) -> Document:
    """Read any supported file into a `Document`; raise `ReaderError` if it can't be read.

    Text typed in a legacy Kazakh font comes out mapped to Unicode (esep.readers.legacy)."""
    return fix_legacy_kazakh(read_printed(path, doc_id))


def read_printed(path: Path, doc_id: str | None = None) -> Document:
    """`read`, with the text as the file stores it (no legacy font mapping)."""
    path = Path(path)
    if not path.is_file():
        raise ReaderError("file not found")
    if path.stat().st_size == 0:  # whatever its name: an empty .txt is no report either
        raise ReaderError("file is empty")
    detected = detect_type(path)  # by content: a DOCX named .pdf is read as DOCX
    doc = _read_as(READERS[detected], path, doc_id or sha256_file(path))
    doc.file_type = detected  # the real type, not the suffix
    return doc


def _read_as(kind: str, path: Path, doc_id: str) -> Document:
    if kind == "text":
        from esep.readers.text import read_text
        return read_text(path, doc_id)
    if kind == "docx":
        from esep.readers.docx import read_docx
        return read_docx(path, doc_id)
    if kind == "pdf":
        from esep.readers.pdf import read_pdf
        return read_pdf(path, doc_id)
    from esep.readers.office import read_office
    return read_office(path, doc_id)


__all__ = ["read", "read_printed", "file_type", "detect_type", "ReaderError", "sha256_file"]
