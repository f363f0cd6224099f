"""Tables from ruling lines: the grid, merged cells, and tables cut by page breaks.

The chain, after pdfplumber's table finder but on pypdfium2 path objects:

    merge_rulings       snap nearly-equal positions, join collinear pieces
    ruling_components   rulings that touch each other form one table
    component_to_grid   the unique x's and y's of a table's lines
    grid_to_cells       a cell is merged where an internal ruling is missing
    fill_cells          each text run goes to the cell under its centre
    continue_table      a table cut by a page break is appended to its first part
    pdf_table_to_model  the `esep.model.Table` over the union of column edges
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from esep.model import BBox, Cell, Prov, Table
from esep.readers.pdf_page import PdfSettings, Ruling, Run
from esep.readers.pdf_text import cell_text, runs_to_lines


@dataclass(frozen=True)
class Grid:
    """The unique column (``xs``) and row (``ys``) boundaries of one table."""

    xs: list[float]
    ys: list[float]
    h: list[Ruling]
    v: list[Ruling]

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


@dataclass(frozen=True)
class CellBox:
    """A (possibly merged) cell of one page's grid."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: BBox


@dataclass
class PCell:
    """A cell of a table that may span pages: rows counted over the whole table."""

    text: str
    row: int
    rowspan: int
    page: int
    bbox: BBox


@dataclass
class PdfTable:
    """A table as found, possibly made of parts on consecutive pages."""

    cells: list[PCell]
    n_rows: int
    pages: list[int]
    bbox: BBox  # of the part on the first page
    edges: list[float]  # column boundaries of every part, merged
    fit: int = 0  # runs lying inside one cell
    runs: int = 0  # runs in the table's area
    last_edges: list[float] = field(default_factory=list)  # columns of the last part
    ceiling: float = 1.0  # the best confidence the way it was found allows
    borderless: bool = False  # found from text alignment, not ruling lines

    @property
    def top(self) -> float:
        return self.bbox[1]


