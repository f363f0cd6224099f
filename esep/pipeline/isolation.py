"""Each document in its own worker process, with a time limit.

A reader can hang on a malformed PDF, crash in native code (pdfium) or eat
all memory. Running each file in a fresh forked process turns all three into
a `failed` row for that file while the rest of the batch carries on, and
returns the worker's memory to the system after every file.

Workers are forked (on Linux) rather than spawned: they start in
milliseconds with the parent's modules already imported, and a test can
monkeypatch a stage in the parent and see it in the worker.
"""
from __future__ import annotations

import importlib
import multiprocessing as mp
import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Callable

from esep.lifetime import die_with_parent
from esep.pipeline.datamodel import Job
from esep.pipeline.process import failed, plain_reason, process_file
from esep.pipeline.writer import drop_inherited_locks
from esep.readers.pdf_ocr import Progress, set_page_threads, set_progress
from esep.records import Extraction

DEFAULT_TIMEOUT = 120.0
ProcessFn = Callable[[Path, str], Extraction]
DoneFn = Callable[[Job, Extraction], None]
# Imported once in the parent so that every forked worker has them for free.
_WARM = ("esep.readers.text", "esep.readers.docx", "esep.readers.pdf", "esep.readers.office",
         "esep.extractors", "esep.audit")


@dataclass
class _Running:
    job: Job
    proc: mp.process.BaseProcess
    conn: Connection
    deadline: float
    progressed: bool = False  # the worker reported progress at least once


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


def _worker(fn: ProcessFn, job: Job, conn: Connection, parent: int) -> None:
    # Ctrl-C goes to the whole process group; the parent decides, and kills us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)  # a run killed by SIGKILL (the OOM killer) takes its workers along
    drop_inherited_locks()  # ... and the output lock is the run's alone
    # each page OCR reads tells the parent we are not stuck: a long scan gets the
    # time limit per page, not for the whole file
    set_progress(conn.send)
    try:
        result = fn(job.path, job.doc_id)
    except BaseException as e:  # noqa: BLE001 - process_file should not raise; a custom fn might
        result = failed(job.path, job.doc_id, plain_reason(e))
    try:
        conn.send(result)
    except Exception as e:  # noqa: BLE001 - e.g. an unpicklable record
        conn.send(failed(job.path, job.doc_id, f"result could not be returned: {plain_reason(e)}"))
    conn.close()


def _start(ctx: mp.context.BaseContext, fn: ProcessFn, job: Job, timeout: float) -> _Running:
    parent_end, child_end = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(fn, job, child_end, os.getpid()), daemon=True)
    proc.start()
    # Close our copy of the child's end: the pipe then reports EOF when the child dies.
    child_end.close()
    return _Running(job, proc, parent_end, time.monotonic() + timeout)


def crash_reason(exitcode: int | None) -> str:
    """Plain words for how a worker ended without returning its result."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker crashed ({signal.Signals(-exitcode).name})"
        except ValueError:
            return f"worker crashed (signal {-exitcode})"
    return f"worker crashed (exit code {exitcode})"


def _collect(r: _Running, timeout: float) -> Extraction | None:
    """The worker's result; None when it only reported progress (its time limit starts again)."""
    try:
        result = r.conn.recv()
    except (EOFError, OSError):
        r.proc.join(5)
        result = failed(r.job.path, r.job.doc_id, crash_reason(r.proc.exitcode))
    if isinstance(result, Progress):
        r.deadline, r.progressed = time.monotonic() + timeout, True
        return None
    _stop(r)
    return result


def timeout_reason(r: _Running, timeout: float) -> str:
    if r.progressed:
        return f"timed out: no progress for {timeout:g} s (OCR of a page)"
    return f"timed out after {timeout:g} s"


def share_cpus(workers: int, jobs: int) -> None:
    """Each worker OCRs pages on its share of the CPUs: workers x threads stays at the cores."""
    set_page_threads(max(1, default_jobs() // max(1, min(workers, jobs))))


def _stop(r: _Running) -> None:
    if r.proc.is_alive():
        r.proc.kill()
    r.proc.join()
    r.conn.close()


def run_isolated(jobs: list[Job], workers: int = 1, timeout: float = DEFAULT_TIMEOUT,
                 on_done: DoneFn | None = None, fn: ProcessFn = process_file) -> list[Extraction]:
    """Process every job in worker processes, ``workers`` at a time; results in job order."""
    if not jobs:
        return []
    ctx, pending = _context(), deque(enumerate(jobs))
    running: dict[Connection, tuple[int, _Running]] = {}
    results: dict[int, Extraction] = {}
    warm_imports()
    share_cpus(workers, len(jobs))
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                i, job = pending.popleft()
                r = _start(ctx, fn, job, timeout)
                running[r.conn] = (i, r)
            _step(running, results, timeout, on_done)
    finally:
        for _, r in running.values():  # only on an exception, e.g. Ctrl-C
            _stop(r)
    return [results[i] for i in range(len(jobs))]


def _step(running: dict[Connection, tuple[int, _Running]], results: dict[int, Extraction],
          timeout: float, on_done: DoneFn | None) -> None:
    """Wait for the next worker to finish or time out, and record its result."""
    now = time.monotonic()
    first_deadline = min(r.deadline for _, r in running.values())
    ready = wait(list(running), timeout=max(0.0, first_deadline - now))
    now = time.monotonic()
    for conn, (i, r) in list(running.items()):
        if conn in ready:
            result = _collect(r, timeout)
            if result is None:
                continue
        elif now >= r.deadline:
            _stop(r)
            result = failed(r.job.path, r.job.doc_id, timeout_reason(r, timeout))
        else:
            continue
        del running[conn]
        results[i] = result
        if on_done:
            on_done(r.job, result)


def run_inline(jobs: list[Job], on_done: DoneFn | None = None,
               fn: ProcessFn = process_file) -> list[Extraction]:
    """Process every job in this process: no isolation, no time limit (benchmarks, debugging)."""
    results = []
    for job in jobs:
        results.append(fn(job.path, job.doc_id))
        if on_done:
            on_done(job, results[-1])
    return results
