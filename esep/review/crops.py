"""Crops of PDF pages around a finding's evidence, its bbox highlighted, as data URIs.

A bbox is ``(x0, top, x1, bottom)`` in PDF points from the page's top-left corner
(esep.model.BBox, as esep.readers.pdf_page measures it over the media box).
pypdfium2 renders only the crop's region (``render(crop=...)`` cuts the page's
borders), so a crop costs about a millisecond whatever the page. The values a
finding is about (its ``actual``) are found in the page's text layer inside the
bbox and marked more strongly than the bbox itself.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from PIL import Image, ImageDraw

Box = tuple[float, float, float, float]  # x0, top, x1, bottom in points, top-left origin

SCALE = 1.5  # pixels per point at least: 108 dpi, 12 pt text ~18 px high
MAX_SCALE = 3.0
TEXT_PX = 16.0  # the evidence's font is drawn at least this many pixels high
MARGIN_X = 30.0  # points shown beside the bbox ...
MARGIN_Y = 28.0  # ... and above and below it (a line or two of context)
MIN_PX = 560  # a crop is at least this wide (a cell's crop still shows its neighbours) ...
MAX_PX = 860  # ... and at most this wide ...
MAX_PX_HIGH = 460  # ... and high: a taller bbox shows its top part
PAD = 2.0  # points the highlight stands off the bbox (glyphs rise above a line's box)
GRID_X, GRID_Y = 12, 6  # points of a bbox whose character's font size is looked up
COLOURS = 16  # palette of the PNG: text is grey levels plus the highlight's colours
FILL = (255, 213, 0, 60)
OUTLINE = (230, 81, 0, 255)
MARK = (255, 120, 0, 110)
MARK_LINE = (200, 40, 0, 255)


@dataclass(frozen=True)
class Crop:
    """A page region as an embeddable image; ``cut`` when the bbox was taller than shown."""

    src: str  # data:image/...;base64,...
    width: int
    height: int
    cut: bool = False


def _centred(lo: float, hi: float, width: float, limit: float) -> tuple[float, float]:
    """[lo, hi] widened to ``width`` around its centre, kept inside [0, limit]."""
    if hi - lo >= width:
        return lo, hi
    mid = (lo + hi) / 2
    lo, hi = mid - width / 2, mid + width / 2
    shift = max(0.0, -lo) - max(0.0, hi - limit)
    return max(0.0, lo + shift), min(limit, hi + shift)


def crop_region(bbox: Sequence[float], page_w: float, page_h: float,
                scale: float = SCALE) -> tuple[Box, bool]:
    """The region to show around ``bbox``, inside the page and within the pixel caps at
    ``scale``, and whether the bbox was cut to fit (its top part is shown)."""
    x0, top, x1, bottom = bbox
    min_w, max_w, max_h = MIN_PX / scale, MAX_PX / scale, MAX_PX_HIGH / scale
    lo, hi = _centred(max(0.0, x0 - MARGIN_X), min(page_w, x1 + MARGIN_X), min_w, page_w)
    if hi - lo > max_w:  # keep the bbox's start, where a row's first cells are
        lo = max(0.0, min(x0 - MARGIN_X, page_w - max_w))
        hi = lo + max_w
    y0, y1 = max(0.0, top - MARGIN_Y), min(page_h, bottom + MARGIN_Y)
    cut = bottom - top > max_h - MARGIN_Y
    return (lo, y0, hi, min(y1, y0 + max_h)), cut


def scale_for(font_size: float | None) -> float:
    """Pixels per point that draw text of ``font_size`` points legibly."""
    if not font_size:
        return SCALE
    return max(SCALE, min(MAX_SCALE, TEXT_PX / font_size))


def _to_pixels(box: Sequence[float], region: Box, scale: float, pad: float = 0.0) -> list[float]:
    return [(box[0] - pad - region[0]) * scale, (box[1] - pad - region[1]) * scale,
            (box[2] + pad - region[0]) * scale, (box[3] + pad - region[1]) * scale]


def highlight(img: Image.Image, bbox: Sequence[float], marks: Iterable[Box], region: Box,
              scale: float) -> Image.Image:
    """``img`` (the region rendered) with the bbox boxed and filled, the marks filled stronger."""
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.rectangle(_to_pixels(bbox, region, scale, PAD), fill=FILL, outline=OUTLINE, width=3)
    for m in marks:
        draw.rectangle(_to_pixels(m, region, scale, 1.0), fill=MARK, outline=MARK_LINE, width=2)
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def encode(img: Image.Image) -> str:
    """A data URI: the image as a PNG of a small palette (sharp text, ~10 KB a crop;
    ``optimize`` would save 1% for ten times the time)."""
    buf = io.BytesIO()
    img.quantize(COLOURS, method=Image.Quantize.FASTOCTREE).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def variants(value: str) -> list[str]:
    """The spellings a value may have on the page: ``155.5`` is printed ``155,5``,
    ``4 920 000.00`` as ``4 920 000``."""
    value = value.strip()
    whole = value[:-3] if value.endswith((".00", ",00")) else value
    out = [value, value.replace(".", ","), value.replace(",", "."), whole]
    return [v for i, v in enumerate(out) if v and v not in out[:i]]


def _inside(box: Box, bbox: Sequence[float]) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return bbox[0] - PAD <= cx <= bbox[2] + PAD and bbox[1] - PAD <= cy <= bbox[3] + PAD


class PdfSource:
    """One PDF opened for cropping; close it (or use ``with``) when done."""

    def __init__(self, path: Path):
        import pypdfium2 as pdfium  # on use: a review without PDFs does not load it
        self.pdf = pdfium.PdfDocument(str(path))
        self._pages: dict[int, tuple] = {}  # page number -> (page, textpage): findings share pages

    def __enter__(self) -> "PdfSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._pages.clear()
        self.pdf.close()

    @staticmethod
    def _font_size(page, textpage, bbox: Sequence[float]) -> float | None:
        """The median font size (points) of the characters at a grid of points over ``bbox``
        (a few dozen look-ups, not a walk over the page's thousands of characters)."""
        import pypdfium2.raw as raw
        left, _, _, top = page.get_mediabox()
        x0, y0, x1, y1 = bbox
        found = set()
        for i in range(GRID_X):
            for j in range(GRID_Y):
                x = x0 + (x1 - x0) * (i + 0.5) / GRID_X
                y = y0 + (y1 - y0) * (j + 0.5) / GRID_Y
                found.add(raw.FPDFText_GetCharIndexAtPos(textpage.raw, x + left, top - y, 3.0, 3.0))
        sizes = sorted(s for s in (raw.FPDFText_GetFontSize(textpage.raw, i) for i in found if i >= 0)
                       if s > 1.5)  # spaces and marks report 1 pt
        return sizes[len(sizes) // 2] if sizes else None

    @staticmethod
    def _found(page, textpage, values: Iterable[str], bbox: Sequence[float]) -> list[Box]:
        """Boxes (top-left points) of ``values`` in the page's text, inside ``bbox``."""
        left, _, _, top = page.get_mediabox()
        boxes: list[Box] = []
        for value in (v for raw in values for v in variants(raw)):
            searcher = textpage.search(value)
            while (hit := searcher.get_next()) is not None:
                chars = [textpage.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
                box = (min(c[0] for c in chars) - left, top - max(c[3] for c in chars),
                       max(c[2] for c in chars) - left, top - min(c[1] for c in chars))
                if _inside(box, bbox):
                    boxes.append(box)
        return boxes

    @staticmethod
    def _unrotated(page):
        """The page as its bboxes were measured: over its media box, unrotated (in memory only)."""
        if page.get_rotation():
            page.set_rotation(0)
        if page.get_cropbox() != page.get_mediabox():
            page.set_cropbox(*page.get_mediabox())
        return page

    def _page(self, page_no: int) -> tuple:
        if page_no not in self._pages:
            page = self._unrotated(self.pdf[page_no - 1])
            self._pages[page_no] = (page, page.get_textpage())
        return self._pages[page_no]

    def crop(self, page_no: int, bbox: Sequence[float], values: Iterable[str] = ()) -> Crop | None:
        """The crop of page ``page_no`` (1-based) around ``bbox``; None when there is no such page."""
        if not 1 <= page_no <= len(self.pdf):
            return None
        page, textpage = self._page(page_no)
        left, bottom, right, top = page.get_mediabox()
        w, h = right - left, top - bottom
        scale = scale_for(self._font_size(page, textpage, bbox))
        region, cut = crop_region(bbox, w, h, scale)
        crop = (region[0], h - region[3], w - region[2], region[1])  # points cut off each side
        img = page.render(scale=scale, crop=crop).to_pil()
        img = highlight(img, bbox, self._found(page, textpage, values, bbox), region, scale)
        return Crop(encode(img), img.width, img.height, cut)
