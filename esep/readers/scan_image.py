"""The image side of reading a scanned page: render, measure the skew, deskew, binarise.

A chain of small pure functions, after pdfplumber's table code, all configured
by one frozen `ScanSettings`:

    render_page     a PDF page as a grey image at ``dpi``
    measure_skew    the page's tilt in degrees, from projection profiles of a
                    downsampled ink mask, coarse to fine
    deskew          the image turned back by that angle
    binarize        ink mask (True = ink): Otsu's threshold on the grey over the local paper
    unskew_box      a box found on the deskewed page, back on the page as scanned

Ruling lines are found (and erased before OCR) in `esep.readers.scan_rulings`.

Sign convention: an angle is counter-clockwise as the page is seen on screen,
as in ``PIL.Image.rotate`` (and ``scripts/make_scan.py``'s ``skew``):
``measure_skew(img.rotate(0.7))`` is about ``+0.7``, and ``deskew(img, a)``
rotates by ``-a``. Rotations are about the image centre ``(w/2, h/2)`` in
continuous pixel coordinates (a pixel ``i`` covers ``[i, i+1)``), the same
point as PIL's, so in PDF points about ``(width/2, height/2)``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


@dataclass(frozen=True)
class ScanSettings:
    """Every tunable of the scanned-page image chain; lengths in PDF points unless named."""

    dpi: int = 300  # pages are rendered at this resolution for OCR
    max_skew: float = 5.0  # degrees searched either way
    # skew: projection profiles of a small ink mask, each sweep finer than the last;
    # (dpi of the mask, step in degrees), coarse to fine: the first sweeps +-max_skew, each
    # next one +-2 steps of the one before around its best angle. The profile's peak is about
    # 1.5 deg wide at 25 dpi and 0.3 deg at 100 dpi; a parabola through the best three
    # angles gives the sub-step part.
    skew_sweeps: tuple[tuple[int, float], ...] = ((25, 0.5), (50, 0.1), (100, 0.025))
    skew_ink: float = 0.75  # a pixel darker than this share of the paper's grey is ink
    skew_margin: float = 0.03  # share of each side ignored: scanner borders, punch holes
    min_skew_contrast: float = 1.3  # best over median profile score; below: no text lines, skew 0
    min_skew_ink: float = 0.0005  # a page with a smaller share of ink is blank: skew 0
    # binarisation: ink is darker than a share of the paper's local grey
    paper_block: float = 8.0  # points; the paper's grey is measured per block this big
    paper_reach: int = 5  # blocks: the brightest block this near is paper (text is never solid for 40 pt)
    ratio_sample: int = 4  # every 4th pixel each way is plenty for the threshold's histogram
    ink_ratio_range: tuple[float, float] = (0.35, 0.8)  # Otsu's grey/paper split is kept within
    # ruling lines (esep.readers.scan_rulings)
    ruling_min_length: float = 8.0  # shorter straight ink is a letter's stroke
    ruling_long: float = 36.0  # a line this long stands alone; a shorter one must join two crossing ones
    ruling_max_width: float = 4.0  # a thicker band is a filled shape, not a line
    ruling_drift: float = 1.0  # a line may wander this much across (skew left over, warped paper)
    ruling_gap: float = 1.2  # a break this long in a line is noise, faded toner (leader dots: further)
    ruling_bridge: float = 2.0  # a line goes on across a break this long
    ruling_min_cover: float = 0.9  # share of a piece's length that must be ink
    ruling_min_found: float = 0.75  # share of a grown line that must be pieces found on their own
    ruling_halo: float = 1.0  # how far beside a line's band text would be if the band were a stroke
    ruling_max_halo_ink: float = 0.2  # more ink than this share beside a band: a word's baseline, a stem
    ruling_overshoot: float = 8.0  # a line's end this far past its last crossing ran into touching text
    ruling_touch: float = 2.0  # a short line's end this near a crossing line touches it
    erase_margin: float = 0.25  # erased beyond the rows a line darkens: its blurred edge
    erase_chunk: float = 24.0  # a line is erased piece by piece this long, following its drift


def render_page(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    """The page as a grey ("L") image at ``dpi``."""
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


# ---- skew --------------------------------------------------------------------

def reduce_to(img: Image.Image, dpi: float, target: int) -> tuple[Image.Image, float]:
    """The grey image box-averaged down to about ``target`` dpi (averaging also calms the
    noise), and its resolution."""
    factor = max(1, round(dpi / target))
    return (img.reduce(factor) if factor > 1 else img), dpi / factor


def paper_grey(img: Image.Image) -> float:
    """The paper's grey: most of a page is paper, however much of it is printed."""
    hist = np.asarray(img.histogram()[:256], dtype=np.float64)
    return float(np.searchsorted(np.cumsum(hist), 0.9 * hist.sum()))


