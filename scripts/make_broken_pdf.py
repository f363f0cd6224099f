"""Make PDFs whose text layer is broken the ways archived grant reports' are.

    python scripts/make_broken_pdf.py              # writes tests/fixtures/pdf/broken_*.pdf
    python scripts/make_broken_pdf.py --out DIR

Each file is the first pages of a born-digital seed PDF (LibreOffice, subset
TrueType fonts with a /ToUnicode CMap) with its fonts' text mapping damaged,
so the print is the seed's while the text layer is not:

- broken_nounicode_kk.pdf  every /ToUnicode removed: PDFium falls back to the
                           raw one-byte codes of the subset (control chars,
                           ASCII punctuation and stray Latin letters)
- broken_mojibake_ru.pdf   ToUnicode gives the cp1251 byte of each character
                           shown as Latin-1 ("Ãðàíò" for "Грант")
- broken_mojibake_kk.pdf   the same with KZ-1048, the Kazakh cp1251 ("æîáàíû¾")
- broken_nokk_kk.pdf       Kazakh letters mapped to their Russian look-alikes
                           (қ→к, ә→а, і→и ...): what no legacy table can undo
- broken_page2_ru.pdf      page 2 alone maps its glyphs into the private-use
                           area (U+F000 + code, as symbolic fonts do); pages
                           1 and 3 are the seed's
- broken_stamp_kk.pdf      a scan (image-only page) carrying one small text
                           line, "Scanned with CamScanner", as phone scanners add

Needs pikepdf (this script only; the tests read the committed PDFs). The output
is deterministic: same input and pikepdf give the same bytes.
"""
from __future__ import annotations

import argparse
import io
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pikepdf
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_scan import add_noise, jpeg, render_page  # noqa: E402

PAGES = 3  # enough for a table, running text and a page between two good ones
KK_LOOK_ALIKE = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
BFCHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)

# what a damaged font reads a glyph as: (its one-byte code, its true text) -> text
Remap = Callable[[int, str], str]


def mojibake(codec: str) -> Remap:
    """The character's byte in ``codec`` read as Latin-1, as a font with the wrong encoding gives."""
    return lambda code, text: text.encode(codec, errors="replace").decode("latin-1")


def look_alike(code: int, text: str) -> str:
    return text.translate(KK_LOOK_ALIKE)


def private_use(code: int, text: str) -> str:
    """U+F000 + code: how PDFium reads a symbolic font's glyph it has no Unicode for."""
    return chr(0xF000 + code)


def utf16_hex(text: str) -> bytes:
    return text.encode("utf-16-be").hex().upper().encode()


def remap_cmap(data: bytes, remap: Remap) -> bytes:
    """The ToUnicode CMap with every ``bfchar`` target rewritten (LibreOffice writes no bfrange)."""
    def pair(m: re.Match) -> bytes:
        text = bytes.fromhex(m.group(2).decode()).decode("utf-16-be")
        return b"<" + m.group(1) + b"> <" + utf16_hex(remap(int(m.group(1), 16), text)) + b">"

    return BFCHAR_BLOCK.sub(lambda b: b"beginbfchar" + BFCHAR.sub(pair, b.group(1)) + b"endbfchar", data)


def keep_pages(pdf: pikepdf.Pdf, n: int) -> None:
    while len(pdf.pages) > n:
        del pdf.pages[-1]


def fonts_of(page: pikepdf.Page) -> pikepdf.Dictionary:
    return page.obj.Resources.Font


def break_fonts(pdf: pikepdf.Pdf, remap: Remap | None) -> None:
    """Every font's ToUnicode remapped, or removed when ``remap`` is None."""
    for font in {f.objgen: f for p in pdf.pages for f in fonts_of(p).values()}.values():
        if remap is None:
            del font["/ToUnicode"]
        else:
            font.ToUnicode = pdf.make_stream(remap_cmap(font.ToUnicode.read_bytes(), remap))


