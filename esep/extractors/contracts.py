"""Contracts table of the operator's report: one row per grant contract, and its totals."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from esep.extractors.common import ColumnMap, cell_text, map_columns, where_row
from esep.labels import has_any, labels
from esep.model import Document, Table
from esep.normalize.amounts import is_dash, parse_amount
from esep.normalize.dates import parse_contract_ref
from esep.normalize.text import clean
from esep.records import ContractRow

MONEY = ("grant", "savings", "disbursed")


@dataclass
class ContractsTable:
    """The contract rows of a document and its totals row, if it has one."""

    rows: list[ContractRow]
    total: ContractRow | None


WRAPPED_NUMBER = re.compile(r"\d[\d\s.,]*")


def money(text: str) -> Decimal | None:
    """A money cell: digits, or a dash that means zero.

    A narrow column wraps a long number anywhere ("25 000 0" / "00,00"); a
    cell that holds nothing but a number is read with its spaces taken out.
    """
    if is_dash(text):
        return Decimal("0.00")
    value = parse_amount(text)
    if value is None and WRAPPED_NUMBER.fullmatch(text.strip()):
        value = parse_amount(re.sub(r"\s+", "", text))
    return value.quantize(Decimal("0.01")) if value is not None else None


def is_total_row(t: Table, r: int) -> bool:
    first = " ".join(c.text for c in t.origins(r)[:4])
    return has_any(first, labels("tables", "contracts", "total_row"))


def is_header_repeat(t: Table, r: int, cmap: ColumnMap) -> bool:
    """A header repeated on a continuation page: its money column holds no amount."""
    text = cell_text(t, r, cmap.roles["grant"])
    return bool(text) and money(text) is None


def row_number(text: str, fallback: int) -> int:
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits and len(digits) < 4 else fallback


def table_row(t: Table, r: int, cmap: ColumnMap, doc_id: str, n: int) -> ContractRow:
    get = lambda role: cell_text(t, r, cmap.roles.get(role))  # noqa: E731
    ref = parse_contract_ref(get("contract")) if get("contract") else None
    return ContractRow(
        doc_id=doc_id, row=row_number(get("no"), n), **where_row(t, r).as_kwargs(),
        direction=clean(get("direction")).strip("«»\"“” ") or None,
        contract_no=ref.number if ref else None, contract_date=ref.date if ref else None,
        contract_raw=get("contract") or None, recipient=get("recipient") or None,
        grant_kzt=money(get("grant")), savings_kzt=money(get("savings")),
        disbursed_kzt=money(get("disbursed")))


def total_row(t: Table, r: int, cmap: ColumnMap, doc_id: str) -> ContractRow:
    get = lambda role: cell_text(t, r, cmap.roles.get(role))  # noqa: E731
    return ContractRow(doc_id=doc_id, row=0, is_total=True, **where_row(t, r).as_kwargs(),
                       grant_kzt=money(get("grant")), savings_kzt=money(get("savings")),
                       disbursed_kzt=money(get("disbursed")))


def table_contracts(t: Table, cmap: ColumnMap, doc_id: str) -> ContractsTable:
    rows: list[ContractRow] = []
    total = None
    for r in range(cmap.body_start, t.n_rows):
        if is_total_row(t, r):
            total = total_row(t, r, cmap, doc_id)
        elif not is_header_repeat(t, r, cmap) and any(c.text.strip() for c in t.grid[r]):
            rows.append(table_row(t, r, cmap, doc_id, len(rows) + 1))
    return ContractsTable(rows, total)


def extract_contracts(doc: Document) -> ContractsTable:
    """Every contracts table of the document, concatenated (most reports have one)."""
    out = ContractsTable([], None)
    for t in doc.tables():
        cmap = map_columns(t, "contracts")
        if cmap is None:
            continue
        part = table_contracts(t, cmap, doc.doc_id)
        out.rows.extend(part.rows)
        out.total = part.total or out.total
    return out
