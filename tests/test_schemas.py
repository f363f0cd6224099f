"""The contract as code: schemas derived from the records, enums, validation."""
from __future__ import annotations

import importlib.util
from datetime import date
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, strategies as st

from esep.pipeline.datamodel import Dataset
from esep.pipeline.writer import write_output
from esep.records import (
    ContractRow, DemographicRow, DocumentRow, EventRow, Extraction, Finding, OrganizationRow,
)
from esep.schemas.contract import (
    RECORDS, SCHEMA_VERSION, SCHEMAS, TABLES, arrow_type, from_arrow, to_arrow,
)
from esep.schemas.validate import Problem, check_extraction, check_rows, validate_output

from tests.conftest import SHARED

DOC = "a" * 64


def _tool():
    path = SHARED / "tools" / "check_contract.py"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    spec = importlib.util.spec_from_file_location("check_contract", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_version():
    assert SCHEMA_VERSION == "2"
    assert SCHEMAS["documents"].metadata[b"esep.schema_version"] == b"2"


def test_tables_are_the_contracts_in_order():
    assert TABLES == ("documents", "contracts", "applications", "winners", "recipients", "partners",
                      "events", "indicators", "demographics", "amounts", "organizations", "people",
                      "findings")


def test_schemas_hold_every_column_check_contract_expects():
    tool = _tool()
    assert set(tool.TABLES) == set(TABLES)
    for table, columns in tool.TABLES.items():
        wanted = dict(columns)
        if table in tool.WITH_PROVENANCE:
            wanted.update(tool.PROVENANCE)
        schema = SCHEMAS[table]
        for name, family in wanted.items():
            assert name in schema.names, f"{table}.{name}"
            assert tool.family(schema.field(name).type) == family, f"{table}.{name}"


def test_enums_match_check_contract():
    from esep.schemas.contract import CATEGORIES, ENUMS
    tool = _tool()
    assert {k: set(v) for k, v in ENUMS.items()} == tool.ENUMS
    assert {k: set(v) for k, v in CATEGORIES.items()} == tool.CATEGORIES


@pytest.mark.parametrize("table, column, expected", [
    ("contracts", "grant_kzt", pa.decimal128(18, 2)),
    ("contracts", "contract_date", pa.date32()),
    ("contracts", "row", pa.int64()),
    ("contracts", "bbox", pa.list_(pa.float64())),
    ("events", "date", pa.date32()),
    ("events", "speakers", pa.list_(pa.string())),
    ("indicators", "value", pa.float64()),
    ("documents", "ocr", pa.bool_()),
    ("organizations", "doc_ids", pa.list_(pa.string())),
])
def test_field_types(table, column, expected):
    assert SCHEMAS[table].field(column).type == expected


def test_provenance_columns_come_last_doc_id_first():
    names = SCHEMAS["contracts"].names
    assert names[0] == "doc_id"
    assert names[-5:] == ["page", "locator", "evidence", "bbox", "ocr_flag"]


def test_every_record_field_is_a_column():
    import dataclasses
    for table, cls in RECORDS.items():
        assert set(SCHEMAS[table].names) == {f.name for f in dataclasses.fields(cls)}


def test_arrow_type_refuses_what_it_cannot_map():
    with pytest.raises(TypeError, match="no Arrow type"):
        arrow_type(dict)


def test_round_trip_keeps_values():
    rows = [ContractRow(doc_id=DOC, row=1, grant_kzt=Decimal("5000000"), contract_date=date(2023, 5, 2),
                        bbox=(1.0, 2.0, 3.0, 4.5), page=3, locator="table:1/row:2")]
    back = from_arrow("contracts", to_arrow("contracts", rows))
    assert back == [ContractRow(doc_id=DOC, row=1, grant_kzt=Decimal("5000000.00"),
                                contract_date=date(2023, 5, 2), bbox=[1.0, 2.0, 3.0, 4.5],
                                page=3, locator="table:1/row:2")]


def test_money_is_rounded_to_tiyn():
    table = to_arrow("contracts", [ContractRow(doc_id=DOC, row=1, grant_kzt=Decimal("1.005"))])
    assert table.column("grant_kzt").to_pylist() == [Decimal("1.01")]


def test_empty_table_keeps_its_schema():
    assert to_arrow("events", []).schema == SCHEMAS["events"]


@given(st.decimals(min_value=0, max_value=Decimal("9999999999999999.99"), places=2,
                   allow_nan=False, allow_infinity=False),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)),
       st.lists(st.text(max_size=20), max_size=4))
def test_round_trip_property(amount, day, speakers):
    ev = EventRow(doc_id=DOC, date=day, speakers=speakers)
    assert from_arrow("events", to_arrow("events", [ev])) == [ev]
    row = ContractRow(doc_id=DOC, row=1, grant_kzt=amount)
    assert from_arrow("contracts", to_arrow("contracts", [row]))[0].grant_kzt == amount


def test_check_rows_flags_enum_values():
    problems = check_rows("documents", [{"doc_id": DOC, "status": "done", "language": "en",
                                         "doc_kind": "unknown"}])
    assert [str(p) for p in problems] == [
        "documents.language: values outside the contract: ['en']",
        "documents.status: values outside the contract: ['done']",
    ]


def test_check_rows_flags_categories_and_doc_ids():
    rows = [{"doc_id": DOC, "dimension": "age", "category": "17-22"},
            {"doc_id": DOC, "dimension": "age", "category": "жастар"},
            {"doc_id": "x", "dimension": "gender", "category": "men"}]
    assert [str(p) for p in check_rows("demographics", rows)] == [
        "demographics.category: non-canonical values: ['age:жастар', 'gender:men']",
        "demographics.doc_id: 1 values that are not a sha256 hex digest",
    ]


def test_check_extraction():
    ex = Extraction(document=DocumentRow(doc_id=DOC, source_path="r.txt", file_type="txt"))
    assert check_extraction(ex) == []
    ex.findings.append(Finding(doc_id=DOC, rule="sum_mismatch", severity="error", message="m"))
    ex.demographics.append(DemographicRow(doc_id=DOC, dimension="gender", category="female", count=3))
    assert check_extraction(ex) == [
        Problem("findings", "rule", "values outside the contract: ['sum_mismatch']")]


def test_validate_output(tmp_path: Path):
    ex = Extraction(document=DocumentRow(doc_id=DOC, source_path="r.txt", file_type="txt"))
    out = tmp_path / "out"
    write_output(out, Dataset([ex], [OrganizationRow(org_id="o1", name_norm="X")]))
    assert validate_output(out) == []
    import shutil
    shutil.rmtree(out / "people")
    (out / "manifest.json").write_text('{"schema_version": "0.9", "documents": []}')
    problems = [str(p) for p in validate_output(out)]
    assert problems[0] == "manifest.json.schema_version: '0.9', expected '2'"
    assert problems[1] == "documents.doc_id: 1 documents differ from manifest.json"
    assert problems[2].startswith("people: missing or unreadable")
    assert len(problems) == 3
