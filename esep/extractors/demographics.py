"""Participant statistics of a project report: gender, social status, age.

The statistics come as small tables, one dimension after another. A title row
("Гендерлік көрсеткіш") sets the dimension; the rows below it are headers
(one or two levels, "Оның ішінде" over its sub-columns) until a row of counts,
which gives one row per labelled column. Variants read as well:

* several dimensions stacked in one table, or one per table;
* a title row closing one table, its header and counts in the next;
* a table split across pages: the counts open the next table under the
  headers the previous one left open (same number of columns);
* a row label before the counts ("Количество участников | 150 | 84 | 66");
* a vertical table under a title, one category per row ("Мужчины | 84").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from esep.extractors.common import where_cell
from esep.labels import has_any, labels, norm
from esep.model import Cell, Table
from esep.normalize.amounts import is_dash
from esep.normalize.text import clean
from esep.records import DemographicRow

COUNT = re.compile(r"^\d[\d  ]*(?:[.,]\d+)?$")

# A narrow column of a PDF wraps a long word anywhere ("Жаста р", "Мемле-
# кеттік"): the reader joins the pieces with a space. Matching the letters
# alone, after the word-wise match failed, reads such headers too.
BREAK = re.compile(r"\u00ad|(?<=\w)-\s+(?=\w)|\s+")


def compact(text: str) -> str:
    return BREAK.sub("", norm(text))


def match(label: str, table: dict[str, list[str]]) -> str | None:
    """The first key of ``table`` with a phrase in ``label``: word-wise, then letter-wise."""
    for key, phrases in table.items():
        if has_any(label, phrases):
            return key
    squeezed = compact(label)
    if not squeezed:
        return None
    for key, phrases in table.items():
        if any(compact(p) in squeezed for p in phrases):
            return key
    return None


def row_texts(t: Table, r: int) -> list[str]:
    return [clean(c.text) for c in t.origins(r) if clean(c.text)]


def title_dimension(t: Table, r: int) -> str | None:
    """The dimension a title row ("Гендерлік көрсеткіш") announces."""
    texts = row_texts(t, r)
    if len(texts) != 1:
        return None
    return match(texts[0], labels("demographics", "titles"))


def is_count(text: str) -> bool:
    return bool(COUNT.match(text))


def counts_from(t: Table, r: int) -> int | None:
    """Where the counts of row ``r`` start (an origin index), or None for no row of counts.

    Every filled cell from there on is a number or a dash, at least one a
    number; before it at most one cell of text, the row's label.
    """
    texts = [clean(c.text) for c in t.origins(r)]
    filled = [i for i, x in enumerate(texts) if x]
    if not filled:
        return None
    start = filled[0]
    if not (is_count(texts[start]) or is_dash(texts[start])):
        start = next((i for i in filled if i > start), None)
        if start is None:
            return None
    rest = [texts[i] for i in filled if i >= start]
    if any(is_count(x) for x in rest) and all(is_count(x) or is_dash(x) for x in rest):
        return start
    return None


def is_value_row(t: Table, r: int) -> bool:
    """A row of counts: every filled cell a number or a dash, at least one number."""
    return counts_from(t, r) == next((i for i, c in enumerate(t.origins(r)) if clean(c.text)), -1)


@dataclass
class Headers:
    """Header rows open above the next row of counts, possibly of an earlier table."""

    table: Table | None = None
    rows: list[int] = field(default_factory=list)

    def label(self, col: int) -> str:
        """The deepest non-empty header text above a column (two-level headers)."""
        if self.table is None:
            return ""
        for r in reversed(self.rows):
            row = self.table.grid[r]
            text = clean(row[col].text) if col < len(row) else ""
            if text:
                return text
        return ""

    def joined(self, col: int) -> str:
        """The column's two deepest header texts as one: a header row a page break
        cut in two ("Жұм" | "ыссыздар") still names its category."""
        if self.table is None:
            return ""
        texts = [clean(self.table.grid[r][col].text) for r in self.rows if col < len(self.table.grid[r])]
        texts = [x for x in texts if x]
        return "".join(texts[-2:])

    def fits(self, t: Table) -> bool:
        return bool(self.rows) and self.table is not None and (self.table is t or self.table.n_cols == t.n_cols)


def header_label(t: Table, headers: list[int], col: int) -> str:
    return Headers(t, headers).label(col)


def age_bracket(label: str) -> str | None:
    spec = labels("demographics", "age")
    m = re.search(spec["bracket_re"], label, re.I)
    if m:
        lo, hi = [g for g in m.groups() if g]
        return f"{int(lo)}-{int(hi)}"
    m = re.search(spec["open_re"], label, re.I)
    if m:
        return f"{int(next(g for g in m.groups() if g))}+"
    m = re.search(spec["under_re"], label, re.I)
    if m:
        n = int(next(g for g in m.groups() if g))
        return f"0-{n - 1}" if n > 0 else None
    return None


def age_category(label: str) -> str | None:
    """"13-16", "от 13 до 16 лет" → 13-16; "59 лет и старше", "60+" → 59+, 60+; "до 18 лет" → 0-17."""
    text = clean(label)
    return (age_bracket(text) or age_bracket(BREAK.sub("", text))
            or match(label, labels("demographics", "categories", "age")))


def category(dim: str, label: str) -> str | None:
    if dim == "age":
        return age_category(label)
    return match(label, labels("demographics", "categories", dim))


def infer_dimension(labels_: list[str]) -> str:
    """A table without its title row: guess the dimension from its categories."""
    if any(category("gender", x) in ("male", "female") for x in labels_):
        return "gender"
    if sum(age_category(x) not in (None, "total") for x in labels_) >= 2:
        return "age"
    return "social_status"


def to_count(text: str) -> int | None:
    text = clean(text).replace(" ", "").replace("\u00a0", "")
    return int(text) if text.isdigit() else None


def row_of(t: Table, cell: Cell, dim: str, cat: str, lab: str, project: str | None,
           doc_id: str) -> DemographicRow:
    w = where_cell(t, cell)
    # a blank cell has no text of its own: its header and value together are the evidence
    return DemographicRow(doc_id=doc_id, project=project, dimension=dim, category=cat,
                          count=to_count(cell.text), label=lab, raw=clean(cell.text),
                          page=w.page, locator=w.locator, bbox=w.bbox,
                          evidence=f"{lab}: {clean(cell.text)}")


def value_rows(t: Table, r: int, headers: Headers | list[int], dim: str | None, project: str | None,
               doc_id: str, first: int = 0) -> list[DemographicRow]:
    """One row per labelled column of the counts from origin ``first`` on."""
    if not isinstance(headers, Headers):
        headers = Headers(t, headers)
    origins = t.origins(r)[first:]
    pairs = [(c, headers.label(c.col)) for c in origins]
    pairs = [(c, lab) for c, lab in pairs if lab]
    dim = dim or infer_dimension([lab for _, lab in pairs])
    out = []
    for cell, lab in pairs:
        cat = category(dim, lab)
        if cat is None:
            lab = headers.joined(cell.col)
            cat = category(dim, lab)
        if cat is not None:
            out.append(row_of(t, cell, dim, cat, lab, project, doc_id))
    return out


def vertical_row(t: Table, r: int, dim: str | None, project: str | None,
                 doc_id: str) -> DemographicRow | None:
    """"Мужчины | 84" under a title: a category in its own row, its count beside it."""
    if dim is None:
        return None
    start = counts_from(t, r)
    if start is None:
        return None
    origins = t.origins(r)
    label_cells = [c for c in origins[:start] if clean(c.text)]
    counts = [c for c in origins[start:] if clean(c.text)]
    if len(label_cells) != 1 or len(counts) != 1:
        return None
    lab = clean(label_cells[0].text)
    cat = category(dim, lab)
    return row_of(t, counts[0], dim, cat, lab, project, doc_id) if cat else None


@dataclass
class State:
    """What one table leaves open for the next: the dimension, the headers."""

    dim: str | None = None
    headers: Headers = field(default_factory=Headers)
    vertical: bool = False  # the dimension's categories come one per row


def walk(t: Table, project: str | None, doc_id: str, st: State) -> list[DemographicRow]:
    out: list[DemographicRow] = []
    if not st.headers.fits(t):
        st.headers = Headers()
    for r in range(t.n_rows):
        new_dim = title_dimension(t, r)
        if new_dim:
            st.dim, st.headers, st.vertical = new_dim, Headers(), False
            continue
        if not row_texts(t, r):
            continue
        start = counts_from(t, r)
        vert = vertical_row(t, r, st.dim, project, doc_id) if start is not None else None
        if vert:
            out.append(vert)
            st.vertical, st.headers = True, Headers()
        elif start is not None and st.headers.rows:
            out.extend(value_rows(t, r, st.headers, st.dim, project, doc_id, first=start))
            st.dim, st.headers, st.vertical = None, Headers(), False
        elif start is None:
            if st.vertical:  # a text row ends a vertical table
                st.dim, st.vertical = None, False
            if st.headers.table is not t:
                st.headers = Headers(t, [])
            st.headers.rows.append(r)
    return out


def table_demographics(t: Table, project: str | None, doc_id: str,
                       dim: str | None = None) -> tuple[list[DemographicRow], str | None]:
    """Walk one statistics table: title rows set the dimension, headers stack, counts emit.

    Returns the rows and the dimension still open at the table's end: a title
    row can close one table and the header and counts follow in the next.
    """
    st = State(dim=dim)
    rows = walk(t, project, doc_id, st)
    return rows, st.dim


def extract_demographics(tables: list[Table], project: str | None, doc_id: str) -> list[DemographicRow]:
    """All statistics cells of one project report's tables, in order."""
    out: list[DemographicRow] = []
    st = State()
    for t in tables:
        out.extend(walk(t, project, doc_id, st))
    return out
