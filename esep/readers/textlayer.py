"""Is a PDF page's text layer worth keeping, or must the page be OCRed?

    glyph_counts    what kinds of characters a text holds (vectorised: ~0.05 ms a page)
    judge_page      the verdict for one page: ok, or the reason to OCR it
    image_share     how much of a PDFium page its images cover (a scan's image covers all of it)

Reasons (`Verdict.reason`): "no text layer", "text layer covers little of the
page", "broken text layer: 31% unknown glyphs", "broken text layer: 84% of
characters are not letters or digits", "broken text layer: 99% of letters are
not Cyrillic or Latin", "broken text layer: Kazakh text without Kazakh letters".

A page is OCRed when it has no text, when a page-sized image carries only a
stamp's worth of text, or when its text layer is broken: glyphs PDFium could
not map (U+FFFD, private use, control characters, pdfminer's "(cid:N)"),
fonts without a Unicode map that give punctuation soup, Cyrillic read through
the wrong code page ("Ãðàíò"), or Kazakh text whose Kazakh letters were lost
(қ→к, ә→а, or dropped). Legacy Kazakh fonts that a table can map back are
mapped before the judge (esep.normalize.legacy_kk); what reaches it unmapped
is what no table fixes.

Born-digital reports mix Kazakh, Russian and English (URLs, brand names),
tables of numbers and dashes, signature lines and short pages; every
threshold below leaves wide room for them (see tests/test_textlayer.py for
the measured margins).
"""
from __future__ import annotations

import ctypes
import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pr

# the Kazakh letters Windows-1251 lacks: і/І is in it (Ukrainian), so a text that
# went through cp1251 or a legacy font keeps і while these become "?" or look-alikes
KAZAKH = frozenset("әғқңөұүһӘҒҚҢӨҰҮҺ")
# punctuation tables and forms are full of: dashes in empty cells, leader dots,
# signature underscores, dates with slashes, percent columns
TAME = frozenset("-–—‒−.,_…/%")
CID = re.compile(r"\(cid:\d+\)")
LONE_PUA = re.compile(r"(?<!\S)[\ue000-\uf8ff](?!\S)")  # a Symbol-font bullet or check box


@dataclass(frozen=True)
class TextLayerSettings:
    """Thresholds of the text-layer judge; shares are of the page's visible glyphs
    unless said otherwise."""

    # a scan with a stamp: an image over most of the page and little text
    scan_image_share: float = 0.5  # images covering this share of the page make it a scan
    little_text: int = 200  # ... whose text layer is then too short to be the page's text
    # glyphs PDFium could not map
    max_unknown_share: float = 0.1
    min_unknown: int = 5  # fewer are stray bullets, not a broken font
    # fonts without a Unicode map: punctuation soup
    min_alnum_share: float = 0.5  # letters and digits: born-digital pages have >= 0.9
    min_stray_share: float = 0.1  # and symbols outside TAME: born-digital pages have <= 0.07
    min_glyphs: int = 20  # shorter texts are not judged on shares
    # Cyrillic read through a wrong code page: letters outside Cyrillic and ASCII Latin
    max_foreign_share: float = 0.25  # of the letters; Kazakh Latin ("Qazaqşa") stays under 0.15
    # Kazakh without Kazakh letters
    kazakh_profile: float = 0.45  # ы / (ы + о + в): Kazakh pages >= 0.6, Russian <= 0.3
    min_cyrillic: int = 100  # letters needed to tell a page's language from its own letters
    min_short_cyrillic: int = 20  # a shorter page follows its document, if that is Kazakh
    min_kazakh_share: float = 0.02  # KAZAKH letters among Cyrillic ones: Kazakh pages have >= 0.069


DEFAULT_SETTINGS = TextLayerSettings()


@dataclass(frozen=True)
class GlyphCounts:
    """What kinds of characters a text holds."""

    visible: int  # everything but white space; a "(cid:N)" is one glyph
    unknown: int  # U+FFFD, private use, control, unassigned, "(cid:N)"
    letters: int
    foreign: int  # letters neither Cyrillic (U+0400–U+04FF) nor ASCII Latin
    digits: int
    stray: int  # symbols other than TAME (and other than combining marks)
    cyrillic: int
    kazakh: int
    profile: float  # ы / (ы + о + в), 0 without those letters


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str | None  # None when ok; else a short English reason an auditor reads


OK = Verdict(True, None)

