#!/usr/bin/env python3
"""A small yearly increment into an output folder that already holds many documents.

    python benchmarks/bench_increment.py [FOLDER] [--new 10] [--sizes 0 1 8] [--against CHECKOUT]

FOLDER holds born-digital PDFs (default: 130 distinct generated ones, as bench_batch
makes them, `--n`, `--seed`). The first --new of them (by name) are the increment; the
rest, copied K times with distinct bytes for each K in --sizes, make the OUT it goes
into (0: an empty OUT, the baseline). Each round runs `esep ingest NEW --out OUT
--jobs 2` once into a fresh copy of every OUT, and each size's wall time is divided
by the empty OUT's of the same round (a shared machine's speed drifts between
minutes); the median of the rounds is printed, with the main process's peak RSS (it
holds what it reads back of OUT). A run whose cost grows with what OUT holds shows a
growing ratio; the goal is flat.

--against CHECKOUT runs the same increments with another checkout's code too
(`PYTHONPATH=CHECKOUT`, run in that folder), interleaved, into copies of the same OUTs
(made by this checkout).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_batch import ESEP, ROOT, copies, corpus, hwm_mb  # noqa: E402


def ingest_s(new: Path, out: Path, code: Path | None = None) -> tuple[float, float]:
    """Wall seconds and the main process's peak RSS (MB, /proc polled every 0.05 s) of one
    `esep ingest` of ``new`` into ``out`` (with ``code``'s esep)."""
    env = dict(os.environ, **({"PYTHONPATH": str(code)} if code else {}))
    start = time.perf_counter()
    # run in the code's own folder: `python -c` puts the working folder first on sys.path,
    # before PYTHONPATH, so a run from this checkout would import this checkout's esep
    run = subprocess.Popen([*ESEP, "ingest", str(new), "--out", str(out), "--jobs", "2", "--quiet"],
                           env=env, cwd=code or ROOT)
    peak = 0.0
    while run.poll() is None:
        peak = max(peak, hwm_mb(run.pid))
        time.sleep(0.05)
    if run.returncode != 0:
        raise SystemExit(f"esep ingest failed ({run.returncode})")
    return time.perf_counter() - start, peak


def split(folder: Path, n_new: int, tmp: Path) -> tuple[Path, Path]:
    """The increment (the first ``n_new`` PDFs by name) and the rest, as two folders."""
    pdfs = sorted(folder.glob("*.pdf"))
    new, rest = tmp / "new", tmp / "rest"
    for target, files in ((new, pdfs[:n_new]), (rest, pdfs[n_new:])):
        target.mkdir()
        for p in files:
            shutil.copy(p, target / p.name)
    return new, rest


def build_outs(rest: Path, sizes: list[int], tmp: Path) -> dict[int, Path]:
    """One OUT per size: ``rest`` copied K times, ingested; size 0 has none."""
    outs = {}
    for k in sizes:
        outs[k] = tmp / f"out{k}"
        if k:
            subprocess.run([*ESEP, "ingest", str(copies(rest, k, tmp)), "--out", str(outs[k]),
                            "--jobs", "2", "--quiet"], check=True)
    return outs


def one_round(new: Path, outs: dict[int, Path], codes: dict[str, Path | None], tmp: Path) -> dict:
    """(code, size) -> (seconds, main MB), each into a fresh copy of its OUT."""
    took = {}
    for name, code in codes.items():
        for k, out in outs.items():
            scratch = tmp / "scratch"
            shutil.rmtree(scratch, ignore_errors=True)
            if out.exists():
                shutil.copytree(out, scratch)
            took[(name, k)] = ingest_s(new, scratch, code)
    return took


def report(rounds: list[dict], docs: dict[int, int], n_new: int, codes: dict) -> list[str]:
    head = f"{'OUT holds':<14}" + "".join(f"{name + ', s':>16}{'vs empty OUT':>14}{'main MB':>10}"
                                          for name in codes)
    lines = [f"{n_new} new PDFs into an OUT of N documents (--jobs 2), median of {len(rounds)} rounds "
             "(main MB: the main process's peak RSS, the largest of the rounds)", "", head + f"{'goal':>8}"]
    for k, n in docs.items():
        cells = ""
        for name in codes:
            secs = statistics.median(r[(name, k)][0] for r in rounds)
            ratio = statistics.median(r[(name, k)][0] / r[(name, min(docs))][0] for r in rounds)
            peak = max(r[(name, k)][1] for r in rounds)
            cells += f"{secs:>16.2f}{ratio:>13.2f}x{peak:>10.0f}"
        lines.append(f"{n:<14}" + cells + f"{'flat':>8}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="born-digital PDFs (default: generated)")
    parser.add_argument("--n", type=int, default=130, help="documents to generate (no FOLDER)")
    parser.add_argument("--seed", type=int, default=5, help="make_corpus seed (no FOLDER)")
    parser.add_argument("--new", type=int, default=10, help="of them, the increment")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1, 8],
                        help="OUT = the rest copied K times, for each K (0: empty)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, default=None, metavar="CHECKOUT",
                        help="also run another checkout's esep (PYTHONPATH), interleaved")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    codes: dict[str, Path | None] = {"esep": None}
    if args.against:
        codes["against"] = args.against.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        new, rest = split(args.folder or corpus(tmp, args.n, args.seed), args.new, tmp)
        sizes = sorted(set(args.sizes) | {0})
        outs = build_outs(rest, sizes, tmp)
        docs = {k: k * len(list(rest.glob("*.pdf"))) for k in sizes}
        rounds = [one_round(new, outs, codes, tmp) for _ in range(args.repeat)]
    print("\n".join(report(rounds, docs, args.new, codes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
