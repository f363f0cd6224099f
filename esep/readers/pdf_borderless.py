"""Tables drawn without borders: column-aligned text in a ruling-free region.

Word's plain table style (or another exporter) draws no ruling lines, so the
ruled-table chain of `pdf_tables` finds nothing and the cells would come back
as paragraphs. Here a table is recognised from the text alone:

    line_segments     a line's runs split where the gap is wider than a column gap
    grow_block        from a line of >= ``min_columns`` segments, the lines below
                      (and above) whose segments each fall inside one column
    block_rows        lines into rows: a wider pitch, a new first-column entry,
                      or a fresh start where the previous line had room
    block_to_table    the grid (no merges; a first-column-only first row is a title
                      spanning the width) as a `PdfTable`

Only lines that no ruling crosses vertically are candidates, and a block whose
span holds any ruling is dropped: ruled pages keep exactly what they give. A
block must show at least two rows with text in two or more columns. The
confidence is the share of segments aligned with their column (left, right or
centre) times ``borderless_ceiling``: no drawn line confirms the grid.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Collection

from esep.readers.pdf_page import PdfSettings, Ruling
from esep.readers.pdf_tables import PCell, PdfTable
from esep.readers.pdf_text import Line, cell_text, first_word_width, make_line, runs_to_lines


EDGE_PAD = 1.0  # a column boundary sits this far left of its column's text


@dataclass(frozen=True)
class Seg:
    """Runs of one line that belong to one table column."""

    line: int  # index of the line in the page's lines
    x0: float
    x1: float
    text: str
    runs: tuple


@dataclass
class Col:
    x0: float
    x1: float
    left: float  # x0 of the seed segment: the column's alignment edge
    right: float
    centre: float


def line_segments(line: Line, index: int, s: PdfSettings) -> list[Seg]:
    """The line's runs, split where the gap exceeds ``column_gap`` font sizes."""
    groups: list[list] = [[line.runs[0]]]
    for r in line.runs[1:]:
        prev = groups[-1][-1]
        if r.x0 - max(x.x1 for x in groups[-1]) > s.column_gap * max(r.size, prev.size, 1.0):
            groups.append([r])
        else:
            groups[-1].append(r)
    return [Seg(index, min(r.x0 for r in g), max(r.x1 for r in g), "", tuple(g)) for g in groups]


def ruled_bands(rulings: list[Ruling]) -> list[tuple[float, float]]:
    """Vertical extents that a ruling occupies."""
    return [(r.pos - 1.0, r.pos + 1.0) if r.orient == "h" else (r.start, r.end) for r in rulings]


def _crossed(top: float, bottom: float, bands: list[tuple[float, float]]) -> bool:
    return any(a <= bottom and b >= top for a, b in bands)


def _gap(seg: Seg, s: PdfSettings) -> float:
    return s.column_gap * max((r.size for r in seg.runs), default=1.0)


def _column_of(seg: Seg, cols: list[Col], s: PdfSettings) -> Col | None:
    """The one column whose zone holds ``seg``: from a column gap after the previous
    column (the first column's left end) to a column gap before the next one."""
    gap = _gap(seg, s)
    for j, c in enumerate(cols):
        lo = cols[j - 1].x1 + gap if j else c.x0 - s.align_tolerance
        hi = cols[j + 1].x0 - gap if j + 1 < len(cols) else float("inf")
        if lo <= seg.x0 and seg.x1 <= hi and seg.x1 >= c.x0 - gap:
            return c
    return None


def _free(seg: Seg, cols: list[Col], s: PdfSettings) -> bool:
    """``seg`` keeps a column gap from every column: a column empty in the rows so far."""
    gap = _gap(seg, s)
    return all(seg.x1 + gap <= c.x0 or seg.x0 >= c.x1 + gap for c in cols)


def _fits(segs: list[Seg], cols: list[Col], s: PdfSettings) -> list[Col] | None:
    """Column of each segment (new columns for segments in free space), or None when
    one bridges a gutter or two share a column. New columns are added to ``cols``."""
    where: list[Col | None] = [_column_of(g, cols, s) for g in segs]
    fresh = [g for g, c in zip(segs, where) if c is None]
    if any(not _free(g, cols, s) for g in fresh) or len({id(c) for c in where if c}) < len(segs) - len(fresh):
        return None
    for k, g in enumerate(segs):
        if where[k] is None:
            where[k] = Col(g.x0, g.x1, g.x0, g.x1, (g.x0 + g.x1) / 2)
            cols.append(where[k])
    cols.sort(key=lambda c: c.x0)
    return where  # type: ignore[return-value]


def _widen(cols: list[Col], segs: list[Seg], where: list[Col]) -> None:
    for g, c in zip(segs, where):
        c.x0 = min(c.x0, g.x0)
        c.x1 = max(c.x1, g.x1)


@dataclass
class Block:
    lines: list[int]
    cols: list[Col]
    place: dict[int, list[tuple[Seg, Col]]]  # line -> (segment, column)

    def indexed(self, k: int) -> list[tuple[Seg, int]]:
        """The segments of line ``k`` with their column's index."""
        index = {id(c): j for j, c in enumerate(self.cols)}
        return [(g, index[id(c)]) for g, c in self.place[k]]


