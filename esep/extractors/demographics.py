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
* a vertical table under a title, one category per row ("Мужчины | 84");
* the title in the paragraph above the table ("Қатысушылардың жынысы бойынша
  бөлінуі", "Распределение участников по возрасту");
* a count with its share ("84 (56%)");
* a cross table, one dimension down its first column and another across its
  header ("Возраст | Мужчины | Женщины | Всего"): the totals row gives the
  column dimension, the totals column the row dimension.

A header label names a category by a phrase that starts one of its words, then
by stems, every specific category before ``total`` ("Ерлер саны" is male).
"""
from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass, field

from esep.extractors.common import where_cell
from esep.labels import labels, norm, stem_any
from esep.model import Block, Cell, Paragraph, Table
from esep.normalize.amounts import is_dash
from esep.normalize.text import clean
from esep.records import DemographicRow

COUNT = re.compile(labels("demographics", "count_re"))

# A narrow column of a PDF wraps a long word anywhere ("Жаста р", "Мемле-
# кеттік"): the reader joins the pieces with a space. Matching the letters
# alone, after the word-wise match failed, reads such headers too.
BREAK = re.compile(r"\u00ad|(?<=\w)-\s+(?=\w)|\s+")


@lru_cache(maxsize=1 << 14)
def compact(text: str) -> str:
    return BREAK.sub("", norm(text))


def key_order(table: dict[str, list[str]]) -> list[str]:
    """The keys of a category table, ``total`` last: "Ерлер саны" names men, not a total."""
    return [k for k in table if k != "total"] + (["total"] if "total" in table else [])


def starts_word(phrase: str, text: str) -> bool:
    """``phrase`` occurs in ``text`` (both normalised) where a word begins: "ерлер" is in
    "ерлер саны", not in "кәсіпкерлер"."""
    rx = word_start(phrase)
    return rx is not None and rx.search(text) is not None


@lru_cache(maxsize=1 << 12)  # a few hundred phrases, each tried against every label
def word_start(phrase: str) -> re.Pattern | None:
    """The pattern of a phrase where a word begins (None for a phrase empty once normalised)."""
    q = norm(phrase)
    return re.compile(r"(?<!\w)" + re.escape(q)) if q else None


@lru_cache(maxsize=1 << 14)  # a label is tried against every phrase of every category
def squeezed_starts(label: str) -> tuple[str, frozenset[int]]:
    """The label's letters without the breaks a PDF put in, and where a piece of it began
    (after a space, a hyphen or a soft hyphen: a word's start or a break's)."""
    out, starts, prev = [], {0}, " "
    for ch in norm(label):
        if ch.isspace() or ch in "-\u00ad":
            prev = ch
            continue
        if prev.isspace() or prev in "-\u00ad":
            starts.add(len(out))
        out.append(ch)
        prev = ch
    return "".join(out), frozenset(starts)


def squeezed_match(phrase: str, label: str) -> bool:
    """``phrase`` in the label read letter-wise, starting where a word of the label starts."""
    text, starts = squeezed_starts(label)
    q = compact(phrase)
    return bool(q) and any(text.startswith(q, i) for i in starts)


def match(label: str, table: dict[str, list[str]]) -> str | None:
    """The first key of ``table`` (``total`` last) with a phrase in ``label``: where a word
    begins, then by stems, then letter-wise (a PDF broke a word: "Мүгедект ер")."""
    return match_in(label, tuple((key, tuple(table[key])) for key in key_order(table)))


@lru_cache(maxsize=1 << 15)  # a table's labels are tried against every dimension, some twice
def match_in(label: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """`match` over ``table`` as (key, phrases) pairs in the order they are tried."""
    text = norm(label)
    if not text:
        return None
    for key, phrases in table:
        if any(starts_word(p, text) for p in phrases):
            return key
    for key, phrases in table:
        if stem_any(label, phrases):
            return key
    return next((key for key, phrases in table if any(squeezed_match(p, label) for p in phrases)), None)


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
    m = re.search(spec["upto_re"], label, re.I)
    if m:
        return f"0-{int(m.group(1))}"
    m = re.search(spec["open_re"], label, re.I)
    if m:
        return f"{int(next(g for g in m.groups() if g))}+"
    m = re.search(spec["under_re"], label, re.I)
    if m:
        n = int(next(g for g in m.groups() if g))
        return f"0-{n - 1}" if n > 0 else None
    return None


def age_category(label: str) -> str | None:
    """"13-16", "от 13 до 16 лет" → 13-16; "59 лет и старше", "60+" → 59+, 60+; "до 18 лет" → 0-17;
    "18 лет и младше" → 0-18."""
    text = clean(label)
    return (age_bracket(text) or age_bracket(BREAK.sub("", text))
            or match(label, labels("demographics", "categories", "age")))


@lru_cache(maxsize=1 << 14)  # the dimension of a table is guessed by trying every label in each
def category(dim: str, label: str) -> str | None:
    if dim == "age":
        return age_category(label)
    return match(label, labels("demographics", "categories", dim))


DIMENSIONS = ("gender", "age", "social_status")


def dimension_score(dim: str, labels_: list[str]) -> int:
    """How many labels name a category of ``dim`` other than its total."""
    return sum(category(dim, x) not in (None, "total") for x in labels_)


def infer_dimension(labels_: list[str]) -> str:
    """A table without its title: the dimension most of its labels name (gender, age, social status on a tie)."""
    scores = {dim: dimension_score(dim, labels_) for dim in DIMENSIONS}
    if scores["age"] < 2:  # one bracket-like label ("старше 50") does not make an age table
        scores["age"] = 0
    best = max(DIMENSIONS, key=lambda d: scores[d])
    return best if scores[best] else "social_status"


def to_count(text: str) -> int | None:
    """The count of a cell: "84", "1 250", "84 (56%)" → 84, 1250, 84; a dash or blank → None."""
    m = COUNT.match(clean(text))
    digits = re.sub(r"\s", "", m.group(1)) if m else ""
    return int(digits) if digits.isdigit() else None


def row_of(t: Table, cell: Cell, dim: str, cat: str, lab: str, project: str | None,
           doc_id: str) -> DemographicRow:
    w = where_cell(t, cell)
    # a blank cell has no text of its own: its header and value together are the evidence
    return DemographicRow(doc_id=doc_id, project=project, dimension=dim, category=cat,
                          count=to_count(cell.text), label=lab, raw=clean(cell.text),
                          page=w.page, locator=w.locator, bbox=w.bbox, ocr_flag=w.ocr_flag,
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
    cross = cross_table(t, project, doc_id)
    if cross:
        st.dim, st.headers, st.vertical = None, Headers(), False
        return cross
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


def paragraph_dimension(p: Paragraph) -> str | None:
    """The dimension a short paragraph names as a title ("Распределение участников по возрасту")."""
    if len(p.text.split()) > labels("demographics", "title_max_words"):
        return None
    return match(p.text.strip().rstrip(":"), labels("demographics", "titles"))


def extract_demographics(blocks: list[Block], project: str | None, doc_id: str) -> list[DemographicRow]:
    """All statistics cells of one project report's tables, in order.

    ``blocks`` may hold the paragraphs between the tables too: a short one that
    names a dimension is the title of the table below it.
    """
    out: list[DemographicRow] = []
    st = State()
    for b in blocks:
        if isinstance(b, Table):
            out.extend(walk(b, project, doc_id, st))
            continue
        dim = paragraph_dimension(b)
        if dim:
            st.dim, st.headers, st.vertical = dim, Headers(), False
    return out


# --- a cross table: one dimension down the first column, another across the header ---------

@dataclass(frozen=True)
class Axis:
    """One side of a cross table: its dimension and, per grid index, the category there."""

    dim: str
    cats: dict[int, str]

    def total(self) -> int | None:
        return next((i for i, c in self.cats.items() if c == "total"), None)


def axis(dim_labels: dict[int, str]) -> Axis | None:
    """The dimension of a list of labels, when at least two name a category other than the total."""
    dim = infer_dimension(list(dim_labels.values()))
    cats = {i: category(dim, x) for i, x in dim_labels.items()}
    cats = {i: c for i, c in cats.items() if c}
    return Axis(dim, cats) if sum(c != "total" for c in cats.values()) >= 2 else None


def cross_axes(t: Table) -> tuple[Axis, Axis] | None:
    """(columns, rows) of a cross table: a header row of one dimension over rows that each
    start with a category of another one and hold counts."""
    if t.n_rows < 3 or t.n_cols < 3 or counts_from(t, 0) is not None:
        return None
    cols = axis({j: clean(t.grid[0][j].text) for j in range(1, t.n_cols)})
    body = {r: clean(t.grid[r][0].text) for r in range(1, t.n_rows) if counts_from(t, r) == 1}
    rows = axis(body) if len(body) >= 2 else None
    if cols is None or rows is None or cols.dim == rows.dim:
        return None
    return cols, rows


def cross_table(t: Table, project: str | None, doc_id: str) -> list[DemographicRow]:
    """The column dimension from the totals row, the row dimension from the totals column."""
    axes = cross_axes(t)
    if axes is None:
        return []
    cols, rows = axes
    out = []
    if rows.total() is not None:
        for j, cat in cols.cats.items():
            cell = t.grid[rows.total()][j]
            out.append(row_of(t, cell, cols.dim, cat, clean(t.grid[0][j].text), project, doc_id))
    if cols.total() is not None:
        for r, cat in rows.cats.items():
            cell = t.grid[r][cols.total()]
            out.append(row_of(t, cell, rows.dim, cat, clean(t.grid[r][0].text), project, doc_id))
    return out
