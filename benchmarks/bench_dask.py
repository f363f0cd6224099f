#!/usr/bin/env python3
"""Seconds of the same batch on the local executor and on a Dask LocalCluster, 2 workers each.

    python benchmarks/bench_dask.py [--times 5] [--workers 2] [--noop 200] [--repeat 3]

The batch is the bundled samples (kk/ru x pdf/docx/txt) repeated K times, each copy a
job of its own (another doc_id), processed as `esep ingest` processes its jobs: the
local baseline is `run_isolated` (long-lived forked workers), from the same run.

- dask, cluster up: `run_dask` on a LocalCluster started beforehand, reached by its
  address as a real cluster would be (the steady state of a long batch);
- dask, cold: `run_dask` starting and closing its own LocalCluster (`--executor dask`);
- no-op tasks: ``--noop`` jobs whose function returns at once, so the time is the
  executor's own cost per task (submit, schedule, pickle the result back; for the local
  executor the pipe to a long-lived worker).

Each figure is the median of ``--repeat`` runs, the methods taking turns (the
cores may be shared: turns spread another load over all of them).
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without `pip install -e .` too

from esep.paths import samples_dir  # noqa: E402
from esep.pipeline.dask_exec import local_cluster, run_dask  # noqa: E402
from esep.pipeline.datamodel import Job  # noqa: E402
from esep.pipeline.isolation import run_isolated  # noqa: E402
from esep.pipeline.process import failed  # noqa: E402

TIMEOUT = 300.0


def jobs(times: int) -> list[Job]:
    """The samples K times, each copy under its own doc_id."""
    files = sorted(samples_dir().iterdir())
    return [Job(p, hashlib.sha256(f"{p.name}:{k}".encode()).hexdigest()) for k in range(times) for p in files]


def noop(path: Path, doc_id: str):
    """A task that does no work: its time is the executor's."""
    return failed(path, doc_id, "no-op")


def timed(fn, ok: bool = True) -> float:
    """Seconds of one run; with ``ok`` every file must have come through."""
    start = time.perf_counter()
    results = fn()
    seconds = time.perf_counter() - start
    bad = [r.document for r in results if r.document.status != "ok"]
    if ok and bad:
        raise SystemExit(f"{len(bad)} failed, e.g. {bad[0].source_path}: {bad[0].error}")
    return seconds


def medians(methods: dict, repeat: int) -> dict[str, float]:
    """Each method's median seconds over ``repeat`` rounds, the methods taking turns."""
    times: dict[str, list[float]] = {name: [] for name in methods}
    for _ in range(repeat):
        for name, (fn, ok) in methods.items():
            times[name].append(timed(fn, ok))
    return {name: statistics.median(t) for name, t in times.items()}


def row(name: str, n: int, seconds: float, base: float) -> str:
    return f"| {name:<36} | {n:>5} | {seconds:>8.2f} | {1000 * seconds / n:>9.1f} | {seconds / base:>8.2f} |"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=5, help="copies of the samples (default 5)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--noop", type=int, default=200, help="no-op tasks for the per-task cost")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; each figure is the median")
    args = ap.parse_args()
    import distributed

    batch, w = jobs(args.times), args.workers
    noops = jobs(-(-args.noop // 6))[:args.noop]
    run_isolated(batch[:w], w, TIMEOUT)  # warm-up: imports and caches, in the parent the workers fork from
    cluster = local_cluster(distributed, w)
    try:
        addr = cluster.scheduler_address
        run_dask(batch[:w], scheduler=addr, timeout=TIMEOUT)  # warm-up: the workers' imports
        t = medians({
            "local": (lambda: run_isolated(batch, w, TIMEOUT), True),
            "up": (lambda: run_dask(batch, scheduler=addr, timeout=TIMEOUT), True),
            "cold": (lambda: run_dask(batch, workers=w, timeout=TIMEOUT), True),
            "local_noop": (lambda: run_isolated(noops, w, TIMEOUT, fn=noop), False),
            "dask_noop": (lambda: run_dask(noops, scheduler=addr, timeout=TIMEOUT, fn=noop), False),
        }, args.repeat)
    finally:
        cluster.close()
    local, up, cold, local_noop, dask_noop = (t[k] for k in ("local", "up", "cold", "local_noop", "dask_noop"))

    print(f"{len(batch)} files (data/samples x {args.times}), {w} workers, 1 thread each, "
          f"median of {args.repeat}\n")
    print(f"| {'executor':<36} | {'files':>5} | {'wall s':>8} | {'ms/file':>9} | {'x local':>8} |")
    print(f"|{'-' * 38}|{'-' * 7}|{'-' * 10}|{'-' * 11}|{'-' * 10}|")
    print(row("local (run_isolated), baseline", len(batch), local, local))
    print(row("dask LocalCluster, cluster up", len(batch), up, local))
    print(row("dask LocalCluster, cold (start+stop)", len(batch), cold, local))
    print(row("local, no-op tasks, baseline", len(noops), local_noop, local_noop))
    print(row("dask, no-op tasks", len(noops), dask_noop, local_noop))
    print(f"\nper-task executor cost: local {1000 * local_noop / len(noops) * w:.1f} ms, "
          f"dask {1000 * dask_noop / len(noops) * w:.1f} ms of a worker's time "
          f"(wall ms/task x {w} workers); cluster start+stop {cold - up:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
