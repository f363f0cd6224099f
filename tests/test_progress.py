"""`esep ingest`'s progress on stderr and its --log, on a real small batch:
the Kazakh seed as PDF (12 pages) and as text, and an empty PDF that fails."""
from __future__ import annotations

import io
import itertools
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console

from esep.cli import main
from esep.paths import samples_dir
from esep.pipeline import ingest
from esep.pipeline.process import failed
from esep.progress import (
    PlainReporter, Reporter, RichReporter, Tally, duration, make_reporter, plain_line,
)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("seed_kk.pdf", "seed_kk.txt"):
        shutil.copy(samples_dir() / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"")
    return folder


@pytest.fixture
def ticking(monkeypatch):
    """A clock that moves 2 s each time it is read, and a line per file."""
    monkeypatch.setattr("esep.progress.monotonic", itertools.count(0, 2.0).__next__)
    monkeypatch.setattr("esep.progress.DEFAULT_INTERVAL", 0.0)


def test_plain_lines_on_a_real_batch(batch: Path, tmp_path: Path, capsys, ticking):
    out = tmp_path / "out"
    assert main(["ingest", str(batch), "--out", str(out), "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    # files in discovery order, one worker: broken.pdf, seed_kk.pdf, seed_kk.txt at 2, 4, 6 s
    assert captured.err.splitlines() == [
        f"esep: failed: {batch / 'broken.pdf'}: file is empty",
        "esep: 1/3 files, 0 pages, 0.0 pages/s, 1 failed, ETA 4s",
        "esep: 2/3 files, 12 pages, 3.0 pages/s, 1 failed, ETA 2s",
        "esep: 3/3 files, 12 pages, 2.0 pages/s, 1 failed, took 6s",
    ]
    # stdout is the summary as before
    assert captured.out.splitlines()[0] == "documents: 3 (ok 2, partial 0, failed 1); skipped 0 already ingested"


def test_plain_lines_wait_for_the_interval(batch: Path, tmp_path: Path, capsys, monkeypatch):
    """The default 10 s between lines: a batch done in 6 s has only its last line."""
    monkeypatch.setattr("esep.progress.monotonic", itertools.count(0, 2.0).__next__)
    assert main(["ingest", str(batch), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"esep: failed: {batch / 'broken.pdf'}: file is empty",
        # the clock read once more at the end: after the batch was written
        "esep: 3/3 files, 12 pages, 1.5 pages/s, 1 failed, took 8s",
    ]


def test_quiet_prints_only_failures(batch: Path, tmp_path: Path, capsys, ticking):
    assert main(["ingest", str(batch), "--out", str(tmp_path / "out"), "--jobs", "1", "--quiet"]) == 1
    assert capsys.readouterr() == ("", f"esep: failed: {batch / 'broken.pdf'}: file is empty\n")


def test_the_log_has_a_line_per_finished_file(batch: Path, tmp_path: Path, capsys):
    out, log = tmp_path / "out", tmp_path / "run.jsonl"
    before = datetime.now().astimezone()
    assert main(["ingest", str(batch), "--out", str(out), "--jobs", "1", "--quiet", "--log", str(log)]) == 1
    rows = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["status"], r["error"], r["pages"], r["doc_kind"], r["language"]) for r in rows] == [
        (str(batch / "broken.pdf"), "failed", "file is empty", None, "unknown", None),
        (str(batch / "seed_kk.pdf"), "ok", None, 12, "operator_report", "kk"),
        (str(batch / "seed_kk.txt"), "ok", None, None, "operator_report", "kk"),
    ]
    assert rows[0]["doc_id"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256 of b""
    assert rows[1]["findings"] > 0 and rows[0]["findings"] == 0
    for r in rows:
        when = datetime.fromisoformat(r["time"])
        assert when.utcoffset() == timedelta(0)
        assert before - timedelta(seconds=1) <= when <= datetime.now().astimezone() + timedelta(seconds=1)
        assert "seconds" not in r
    # a second run tries the failed file again, skips the rest, and appends
    assert main(["ingest", str(batch), "--out", str(out), "--jobs", "1", "--quiet", "--log", str(log)]) == 1
    again = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert again[:3] == rows
    assert [(r["path"], r["status"]) for r in again[3:]] == [(str(batch / "broken.pdf"), "failed")]


def test_an_unwritable_log_is_a_usage_error(batch: Path, tmp_path: Path, capsys):
    log = tmp_path / "nowhere" / "run.jsonl"
    assert main(["ingest", str(batch), "--out", str(tmp_path / "out"), "--log", str(log)]) == 2
    assert capsys.readouterr().err == f"esep: error: cannot write the log {log}: No such file or directory\n"
    assert not (tmp_path / "out").exists()


def rich_console() -> tuple[Console, io.StringIO]:
    text = io.StringIO()
    return Console(file=text, force_terminal=True, width=150, color_system=None), text


def test_the_bar_renders_a_real_batch(batch: Path, tmp_path: Path):
    console, text = rich_console()
    with RichReporter(console) as report:
        result = ingest([batch], tmp_path / "out", jobs=1, on_progress=report)
        report.finish(result.processed)
    shown = text.getvalue()
    assert f"esep: failed: {batch / 'broken.pdf'}: file is empty\n" in shown
    last = shown.rstrip("\n").rsplit("\r", 1)[-1]  # the bar's final state, left on its line
    assert " 3/3 files 12 pages " in last and "pages/s" in last and "ETA 0s 1 failed" in last
    assert shown.endswith("\x1b[?25h")  # the cursor shown again
    assert not report.progress.live.is_started


def test_the_bar_ends_cleanly_on_ctrl_c(batch: Path, tmp_path: Path):
    console, text = rich_console()
    with pytest.raises(KeyboardInterrupt):
        with RichReporter(console) as report:
            def interrupt(done, total, ex):
                report(done, total, ex)
                raise KeyboardInterrupt
            ingest([batch], tmp_path / "out", jobs=1, on_progress=interrupt)
    assert not report.progress.live.is_started
    shown = text.getvalue()
    assert " 1/3 files 0 pages " in shown.rstrip("\n").rsplit("\r", 1)[-1]
    assert shown.endswith("\x1b[?25h")


def test_the_factory_picks_by_the_stream(tmp_path: Path):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    assert type(make_reporter(io.StringIO(), quiet=True)) is Reporter
    assert type(make_reporter(Terminal(), quiet=True)) is Reporter
    assert type(make_reporter(io.StringIO())) is PlainReporter
    assert make_reporter(io.StringIO()).interval == 10.0
    assert type(make_reporter(Terminal())) is RichReporter


def test_files_that_could_not_be_opened_are_reported_at_the_end(tmp_path: Path):
    """plan() fails them before processing: they never reach on_progress."""
    stream, log = io.StringIO(), tmp_path / "run.jsonl"
    gone = failed(tmp_path / "locked.pdf", "ab" * 32, "cannot open: Permission denied")
    with make_reporter(stream, log_path=log, clock=itertools.count(0, 2.0).__next__, interval=0) as report:
        report.finish([gone])
    assert stream.getvalue() == f"esep: failed: {tmp_path / 'locked.pdf'}: cannot open: Permission denied\n"
    assert json.loads(log.read_text())["error"] == "cannot open: Permission denied"


@pytest.mark.parametrize("seconds, text", [(None, "?"), (0.4, "0s"), (59.6, "1m00s"), (250, "4m10s"),
                                           (3725, "1h02m")])
def test_duration(seconds, text):
    assert duration(seconds) == text


def test_the_line_of_the_example():
    t = Tally(started=0.0, now=13.4, done=120, total=1000, pages=512, failed=3)
    assert plain_line(t) == "esep: 120/1000 files, 512 pages, 38.2 pages/s, 3 failed, ETA 1m38s"