def _near(lines: list[Line], a: int, b: int, s: PdfSettings) -> bool:
    """Consecutive lines ``a`` above ``b`` are close enough to be one table."""
    size = max(lines[a].size, lines[b].size, 1.0)
    return 0 < lines[b].baseline - lines[a].baseline <= s.table_row_pitch * size


def _take(block: Block, cols: list[Col], segs: list[list[Seg]], k: int, s: PdfSettings,
          at_end: bool) -> bool:
    """Add line ``k`` to the block (below it, or above) if its pieces fit the columns."""
    trial = list(cols)
    where = _fits(segs[k], trial, s)
    if where is None:
        return False
    cols[:] = trial
    _widen(cols, segs[k], where)
    block.lines.insert(len(block.lines) if at_end else 0, k)
    block.place[k] = list(zip(segs[k], where))
    return True


def grow_block(seed: int, lines: list[Line], segs: list[list[Seg]], ok: list[bool],
               taken: set[int], s: PdfSettings) -> Block:
    cols = [Col(g.x0, g.x1, g.x0, g.x1, (g.x0 + g.x1) / 2) for g in segs[seed]]
    block = Block([seed], cols, {seed: list(zip(segs[seed], cols))})
    j = seed + 1
    while j < len(lines) and ok[j] and j not in taken and _near(lines, j - 1, j, s) \
            and _take(block, cols, segs, j, s, at_end=True):
        j += 1
    i = seed - 1
    while i >= 0 and ok[i] and i not in taken and _near(lines, i, i + 1, s) \
            and _take(block, cols, segs, i, s, at_end=False):
        i -= 1
    return block


def _had_room(prev: Seg, nxt: Seg, right: float, s: PdfSettings) -> bool:
    """The next line's first word would have fit after ``prev`` in its column."""
    line = make_line(list(nxt.runs), s)
    size = max(r.size for r in prev.runs)
    return prev.x1 + 0.3 * size + first_word_width(line) + s.fit_margin * size < right


def _wide(lines: list[Line], a: int, b: int, pitch: float, s: PdfSettings) -> bool:
    """More than the usual line pitch between lines ``a`` and ``b``: paragraph (row) spacing."""
    return (lines[b].baseline - lines[a].baseline) / max(lines[a].size, 1.0) > pitch + s.para_gap


def block_rows(b: Block, lines: list[Line], pitch: float, s: PdfSettings) -> list[list[int]]:
    """The block's lines grouped into table rows."""
    rights = [c.x1 for c in b.cols]
    rows: list[list[int]] = []
    spaced = any(_wide(lines, p, k, pitch, s) for p, k in zip(b.lines, b.lines[1:]))
    for k in b.lines:
        if not rows:
            rows.append([k])
            continue
        p = rows[-1][-1]
        here = {j: g for g, j in b.indexed(k)}
        before = {j: g for g, j in b.indexed(p)}
        if spaced:
            new = _wide(lines, p, k, pitch, s)
        else:  # rows set solid: a new first-column entry, or every cell starts afresh
            new = (0 in here and 0 not in before) or all(
                j in before and not g.runs[0].text[:1].islower() and _had_room(before[j], g, rights[j], s)
                for j, g in here.items())
        if new:
            rows.append([k])
        else:
            rows[-1].append(k)
    return rows


def _aligned(g: Seg, c: Col, tol: float) -> bool:
    return abs(g.x0 - c.left) <= tol or abs(g.x1 - c.right) <= tol or abs((g.x0 + g.x1) / 2 - c.centre) <= tol


def block_to_table(b: Block, rows: list[list[int]], lines: list[Line], page: int,
                   s: PdfSettings, words: Collection[str] = ()) -> PdfTable | None:
    """The block as a table, or None when it does not look like one."""
    n = len(b.cols)
    place = {k: b.indexed(k) for k in b.lines}
    filled = [{j for k in row for _, j in place[k]} for row in rows]
    wide = sum(len(place[k]) >= s.min_columns for k in b.lines)
    at_edge = b.lines[0] == 0 or b.lines[-1] == len(lines) - 1  # may go on from / onto another page
    if n < s.min_columns or not (wide >= 2 and len(rows) >= 2 or wide and at_edge and len(b.lines) >= 2):
        return None
    edges = [c.x0 - EDGE_PAD for c in b.cols] + [b.cols[-1].x1 + EDGE_PAD]  # left ends: stable across pages
    cells: list[PCell] = []
    for r, row in enumerate(rows):
        top = min(lines[k].top for k in row)
        bottom = max(lines[k].bottom for k in row)
        title = r == 0 and filled[r] == {0} and len(rows) > 1
        for j in range(n):
            if title and j:
                continue
            runs = [run for k in row for g, c in place[k] if c == j for run in g.runs]
            x1 = edges[-1] if title else edges[j + 1]
            text = _cell_text(_cell_lines(runs, s), b.cols[j].x1 + 1.0, words, s) if runs else ""
            cells.append(PCell(text, r, 1, page, (edges[j], top, x1, bottom)))
    segs = [(g, j) for k in b.lines for g, j in place[k]]
    aligned = sum(_aligned(g, b.cols[j], s.align_tolerance) for g, j in segs)
    bbox = (edges[0], min(lines[k].top for k in b.lines), edges[-1], max(lines[k].bottom for k in b.lines))
    return PdfTable(cells, len(rows), [page], bbox, edges, aligned, len(segs), list(edges),
                    ceiling=s.borderless_ceiling, borderless=True)


