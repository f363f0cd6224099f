"""Helpers the extractors share: provenance of blocks and cells, table headers."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from esep.labels import labels, role_finder
from esep.model import BBox, Cell, OcrMark, Paragraph, Table
from esep.normalize.ocr_digits import holds_value
from esep.normalize.text import clean


@dataclass(frozen=True)
class Where:
    """Provenance of a fact: page, locator, verbatim evidence, bbox, and the OCR flag
    of its evidence (None unless OCR read a digit word of it doubtfully)."""

    page: int | None
    locator: str
    evidence: str
    bbox: list[float] | None = None
    ocr_flag: str | None = None

    def as_kwargs(self) -> dict:
        return {"page": self.page, "locator": self.locator,
                "evidence": self.evidence, "bbox": self.bbox, "ocr_flag": self.ocr_flag}


# ---------------------------------------------------------------- OCR flags
# A flag is one part per doubtful word, joined by "; ":
#   "low OCR confidence: 5 000 (41%)"        a digit word read below LOW_CONFIDENCE
#   "OCR digits repaired: 0О0 → 000 (88%)"    letters read for digits, repaired
LOW = "low OCR confidence: "
REPAIRED = "OCR digits repaired: "
FLAG_PART = re.compile(rf"(?:{LOW}(?P<low>.+)|{REPAIRED}(?P<was>.+) → (?P<now>.+)) \((?P<pct>\d+)%\)")


def flag_part(m: OcrMark) -> str:
    pct = f"({round(m.confidence * 100)}%)"
    return f"{REPAIRED}{m.repaired_from} → {m.text} {pct}" if m.repaired_from else f"{LOW}{m.text} {pct}"


def ocr_flag(marks: Iterable[OcrMark], evidence: str) -> str | None:
    """The flag of the marked words that stand in ``evidence`` (whole words), None when none do;
    a web address is no value, whatever its confidence."""
    marks = marks if isinstance(marks, (list, tuple)) else list(marks)
    if not marks:
        return None  # a born-digital document's text: every evidence asks
    parts = [flag_part(m) for m in marks
             if holds_value(m.text) and re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", evidence)]
    return "; ".join(dict.fromkeys(parts)) or None


def flag_words(flag: str | None) -> list[tuple[str, str, str]]:
    """(part, word as it stands now, detail without the prefix) for each part of a flag."""
    out = []
    for part in (flag or "").split("; "):
        m = FLAG_PART.fullmatch(part)
        if m:
            word = m["low"] if m["low"] is not None else m["now"]
            out.append((part, word, part.removeprefix(LOW).removeprefix(REPAIRED)))
    return out


def digits_in(word: str, text: str) -> bool:
    """Whether the digit groups of ``word`` stand in ``text`` one after another, or run
    together as ``word`` prints them ("5000000" in "5 000 000.00", "000" in it too)."""
    want, groups = re.findall(r"\d+", word), re.findall(r"\d+", text)
    if not want:
        return False
    joined = "".join(want)
    for i in range(len(groups)):
        for j in range(i + 1, len(groups) + 1):
            if groups[i:j] == want or "".join(groups[i:j]) == joined:
                return True
    return False


def narrow_flag(flag: str | None, texts: Iterable[str]) -> str | None:
    """The parts of ``flag`` whose word stands in one of ``texts`` (the values a fact or a
    finding is about), None when none does."""
    texts = list(texts)
    parts = [p for p, word, _ in flag_words(flag) if any(digits_in(word, t) for t in texts)]
    return "; ".join(parts) or None


def drop_flag(flag: str | None, texts: Iterable[str]) -> str | None:
    """The parts of ``flag`` whose word stands in none of ``texts`` (what another reading confirmed)."""
    texts = list(texts)
    parts = [p for p, word, _ in flag_words(flag) if not any(digits_in(word, t) for t in texts)]
    return "; ".join(parts) or None


def cell_marks(cells: Iterable[Cell]) -> list[OcrMark]:
    return [m for c in cells for m in c.ocr_marks]


def union(boxes: list[BBox | None]) -> list[float] | None:
    """The box around all known boxes (None when none is known)."""
    known = [b for b in boxes if b is not None]
    if not known:
        return None
    return [min(b[0] for b in known), min(b[1] for b in known),
            max(b[2] for b in known), max(b[3] for b in known)]


def where_para(p: Paragraph, evidence: str | None = None, also: Iterable[Paragraph] = ()) -> Where:
    """A paragraph; ``also`` the paragraphs after it an evidence of several lines comes from."""
    bbox = list(p.prov.bbox) if p.prov.bbox else None
    text = evidence if evidence is not None else p.text
    marks = [m for q in (p, *also) for m in q.ocr_marks]
    return Where(p.prov.page, p.prov.locator, text, bbox, ocr_flag(marks, text))


def where_cell(t: Table, c: Cell) -> Where:
    return Where(c.page if c.page is not None else t.prov.page, t.cell_locator(c), c.text,
                 list(c.bbox) if c.bbox else None, ocr_flag(c.ocr_marks, c.text))


def where_row(t: Table, r: int) -> Where:
    """A table row: locator ``table:N/row:R``, evidence its distinct cells joined by " | "."""
    cells = t.origins(r) or t.grid[r]
    page = next((c.page for c in cells if c.page is not None), t.prov.page)
    text = " | ".join(clean(c.text) for c in cells)
    return Where(page, f"{t.prov.locator}/row:{r + 1}", text, union([c.bbox for c in cells]),
                 ocr_flag(cell_marks(cells), text))


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
    role_of = role_finder(spec["columns"], spec["role_order"])
    for c in t.origins(r):
        role = role_of(c.text)
        if role and role not in out:
            out[role] = c.col
    return out


def cell_text(t: Table, r: int, col: int | None) -> str:
    if col is None or col >= len(t.grid[r]):
        return ""
    return clean(t.grid[r][col].text)