def pool_any(mask: np.ndarray, factor: int) -> np.ndarray:
    """``mask`` shrunk by ``factor``: a block is ink if any of its pixels is. Averaging
    instead would fade small print away at 25 dpi."""
    if factor <= 1:
        return mask
    h, w = mask.shape[0] // factor, mask.shape[1] // factor
    return mask[: h * factor, : w * factor].reshape(h, factor, w, factor).any(axis=(1, 3))


def skew_masks(img: Image.Image, s: ScanSettings) -> list[np.ndarray]:
    """Ink masks at the resolutions of ``skew_sweeps``: the finest from the image
    box-averaged (which calms the noise), each coarser one pooled from the finer."""
    grey, dpi = reduce_to(img, s.dpi, s.skew_sweeps[-1][0])
    ink = np.asarray(grey) < paper_grey(grey) * s.skew_ink
    h, w = ink.shape
    my, mx = int(h * s.skew_margin), int(w * s.skew_margin)
    ink[:my], ink[h - my:], ink[:, :mx], ink[:, w - mx:] = False, False, False, False
    masks = [ink]
    for target, _ in reversed(s.skew_sweeps[:-1]):
        factor = max(1, round(dpi / target))
        masks.append(pool_any(masks[-1], factor))
        dpi /= factor
    return masks[::-1]


