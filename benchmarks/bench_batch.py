#!/usr/bin/env python3
"""A batch of born-digital PDFs through the `esep ingest` command, beside bare pdfplumber.

    python benchmarks/bench_batch.py [FOLDER] [--copies N] [--repeat R]

FOLDER holds born-digital PDFs (default: generate 40 with scripts/make_corpus.py
--seed 77, which needs LibreOffice). --copies N makes the batch N times as long
with distinct bytes (a comment appended after %%EOF), to see memory stay flat.
Printed as one table, each figure beside its baseline from the same run:

- pdfplumber: `extract_words` + `extract_tables` on every page, one process (the baseline);
- esep ingest --jobs 1 / --jobs 2: the whole command into a fresh OUT, start-up,
  workers, link, audit and the Parquet write included; its speed-up 1 → 2 workers;
- pages per CPU-second: pages over the CPU time of every process of the run (less
  sensitive to a machine shared with other work than the wall-clock rate);
- peak memory: the largest esep process of the run (main or worker, RSS);
- crash and resume: the --jobs 2 run killed (SIGKILL) half-way, rerun at once:
  the two runs' wall time beside one uninterrupted run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESEP = [sys.executable, "-c", "import sys; from esep.cli import main; sys.exit(main())"]
GOALS = {"x_pdfplumber": 10.0, "speedup": 1.8, "peak_mb": 400.0}


def corpus(tmp: Path) -> Path:
    gen = tmp / "gen"
    subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--out", str(gen), "--n", "40",
                    "--seed", "77", "--variety", "2"], check=True, capture_output=True)
    folder = tmp / "pdf"
    folder.mkdir()
    for pdf in gen.glob("*.pdf"):
        shutil.copy(pdf, folder / pdf.name)
    return folder


def copies(src: Path, n: int, tmp: Path) -> Path:
    """n copies of every PDF, each with its own bytes (so none is skipped as a duplicate)."""
    folder = tmp / f"x{n}"
    folder.mkdir()
    for k in range(n):
        for pdf in sorted(src.glob("*.pdf")):
            (folder / f"{k:04d}_{pdf.name}").write_bytes(pdf.read_bytes() + f"\n% copy {k}\n".encode())
    return folder


def pages_of(folder: Path) -> int:
    import pypdfium2
    return sum(len(pypdfium2.PdfDocument(p)) for p in folder.glob("*.pdf"))


def pdfplumber_s(folder: Path) -> float:
    code = ("import pdfplumber, sys, glob\n"
            "for f in sorted(glob.glob(sys.argv[1] + '/*.pdf')):\n"
            "    with pdfplumber.open(f) as d:\n"
            "        for p in d.pages: p.extract_words(); p.extract_tables()\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
    return time.perf_counter() - start


def esep_run(folder: Path, out: Path, jobs: int) -> tuple[float, float, float]:
    """Wall seconds of one `esep ingest` into a fresh OUT, the peak RSS (MB) of its processes
    and their CPU seconds (user + system, every process of the run)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*ESEP, "ingest", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    probe = ("import resource, subprocess, sys, json, time\n"
             "t = time.perf_counter(); subprocess.run(sys.argv[1:])\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps([time.perf_counter() - t, u.ru_maxrss / 1024, u.ru_utime + u.ru_stime]))\n")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True)
    took, peak, cpu = json.loads(done.stdout.splitlines()[-1])
    return took, peak, cpu


def crash_resume(folder: Path, out: Path, whole: float, every: int) -> float:
    """Wall seconds of a --jobs 2 run SIGKILLed half-way plus the rerun that finishes the batch."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*ESEP, "ingest", str(folder), "--out", str(out), "--jobs", "2", "--quiet", "--commit-every", str(every)]
    start = time.perf_counter()
    run = subprocess.Popen(cmd, start_new_session=True)
    time.sleep(whole / 2)
    run.send_signal(signal.SIGKILL)
    run.wait()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def row(name: str, value: str, baseline: str, goal: str) -> str:
    return f"{name:<40}{value:>14}{baseline:>22}{goal:>12}"


def report(pages: int, docs: int, plumber: float, runs: dict, resumed: float, every: int) -> list[str]:
    rate = {j: pages / statistics.median(t for t, _, _ in runs[j]) for j in runs}
    per_cpu = {j: pages / statistics.median(c for _, _, c in runs[j]) for j in runs}
    base = pages / plumber
    peak = max(p for r in runs.values() for _, p, _ in r)
    lines = [f"{docs} born-digital PDFs, {pages} pages; median of {len(next(iter(runs.values())))} runs", "",
             row("figure", "esep", "baseline (same run)", "goal"),
             row("pdfplumber words+tables, pages/s", f"{base:.1f}", "-", "-")]
    for j in runs:
        lines.append(row(f"esep ingest --jobs {j}, pages/s", f"{rate[j]:.1f}",
                         f"{rate[j] / base:.1f}x pdfplumber", f"{GOALS['x_pdfplumber']:g}x"))
        lines.append(row(f"  pages per CPU-second (--jobs {j})", f"{per_cpu[j]:.1f}",
                         f"{per_cpu[j] / base:.1f}x pdfplumber", "100"))
    if 1 in rate and 2 in rate:
        lines.append(row("speed-up 1 -> 2 workers", f"{rate[2] / rate[1]:.2f}x", "1 worker", f"{GOALS['speedup']}x"))
    lines.append(row("peak RSS of an esep process, MB", f"{peak:.0f}", "-", f"<= {GOALS['peak_mb']:g}"))
    whole = pages / rate[max(runs)]
    lines.append(row(f"killed half-way + rerun (commit every {every}), s", f"{resumed:.1f}",
                     f"{whole:.1f} s uninterrupted", "-"))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="born-digital PDFs (default: generated)")
    parser.add_argument("--copies", type=int, default=1, help="the batch N times, distinct bytes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--commit-every", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = args.folder or corpus(tmp)
        if args.copies > 1:
            folder = copies(folder, args.copies, tmp)
        pages, docs = pages_of(folder), len(list(folder.glob("*.pdf")))
        plumber = statistics.median(pdfplumber_s(folder) for _ in range(args.repeat))
        runs = {j: [esep_run(folder, tmp / "out", j) for _ in range(args.repeat)] for j in args.jobs}
        whole = statistics.median(t for t, _, _ in runs[max(args.jobs)])
        resumed = crash_resume(folder, tmp / "out", whole, args.commit_every)
    print("\n".join(report(pages, docs, plumber, runs, resumed, args.commit_every)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
