"""How `esep ingest` shows a long batch going, on stderr, and its JSON-lines log.

A reporter is the ``on_progress`` of `esep.pipeline.ingest`: called with (files
done, files to process, the extraction) as each file finishes. Three kinds:

- on a terminal, a `rich` progress bar (files, pages/s, elapsed, ETA, failures);
- elsewhere (a log file, CI), a plain line at most every ``interval`` seconds
  and one at the end;
- with ``--quiet``, nothing but the failures.

Each kind prints a failed file at once (``esep: failed: PATH: REASON``) and,
given ``--log FILE``, appends one JSON object per finished file to FILE.
Use it as a context manager: the bar is taken down however the batch ends.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from time import monotonic
from typing import IO, TYPE_CHECKING, Callable, Iterable

from esep.pipeline.writer import OutputError
from esep.records import Extraction

if TYPE_CHECKING:
    from rich.console import Console

DEFAULT_INTERVAL = 10.0  # seconds between two plain lines


# --- what the lines say ------------------------------------------------------

@dataclass
class Tally:
    """The batch so far, as the reporter has seen it."""

    started: float
    now: float = 0.0
    done: int = 0
    total: int | None = None
    pages: int = 0
    failed: int = 0

    def add(self, done: int, total: int, ex: Extraction, now: float) -> None:
        self.done, self.total, self.now = done, total, now
        self.pages += ex.document.pages or 0
        self.failed += ex.document.status == "failed"

    @property
    def elapsed(self) -> float:
        return max(0.0, self.now - self.started)

    def rate(self) -> float:
        """Pages per second since the start."""
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the files' pace so far; None before the first file."""
        if not self.done or self.total is None:
            return None
        return self.elapsed / self.done * max(0, self.total - self.done)


def duration(seconds: float | None) -> str:
    """``4m10s``, ``1h02m``, ``9s``; ``?`` when not known."""
    if seconds is None:
        return "?"
    s = round(seconds)
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


def plain_line(t: Tally) -> str:
    """``esep: 120/1000 files, 512 pages, 38.2 pages/s, 3 failed, ETA 4m10s``;
    the batch's last line gives the time it took instead of the ETA."""
    end = f"took {duration(t.elapsed)}" if t.done == t.total else f"ETA {duration(t.eta())}"
    return (f"esep: {t.done}/{t.total} files, {t.pages} pages, {t.rate():.1f} pages/s, "
            f"{t.failed} failed, {end}")


def failure_line(ex: Extraction, lang: str = "en") -> str:
    from esep.say import say
    return "esep: " + say("failed", lang, path=ex.document.source_path, reason=ex.document.error)


def log_record(ex: Extraction, when: datetime) -> dict:
    """The log's object for one finished file. ``findings`` counts the file's own
    audit; the batch-wide rules run after the batch and are not in it. No per-file
    time: the workers' results arrive in turn, not with their start."""
    d = ex.document
    return {"time": when.astimezone(timezone.utc).isoformat(timespec="seconds"),
            "path": d.source_path, "doc_id": d.doc_id, "status": d.status, "error": d.error,
            "pages": d.pages, "doc_kind": d.doc_kind, "language": d.language,
            "findings": len(ex.findings)}


# --- reporters ---------------------------------------------------------------

