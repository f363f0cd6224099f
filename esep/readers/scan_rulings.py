"""Table ruling lines of a deskewed scan, as the PDF reader's `Ruling`s; and their erasure.

The chain, per orientation (vertical lines are found the same way in the
transposed mask), in pixels until the last step:

    mask_runs         straight runs of ink along the rows, small breaks closed,
                      ``ruling_min_length`` or longer
    runs_to_groups    runs in neighbouring rows that overlap are one stroke
    groups_to_bands   each stroke's extent, ink-weighted centre, thickness and ink cover
    is_line           thin, solid, and with paper beside it (a word's baseline has letters)
    grow              on along the band's rows over line-like columns (ink there, paper
                      beside), across short breaks, to a crossing line: pieces of a
                      broken line too short to be found alone
    join_bands        collinear pieces that overlap or nearly touch are one line
    bands_to_rulings  in PDF points, top-left origin
    trim_ends         an end that ran on past the last crossing into touching text is cut back
    keep_table_lines  a long line stands alone; a shorter one must run between two
                      crossing lines (a table's cell border), else it is a letter's stem
    solid_borders     ... and be ink all the way between them: a tall digit ("1") in a
                      tight row of small print, its gaps to the row's lines closed, is not

`find_rulings` runs the chain; `erase_rulings` paints the lines' ink white so
that Tesseract does not read them as ``|`` or ``_``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from esep.readers.pdf_page import Ruling
from esep.readers.scan_image import ScanSettings


# Rows a line may wander from its piece's while it is grown across a break: one pixel,
# so that a letter just beside the line's rows (in a row of small print) does not pass.
GROW_DRIFT = 1
ERASE_MIN_DARK = 20.0  # grey levels a line darkens its rows by at the least (paper noise is ~8)


@dataclass(frozen=True)
class Band:
    """One straight stroke along the rows of a mask, in pixels."""

    pos: float  # ink-weighted centre across, continuous coordinates (row r covers [r, r+1))
    start: int  # first pixel along
    end: int  # one past the last pixel along
    lo: int  # first row
    hi: int  # last row (inclusive)
    cover: float  # share of start..end that is ink in some row of the band


def px(points: float, dpi: int) -> int:
    return max(1, int(round(points * dpi / 72)))


def mask_runs(mask: np.ndarray, min_len: int, gap: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Runs of True along each row, closing breaks of at most ``gap`` pixels, that are at
    least ``min_len`` long: (row, start, end) arrays, by row then start; ``end`` is one
    past the run."""
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1).ravel()
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)  # the k-th end closes the k-th start: runs never span rows
    rows, starts, ends = starts // (w + 1), starts % (w + 1), ends % (w + 1)
    if rows.size == 0:
        return rows, starts, ends
    joined = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= gap)
    first = np.flatnonzero(np.r_[True, ~joined])
    last = np.r_[first[1:] - 1, rows.size - 1]
    rows, starts, ends = rows[first], starts[first], ends[last]
    keep = ends - starts >= min_len
    return rows[keep], starts[keep], ends[keep]


def run_pairs(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, reach: int,
              gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j) of runs ``1..reach`` rows apart that overlap or come within ``gap``
    along the row. Runs of one row are disjoint and sorted, so their ends are sorted too
    and each run's partners are one slice, found by binary search."""
    span = int(ends.max(initial=0)) + 2 * gap + 1  # rows laid end to end on one axis
    first, last = rows * span + starts, rows * span + ends
    pairs_i, pairs_j = [], []
    for d in range(1, reach + 1):
        lo = np.searchsorted(last, first + d * span - gap, "left")
        hi = np.searchsorted(first, last + d * span + gap, "right")
        count = np.maximum(hi - lo, 0)
        i = np.repeat(np.arange(rows.size), count)
        j = np.repeat(lo, count) + (np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count))
        ok = rows[j] == rows[i] + d
        pairs_i.append(i[ok])
        pairs_j.append(j[ok])
    return np.concatenate(pairs_i), np.concatenate(pairs_j)


