"""Table ruling lines of a deskewed scan, as the PDF reader's `Ruling`s; and their erasure.

The chain, per orientation (vertical lines are found the same way in the
transposed mask), in pixels until the last step:

    mask_runs         straight runs of ink along the rows, small breaks closed,
                      ``ruling_min_length`` or longer
    runs_to_groups    runs in neighbouring rows that overlap are one stroke
    group_to_band     the stroke's extent, ink-weighted centre, thickness and ink cover
    is_line           thin, solid, and with paper beside it (a word's baseline has letters)
    grow              on along the band's rows over line-like columns (ink there, paper
                      beside), across short breaks: pieces too short to be found alone
    join_bands        collinear pieces that overlap or nearly touch are one line
    bands_to_rulings  in PDF points, top-left origin
    trim_ends         an end that ran on past the last crossing into touching text is cut back
    keep_table_lines  a long line stands alone; a shorter one must run between two
                      crossing lines (a table's cell border), else it is a letter's stem

`find_rulings` runs the chain; `erase_rulings` paints the lines' ink white so
that Tesseract does not read them as ``|`` or ``_``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from esep.readers.pdf_page import Ruling
from esep.readers.scan_image import ScanSettings


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
    joined = (rows[1:] == rows[:-1]) & (starts[1:] - ends[:-1] <= gap)
    first = np.flatnonzero(np.r_[True, ~joined])
    last = np.r_[first[1:] - 1, rows.size - 1]
    rows, starts, ends = rows[first], starts[first], ends[last]
    keep = ends - starts >= min_len
    return rows[keep], starts[keep], ends[keep]


def runs_to_groups(rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, reach: int,
                   gap: int) -> list[list[int]]:
    """Indices of runs forming one stroke: a run joins runs up to ``reach`` rows below it
    that overlap it or come within ``gap`` of it along the row."""
    parent = list(range(rows.size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_row: dict[int, list[int]] = {}
    for i, r in enumerate(rows.tolist()):
        by_row.setdefault(r, []).append(i)
    for i, r in enumerate(rows.tolist()):
        for rr in range(r, r + reach + 1):
            for j in by_row.get(rr, ()):
                if j > i and starts[j] <= ends[i] + gap and starts[i] <= ends[j] + gap:
                    parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(rows.size):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def covered(starts: np.ndarray, ends: np.ndarray) -> int:
    """Pixels covered by the union of intervals ``[start, end)``."""
    total, reach = 0, -1
    for a, b in sorted(zip(starts.tolist(), ends.tolist())):
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total


def group_to_band(idx: list[int], rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> Band:
    r, a, b = rows[idx], starts[idx], ends[idx]
    lengths = b - a
    start, end = int(a.min()), int(b.max())
    pos = float(np.sum((r + 0.5) * lengths) / np.sum(lengths))
    return Band(pos, start, end, int(r.min()), int(r.max()), covered(a, b) / (end - start))


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
    and bars ran together (its columns hold less ink than the band is high), not a
    stroke of a letter (ink beside it)."""
    drift = px(s.ruling_drift, dpi)
    thick = band.hi - band.lo + 1
    if thick > px(s.ruling_max_width, dpi) + drift or band.cover < s.ruling_min_cover:
        return False
    columns = mask[band.lo: band.hi + 1, band.start: band.end].sum(axis=0)
    if thick > np.median(columns) + drift:
        return False
    return halo_ink(mask, band, px(s.ruling_halo, dpi)) <= s.ruling_max_halo_ink


def column_kinds(mask: np.ndarray, band: Band, x0: int, x1: int, drift: int,
                 halo: int) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``x0..x1``: (line-like, inked). Inked: ink in the band's rows, give or
    take ``drift``; line-like: inked with paper ``halo`` beyond, as along a ruling (a
    crossing line, or a letter, has ink beside too)."""
    lo, hi = max(band.lo - drift, 0), min(band.hi + drift, mask.shape[0] - 1)
    inked = mask[lo: hi + 1, x0:x1].any(axis=0)
    like = inked.copy()
    for r in (lo - halo, hi + halo):
        if 0 <= r < mask.shape[0]:
            like &= ~mask[r, x0:x1]
    return like, inked


def reach(like: np.ndarray, inked: np.ndarray, bridge: int) -> int:
    """How far a line goes on into the columns after its end: over line-like columns and
    breaks (paper) of at most ``bridge``, up to the first crossing or letter (inked, but
    not line-like), which it covers if it gets there without a break, as far as ``bridge``
    (at a table's edge the line's ink reaches the crossing line's outer edge)."""
    other = np.flatnonzero(inked & ~like)
    limit = int(other[0]) if other.size else like.size
    idx = np.flatnonzero(like[:limit])
    if idx.size == 0 or idx[0] > bridge:
        n = 0
    else:
        breaks = np.flatnonzero(np.diff(idx) > bridge + 1)
        n = int(idx[breaks[0]] if breaks.size else idx[-1]) + 1
    paper = np.flatnonzero(~inked[n: n + bridge + 1])
    return n + int(paper[0] if paper.size else 0)


def grow(band: Band, mask: np.ndarray, drift: int, halo: int, bridge: int, window: int) -> Band:
    """``band`` extended along its rows over line-like columns across breaks of at most
    ``bridge``: the pieces of a broken line too short to be found on their own. Its
    ``cover`` stays the share of it found on its own."""
    start, end, w = band.start, band.end, mask.shape[1]
    while end < w:
        n = reach(*column_kinds(mask, band, end, min(end + window, w), drift, halo), bridge)
        end += n
        if n < window:
            break
    while start > 0:
        like, inked = column_kinds(mask, band, max(start - window, 0), start, drift, halo)
        n = reach(like[::-1], inked[::-1], bridge)
        start -= n
        if n < window:
            break
    if (start, end) == (band.start, band.end):
        return band
    return Band(band.pos, start, end, band.lo, band.hi, band.cover * (band.end - band.start) / (end - start))


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
    groups = runs_to_groups(rows, starts, ends, reach=2, gap=gap)
    bands = [group_to_band(g, rows, starts, ends) for g in groups]
    drift, halo, bridge = px(s.ruling_drift, dpi), px(s.ruling_halo, dpi), px(s.ruling_bridge, dpi)
    window = px(s.ruling_long, dpi)
    bands = [grow(b, mask, drift, halo, bridge, window) for b in bands if is_line(b, mask, dpi, s)]
    # grown pieces of one line overlap; text strokes a word space apart stay apart
    return [b for b in join_bands(bands, drift, 1) if b.cover >= s.ruling_min_found]


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
        out.append(r if (start, end) == (r.start, r.end) else Ruling(r.orient, r.pos, start, end))
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
    return keep_table_lines(trim_ends(h + v, s), s)


def erase_rulings(img: Image.Image, rulings: list[Ruling], dpi: int,
                  s: ScanSettings = ScanSettings()) -> Image.Image:
    """A copy of the page with each ruling painted white: ``ruling_max_width`` wide plus
    ``erase_margin`` either side of its centre, and as long as it is."""
    out = img.copy()
    draw = ImageDraw.Draw(out)
    k = dpi / 72
    half = (s.ruling_max_width / 2 + s.erase_margin) * k
    for r in rulings:
        a, b, p = r.start * k, r.end * k, r.pos * k
        box = (a, p - half, b, p + half) if r.orient == "h" else (p - half, a, p + half, b)
        draw.rectangle(box, fill=255)
    return out
