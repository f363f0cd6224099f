"""Cells of a scanned table read again one by one where the page's reading of them is doubtful.

    cell_boxes     the cell grid the page's rulings draw (the PDF reader's own grid code), in pixels
    words_by_cell  the page's words, by the cell that holds their centre
    numeric_rows   rows whose cells mostly read as numbers: a statistics table's data rows
    number_columns  columns of row numbers or counts
    doubtful       a cell of such a row that reads as no number, or shows ink but no word
    read_cell      the cell's crop read as one line of digits
    mend_cell      a garbled sign that is a dash, a dropped dash, or the digits read again
    reread_cells   all of it: the page's words, those of re-read cells replaced

Why: Tesseract reads a page's layout first, and small print in narrow cells
is where it guesses (a "7" as "iL", "51" as "БТ", "150" as ":.50"). A cell of
a statistics row holds a number or nothing; read alone, with only digits
allowed, it comes back right. Only doubtful cells are read again (about
30 ms each), and a changed cell keeps what it read before, so an audit
finding built on it is flagged (`OcrMark`).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from esep.readers.ocr import NUMERO, OcrSettings, OcrWord, engine
from esep.readers.pdf_page import PdfSettings, Ruling
from esep.readers.pdf_tables import component_to_grid, grid_to_cells, merge_rulings, ruling_components

NUMBER = re.compile(r"\d{1,3}(?: \d{3})+|\d+")
# the header of a column of numbers: "№" (as read: "Мо", "Хо"), a count ("Өтінімдер саны", "Количество заявок")
COUNT_HEADER = re.compile(r"^(?:[№#]|[МMNНХX][оoОO0°º9sе]\.?)(?:\s|$)|(?i:\bсаны\b|количеств|\bчисло\b|кол-во)")
READ_NUMBER = re.compile(r"\d{1,3}(?: \d{3})+|\d+\.?")  # what a cell read alone may say: "1 250", "4."
DASH = re.compile(r"[-–—]")


@dataclass(frozen=True)
class CellSettings:
    """When a cell is read again, and when its new reading is taken."""

    min_numbers: int = 2  # a row needs this many cells that read as numbers ...
    min_share: float = 0.5  # ... and this share of its non-empty cells
    max_chars: int = 8  # a longer reading is text, not a number gone wrong
    stray: int = 4  # signs a number column's cell may read as garbage ("ЕА", "+ мн")
    short_line: float = 3.0  # ink no wider than this many times its height: a few digits
    margin: float = 0.6  # points kept off the cell's top and bottom borders (rows of small print are tight)
    side_margin: float = 1.5  # ... and off its left and right borders
    word_pad: int = 3  # pixels around the words the page gave a cell
    min_ink: int = 40  # pixels of ink (300 dpi) an empty cell needs to be read again
    min_dash_ink: int = 6  # ... or to hold a dash (7 pt print: about 8 x 2 px)
    dash_height: float = 1.2  # points: a dash's stroke is no thicker ...
    dash_share: float = 0.4  # ... nor this share of the height of the row's digits
    line_height: float = 14.0  # points: the ink of a cell of one line of print is no taller
    text_height: int = 24  # pixels the cell's ink is scaled to (measured: 20-32 read alike)
    accept: float = 0.6  # the re-reading's confidence at the least
    trust: float = 0.9  # a number the page read this sure is not read again
    pad: int = 12  # white pixels around the crop


@dataclass(frozen=True)
class CellBox:
    """One cell of a ruled table, in image pixels; ``row`` groups the cells of a grid row."""

    table: int
    row: int
    col: int
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, w: OcrWord) -> bool:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom


def cell_boxes(rulings: list[Ruling], dpi: int, s: PdfSettings = PdfSettings()) -> list[CellBox]:
    """Every cell the rulings draw, as the born-digital reader would build the grid."""
    k = dpi / 72
    out: list[CellBox] = []
    for t, comp in enumerate(ruling_components(merge_rulings(rulings, s), s)):
        g = component_to_grid(comp, s)
        if g is None:
            continue
        for c in grid_to_cells(g, s):
            x0, top, x1, bottom = c.bbox
            out.append(CellBox(t, c.row, c.col, x0 * k, top * k, x1 * k, bottom * k))
    return out


def words_by_cell(cells: list[CellBox], words: list[OcrWord]) -> list[list[int]]:
    """Indices into ``words`` of the words each cell holds."""
    found: list[list[int]] = [[] for _ in cells]
    for i, w in enumerate(words):
        k = next((j for j, c in enumerate(cells) if c.holds(w)), None)
        if k is not None:
            found[k].append(i)
    return found


def cell_text(idx: list[int], words: list[OcrWord]) -> str:
    return " ".join(words[i].text for i in sorted(idx, key=lambda i: (words[i].line, words[i].x0)))


def is_value(text: str) -> bool:
    return bool(NUMBER.fullmatch(text) or DASH.fullmatch(text))


def numeric_rows(cells: list[CellBox], texts: list[str], c: CellSettings) -> set[tuple[int, int]]:
    """(table, row) of the rows whose cells mostly read as numbers or dashes."""
    rows: dict[tuple[int, int], list[str]] = {}
    for box, text in zip(cells, texts):
        rows.setdefault((box.table, box.row), []).append(text)
    out = set()
    for key, row in rows.items():
        filled = [t for t in row if t]
        numbers = sum(1 for t in filled if NUMBER.fullmatch(t))
        if numbers >= c.min_numbers and sum(map(is_value, filled)) >= c.min_share * len(filled):
            out.add(key)
    return out


def number_columns(cells: list[CellBox], texts: list[str], one_line: list[int],
                   c: CellSettings) -> set[tuple[int, int]]:
    """(table, col) of columns of numbers (row numbers "1", "2."; counts): a header that
    says so ("№", "саны"); or, below the header, nothing longer than a few stray signs
    ("с", "&", "+ мн") and a number in one cell at least, or three cells with a line of
    ink that read as no number (a table's part where Tesseract read none of them)."""
    cols: dict[tuple[int, int], list[tuple[int, str, int]]] = {}
    for box, text, line in zip(cells, texts, one_line):
        cols.setdefault((box.table, box.col), []).append((box.row, text.rstrip("."), line))
    out = set()
    for key, col in cols.items():
        col.sort()
        if COUNT_HEADER.search(col[0][1]) and len(col) >= 3:
            out.add(key)  # "№", "Өтінімдер саны": whatever the page read below is a number
            continue
        short = [is_value(t) or NUMERO.fullmatch(t) is not None or len(t.replace(" ", "")) <= c.stray
                 or line == 2 for _, t, line in col]  # garbage over a few digits' ink ("PRPNWER")
        body = col[short.index(True):] if True in short else []  # below the header's text
        numbers = sum(1 for _, t, _ in body if NUMBER.fullmatch(t))
        inked = sum(1 for _, t, line in body if line and not is_value(t))  # blank or garbled, one line of ink
        if len(body) >= 3 and all(short[len(col) - len(body):]) and (numbers or inked >= 3):
            out.add(key)
    return out


def interior(box: CellBox, dpi: int, c: CellSettings) -> tuple[int, int, int, int]:
    """The cell inside its borders (wider margins left and right, where a cell is roomy)."""
    v, h = c.margin * dpi / 72, c.side_margin * dpi / 72
    return int(box.x0 + h), int(box.top + v), int(box.x1 - h), int(box.bottom - v)


def region(box: CellBox, old: list[OcrWord], dpi: int, c: CellSettings) -> tuple[int, int, int, int]:
    """Where the cell's text is: over the words the page gave it, else its interior."""
    x0, top, x1, bottom = interior(box, dpi, c)
    if old:
        p = c.word_pad
        x0, x1 = max(x0, int(min(w.x0 for w in old)) - p), min(x1, int(max(w.x1 for w in old)) + p)
        top, bottom = max(top, int(min(w.top for w in old)) - p), min(bottom, int(max(w.bottom for w in old)) + p)
    return x0, top, x1, bottom


def ink_box(ink: np.ndarray, area: tuple[int, int, int, int]) -> np.ndarray | None:
    """The ink of ``area`` cut to its own extent, specks of scanner noise aside (rows and
    columns with a single inked pixel); None when the area holds no more than specks."""
    x0, top, x1, bottom = area
    sub = ink[max(top, 0):max(bottom, 0), max(x0, 0):max(x1, 0)]
    ys = np.flatnonzero(sub.sum(axis=1) >= 2)
    xs = np.flatnonzero(sub.sum(axis=0) >= 2)
    if ys.size == 0 or xs.size == 0:
        return None
    return sub[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def doubtful(text: str, sub: np.ndarray | None, dpi: int, c: CellSettings) -> bool:
    """A statistics cell that reads as no number: garbled, or blank though inked."""
    if sub is None:
        return False
    if not text:
        return int(sub.sum()) >= c.min_ink * (dpi / 300) ** 2
    return not is_value(text) and len(text.replace(" ", "")) <= c.max_chars


def framed(sub: np.ndarray, c: CellSettings) -> Image.Image:
    """The cell's ink black on white, scaled to the text height Tesseract reads best, with
    a margin of paper (Tesseract reads poorly at an image's edge, and grey noise confuses
    its reading of a lone digit: "7" came back as "5", confidence 0)."""
    im = Image.fromarray(np.where(sub, 0, 255).astype(np.uint8), "L")
    k = c.text_height / max(im.height, 1)
    im = im.resize((max(1, round(im.width * k)), c.text_height), Image.BILINEAR)
    out = Image.new("L", (im.width + 2 * c.pad, im.height + 2 * c.pad), 255)
    out.paste(im, (c.pad, c.pad))
    return out


def read_cell(sub: np.ndarray, dpi: int, o: OcrSettings, c: CellSettings) -> tuple[str, float]:
    """The cell's ink read as one line of digits: its text (spaces normalised) and confidence."""
    text, conf = engine(o).read_digits(framed(sub, c), dpi)
    return " ".join(text.split()), conf


def cell_word(box: CellBox, old: list[OcrWord], text: str, conf: float, line: int) -> OcrWord:
    """The cell's new word: over the words it replaces, else over the cell's middle."""
    if old:
        x0, top = min(w.x0 for w in old), min(w.top for w in old)
        x1, bottom = max(w.x1 for w in old), max(w.bottom for w in old)
    else:
        h = (box.bottom - box.top) / 4
        x0, top, x1, bottom = box.x0 + h, box.top + h, box.x1 - h, box.bottom - h
    return OcrWord(text, x0, top, x1, bottom, bottom, bottom - top, conf, line)


def is_dash(sub: np.ndarray, digits: float | None, dpi: int, c: CellSettings) -> bool:
    """The cell's ink is one short flat stroke: a dash (no value), however it was read.
    Flat against the row's digits where it has some (a dash read as digits came back
    "2", "3" or "5"), else against a dash's usual thickness."""
    h, w = sub.shape
    flat = h <= c.dash_share * digits if digits else h <= c.dash_height * dpi / 72
    return int(sub.sum()) >= c.min_dash_ink and flat and w >= 1.5 * h  # 7 pt print at 300 dpi: 5 x 3 px


def one_line_of_ink(cells: list[CellBox], ink: np.ndarray, dpi: int, c: CellSettings) -> list[int]:
    """Per cell: 0 for a blank or lines of text; 1 for one line of print; 2 for one short
    line, no wider than a few digits (a count's, a row number's)."""
    line, least = c.line_height * dpi / 72, c.min_ink * (dpi / 300) ** 2
    out = []
    for box in cells:
        s = ink_box(ink, interior(box, dpi, c))
        one = s is not None and int(s.sum()) >= least and s.shape[0] <= line
        out.append(0 if not one else 2 if s.shape[1] <= c.short_line * s.shape[0] else 1)
    return out


def blank_rows(cells: list[CellBox], texts: list[str], one_line: list[int],
               c: CellSettings) -> set[tuple[int, int]]:
    """(table, row) of rows the page gave no word at all though their cells hold one line
    of ink each (Tesseract skipped the row "200 | 154 | 46" under a header whole)."""
    rows: dict[tuple[int, int], list[int]] = {}
    worded: set[tuple[int, int]] = set()
    for box, text, line in zip(cells, texts, one_line):
        rows.setdefault((box.table, box.row), []).append(line)
        if text:
            worded.add((box.table, box.row))
    return {key for key, lines in rows.items() if key not in worded and sum(map(bool, lines)) >= c.min_numbers}


def digit_heights(cells: list[CellBox], owned: list[list[int]], texts: list[str],
                  words: list[OcrWord]) -> dict[tuple[int, int], float]:
    """(table, row) -> the median height of the words that read as numbers in the row."""
    found: dict[tuple[int, int], list[float]] = {}
    for box, idx, text in zip(cells, owned, texts):
        if NUMBER.fullmatch(text):
            found.setdefault((box.table, box.row), []).extend(words[i].bottom - words[i].top for i in idx)
    return {k: float(np.median(v)) for k, v in found.items()}


def mend_cell(text: str, old: list[OcrWord], box: CellBox, ink: np.ndarray, digits: float | None, dpi: int,
              o: OcrSettings, c: CellSettings) -> tuple[str, float] | None:
    """The cell's text read again (and its confidence), or None where the page's reading stands.

    A flat stroke is a dash however it was read ("=", "2", ">"); a number the page was
    unsure of is read again too (measured: "1" and "3" read "2" at 0.71 and 0.77, sure
    readings 0.96), and the cell's reading wins only when it is at least as sure.
    """
    if DASH.fullmatch(text):
        return None
    sub = ink_box(ink, region(box, old, dpi, c))
    if sub is None:
        return None
    sure = min((w.confidence for w in old), default=0.0)
    if is_dash(sub, digits, dpi, c):
        return "-", sure or c.accept
    if (NUMBER.fullmatch(text) and sure >= c.trust) or not (NUMBER.fullmatch(text) or doubtful(text, sub, dpi, c)):
        return None
    new, conf = read_cell(sub, dpi, o, c)
    return (new, conf) if READ_NUMBER.fullmatch(new) and conf >= max(c.accept, sure) and new != text else None


def mend_numero(words: list[OcrWord], idx: list[int]) -> None:
    """A cell that opens with "Мо" or "No" opens with "№" ("№", "№ р/с")."""
    first = min(idx, key=lambda i: (words[i].line, words[i].x0), default=None)
    if first is not None and NUMERO.fullmatch(words[first].text):
        words[first] = dataclasses.replace(words[first], text="№")


def reread_cells(img: Image.Image, ink: np.ndarray, rulings: list[Ruling], words: list[OcrWord],
                 dpi: int, o: OcrSettings, c: CellSettings = CellSettings()) -> tuple[list[OcrWord], dict[int, str]]:
    """``words`` with the doubtful statistics cells read again; and, by index into the
    returned list, what each changed cell read before."""
    if not rulings or not words:
        return words, {}
    words = list(words)
    cells = cell_boxes(rulings, dpi)
    owned = words_by_cell(cells, words)
    texts = [cell_text(idx, words) for idx in owned]
    left = ink & (np.asarray(img) != 255)  # the rulings' erased pixels are paper now
    one_line = one_line_of_ink(cells, left, dpi, c)
    rows = numeric_rows(cells, texts, c) | blank_rows(cells, texts, one_line, c)
    numbering = number_columns(cells, texts, one_line, c)
    heights = digit_heights(cells, owned, texts, words)
    drop: set[int] = set()
    added: list[tuple[OcrWord, str]] = []
    line = max(w.line for w in words) + 1
    for box, idx, text in zip(cells, owned, texts):
        mend_numero(words, idx)
        if (box.table, box.row) not in rows and ((box.table, box.col) not in numbering or NUMERO.fullmatch(text)):
            continue
        old = [words[i] for i in idx]
        found = mend_cell(text, old, box, left, heights.get((box.table, box.row)), dpi, o, c)
        if found is not None:
            drop.update(idx)
            added.append((cell_word(box, old, found[0], found[1], line + len(added)), text))
    kept = [w for i, w in enumerate(words) if i not in drop]
    before = {len(kept) + k: old for k, (_, old) in enumerate(added)}
    return kept + [w for w, _ in added], before


__all__ = ["CellSettings", "reread_cells", "cell_boxes", "numeric_rows", "doubtful"]