def runs_to_groups(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, reach: int,
                   gap: int) -> np.ndarray:
    """A group label per run; runs forming one stroke share it: a run joins runs up to
    ``reach`` rows below it that overlap it or come within ``gap`` of it along the row."""
    i, j = run_pairs(rows, starts, ends, reach, gap)
    label = np.arange(rows.size)
    while True:  # each pass moves the smallest label one step along the strokes
        low = np.minimum(label[i], label[j])
        new = label.copy()
        np.minimum.at(new, i, low)
        np.minimum.at(new, j, low)
        new = new[new]  # and jumps along labels already passed on
        if np.array_equal(new, label):
            return label
        label = new


def groups_to_bands(label: np.ndarray, rows: np.ndarray, starts: np.ndarray,
                    ends: np.ndarray) -> list[Band]:
    """Each group's extent, ink-weighted centre, rows and ink cover, computed for all at once."""
    if label.size == 0:
        return []
    order = np.lexsort((starts, label))
    g, r, a, b = label[order], rows[order], starts[order], ends[order]
    heads = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    start, end = np.minimum.reduceat(a, heads), np.maximum.reduceat(b, heads)
    lo, hi = np.minimum.reduceat(r, heads), np.maximum.reduceat(r, heads)
    lengths = (b - a).astype(np.float64)
    pos = np.add.reduceat((r + 0.5) * lengths, heads) / np.add.reduceat(lengths, heads)
    # the union of each group's intervals: ends so far, offset per group to keep groups apart
    rank = np.cumsum(np.r_[False, g[1:] != g[:-1]])
    offset = rank * (int(b.max()) + 1)
    reached = np.maximum.accumulate(b + offset) - offset
    before = np.r_[-1, reached[:-1]]
    before[heads] = -1
    covered = np.add.reduceat(np.maximum(b - np.maximum(a, before), 0), heads)
    return [Band(float(p), int(s0), int(e0), int(l0), int(h0), float(c) / (e0 - s0))
            for p, s0, e0, l0, h0, c in zip(pos, start, end, lo, hi, covered)]


def halo_ink(mask: np.ndarray, band: Band, halo: int) -> float:
    """Share of the band's length with ink ``halo`` rows above or below it: paper beside a
    ruling (crossing lines aside), letters above a word's baseline or beside a stem."""
    h = mask.shape[0]
    sides = [mask[r, band.start: band.end] for r in (band.lo - halo, band.hi + halo) if 0 <= r < h]
    if not sides:
        return 0.0
    return max(float(side.mean()) for side in sides)


def is_line(band: Band, mask: np.ndarray, dpi: int, s: ScanSettings) -> bool:
    """Thin, solid, and alone: not a filled box, not a line of small print whose serifs
    and bars ran together (a line's every column is inked across the band, drift
    aside; the bowls and gaps of letters are not), not a stroke of a letter (ink beside it)."""
    drift = px(s.ruling_drift, dpi)
    thick = band.hi - band.lo + 1
    if thick > px(s.ruling_max_width, dpi) + drift or band.cover < s.ruling_min_cover:
        return False
    if halo_ink(mask, band, px(s.ruling_halo, dpi)) > s.ruling_max_halo_ink:
        return False
    columns = mask[band.lo: band.hi + 1, band.start: band.end].sum(axis=0)
    return bool(np.mean(columns >= thick - drift) >= s.ruling_min_cover)


