"""PDF page primitives: the settings of the PDF reader and what one page holds.

A page is read with pypdfium2 at the level of page *objects*, not characters:
each text object (one run of text in one font, usually a line or a line's
part inside one table cell) becomes a `Run`, each thin path becomes a
`Ruling`. Working per object instead of per character is what makes the
reader an order of magnitude faster than pdfplumber.

All coordinates are converted to pdfplumber's convention: points from the
page's top-left corner, ``(x0, top, x1, bottom)``.
"""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pr

BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demibold")
FORCE_BOLD_FLAG = 1 << 18  # PDF font descriptor flag "ForceBold"
MAX_FORM_DEPTH = 4


@dataclass(frozen=True)
class PdfSettings:
    """Every tunable of the PDF reader; distances are in PDF points."""

    # rulings and tables
    max_line_width: float = 2.5  # a path thinner than this is a ruling line
    min_line_length: float = 3.0  # shorter strokes are dots or glyph parts, not rulings
    snap_tolerance: float = 3.0  # rulings this close are the same grid line
    join_tolerance: float = 3.0  # collinear rulings with a gap this small are one line
    min_cells: int = 2  # a single framed box is text in a frame, not a table
    cell_fit_tolerance: float = 1.5  # a run may stick out of its cell this much and still "fit"
    # tables drawn without borders (text aligned in columns, no ruling lines near)
    borderless: bool = True  # look for them at all
    column_gap: float = 0.8  # gap between runs, in font sizes, that separates table columns
    min_columns: int = 3  # a borderless table is seeded by a line with this many columns
    table_row_pitch: float = 3.0  # lines of one borderless table are at most this far apart (sizes)
    align_tolerance: float = 2.0  # a cell aligned with its column's left/right/centre within this
    borderless_ceiling: float = 0.8  # confidence of a borderless table whose every cell is aligned
    # text runs and lines
    word_gap: float = 0.12  # gap between runs, in font sizes, that means a space
    baseline_tolerance: float = 0.35  # runs whose baselines differ less (in sizes) share a line
    # paragraphs and line breaks
    fit_margin: float = 0.5  # a next word must fit with this much room (in sizes) to mean a hard break
    para_gap: float = 0.35  # extra line pitch (in sizes) over the usual one that starts a paragraph
    indent: float = 6.0  # a line starting this much right of the previous one starts a paragraph
    centre_tolerance: float = 4.0  # lines whose centres agree this well are one centred block
    size_change: float = 1.0  # a font-size change this big starts a paragraph
    # pages read by OCR, where sizes are too noisy to tell a heading from the body text
    # after it: a bold line beside one without a bold word, and a line that opens with a
    # form's label ("Әлеуметтік жобаның атауы: ..."), start a paragraph
    ocr_breaks: bool = False
    heading_size_delta: float = 1.0  # a bold paragraph this much bigger than body text is a heading
    # running headers / footers
    furniture_zone: float = 0.1  # share of the page height at top and bottom searched
    furniture_share: float = 0.8  # a line repeated on this share of pages is furniture
    # tables cut by a page break
    column_tolerance: float = 4.0  # column boundaries this close match across pages
    max_repeated_header_rows: int = 3
    join_split_rows: bool = True  # glue a row, or a merged cell, that a page break cut in two


DEFAULT_SETTINGS = PdfSettings()


