"""A scanned page read by OCR into the PDF reader's `PageContent`.

    page_image        render the page at the OCR resolution (main thread: PDFium is not thread-safe)
    clean_image       deskew by the measured angle, binarise, find and erase the ruling lines
    words_to_runs     OCR words -> `Run`s in PDF points: size from the line's height,
                      bold from stroke width, digits repaired in numeric context
    scan_to_content   all of it: the `PageContent` the born-digital reader would have made,
                      and a `ScanPage` with what the document record and provenance need
    attach_marks      low-confidence and repaired digit words onto their blocks and cells
    unskew_blocks     boxes found on the deskewed page mapped back onto the page as scanned

A scan then goes through the same table, paragraph and page-join code as a
born-digital page (esep.readers.pdf), so its tables come back as `Table`s.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from esep.model import Block, OcrMark, Paragraph, Prov
from esep.normalize.ocr_digits import LOW_CONFIDENCE, holds_value, repair_line
from esep.readers import scan_cells, scan_image, scan_rulings
from esep.readers.ocr import OcrSettings, OcrWord, engine as ocr_ready, ocr_image
from esep.readers.pdf_page import PageContent, Run, Ruling
from esep.readers.scan_image import ScanSettings

BOLD_STROKE = 1.3  # a word whose strokes are this much thicker than the page's usual is bold


@dataclass
class ScanPage:
    """What OCR of one page leaves for the document: angle, confidence, marked words."""

    number: int
    width: float  # points
    height: float
    angle: float  # degrees the image was rotated by to deskew it
    confidence: float  # mean word confidence, 0..1
    words: int
    marks: list[tuple[OcrMark, tuple[float, float, float, float]]] = field(default_factory=list)


def page_image(page, s: ScanSettings) -> Image.Image:
    return scan_image.render_page(page, s.dpi)


def clean_image(img: Image.Image, s: ScanSettings) -> tuple[Image.Image, np.ndarray, list[Ruling], float]:
    """The deskewed image with its rulings erased, its ink mask, the rulings and the angle."""
    angle = scan_image.measure_skew(img, s)
    if abs(angle) >= 0.05:
        img = scan_image.deskew(img, angle)
    ink = scan_image.binarize(img, s)
    rulings = scan_rulings.find_rulings(ink, s.dpi, s) if ink.any() else []
    if rulings:
        img = erase_line_ink(img, ink, rulings, s)
    return img, ink, rulings, angle


def line_ink(ink: np.ndarray, r: Ruling, s: ScanSettings) -> tuple[np.ndarray, int]:
    """The ruling's own pixel rows (or columns): those of its band that ink covers along
    most of its length. Text that touches the line covers a row only here and there."""
    k = s.dpi / 72
    half = int(round(s.ruling_max_width * k / 2)) + 1
    p, a, b = int(round(r.pos * k)), max(0, int(r.start * k)), int(r.end * k) + 1
    lo = max(0, p - half)
    band = ink[lo:p + half + 1, a:b] if r.orient == "h" else ink[a:b, lo:p + half + 1].T
    full = band.mean(axis=1) >= 0.5 if band.size else np.zeros(0, bool)
    return np.flatnonzero(full), lo


def erase_line_ink(img: Image.Image, ink: np.ndarray, rulings: list[Ruling], s: ScanSettings) -> Image.Image:
    """The page with the ruling lines' own pixels painted white (one pixel more each side,
    their blurred edge), so that Tesseract reads no '|' in the cells and no glyph is cut."""
    out = np.asarray(img).copy()
    k = s.dpi / 72
    for r in rulings:
        rows, lo = line_ink(ink, r, s)
        if not len(rows):
            continue
        first, last = lo + rows[0] - 1, lo + rows[-1] + 2
        a, b = max(0, int(r.start * k) - 1), int(r.end * k) + 2
        if r.orient == "h":
            out[max(0, first):last, a:b] = 255
        else:
            out[a:b, max(0, first):last] = 255
    return Image.fromarray(out, "L")


def stroke_width(ink: np.ndarray, w: OcrWord) -> float:
    """Mean length of the word's horizontal ink runs: about the width of its strokes."""
    box = ink[int(w.top):int(w.bottom) + 1, int(w.x0):int(w.x1) + 1]
    if box.size == 0:
        return 0.0
    starts = np.count_nonzero(box[:, 1:] & ~box[:, :-1]) + np.count_nonzero(box[:, 0])
    return float(np.count_nonzero(box)) / starts if starts else 0.0