@dataclass
class Reporter:
    """Counts, logs and prints failures; the subclasses show the progress.
    The clock is read once on creation, once per file and once at the end."""

    stream: IO[str]
    log: IO[str] | None = None
    clock: Callable[[], float] = monotonic
    tally: Tally = field(init=False)
    seen: set[str] = field(init=False, default_factory=set)
    lang: str = field(init=False, default="en")  # of the failure lines (esep.say)

    def __post_init__(self) -> None:
        self.tally = Tally(started=self.clock())

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.close()
        finally:
            if self.log is not None:
                self.log.close()

    def __call__(self, done: int, total: int, ex: Extraction) -> None:
        self.tally.add(done, total, ex, self.clock())
        self.record(ex)
        self.show()

    def finish(self, processed: Iterable[Extraction]) -> None:
        """Log and print the batch's files that never came through ``__call__``:
        those that could not even be opened, failed before processing."""
        for ex in processed:
            if ex.document.doc_id not in self.seen:
                self.tally.failed += ex.document.status == "failed"
                self.record(ex)

    def record(self, ex: Extraction) -> None:
        self.seen.add(ex.document.doc_id)
        if self.log is not None:
            self.log.write(json.dumps(log_record(ex, datetime.now(timezone.utc)), ensure_ascii=False) + "\n")
            self.log.flush()  # a crash later in the batch keeps the lines so far
        if ex.document.status == "failed":
            self.fail(failure_line(ex, self.lang))

    def fail(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def show(self) -> None:
        """Show the tally (after each file)."""

    def close(self) -> None:
        """The batch is over, or stopped by an exception."""


@dataclass
class PlainReporter(Reporter):
    """A line at most every ``interval`` seconds, and a last one."""

    interval: float = DEFAULT_INTERVAL
    shown_at: float = field(init=False)
    shown: tuple = field(init=False, default=())

    def __post_init__(self) -> None:
        super().__post_init__()
        self.shown_at = self.tally.started

    def show(self) -> None:
        if self.tally.now - self.shown_at >= self.interval:
            self.line()

    def close(self) -> None:
        if self.tally.done and self.shown != self.state():
            self.tally.now = self.clock()
            self.line()

    def state(self) -> tuple:
        return (self.tally.done, self.tally.failed)

    def line(self) -> None:
        print(plain_line(self.tally), file=self.stream, flush=True)
        self.shown_at, self.shown = self.tally.now, self.state()


class RichReporter(Reporter):
    """A `rich` progress bar on ``console``; failures print above it."""

    def __init__(self, console: "Console", log: IO[str] | None = None,
                 clock: Callable[[], float] = monotonic) -> None:
        super().__init__(console.file, log, clock)
        self.console = console
        self.progress = rich_progress(console)
        self.task = self.progress.add_task("esep", total=None, pages=0, rate=0.0, eta="?", failed=0)

    def __enter__(self) -> "RichReporter":
        self.progress.start()
        return self

    def fail(self, line: str) -> None:
        self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def show(self) -> None:
        t = self.tally
        self.progress.update(self.task, completed=t.done, total=t.total, pages=t.pages,
                             rate=t.rate(), eta=duration(t.eta()), failed=t.failed)

    def close(self) -> None:
        self.show()  # the failures finish() added
        self.progress.stop()  # cursor back, the last state left on its own line


def rich_progress(console: "Console"):
    """The bar's columns: ``━━━━╺━━━ 120/1000 files  512 pages  38.2 pages/s  0:02:13  ETA 4m10s  3 failed``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    return Progress(
        BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[pages]} pages"), TextColumn("{task.fields[rate]:.1f} pages/s"),
        TimeElapsedColumn(), TextColumn("ETA {task.fields[eta]}"), TextColumn("{task.fields[failed]} failed"),
        console=console, transient=False,
        # stdout may be a file (`esep ingest > summary.txt`): only stderr goes above the bar
        redirect_stdout=False, redirect_stderr=True)


def open_log(path: Path) -> IO[str]:
    """``path`` opened to append lines; an unwritable log is a usage error."""
    try:
        return open(path, "a", encoding="utf-8")
    except OSError as e:
        raise OutputError(f"cannot write the log {path}: {e.strerror or e}") from None


def make_reporter(stream: IO[str], quiet: bool = False, log_path: Path | None = None,
                  interval: float | None = None, clock: Callable[[], float] | None = None,
                  lang: str = "en") -> Reporter:
    """The reporter for ``esep ingest``: quiet, a bar when ``stream`` is a terminal,
    plain lines every ``interval`` seconds (default DEFAULT_INTERVAL) otherwise;
    failure lines in ``lang``."""
    reporter = _reporter(stream, quiet, log_path, interval, clock)
    reporter.lang = lang
    return reporter


def _reporter(stream: IO[str], quiet: bool, log_path: Path | None, interval: float | None,
              clock: Callable[[], float] | None) -> Reporter:
    log = open_log(log_path) if log_path is not None else None
    clock = clock or monotonic
    if quiet:
        return Reporter(stream, log, clock)
    if stream.isatty():
        from rich.console import Console
        return RichReporter(Console(file=stream), log, clock)
    return PlainReporter(stream, log, clock, interval=DEFAULT_INTERVAL if interval is None else interval)