# character kinds, as bits; the last three count the letters of the language profile
SPACE, UNKNOWN, LETTER, FOREIGN, DIGIT, STRAY, CYRILLIC, KAZAKH_BIT, Y, O, V = (1 << i for i in range(11))
KINDS = 11
PROFILE = {"ы": Y, "Ы": Y, "о": O, "О": O, "в": V, "В": V}
LOW = 0x500  # Latin and Cyrillic and all below: looked up in one table, the rest one by one


@functools.lru_cache(maxsize=4096)
def char_kind(c: str) -> int:
    """The kind bits of one character."""
    if c.isspace():
        return SPACE
    cat = unicodedata.category(c)
    if c == "\ufffd" or cat in ("Cc", "Co", "Cs", "Cn"):
        return UNKNOWN
    if cat[0] == "L":
        if "\u0400" <= c <= "\u04ff":
            return LETTER | CYRILLIC | (KAZAKH_BIT if c in KAZAKH else 0) | PROFILE.get(c, 0)
        return LETTER if c.isascii() else LETTER | FOREIGN
    if cat == "Nd":
        return DIGIT
    if c in TAME or cat[0] == "M":  # combining marks: NFD text ("и" + U+0306)
        return 0
    return STRAY


@functools.cache
def low_kinds() -> np.ndarray:
    """The kind of every code point below LOW, one array to index with code points."""
    return np.array([char_kind(chr(i)) for i in range(LOW)], dtype=np.intp)


def kind_histogram(text: str) -> dict[int, int]:
    """How many characters of ``text`` are of each kind. Vectorised: this runs on every
    page of every PDF, and a Counter over 3000 characters alone costs 0.2 ms."""
    cps = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    low = cps < LOW
    hist = np.bincount(low_kinds().take(cps[low].astype(np.intp)))  # take on intp: 3x faster than [uint32]
    kinds = np.flatnonzero(hist)
    out = dict(zip(kinds.tolist(), hist[kinds].tolist()))
    rest = cps[~low]
    if rest.size:  # dashes, quotes, "№", the odd symbol: few distinct characters
        for cp, k in Counter(rest.tolist()).items():
            kind = char_kind(chr(cp))
            out[kind] = out.get(kind, 0) + k
    return out


def kind_totals(text: str) -> list[int]:
    """How many characters of ``text`` have each kind bit."""
    totals = [0] * KINDS
    for kind, k in kind_histogram(text).items():
        for i in range(KINDS):
            if kind >> i & 1:
                totals[i] += k
    return totals


def glyph_counts(text: str) -> GlyphCounts:
    """Count the kinds of characters in ``text``."""
    space, unknown, letters, foreign, digits, stray, cyrillic, kazakh, y, o, v = kind_totals(text)
    visible = len(text) - space
    if unknown:
        unknown -= len(LONE_PUA.findall(text))
    if "(cid:" in text:  # pdfminer's unmapped glyphs: letters, digits and parens that are one glyph
        cids = CID.findall(text)
        visible -= sum(len(m) - 1 for m in cids)
        unknown += len(cids)
        letters -= 3 * len(cids)
        digits -= sum(len(m) - 6 for m in cids)
        stray -= 3 * len(cids)  # "(", ":" and ")"
    profile = y / (y + o + v) if y + o + v else 0.0
    return GlyphCounts(visible, unknown, letters, foreign, digits, stray, cyrillic, kazakh, profile)


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%"


def unknown_glyphs(g: GlyphCounts, s: TextLayerSettings) -> str | None:
    if g.unknown >= s.min_unknown and g.unknown >= s.max_unknown_share * g.visible:
        return f"broken text layer: {percent(g.unknown, g.visible)} unknown glyphs"
    return None


def symbol_soup(g: GlyphCounts, s: TextLayerSettings) -> str | None:
    """Few letters and digits and many odd symbols: codes of a font without a Unicode map."""
    alnum = g.letters + g.digits
    if g.visible >= s.min_glyphs and alnum < s.min_alnum_share * g.visible \
            and g.stray >= s.min_stray_share * g.visible:
        return f"broken text layer: {percent(g.visible - alnum, g.visible)} of characters are not letters or digits"
    return None


def foreign_letters(g: GlyphCounts, s: TextLayerSettings) -> str | None:
    """Letters outside Cyrillic and ASCII Latin: "Ãðàíò" is "Грант" in cp1251 read as Latin-1."""
    if g.letters >= s.min_glyphs and g.foreign >= s.max_foreign_share * g.letters:
        return f"broken text layer: {percent(g.foreign, g.letters)} of letters are not Cyrillic or Latin"
    return None


