"""The batch on a Dask cluster: one task per file, the results back in job order.

The same contract as `esep.pipeline.isolation.run_isolated`: every job gets an
extraction, a failure of any kind (the task raised, its worker died, it ran
past the time limit) is a `failed` row for that file and the batch carries on.
Only the processing is distributed; merging, linking and writing stay in the
calling process, which owns the output folder.

Without a scheduler address a `distributed.LocalCluster` of worker processes
(one thread each) is started on this machine and closed afterwards. A task
receives its file's path: on a real cluster every worker must see the same
paths (a shared file system), or the path is an fsspec URL (``s3://...``,
``file://...``) that the task copies to a local temporary file first.

dask[distributed] and fsspec are optional (``pip install 'esep[dask]'``) and
imported only when this executor runs.
"""
from __future__ import annotations

import os
import time
import uuid
from collections import deque
from typing import Any

from esep.pipeline.datamodel import Job
from esep.pipeline.discover import InputError
from esep.pipeline.isolation import DoneFn, ProcessFn, default_jobs, warm_imports
from esep.pipeline.process import failed, plain_reason, process_file
from esep.pipeline.remote import INSTALL_HINT, localized
from esep.readers.pdf_ocr import set_page_threads, set_progress
from esep.records import Extraction

CONNECT_TIMEOUT = 30.0  # seconds to reach a scheduler and see its first worker


def _require() -> Any:
    """The `distributed` module, or an InputError that says how to install it."""
    try:
        import distributed
        import fsspec  # noqa: F401 - the workers need it for URL inputs
    except ImportError as e:
        raise InputError(f"the dask executor needs dask[distributed] and fsspec ({e.name} is "
                         f"missing): {INSTALL_HINT}") from None
    return distributed


# --- on the worker ------------------------------------------------------------

def _reporter(topic: str, key: str) -> Any:
    # Each page OCR reads tells the client this task is not stuck (its time limit
    # starts again), as a forked worker tells its parent through the pipe.
    from distributed import get_worker
    try:
        worker = get_worker()
    except ValueError:  # not on a worker (a test calling the task directly)
        return None
    return lambda _progress: worker.log_event(topic, key)


def _failed(path: str, doc_id: str, reason: str) -> Extraction:
    ex = failed(path, doc_id, reason)
    ex.document.source_path = path  # Path() would fold a URL's "//"
    return ex


def run_task(fn: ProcessFn, path: str, doc_id: str, topic: str, key: str, page_threads: int) -> Extraction:
    """One file on a worker; whatever it raises becomes its `failed` row."""
    set_page_threads(page_threads)
    set_progress(_reporter(topic, key))
    try:
        with localized(path) as local:
            ex = fn(local, doc_id)
    except Exception as e:  # noqa: BLE001 - process_file does not raise; a custom fn or fsspec may
        reason = plain_reason(e)
        return _failed(path, doc_id, f"cannot open: {reason}" if isinstance(e, OSError) else reason)
    finally:
        set_progress(None)
    ex.document.source_path = path  # the URL, not the temporary copy
    return ex


# --- on the client ------------------------------------------------------------

def _outcome(future: Any, job: Job, killed: type) -> Extraction:
    """A finished future's extraction, or the failed row for how it ended."""
    path = os.fspath(job.path)
    if future.status == "finished":
        try:
            return future.result()
        except Exception as e:  # noqa: BLE001 - e.g. a result that does not unpickle here
            return _failed(path, job.doc_id, f"result could not be returned: {plain_reason(e)}")
    if future.status == "error":
        e = future.exception()
        if isinstance(e, killed):
            return _failed(path, job.doc_id, "worker crashed (died while processing this file)")
        return _failed(path, job.doc_id, plain_reason(e))
    return _failed(path, job.doc_id, "cancelled by the cluster")


def timeout_reason(progressed: bool, timeout: float) -> str:
    if progressed:
        return f"timed out: no progress for {timeout:g} s (OCR of a page)"
    return f"timed out after {timeout:g} s"


