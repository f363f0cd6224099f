"""Documents in long-lived worker processes, each within its limits.

A reader can hang on a malformed PDF, crash in native code (pdfium) or eat
all memory. Each document runs in a worker process watched by the parent
(`esep.pipeline.limits`): a document that hangs, runs too long, crashes its
worker or grows it past the memory limit becomes a `failed` row with the
reason, its worker is killed and replaced, and the batch carries on.

Workers live for many documents (a fresh process per file cost more than
reading a born-digital PDF: every lazily built table and regex built again)
and are replaced after `Limits.max_docs` of them. They are forked (on Linux)
rather than spawned: they start in milliseconds with the parent's modules
already imported, and a test can monkeypatch a stage in the parent and see
it in the worker.
"""
from __future__ import annotations

import gc
import importlib
import math
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable

from esep.lifetime import check_interrupted, die_with_parent
from esep.pipeline.datamodel import Job
from esep.pipeline.limits import (
    DEFAULT_TIMEOUT, POLL_SECONDS, Limits, memory_reason, over_mb, stall_reason, total_reason,
)
from esep.pipeline.process import failed, plain_reason, process_file
from esep.pipeline.writer import drop_inherited_locks
from esep.readers.pdf_ocr import Progress, set_page_threads, set_progress
from esep.records import Extraction

ProcessFn = Callable[[Path, str], Extraction]
DoneFn = Callable[[Job, Extraction], None]
# Imported once in the parent so that every forked worker has them for free.
_WARM = ("esep.readers.text", "esep.readers.docx", "esep.readers.pdf", "esep.readers.office",
         "esep.extractors", "esep.audit")

__all__ = ["DEFAULT_TIMEOUT", "Limits", "default_jobs", "run_inline", "run_isolated", "crash_reason"]


@dataclass
class _Worker:
    proc: mp.process.BaseProcess
    conn: Connection
    served: int = 0  # documents finished
    task: tuple[int, Job] | None = None  # (index in the batch, job) while busy
    started: float = 0.0
    stall_at: float = math.inf  # no progress since timeout seconds
    progressed: bool = False  # the current document reported progress at least once
    memory_at: float = 0.0  # when its memory is next read


def default_jobs() -> int:
    """The CPUs this process may use (a container's limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def warm_imports() -> None:
    """Import the stages' modules before forking; a missing one is skipped."""
    for name in _WARM:
        try:
            importlib.import_module(name)
        except ImportError:
            continue


def _context() -> mp.context.BaseContext:
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


# --- in the worker ---------------------------------------------------------------

def _worker(fn: ProcessFn, conn: Connection, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent decides, and kills us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)  # a run killed by SIGKILL (the OOM killer) takes its workers along
    drop_inherited_locks()  # ... and the output lock is the run's alone
    # each page OCR reads tells the parent we are not stuck: a long scan gets the
    # time limit per page, not for the whole file
    set_progress(conn.send)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if job is None:
            return
        _send(conn, job, _one(fn, job))


def _one(fn: ProcessFn, job: Job) -> Extraction:
    try:
        return fn(job.path, job.doc_id)
    except BaseException as e:  # noqa: BLE001 - process_file should not raise; a custom fn might
        return failed(job.path, job.doc_id, plain_reason(e))


def _send(conn: Connection, job: Job, result: Extraction) -> None:
    try:
        conn.send(result)
    except Exception as e:  # noqa: BLE001 - e.g. an unpicklable record
        conn.send(failed(job.path, job.doc_id, f"result could not be returned: {plain_reason(e)}"))


# --- in the parent ---------------------------------------------------------------

def _spawn(ctx: mp.context.BaseContext, fn: ProcessFn) -> _Worker:
    parent_end, child_end = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_worker, args=(fn, child_end, os.getpid()), daemon=True)
    proc.start()
    # Close our copy of the child's end: the pipe then reports EOF when the child dies.
    child_end.close()
    return _Worker(proc, parent_end)


def _assign(w: _Worker, i: int, job: Job, limits: Limits) -> None:
    w.conn.send(job)
    w.task, w.progressed = (i, job), False
    w.started = time.monotonic()
    w.stall_at = w.started + limits.timeout


