"""An increment into an OUT that holds documents leaves the tables no batch-wide step
changes in their part files (esep.pipeline.parts): linked, not loaded and rewritten,
and the dataset is the one a single run over everything makes."""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from esep.link import build_entities
from esep.pipeline import parts
from esep.pipeline.run import ingest
from esep.pipeline.writer import load_dataset
from esep.schemas.validate import validate_output
from tests.conftest import copy_fixtures
from tests.facts import dataset_rows

FIRST = ["seed_kk.txt", "stats/ngo_kk_stats.docx"]
SECOND = ["seed_ru.docx", "pdf/tables_kk.pdf"]


@pytest.fixture(scope="module")
def batches(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("parts")
    return copy_fixtures(root / "first", FIRST), copy_fixtures(root / "second", SECOND)


@pytest.fixture(scope="module")
def at_once(batches, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("at_once") / "out"
    ingest(list(batches), out, isolate=False)
    return out


def replace_part(path: Path, change) -> pa.Table:
    """Rewrite a part file as ``change`` makes it (as an older esep, or a stale run, left
    it); the part as it was."""
    data = pq.read_table(path)
    pq.write_table(change(data), path)
    return data


def inode(path: Path) -> int:
    return path.stat().st_ino


def test_an_increment_links_the_earlier_parts_and_equals_one_run(batches, at_once, tmp_path):
    first, second = batches
    out = tmp_path / "out"
    ingest([first], out, isolate=False)
    before = {t: inode(out / t / "part-0.parquet") for t in parts.CARRIED}
    ingest([second], out, isolate=False)
    for table in parts.CARRIED:
        assert [p.name for p in parts.part_files(out / table)] == ["part-0.parquet", "part-1.parquet"]
        assert inode(out / table / "part-0.parquet") == before[table]  # the same file, not a copy
    assert [p.name for p in parts.part_files(out / "documents")] == ["part-0.parquet"]
    assert dataset_rows(out) == dataset_rows(at_once)
    assert validate_output(out) == []


def test_a_document_processed_again_keeps_only_its_new_rows(batches, at_once, tmp_path):
    first, second = batches
    out = tmp_path / "out"
    ingest([first, second], out, isolate=False)
    ingest([first / "seed_kk.txt"], out, isolate=False, force=True)
    # part-0 held seed_kk's old rows: filtered into the new part with its new rows
    assert all(len(parts.part_files(out / t)) == 1 for t in parts.CARRIED)
    again, once = dataset_rows(out), dataset_rows(at_once)
    assert {t: again[t] for t in parts.CARRIED} == {t: once[t] for t in parts.CARRIED}
    # seed_kk is now the last document: the entities are those of a fresh linking in that order
    data = load_dataset(out)
    assert data.extractions[-1].document.source_path.endswith("seed_kk.txt")
    organizations, people = build_entities(data.extractions)
    assert sorted(map(repr, organizations)) == again["organizations"]
    assert sorted(map(repr, people)) == again["people"]


def test_a_table_of_many_parts_is_compacted_into_one(batches, at_once, tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "MAX_PARTS", 2)
    out = tmp_path / "out"
    first, second = batches
    counts = []
    for path in [*sorted(first.iterdir()), second / "seed_ru.docx"]:  # three with demographics
        ingest([path], out, isolate=False)
        counts.append([p.name for p in parts.part_files(out / "demographics")])
    # the third run's part would be the third file: the three are compacted into one
    assert counts == [["part-0.parquet"], ["part-0.parquet", "part-1.parquet"], ["part-2.parquet"]]
    assert all(len(parts.part_files(out / t)) <= 2 for t in parts.CARRIED)
    ingest([second / "tables_kk.pdf"], out, isolate=False)
    assert dataset_rows(out) == dataset_rows(at_once)


def test_a_part_of_an_older_schema_is_rewritten_in_the_current_one(batches, tmp_path):
    first, second = batches
    out = tmp_path / "out"
    ingest([first], out, isolate=False)
    old = replace_part(out / "demographics" / "part-0.parquet", lambda t: t.drop_columns(
        ["ocr_flag"]).replace_schema_metadata({"esep.schema_version": "1"}))
    n = old.num_rows
    ingest([second], out, isolate=False)
    files = parts.part_files(out / "demographics")
    assert [p.name for p in files] == ["part-1.parquet"]
    data = pq.read_table(files[0])
    assert data.schema.metadata[b"esep.schema_version"] == b"2"
    assert data.column("ocr_flag").null_count >= n  # the column the old part lacked: null
    assert data.slice(0, n).drop_columns(["ocr_flag"]).equals(old.drop_columns(["ocr_flag"]))
    assert validate_output(out) == []


def test_next_part_numbers_past_the_highest(tmp_path):
    names = [tmp_path / n for n in ("part-0.parquet", "part-9.parquet", "part-10.parquet")]
    assert parts.next_part([]) == "part-0.parquet"
    assert parts.next_part(names) == "part-11.parquet"


def test_conform_fills_missing_columns_with_nulls_and_drops_unknown_ones():
    schema = pa.schema([("doc_id", pa.string()), ("n", pa.int64())])
    data = pa.table({"doc_id": ["a"], "gone": [1.5]})
    assert parts.conform(data, schema).to_pylist() == [{"doc_id": "a", "n": None}]


def test_a_part_whose_ids_the_linking_changes_is_rewritten_with_the_new_ids(batches, tmp_path):
    first, second = batches
    out = tmp_path / "out"
    ingest([first], out, isolate=False)
    def stale(t: pa.Table) -> pa.Table:
        i = t.schema.get_field_index("org_id")
        return t.set_column(i, t.schema.field(i), pa.array(["org_stale"] * t.num_rows, pa.string()))
    data = replace_part(out / "recipients" / "part-0.parquet", stale)
    ingest([second], out, isolate=False)
    files = parts.part_files(out / "recipients")
    assert [p.name for p in files] == ["part-1.parquet"]  # rewritten, with the new rows in it
    got = pq.read_table(files[0])
    orgs = set(pq.read_table(out / "organizations").column("org_id").to_pylist())
    ids = got.column("org_id").to_pylist()
    assert "org_stale" not in ids and set(ids) - {None} <= orgs
    assert got.slice(0, data.num_rows).drop_columns(["org_id"]).equals(data.drop_columns(["org_id"]))
    assert got.column("org_id").slice(0, data.num_rows).to_pylist() == data.column("org_id").to_pylist()