def bold_words(ink: np.ndarray, words: list[OcrWord]) -> list[bool]:
    """Bold by stroke width relative to the line height, against the page's median."""
    ratios = [stroke_width(ink, w) / max(w.line_height, 1.0) for w in words]
    if not ratios:
        return []
    usual = float(np.median(ratios))
    return [bool(usual > 0 and r > BOLD_STROKE * usual) for r in ratios]


def repair(words: list[OcrWord], before: dict[int, str] | None = None) -> list[tuple[OcrWord, str | None]]:
    """Each word, digit-repaired in numeric context, with what it read before (None:
    unchanged); ``before``: what the words of re-read cells read first, by index."""
    before = before or {}
    index = {id(w): i for i, w in enumerate(words)}
    out: list[tuple[OcrWord, str | None]] = []
    for line in group_lines(words):
        for w, (text, fixed) in zip(line, repair_line([w.text for w in line])):
            first = before.get(index[id(w)])
            out.append((dataclasses.replace(w, text=text), first if first is not None else fixed))
    return out


def group_lines(words: list[OcrWord]) -> list[list[OcrWord]]:
    lines: dict[int, list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    return list(lines.values())


def trust_heights(words: list[OcrWord]) -> list[OcrWord]:
    """Each line's height, mended where Tesseract's is far below its words' box.

    Tesseract now and then gives a body line three quarters of its height (34 px
    in lines of 44-47 px: the height without descenders; 32.7 of 47 px, seed_ru
    p. 10); the reader would take the next line for a new paragraph (its pitch
    looks 1.6 sizes instead of 1.2, or the size changes by 2.5 pt). A row is short
    when it is far below both its words' box and the page's usual row (a box alone
    is stretched by brackets and commas: 56 px in a 44 px line); it is scaled
    back, never above the box.
    """
    boxes: dict[int, tuple[float, float]] = {}
    rows: dict[int, float] = {}
    for w in words:
        top, bottom = boxes.get(w.line, (w.top, w.bottom))
        boxes[w.line] = (min(top, w.top), max(bottom, w.bottom))
        rows[w.line] = w.line_height
    usual = float(np.median(list(rows.values()))) if rows else 0.0
    out = []
    for w in words:
        box = boxes[w.line][1] - boxes[w.line][0]
        if w.line_height < LOW_HEIGHT * box and w.line_height < SHORT_OF_USUAL * usual:
            w = dataclasses.replace(w, line_height=min(box, w.line_height / SHORT_ROW))
        out.append(w)
    return out


LOW_HEIGHT = 0.8  # measured: short rows 0.62-0.77 of their line's box, normal ones 0.79-1.35
SHORT_ROW = 0.76  # a short row's height over the line's real one (34 of 45 px)
SHORT_OF_USUAL = 0.85  # ... and short against the page's usual row (a box stretched by brackets: 44 of 56 px)


def hugs(text: str, after: str) -> bool:
    """No space between: Tesseract reads a quote or bracket apart from its word ("« Алау»")."""
    return text in ("«", "(", "\"", "„") or after in ("»", ")", "\"", "“", ",", ".", ":", ";")


def word_to_run(w: OcrWord, k: float, bold: bool, space: bool) -> Run:
    """``space``: Tesseract read another word after it on its line. The space is written
    out, since OCR boxes may leave a gap too narrow to tell ("течение5 (пяти)")."""
    return Run(w.text + (" " if space else ""), w.x0 * k, w.top * k, w.x1 * k, w.bottom * k,
               w.baseline * k, round(w.line_height * k, 2), bool(bold))


def mark_of(w: OcrWord, before: str | None) -> OcrMark | None:
    """An `OcrMark` for a digit word that was repaired or read with low confidence, or for
    a word that held digits before it was mended (a dash Tesseract read as "2")."""
    if before is None:
        return OcrMark(w.text, round(w.confidence, 3), None) \
            if holds_value(w.text) and w.confidence < LOW_CONFIDENCE else None
    if not holds_value(w.text) and not holds_value(before):
        return None
    return OcrMark(w.text, round(w.confidence, 3), before)


def words_to_runs(words: list[OcrWord], ink: np.ndarray, dpi: int, page: ScanPage,
                  before: dict[int, str] | None = None) -> list[Run]:
    """Runs in PDF points; marks for the words an auditor should not take on trust go to ``page``."""
    k = 72.0 / dpi
    fixed = repair(trust_heights(words), before)
    bold = bold_words(ink, [w for w, _ in fixed])
    runs = []
    for i, ((w, before), b) in enumerate(zip(fixed, bold)):
        space = i + 1 < len(fixed) and fixed[i + 1][0].line == w.line and not hugs(w.text, fixed[i + 1][0].text)
        run = word_to_run(w, k, b, space)
        runs.append(run)
        if (m := mark_of(w, before)) is not None:
            page.marks.append((m, (run.x0, run.top, run.x1, run.bottom)))
    return runs


def scan_to_content(img: Image.Image, number: int, width: float, height: float,
                    s: ScanSettings, o: OcrSettings) -> tuple[PageContent, ScanPage]:
    """One rendered page, OCRed: the page's runs and rulings in points, and its `ScanPage`."""
    ocr_ready(o)  # no Tesseract: say so before cleaning the image
    clean, ink, rulings, angle = clean_image(img, s)
    words = ocr_image(clean, s.dpi, o)
    conf = sum(w.confidence for w in words) / len(words) if words else 0.0
    words, before = scan_cells.reread_cells(clean, ink, rulings, words, s.dpi, o)
    page = ScanPage(number, width, height, angle, round(conf, 3), len(words))
    runs = words_to_runs(words, ink, s.dpi, page, before)
    return PageContent(number, width, height, runs=runs, rulings=rulings, images=1), page


def inside(point: tuple[float, float], box) -> bool:
    x, y = point
    return box is not None and box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def attach_marks(blocks: list[Block], pages: dict[int, ScanPage]) -> None:
    """Each marked word onto the paragraph or cell whose box holds its centre."""
    for b in blocks:
        for target, page, box, text in block_targets(b):
            scan = pages.get(page) if page is not None else None
            if scan is None:
                continue
            found = tuple(m for m, wb in scan.marks
                          if inside(((wb[0] + wb[2]) / 2, (wb[1] + wb[3]) / 2), box) and m.text in text)
            if found:
                target.ocr_marks = target.ocr_marks + found


def block_targets(b: Block):
    """(object to mark, page, box, text) for a paragraph, or for each distinct cell of a table."""
    if isinstance(b, Paragraph):
        return [(b, b.prov.page, b.prov.bbox, b.text)]
    cells = {id(c): c for row in b.grid for c in row}.values()
    return [(c, c.page if c.page is not None else b.prov.page, c.bbox, c.text) for c in cells]


def unskew_blocks(blocks: list[Block], pages: dict[int, ScanPage]) -> None:
    """Boxes of blocks and cells on deskewed pages, mapped back onto the scanned page."""
    def back(page: int | None, box):
        scan = pages.get(page) if page is not None else None
        if box is None or scan is None or abs(scan.angle) < 0.05:
            return box
        return tuple(round(v, 2) for v in scan_image.unskew_box(box, scan.angle, scan.width, scan.height))

    for b in blocks:
        b.prov = Prov(b.prov.page, b.prov.locator, back(b.prov.page, b.prov.bbox))
        if isinstance(b, Paragraph):
            continue
        for c in {id(c): c for row in b.grid for c in row}.values():
            c.bbox = back(c.page if c.page is not None else b.prov.page, c.bbox)


__all__ = ["ScanPage", "scan_to_content", "attach_marks", "unskew_blocks", "page_image", "LOW_CONFIDENCE"]