def ink_points(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates (x, y, from the mask's centre) of its ink pixels."""
    h, w = ink.shape
    ys, xs = np.nonzero(ink)
    # A pixel stands for its whole square, not its centre: on a page scanned straight the
    # text's edges all sit on pixel borders, and points would make 0 deg look less sharp
    # than a slight tilt. A fixed seed keeps the measure deterministic.
    jitter = np.random.default_rng(0).random((2, xs.size))
    return xs + jitter[0] - w / 2.0, ys + jitter[1] - h / 2.0


# A Gaussian of one row's sigma: sharing pixels between two rows alone blurs the profile
# more when they fall half-way (a score dip at 0 deg on an unrotated page); this evens it out.
_SMOOTH = np.exp(-0.5 * np.arange(-3, 4) ** 2)
_SMOOTH /= _SMOOTH.sum()


def profile_score(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    """Sharpness of the row profile with the page turned back by ``angle``: the sum of
    squared differences of neighbouring rows, greatest when text lines fall in single rows.
    Each pixel is shared between its two nearest rows, so that the score changes smoothly
    with the angle instead of in steps of one row's shift across the page."""
    a = math.radians(angle)
    off = float(np.abs(xs).max() + np.abs(ys).max()) + 1  # the same for every angle
    rows = ys * math.cos(a) + xs * math.sin(a) + off
    i = rows.astype(np.int64)
    f = rows - i
    n = int(i.max()) + 2
    shared = np.bincount(i, 1 - f, n) + np.bincount(i + 1, f, n)
    prof = np.convolve(shared, _SMOOTH)  # "full": nothing cut at the ends, whatever the angle
    return float(np.sum(np.diff(prof) ** 2))


def best_angle(xs: np.ndarray, ys: np.ndarray, angles: np.ndarray) -> tuple[float, float]:
    """The angle of the sharpest profile among ``angles``, refined by a parabola through
    its neighbours' scores; and the ratio of the best score to the median one."""
    scores = np.array([profile_score(xs, ys, a) for a in angles])
    i = int(np.argmax(scores))
    best = float(angles[i])
    if 0 < i < len(angles) - 1:
        l, c, r = scores[i - 1: i + 2]
        den = l - 2 * c + r
        if den < 0:
            best += 0.5 * (l - r) / den * float(angles[1] - angles[0])
    return best, float(scores[i] / max(np.median(scores), 1e-9))


def measure_skew(img: Image.Image, s: ScanSettings) -> float:
    """The page's tilt in degrees, counter-clockwise positive (see the module docstring);
    0.0 for a blank page. ``img`` is at ``s.dpi``."""
    masks = skew_masks(img, s)
    if masks[-1].mean() < s.min_skew_ink:
        return 0.0
    angle, last = 0.0, None
    for ink, (_, step) in zip(masks, s.skew_sweeps):
        xs, ys = ink_points(ink)
        reach = s.max_skew if last is None else 2 * last
        angle, contrast = best_angle(xs, ys, angle + np.arange(-reach, reach + step / 2, step))
        if last is None and contrast < s.min_skew_contrast:
            return 0.0
        last = step
    return round(float(np.clip(angle, -s.max_skew, s.max_skew)), 3)


def deskew(img: Image.Image, angle: float) -> Image.Image:
    """``img`` turned back by ``angle`` degrees about its centre: same size, white outside.
    Bicubic, though bilinear is twice as fast: its softer letters cost Tesseract ө and ъ
    (the seed_ru scan at 300 dpi fell from >= 97 % to 95.9 % of the golden fields)."""
    if angle == 0:
        return img.copy()
    return img.rotate(-angle, resample=Image.BICUBIC, expand=False, fillcolor=255)


def unskew_box(bbox: tuple[float, float, float, float], angle: float, width: float,
               height: float) -> tuple[float, float, float, float]:
    """A box on the page deskewed by ``angle`` (any unit, page ``width`` x ``height``), on
    the page as scanned: its corners turned by ``angle`` about the page centre, then the
    axis-aligned box around them."""
    a = math.radians(angle)
    c, sn = math.cos(a), math.sin(a)
    cx, cy = width / 2, height / 2
    x0, top, x1, bottom = bbox
    xs, ys = [], []
    for x, y in ((x0, top), (x1, top), (x0, bottom), (x1, bottom)):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * c + dy * sn)  # counter-clockwise on screen, y pointing down
        ys.append(cy - dx * sn + dy * c)
    return min(xs), min(ys), max(xs), max(ys)


# ---- binarisation ------------------------------------------------------------

def paper_map(img: Image.Image, dpi: int, s: ScanSettings) -> Image.Image:
    """The paper's grey over the page, one "F" pixel per ``paper_block``: the brightest block
    mean within ``paper_reach`` blocks, smoothed. It follows shadows and yellowed
    paper; a solid dark area wider than the reach (a scanner's border) counts as paper."""
    block = max(1, round(s.paper_block * dpi / 72))
    small = img.reduce(block).filter(ImageFilter.MaxFilter(2 * s.paper_reach + 1))
    return small.filter(ImageFilter.GaussianBlur(s.paper_reach / 2)).convert("F")


def otsu_threshold(hist: np.ndarray) -> int:
    """The grey level that best splits a histogram in two (Otsu's between-class variance)."""
    p = hist.astype(np.float64) / max(hist.sum(), 1)
    w = np.cumsum(p)
    mu = np.cumsum(p * np.arange(p.size))
    between = (mu[-1] * w - mu) ** 2 / np.maximum(w * (1 - w), 1e-12)
    return int(np.argmax(between)) + 1  # levels below this are ink


def ink_ratio(img: Image.Image, paper: Image.Image, s: ScanSettings) -> float:
    """Otsu's split of grey / paper, from every ``ratio_sample``-th pixel, kept within
    ``ink_ratio_range``: on a blank page Otsu would split the noise."""
    k = s.ratio_sample
    a = np.asarray(img)[::k, ::k].astype(np.float32)
    bg = np.asarray(paper.resize((a.shape[1], a.shape[0]), Image.BILINEAR))
    q = np.clip(a / np.maximum(bg, 1.0) * 255, 0, 255).astype(np.uint8)
    t = otsu_threshold(np.bincount(q.ravel(), minlength=256)) / 255
    return float(np.clip(t, *s.ink_ratio_range))


def binarize(img: Image.Image, s: ScanSettings) -> np.ndarray:
    """Ink mask of a grey page at ``s.dpi`` (True = ink): darker than ``ink_ratio`` of the
    paper's local grey. Chosen over Sauvola (integral images) by measuring both against
    the clean render of seed pages scanned with noise and JPEG: pixel F1 0.965 against
    0.93-0.94 at 300 dpi (Sauvola thickens strokes), no specks on the paper either way,
    the same under a shadow down to 45 % grey, and about 5x faster."""
    paper = paper_map(img, s.dpi, s)
    ratio = ink_ratio(img, paper, s)
    # the threshold in whole grey levels: 8-bit images convert to numpy 4x faster than "F"
    level = paper.point(lambda v: v * ratio).convert("L").resize(img.size, Image.BILINEAR)
    return np.asarray(img) < np.asarray(level)
