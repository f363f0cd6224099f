"""The limits one document has in its worker (esep.pipeline.limits): memory, time in
all, time without progress; and workers that live for many documents."""
from __future__ import annotations

import os
import time
from pathlib import Path

from esep.pipeline.datamodel import Job
from esep.pipeline.isolation import largest_first, run_isolated
from esep.pipeline.limits import Limits, over_mb, private_mb
from esep.pipeline.process import failed, process_file
from esep.readers import pdf_ocr, sha256_file
from esep.records import Extraction

SEED = Path(__file__).parent / "fixtures" / "seed_kk.txt"


def jobs(*names: str) -> list[Job]:
    return [Job(Path(name), name) for name in names]


def errors(results: list[Extraction]) -> dict[str, str | None]:
    return {ex.document.doc_id: ex.document.error for ex in results}


def greedy(path: Path, doc_id: str) -> Extraction:
    """'hog' holds 600 MB and waits; anything else is the seed, processed for real."""
    if doc_id == "hog":
        hoard = bytearray(600 * 2**20)  # zero-filled: every page written, so private
        time.sleep(30)
        return failed(path, doc_id, f"not stopped ({len(hoard)})")
    return process_file(path, doc_id)


def test_a_document_over_the_memory_limit_fails_alone(tmp_path):
    seed = Job(SEED, sha256_file(SEED))
    results = run_isolated([*jobs("hog"), seed], workers=1, limits=Limits(memory_mb=300), fn=greedy)
    assert errors(results)["hog"] == "out of memory: the worker used more than 300 MB (--memory-limit)"
    assert results[1].document.status == "ok" and results[1].document.doc_kind == "operator_report"


def endless_progress(path: Path, doc_id: str) -> Extraction:
    """A scan whose pages keep coming: progress every 0.1 s, never done."""
    if doc_id == "endless":
        for page in range(600):
            pdf_ocr._progress(pdf_ocr.Progress(page, page, 600))
            time.sleep(0.1)
    return failed(path, doc_id, "finished")


def test_the_total_timeout_stops_a_document_that_keeps_progressing():
    started = time.monotonic()
    results = run_isolated(jobs("endless", "next"), limits=Limits(timeout=1, total_timeout=2),
                           fn=endless_progress)
    assert errors(results) == {"endless": "timed out: more than 2 s in all (--total-timeout)",
                               "next": "finished"}
    assert time.monotonic() - started < 15


def test_progress_alone_resets_the_no_progress_timeout():
    # 1 s without progress is never reached: only the total limit ends it
    results = run_isolated(jobs("endless"), limits=Limits(timeout=1, total_timeout=3), fn=endless_progress)
    assert errors(results) == {"endless": "timed out: more than 3 s in all (--total-timeout)"}


def whose(path: Path, doc_id: str) -> Extraction:
    return failed(path, doc_id, str(os.getpid()))


def test_a_worker_serves_many_documents_and_is_replaced_after_max_docs():
    one = run_isolated(jobs("a", "b", "c", "d"), limits=Limits(), fn=whose)
    assert len(set(errors(one).values())) == 1  # one worker, four documents
    worn = run_isolated(jobs("a", "b", "c", "d"), limits=Limits(max_docs=2), fn=whose)
    pids = list(errors(worn).values())
    assert pids[0] == pids[1] != pids[2] == pids[3]


def test_private_memory_leaves_out_what_a_fork_shares():
    """A forked worker's RSS counts the parent's pages it shares; its private memory does not."""
    ballast = bytearray(300 * 2**20)  # the parent's, shared with a fork until written
    pid = os.fork()
    if pid == 0:
        time.sleep(1.5)
        own = bytearray(200 * 2**20)  # the child's own, written: private
        time.sleep(3)
        os._exit(len(own) and 0)
    try:
        time.sleep(0.5)
        shared_only, over_shared = private_mb(pid), over_mb(pid, 100)
        time.sleep(2.5)
        with_own = private_mb(pid)
        over = (over_mb(pid, 150), over_mb(pid, 300))
    finally:
        os.waitpid(pid, 0)
        del ballast
    assert shared_only < 50 and 200 <= with_own < 250
    # the cheap resident count decides below the limit; the private count above it
    assert over_shared is False and over == (True, False)


def test_several_workers_start_the_largest_files_first_and_keep_the_jobs_order(tmp_path):
    """Two workers finish together when the long reports go first; results stay in job order."""
    sizes = {"small": 10, "big": 3000, "gone": None, "middle": 500}
    batch = []
    for name, size in sizes.items():
        if size is not None:
            (tmp_path / name).write_bytes(b"x" * size)
        batch.append(Job(tmp_path / name, name))
    assert [job.doc_id for _, job in largest_first(batch)] == ["big", "middle", "small", "gone"]
    started = []
    results = run_isolated(batch, workers=2, on_done=lambda job, ex: started.append(job.doc_id),
                           fn=lambda path, doc_id: failed(path, doc_id, "stub"))
    assert [ex.document.doc_id for ex in results] == list(sizes)
    assert sorted(started) == sorted(sizes)