def cluster(values: list[float], tol: float) -> list[float]:
    """Sorted values with runs closer than ``tol`` replaced by their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def merge_rulings(rulings: list[Ruling], s: PdfSettings) -> list[Ruling]:
    """Snap positions within ``snap_tolerance`` and join collinear overlapping pieces."""
    out: list[Ruling] = []
    for orient in ("h", "v"):
        group = sorted((r for r in rulings if r.orient == orient), key=lambda r: r.pos)
        for pos in cluster([r.pos for r in group], s.snap_tolerance):
            pieces = sorted((r for r in group if abs(r.pos - pos) <= s.snap_tolerance),
                            key=lambda r: r.start)
            out.extend(_join_pieces(orient, pos, pieces, s.join_tolerance))
    return out


def _join_pieces(orient: str, pos: float, pieces: list[Ruling], tol: float) -> list[Ruling]:
    joined: list[Ruling] = []
    for p in pieces:
        if joined and p.start <= joined[-1].end + tol:
            last = joined[-1]
            joined[-1] = Ruling(orient, pos, last.start, max(last.end, p.end))
        else:
            joined.append(Ruling(orient, pos, p.start, p.end))
    return joined


def _touch(h: Ruling, v: Ruling, tol: float) -> bool:
    return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol


def ruling_components(rulings: list[Ruling], s: PdfSettings) -> list[list[Ruling]]:
    """Groups of rulings connected by crossings; each group with both orientations."""
    parent = list(range(len(rulings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hs = [i for i, r in enumerate(rulings) if r.orient == "h"]
    vs = [i for i, r in enumerate(rulings) if r.orient == "v"]
    for i in hs:
        for j in vs:
            if _touch(rulings[i], rulings[j], s.snap_tolerance):
                parent[find(i)] = find(j)
    groups: dict[int, list[Ruling]] = {}
    for i, r in enumerate(rulings):
        groups.setdefault(find(i), []).append(r)
    return [g for g in groups.values() if {r.orient for r in g} == {"h", "v"}]


def component_to_grid(rulings: list[Ruling], s: PdfSettings) -> Grid | None:
    """Column and row boundaries; the outer frame comes from the lines' extents
    too, so a table drawn without its outer border keeps its first and last columns."""
    h = [r for r in rulings if r.orient == "h"]
    v = [r for r in rulings if r.orient == "v"]
    x_ext = [min(r.start for r in h), max(r.end for r in h)]
    y_ext = [min(r.start for r in v), max(r.end for r in v)]
    xs = cluster([r.pos for r in v] + x_ext, s.snap_tolerance)
    ys = cluster([r.pos for r in h] + y_ext, s.snap_tolerance)
    if len(xs) < 2 or len(ys) < 2:
        return None
    return Grid(xs, ys, h, v)


def _covers(lines: list[Ruling], pos: float, a: float, b: float, tol: float) -> bool:
    """A ruling at ``pos`` covers the middle half of ``a..b``."""
    q = (b - a) / 4
    return any(abs(r.pos - pos) <= tol and r.start <= a + q and r.end >= b - q for r in lines)


def wall_maps(g: Grid, s: PdfSettings) -> tuple[list[list[bool]], list[list[bool]]]:
    """``vwall[i][j]``: a line left of grid column j in row i; ``hwall[i][j]``: above row i in column j."""
    nr, nc = len(g.ys) - 1, len(g.xs) - 1
    t = s.snap_tolerance
    vwall = [[j == 0 or _covers(g.v, g.xs[j], g.ys[i], g.ys[i + 1], t) for j in range(nc)] for i in range(nr)]
    hwall = [[i == 0 or _covers(g.h, g.ys[i], g.xs[j], g.xs[j + 1], t) for j in range(nc)] for i in range(nr)]
    return vwall, hwall


def grid_to_cells(g: Grid, s: PdfSettings) -> list[CellBox]:
    """Cells of the grid, merging neighbours that no ruling separates."""
    nr, nc = len(g.ys) - 1, len(g.xs) - 1
    vwall, hwall = wall_maps(g, s)
    taken = [[False] * nc for _ in range(nr)]
    cells: list[CellBox] = []
    for i in range(nr):
        for j in range(nc):
            if taken[i][j]:
                continue
            cs = 1
            while j + cs < nc and not vwall[i][j + cs] and not taken[i][j + cs]:
                cs += 1
            rs = 1
            while i + rs < nr and not any(hwall[i + rs][j + k] or taken[i + rs][j + k] for k in range(cs)):
                rs += 1
            for a in range(i, i + rs):
                for b in range(j, j + cs):
                    taken[a][b] = True
            cells.append(CellBox(i, j, rs, cs, (g.xs[j], g.ys[i], g.xs[j + cs], g.ys[i + rs])))
    return cells


def _inside(r: Run, bbox: BBox, tol: float = 0.0) -> bool:
    return bbox[0] - tol <= r.x0 and r.x1 <= bbox[2] + tol and bbox[1] - tol <= r.top and r.bottom <= bbox[3] + tol


def _centre_in(r: Run, bbox: BBox) -> bool:
    return bbox[0] <= r.cx <= bbox[2] and bbox[1] <= r.cy <= bbox[3]


def fill_cells(g: Grid, cells: list[CellBox], runs: list[Run], s: PdfSettings) -> tuple[dict[int, list[Run]], int]:
    """Runs of each cell (by index in ``cells``), and how many runs fit their cell."""
    owner: dict[tuple[int, int], int] = {}
    for k, c in enumerate(cells):
        for a in range(c.row, c.row + c.rowspan):
            for b in range(c.col, c.col + c.colspan):
                owner[(a, b)] = k
    found: dict[int, list[Run]] = {}
    fit = 0
    for r in runs:
        i = min(max(bisect.bisect_right(g.ys, r.cy) - 1, 0), len(g.ys) - 2)
        j = min(max(bisect.bisect_right(g.xs, r.cx) - 1, 0), len(g.xs) - 2)
        k = owner[(i, j)]
        found.setdefault(k, []).append(r)
        fit += _inside(r, cells[k].bbox, s.cell_fit_tolerance)
    return found, fit


def text_of_cell(box: CellBox, runs: list[Run], s: PdfSettings) -> str:
    if not runs:
        return ""
    lines = runs_to_lines(runs, s)
    pad = max(min(l.x0 for l in lines) - box.bbox[0], 0.0)
    return cell_text(lines, box.bbox[2] - pad, s)


def page_tables(rulings: list[Ruling], runs: list[Run], page: int, s: PdfSettings) -> tuple[list[PdfTable], list[Run]]:
    """The tables of one page, and the runs that lie outside every table."""
    tables: list[PdfTable] = []
    free = list(runs)
    for comp in ruling_components(merge_rulings(rulings, s), s):
        g = component_to_grid(comp, s)
        if g is None:
            continue
        cells = grid_to_cells(g, s)
        if len(cells) < s.min_cells:
            continue
        mine = [r for r in free if _centre_in(r, g.bbox)]
        found, fit = fill_cells(g, cells, mine, s)
        pcells = [PCell(text_of_cell(c, found.get(k, []), s), c.row, c.rowspan, page, c.bbox)
                  for k, c in enumerate(cells)]
        tables.append(PdfTable(pcells, len(g.ys) - 1, [page], g.bbox, list(g.xs), fit, len(mine), list(g.xs)))
        taken = set(map(id, mine))
        free = [r for r in free if id(r) not in taken]
    tables.sort(key=lambda t: t.top)
    return tables, free


def edges_match(a: list[float], b: list[float], tol: float) -> bool:
    """Same outer edges, and every boundary of the shorter list is one of the longer's."""
    if abs(a[0] - b[0]) > tol or abs(a[-1] - b[-1]) > tol:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return all(any(abs(x - y) <= tol for y in long_) for x in short)


