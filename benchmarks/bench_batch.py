#!/usr/bin/env python3
"""A batch of born-digital PDFs through the `esep ingest` command, beside bare pdfplumber.

    python benchmarks/bench_batch.py [FOLDER] [--copies N] [--repeat R] [--against CHECKOUT]

FOLDER holds born-digital PDFs (default: generate --n distinct documents, 120, with
scripts/make_corpus.py --seed 5 --variety 2, which needs LibreOffice). --copies N
makes the batch N times as long with distinct bytes (a comment appended after
%%EOF), to see memory stay flat; copies flatter the speed (esep caches what it
worked out per paragraph text, and a copy repeats every paragraph), so the speed
figures are the distinct corpus's. --repeat R rounds, each pdfplumber then every
--jobs, each ratio taken within its round (a shared machine's speed drifts between
minutes). Printed as one table, each figure beside its baseline from the same run:

- pdfplumber: `extract_words` + `extract_tables` on every page, one process (the baseline);
- esep ingest --jobs 1 / --jobs 2: the whole command into a fresh OUT, start-up,
  workers, link, audit and the Parquet write included; its speed-up 1 → 2 workers;
- pages per CPU-second: pages over the CPU time of every process of the run (less
  sensitive to a machine shared with other work than the wall-clock rate);
- peak memory: the largest worker's and the main process's peak RSS (VmHWM, /proc
  polled every 0.1 s; the main process holds the whole dataset while it links and writes);
- crash and resume: the --jobs 2 run killed (SIGKILL) half-way, rerun at once:
  the two runs' wall time beside one uninterrupted run;
- the machine's own ceiling for 1 -> 2 processes: a pure-Python loop run alone,
  then two at once (a VM's two cores rarely give 2x; esep's speed-up is read against it);
- --against CHECKOUT: that checkout's esep too (its folder first on the path), right after
  this one's in every round, its ratios beside this one's.
"""
from __future__ import annotations

import argparse
import resource
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
# the console script's own entry (what `esep` runs), from whichever checkout is first on the path
ESEP = [sys.executable, "-c", "import sys; from esep.entry import main; sys.exit(main())"]
GOALS = {"x_pdfplumber": 10.0, "speedup": 1.8, "peak_mb": 400.0}


def corpus(tmp: Path, n: int, seed: int) -> Path:
    gen = tmp / "gen"
    subprocess.run([sys.executable, str(ROOT / "scripts/make_corpus.py"), "--out", str(gen), "--n", str(n),
                    "--seed", str(seed), "--variety", "2"], check=True, capture_output=True)
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


SPIN = "import time\nt = time.process_time()\nx = 0\nfor i in range(6_000_000): x += i % 7\n" \
       "print(time.process_time() - t)"


def cpu_ceiling() -> float:
    """1 -> 2 processes on this machine: a CPU-bound loop's wall time alone over the
    wall time of two copies at once, times two (2.0 on two idle, unshared cores)."""
    def wall(copies: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.DEVNULL) for _ in range(copies)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start
    alone = min(wall(1) for _ in range(3))
    return 2 * alone / min(wall(2) for _ in range(3))