def break_one_page(pdf: pikepdf.Pdf, index: int, remap: Remap) -> None:
    """Only this page's fonts damaged: it gets its own resources and font copies
    (LibreOffice shares one resource dictionary among all pages)."""
    page = pdf.pages[index].obj
    res = pikepdf.Dictionary({k: v for k, v in page.Resources.items()})
    fonts = pikepdf.Dictionary()
    for name, font in page.Resources.Font.items():
        copy = pikepdf.Dictionary({k: v for k, v in font.items()})
        copy.ToUnicode = pdf.make_stream(remap_cmap(font.ToUnicode.read_bytes(), remap))
        fonts[name] = pdf.make_indirect(copy)
    res.Font = fonts
    page.Resources = pdf.make_indirect(res)


def save(pdf: pikepdf.Pdf, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(out, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)


def broken_copy(src: Path, out: Path, remap: Remap | None, page: int | None = None) -> None:
    with pikepdf.open(src) as pdf:
        keep_pages(pdf, PAGES)
        if page is None:
            break_fonts(pdf, remap)
        else:
            break_one_page(pdf, page, remap)
        save(pdf, out)


STAMP = b"BT /FStamp 8 Tf 1 0 0 1 460 14 Tm (Scanned with CamScanner) Tj ET"


def scan_page_pdf(src: Path, dpi: int, quality: int) -> bytes:
    """Page 1 of ``src`` as a grey JPEG scan (make_scan's noise, no skew), one image per page."""
    import numpy as np

    doc = pdfium.PdfDocument(str(src))
    img = jpeg(add_noise(render_page(doc[0], dpi), 4.0, np.random.default_rng(1)), quality)
    doc.close()
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=dpi)
    return buf.getvalue()


def stamped_scan(src: Path, out: Path, dpi: int = 100, quality: int = 40) -> None:
    """A scan with a one-line text layer at the foot, in a standard font."""
    with pikepdf.open(io.BytesIO(scan_page_pdf(src, dpi, quality))) as pdf:
        page = pdf.pages[0]
        font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                    BaseFont=pikepdf.Name.Helvetica,
                                                    Encoding=pikepdf.Name.WinAnsiEncoding))
        res = page.obj.Resources
        res.Font = pikepdf.Dictionary(FStamp=font)
        page.contents_add(pdf.make_stream(STAMP), prepend=False)
        pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary())  # no creation date: stable bytes
        save(pdf, out)


@dataclass(frozen=True)
class Job:
    """One fixture: its source, how its fonts are damaged, and what the judge must say."""

    name: str
    source: str
    remap: Remap | None
    page: int | None  # 0-based: only this page damaged; None: all
    expect: str  # a part of the reason every damaged page must get


JOBS = [
    Job("broken_nounicode_kk.pdf", "seed_kk.pdf", None, None, "of characters are not letters or digits"),
    Job("broken_mojibake_ru.pdf", "seed_ru.pdf", mojibake("cp1251"), None, "of letters are not Cyrillic or Latin"),
    Job("broken_mojibake_kk.pdf", "seed_kk.pdf", mojibake("kz1048"), None, "of letters are not Cyrillic or Latin"),
    Job("broken_nokk_kk.pdf", "seed_kk.pdf", look_alike, None, "Kazakh text without Kazakh letters"),
    Job("broken_page2_ru.pdf", "seed_ru.pdf", private_use, 1, "unknown glyphs"),
]
STAMPED = "broken_stamp_kk.pdf"
MANIFEST = "broken_pdf.json"


def manifest() -> dict:
    """What each fixture is, for the tests: its source, pages, damaged pages (1-based), expected reason."""
    files = {j.name: {"source": j.source, "pages": PAGES,
                      "broken_pages": list(range(1, PAGES + 1)) if j.page is None else [j.page + 1],
                      "expect": j.expect} for j in JOBS}
    files[STAMPED] = {"source": "seed_kk.pdf", "pages": 1, "broken_pages": [1],
                      "expect": "text layer covers little of the page"}
    return {"_about": "written by scripts/make_broken_pdf.py; read by tests/test_textlayer.py", "files": files}


def make_all(out: Path) -> list[Path]:
    for j in JOBS:
        broken_copy(FIXTURES / j.source, out / j.name, j.remap, j.page)
    stamped_scan(FIXTURES / "seed_kk.pdf", out / STAMPED)
    (out / MANIFEST).write_text(json.dumps(manifest(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [out / j.name for j in JOBS] + [out / STAMPED, out / MANIFEST]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=FIXTURES / "pdf")
    a = ap.parse_args(argv)
    for path in make_all(a.out):
        print(f"{path}: {path.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
