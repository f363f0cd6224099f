#!/usr/bin/env python3
"""Seconds of each per-document stage (read, extract, audit) and of the batch-wide
linking over a folder of reports; the median of --runs, each in a fresh process.

    python benchmarks/bench_extract.py FOLDER [--glob '*.pdf'] [--runs 3] [--profile N]

Each run first reads the bundled samples (imports, label tables and compiled
patterns loaded), then times one pass over FOLDER: the caches esep keeps per text
start empty for those documents, as in a real run, so a figure is never a second
pass over texts already seen. The baseline is the code before a change, run on
the same folder in the same session: `PYTHONPATH=<old checkout> python
benchmarks/bench_extract.py FOLDER` (the script imports whichever esep is first on
the path, and says which). Times are CPU seconds of the process (steadier than
wall time on shared cores).
"""
from __future__ import annotations

import argparse
import copy
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import esep
from esep.pipeline.process import _audit, extract_records
from esep.link import build_entities
from esep.paths import samples_dir
from esep.readers import read, sha256_file
from esep.records import Extraction

# CPU seconds of this process: the stages are single-threaded, and the machine's
# cores are shared, so wall time would measure the neighbours too
CLOCK = time.process_time


def stages(paths: list[Path]) -> tuple[dict[str, float], list[Extraction]]:
    """Seconds per stage summed over the files, and their extractions (audited)."""
    spent = {"read": 0.0, "extract": 0.0, "audit": 0.0}
    out = []
    for p in paths:
        t0 = CLOCK()
        doc = read(p, sha256_file(p))
        t1 = CLOCK()
        ex = extract_records(doc)
        t2 = CLOCK()
        _audit(ex)
        t3 = CLOCK()
        spent["read"] += t1 - t0
        spent["extract"] += t2 - t1
        spent["audit"] += t3 - t2
        out.append(ex)
    return spent, out


def linked(exs: list[Extraction]) -> float:
    exs = copy.deepcopy(exs)
    t0 = CLOCK()
    build_entities(exs)
    return CLOCK() - t0


def warm() -> None:
    """Imports, label tables and compiled patterns loaded on other documents (the bundled
    samples): the caches esep keeps per text then start empty for the folder, as in a run."""
    for p in sorted(samples_dir().glob("*")):
        _audit(extract_records(read(p, sha256_file(p))))


def once(paths: list[Path]) -> dict[str, float]:
    warm()
    spent, exs = stages(paths)
    spent["link"] = linked(exs)
    return spent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--glob", default="*.pdf")
    ap.add_argument("--runs", type=int, default=3, help="each in a fresh process")
    ap.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions instead")
    ap.add_argument("--sort", default="cumulative", help="the profile's order (cumulative, tottime, ...)")
    args = ap.parse_args()
    paths = sorted(args.folder.glob(args.glob))
    if args.once:
        print(json.dumps(once(paths)))
        return 0
    print(f"esep from {Path(esep.__file__).parent.parent}; {len(paths)} files", file=sys.stderr)
    if args.profile:
        return profile(paths, args.profile, args.sort)
    cmd = [sys.executable, __file__, str(args.folder), "--glob", args.glob, "--once"]
    runs = [json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
            for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    med["extract+audit"] = med["extract"] + med["audit"]
    for k, v in med.items():
        print(f"{k:>14}  {v:7.3f} s")
    return 0


def profile(paths: list[Path], n: int, sort: str) -> int:
    """cProfile of the extract and audit stages, then of the linking, after `warm`."""
    import cProfile
    import pstats
    warm()
    docs = [read(p, sha256_file(p)) for p in paths]
    prof = cProfile.Profile()
    exs = prof.runcall(lambda: [_audit(ex) or ex for ex in map(extract_records, docs)])
    prof.runcall(build_entities, exs)
    pstats.Stats(prof).sort_stats(sort).print_stats(n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