def hwm_mb(pid: int) -> float:
    """A process's peak resident memory so far (VmHWM), MB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
                for c in (t / "children").read_text().split()]
    except OSError:
        return []


def esep_run(folder: Path, out: Path, jobs: int, code: Path | None = None) -> tuple[float, float, float, float]:
    """One `esep ingest` into a fresh OUT (with ``code``'s esep): wall seconds, peak RSS (MB)
    of the main process and of its largest worker (/proc polled every 0.1 s), CPU seconds
    of all of them."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*ESEP, "ingest", str(folder), "--out", str(out), "--jobs", str(jobs), "--quiet"]
    env = dict(os.environ, **({"PYTHONPATH": str(code)} if code else {}))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # `python -c` imports esep from its working folder first: run in the code's own folder
    run = subprocess.Popen(cmd, cwd=code or ROOT, env=env)
    main_mb = worker_mb = 0.0
    while run.poll() is None:
        main_mb = max(main_mb, hwm_mb(run.pid))
        worker_mb = max([worker_mb] + [hwm_mb(c) for c in children(run.pid)])
        time.sleep(0.1)
    took = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(f"esep ingest failed ({run.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return took, main_mb, worker_mb, cpu


def crash_resume(folder: Path, out: Path, whole: float, every: int) -> float:
    """Wall seconds of a --jobs 2 run SIGKILLed half-way plus the rerun that finishes the batch."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*ESEP, "ingest", str(folder), "--out", str(out), "--jobs", "2", "--quiet", "--commit-every", str(every)]
    start = time.perf_counter()
    run = subprocess.Popen(cmd, start_new_session=True, cwd=ROOT)
    time.sleep(whole / 2)
    run.send_signal(signal.SIGKILL)
    run.wait()
    subprocess.run(cmd, check=True, cwd=ROOT)
    return time.perf_counter() - start


def row(name: str, value: str, baseline: str, goal: str) -> str:
    return f"{name:<40}{value:>14}{baseline:>22}{goal:>12}"


def report(pages: int, docs: int, plumber: list[float], runs: dict, resumed: float, every: int,
           ceiling: float) -> list[str]:
    rate = {j: pages / statistics.median(r[0] for r in runs[j]) for j in runs}
    per_cpu = {j: pages / statistics.median(r[3] for r in runs[j]) for j in runs}
    base = pages / statistics.median(plumber)
    # each ratio within its round, then their median
    times = {j: statistics.median(p / r[0] for p, r in zip(plumber, runs[j])) for j in runs}
    main_peak = max(r[1] for rs in runs.values() for r in rs)
    worker_peak = max(r[2] for rs in runs.values() for r in rs)
    lines = [f"{docs} born-digital PDFs, {pages} pages; median of {len(plumber)} rounds "
             "(ratios within each round)", "",
             row("figure", "esep", "baseline (same run)", "goal"),
             row("pdfplumber words+tables, pages/s", f"{base:.1f}", "-", "-")]
    for j in runs:
        lines.append(row(f"esep ingest --jobs {j}, pages/s", f"{rate[j]:.1f}",
                         f"{times[j]:.1f}x pdfplumber", f"{GOALS['x_pdfplumber']:g}x"))
        lines.append(row(f"  pages per CPU-second (--jobs {j})", f"{per_cpu[j]:.1f}",
                         f"{per_cpu[j] / base:.1f}x pdfplumber", "100"))
    if 1 in rate and 2 in rate:
        speedup = statistics.median(a[0] / b[0] for a, b in zip(runs[1], runs[2]))
        lines.append(row("speed-up 1 -> 2 workers", f"{speedup:.2f}x", "1 worker", f"{GOALS['speedup']}x"))
        lines.append(row("  a CPU-bound loop, 1 -> 2 processes", f"{ceiling:.2f}x", "1 process", "2x"))
    lines.append(row("peak RSS of a worker, MB", f"{worker_peak:.0f}", "-", f"<= {GOALS['peak_mb']:g}"))
    lines.append(row("peak RSS of the main process, MB", f"{main_peak:.0f}", "-", "-"))
    whole = pages / rate[max(runs)]
    lines.append(row(f"killed half-way + rerun (commit every {every}), s", f"{resumed:.1f}",
                     f"{whole:.1f} s uninterrupted", "-"))
    return lines


def against_lines(pages: int, plumber: list[float], runs: dict, old: dict) -> list[str]:
    """The other checkout's figures, each ratio within its round as for this one's."""
    lines = ["", "the checkout given by --against, in the same rounds:"]
    for j in old:
        rate = pages / statistics.median(r[0] for r in old[j])
        times = statistics.median(p / r[0] for p, r in zip(plumber, old[j]))
        faster = statistics.median(o[0] / n[0] for o, n in zip(old[j], runs[j]))
        lines.append(row(f"esep ingest --jobs {j}, pages/s", f"{rate:.1f}", f"{times:.1f}x pdfplumber",
                         f"this: {faster:.2f}x"))
    if 1 in old and 2 in old:
        speedup = statistics.median(a[0] / b[0] for a, b in zip(old[1], old[2]))
        lines.append(row("speed-up 1 -> 2 workers", f"{speedup:.2f}x", "1 worker", "-"))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="born-digital PDFs (default: generated)")
    parser.add_argument("--n", type=int, default=120, help="documents to generate (no FOLDER)")
    parser.add_argument("--seed", type=int, default=5, help="make_corpus seed (no FOLDER)")
    parser.add_argument("--copies", type=int, default=1, help="the batch N times, distinct bytes")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--commit-every", type=int, default=5)
    parser.add_argument("--against", type=Path, default=None, metavar="CHECKOUT",
                        help="another checkout's esep too, interleaved in the same rounds")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = args.folder or corpus(tmp, args.n, args.seed)
        if args.copies > 1:
            folder = copies(folder, args.copies, tmp)
        pages, docs = pages_of(folder), len(list(folder.glob("*.pdf")))
        # rounds of pdfplumber then each --jobs, one after the other: on a shared machine
        # whose speed drifts, each ratio is taken within its round
        plumber: list[float] = []
        runs: dict[int, list] = {j: [] for j in args.jobs}
        old: dict[int, list] = {j: [] for j in args.jobs} if args.against else {}
        for _ in range(args.repeat):
            plumber.append(pdfplumber_s(folder))
            for j in args.jobs:
                runs[j].append(esep_run(folder, tmp / "out", j))
                if args.against:
                    old[j].append(esep_run(folder, tmp / "out", j, args.against.resolve()))
        whole = statistics.median(r[0] for r in runs[max(args.jobs)])
        resumed = crash_resume(folder, tmp / "out", whole, args.commit_every)
        ceiling = cpu_ceiling()
    lines = report(pages, docs, plumber, runs, resumed, args.commit_every, ceiling)
    if old:
        lines += against_lines(pages, plumber, runs, old)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