def crash_reason(exitcode: int | None) -> str:
    """Plain words for how a worker ended without returning its result."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker crashed ({signal.Signals(-exitcode).name})"
        except ValueError:
            return f"worker crashed (signal {-exitcode})"
    return f"worker crashed (exit code {exitcode})"


def share_cpus(workers: int, jobs: int) -> None:
    """Each worker OCRs pages on its share of the CPUs: workers x threads stays at the cores."""
    set_page_threads(max(1, default_jobs() // max(1, min(workers, jobs))))


def _kill(w: _Worker) -> None:
    if w.proc.is_alive():
        w.proc.kill()
    w.proc.join()
    w.conn.close()


def _retire(w: _Worker) -> None:
    """An idle worker asked to finish; killed if it does not within a few seconds."""
    try:
        w.conn.send(None)
    except OSError:
        pass
    w.proc.join(5)
    _kill(w)


@dataclass
class _Pool:
    """The workers of one batch and what they have returned."""

    ctx: mp.context.BaseContext
    fn: ProcessFn
    limits: Limits
    size: int
    on_done: DoneFn | None
    workers: list[_Worker]
    results: dict[int, Extraction]

    def fill(self, pending: deque[tuple[int, Job]]) -> None:
        """Give every idle worker a job, starting workers up to the pool's size."""
        for w in self.workers:
            if w.task is None and pending:
                _assign(w, *pending.popleft(), self.limits)
        while pending and len(self.workers) < self.size:
            w = _spawn(self.ctx, self.fn)
            self.workers.append(w)
            _assign(w, *pending.popleft(), self.limits)

    def finish(self, w: _Worker, result: Extraction, drop: bool) -> None:
        """Record a worker's document; a killed, crashed or worn-out worker leaves the pool."""
        i, job = w.task
        w.task, w.served = None, w.served + 1
        self.results[i] = result
        if drop:
            _kill(w)
        elif w.served >= self.limits.max_docs:
            _retire(w)
            drop = True
        if drop:
            self.workers.remove(w)
        if self.on_done:
            self.on_done(job, result)

    def close(self) -> None:
        for w in self.workers:
            if w.task is None:
                _retire(w)
            else:  # only on an exception, e.g. Ctrl-C
                _kill(w)
        self.workers.clear()


def run_isolated(jobs: list[Job], workers: int = 1, limits: Limits = Limits(),
                 on_done: DoneFn | None = None, fn: ProcessFn = process_file) -> list[Extraction]:
    """Process every job in worker processes, ``workers`` at a time; results in job order."""
    if not jobs:
        return []
    warm_imports()
    share_cpus(workers, len(jobs))
    pool = _Pool(_context(), fn, limits, max(1, workers), on_done, [], {})
    pending = deque(largest_first(jobs) if workers > 1 else enumerate(jobs))
    # The modules' objects out of the collector's reach: a forked worker's full
    # collections then neither walk them nor copy their pages (copy-on-write).
    gc.freeze()
    try:
        while pending or any(w.task for w in pool.workers):
            check_interrupted()
            pool.fill(pending)
            _step(pool)
    finally:
        pool.close()
        gc.unfreeze()
    return [pool.results[i] for i in range(len(jobs))]


def largest_first(jobs: list[Job]) -> list[tuple[int, Job]]:
    """(index, job) pairs, the largest files first: several workers then finish
    together, instead of one still reading a long report while the others idle.
    Results keep the jobs' order; only the order of starting changes."""
    return sorted(enumerate(jobs), key=lambda ij: -_size(ij[1].path))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since discovery: its worker will say so
        return 0


def _deadline(w: _Worker, limits: Limits) -> float:
    total = w.started + limits.total_timeout if limits.total_timeout else math.inf
    return min(w.stall_at, total)


def _step(pool: _Pool) -> None:
    """Wait for the next message, deadline or memory check, and act on what is due."""
    busy = [w for w in pool.workers if w.task]
    wake = min(_deadline(w, pool.limits) for w in busy)
    if pool.limits.memory_mb:
        wake = min(wake, time.monotonic() + POLL_SECONDS)
    ready = set(wait([w.conn for w in busy], timeout=max(0.0, wake - time.monotonic())))
    for w in busy:
        if w.conn in ready:
            _receive(pool, w)
        else:
            _check(pool, w)


def _receive(pool: _Pool, w: _Worker) -> None:
    try:
        msg = w.conn.recv()
    except (EOFError, OSError):
        w.proc.join(5)
        i, job = w.task
        pool.finish(w, failed(job.path, job.doc_id, crash_reason(w.proc.exitcode)), drop=True)
        return
    if isinstance(msg, Progress):  # a page read: the no-progress clock starts again
        w.stall_at, w.progressed = time.monotonic() + pool.limits.timeout, True
        return
    pool.finish(w, msg, drop=False)


def _check(pool: _Pool, w: _Worker) -> None:
    """Kill a worker whose document is past a time limit or over the memory limit."""
    limits, now = pool.limits, time.monotonic()
    if limits.total_timeout and now >= w.started + limits.total_timeout:
        reason = total_reason(limits.total_timeout)
    elif now >= w.stall_at:
        reason = stall_reason(limits.timeout, w.progressed)
    elif limits.memory_mb and _over_memory(w, limits.memory_mb, now):
        reason = memory_reason(limits.memory_mb)
    else:
        return
    _, job = w.task
    pool.finish(w, failed(job.path, job.doc_id, reason), drop=True)


def _over_memory(w: _Worker, limit_mb: float, now: float) -> bool:
    # Read every POLL_SECONDS, not on every wake: a page's progress message wakes the
    # loop too.
    if now < w.memory_at:
        return False
    w.memory_at = now + POLL_SECONDS
    return over_mb(w.proc.pid, limit_mb)


def run_inline(jobs: list[Job], on_done: DoneFn | None = None,
               fn: ProcessFn = process_file) -> list[Extraction]:
    """Process every job in this process: no isolation, no time limit (benchmarks, debugging)."""
    results = []
    for job in jobs:
        results.append(fn(job.path, job.doc_id))
        if on_done:
            on_done(job, results[-1])
    return results
