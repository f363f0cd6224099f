"""Competition results: the expert commission's protocol extract or final conclusion.

What it states: the announcement, the deadline and the decision dates, how
many applications came from how many NGOs (and in which language), the
applications per topic, and the winners with their projects and grant sums.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from esep.extractors.common import ColumnMap, cell_text, map_columns, where_row
from esep.extractors.contracts import is_total_row, money, row_number
from esep.labels import has_any, labels
from esep.model import Document, Table
from esep.normalize.dates import find_dates
from esep.normalize.text import clean
from esep.records import WinnerRow


@dataclass
class Winners:
    rows: list[WinnerRow]
    total: WinnerRow | None


def table_winners(t: Table, cmap: ColumnMap, doc_id: str) -> Winners:
    out = Winners([], None)
    for r in range(cmap.body_start, t.n_rows):
        get = lambda role: cell_text(t, r, cmap.roles.get(role))  # noqa: E731
        if is_total_row(t, r):
            out.total = WinnerRow(doc_id=doc_id, row=0, **where_row(t, r).as_kwargs(), grant_kzt=money(get("grant")))
        elif get("recipient") and money(get("grant")) is not None:
            out.rows.append(WinnerRow(
                doc_id=doc_id, row=row_number(get("no"), len(out.rows) + 1), **where_row(t, r).as_kwargs(),
                direction=clean(get("direction")).strip("«»\"“” ") or None, recipient=get("recipient"),
                project=clean(get("project")).strip("«»\"“” .") or None, grant_kzt=money(get("grant"))))
    return out


def is_winners_table(t: Table) -> ColumnMap | None:
    """A winners table names organisations and grant sums but no contracts."""
    cmap = map_columns(t, "winners")
    return None if cmap is None or map_columns(t, "contracts") is not None else cmap


def extract_winners(doc: Document) -> Winners:
    out = Winners([], None)
    for t in doc.tables():
        cmap = is_winners_table(t)
        if cmap is not None:
            part = table_winners(t, cmap, doc.doc_id)
            out.rows.extend(part.rows)
            out.total = part.total or out.total
    return out


def applications_by_language(text: str) -> tuple[int | None, int | None]:
    """("мемлекеттік тілде – 3", "орыс тілінде – 1") → (3, 1)."""
    spec = labels("competition")
    kk = re.search(spec["by_language_kk_re"], text, re.I)
    ru = re.search(spec["by_language_ru_re"], text, re.I)
    return (int(kk.group(1)) if kk else None), (int(ru.group(1)) if ru else None)


def dated(paragraphs: list[str], words: list[str], year: int | None) -> date | None:
    """The first date in the first paragraph that mentions one of ``words``."""
    for text in paragraphs:
        if has_any(text, words):
            found = find_dates(text, default_year=year)
            if found:
                return found[0].value
    return None
