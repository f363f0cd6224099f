"""The batch pipeline: discovery, isolation, never-twice, incremental runs, atomic writes."""
from __future__ import annotations

import faulthandler
import json
import os
import signal
import time
from decimal import Decimal
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep.pipeline import InputError, discover, ingest, process_file
from esep.pipeline import writer
from esep.pipeline.writer import OutputError, load_dataset, locked, read_manifest, recover
from esep.readers import ReaderError, sha256_file
from esep.pipeline.datamodel import Dataset
from esep.records import (
    ContractRow, DocumentRow, Extraction, OrganizationRow, Passage, PersonMention,
)
from esep.schemas.validate import validate_output

from tests.conftest import write_corrupt_pdf, write_report


@pytest.fixture(autouse=True)
def stub_stages(monkeypatch):
    """Pin extract and audit to the minimal stub: these tests are about the
    pipeline, not about what the extractors (tested on their own) find."""
    def extract(doc):
        return Extraction(document=DocumentRow(doc_id=doc.doc_id, source_path=doc.source_path,
                                               file_type=doc.file_type, pages=doc.pages))
    monkeypatch.setattr("esep.pipeline.process.extract_records", extract)
    monkeypatch.setattr("esep.pipeline.process.audit_records", lambda ex: [])


def rows(out: Path, table: str) -> list[dict]:
    return ds.dataset(out / table, format="parquet").to_table().to_pylist()


def statuses(out: Path) -> dict[str, str]:
    return {Path(r["source_path"]).name: r["status"] for r in rows(out, "documents")}


# --- discover -----------------------------------------------------------------