def lacks_kazakh(g: GlyphCounts, s: TextLayerSettings) -> bool:
    """Cyrillic that reads as Kazakh (ы rich, о and в poor) with (almost) no Kazakh letters."""
    return g.cyrillic >= s.min_cyrillic and g.profile >= s.kazakh_profile \
        and g.kazakh < s.min_kazakh_share * g.cyrillic


def kazakh_missing(g: GlyphCounts, doc_text: str | None, s: TextLayerSettings) -> str | None:
    """A Kazakh page without Kazakh letters. A page too short to show its language
    is judged so only when its whole document is Kazakh without them (a short
    Russian line in a Kazakh report has none, legitimately)."""
    if g.cyrillic < s.min_short_cyrillic or g.kazakh >= s.min_kazakh_share * g.cyrillic:
        return None
    if lacks_kazakh(g, s) or (g.cyrillic < s.min_cyrillic and doc_text and lacks_kazakh(doc_counts(doc_text), s)):
        return "broken text layer: Kazakh text without Kazakh letters"
    return None


@functools.lru_cache(maxsize=4)
def doc_counts(doc_text: str) -> GlyphCounts:
    """The document's counts, once per document (the same string comes with every page)."""
    return glyph_counts(doc_text)


def judge_page(text: str, has_images: bool, doc_text: str | None = None,
               s: TextLayerSettings = DEFAULT_SETTINGS, image_share: float | None = None) -> Verdict:
    """Keep the page's text layer, or OCR the page and why.

    ``text`` is the page's text layer (after the legacy Kazakh font mapping),
    ``doc_text`` the whole document's (pass the same string for every page: its
    counts are cached), ``image_share`` the share of the page its images cover
    (`image_share`). It is read only for pages with images and fewer than
    ``s.little_text`` glyphs, so it need only be measured for those; when it is
    None, a page with images is taken as covered by them.
    """
    g = glyph_counts(text)
    if g.visible == 0:
        return Verdict(False, "no text layer")
    covered = image_share if image_share is not None else (1.0 if has_images else 0.0)
    if covered >= s.scan_image_share and g.visible < s.little_text:
        return Verdict(False, "text layer covers little of the page")
    reason = (unknown_glyphs(g, s) or symbol_soup(g, s) or foreign_letters(g, s)
              or kazakh_missing(g, doc_text, s))
    return Verdict(False, reason) if reason else OK


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(m: Matrix, n: Matrix) -> Matrix:
    """Apply ``m``, then ``n`` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _box(obj, m: Matrix) -> tuple[float, float, float, float]:
    """The object's bounds (in its parent's space) mapped to page space by ``m``."""
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    pr.FPDFPageObj_GetBounds(obj, l, b, r, t)
    xa, xb, xc, xd, xe, xf = m
    pts = [(xa * x + xc * y + xe, xb * x + xd * y + xf) for x in (l.value, r.value) for y in (b.value, t.value)]
    return min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)


def image_boxes(objs, m: Matrix = IDENTITY, depth: int = 0):
    """The page-space boxes of the images among ``objs``, inside form XObjects too
    (a form's children have their bounds in the form's space)."""
    for obj in objs:
        kind = pr.FPDFPageObj_GetType(obj)
        if kind == pr.FPDF_PAGEOBJ_IMAGE:
            yield _box(obj, m)
        elif kind == pr.FPDF_PAGEOBJ_FORM and depth < 4:
            fm = pr.FS_MATRIX()
            pr.FPDFPageObj_GetMatrix(obj, fm)
            inner = _then((fm.a, fm.b, fm.c, fm.d, fm.e, fm.f), m)
            kids = (pr.FPDFFormObj_GetObject(obj, i) for i in range(pr.FPDFFormObj_CountObjects(obj)))
            yield from image_boxes(kids, inner, depth + 1)


def image_share(page: pdfium.PdfPage) -> float:
    """The share of the page that its images cover, clipped to the page (overlaps
    add up; the share is capped at 1)."""
    x0, y0, x1, y1 = page.get_mediabox()
    area = (x1 - x0) * (y1 - y0)
    if area <= 0:
        return 0.0
    objs = (pr.FPDFPage_GetObject(page.raw, i) for i in range(pr.FPDFPage_CountObjects(page.raw)))
    covered = sum(max(min(r, x1) - max(l, x0), 0.0) * max(min(t, y1) - max(b, y0), 0.0)
                  for l, b, r, t in image_boxes(objs))
    return min(covered / area, 1.0)
