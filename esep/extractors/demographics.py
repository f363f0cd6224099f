"""Participant statistics of a project report: gender, social status, age."""
from __future__ import annotations

import re

from esep.extractors.common import where_cell
from esep.labels import has_any, labels
from esep.model import Table
from esep.normalize.amounts import is_dash
from esep.normalize.text import clean
from esep.records import DemographicRow

COUNT = re.compile(r"^\d[\d  ]*(?:[.,]\d+)?$")


def row_texts(t: Table, r: int) -> list[str]:
    return [clean(c.text) for c in t.origins(r) if clean(c.text)]


def title_dimension(t: Table, r: int) -> str | None:
    """The dimension a title row ("Гендерлік көрсеткіш") announces."""
    texts = row_texts(t, r)
    if len(texts) != 1:
        return None
    for dim, phrases in labels("demographics", "titles").items():
        if has_any(texts[0], phrases):
            return dim
    return None


def is_value_row(t: Table, r: int) -> bool:
    """A row of counts: every filled cell a number or a dash, at least one number."""
    texts = row_texts(t, r)
    return any(COUNT.match(x) for x in texts) and all(COUNT.match(x) or is_dash(x) for x in texts)


def header_label(t: Table, headers: list[int], col: int) -> str:
    """The deepest non-empty header text above a column (two-level headers)."""
    for r in reversed(headers):
        text = clean(t.grid[r][col].text)
        if text:
            return text
    return ""


def age_category(label: str) -> str | None:
    spec = labels("demographics", "age")
    m = re.search(spec["bracket_re"], label, re.I)
    if m:
        lo, hi = [g for g in m.groups() if g]
        return f"{int(lo)}-{int(hi)}"
    m = re.search(spec["open_re"], label, re.I)
    if m:
        return f"{int(m.group(1))}+"
    return "total" if has_any(label, labels("demographics", "categories", "age", "total")) else None


def category(dim: str, label: str) -> str | None:
    if dim == "age":
        return age_category(label)
    for cat, phrases in labels("demographics", "categories", dim).items():
        if has_any(label, phrases):
            return cat
    return None


def infer_dimension(labels_: list[str]) -> str:
    """A table without its title row: guess the dimension from its categories."""
    if any(category("gender", x) in ("male", "female") for x in labels_):
        return "gender"
    if sum(bool(re.search(r"\d", x)) for x in labels_) >= 2:
        return "age"
    return "social_status"


def to_count(text: str) -> int | None:
    text = clean(text).replace(" ", "").replace("\u00a0", "")
    return int(text) if text.isdigit() else None


def value_rows(t: Table, r: int, headers: list[int], dim: str | None, project: str | None,
               doc_id: str) -> list[DemographicRow]:
    cols = [j for j, c in enumerate(t.grid[r]) if c.col == j]  # one per merged cell
    pairs = [(j, header_label(t, headers, j)) for j in cols if header_label(t, headers, j)]
    dim = dim or infer_dimension([lab for _, lab in pairs])
    out = []
    for j, lab in pairs:
        cell = t.grid[r][j]
        cat = category(dim, lab)
        if cat is None:
            continue
        w = where_cell(t, cell)
        # a blank cell has no text of its own: its header and value together are the evidence
        out.append(DemographicRow(doc_id=doc_id, project=project, dimension=dim, category=cat,
                                  count=to_count(cell.text), label=lab, raw=clean(cell.text),
                                  page=w.page, locator=w.locator, bbox=w.bbox,
                                  evidence=f"{lab}: {clean(cell.text)}"))
    return out


def table_demographics(t: Table, project: str | None, doc_id: str,
                       dim: str | None = None) -> tuple[list[DemographicRow], str | None]:
    """Walk a statistics table: title rows set the dimension, headers stack, counts emit.

    Returns the rows and the dimension still open at the table's end: a title
    row can close one table and the header and counts follow in the next.
    """
    out: list[DemographicRow] = []
    headers: list[int] = []
    for r in range(t.n_rows):
        new_dim = title_dimension(t, r)
        if new_dim:
            dim, headers = new_dim, []
        elif is_value_row(t, r) and headers:
            out.extend(value_rows(t, r, headers, dim, project, doc_id))
            dim, headers = None, []
        elif row_texts(t, r):
            headers.append(r)
    return out, dim


def extract_demographics(tables: list[Table], project: str | None, doc_id: str) -> list[DemographicRow]:
    """All statistics cells of one project report's tables, in order."""
    out: list[DemographicRow] = []
    dim: str | None = None
    for t in tables:
        rows, dim = table_demographics(t, project, doc_id, dim)
        out.extend(rows)
    return out
