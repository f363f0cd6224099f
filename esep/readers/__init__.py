"""Readers: one module per format, each turning a file into a `Document`."""
from __future__ import annotations

from pathlib import Path

from esep.model import Document
from esep.readers.base import ReaderError, sha256_file
from esep.readers.legacy import fix_legacy_kazakh

SUFFIXES = {
    ".txt": "text", ".md": "text",
    ".docx": "docx",
    ".pdf": "pdf",
    ".doc": "office", ".rtf": "office", ".odt": "office",
}


def file_type(path: Path) -> str | None:
    """The reader a file goes to, by its suffix; None when esep does not read it."""
    return SUFFIXES.get(path.suffix.lower())


def read(path: Path, doc_id: str | None = None) -> Document:
    """Read any supported file into a `Document`; raise `ReaderError` if it can't be read.

    Text typed in a legacy Kazakh font comes out mapped to Unicode (esep.readers.legacy)."""
    return fix_legacy_kazakh(read_printed(path, doc_id))


def read_printed(path: Path, doc_id: str | None = None) -> Document:
    """`read`, with the text as the file stores it (no legacy font mapping)."""
    path = Path(path)
    kind = file_type(path)
    if kind is None:
        raise ReaderError(f"unsupported file type {path.suffix or '(none)'}")
    if not path.is_file():
        raise ReaderError("file not found")
    doc_id = doc_id or sha256_file(path)
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


__all__ = ["read", "read_printed", "file_type", "ReaderError", "sha256_file"]
