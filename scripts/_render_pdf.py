"""LibreOffice conversion and PDF inspection for the seed renderings."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from rapidfuzz import fuzz

from _render_parse import Table

_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"</?b>")


@dataclass(frozen=True)
class RowPos:
    """Where one table row landed: 1-based page and its top/bottom in pt."""
    page: int
    top: float
    bottom: float


def convert_to_pdf(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert .docx files to PDF with one headless LibreOffice call.

    A private profile dir keeps parallel runs from fighting over the user's.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) not found; use --no-pdf")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo_profile_esep_") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_paths)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300,
                       env={**os.environ, "HOME": profile})
    pdfs = [outdir / (p.stem + ".pdf") for p in docx_paths]
    missing = [p for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return pdfs


_DATE = re.compile(rb"(/(?:CreationDate|ModDate)\()([^)]*)\)")
_ID = re.compile(rb"/ID \[[^\]]*\]")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_CHECKSUM = re.compile(rb"(/DocChecksum /)([0-9A-Fa-f]+)")


def normalise_pdf(data: bytes) -> bytes:
    """Pin the PDF's dates and /ID so a rerun gives the same bytes.

    Same-length substitutions only, so the xref offsets stay valid; the new
    /ID and LibreOffice's /DocChecksum are a hash of the rest of the file.
    """
    stable = _CHECKSUM.sub(b"", _ID.sub(b"", _DATE.sub(b"", data)))
    digest = hashlib.md5(stable).hexdigest().upper().encode()

    def fix_date(m: re.Match) -> bytes:
        body = m.group(2)
        return m.group(1) + b"D:20231215000000Z'".ljust(len(body), b"0")[: len(body)] + b")"

    def fix_id(m: re.Match) -> bytes:
        n = len(m.group(1))
        return b"<" + (digest * 4)[:n] + b">"

    data = _DATE.sub(fix_date, data)
    data = _CHECKSUM.sub(lambda m: m.group(1) + (digest * 4)[: len(m.group(2))], data)
    return _ID.sub(lambda m: _HEX.sub(fix_id, m.group(0)), data)


def _key(text: str) -> str:
    return _SPACE.sub("", _TAG.sub("", text))


def table_row_keys(table: Table) -> list[str]:
    """Per docx row, the text of the cells that start there, spaces removed."""
    covered = {(r, c) for m in table.merges
               for r in range(m.r0, m.r1 + 1) for c in range(m.c0, m.c1 + 1)
               if (r, c) != (m.r0, m.c0)}
    return ["".join(_key(table.cell_text(r, c)) for c in range(table.ncols)
                    if (r, c) not in covered) for r in range(len(table.rows))]


def pdf_rows(pdf_path: Path) -> list[tuple[RowPos, str]]:
    """Every ruled table row pdfplumber finds, in reading order, with its text key."""
    rows: list[tuple[RowPos, str]] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            for found in tables:
                texts = found.extract()
                for row, cells in zip(found.rows, texts):
                    key = "".join(_key(c) for c in cells if c)
                    rows.append((RowPos(number, row.bbox[1], row.bbox[3]), key))
    return rows


def locate_tables(pdf_path: Path, tables: list[Table]) -> list[list[RowPos | None]]:
    """Match each docx table row, in order, to the PDF row with the same text."""
    found = pdf_rows(pdf_path)
    cursor = 0
    result: list[list[RowPos | None]] = []
    for table in tables:
        positions: list[RowPos | None] = []
        for key in table_row_keys(table):
            hit = None
            for j in range(cursor, min(len(found), cursor + 40)):
                if found[j][1] == key or (key and fuzz.ratio(found[j][1], key) >= 90):
                    hit = j
                    break
            if hit is None:
                positions.append(None)
            else:
                positions.append(found[hit][0])
                cursor = hit + 1
        result.append(positions)
    return result


def pdf_text(pdf_path: Path) -> str:
    """Plain text of all pages (pdfium: much faster than pdfplumber for this)."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
