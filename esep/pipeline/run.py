"""A batch, end to end: discover → hash → skip what OUT has → process → merge → link → write.

The output folder is the whole dataset, not one batch: each run reads back
the previous records (of the tables the linking does not change, only what it
reads: `esep.pipeline.parts`), adds or replaces this batch's documents, links
the organisations and people over everything (going on from the last run's
clustering: `esep.pipeline.link_state`), and writes the new state atomically
(see `esep.pipeline.writer`).
"""
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from esep.audit.batch import batch_audit
from esep.lifetime import check_interrupted
from esep.link import LinkState, build_entities, prepare
from esep.pipeline.datamodel import BatchResult, BatchStats, Dataset, Job, Manifest
from esep.pipeline.discover import InputError, discover
from esep.pipeline import link_state
from esep.pipeline.isolation import DoneFn, default_jobs, run_inline, run_isolated
from esep.pipeline.limits import Limits
from esep.pipeline.parts import CARRIED
from esep.pipeline.process import failed, plain_reason
from esep.pipeline.remote import has_protocol, sha256_url
from esep.pipeline.staging import Stager, clear_staged, load_staged
from esep.pipeline.writer import (
    INTERNAL_DIR, check_writable, load_dataset, locked, read_manifest, recover, write_output,
)
from esep.readers import sha256_file
from esep.records import Extraction

EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Run:
    """How a batch's files are processed."""

    workers: int | None  # None: the CPUs (local) or the cluster's own (dask)
    limits: Limits
    isolate: bool = True  # False: in this process, no limits (benchmarks, debugging)
    executor: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster


# Called after each processed file with (files done, files to process, its extraction).
ProgressFn = Callable[[int, int, Extraction], None]


def _done_ids(manifest: Manifest | None) -> set[str]:
    # A document that failed before is tried again: a newer reader or a longer
    # --timeout may get it through. Its row is replaced, not added.
    if manifest is None:
        return set()
    return {d.doc_id for d in manifest.documents if d.status != "failed"}


def plan(files: list[Path | str], manifest: Manifest | None, force: bool
         ) -> tuple[list[Job], list[Job], list[Extraction]]:
    """The jobs to run, the files skipped (already in OUT, or the same bytes
    twice in this batch; with their hash) and the files that could not even be hashed."""
    done = set() if force else _done_ids(manifest)
    jobs: list[Job] = []
    skipped: list[Job] = []
    unhashable: list[Extraction] = []
    for path in files:
        try:
            doc_id = sha256_url(path) if has_protocol(path) else sha256_file(path)
        except OSError as e:
            # No bytes, no content hash: an id from the path keeps the row unique.
            pid = hashlib.sha256(f"unreadable:{path}".encode()).hexdigest()
            unhashable.append(failed(path, pid, f"cannot open: {e.strerror or plain_reason(e)}"))
            unhashable[-1].document.source_path = str(path)  # a URL as given, its "//" kept
            continue
        if doc_id in done:
            skipped.append(Job(path, doc_id))
            continue
        done.add(doc_id)
        jobs.append(Job(path, doc_id))
    return jobs, skipped, unhashable


def merge(previous: Dataset, batch: list[Extraction]) -> Dataset:
    """The previous documents, then this batch's (a document processed again moves to the
    end: the linking places the names of the previous documents first, in their order)."""
    ids = {ex.document.doc_id for ex in batch}
    kept = [ex for ex in previous.extractions if ex.document.doc_id not in ids]
    # a document processed again takes all its rows from its new records
    carried = previous.carried.without(ids) if previous.carried else None
    return Dataset(kept + list({ex.document.doc_id: ex for ex in batch}.values()), carried=carried)


def continued(out: Path, previous: Dataset, batch: list[Extraction]) -> LinkState:
    """The clustering to go on from: the previous run's, unless this batch replaces a
    document that had names (they would stay in it); then a fresh one that keeps only
    the previous run's readings of the names (a parse does not depend on the order)."""
    stored = link_state.load(out / INTERNAL_DIR) if previous.extractions else None
    ids = {ex.document.doc_id for ex in batch}
    if stored is None or not any(
            ex.document.doc_id in ids and ex.document.status != "failed" for ex in previous.extractions):
        return stored or LinkState()
    fresh = LinkState()
    fresh.people.readings, fresh.orgs.readings = stored.people.readings, stored.orgs.readings
    return fresh


def _stats(previous: Dataset, batch: list[Extraction], skipped: int) -> BatchStats:
    before = {ex.document.doc_id for ex in previous.extractions}
    replaced = sum(1 for ex in batch if ex.document.doc_id in before)
    failures = sum(1 for ex in batch if ex.document.status == "failed")
    return BatchStats(added=len(batch) - replaced, replaced=replaced, skipped=skipped, failed=failures)


def _counting(total: int, stager: Stager, on_progress: ProgressFn | None) -> DoneFn:
    done = 0

    def report(job: Job, ex: Extraction) -> None:
        nonlocal done
        done += 1
        stager.add(ex)  # committed in chunks: a crash from here on costs this document nothing
        prepare(ex)
        if on_progress is not None:
            on_progress(done, total, ex)
    return report


def process_jobs(jobs: list[Job], run: Run, on_done: DoneFn) -> list[Extraction]:
    from esep.readers.office import OfficeSettings, batch_converter

    if run.executor == "dask":  # each worker converts its own office files (its soffice, its disk)
        from esep.pipeline.dask_exec import run_dask
        return run_dask(jobs, scheduler=run.scheduler, workers=run.workers, timeout=run.limits.timeout,
                        on_done=on_done)
    # The batch's .doc/.rtf/.odt files go through LibreOffice here, in a few soffice
    # runs, not one each: a run costs seconds however many files it converts.
    office = OfficeSettings(timeout=min(OfficeSettings.timeout, run.limits.timeout))
    with batch_converter([job.path for job in jobs], office):
        if not run.isolate:
            return run_inline(jobs, on_done)
        return run_isolated(jobs, run.workers or default_jobs(), run.limits, on_done)


