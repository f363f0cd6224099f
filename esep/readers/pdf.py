"""Born-digital PDF reader: pypdfium2 page objects to a `Document`.

    open_pdf            the file as a pypdfium2 document, or a plain `ReaderError`
    page_to_content     text runs and ruling lines of a page        (pdf_page)
    page_layout         the page's tables and the lines outside them (pdf_tables, pdf_text)
    add_borderless_tables  tables drawn without borders, from aligned text (pdf_borderless)
    layout_to_blocks    paragraphs and tables of a page by position
    join_page_paragraphs  a paragraph cut by a page break becomes one paragraph
    join_page_tables    a table cut by a page break becomes one table
    number_blocks       ``para:N`` / ``table:N`` locators and heading levels

A page with no text layer, or a broken one, is read by OCR (esep.readers.pdf_ocr)
into the same `PageContent`, so that the steps above read it like any page; the
Document records which pages were OCRed and why (`Document.ocr_pages`).
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import pypdfium2 as pdfium

from esep.model import Block, Document, Paragraph, Prov, Table
from esep.readers.base import ReaderError
from esep.readers.ocr import OcrSettings
from esep.readers.pdf_borderless import borderless_tables, word_set
from esep.readers.pdf_ocr import ocr_pages, ocr_reasons
from esep.readers.pdf_page import DEFAULT_SETTINGS, PageContent, PdfSettings, Ruling, page_to_content
from esep.readers.pdf_tables import (PdfTable, cluster, continue_table, edges_match, page_tables,
                                     pdf_table_to_model)
from esep.readers.pdf_text import (Line, ParaBox, assign_levels, continues_on_next_page,
                                   drop_furniture, furniture_keys, group_to_paragraph, join_paragraphs,
                                   lines_to_groups, runs_to_lines, usual_pitch)
from esep.readers.scan_image import ScanSettings
from esep.readers.scan_page import attach_marks, unskew_blocks

NO_TEXT_WARNING = "no text layer (scanned PDF?)"
NO_TEXT_OCR = "no text: neither a text layer nor words found by OCR"
HEADER_BYTES = 1024


@dataclass
class PageLayout:
    """A page after table detection: its tables and the text lines outside them."""

    number: int
    height: float
    tables: list[PdfTable]
    lines: list[Line]
    rulings: list[Ruling]


@dataclass(frozen=True)
class PagePara:
    page: int
    box: ParaBox
    right: float  # the page's right text edge, for line-fit tests

    @property
    def top(self) -> float:
        return self.box.bbox[1]


Item = Union[PagePara, PdfTable]


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open the file with PDFium; a non-PDF, corrupt or encrypted file raises `ReaderError`."""
    try:
        with open(path, "rb") as f:
            head = f.read(HEADER_BYTES)
    except OSError as e:
        raise ReaderError(f"cannot open file: {e.strerror or e}") from e
    if b"%PDF-" not in head:
        raise ReaderError("not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise ReaderError("encrypted PDF: a password is needed to open it") from e
        raise ReaderError(f"corrupt or truncated PDF ({_pdfium_reason(e)})") from e
    if len(pdf) == 0:
        pdf.close()
        raise ReaderError("corrupt or truncated PDF (no pages)")
    return pdf


def _pdfium_reason(e: Exception) -> str:
    msg = str(e)
    return msg.split("PDFium: ", 1)[-1].rstrip(").") if "PDFium: " in msg else msg


def read_contents(pdf: pdfium.PdfDocument, s: PdfSettings) -> tuple[list[PageContent], list[str]]:
    """Every page's runs and rulings; a page PDFium cannot load is skipped with a warning."""
    contents, warnings = [], []
    for i in range(len(pdf)):
        try:
            page = pdf[i]
        except pdfium.PdfiumError:
            warnings.append(f"page {i + 1} could not be read")
            continue
        try:
            contents.append(page_to_content(page, i + 1, s))
        finally:
            page.close()
    return contents, warnings


def page_layout(c: PageContent, s: PdfSettings) -> PageLayout:
    tables, free = page_tables(c.rulings, c.runs, c.number, s)
    return PageLayout(c.number, c.height, tables, runs_to_lines(free, s), c.rulings)


def add_borderless_tables(p: PageLayout, pitch: float, s: PdfSettings, words) -> None:
    """Tables drawn without borders, found among the page's lines outside ruled tables."""
    found, p.lines = borderless_tables(p.lines, p.rulings, p.number, pitch, s, words)
    if found:
        p.tables = sorted(p.tables + found, key=lambda t: t.top)


def right_edge(lines: list[Line]) -> float:
    """Where the page's text lines end at most: the right margin for line-fit tests."""
    return max((l.x1 for l in lines), default=0.0)


def split_at_tables(lines: list[Line], tables: list[PdfTable]) -> list[list[Line]]:
    """Lines in runs that no table interrupts, so no paragraph reaches across a table."""
    cuts = sorted(t.top for t in tables)
    chunks: list[list[Line]] = [[]]
    k = 0
    for line in lines:
        while k < len(cuts) and cuts[k] <= line.top:
            chunks.append([])
            k += 1
        chunks[-1].append(line)
    return [c for c in chunks if c]


def layout_to_blocks(p: PageLayout, pitch: float, s: PdfSettings) -> list[Item]:
    """The page's paragraphs and tables, top to bottom."""
    right = right_edge(p.lines)
    paras = [PagePara(p.number, group_to_paragraph(g), right)
             for chunk in split_at_tables(p.lines, p.tables)
             for g in lines_to_groups(chunk, right, pitch, s)]
    items: list[Item] = [*paras, *p.tables]
    return sorted(items, key=lambda b: b.top)


def join_page_paragraphs(pages: list[list[Item]], s: PdfSettings) -> list[list[Item]]:
    """A paragraph cut by a page break becomes one paragraph, on the page it starts on."""
    out: list[list[Item]] = []
    for items in pages:
        items = list(items)
        prev = next((p for p in reversed(out) if p), None)
        if prev and items and isinstance(prev[-1], PagePara) and isinstance(items[0], PagePara):
            a, b = prev[-1], items[0]
            if continues_on_next_page(a.box, b.box, a.right, s):
                prev[-1] = PagePara(a.page, join_paragraphs(a.box, b.box), a.right)
                items = items[1:]
        out.append(items)
    return out


def tables_line_up(a: PdfTable, b: PdfTable, s: PdfSettings) -> bool:
    """``b`` has the column boundaries of ``a``'s last part. Borderless parts are
    compared by their columns' left ends (the right end is where the longest text
    ends), and a column empty on one page is missing there: most must match."""
    if a.borderless != b.borderless:
        return False
    if not a.borderless:
        return edges_match(a.last_edges, b.edges, s.column_tolerance)
    x, y = a.last_edges[:-1], b.edges[:-1]
    if abs(x[0] - y[0]) > s.column_tolerance:
        return False
    hits = sum(any(abs(u - v) <= s.column_tolerance for v in y) for u in x)
    return hits >= max(2, 0.6 * min(len(x), len(y))) and hits >= len(x) - 2 or hits == len(y)


def fit_columns(a: PdfTable, b: PdfTable, s: PdfSettings) -> tuple[PdfTable, PdfTable]:
    """Borderless parts: ``b``'s cells narrowed to the columns of ``a`` they start in,
    and one right end (the farther), so cells of one column line up across the break."""
    if not a.borderless:
        return a, b
    right = max(a.last_edges[-1], b.edges[-1])
    edges = cluster([*a.last_edges[:-1], *b.edges[:-1]], s.column_tolerance) + [right]
    for t in (a, b):
        part = [c for c in t.cells if c.page == t.pages[-1]] if t is a else t.cells
        for c in part:
            j = min(range(len(edges) - 1), key=lambda i: abs(edges[i] - c.bbox[0]))
            c.bbox = (edges[j], c.bbox[1], edges[j + 1], c.bbox[3])
    a.last_edges = list(edges)
    a.edges = cluster([*a.edges[:-1], *edges[:-1]], s.column_tolerance) + [max(a.edges[-1], right)]
    b.edges = list(edges)
    b.last_edges = list(edges)
    return a, b


def join_page_tables(pages: list[list[Item]], s: PdfSettings) -> list[Item]:
    """Flatten pages; a page that opens with a table continuing the table that
    closed the previous page (same column boundaries) extends that table."""
    out: list[Item] = []
    prev_last: Item | None = None
    for items in pages:
        if not items:
            continue  # an empty page does not break a table apart... nor carry it on
        first = items[0]
        if (isinstance(first, PdfTable) and isinstance(prev_last, PdfTable) and out and out[-1] is prev_last
                and tables_line_up(prev_last, first, s)):
            out[-1] = continue_table(*fit_columns(prev_last, first, s), s)
            items = items[1:]
            if not items:
                prev_last = out[-1]
                continue
        out.extend(items)
        prev_last = out[-1]
    return out


def number_blocks(items: list[Item], s: PdfSettings) -> list[Block]:
    """Model blocks with document-wide ``para:N`` and ``table:N`` locators."""
    paras = [b.box for b in items if isinstance(b, PagePara)]
    levels = iter(assign_levels(paras, s))
    blocks: list[Block] = []
    n_para = n_table = 0
    for b in items:
        if isinstance(b, PagePara):
            n_para += 1
            prov = Prov(b.page, f"para:{n_para}", tuple(round(v, 2) for v in b.box.bbox))
            blocks.append(Paragraph(b.box.text, prov, level=next(levels), bold=b.box.bold))
        else:
            n_table += 1
            blocks.append(pdf_table_to_model(b, n_table))
    return blocks


def page_warnings(contents: list[PageContent]) -> list[str]:
    out = [f"page {c.number} has no text layer (scanned page?)"
           for c in contents if not c.runs and c.images]
    out += [f"page {c.number} is rotated; its layout may be read wrongly" for c in contents if c.rotated]
    return out


TOKENS = re.compile(r"(\S+)(\s*)")
SPACE = re.compile(r"\s")
LOWER_START = re.compile(r"[a-zа-яёәғқңөұүһі]")


def cut_word(a: str, b: str, words: set[str]) -> bool:
    """"тұлғалард" + "ы": a word a narrow column broke at the cell's edge.

    Only when the first part is no word the document uses, and either the
    whole is one it uses, or the second part is a stray one or two letters.
    """
    head = re.match(r"[^\W\d_]+", b)  # "ық-түсіндіру": the part up to a hyphen
    if not (a.isalpha() and head and LOWER_START.match(b)) or a.lower() in words \
            or a.lower() in function_words():
        return False
    frag = head.group(0)
    stray = frag == b and len(frag) <= 2 and frag.lower() not in short_words()  # not "г." of "г. Актау"
    return (a + frag).lower() in words or stray


@functools.cache
def short_words() -> frozenset[str]:
    from esep.labels import labels  # labels import normalizers; keep the reader's import light
    return frozenset(labels("short_words"))


@functools.cache
def function_words() -> frozenset[str]:
    from esep.labels import labels
    return frozenset(labels("function_words"))


HYPHENATED = re.compile(r"\w+(?:-\w+)+")
SPACED_HYPHEN = re.compile(r"(\w+)\s+-\s+(\w+)")


def rejoin_text(text: str, words: set[str], hyphenated: set[str] = frozenset()) -> str:
    if not SPACE.search(text):
        return text  # one word (a number, most cells): nothing to join
    parts = TOKENS.findall(text)
    out = ""
    for i, (word, space) in enumerate(parts):
        nxt = parts[i + 1][0] if i + 1 < len(parts) else ""
        joined = space and nxt and cut_word(word.rstrip(), nxt, words)
        out += word + ("" if joined else space)
    # "Интернет - кеңістікте": a hyphen the column set on a line of its own, when the
    # running text writes the word with it ("Интернет-кеңістікте")
    return SPACED_HYPHEN.sub(lambda m: f"{m.group(1)}-{m.group(2)}"
                             if f"{m.group(1)}-{m.group(2)}".lower() in hyphenated else m.group(0), out)


def rejoin_cut_words(blocks: list[Block], words) -> list[Block]:
    """Words broken inside ruled table cells, joined back (the words of the
    document's running text tell a broken word from two words)."""
    tables = [b for b in blocks if isinstance(b, Table)]
    if not tables:
        return blocks
    vocab = words()
    hyphenated = {w.lower() for b in blocks if isinstance(b, Paragraph) for w in HYPHENATED.findall(b.text)}
    for t in tables:
        for cell in {id(c): c for row in t.grid for c in row}.values():
            cell.text = rejoin_text(cell.text, vocab, hyphenated)
    return blocks


def contents_to_blocks(contents: list[PageContent], s: PdfSettings) -> list[Block]:
    layouts = [page_layout(c, s) for c in contents]
    keys = furniture_keys([(p.lines, p.height) for p in layouts], s)
    for p in layouts:
        p.lines = drop_furniture(p.lines, p.height, keys, s)
    pitch = usual_pitch([p.lines for p in layouts])
    words = functools.cache(lambda: word_set([l for p in layouts for l in p.lines]))  # built only if needed
    for p in layouts:
        add_borderless_tables(p, pitch, s, words)
    pages = [layout_to_blocks(p, pitch, s) for p in layouts]
    blocks = number_blocks(join_page_tables(join_page_paragraphs(pages, s), s), s)
    return rejoin_cut_words(blocks, words)


# Font sizes OCR measures from line heights wander by a point or more between lines of
# one paragraph (an ascender, a capital, a descender more or less): only a change this
# big starts a paragraph on a page read by OCR.
OCR_SIZE_CHANGE = 2.5


def ocr_settings(s: PdfSettings) -> PdfSettings:
    return dataclasses.replace(s, size_change=max(s.size_change, OCR_SIZE_CHANGE), ocr_breaks=True)


def read_pdf(path: Path, doc_id: str, settings: PdfSettings = DEFAULT_SETTINGS,
             scan: ScanSettings = ScanSettings(), ocr: OcrSettings = OcrSettings()) -> Document:
    """Read a PDF into a `Document`, its scanned pages by OCR; raise `ReaderError` if it can't be read."""
    path = Path(path)
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf)
        contents, warnings = read_contents(pdf, settings)
        if not contents:
            raise ReaderError("corrupt PDF: no page could be read")
        reasons = ocr_reasons(contents)
        outcome = ocr_pages(pdf, contents, reasons, scan, ocr) if reasons else None
    finally:
        pdf.close()
    doc = Document(doc_id, str(path), "pdf", [], pages=n_pages, warnings=warnings)
    if outcome is not None:
        contents = outcome.contents
        doc.warnings.extend(outcome.warnings)
        doc.ocr, doc.ocr_pages = bool(outcome.records), outcome.records
    if not any(c.runs for c in contents):
        if outcome is not None and outcome.warnings and not outcome.records:
            raise ReaderError(outcome.warnings[0].split(": ", 1)[-1])  # e.g. Tesseract missing
        doc.warnings.append(NO_TEXT_OCR if doc.ocr else NO_TEXT_WARNING)
        return doc
    doc.warnings.extend(page_warnings([c for c in contents if outcome is None or c.number not in outcome.scans]))
    if outcome is not None and outcome.scans:
        settings = ocr_settings(settings)
    doc.blocks = contents_to_blocks(contents, settings)
    if outcome is not None and outcome.scans:
        attach_marks(doc.blocks, outcome.scans)
        unskew_blocks(doc.blocks, outcome.scans)
    return doc
