"""SQL over an output folder, in DuckDB: one view per table, hive partitions resolved.

    esep sql OUT "SELECT region, count(*) FROM documents GROUP BY region"
    esep sql OUT                       # an interactive prompt

Every contract table of OUT is a view of the same name (``documents``,
``contracts``, ...). Results print as an aligned table, or as CSV, JSON lines
or a Parquet file (``--format``). DuckDB is imported on use.
"""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, TextIO

from esep.schemas.contract import TABLES

FORMATS = ("table", "csv", "json", "parquet")


class SqlError(Exception):
    """A query DuckDB refused, with its message."""


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


def connect(out: Path):
    """A DuckDB connection with a view per table of ``out`` (tables absent from OUT are left out)."""
    import duckdb
    con = duckdb.connect()
    for table in TABLES:
        if (out / table).is_dir():
            glob = str(out / table / "**" / "*.parquet").replace("'", "''")
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM "
                        f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)")
    return con


def run(con, query: str) -> Result:
    import duckdb
    try:
        rel = con.sql(query)
    except duckdb.Error as e:
        raise SqlError(str(e).strip()) from None
    if rel is None:  # a statement without rows (SET, CREATE ...)
        return Result([], [])
    return Result(list(rel.columns), rel.fetchall())


def cell(value: Any) -> str:
    """A value as the table shows it: decimals as printed, dates ISO, null empty."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cell(v) for v in value) + "]"
    return str(value)


def _numeric(rows: list[tuple], i: int) -> bool:
    return all(isinstance(r[i], (int, float, Decimal)) for r in rows if r[i] is not None)


def format_table(result: Result, limit_width: int = 60) -> list[str]:
    """Aligned columns, numbers to the right, long text cut with an ellipsis."""
    cells = [[cell(v) for v in row] for row in result.rows]
    cells = [[c if len(c) <= limit_width else c[: limit_width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    right = [_numeric(result.rows, i) for i in range(len(result.columns))]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)).rstrip()
    out = [line(result.columns), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def write_result(result: Result, fmt: str, stream: TextIO) -> None:
    """Print ``result`` in ``fmt`` (table, csv or json lines) to ``stream``."""
    if fmt == "table":
        stream.write("\n".join(format_table(result)) + "\n")
    elif fmt == "csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow(result.columns)
        w.writerows([cell(v) for v in row] for row in result.rows)
    else:
        for row in result.rows:
            stream.write(json.dumps(dict(zip(result.columns, map(_jsonable, row))), ensure_ascii=False) + "\n")


def copy_parquet(con, query: str, path: Path) -> None:
    """The query's result into a Parquet file, by DuckDB itself (types kept)."""
    import duckdb
    target = str(path).replace("'", "''")
    try:
        con.execute(f"COPY ({query.rstrip().rstrip(';')}) TO '{target}' (FORMAT parquet)")
    except duckdb.Error as e:
        raise SqlError(str(e).strip()) from None


def prompt(con, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> None:
    """Read statements ending with ';' and print each result; an empty line or EOF ends it."""
    views = ", ".join(t for t in TABLES if _has_view(con, t))
    stdout.write(f"esep sql: tables {views}; end a statement with ';', Ctrl-D to leave\n")
    buffer: list[str] = []
    while True:
        stdout.write("... " if buffer else "sql> ")
        stdout.flush()
        line = stdin.readline()
        if not line:
            break
        buffer.append(line)
        if line.rstrip().endswith(";"):
            _answer(con, "".join(buffer), stdout)
            buffer = []
    stdout.write("\n")


def _answer(con, query: str, stdout: TextIO) -> None:
    try:
        write_result(run(con, query), "table", stdout)
    except SqlError as e:
        stdout.write(f"error: {e}\n")


def _has_view(con, table: str) -> bool:
    rows = con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [table]).fetchall()
    return bool(rows[0][0])