@dataclass(frozen=True)
class Run:
    """One text object: its text, box, baseline and font."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Ruling:
    """A horizontal (``h``) or vertical (``v``) line: ``pos`` across, ``start``..``end`` along."""

    orient: str
    pos: float
    start: float
    end: float


@dataclass
class PageContent:
    """What the reader takes from one page."""

    number: int  # 1-based
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    images: int = 0
    rotated: bool = False
    image_area: float = 0.0  # square points the page's images cover (overlaps counted twice)
    drawings: int = 0  # path objects: rulings, but also text turned into outlines

    @property
    def image_share(self) -> float:
        """Share of the page that images cover: a scan is one image over all of it."""
        return min(1.0, self.image_area / (self.width * self.height)) if self.width and self.height else 0.0


@dataclass(frozen=True)
class _Frame:
    """Maps PDF user space (after a form's matrix) to top-left page space."""

    matrix: tuple[float, float, float, float, float, float]  # a b c d e f
    left: float
    top: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.matrix
        return a * x + c * y + e - self.left, self.top - (b * x + d * y + f)

    def box(self, l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
        a, b_, c, d, e, f = self.matrix
        if b_ == 0.0 and c == 0.0 and a > 0.0 and d > 0.0:
            # no rotation or mirroring (nearly every object): the corners keep their order
            return a * l + e - self.left, self.top - (d * t + f), a * r + e - self.left, self.top - (d * b + f)
        pts = [self.point(x, y) for x in (l, r) for y in (b, t)]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return min(xs), min(ys), max(xs), max(ys)


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(m: tuple, n: tuple) -> tuple:
    """The matrix of applying ``m`` then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


class _FontCache:
    """Bold-ness per font handle: font calls are cheap, but there are few fonts."""

    def __init__(self) -> None:
        self._bold: dict[int, bool] = {}

    def bold(self, obj) -> bool:
        font = pr.FPDFTextObj_GetFont(obj)
        key = ctypes.c_void_p.from_buffer(font).value or 0  # the handle's address, without a cast() call
        if key not in self._bold:
            self._bold[key] = _font_is_bold(font)
        fake_bold = pr.FPDFTextObj_GetTextRenderMode(obj) == pr.FPDF_TEXTRENDERMODE_FILL_STROKE
        return self._bold[key] or fake_bold


def _font_is_bold(font) -> bool:
    n = pr.FPDFFont_GetBaseFontName(font, None, 0)
    buf = ctypes.create_string_buffer(max(n, 1))
    pr.FPDFFont_GetBaseFontName(font, buf, n)
    name = buf.value.decode("latin-1").lower()
    weight = pr.FPDFFont_GetWeight(font)
    flags = pr.FPDFFont_GetFlags(font)
    return any(w in name for w in BOLD_NAMES) or weight >= 600 or bool(flags & FORCE_BOLD_FLAG)


class _TextBuffer:
    """One reusable UTF-16 buffer per page: FPDFTextObj_GetText scans the whole
    page's characters on every call, so asking for the size first would double it."""

    def __init__(self, size: int = 8192) -> None:
        self.size = size
        self.buf = ctypes.create_string_buffer(size)
        self.ptr = self._ptr()

    def text(self, obj, textpage) -> str:
        n = pr.FPDFTextObj_GetText(obj, textpage, self.ptr, self.size)
        if n > self.size:
            self.size = n
            self.buf = ctypes.create_string_buffer(n)
            self.ptr = self._ptr()
            n = pr.FPDFTextObj_GetText(obj, textpage, self.ptr, self.size)
        return self.buf.raw[: max(n - 2, 0)].decode("utf-16-le", errors="replace")

    def _ptr(self):
        return ctypes.cast(self.buf, ctypes.POINTER(pr.FPDF_WCHAR))


_CLEAN = {0xA0: " ", 0x202F: " ", 0x2007: " ", 0x09: " ", 0x02: "-"}
_CLEAN.update({c: None for c in range(32) if c not in _CLEAN})


def clean_text(s: str) -> str:
    """No-break and other odd spaces become plain spaces; control chars go.

    PDFium reports any hyphen glyph at a line end as U+0002; in Kazakh reports
    that is nearly always a real hyphen ("ақпараттық-түсіндіру": Word does not
    hyphenate Kazakh), so it is kept as "-".
    """
    return s.translate(_CLEAN)


# Out-parameters of the calls below, made once: a page has thousands of objects and
# the reader runs in one thread per process.
_L, _B, _R, _T, _SIZE = (ctypes.c_float() for _ in range(5))
_M = pr.FS_MATRIX()


def _bounds(obj) -> tuple[float, float, float, float]:
    pr.FPDFPageObj_GetBounds(obj, _L, _B, _R, _T)
    return _L.value, _B.value, _R.value, _T.value


def _matrix(obj) -> tuple[float, float, float, float, float, float]:
    pr.FPDFPageObj_GetMatrix(obj, _M)
    return (_M.a, _M.b, _M.c, _M.d, _M.e, _M.f)


def text_obj_to_run(obj, textpage, frame: _Frame, fonts: _FontCache, buf: _TextBuffer) -> Run | None:
    """A text object as a `Run`; None for whitespace-only objects."""
    text = clean_text(buf.text(obj, textpage))
    if not text.strip():
        return None
    x0, top, x1, bottom = frame.box(*_bounds(obj))
    a, b, c, d, e, f = _compose(_matrix(obj), frame.matrix)
    pr.FPDFTextObj_GetFontSize(obj, _SIZE)
    eff = _SIZE.value * math.sqrt(abs(a * d - b * c)) or (bottom - top)
    baseline = frame.top - f if abs(b) < 1e-6 and abs(c) < 1e-6 else bottom
    return Run(text, x0, top, x1, bottom, baseline, round(eff, 2), fonts.bold(obj))


def path_obj_to_rulings(obj, frame: _Frame, s: PdfSettings) -> list[Ruling]:
    """The horizontal and vertical lines a path draws (borders of table cells)."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pr.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not fill.value and not stroke.value:
        return []  # a clipping path or an invisible one
    x0, top, x1, bottom = frame.box(*_bounds(obj))
    w, h = x1 - x0, bottom - top
    if h <= s.max_line_width and w >= s.min_line_length:
        return [Ruling("h", (top + bottom) / 2, x0, x1)]
    if w <= s.max_line_width and h >= s.min_line_length:
        return [Ruling("v", (x0 + x1) / 2, top, bottom)]
    if w < s.min_line_length or h < s.min_line_length:
        return []
    return _segments_to_rulings(obj, frame, s)


def _segments_to_rulings(obj, frame: _Frame, s: PdfSettings) -> list[Ruling]:
    """Walk a path's segments: rectangles give their four edges, polylines their straight pieces."""
    m = _compose(_matrix(obj), frame.matrix)
    f = _Frame(m, frame.left, frame.top)
    out: list[Ruling] = []
    start = prev = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pr.FPDFPath_CountSegments(obj)):
        seg = pr.FPDFPath_GetPathSegment(obj, i)
        kind = pr.FPDFPathSegment_GetType(seg)
        pr.FPDFPathSegment_GetPoint(seg, x, y)
        pt = f.point(x.value, y.value)
        if kind == pr.FPDF_SEGMENT_LINETO and prev is not None:
            out.extend(_edge(prev, pt, s))
        if kind == pr.FPDF_SEGMENT_MOVETO:
            start = pt
        elif pr.FPDFPathSegment_GetClose(seg) and start is not None:
            out.extend(_edge(pt, start, s))
        prev = pt
    return out


def _edge(p: tuple[float, float], q: tuple[float, float], s: PdfSettings) -> list[Ruling]:
    (ax, ay), (bx, by) = p, q
    if abs(ay - by) <= 0.5 and abs(ax - bx) >= s.min_line_length:
        return [Ruling("h", (ay + by) / 2, min(ax, bx), max(ax, bx))]
    if abs(ax - bx) <= 0.5 and abs(ay - by) >= s.min_line_length:
        return [Ruling("v", (ax + bx) / 2, min(ay, by), max(ay, by))]
    return []


@dataclass
class _PageReader:
    """What walking one page's objects needs: the text page, buffers, caches and the output."""

    textpage: object
    out: PageContent
    s: PdfSettings
    buf: _TextBuffer = field(default_factory=_TextBuffer)
    fonts: _FontCache = field(default_factory=_FontCache)

    def collect(self, objs, frame: _Frame, depth: int = 0) -> None:
        for obj in objs:
            kind = pr.FPDFPageObj_GetType(obj)
            if kind == pr.FPDF_PAGEOBJ_TEXT:
                run = text_obj_to_run(obj, self.textpage, frame, self.fonts, self.buf)
                if run is not None:
                    self.out.runs.append(run)
            elif kind == pr.FPDF_PAGEOBJ_PATH:
                self.out.drawings += 1
                self.out.rulings.extend(path_obj_to_rulings(obj, frame, self.s))
            elif kind == pr.FPDF_PAGEOBJ_IMAGE:
                self.out.images += 1
                x0, top, x1, bottom = frame.box(*_bounds(obj))
                self.out.image_area += max(0.0, x1 - x0) * max(0.0, bottom - top)
            elif kind == pr.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                inner = _Frame(_compose(_matrix(obj), frame.matrix), frame.left, frame.top)
                kids = (pr.FPDFFormObj_GetObject(obj, i) for i in range(pr.FPDFFormObj_CountObjects(obj)))
                self.collect(kids, inner, depth + 1)


def page_to_content(page: pdfium.PdfPage, number: int, s: PdfSettings) -> PageContent:
    """Read one page's text runs and rulings."""
    left, bottom, right, top = page.get_mediabox()
    content = PageContent(number, right - left, top - bottom, rotated=page.get_rotation() != 0)
    textpage = page.get_textpage()
    try:
        objs = (pr.FPDFPage_GetObject(page.raw, i) for i in range(pr.FPDFPage_CountObjects(page.raw)))
        _PageReader(textpage.raw, content, s).collect(objs, _Frame(IDENTITY, left, top))
    finally:
        textpage.close()
    return content
