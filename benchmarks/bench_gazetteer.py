#!/usr/bin/env python3
"""Seconds of `find_places` over the seed report, beside a plain scan of the same text.

    python benchmarks/bench_gazetteer.py [--repeat 5]

The baseline is `str.lower` plus a split into words over the same text (what any
pass over the text costs), in the same run; the best of --repeat after one warm-up
call that compiles the gazetteer's patterns.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(repeat: int, fn, *args) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    from esep.normalize.places import find_places
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    text = (ROOT / "data/samples/seed_kk.txt").read_text(encoding="utf-8")
    find_places("Ақтау")  # compile
    places = best_of(args.repeat, find_places, text)
    scan = best_of(args.repeat, lambda t: t.lower().split(), text)
    print(f"seed_kk.txt: {len(text)} characters, {len(find_places(text))} places, best of {args.repeat}")
    print(f"{'find_places':<24}{places * 1000:>10.1f} ms   {places / scan:>8.0f}x the plain scan")
    print(f"{'lower + split (baseline)':<24}{scan * 1000:>10.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