def resume(todo: list[Job], out: Path, stager: Stager, run: Run,
           on_progress: ProgressFn | None) -> tuple[list[Extraction], int]:
    """This batch's extractions in job order: what an interrupted run committed
    (taken as done), the rest processed now and committed in chunks as they finish.
    Also how many came from the interrupted run."""
    staged = load_staged(out)
    left = [job for job in todo if job.doc_id not in staged]
    on_done = _counting(len(left), stager, on_progress)
    try:
        fresh = {ex.document.doc_id: ex for ex in process_jobs(left, run, on_done)}
    except BaseException:
        stager.flush()  # Ctrl-C: what is finished stays committed (the end of a run commits to OUT)
        raise
    return [staged.get(job.doc_id) or fresh[job.doc_id] for job in todo], len(todo) - len(left)


def moved(manifest: Manifest | None, skipped: list[Job]) -> dict[str, str]:
    """doc_id -> new path, for skipped files whose recorded path no longer exists
    (renamed or moved since): the file is the same, its path is not. A second
    copy beside a still-existing original leaves the record as it is."""
    if manifest is None or not skipped:
        return {}
    known = {d.doc_id: d.source_path for d in manifest.documents}
    out = {}
    for job in skipped:
        old = known.get(job.doc_id)
        if old is not None and old != str(job.path) and not Path(old).exists():
            out[job.doc_id] = str(job.path)
    return out


def relocate(dataset: Dataset, paths: dict[str, str]) -> None:
    for ex in dataset.extractions:
        if ex.document.doc_id in paths:
            ex.document.source_path = paths[ex.document.doc_id]


def _url_out(fn: Callable[..., BatchResult]) -> Callable[..., BatchResult]:
    """``ingest`` into an fsspec URL goes through a working folder on this host (`esep.pipeline.remote_out`)."""
    @functools.wraps(fn)
    def ingest_(paths: Iterable[Path | str], out: Path | str, **options: object) -> BatchResult:
        if isinstance(out, str) and has_protocol(out):
            from esep.pipeline.remote_out import at_url
            return at_url(out, lambda local: fn(paths, local, **options))
        return fn(paths, out, **options)
    return ingest_


@_url_out
def ingest(paths: Iterable[Path | str], out: Path | str, *, jobs: int | None = None,
           timeout: float = Limits.timeout, total_timeout: float | None = None,
           memory_mb: float | None = Limits.memory_mb, commit_every: int = Stager.every,
           commit_seconds: float = Stager.seconds, force: bool = False, isolate: bool = True,
           on_progress: ProgressFn | None = None, executor: str = "local",
           scheduler: str | None = None) -> BatchResult:
    """Ingest files and folders into the output folder ``out``; see the module doc.
    A run with nothing new (every file already in OUT, none moved) leaves OUT untouched.
    ``executor="dask"`` processes the files on a Dask cluster (`esep.pipeline.dask_exec`):
    the one at ``scheduler`` (which implies dask), else a LocalCluster of ``jobs`` workers.
    ``out`` may be an fsspec URL (``s3://bucket/out``): see `esep.pipeline.remote_out`."""
    executor = "dask" if scheduler else executor
    if executor not in EXECUTORS:
        raise InputError(f"unknown executor {executor!r} (one of: {', '.join(EXECUTORS)})")
    files, out = discover(paths), Path(out)
    if executor == "local" and any(map(has_protocol, files)):
        raise InputError("URL inputs are read by Dask workers: add --executor dask or --scheduler")
    run = Run(jobs, Limits(timeout=timeout, total_timeout=total_timeout, memory_mb=memory_mb),
              isolate, executor, scheduler)
    with locked(out):
        recover(out)
        check_writable(out)
        manifest = read_manifest(out)
        todo, skipped_jobs, batch = plan(files, manifest, force)
        skipped = [job.path for job in skipped_jobs]
        paths_moved = moved(manifest, skipped_jobs)
        stager = Stager(out, commit_every, commit_seconds)
        done, resumed = resume(todo, out, stager, run, on_progress)
        batch += done
        if manifest is not None and not batch and not paths_moved:  # nothing to write, nor to read
            clear_staged(out)
            return BatchResult(out=out, processed=[], skipped=skipped, documents=len(manifest.documents))
        # Read the previous tables only now: forking workers is safest before
        # Arrow has started its thread pool in this process.
        # the tables the batch-wide steps do not change stay in their part files, only what
        # they read of them loaded (esep.pipeline.parts)
        previous = load_dataset(out, carry=CARRIED) if manifest else Dataset()
        dataset = merge(previous, batch)
        relocate(dataset, paths_moved)
        dataset.link_state = continued(out, previous, batch)
        dataset.organizations, dataset.people = build_entities(dataset.extractions, dataset.link_state)
        batch_audit(dataset.extractions)  # needs the batch-wide org ids just given
        check_interrupted()  # a Ctrl-C whose exception was lost: OUT stays as it was
        write_output(out, dataset, _stats(previous, batch, len(skipped)))
        clear_staged(out)  # OUT holds the chunks' documents now
    return BatchResult(out=out, processed=batch, skipped=skipped, documents=len(dataset.extractions),
                       resumed=resumed, loaded=None if dataset.carried else dataset)
