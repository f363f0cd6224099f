"""Parse the seed's markdown-ish text form into blocks for rendering.

The seed is a Word document exported as text: `#` headings, `**bold**` and
`<b>…</b>` spans, blank-line separated paragraphs (a trailing double space is
a soft line break), and tables as runs of TAB-separated lines. This module
turns that into `Para` / `Table` blocks and works out which table cells the
original Word layout merged (see `table_merges`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,4})\s+(.*)$")
_SEPARATOR = re.compile(r"^[\s\-|:]*-{3,}[\s\-|:]*$")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_ANGLE_LINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_BOLD_TOKEN = re.compile(r"(\*\*|</?b>)")
_TAG = re.compile(r"</?b>")
_NUMERIC = re.compile(r"\d[\d\s.,]*")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one weight; "\n" inside means a soft line break."""
    text: str
    bold: bool = False


@dataclass
class Para:
    """A paragraph; `level` 1–4 for headings, 0 for body text."""
    runs: list[Run]
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Merge:
    """A rectangular cell merge, inclusive bounds, 0-based."""
    r0: int
    c0: int
    r1: int
    c1: int


@dataclass
class Table:
    """A tab block: rows of cells (each cell a list of runs), plus merges."""
    rows: list[list[list[Run]]]
    kinds: list[str] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    @property
    def ncols(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def cell_text(self, r: int, c: int) -> str:
        return "".join(run.text for run in self.rows[r][c]).strip()


Block = Para | Table


def clean_inline(text: str) -> str:
    """Links to plain text and markdown escapes undone; bold markers kept."""
    text = text.replace("\\\\_", "_").replace("\\_", "_")
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    return _ANGLE_LINK.sub(lambda m: m.group(1), text)


def parse_runs(text: str) -> list[Run]:
    """Split text on `**` toggles and `<b>`/`</b>` tags into bold/plain runs."""
    runs: list[Run] = []
    bold = False
    for piece in _BOLD_TOKEN.split(clean_inline(text)):
        if piece == "**":
            bold = not bold
        elif piece == "<b>":
            bold = True
        elif piece == "</b>":
            bold = False
        elif piece:
            if runs and runs[-1].bold == bold:
                runs[-1] = Run(runs[-1].text + piece, bold)
            else:
                runs.append(Run(piece, bold))
    return runs


def _paragraph(lines: list[str]) -> Para:
    """Join a paragraph's lines; a two-space line end becomes a soft break."""
    level = 0
    m = _HEADING.match(lines[0])
    if m and len(lines) == 1:
        level, lines = len(m.group(1)), [m.group(2)]
    parts = []
    for i, line in enumerate(lines):
        last = i == len(lines) - 1
        if line.endswith("  ") and not last:
            parts.append(line.rstrip() + "\n")
        else:
            parts.append(line.rstrip() + ("" if last else " "))
    return Para(parse_runs("".join(parts)), level)


def _table(lines: list[str]) -> Table:
    rows = [line.split("\t") for line in lines]
    ncols = max(len(r) for r in rows)
    cells = [[parse_runs(c) for c in r + [""] * (ncols - len(r))] for r in rows]
    table = Table(cells)
    table.kinds, table.merges = table_merges(table)
    return table


def parse_seed(text: str) -> list[Block]:
    """The seed text as an ordered list of paragraphs and tables."""
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
        elif "\t" in line:
            rows: list[str] = []
            while i < len(lines):
                cur = lines[i]
                if "\t" in cur and _SEPARATOR.match(cur.replace("\t", " ")):
                    i += 1
                    # a markdown separator may be followed by a blank line
                    # before the body rows; the table goes on past it
                    while i < len(lines) and not lines[i].strip():
                        i += 1
                elif "\t" in cur:
                    rows.append(cur)
                    i += 1
                else:
                    break
            blocks.append(_table(rows))
        else:
            para: list[str] = []
            while i < len(lines) and lines[i].strip() and "\t" not in lines[i]:
                para.append(lines[i])
                i += 1
                if _HEADING.match(para[0]):
                    break
            blocks.append(_paragraph(para))
    return blocks


# --- merges -----------------------------------------------------------------

def _plain(table: Table, r: int) -> list[str]:
    return [_TAG.sub("", table.cell_text(r, c)).strip() for c in range(table.ncols)]


def _is_num(s: str) -> bool:
    return bool(_NUMERIC.fullmatch(s))


def row_kinds(table: Table) -> list[str]:
    """Label rows title / header / subheader / data from the text pattern."""
    kinds: list[str] = []
    for r in range(len(table.rows)):
        cells = _plain(table, r)
        filled = [c for c, s in enumerate(cells) if s]
        prev = kinds[-1] if kinds else None
        if table.ncols > 1 and filled == [0]:
            kind = "title"
        elif cells[0] and not _is_num(cells[0]) and prev in (None, "title"):
            kind = "header"
        elif not cells[0] and prev == "header":
            kind = "subheader"
        else:
            kind = "data"
        kinds.append(kind)
    return kinds


def _spans(cells: list[str], lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans [a, b] in cells[lo..hi]: a filled cell plus the empties after it."""
    spans: list[tuple[int, int]] = []
    for c in range(lo, hi + 1):
        if cells[c] or not spans:
            spans.append((c, c))
        else:
            spans[-1] = (spans[-1][0], c)
    return spans


def table_merges(table: Table) -> tuple[list[str], list[Merge]]:
    """Row kinds and the merges the text form implies (rules in the module doc).

    Title rows span the whole row; header cells absorb the empty cells after
    them; a subheader's leading empties merge up into the header; the first
    data row under a header copies the header's spans only where it is empty
    inside them; a data row led by a text label (e.g. "Барлығы:") spans the
    label over the empties after it; a data cell followed by the same column
    empty in every later numbered row (2+ rows) merges down.
    """
    kinds = row_kinds(table)
    n = table.ncols
    merges: list[Merge] = []
    bottom: list[tuple[int, int]] | None = None  # the last header level's spans
    for r, kind in enumerate(kinds):
        cells = _plain(table, r)
        if kind == "title":
            merges.append(Merge(r, 0, r, n - 1))
            bottom = None
        elif kind == "header":
            bottom = _spans(cells, 0, n - 1)
            merges += [Merge(r, a, r, b) for a, b in bottom if b > a]
        elif kind == "subheader" and bottom is not None:
            refined: list[tuple[int, int]] = []
            for a, b in bottom:
                if a == b and not cells[a]:
                    merges.append(Merge(r - 1, a, r, a))
                    refined.append((a, b))
                else:
                    refined += _spans(cells, a, b)
            bottom = refined
        elif kind == "data":
            if bottom is not None:
                for a, b in bottom:
                    if b > a and not any(cells[a + 1:b + 1]):
                        merges.append(Merge(r, a, r, b))
                bottom = None
            elif cells[0] and not _is_num(cells[0]):
                a, b = _spans(cells, 0, n - 1)[0]
                if b > a and any(cells[b + 1:]):
                    merges.append(Merge(r, a, r, b))
    merges += _vertical_data_merges(table, kinds)
    return kinds, merges


def _vertical_data_merges(table: Table, kinds: list[str]) -> list[Merge]:
    """A cell whose column stays empty in all later numbered rows merges down."""
    merges: list[Merge] = []
    r = 0
    while r < len(kinds):
        if kinds[r] != "data":
            r += 1
            continue
        end = r
        while end + 1 < len(kinds) and kinds[end + 1] == "data":
            end += 1
        rows = [_plain(table, i) for i in range(r, end + 1)]
        numbered = [i for i, cells in enumerate(rows) if _is_num(cells[0])]
        for c in range(1, table.ncols):
            for i in numbered:
                below = [j for j in numbered if j > i]
                if (rows[i][c] and len(below) >= 2 and below == list(range(i + 1, numbered[-1] + 1))
                        and not any(rows[j][c] for j in below)):
                    merges.append(Merge(r + i, c, r + numbered[-1], c))
                    break
        r = end + 1
    return merges
