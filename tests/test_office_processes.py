"""No LibreOffice process outlives esep: after a batch, a timeout, a killed worker or a killed esep.

Ours are told from anyone else's by their profile: every test points
`tempfile` (or TMPDIR) at its own folder, so a process whose
``-env:UserInstallation=`` lies there was started by that test. The .doc
files are the seed saved as Word 97 by LibreOffice at test time.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from esep.pipeline import ingest
from esep.pipeline.datamodel import Job
from esep.pipeline.isolation import run_isolated
from esep.pipeline.process import process_file
from esep.readers import ReaderError, read
from esep.readers import office
from esep.readers.office import OfficeConverter, OfficeSettings, batch_converter
from esep.records import DocumentRow, Extraction

FIXTURES = Path(__file__).parent / "fixtures"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SEEDS = ("seed_kk", "seed_ru", "seed_kk_narrow")

pytestmark = [pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed"),
              pytest.mark.skipif(not Path("/proc/self/cmdline").is_file(), reason="needs /proc")]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> list[Path]:
    """Three .doc files, saved in one soffice run with a profile of their own."""
    folder = tmp_path_factory.mktemp("docs")
    profile = (tmp_path_factory.mktemp("lo") / "profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(folder),
                    *(str(FIXTURES / f"{s}.docx") for s in SEEDS)],
                   check=True, capture_output=True, timeout=300)
    return [folder / f"{s}.doc" for s in SEEDS]


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """This test's temp folder: converters (and forked workers) make their profiles here."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    # no converter left by an earlier test: a worker's would live in that one's folder
    monkeypatch.setattr(office, "_default", None)
    return folder


@pytest.fixture
def stub_stages(monkeypatch):
    """Reading is what starts soffice; extract and audit are stubbed to keep these fast."""
    def extract(doc):
        return Extraction(document=DocumentRow(doc_id=doc.doc_id, source_path=doc.source_path,
                                               file_type=doc.file_type, pages=doc.pages))
    monkeypatch.setattr("esep.pipeline.process.extract_records", extract)
    monkeypatch.setattr("esep.pipeline.process.audit_records", lambda ex: [])


def office_processes(root: Path) -> list[tuple[int, str]]:
    """(pid, program) of every live process whose LibreOffice profile lies under ``root``."""
    mark = f"-env:UserInstallation={root.as_uri()}/".encode()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        if any(a.startswith(mark) for a in args):
            found.append((int(pid), Path(args[0].decode()).name))
    return found


def parent_of(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def wait_for(predicate, limit: float = 60.0):
    """Poll until ``predicate()`` is truthy (its value) or ``limit`` seconds pass (None)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if value := predicate():
            return value
        time.sleep(0.02)
    return None


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob("esep-office-*"))


class Watch:
    """Records the programs of ours seen running while the block runs."""

    def __init__(self, root: Path):
        self.root, self.seen, self._stop = root, set(), threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            self.seen.update(name for _, name in office_processes(self.root))
            time.sleep(0.02)

    def __enter__(self) -> "Watch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def count_runs(monkeypatch, log: Path) -> None:
    """Log every soffice run, in this process or a forked worker, to ``log``."""
    real = office.run_soffice

    def logged(cmd, timeout):
        with open(log, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(cmd, timeout)
    monkeypatch.setattr(office, "run_soffice", logged)


def test_reading_in_this_process_leaves_nothing(docs, root, tmp_path, stub_stages):
    with Watch(root) as watch, batch_converter(docs):
        types = [read(p).file_type for p in docs]
    assert types == ["doc"] * len(docs) and "soffice.bin" in watch.seen
    assert office_processes(root) == [] and leftovers(root) == []
    result = ingest(docs, tmp_path / "out", isolate=False)
    assert [ex.document.status for ex in result.processed] == ["ok"] * len(docs)
    assert office_processes(root) == [] and leftovers(root) == []


def test_ingest_with_workers_runs_soffice_once_and_leaves_nothing(docs, root, tmp_path,
                                                                   stub_stages, monkeypatch):
    count_runs(monkeypatch, log := tmp_path / "runs.log")
    result = ingest(docs, tmp_path / "out", jobs=2)
    assert [(ex.document.status, ex.document.file_type) for ex in result.processed] == [
        ("ok", "doc")] * len(docs)
    # one run in the parent for the whole batch (3 files < run_files), none in the workers
    assert log.read_text().split() == [str(os.getpid())]
    assert office_processes(root) == [] and leftovers(root) == []


def test_a_timed_out_conversion_leaves_nothing(docs, root):
    with Watch(root) as watch, OfficeConverter(OfficeSettings(timeout=0.7)) as conv:
        # a fresh profile alone takes LibreOffice longer than 0.7 s (it restarts once)
        with pytest.raises(ReaderError, match="timed out"):
            conv.convert(docs[0])
        assert office_processes(root) == []
    assert watch.seen  # the guard, at least, was running when the time ran out
    assert leftovers(root) == []


def test_a_killed_soffice_leaves_no_socket_in_tmp(docs, root):
    conv = OfficeConverter(OfficeSettings(timeout=120))
    pipe = office.ipc_pipe(conv.workdir / "profile")
    failed: list[Exception] = []

    def convert() -> None:
        try:
            conv.convert(docs[0])
        except ReaderError as e:
            failed.append(e)
    worker = threading.Thread(target=convert)
    worker.start()
    assert wait_for(pipe.exists, 120), "no socket under the name LibreOffice's own rule gives"
    for pid, _ in office_processes(root):  # as the OOM killer would
        os.kill(pid, signal.SIGKILL)
    worker.join()
    assert failed and pipe.exists()  # soffice could not remove it
    conv.close()
    assert not pipe.exists() and leftovers(root) == []


def kill_the_converting_worker(root: Path, killed: list[int]) -> None:
    procs = wait_for(lambda: [p for p in office_processes(root) if p[1] == "soffice.bin"])
    assert procs, "no soffice.bin started"
    guard = min(pid for pid, _ in office_processes(root))  # sh, the worker's child
    killed.append(parent_of(guard))
    os.kill(killed[0], signal.SIGKILL)


def test_a_killed_worker_takes_its_soffice_along(docs, root, stub_stages):
    """No batch converter in the parent here, so the worker converts and is killed mid-run."""
    killed: list[int] = []
    killer = threading.Thread(target=kill_the_converting_worker, args=(root, killed))
    killer.start()
    [ex] = run_isolated([Job(docs[1], "x")], fn=process_file)
    killer.join()
    assert killed and ex.document.error == "worker crashed (SIGKILL)"
    assert wait_for(lambda: office_processes(root) == [], 30), office_processes(root)
    assert list(root.rglob("*.docx")) == []  # killed, not left to finish the conversion


def test_a_killed_esep_takes_its_soffice_along(docs, tmp_path):
    root = tmp_path / "tmp"
    root.mkdir()
    cmd = [sys.executable, "-c", "import sys; from esep.cli import main; sys.exit(main())",
           "ingest", *map(str, docs), "--out", str(tmp_path / "out")]
    esep = subprocess.Popen(cmd, env={**os.environ, "TMPDIR": str(root)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: [p for p in office_processes(root) if p[1] == "soffice.bin"], 120)
        esep.kill()
        esep.wait()
        assert wait_for(lambda: office_processes(root) == [], 30), office_processes(root)
        assert list(root.rglob("*.docx")) == []  # killed, not left to finish the conversion
    finally:
        esep.kill()
        esep.wait()
