"""The money of a set of documents, each grant once.

One grant is stated by several documents: the competition's protocol (its
winners), the operator's annual report (its contracts, and again in the
recipients' profiles of appendix 3), the project's own report, and the same
report as a PDF, a DOCX and a Russian copy. Summing `documents.grant_total_kzt`
counts it once per document. Here a grant is a row, keyed by what identifies
it across documents: the reporting year, the recipient (its batch-wide
`org_id`, else its name in lower case, else the row itself) and the amount.

Each document contributes one table: its contracts (without total rows), else
its winners, else its recipients, else its grant total as one figure (a
press release: "2.7 bn allocated"). A document that restates another in the
other language (`same_as_doc_id`) adds no grant: its figures are restatements. `MONEY_SQL` is the same
computation over an output folder's tables in DuckDB, so that the summary's
figure can be reproduced (README, "Queries").
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterable

from esep.records import Extraction

SOURCES = ("contracts", "winners", "recipients", "documents")  # in order of preference


@dataclass(frozen=True)
class Grant:
    """One money figure of one document, with the key it is counted once by."""

    year: int | None
    who: str
    kzt: Decimal
    doc_id: str
    table: str


@dataclass(frozen=True)
class Money:
    total: Decimal
    grants: int  # distinct grants counted
    restated: int  # figures left out: another document states the same grant


def _who(org_id: str | None, name: str | None, fallback: str) -> str:
    return org_id or (name.lower() if name else fallback)


def _rows(ex: Extraction) -> dict[str, list[tuple[str, Decimal]]]:
    d = ex.document
    return {
        "contracts": [(_who(c.recipient_org_id, c.recipient, f"{d.doc_id}/contracts/{c.row}"), c.grant_kzt)
                      for c in ex.contracts if not c.is_total and c.grant_kzt is not None],
        "winners": [(_who(w.recipient_org_id, w.recipient, f"{d.doc_id}/winners/{w.row}"), w.grant_kzt)
                    for w in ex.winners if w.grant_kzt is not None],
        "recipients": [(_who(r.org_id, r.name, f"{d.doc_id}/recipients"), r.amount_kzt)
                       for r in ex.recipients if r.amount_kzt is not None],
        # a total without rows: copies of one press release share kind, region, year and sum
        "documents": [(f"total/{d.doc_kind}/{d.region}", d.grant_total_kzt)]
        if d.grant_total_kzt is not None else [],
    }


def grants_of(ex: Extraction) -> list[Grant]:
    """The document's money figures, from its first table that has any (see the module doc)."""
    d = ex.document
    if d.status == "failed":
        return []
    rows = _rows(ex)
    table = next((t for t in SOURCES if rows[t]), None)
    if table is None:
        return []
    return [Grant(d.reporting_year, who, kzt, d.doc_id, table) for who, kzt in rows[table]]


# The same over an output folder, in DuckDB: `duckdb -c "$(...)"`, or `esep.money.money_sql(OUT)`.
MONEY_SQL = """
WITH docs AS (SELECT * FROM read_parquet('{out}/documents/**/*.parquet', hive_partitioning = true)
              WHERE status <> 'failed'),
figures AS (
  SELECT doc_id, 1 AS pref, coalesce(nullif(recipient_org_id, ''), nullif(lower(recipient), ''),
         doc_id || '/contracts/' || "row") AS who, grant_kzt AS kzt
  FROM read_parquet('{out}/contracts/**/*.parquet', hive_partitioning = true)
  WHERE NOT is_total AND grant_kzt IS NOT NULL
  UNION ALL
  SELECT doc_id, 2, coalesce(nullif(recipient_org_id, ''), nullif(lower(recipient), ''), doc_id || '/winners/' || "row"), grant_kzt
  FROM read_parquet('{out}/winners/**/*.parquet', hive_partitioning = true) WHERE grant_kzt IS NOT NULL
  UNION ALL
  SELECT doc_id, 3, coalesce(nullif(org_id, ''), nullif(lower(name), ''), doc_id || '/recipients'), amount_kzt
  FROM read_parquet('{out}/recipients/**/*.parquet', hive_partitioning = true) WHERE amount_kzt IS NOT NULL
  UNION ALL
  SELECT doc_id, 4, 'total/' || doc_kind || '/' || coalesce(region, 'None'), grant_total_kzt
  FROM docs WHERE grant_total_kzt IS NOT NULL
),
chosen AS (  -- each document's first table with figures
  SELECT f.*, d.reporting_year AS year, d.same_as_doc_id IS NOT NULL AS restates
  FROM figures f JOIN docs d USING (doc_id)
  QUALIFY pref = min(pref) OVER (PARTITION BY doc_id)
),
numbered AS (  -- two equal grants in one document stay two
  SELECT year, who, kzt, restates, row_number() OVER (PARTITION BY doc_id, year, who, kzt) AS n
  FROM chosen
),
grants AS (SELECT DISTINCT year, who, kzt, n FROM numbered WHERE NOT restates)
SELECT (SELECT sum(kzt) FROM grants) AS money_kzt, (SELECT count(*) FROM grants) AS grants,
       (SELECT count(*) FROM numbered) - (SELECT count(*) FROM grants) AS restated
"""


def money_sql(out: str) -> str:
    """MONEY_SQL for the output folder ``out``."""
    return MONEY_SQL.replace("{out}", str(out).replace("'", "''"))


def money(extractions: Iterable[Extraction]) -> Money:
    """The total of the distinct grants, and how many figures restated one already counted.
    Two equal figures in one document are two grants (the key carries their ordinal)."""
    seen: set[tuple] = set()
    total, figures = Decimal(0), 0
    for ex in extractions:
        ordinal: dict[tuple, int] = {}
        restates = ex.document.same_as_doc_id is not None  # its figures are another's
        for g in grants_of(ex):
            base = (g.year, g.who, g.kzt)
            ordinal[base] = ordinal.get(base, 0) + 1
            figures += 1
            if not restates and (*base, ordinal[base]) not in seen:
                seen.add((*base, ordinal[base]))
                total += g.kzt
    return Money(total, len(seen), figures - len(seen))
