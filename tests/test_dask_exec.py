"""The dask executor: the same dataset as the local one, failures as rows, URL inputs, a clear missing-extra error."""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep.cli import main
from esep.paths import samples_dir
from esep.pipeline import InputError, ingest, process_file
from esep.pipeline.dask_exec import local_cluster, run_dask, run_task
from esep.pipeline.remote import has_protocol
from esep.pipeline.writer import read_manifest
from esep.pipeline.datamodel import Job
from esep.readers import sha256_file

distributed = pytest.importorskip("distributed")


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """The six seed reports (kk/ru x pdf/docx/txt) and an empty PDF."""
    folder = tmp_path / "in"
    shutil.copytree(samples_dir(), folder)
    (folder / "empty.pdf").write_bytes(b"")
    return folder


def tables(out: Path) -> dict[str, list[str]]:
    """Every Parquet table under OUT (contract and _internal), its rows as sorted JSON lines."""
    found = {}
    for folder in sorted({p.parent for p in out.rglob("*.parquet")}):
        rows = ds.dataset(folder, format="parquet").to_table().to_pylist()
        found[folder.relative_to(out).as_posix()] = sorted(
            json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in rows)
    return found


def manifest(out: Path) -> dict:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    data.pop("written_at")  # the run's clock, the only field two runs may differ in
    return data


@pytest.mark.slow
def test_dask_ingest_equals_local(batch: Path, tmp_path: Path, capsys):
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert main(["ingest", str(batch), "--out", str(local), "--quiet"]) == 1  # the empty PDF
    assert main(["ingest", str(batch), "--out", str(dask), "--quiet", "--executor", "dask", "--jobs", "2"]) == 1
    assert capsys.readouterr().err.count("failed: ") == 2
    got, want = tables(dask), tables(local)
    assert got == want
    assert {"documents", "contracts", "events", "findings", "organizations"} <= set(got)
    assert manifest(dask) == manifest(local)
    docs = {Path(d["source_path"]).name: (d["status"], d["error"]) for d in manifest(dask)["documents"]}
    assert docs["empty.pdf"] == ("failed", "file is empty")
    assert sorted(n for n, (s, _) in docs.items() if s == "ok") == sorted(p.name for p in samples_dir().iterdir())
    assert len(got["contracts"]) == 12  # two contracts in each seed report


# --- failures -------------------------------------------------------------------

def troublesome(path: Path, doc_id: str):
    """process_file, except for the files named after a way to fail (runs on the workers)."""
    if path.name == "boom.txt":
        raise ValueError("boom")
    if path.name == "die.txt":
        os._exit(3)  # as a crash in native code would
    if path.name == "hang.txt":
        time.sleep(120)
    if path.name in ("pages.txt", "stall.txt"):  # OCR reporting its pages, as esep.readers.pdf_ocr does
        from esep.readers import pdf_ocr
        for n in range(1, 6):
            time.sleep(1.5 if path.name == "pages.txt" or n == 1 else 120)
            pdf_ocr._progress(pdf_ocr.Progress(n, n, 5))
    return process_file(path, doc_id)


