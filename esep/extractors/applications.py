"""Applications per topic: the table of the operator's report counting applications."""
from __future__ import annotations

from esep.extractors.common import cell_text, map_columns, where_row
from esep.labels import has_any, labels
from esep.model import Document
from esep.records import ApplicationRow


def to_int(text: str) -> int | None:
    digits = text.replace(" ", "").replace("\u00a0", "")
    return int(digits) if digits.isdigit() else None


def extract_applications(doc: Document) -> list[ApplicationRow]:
    """One row per topic of every applications table."""
    rows: list[ApplicationRow] = []
    for t in doc.tables():
        cmap = map_columns(t, "applications")
        if cmap is None or map_columns(t, "contracts") is not None:
            continue
        for r in range(cmap.body_start, t.n_rows):
            direction = cell_text(t, r, cmap.roles.get("direction")).strip("«»\"“” .")
            count = to_int(cell_text(t, r, cmap.roles["applications"]))
            if has_any(direction, labels("tables", "contracts", "total_row")) or not direction:
                continue
            rows.append(ApplicationRow(doc_id=doc.doc_id, direction=direction, applications=count,
                                       row=len(rows) + 1, **where_row(t, r).as_kwargs()))
    return rows
