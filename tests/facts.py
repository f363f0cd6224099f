"""Turn extracted records into JSON-able rows for golden comparisons."""
from __future__ import annotations

import dataclasses
import datetime
import decimal
import json
from typing import Any

from pathlib import Path

from esep.audit import audit
from esep.extractors import extract
from esep.pipeline.writer import load_dataset
from esep.readers import read
from esep.records import Extraction


def extract_and_audit(path: Path) -> Extraction:
    """What `esep ingest` makes of one file before batch linking: facts and findings."""
    ex = extract(read(path))
    ex.findings = audit(ex)
    return ex

GOLDEN = Path(__file__).parent / "golden"

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


def golden_facts(lang: str) -> dict[str, list[dict[str, Any]]]:
    """tests/golden/seed_<lang>.facts.json: the seed's facts, table by table."""
    return json.loads((GOLDEN / f"seed_{lang}.facts.json").read_text(encoding="utf-8"))


def fact_diffs(ex: Extraction, table: str, expected: list[dict[str, Any]]) -> list[str]:
    """How a table of ``ex`` differs from its golden rows: each asserted field
    (``_`` keys explain, not assert), compared in order, and the row count."""
    got = rows(ex, table)
    fields = sorted({k for row in expected for k in row})
    diffs = [f"{table}[{i}].{k}: got {project(g, fields)[k]!r}, expected {e[k]!r}"
             for i, (e, g) in enumerate(zip(expected, got)) for k in e
             if not k.startswith("_") and g.get(k) != e[k]]
    if len(got) != len(expected):
        diffs.append(f"{table} has {len(got)} rows, golden {len(expected)}")
    return diffs


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


def dataset_rows(out: Path) -> dict[str, list]:
    """Every table of an output folder as JSON-able rows, documents in doc_id order and
    the entity tables sorted: two folders that hold the same dataset compare equal."""
    data = load_dataset(out)
    exs = sorted(data.extractions, key=lambda ex: ex.document.doc_id)
    tables = {t: [r for ex in exs for r in rows(ex, t)] for t in TABLES}
    tables["organizations"] = sorted(map(repr, data.organizations))
    tables["people"] = sorted(map(repr, data.people))
    return tables

