"""Helpers the extractors share: provenance of blocks and cells, table headers."""
from __future__ import annotations

from dataclasses import dataclass

from esep.labels import first_role, labels
from esep.model import BBox, Cell, Paragraph, Table
from esep.normalize.text import clean


@dataclass(frozen=True)
class Where:
    """Provenance of a fact: page, locator, verbatim evidence, bbox."""

    page: int | None
    locator: str
    evidence: str
    bbox: list[float] | None = None

    def as_kwargs(self) -> dict:
        return {"page": self.page, "locator": self.locator,
                "evidence": self.evidence, "bbox": self.bbox}


def union(boxes: list[BBox | None]) -> list[float] | None:
    """The box around all known boxes (None when none is known)."""
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return [min(b[0] for b in known), min(b[1] for b in known),
            max(b[2] for b in known), max(b[3] for b in known)]


def where_para(p: Paragraph, evidence: str | None = None) -> Where:
    bbox = list(p.prov.bbox) if p.prov.bbox else None
    return Where(p.prov.page, p.prov.locator, evidence if evidence is not None else p.text, bbox)


def where_cell(t: Table, c: Cell) -> Where:
    return Where(c.page if c.page is not None else t.prov.page, t.cell_locator(c), c.text,
                 list(c.bbox) if c.bbox else None)


def where_row(t: Table, r: int) -> Where:
    """A table row: locator ``table:N/row:R``, evidence its distinct cells joined by " | "."""
    cells = t.origins(r) or t.grid[r]
    page = next((c.page for c in cells if c.page is not None), t.prov.page)
    text = " | ".join(clean(c.text) for c in cells)
    return Where(page, f"{t.prov.locator}/row:{r + 1}", text, union([c.bbox for c in cells]))


@dataclass(frozen=True)
class ColumnMap:
    """Which grid column holds each role, and the rows of the body it covers."""

    roles: dict[str, int]
    body_start: int
    body_end: int | None = None  # exclusive; None: to the table's end

    def rows(self, t: Table) -> range:
        return range(self.body_start, self.body_end if self.body_end is not None else t.n_rows)


def map_columns(t: Table, kind: str, max_header_rows: int = 3) -> ColumnMap | None:
    """Read a table's header by its labels (``tables.<kind>`` of report.toml)."""
    spec = labels("tables", kind)
    roles: dict[str, int] = {}
    for r in range(min(max_header_rows, t.n_rows)):
        found = header_roles(t, r, spec)
        if not found:
            continue
        for role, col in found.items():
            roles.setdefault(role, col)
        if all(n in roles for n in spec["needs"]):
            return ColumnMap(roles, r + 1)
    return None


def column_maps(t: Table, kind: str) -> list[ColumnMap]:
    """One map per header found in the table: two tables set one under the other
    (a PDF draws them as one grid) each keep their own columns."""
    first = map_columns(t, kind)
    if first is None:
        return []
    spec = labels("tables", kind)
    maps = [first]
    for r in range(first.body_start, t.n_rows):
        roles = header_roles(t, r, spec)
        if all(n in roles for n in spec["needs"]) and len(roles) >= 3:
            maps[-1] = ColumnMap(maps[-1].roles, maps[-1].body_start, r)
            maps.append(ColumnMap(roles, r + 1))
    return maps


def header_roles(t: Table, r: int, spec: dict) -> dict[str, int]:
    """Roles named by the cells of row ``r`` (each role at its first column)."""
    out: dict[str, int] = {}
    for c in t.origins(r):
        role = first_role(c.text, spec["columns"], spec["role_order"])
        if role and role not in out:
            out[role] = c.col
    return out


def cell_text(t: Table, r: int, col: int | None) -> str:
    if col is None or col >= len(t.grid[r]):
        return ""
    return clean(t.grid[r][col].text)