def column_kinds(mask: np.ndarray, band: Band, x0: int, x1: int, drift: int,
                 halo: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``x0..x1``: (line-like, inked). Inked: ink in the band's rows, give or
    take ``drift``; line-like: inked without ink ``halo`` beyond on both sides, as along a
    ruling, even with text close by on one side. Ink on both sides is a crossing line
    (or a letter wider than the line)."""
    lo, hi = max(band.lo - drift, 0), min(band.hi + drift, mask.shape[0] - 1)
    inked = mask[lo: hi + 1, x0:x1].any(axis=0)
    both = np.ones_like(inked)
    for r in (lo - halo, hi + halo):
        both &= mask[r, x0:x1] if 0 <= r < mask.shape[0] else False
    return inked & ~both, inked


def _runs(flags: np.ndarray) -> list[tuple[bool, int, int]]:
    """``flags`` as (value, start, end) runs."""
    if flags.size == 0:
        return []
    cuts = np.flatnonzero(np.diff(flags.astype(np.int8))) + 1
    bounds = [0, *cuts.tolist(), flags.size]
    return [(bool(flags[a]), a, b) for a, b in zip(bounds, bounds[1:])]


def reach(like: np.ndarray, inked: np.ndarray, bridge: int, enough: int) -> int:
    """How far a line goes on into the columns after its end: over line-like columns and
    breaks (paper) of at most ``bridge``, up to the first crossing or letter (inked, but
    not line-like), and over that as far as ``bridge`` if it comes without a break (at a
    table's edge the line's ink reaches the crossing line's outer edge). It stops just
    inside a piece ``enough`` long after a break: that piece is found on its own. A run
    across breaks must end at a crossing, a piece or the window's end: one that stops in
    paper was a letter's stem beyond a break, and only its unbroken start counts."""
    other = np.flatnonzero(inked & ~like)
    limit = int(other[0]) if other.size else like.size
    n, broken = 0, False
    for on_line, a, b in _runs(like[:limit]):
        if not on_line:
            if b - a > bridge or b == limit:
                break
            broken = True
        elif broken and b - a >= enough:
            return a + 1
        else:
            n = b
    if n == limit and n < like.size:
        paper = np.flatnonzero(~inked[n: n + bridge + 1])
        return n + int(paper[0] if paper.size else min(bridge + 1, inked.size - n))
    if n >= like.size - bridge or not broken:
        return n
    gapless = np.flatnonzero(~like[:n])
    return int(gapless[0]) if gapless.size else n


def _crossed(mask: np.ndarray, band: Band, x0: int, x1: int, drift: int, halo: int) -> bool:
    """A crossing line (ink on both sides of the band) among its columns ``x0..x1``."""
    like, inked = column_kinds(mask, band, max(x0, 0), min(x1, mask.shape[1]), drift, halo)
    return bool((inked & ~like).any())


def grow(band: Band, mask: np.ndarray, drift: int, halo: int, bridge: int, window: int,
         enough: int, min_found: float) -> Band:
    """``band`` extended along its rows over line-like columns across breaks of at most
    ``bridge``: the pieces of a broken line too short to be found on their own. An end
    at a crossing line is a table's corner or edge and stays (what lies beyond is the
    next row's text). The ``cover`` becomes the share found on its own, at least ``min_found``."""
    start, end, w = band.start, band.end, mask.shape[1]
    while end < w and not _crossed(mask, band, end - bridge, end, drift, halo):
        n = reach(*column_kinds(mask, band, end, min(end + window, w), drift, halo), bridge, enough)
        end += n
        if n < window:
            break
    while start > 0 and not _crossed(mask, band, start, start + bridge, drift, halo):
        like, inked = column_kinds(mask, band, max(start - window, 0), start, drift, halo)
        n = reach(like[::-1], inked[::-1], bridge, enough)
        start -= n
        if n < window:
            break
    cover = band.cover * (band.end - band.start) / (end - start)
    if (start, end) == (band.start, band.end) or cover < min_found:
        return band  # grown mostly over what it was not found in: a letter, not a lost piece
    return Band(band.pos, start, end, band.lo, band.hi, cover)


def merge_two(a: Band, b: Band) -> Band:
    la, lb = a.end - a.start, b.end - b.start
    start, end = min(a.start, b.start), max(a.end, b.end)
    ink = min(a.cover * la + b.cover * lb, end - start)
    return Band((a.pos * la + b.pos * lb) / (la + lb), start, end, min(a.lo, b.lo), max(a.hi, b.hi),
                ink / (end - start))


def join_bands(bands: list[Band], snap: int, gap: int) -> list[Band]:
    """Collinear bands (centres within ``snap``) that overlap or come within ``gap``, as one."""
    out: list[Band] = []
    for b in sorted(bands, key=lambda b: b.start):
        k = next((i for i in range(len(out) - 1, -1, -1) if abs(out[i].pos - b.pos) <= snap), None)
        if k is not None and b.start - out[k].end <= gap:
            out[k] = merge_two(out[k], b)
        else:
            out.append(b)
    return out


def mask_to_bands(mask: np.ndarray, dpi: int, s: ScanSettings) -> list[Band]:
    """The line-like strokes along the rows of ``mask``."""
    gap = px(s.ruling_gap, dpi)
    rows, starts, ends = mask_runs(mask, px(s.ruling_min_length, dpi), gap)
    bands = groups_to_bands(runs_to_groups(rows, starts, ends, reach=2, gap=gap), rows, starts, ends)
    halo, bridge, window = px(s.ruling_halo, dpi), px(s.ruling_bridge, dpi), px(s.ruling_long, dpi)
    bands = [grow(b, mask, GROW_DRIFT, halo, bridge, window, px(s.ruling_min_length, dpi),
                  s.ruling_min_found) for b in bands if is_line(b, mask, dpi, s)]
    # grown pieces of one line overlap; text strokes a word space apart stay apart
    return [b for b in join_bands(bands, px(s.ruling_drift, dpi), 1) if b.cover >= s.ruling_min_found]


def bands_to_rulings(orient: str, bands: list[Band], dpi: int) -> list[Ruling]:
    k = 72 / dpi
    return [Ruling(orient, b.pos * k, b.start * k, b.end * k) for b in bands]


def _touches(end: float, across: float, other: Ruling, tol: float) -> bool:
    """A line ending at ``end`` (along), lying at ``across``, meets ``other`` there."""
    return abs(other.pos - end) <= tol and other.start - tol <= across <= other.end + tol


def _trimmed(end: float, inward: float, across: float, cross: list[Ruling], s: ScanSettings) -> float:
    """``end`` moved back to the nearest crossing line it overshoots by more than
    ``ruling_touch`` and at most ``ruling_overshoot``, if it meets none where it is
    (``inward``: +1 for a start, -1 for an end)."""
    beyond = [(c.pos - end) * inward for c in cross if c.start <= across <= c.end]
    if any(abs(b) <= s.ruling_touch for b in beyond):
        return end
    back = [b for b in beyond if s.ruling_touch < b <= s.ruling_overshoot]
    return end + inward * min(back) if back else end


def trim_ends(lines: list[Ruling], s: ScanSettings) -> list[Ruling]:
    """Lines whose ends ran on past the last long crossing line into text touching it
    (tight rows of small print), cut back to that crossing."""
    out = []
    for r in lines:
        cross = [c for c in lines if c.orient != r.orient and c.end - c.start >= s.ruling_long]
        start = _trimmed(r.start, 1.0, r.pos, cross, s)
        end = _trimmed(r.end, -1.0, r.pos, cross, s)
        if (start, end) == (r.start, r.end):
            out.append(r)
        elif end - start >= s.ruling_min_length:
            out.append(Ruling(r.orient, r.pos, start, end))
    return out


def keep_table_lines(lines: list[Ruling], s: ScanSettings) -> list[Ruling]:
    """Long lines, and shorter ones whose both ends meet a kept crossing line (a cell's
    border); repeated until nothing changes, as short borders hold on to each other."""
    kept = {i for i, r in enumerate(lines) if r.end - r.start >= s.ruling_long}
    changed = True
    while changed:
        changed = False
        for i, r in enumerate(lines):
            if i in kept:
                continue
            cross = [lines[j] for j in kept if lines[j].orient != r.orient]
            if all(any(_touches(e, r.pos, c, s.ruling_touch) for c in cross) for e in (r.start, r.end)):
                kept.add(i)
                changed = True
    return [r for i, r in enumerate(lines) if i in kept]


def find_rulings(ink: np.ndarray, dpi: int, s: ScanSettings) -> list[Ruling]:
    """Horizontal and vertical ruling lines of a deskewed page's ink mask, in PDF points
    from the top-left corner: ``Ruling("h", y, x0, x1)`` and ``Ruling("v", x, top, bottom)``;
    a thick line is one ruling at its centre, its extent the ink's."""
    h = bands_to_rulings("h", mask_to_bands(ink, dpi, s), dpi)
    v = bands_to_rulings("v", mask_to_bands(np.ascontiguousarray(ink.T), dpi, s), dpi)
    kept = keep_table_lines(trim_ends(h + v, s), s)
    solid = solid_borders(kept, ink, dpi, s)
    return kept if len(solid) == len(kept) else keep_table_lines(solid, s)


SOLID_BORDER = 0.9  # share of a short border's length between its crossing lines that is ink


def ink_share(r: Ruling, ink: np.ndarray, dpi: int, s: ScanSettings) -> float:
    """Share of the pixels along ``r`` (its centre, give or take the drift) that are ink
    in at least one of its columns (rows, for a horizontal line)."""
    k = dpi / 72
    d = px(s.ruling_drift, dpi)
    p, a, b = int(round(r.pos * k)), max(0, int(r.start * k)), int(r.end * k) + 1
    band = ink[max(0, p - d): p + d + 1, a:b] if r.orient == "h" else ink[a:b, max(0, p - d): p + d + 1].T
    return float(band.any(axis=0).mean()) if band.size else 0.0


def solid_borders(lines: list[Ruling], ink: np.ndarray, dpi: int, s: ScanSettings) -> list[Ruling]:
    """The lines without the short ones whose ink breaks between their ends. A cell's
    border is drawn through to the lines it meets; a digit's stem stands off them (at
    300 dpi a "1" in a 7.4 pt row: 19 px of stem, 3 px and 6 px of paper to the lines)."""
    return [r for r in lines if r.end - r.start >= s.ruling_long or ink_share(r, ink, dpi, s) >= SOLID_BORDER]


def line_rows(strip: np.ndarray, min_dark: float) -> tuple[int, int] | None:
    """The rows of ``strip`` (grey, across the line by along it) that the line darkens:
    the run around the darkest row mean that is at least half as dark; text beside the
    line darkens its rows much less. None where the line is not there."""
    means = strip.mean(axis=1)
    dark = means.max() - means
    peak = int(np.argmax(dark))
    if dark[peak] < min_dark:
        return None
    inside = dark >= dark[peak] / 2
    lo, hi = peak, peak
    while lo > 0 and inside[lo - 1]:
        lo -= 1
    while hi + 1 < inside.size and inside[hi + 1]:
        hi += 1
    return lo, hi


def erase_rulings(img: Image.Image, rulings: list[Ruling], dpi: int,
                  s: ScanSettings = ScanSettings()) -> Image.Image:
    """A copy of the page with each ruling's ink painted white: along the line in chunks
    (``erase_chunk``; a line wanders a little), the rows it darkens, ``erase_margin``
    more either side for its blurred edge. Letters beside the line are left."""
    a = np.array(img)
    k = dpi / 72
    half = px(s.ruling_max_width / 2 + s.ruling_drift, dpi)
    margin, chunk = px(s.erase_margin, dpi), px(s.erase_chunk, dpi)
    for r in rulings:
        view = a if r.orient == "h" else a.T
        p, x0, x1 = int(r.pos * k), max(int(r.start * k), 0), min(int(np.ceil(r.end * k)), view.shape[1])
        y0, y1 = max(p - half, 0), min(p + half + 1, view.shape[0])
        for c in range(x0, x1, chunk):
            found = line_rows(view[y0:y1, c: min(c + chunk, x1)].astype(np.float32), ERASE_MIN_DARK)
            if found:
                view[max(y0 + found[0] - margin, 0): y0 + found[1] + margin + 1, c: min(c + chunk, x1)] = 255
    return Image.fromarray(a, "L")