class _Batch:
    """The jobs in flight on one client: at most one task per worker thread, so that
    a task's time limit, counted from its submission, is its running time."""

    def __init__(self, distributed: Any, client: Any, jobs: list[Job], fn: ProcessFn,
                 timeout: float, page_threads: int, on_done: DoneFn | None):
        self.d, self.client, self.jobs, self.fn = distributed, client, jobs, fn
        self.timeout, self.page_threads, self.on_done = timeout, page_threads, on_done
        self.token = uuid.uuid4().hex[:12]
        self.topic = f"esep-progress-{self.token}"
        self.pending = deque(enumerate(jobs))
        self.running: dict[Any, int] = {}  # future -> job index
        self.deadline: dict[str, float] = {}  # task key -> when it times out
        self.progressed: set[str] = set()
        self.results: dict[int, Extraction] = {}

    def run(self) -> list[Extraction]:
        self.client.subscribe_topic(self.topic, self._on_progress)
        try:
            while self.pending or self.running:
                self._fill()
                self._step()
        finally:
            if self.running:  # only on an exception, e.g. Ctrl-C
                self.client.cancel(list(self.running))
            self.client.unsubscribe_topic(self.topic)
        return [self.results[i] for i in range(len(self.jobs))]

    def _on_progress(self, event: tuple[float, Any]) -> None:
        key = event[1]  # called on the client's event loop thread
        if key in self.deadline:
            self.deadline[key] = time.monotonic() + self.timeout
            self.progressed.add(key)

    def _fill(self) -> None:
        slots = max(1, sum(self.client.nthreads().values()))
        while self.pending and len(self.running) < slots:
            i, job = self.pending.popleft()
            key = f"esep-{job.doc_id[:16]}-{self.token}-{i}"
            future = self.client.submit(run_task, self.fn, os.fspath(job.path), job.doc_id, self.topic,
                                        key, self.page_threads, key=key, pure=False)
            self.deadline[key] = time.monotonic() + self.timeout
            self.running[future] = i

    def _step(self) -> None:
        """Wait for the first task to finish or time out, and record what ended."""
        first = min(self.deadline[f.key] for f in self.running)
        try:
            self.d.wait(list(self.running), timeout=max(0.05, first - time.monotonic()),
                        return_when="FIRST_COMPLETED")
        except TimeoutError:
            pass
        now = time.monotonic()
        for future, i in list(self.running.items()):
            if future.done():
                self._record(future, _outcome(future, self.jobs[i], self.d.KilledWorker))
            elif now >= self.deadline[future.key]:
                self._stop(future)
                job = self.jobs[i]
                reason = timeout_reason(future.key in self.progressed, self.timeout)
                self._record(future, _failed(os.fspath(job.path), job.doc_id, reason))

    def _record(self, future: Any, ex: Extraction) -> None:
        i = self.running.pop(future)
        del self.deadline[future.key]
        self.results[i] = ex
        if self.on_done:
            self.on_done(self.jobs[i], ex)

    def _stop(self, future: Any) -> None:
        # Cancelling does not stop a thread stuck in native code: restart the
        # worker running it (its nanny starts a fresh one) to get the slot back.
        hosts = [w for w, keys in self.client.processing().items() if future.key in keys]
        future.cancel()
        if hosts:
            self.client.restart_workers(hosts, raise_for_error=False)


def local_cluster(distributed: Any, workers: int, allowed_failures: int = 1) -> Any:
    """A LocalCluster of ``workers`` processes, one thread each, no dashboard.

    A file that kills its worker is tried ``allowed_failures`` more times on
    another: with one thread per worker, a worker that dies twice on the same
    file was killed by that file.
    """
    import dask
    with dask.config.set({"distributed.scheduler.allowed-failures": allowed_failures}):
        # Without a dashboard the scheduler still serves /health: on any free local
        # port, not on 8787 (a second run would warn that it is taken).
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None,
                                        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


def _connect(distributed: Any, scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """(client, cluster): a client of ``scheduler``, or of a new LocalCluster (cluster None otherwise)."""
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as e:
            raise InputError(f"cannot reach the Dask scheduler {scheduler}: {e}") from None
        return client, None
    cluster = local_cluster(distributed, workers)
    return distributed.Client(cluster), cluster


def _wait_for_workers(client: Any, scheduler: str) -> None:
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError:
        raise InputError(f"no Dask worker joined the scheduler {scheduler} "
                         f"within {CONNECT_TIMEOUT:g} s") from None


def _close(client: Any, cluster: Any) -> None:
    for part in (client, cluster):
        if part is not None:
            try:
                part.close()
            except Exception:  # noqa: BLE001 - shutting down; the results are already in
                pass


def run_dask(jobs: list[Job], *, scheduler: str | None = None, workers: int | None = None,
             timeout: float, on_done: DoneFn | None = None, fn: ProcessFn = process_file) -> list[Extraction]:
    """Process every job as a Dask task (see the module doc); results in job order.
    ``workers`` sizes the LocalCluster started when no ``scheduler`` address is given."""
    if not jobs:
        return []
    distributed = _require()
    n = max(1, min(workers or default_jobs(), len(jobs)))
    client, cluster = _connect(distributed, scheduler, n)
    try:
        if scheduler:
            _wait_for_workers(client, scheduler)
        client.run(warm_imports)  # the imports' seconds are not charged to the first files' time limit
        # a local worker OCRs pages on its share of the cores; a cluster's worker runs one page at a time
        page_threads = 1 if scheduler else max(1, default_jobs() // n)
        return _Batch(distributed, client, jobs, fn, timeout, page_threads, on_done).run()
    finally:
        _close(client, cluster)
