"""The output contract as code: table names, Arrow schemas and enums.

One source of truth: each table's schema is derived from its record dataclass
in `esep.records` (field order = column order), so a column added there
appears in the Parquet output without editing this file. The enums mirror
../shared/CONTRACT.md and are what `esep.schemas.validate` checks against.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa

from esep import records
from esep.records import (
    AmountRow, ApplicationRow, ContractRow, DemographicRow, DocumentRow, EventRow, Extraction,
    Fact, Finding, IndicatorRow, OrganizationRow, PartnerRow, PersonRow, RecipientRow, WinnerRow,
)

SCHEMA_VERSION = "2"
MONEY = pa.decimal128(18, 2)
CENTS = Decimal("0.01")

# Contract table name -> record class, in the contract's order.
RECORDS: dict[str, type] = {
    "documents": DocumentRow, "contracts": ContractRow, "applications": ApplicationRow,
    "winners": WinnerRow, "recipients": RecipientRow, "partners": PartnerRow,
    "events": EventRow, "indicators": IndicatorRow, "demographics": DemographicRow,
    "amounts": AmountRow, "organizations": OrganizationRow, "people": PersonRow,
    "findings": Finding,
}
TABLES: tuple[str, ...] = tuple(RECORDS)
ENTITY_TABLES: tuple[str, ...] = ("organizations", "people")
# The tables one document's `Extraction` carries as lists (all but the batch-level ones).
FACT_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t != "documents" and t not in ENTITY_TABLES)

_SCALARS: dict[type, pa.DataType] = {
    str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
    Decimal: MONEY, date: pa.date32(),
}

DOC_KINDS = frozenset({"operator_report", "project_report", "competition_results", "unknown"})
LANGUAGES = frozenset({"kk", "ru", "mixed"})
STATUSES = frozenset({"ok", "partial", "failed"})
SEVERITIES = frozenset({"error", "warning", "info"})
# Audit rule -> its usual severity (demographics_sum is a warning for social_status).
RULES: dict[str, str] = {
    "sum_total_mismatch": "error", "grant_balance": "error", "words_digits_mismatch": "error",
    "cross_reference_mismatch": "error", "demographics_sum": "error", "fractional_count": "error",
    "percent_count_mismatch": "warning", "missing_value": "warning", "date_out_of_period": "warning",
}
CATEGORIES: dict[str, frozenset[str]] = {
    "gender": frozenset({"total", "male", "female"}),
    "social_status": frozenset({
        "total", "children", "youth", "civil_servants", "public_sector_workers", "disabled",
        "elderly", "unemployed", "ngo_representatives", "business", "other"}),
}
DIMENSIONS = frozenset({"gender", "social_status", "age"})
AGE_CATEGORY = re.compile(r"^(total|\d+-\d+|\d+\+)$")
# (table, column) -> allowed values, for the plain enum columns.
ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("documents", "doc_kind"): DOC_KINDS,
    ("documents", "language"): LANGUAGES,
    ("documents", "status"): STATUSES,
    ("demographics", "dimension"): DIMENSIONS,
    ("findings", "severity"): SEVERITIES,
    ("findings", "rule"): frozenset(RULES),
}


def arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a dataclass field's type hint (``X | None`` maps like ``X``)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no Arrow type for union {hint}")
        return arrow_type(inner[0])
    if origin in (list, tuple):
        return pa.list_(arrow_type(typing.get_args(hint)[0]))
    if hint in _SCALARS:
        return _SCALARS[hint]
    raise TypeError(f"no Arrow type for {hint}")


def _hints(cls: type) -> dict[str, Any]:
    # Module globals as both namespaces: EventRow has a field named `date`
    # that would otherwise shadow the `date` type.
    ns = vars(records)
    return typing.get_type_hints(cls, globalns=ns, localns=ns)


def column_order(cls: type) -> list[str]:
    """The record's fields in the contract's order: doc_id, the table's own
    columns, then provenance (dataclass inheritance would put it first)."""
    names = [f.name for f in dataclasses.fields(cls)]
    if not issubclass(cls, Fact):
        return names
    tail = [n for n in (f.name for f in dataclasses.fields(Fact)) if n != "doc_id"]
    return [n for n in names if n not in tail] + tail


def schema_for(cls: type) -> pa.Schema:
    """The Arrow schema of a record class. Every column is nullable, so that a
    missing value an extractor leaves is written as null, not a failed batch."""
    hints = _hints(cls)
    fields = [pa.field(name, arrow_type(hints[name])) for name in column_order(cls)]
    return pa.schema(fields, metadata={"esep.schema_version": SCHEMA_VERSION})


SCHEMAS: dict[str, pa.Schema] = {name: schema_for(cls) for name, cls in RECORDS.items()}


def _internal_fields() -> dict[str, tuple[type, bool]]:
    """Extraction fields that are no contract table: name -> (record class, is a list)."""
    hints = _hints(Extraction)
    found = {}
    for f in dataclasses.fields(Extraction):
        if f.name == "document" or f.name in RECORDS or not f.metadata.get("persist", True):
            continue
        hint = hints[f.name]
        is_list = typing.get_origin(hint) is list
        inner = typing.get_args(hint)[0] if is_list else next(
            a for a in typing.get_args(hint) if a is not type(None))
        found[f.name] = (inner, is_list)
    return found


# What the extractors keep for the linking (people mentions, the contracts'
# totals row; not the passages, marked persist=False) is no contract table, but a later run
# rebuilds `people` and `organizations` from every document, so it is stored
# too, under OUT/_internal/<field>/, with a schema derived the same way.
INTERNAL: dict[str, tuple[type, bool]] = _internal_fields()
INTERNAL_SCHEMAS: dict[str, pa.Schema] = {name: schema_for(cls) for name, (cls, _) in INTERNAL.items()}


def _cell(value: Any) -> Any:
    # Money is stored with exactly two places; Arrow refuses a Decimal it
    # would have to round, so round half-up here, once, explicitly.
    if isinstance(value, Decimal):
        return value.quantize(CENTS, rounding=ROUND_HALF_UP)
    if isinstance(value, tuple):
        return list(value)
    return value


def to_arrow(table: str, rows: list[Any]) -> pa.Table:
    """Record objects of one table (contract or internal) as an Arrow table with its schema."""
    schema = SCHEMAS[table] if table in SCHEMAS else INTERNAL_SCHEMAS[table]
    columns = {f.name: _column(rows, f) for f in schema}
    return pa.Table.from_pydict(columns, schema=schema)


def _column(rows: list[Any], f: pa.Field) -> list[Any]:
    """One column's values; only money and list columns need `_cell` (a Decimal or a tuple
    cannot be in another: Arrow would refuse it there)."""
    values = [getattr(r, f.name) for r in rows]
    if pa.types.is_decimal(f.type) or pa.types.is_list(f.type):
        return [_cell(v) for v in values]
    return values


def from_arrow(table: str, data: pa.Table) -> list[Any]:
    """Record objects back from an Arrow table; unknown columns are ignored and
    columns an older output lacks take the record's defaults."""
    cls = RECORDS[table] if table in RECORDS else INTERNAL[table][0]
    fields = dataclasses.fields(cls)
    present = [f.name for f in fields if f.name in data.column_names]
    missing = [f for f in fields if f.name not in data.column_names]
    if not present or any(f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                          for f in missing):  # a required column is missing: let the class say so
        return [cls(**row) for row in data.select(present).to_pylist()]
    return _records(cls, present, [data.column(n).to_pylist() for n in present], missing)


def _records(cls: type, names: list[str], columns: list[list], missing: list) -> list[Any]:
    """One record per row, its fields set directly: the records have no __post_init__ and
    every field is set (a missing one to its default), which is what __init__ would do,
    in a seventh of the time (loading a big output folder is mostly this)."""
    new, out = object.__new__, []
    for values in zip(*columns):
        record = new(cls)
        fields = record.__dict__
        fields.update(zip(names, values))
        for f in missing:
            fields[f.name] = f.default if f.default is not dataclasses.MISSING else f.default_factory()
        out.append(record)
    return out