def row_key(t: PdfTable, r: int) -> tuple[str, ...]:
    """A row's origin-cell texts, left to right, for spotting a repeated header."""
    return tuple(c.text for c in sorted((c for c in t.cells if c.row == r), key=lambda c: c.bbox[0]))


def repeated_header_rows(a: PdfTable, b: PdfTable, s: PdfSettings) -> int:
    """How many first rows of ``b`` repeat the first rows of ``a``."""
    best = 0
    for k in range(1, min(s.max_repeated_header_rows, a.n_rows, b.n_rows - 1) + 1):
        if all(row_key(a, r) == row_key(b, r) and any(row_key(a, r)) for r in range(k)):
            best = k
    return best


def drop_rows(t: PdfTable, k: int) -> PdfTable:
    """``t`` without its first ``k`` rows (cells starting there are dropped)."""
    cells = [PCell(c.text, c.row - k, c.rowspan, c.page, c.bbox) for c in t.cells if c.row >= k]
    return PdfTable(cells, t.n_rows - k, t.pages, t.bbox, t.edges, t.fit, t.runs, t.last_edges,
                    t.ceiling, t.borderless)


def _same_column(a: PCell, b: PCell, tol: float) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) <= tol and abs(a.bbox[2] - b.bbox[2]) <= tol


def split_row_pairs(a: PdfTable, b: PdfTable, s: PdfSettings) -> list[tuple[PCell, PCell]] | None:
    """Pairs (last-row cell of ``a``, first-row cell of ``b``) when ``b``'s first row is the
    rest of ``a``'s last row: every non-empty piece sits under a non-empty cell, starts
    in lower case (a wrapped sentence goes on), and some column of the row is already done."""
    last = [c for c in a.cells if c.row + c.rowspan == a.n_rows]
    first = [c for c in b.cells if c.row == 0]
    if not first or any(c.rowspan > 1 for c in first):
        return None
    pairs = []
    for c in first:
        above = next((x for x in last if _same_column(x, c, s.column_tolerance)), None)
        if above is None and b.borderless and not c.text:
            continue  # a column the first part has no text in: nothing to glue
        if above is None:
            return None
        pairs.append((above, c))
    pieces = [(x, c) for x, c in pairs if c.text]
    ok = pieces and all(x.text and c.text[0].islower() for x, c in pieces)
    done = any(x.text and not c.text for x, c in pairs)
    return pairs if ok and done else None


