"""`esep sql`: DuckDB over an output folder, and the README's example queries on the
bundled samples' output (examples/queries.sql, quoted in the README)."""
from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from esep import sql
from esep.cli import main
from esep.paths import samples_dir
from esep.pipeline import ingest

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "examples" / "queries.sql"


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sql") / "out"
    ingest([samples_dir()], out, isolate=False)
    return out


def statements() -> dict[str, str]:
    """The example queries by their first comment line."""
    found = {}
    for chunk in QUERIES.read_text(encoding="utf-8").split(";"):
        if chunk.strip():
            title, _, query = chunk.strip().partition("\n")
            found[title.removeprefix("-- ")] = query
    return found


def answer(out: Path, title: str) -> sql.Result:
    [key] = [k for k in statements() if k.startswith(title)]
    return sql.run(sql.connect(out), statements()[key])


def test_the_readme_quotes_the_example_queries():
    assert QUERIES.read_text(encoding="utf-8").strip() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_grants_per_region_and_year_count_the_seed_once(out):
    # six files of one report (kk/ru as text, DOCX, PDF): its two contracts once
    assert answer(out, "grants per region").rows == [("Маңғыстау облысы", 2023, 2, Decimal("10000000.00"))]


def test_the_largest_recipients(out):
    rows = answer(out, "the largest recipients").rows
    assert sorted(rows) == [("JasART", 1, Decimal("5000000.00")), ("Көмек командасы", 1, Decimal("5000000.00"))]


def test_findings_by_rule_and_severity(out):
    rows = {(r[0], r[1]): r[2:] for r in answer(out, "findings by rule").rows}
    assert rows[("demographics_sum", "error")] == (12, 6)  # 2 per document, in all six files


def test_events_per_place_and_month(out):
    rows = answer(out, "events per place").rows
    assert ("Ақтау қаласы", "2023-06", 2) in rows and sum(r[2] for r in rows) == 11


def test_participants_by_gender_and_age(out):
    rows = {(r[0], r[1]): r[2] for r in answer(out, "participants by gender").rows}
    assert (rows[("gender", "male")], rows[("gender", "female")], rows[("gender", "total")]) == (60, 90, 350)
    assert rows[("age", "17-22")] == 73


# --- the command -------------------------------------------------------------------

def test_sql_prints_an_aligned_table(out, capsys):
    assert main(["sql", str(out), "SELECT region, count(*) AS n FROM documents GROUP BY region"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "region            n", "----------------  -", "Маңғыстау облысы  6", "(1 row)"]


def test_sql_csv_json_and_parquet(out, capsys, tmp_path):
    query = "SELECT contract_no, grant_kzt FROM contracts WHERE NOT is_total ORDER BY 1 LIMIT 2"
    assert main(["sql", str(out), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out == "contract_no,grant_kzt\n65,5000000.00\n65,5000000.00\n"
    assert main(["sql", str(out), query, "--format", "json"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert json.loads(lines[0]) == {"contract_no": "65", "grant_kzt": "5000000.00"}
    assert main(["sql", str(out), query, "--format", "parquet", "--output", str(tmp_path / "c.parquet")]) == 0
    table = pq.read_table(tmp_path / "c.parquet")
    assert table.num_rows == 2 and str(table.schema.field("grant_kzt").type) == "decimal128(18, 2)"


def test_sql_errors(out, tmp_path, capsys):
    assert main(["sql", str(out), "SELEC 1"]) == 1
    assert capsys.readouterr().err.startswith('esep: error: Parser Error: syntax error at or near "SELEC"')
    assert main(["sql", str(tmp_path), "SELECT 1"]) == 2
    assert capsys.readouterr().err == f"esep: error: not an esep output folder: {tmp_path}\n"
    assert main(["sql", str(out), "SELECT 1", "--format", "parquet"]) == 2
    assert capsys.readouterr().err == "esep: error: --format parquet writes a file: give it with --output FILE\n"


def test_the_prompt_answers_statement_by_statement(out):
    stdout = io.StringIO()
    sql.prompt(sql.connect(out), io.StringIO("SELECT count(*) AS n\nFROM documents;\nSELEC;\n"), stdout)
    text = stdout.getvalue()
    assert "sql> ... n\n-\n6\n(1 row)\n" in text and "error: Parser Error" in text


def test_the_summary_counts_come_from_a_query(out, capsys):
    from esep.cli import summary
    from esep.pipeline.writer import load_dataset
    from esep.pipeline.datamodel import BatchResult
    data = load_dataset(out)
    result = BatchResult(out=out, processed=data.extractions, skipped=[], documents=len(data.extractions))
    [row] = answer(out, "the ingest summary's counts").rows
    docs, ok, partial, failed, contracts, events, findings, errors, warnings = row
    lines = summary(result)
    assert lines[0].startswith(f"documents: {docs} (ok {ok}, partial {partial}, failed {failed})")
    assert lines[1] == f"contracts: {contracts}" and lines[3] == f"events: {events}"
    assert lines[4].startswith(f"findings: {findings} (error {errors}, warning {warnings},")