WORD = re.compile(r"\w+")


def word_set(lines: list[Line]) -> set[str]:
    """The words of a document's lines, lower case: for telling a word cut by a
    narrow column ("тұрақтылық" / "ты") from two words ("тұлғаларды" / "тарту")."""
    return {w for l in lines for w in WORD.findall(l.text.lower())}


def _cut_word(a: Line, b: Line, words: Collection[str]) -> bool:
    """``a`` ends in the first part of a word that ``b`` finishes: no space was printed
    after it, and the joined word is one the document uses elsewhere."""
    if a.runs[-1].text.endswith(" ") or not a.text[-1:].isalpha() or not b.text[:1].isalpha():
        return False
    head, tail = WORD.findall(a.text.lower()), WORD.findall(b.text.lower())
    return bool(head and tail) and head[-1] + tail[0] in words


def _cell_text(lines: list[Line], right: float, words: Collection[str], s: PdfSettings) -> str:
    """The cell's text; a word that a narrow column cut in two is joined again."""
    if not words or len(lines) < 2:
        return cell_text(lines, right, s)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _cut_word(prev, line, words):
            groups[-1].append(line)
        else:
            groups.append([line])
    joined = [Line(tuple(r for l in g for r in l.runs), "".join(l.text for l in g), g[0].x0, g[0].top,
                   g[-1].x1, g[-1].bottom, g[-1].baseline, g[0].size, all(l.bold for l in g)) for g in groups]
    return cell_text(joined, right, s)


def _cell_lines(runs: list, s: PdfSettings) -> list[Line]:
    return runs_to_lines(runs, s)


def _set_alignment(b: Block) -> None:
    """A column's alignment edges: the most common left, right and centre of its segments."""
    for c in b.cols:
        mine = [g for k in b.lines for g, x in b.place[k] if x is c]
        c.left = _mode([g.x0 for g in mine])
        c.right = _mode([g.x1 for g in mine])
        c.centre = _mode([(g.x0 + g.x1) / 2 for g in mine])


def _mode(values: list[float]) -> float:
    """The value with the most others within 2 pt."""
    return max(values, key=lambda v: sum(abs(v - w) <= 2.0 for w in values))


def _hand_over_title(a: Block, b: Block, lines: list[Line], s: PdfSettings) -> None:
    """Lines closing ``a`` with text in its first column only, directly above ``b``,
    that fit ``b``'s first column: the title row of ``b`` (a title row closes no table)."""
    moved: list[int] = []
    while len(a.lines) > 1 and _near(lines, a.lines[-1], (moved or b.lines)[0], s):
        k = a.lines[-1]
        segs = [g for g, _ in a.place[k]]
        if [j for _, j in a.indexed(k)] != [0] or len(segs) != 1 or _column_of(segs[0], b.cols, s) is not b.cols[0]:
            break
        moved.insert(0, k)
        a.lines.pop()
    for k in moved:
        b.place[k] = [(g, b.cols[0]) for g, _ in a.place.pop(k)]
    b.lines[:0] = moved


def borderless_tables(lines: list[Line], rulings: list[Ruling], page: int, pitch: float,
                      s: PdfSettings, words: Callable[[], Collection[str]] = set) -> tuple[list[PdfTable], list[Line]]:
    """Tables without ruling lines on one page, and the lines outside them."""
    if not s.borderless or len(lines) < 2:
        return [], lines
    segs = [line_segments(l, i, s) for i, l in enumerate(lines)]
    if not any(len(g) >= s.min_columns for g in segs):
        return [], lines
    bands = ruled_bands(rulings)
    ok = [not _crossed(l.top, l.bottom, bands) for l in lines]
    taken: set[int] = set()
    blocks: list[Block] = []
    for i in range(len(lines)):
        if i in taken or not ok[i] or len(segs[i]) < s.min_columns:
            continue
        b = grow_block(i, lines, segs, ok, taken, s)
        if blocks and blocks[-1].lines[-1] + 1 == b.lines[0]:
            _hand_over_title(blocks[-1], b, lines, s)
        blocks.append(b)
        taken.update(b.lines)
    tables: list[PdfTable] = []
    used: set[int] = set()
    for b in blocks:
        top = min(lines[k].top for k in b.lines)
        bottom = max(lines[k].bottom for k in b.lines)
        if _crossed(top, bottom, bands):
            continue
        _set_alignment(b)
        t = block_to_table(b, block_rows(b, lines, pitch, s), lines, page, s, words())
        if t is not None:
            tables.append(t)
            used.update(b.lines)
    return tables, [l for i, l in enumerate(lines) if i not in used]
