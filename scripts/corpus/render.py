"""DOCX through scripts/_render_docx.py (plus Word's "repeat header row"), and
PDF for a whole batch in one LibreOffice call."""
from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from _render_docx import Layout, _normalise_zip, build_docx
from _render_pdf import normalise_pdf

from corpus.builder import Doc

LO_PROFILE = "/tmp/lo_corpus"


def pick_layout(rng: random.Random) -> tuple[Layout, dict]:
    font = rng.choice(["Liberation Serif", "Liberation Serif", "Liberation Sans", "DejaVu Sans", "DejaVu Serif"])
    size = rng.choice([10.0, 11.0, 12.0, 12.0, 13.0, 14.0])
    landscape = rng.random() < 0.12
    margins = rng.choice([(20, 15, 20, 30), (20, 10, 20, 30), (15, 15, 15, 15), (25, 20, 25, 25)])
    layout = Layout(font, size if font.startswith("Liberation") else min(size, 12.0), landscape, margins)
    return layout, {"font": layout.font, "size": layout.size, "landscape": landscape, "margins_mm": list(margins)}


def _repeat_header(table) -> None:
    trpr = table.rows[0]._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    trpr.append(el)


def write_docx(doc: Doc, layout: Layout, path: Path) -> None:
    built = build_docx(doc.blocks, layout, centred_intro=True)
    data = built.data
    if doc.repeat_header:
        d = docx.Document(io.BytesIO(data))
        for k in doc.repeat_header:
            _repeat_header(d.tables[k])
        buf = io.BytesIO()
        d.save(buf)
        data = _normalise_zip(buf.getvalue())
    path.write_bytes(data)


def convert_batch(docx_paths: list[Path], outdir: Path, timeout: int = 1200) -> list[Path]:
    """All .docx to PDF in one headless LibreOffice call; PDFs' dates and IDs pinned."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) not found; use --no-pdf")
    Path(LO_PROFILE).mkdir(parents=True, exist_ok=True)
    cmd = [soffice, f"-env:UserInstallation=file://{LO_PROFILE}", "--headless", "--convert-to", "pdf",
           "--outdir", str(outdir), *map(str, docx_paths)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout, env={**os.environ, "HOME": LO_PROFILE})
    pdfs = [outdir / (p.stem + ".pdf") for p in docx_paths]
    missing = [p.name for p in pdfs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    for p in pdfs:
        p.write_bytes(normalise_pdf(p.read_bytes()))
    return pdfs
