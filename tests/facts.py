"""Turn extracted records into JSON-able rows for golden comparisons."""
from __future__ import annotations

import dataclasses
import datetime
import decimal
from typing import Any

from pathlib import Path

from esep.audit import audit
from esep.extractors import extract
from esep.readers import read
from esep.records import Extraction


def extract_and_audit(path: Path) -> Extraction:
    """What `esep ingest` makes of one file before batch linking: facts and findings."""
    ex = extract(read(path))
    ex.findings = audit(ex)
    return ex

TABLES = ("documents", "contracts", "applications", "winners", "recipients", "partners",
          "events", "indicators", "demographics", "amounts", "findings")
PROVENANCE = ("page", "locator", "evidence", "bbox")


def jsonable(v: Any) -> Any:
    if isinstance(v, decimal.Decimal):
        return f"{v:.2f}"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    return v


def rows(ex: Extraction, table: str) -> list[dict[str, Any]]:
    records = [ex.document] if table == "documents" else getattr(ex, table)
    return [{k: jsonable(v) for k, v in dataclasses.asdict(r).items()} for r in records]


def project(row: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    return {k: row.get(k) for k in fields}


def snapshot(ex: Extraction) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, provenance included, bbox rounded (renderers jitter)."""
    out = {}
    for table in TABLES:
        out[table] = []
        for r in rows(ex, table):
            r.pop("doc_id", None)
            r.pop("source_path", None)
            if r.get("bbox"):
                r["bbox"] = [round(x, 1) for x in r["bbox"]]
            out[table].append(r)
    return out