def test_discover_walks_folders_and_skips_hidden_and_temporary(tmp_path: Path):
    for name in ["b.docx", "a.pdf", "sub/c.txt", "sub/deeper/d.doc", "~$b.docx", ".hidden.txt",
                 ".git/e.txt", "notes.xlsx", "f.docx~", ".~lock.g.odt#"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.pdf", "b.docx", "sub/c.txt", "sub/deeper/d.doc"]


def test_discover_keeps_named_files_once(tmp_path: Path):
    a = write_report(tmp_path, "a.txt")
    odd = write_report(tmp_path, "table.xlsx")
    assert discover([a, tmp_path, tmp_path / "." / "a.txt", odd]) == [a, odd]


def test_discover_refuses_a_missing_path(tmp_path: Path):
    with pytest.raises(InputError, match="no such file or folder: .*nope"):
        discover([tmp_path / "nope"])


# --- one document -------------------------------------------------------------

def test_process_file_good_and_bad(tmp_path: Path):
    good = process_file(write_report(tmp_path))
    assert (good.document.status, good.document.error, good.document.file_type) == ("ok", None, "txt")
    assert good.document.doc_id == sha256_file(tmp_path / "report.txt")
    bad = process_file(write_corrupt_pdf(tmp_path))
    assert bad.document.status == "failed" and bad.document.error
    odd = process_file(write_report(tmp_path, "sheet.xlsx"))
    assert (odd.document.status, odd.document.error) == ("failed", "unsupported file type .xlsx")


def test_process_file_names_an_unexpected_exception(tmp_path: Path, monkeypatch):
    def explode(path, doc_id=None):
        raise ValueError("bad xref")
    monkeypatch.setattr("esep.pipeline.process.read", explode)
    ex = process_file(write_report(tmp_path))
    assert (ex.document.status, ex.document.error) == ("failed", "cannot read: ValueError: bad xref")


def test_a_failing_extractor_fails_the_document_not_the_batch(tmp_path: Path, monkeypatch):
    def explode(doc):
        raise KeyError("direction")
    monkeypatch.setattr("esep.pipeline.process.extract_records", explode)
    ex = process_file(write_report(tmp_path))
    assert (ex.document.status, ex.document.error) == ("failed", "extraction failed: KeyError: 'direction'")


def test_a_failing_audit_makes_the_document_partial(tmp_path: Path, monkeypatch):
    def explode(ex):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr("esep.pipeline.process.audit_records", explode)
    ex = process_file(write_report(tmp_path))
    assert (ex.document.status, ex.document.error) == ("partial", "audit failed: ZeroDivisionError: division by zero")


# --- a batch --------------------------------------------------------------------

def test_batch_lands_with_failures_recorded(batch_dir: Path, tmp_path: Path, check_contract):
    out = tmp_path / "out"
    result = ingest([batch_dir], out, jobs=2)
    assert statuses(out) == {"report.txt": "ok", "broken.pdf": "failed", "garbage.docx": "failed"}
    errors = {Path(r["source_path"]).name: r["error"] for r in rows(out, "documents")}
    assert errors["report.txt"] is None and errors["broken.pdf"] and errors["garbage.docx"]
    assert [ex.document.source_path for ex in result.processed] == [str(p) for p in discover([batch_dir])]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["schema_version"] == "2"
    assert manifest["batch"] == {"added": 3, "replaced": 0, "skipped": 0, "failed": 2}
    assert {d["doc_id"] for d in manifest["documents"]} == {r["doc_id"] for r in rows(out, "documents")}
    assert validate_output(out) == []
    done = check_contract(out)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip().endswith("contract: 0 problems in 13 tables")


def test_every_table_exists_with_its_schema_when_empty(tmp_path: Path):
    out, empty = tmp_path / "out", tmp_path / "empty"
    empty.mkdir()
    ingest([empty], out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["manifest.json", "_internal", "documents", "contracts", "applications", "winners", "recipients",
         "partners", "events", "indicators", "demographics", "amounts", "organizations", "people",
         "findings"])
    assert validate_output(out) == []


def test_reingest_adds_nothing(batch_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    ingest([batch_dir], out)
    before = rows(out, "documents")
    result = ingest([batch_dir], out)
    # The good file is skipped; the two failed ones are tried again and replaced.
    assert [p.name for p in result.skipped] == ["report.txt"]
    assert len(result.processed) == 2
    assert sorted(r["doc_id"] for r in rows(out, "documents")) == sorted(r["doc_id"] for r in before)
    assert read_manifest(out).batch.replaced == 2


def test_same_bytes_under_another_name_is_skipped(tmp_path: Path):
    out = tmp_path / "out"
    first = write_report(tmp_path / "in")
    ingest([first], out)
    copy = write_report(tmp_path / "elsewhere", "copy.txt")
    twice = write_report(tmp_path / "elsewhere", "copy2.txt")
    result = ingest([copy, twice], out)
    assert result.processed == [] and result.skipped == [copy, twice]
    assert len(rows(out, "documents")) == 1


def test_a_run_with_nothing_new_leaves_out_untouched(tmp_path: Path):
    out = tmp_path / "out"
    path = write_report(tmp_path / "in")
    ingest([path], out)
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")}
    result = ingest([path], out)
    assert result.processed == [] and result.skipped == [path]
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")} == before
    assert [ex.document.source_path for ex in result.dataset.extractions] == [str(path)]


def test_a_renamed_file_gets_its_new_path(tmp_path: Path):
    out = tmp_path / "out"
    path = write_report(tmp_path / "in")
    ingest([path], out)
    renamed = path.rename(path.with_name("renamed.txt"))
    result = ingest([renamed], out)
    assert result.processed == [] and result.skipped == [renamed]
    assert [r["source_path"] for r in rows(out, "documents")] == [str(renamed)]
    assert [d.source_path for d in read_manifest(out).documents] == [str(renamed)]


def test_a_copy_beside_its_original_keeps_the_original_path(tmp_path: Path):
    out = tmp_path / "out"
    first = write_report(tmp_path / "in")
    ingest([first], out)
    copy = write_report(tmp_path / "elsewhere", "copy.txt")
    ingest([first, copy], out)
    assert [r["source_path"] for r in rows(out, "documents")] == [str(first)]


def test_force_reprocesses(tmp_path: Path):
    out = tmp_path / "out"
    path = write_report(tmp_path / "in")
    ingest([path], out)
    result = ingest([path], out, force=True)
    assert len(result.processed) == 1 and result.skipped == []
    assert len(rows(out, "documents")) == 1
    assert read_manifest(out).batch.replaced == 1


def test_incremental_run_adds_only_the_new_file(tmp_path: Path, monkeypatch):
    out, folder = tmp_path / "out", tmp_path / "in"
    write_report(folder, "one.txt")
    ingest([folder], out)
    first = rows(out, "documents")
    write_report(folder, "two.txt", "Есеп 2024\n\nЕкінші есеп.\n")
    seen: list[list[str]] = []

    def link(extractions, state=None):
        seen.append(sorted(Path(ex.document.source_path).name for ex in extractions))
        return [OrganizationRow(org_id="org-1", name_norm="Орталық", doc_ids=[ex.document.doc_id for ex in extractions])], []
    monkeypatch.setattr("esep.pipeline.run.build_entities", link)
    result = ingest([folder], out)
    assert [Path(ex.document.source_path).name for ex in result.processed] == ["two.txt"]
    docs = rows(out, "documents")
    assert [d for d in docs if d["doc_id"] == first[0]["doc_id"]] == first
    assert sorted(Path(d["source_path"]).name for d in docs) == ["one.txt", "two.txt"]
    # Linking sees the whole folder, not just the batch.
    assert seen == [["one.txt", "two.txt"]]
    assert [len(r["doc_ids"]) for r in rows(out, "organizations")] == [2]
    assert read_manifest(out).batch.added == 1


def test_load_dataset_round_trips(batch_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = ingest([batch_dir], out)
    back = load_dataset(out)
    assert sorted(ex.document.doc_id for ex in back.extractions) == sorted(
        ex.document.doc_id for ex in result.processed)
    by_id = {ex.document.doc_id: ex for ex in back.extractions}
    for ex in result.processed:
        assert by_id[ex.document.doc_id] == ex


def test_what_the_audit_and_linking_keep_survives_a_later_run(tmp_path: Path):
    doc = "b" * 64
    ex = Extraction(document=DocumentRow(doc_id=doc, source_path="r.txt", file_type="txt"),
                    contract_total=ContractRow(doc_id=doc, row=9, grant_kzt=Decimal("30000000"), is_total=True),
                    passages=[Passage(doc_id=doc, part="main", evidence="Есеп", locator="para:1")],
                    mentions=[PersonMention(doc_id=doc, name="Ержанова Гүлнар", role="leader")])
    writer.write_output(tmp_path / "out", Dataset([ex]))
    assert sorted(p.name for p in (tmp_path / "out" / "_internal").iterdir()) == [
        "contract_total", "mentions"]
    # passages are the source text again: the audit used them, no later run needs them
    ex.passages = []
    assert load_dataset(tmp_path / "out").extractions == [ex]


# --- isolation ------------------------------------------------------------------

def _sleeping_reader(path, doc_id=None):
    if Path(path).name == "slow.txt":
        time.sleep(60)
    raise ReaderError("fine, but unreadable")


def test_a_hung_file_times_out(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("esep.pipeline.process.read", _sleeping_reader)
    folder = tmp_path / "in"
    write_report(folder, "slow.txt")
    write_report(folder, "quick.txt", "другое")
    started = time.monotonic()
    ingest([folder], tmp_path / "out", timeout=1, jobs=2)
    assert time.monotonic() - started < 20
    errors = {Path(r["source_path"]).name: r["error"] for r in rows(tmp_path / "out", "documents")}
    assert errors == {"slow.txt": "timed out after 1 s", "quick.txt": "fine, but unreadable"}


@pytest.mark.parametrize("how, reason", [
    # faulthandler off: pytest's would print the worker's stack on the way down.
    (lambda: (faulthandler.disable(), os.kill(os.getpid(), signal.SIGSEGV)), "worker crashed (SIGSEGV)"),
    (lambda: os._exit(3), "worker crashed (exit code 3)"),
])
def test_a_crashed_worker_fails_its_file_only(tmp_path: Path, monkeypatch, how, reason):
    def crash(path, doc_id=None):
        if Path(path).name == "bomb.txt":
            how()
        raise ReaderError("other")
    monkeypatch.setattr("esep.pipeline.process.read", crash)
    folder = tmp_path / "in"
    write_report(folder, "bomb.txt")
    write_report(folder, "fine.txt", "басқа")
    ingest([folder], tmp_path / "out")
    errors = {Path(r["source_path"]).name: r["error"] for r in rows(tmp_path / "out", "documents")}
    assert errors == {"bomb.txt": reason, "fine.txt": "other"}


def test_memory_error_is_a_plain_reason(tmp_path: Path, monkeypatch):
    def hungry(path, doc_id=None):
        raise MemoryError()
    monkeypatch.setattr("esep.pipeline.process.read", hungry)
    ingest([write_report(tmp_path)], tmp_path / "out")
    assert rows(tmp_path / "out", "documents")[0]["error"] == "cannot read: out of memory"


# --- atomic writes --------------------------------------------------------------

def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(out.name + "."))


def test_a_crash_mid_write_leaves_the_previous_state(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    ingest([write_report(tmp_path / "in", "one.txt")], out)
    before = _snapshot(out)
    calls = []

    def dying(folder, table, dataset):
        calls.append(table)
        if len(calls) == 5:
            raise KeyboardInterrupt  # Ctrl-C in the middle of writing the tables
        real(folder, table, dataset)
    real = writer.write_table
    monkeypatch.setattr(writer, "write_table", dying)
    with pytest.raises(KeyboardInterrupt):
        ingest([write_report(tmp_path / "in", "two.txt", "екінші")], out)
    assert _snapshot(out) == before
    assert _siblings(out) == []


def test_ctrl_c_while_processing_writes_nothing(tmp_path: Path):
    out = tmp_path / "out"
    ingest([write_report(tmp_path / "in", "one.txt")], out)
    before = _snapshot(out)
    write_report(tmp_path / "in", "two.txt", "екінші")

    def interrupt(done, total, ex):
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        ingest([tmp_path / "in"], out, on_progress=interrupt)
    assert _snapshot(out) == before


def test_the_swap_is_one_exchange_when_available(tmp_path: Path, monkeypatch):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    if not writer._exchange(tmp_path / "a", tmp_path / "b"):
        pytest.skip("renameat2(RENAME_EXCHANGE) not available here")
    out = tmp_path / "out"
    ingest([write_report(tmp_path / "in", "one.txt")], out)
    renames = []
    monkeypatch.setattr(writer.os, "rename", lambda a, b: renames.append((a, b)))
    ingest([write_report(tmp_path / "in", "two.txt", "екінші")], out)
    assert renames == []  # renameat2(RENAME_EXCHANGE) did it
    assert len(rows(out, "documents")) == 2


def test_a_crash_between_the_two_renames_is_recovered(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    ingest([write_report(tmp_path / "in", "one.txt")], out)
    before = _snapshot(out)
    monkeypatch.setattr(writer, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def crash_on_second(a, b):
        if Path(a).name.startswith("out.tmp-"):
            raise SystemExit("power cut")
        real_rename(a, b)
    monkeypatch.setattr(writer.os, "rename", crash_on_second)
    with pytest.raises(SystemExit):
        ingest([write_report(tmp_path / "in", "two.txt", "екінші")], out)
    assert not out.exists() and [n.split("-")[0] for n in _siblings(out)] == ["out.old"]
    monkeypatch.setattr(writer.os, "rename", real_rename)
    recover(out)
    assert _snapshot(out) == before and _siblings(out) == []
    ingest([tmp_path / "in"], out)  # the fallback path, completed
    assert len(rows(out, "documents")) == 2 and _siblings(out) == []


def test_recover_removes_unfinished_temp_folders(tmp_path: Path):
    out = tmp_path / "out"
    ingest([write_report(tmp_path / "in")], out)
    (tmp_path / "out.tmp-1-deadbeef" / "documents").mkdir(parents=True)
    ingest([tmp_path / "in"], out)
    assert _siblings(out) == []


def test_refuses_to_replace_a_folder_that_is_not_an_output(tmp_path: Path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputError, match="not empty and holds no manifest.json"):
        ingest([write_report(tmp_path / "in")], out)
    assert (out / "thesis.docx").read_bytes() == b"precious"


def test_one_writer_at_a_time(tmp_path: Path):
    out = tmp_path / "out"
    with locked(out):
        with pytest.raises(OutputError, match="another esep run is writing"):
            ingest([write_report(tmp_path / "in")], out)


def test_the_manifest_names_the_extractor_versions(tmp_path: Path):
    out = tmp_path / "out"
    ingest([Path(__file__).parent / "fixtures" / "seed_kk.txt"], out, isolate=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["extractors"]["events"] == "events@1"
    assert read_manifest(out).extractors == manifest["extractors"]


def _scanning_reader(pages: int, seconds_per_page: float):
    """A reader that reports each page it OCRs, as esep.readers.pdf_ocr does, and then fails."""
    def read(path, doc_id=None):
        from esep.readers import pdf_ocr
        for n in range(1, pages + 1):
            time.sleep(seconds_per_page)
            if pdf_ocr._progress is not None:
                pdf_ocr._progress(pdf_ocr.Progress(n, n, pages))
        raise ReaderError(f"read {pages} pages")
    return read


def test_a_long_scan_that_makes_progress_is_not_cut_off(tmp_path: Path, monkeypatch):
    # 6 pages of 0.4 s each: 2.4 s in all, over the 1 s limit, but never 1 s without a page
    monkeypatch.setattr("esep.pipeline.process.read", _scanning_reader(6, 0.4))
    write_report(tmp_path / "in", "scan.txt")
    ingest([tmp_path / "in"], tmp_path / "out", timeout=1, jobs=1)
    assert [r["error"] for r in rows(tmp_path / "out", "documents")] == ["read 6 pages"]


def test_a_scan_stuck_on_a_page_times_out(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("esep.pipeline.process.read", _scanning_reader(2, 3.0))
    write_report(tmp_path / "in", "scan.txt")
    ingest([tmp_path / "in"], tmp_path / "out", timeout=1, jobs=1)
    assert [r["error"] for r in rows(tmp_path / "out", "documents")] == ["timed out after 1 s"]