@pytest.fixture(scope="module")
def scheduler():
    """A small LocalCluster that `run_dask` reaches by address, as it would a real one."""
    cluster = local_cluster(distributed, 2, allowed_failures=0)  # a file that kills its worker fails at once
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.slow
def test_raising_dying_and_hanging_tasks_are_failed_rows_a_long_scan_is_not(tmp_path: Path, scheduler: str):
    good = tmp_path / "good.txt"
    shutil.copy(samples_dir() / "seed_kk.txt", good)
    jobs = [Job(good, sha256_file(good))]
    for name in ("boom.txt", "die.txt", "hang.txt", "pages.txt", "stall.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        jobs.append(Job(tmp_path / name, sha256_file(tmp_path / name)))
    done: list[str] = []
    # 6 s a file, or a page: pages.txt takes 7.5 s, but never 6 s without a page
    results = run_dask(jobs, scheduler=scheduler, timeout=6, fn=troublesome,
                       on_done=lambda job, ex: done.append(job.path.name))
    got = [(Path(r.document.source_path).name, r.document.status, r.document.error) for r in results]
    assert got == [("good.txt", "ok", None),
                   ("boom.txt", "failed", "ValueError: boom"),
                   ("die.txt", "failed", "worker crashed (died while processing this file)"),
                   ("hang.txt", "failed", "timed out after 6 s"),
                   ("pages.txt", "ok", None),
                   ("stall.txt", "failed", "timed out: no progress for 6 s (OCR of a page)")]
    assert sorted(done) == sorted(j.path.name for j in jobs)
    assert len(results[0].contracts) == 2
    # the cluster is whole again: the killed and the restarted worker are back
    again = run_dask(jobs[:1], scheduler=scheduler, timeout=30)
    assert again[0].document.status == "ok"


# --- URL inputs ---------------------------------------------------------------------

def test_url_input_is_copied_locally_and_keeps_its_url(tmp_path: Path):
    src = samples_dir() / "seed_ru.docx"
    url = src.resolve().as_uri()  # file:///.../seed_ru.docx
    seen: list[Path] = []

    def record(path: Path, doc_id: str):
        seen.append(path)
        return process_file(path, doc_id)
    ex = run_task(record, url, sha256_file(src), "topic", "key", 1)
    assert has_protocol(url) and not has_protocol(str(src))
    assert seen[0].suffix == ".docx" and seen[0] != src and not seen[0].exists()  # deleted afterwards
    assert (ex.document.source_path, ex.document.status, ex.document.size_bytes) == (url, "ok", src.stat().st_size)
    assert ex.contracts == process_file(src, sha256_file(src)).contracts


def test_missing_url_is_a_failed_row_named_by_its_url():
    ex = run_task(process_file, "file:///nowhere/report.pdf", "x" * 64, "topic", "key", 1)
    assert (ex.document.source_path, ex.document.status) == ("file:///nowhere/report.pdf", "failed")
    assert ex.document.error.startswith("cannot open: ")


# --- missing extra ------------------------------------------------------------------

def test_missing_dask_says_how_to_install_it(monkeypatch, batch: Path, tmp_path: Path, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(InputError, match=r"needs dask\[distributed\] and fsspec .*pip install 'esep\[dask\]'"):
        run_dask([Job(batch / "seed_kk.txt", "x")], timeout=10)
    assert main(["ingest", str(batch), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "pip install 'esep[dask]'" in capsys.readouterr().err
    assert not (tmp_path / "out" / "manifest.json").exists()


@pytest.mark.slow
def test_ingest_a_folder_url(batch: Path, tmp_path: Path, scheduler: str):
    out = tmp_path / "out"
    (batch / ".hidden").mkdir()
    shutil.copy(batch / "seed_kk.txt", batch / ".hidden" / "copy.txt")
    result = ingest([batch.as_uri()], out, scheduler=scheduler)
    docs = {d.source_path: (d.status, d.error) for d in read_manifest(out).documents}
    assert docs == {f"{batch.as_uri()}/{p.name}": ("ok", None) for p in samples_dir().iterdir()} | {
        f"{batch.as_uri()}/empty.pdf": ("failed", "file is empty")}
    assert sum(len(ex.contracts) for ex in result.processed) == 12
    again = ingest([batch.as_uri()], out, scheduler=scheduler)  # the same bytes: nothing to do but the failed file
    assert [ex.document.source_path for ex in again.processed] == [f"{batch.as_uri()}/empty.pdf"]
    assert len(again.skipped) == 6


def test_url_inputs_need_the_dask_executor(tmp_path: Path):
    with pytest.raises(InputError, match="URL inputs are read by Dask workers"):
        ingest([(samples_dir() / "seed_kk.txt").as_uri()], tmp_path / "out")
    with pytest.raises(InputError, match="no such file or folder: file:///nowhere"):
        ingest(["file:///nowhere"], tmp_path / "out", executor="dask")
