"""Check records and output folders against the contract's types and enums.

Nothing here raises on bad data: every check returns a list of `Problem`s,
so that the pipeline can mark a document `partial` and `esep validate` can
print them all at once.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa

from esep.records import Extraction
from esep.schemas.contract import (
    AGE_CATEGORY, CATEGORIES, ENUMS, FACT_TABLES, SCHEMA_VERSION, SCHEMAS, TABLES,
)

SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Problem:
    """One way a table breaks the contract."""

    table: str
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where}: {self.message}"


def _enum_problems(table: str, rows: list[dict[str, Any]]) -> list[Problem]:
    problems = []
    for (t, column), allowed in ENUMS.items():
        if t != table:
            continue
        bad = sorted({r.get(column) for r in rows} - allowed - {None})
        if bad:
            problems.append(Problem(table, column, f"values outside the contract: {bad[:5]}"))
    return problems


def _category_ok(dimension: str | None, category: str | None) -> bool:
    if dimension in CATEGORIES:
        return category in CATEGORIES[dimension]
    if dimension == "age":
        return category is not None and bool(AGE_CATEGORY.match(category))
    return True  # an unknown dimension is reported by the enum check


def check_rows(table: str, rows: list[dict[str, Any]]) -> list[Problem]:
    """The enum, category and doc_id problems of one table's rows (as dicts)."""
    problems = _enum_problems(table, rows)
    if table == "demographics":
        bad = sorted({f"{r.get('dimension')}:{r.get('category')}" for r in rows
                      if not _category_ok(r.get("dimension"), r.get("category"))})
        if bad:
            problems.append(Problem(table, "category", f"non-canonical values: {bad[:5]}"))
    if "doc_id" in SCHEMAS[table].names:
        n = sum(1 for r in rows if not SHA256.match(r.get("doc_id") or ""))
        if n:
            problems.append(Problem(table, "doc_id", f"{n} values that are not a sha256 hex digest"))
    return problems


def check_extraction(ex: Extraction) -> list[Problem]:
    """The contract problems of one document's records, before they are written."""
    tables: dict[str, Iterable[Any]] = {"documents": [ex.document]}
    tables.update({t: getattr(ex, t) for t in FACT_TABLES})
    problems: list[Problem] = []
    for table, records in tables.items():
        rows = [vars(r) for r in records]
        problems += check_rows(table, rows)
    return problems


def check_schema(table: str, schema: pa.Schema) -> list[Problem]:
    """Columns of the contract schema that are missing or have another type."""
    problems = []
    for f in SCHEMAS[table]:
        if f.name not in schema.names:
            problems.append(Problem(table, f.name, "missing column"))
        elif not schema.field(f.name).type.equals(f.type):
            problems.append(Problem(table, f.name, f"type {schema.field(f.name).type}, expected {f.type}"))
    return problems


def check_manifest(out: Path) -> tuple[list[Problem], set[str] | None]:
    """Problems of OUT/manifest.json, and the doc_ids it lists (None if unreadable)."""
    path = out / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [Problem("manifest.json", None, f"unreadable ({e})")], None
    problems = []
    if manifest.get("schema_version") != SCHEMA_VERSION:
        problems.append(Problem("manifest.json", "schema_version",
                                f"{manifest.get('schema_version')!r}, expected {SCHEMA_VERSION!r}"))
    return problems, {d["doc_id"] for d in manifest.get("documents", [])}


def check_table(out: Path, table: str) -> tuple[list[Problem], list[dict[str, Any]]]:
    """Problems of one Parquet dataset OUT/<table>/, and its rows."""
    try:
        import pyarrow.dataset as ds  # on use: it costs 0.25 s of start-up (it imports pandas)
        data = ds.dataset(out / table, format="parquet", partitioning="hive").to_table()
    except (OSError, pa.ArrowException) as e:
        return [Problem(table, None, f"missing or unreadable ({e})")], []
    rows = data.to_pylist()
    return check_schema(table, data.schema) + check_rows(table, rows), rows


def validate_output(out: Path) -> list[Problem]:
    """Every contract problem of an esep output folder (empty list: it holds)."""
    out = Path(out)
    problems, listed = check_manifest(out)
    for table in TABLES:
        found, rows = check_table(out, table)
        problems += found
        if table == "documents" and listed is not None and not found:
            stored = {r["doc_id"] for r in rows}
            if stored != listed:
                problems.append(Problem("documents", "doc_id",
                                        f"{len(stored ^ listed)} documents differ from manifest.json"))
    return problems
