"""The typed document model every reader produces and every extractor reads.

A `Document` is a flat list of blocks in reading order: paragraphs (headings
are paragraphs with a level) and tables. Every block and every table cell
carries its provenance, so that a fact read from it can name its page,
its locator and, for PDF, its bounding box.

Locators are stable, human-readable strings:
    paragraphs  ``para:12``                (1-based over the document)
    tables      ``table:3``                (1-based over the document)
    cells       ``table:3/row:2/col:5``    (1-based grid coordinates)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from esep.normalize.legacy_kk import LegacyMatch
from esep.textview import TextView, view

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Prov:
    """Where a block or cell sits in its source file."""

    page: int | None  # 1-based; None for formats without pages
    locator: str
    bbox: BBox | None = None


@dataclass(frozen=True)
class OcrMark:
    """A word read by OCR that an auditor should not take on trust.

    Only words holding a digit, or held one as read, are marked (amounts, dates,
    counts): a word of low confidence, one whose letters were repaired into digits,
    a table cell read again alone, a dash the page read as a digit.
    """

    text: str  # the word as it stands in the block's text (after any repair)
    confidence: float  # 0..1: Tesseract's word confidence / 100
    repaired_from: str | None = None  # what OCR read first, if it was repaired or read again


@dataclass(frozen=True)
class OcrPage:
    """A page read by OCR: why, how sure, and the skew that was measured and undone."""

    number: int  # 1-based
    reason: str  # "no text layer", "broken text layer: ...", ...
    confidence: float  # mean word confidence, 0..1
    angle: float = 0.0  # degrees the scan was rotated by to deskew it


@dataclass
class Paragraph:
    """A paragraph of running text; a heading when ``level`` is set."""

    text: str
    prov: Prov
    level: int | None = None  # 1..6 for headings, None for body text
    bold: bool = False  # the whole paragraph is bold (forms use bold labels)
    ocr_marks: tuple[OcrMark, ...] = ()  # its OCR words not to take on trust (OcrMark)

    @property
    def is_heading(self) -> bool:
        return self.level is not None

    @property
    def view(self) -> TextView:
        """The text normalized, tokenized and stemmed, computed once per text (esep.textview)."""
        return view(self.text)


@dataclass
class Cell:
    """One cell of a table grid.

    A merged cell is one `Cell` object placed at every grid position it
    covers; ``row``/``col`` are its top-left (origin) position, so
    ``cell.row == r and cell.col == c`` tells the origin from the copies.
    """

    text: str
    row: int  # 0-based origin row
    col: int  # 0-based origin column
    rowspan: int = 1
    colspan: int = 1
    page: int | None = None
    bbox: BBox | None = None
    ocr_marks: tuple[OcrMark, ...] = ()  # its OCR words not to take on trust (OcrMark)

    @property
    def view(self) -> TextView:
        """The text normalized, tokenized and stemmed, computed once per text (esep.textview)."""
        return view(self.text)


@dataclass
class Table:
    """A table with merged cells resolved into a full rectangular grid."""

    grid: list[list[Cell]]
    prov: Prov  # page of the first row, locator ``table:N``, bbox of the first page's part
    pages: list[int] = field(default_factory=list)  # every page the table spans (PDF)
    confidence: float = 1.0  # reader's confidence in the grid (1.0 for DOCX/text)

    @property
    def n_rows(self) -> int:
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        return max((len(r) for r in self.grid), default=0)

    def text_rows(self) -> list[list[str]]:
        """The grid as text, a merged cell's text repeated over its span."""
        return [[c.text for c in row] for row in self.grid]

    def origins(self, r: int) -> list[Cell]:
        """The cells that start in row ``r`` (one per merged cell), left to right."""
        return [c for j, c in enumerate(self.grid[r]) if c.row == r and c.col == j]

    def cell_locator(self, cell: Cell) -> str:
        return f"{self.prov.locator}/row:{cell.row + 1}/col:{cell.col + 1}"


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """One input file as read: its blocks and what is known about the file."""

    doc_id: str  # sha256 hex of the file's bytes
    source_path: str
    file_type: str  # docx, pdf, txt, md, doc, ...
    blocks: list[Block]
    pages: int | None = None
    ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[OcrPage] = field(default_factory=list)  # the pages read by OCR, and why
    # typed in a pre-Unicode Kazakh font: its layout; the text is mapped, evidence maps back
    # (esep.readers.legacy)
    legacy: LegacyMatch | None = None

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))