def merged_cell_pairs(a: PdfTable, b: PdfTable, s: PdfSettings) -> list[tuple[PCell, PCell]]:
    """(merged cell of ``a``'s last row, empty merged cell under it opening ``b``): a
    vertically merged cell that the page break cut; its text is printed only on the
    first page. Both parts must span rows: an empty single cell under a merged header
    is just an empty data cell."""
    last = [c for c in a.cells if c.row + c.rowspan == a.n_rows and c.rowspan > 1 and c.text]
    first = [c for c in b.cells if c.row == 0 and not c.text and c.rowspan > 1]
    return [(x, c) for x in last for c in first if _same_column(x, c, s.column_tolerance)]


def continue_table(a: PdfTable, b: PdfTable, s: PdfSettings) -> PdfTable:
    """``a`` with the rows of its continuation ``b`` appended."""
    b = drop_rows(b, repeated_header_rows(a, b, s))
    pairs = split_row_pairs(a, b, s) if s.join_split_rows else None
    if pairs:
        for above, piece in pairs:
            if piece.text:
                above.text = f"{above.text} {piece.text}"
        b = drop_rows(b, 1)
    elif s.join_split_rows:
        for above, piece in merged_cell_pairs(a, b, s):
            above.rowspan += piece.rowspan
            b.cells.remove(piece)
    moved = [PCell(c.text, c.row + a.n_rows, c.rowspan, c.page, c.bbox) for c in b.cells]
    edges = cluster(a.edges + b.last_edges, s.column_tolerance)
    return PdfTable(a.cells + moved, a.n_rows + b.n_rows, a.pages + [p for p in b.pages if p not in a.pages],
                    a.bbox, edges, a.fit + b.fit, a.runs + b.runs, b.last_edges,
                    min(a.ceiling, b.ceiling), a.borderless or b.borderless)


def confidence(t: PdfTable) -> float:
    """Share of the text runs in the table's area that lie inside one cell.

    1.0: every piece of text sat within its cell's borders; a run crossing a
    border means the grid and the text disagree. 0.5 for a table with no text.
    A borderless table counts text segments aligned with their column instead,
    scaled by its ``ceiling``: no drawn line confirms its grid.
    """
    return round(t.ceiling * t.fit / t.runs, 3) if t.runs else 0.5


def _nearest(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def pdf_table_to_model(t: PdfTable, number: int) -> Table:
    """The model `Table`: a full grid over all column edges, a merged cell at every position it covers."""
    ncols = max(len(t.edges) - 1, 1)
    grid: list[list[Cell | None]] = [[None] * ncols for _ in range(t.n_rows)]
    for pc in sorted(t.cells, key=lambda c: (c.row, c.bbox[0])):
        c0 = min(_nearest(t.edges, pc.bbox[0]), ncols - 1)
        c1 = max(_nearest(t.edges, pc.bbox[2]), c0 + 1)
        cell = Cell(pc.text, pc.row, c0, pc.rowspan, c1 - c0, pc.page, _round_box(pc.bbox))
        for r in range(pc.row, min(pc.row + pc.rowspan, t.n_rows)):
            for c in range(c0, min(c1, ncols)):
                if grid[r][c] is None:
                    grid[r][c] = cell
    full = [[cell or Cell("", r, c, page=t.pages[0]) for c, cell in enumerate(row)] for r, row in enumerate(grid)]
    prov = Prov(t.pages[0], f"table:{number}", _round_box(t.bbox))
    return Table(full, prov, pages=list(t.pages), confidence=confidence(t))


def _round_box(b: BBox) -> BBox:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))
