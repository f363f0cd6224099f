#!/usr/bin/env python3
"""Milliseconds per page of each image step of OCR, on a scan of the seed PDF.

    python benchmarks/bench_scan_image.py [PDF] [--dpi 300] [--repeat 3]

The scan is made first with scripts/make_scan.py (every page a grey JPEG, tilted,
noisy; not timed), then each page goes through the chain the OCR reader runs:
render_page -> measure_skew -> deskew -> binarize -> find_rulings -> erase_rulings.
Each step is timed on every page, ``--repeat`` times; the table shows the median per
page over the pages, and the total. Single thread (the reader runs pages in parallel).
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without `pip install -e .` too

import pypdfium2 as pdfium  # noqa: E402

from esep.readers.scan_image import ScanSettings, binarize, deskew, measure_skew, render_page  # noqa: E402
from esep.readers.scan_rulings import erase_rulings, find_rulings  # noqa: E402

STEPS = ("render_page", "measure_skew", "deskew", "binarize", "find_rulings", "erase_rulings")


def load_make_scan():
    spec = importlib.util.spec_from_file_location("make_scan", ROOT / "scripts" / "make_scan.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return out, (time.perf_counter() - t) * 1000


def one_page(page: pdfium.PdfPage, s: ScanSettings) -> dict[str, float]:
    """Milliseconds of each step on one page."""
    ms: dict[str, float] = {}
    img, ms["render_page"] = timed(render_page, page, s.dpi)
    angle, ms["measure_skew"] = timed(measure_skew, img, s)
    straight, ms["deskew"] = timed(deskew, img, angle)
    ink, ms["binarize"] = timed(binarize, straight, s)
    rulings, ms["find_rulings"] = timed(find_rulings, ink, s.dpi, s)
    _, ms["erase_rulings"] = timed(erase_rulings, straight, rulings, s.dpi)
    return ms


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", type=Path, default=ROOT / "tests/fixtures/seed_kk.pdf")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    s = ScanSettings(dpi=a.dpi)
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan.pdf"
        angles = load_make_scan().make_scan(a.pdf, scan, dpi=a.dpi)
        doc = pdfium.PdfDocument(str(scan))
        one_page(doc[0], s)  # warm-up: imports, caches
        runs = [[one_page(doc[i], s) for i in range(len(doc))] for _ in range(a.repeat)]
        doc.close()
    print(f"{a.pdf.name}: {len(angles)} scanned pages at {a.dpi} dpi, skews {min(angles)}..{max(angles)} deg")
    print(f"{'step':<14} {'ms/page (median)':>17} {'min':>7} {'max':>7}")
    total = 0.0
    for step in STEPS:
        per_page = [statistics.median(r[i][step] for r in runs) for i in range(len(angles))]
        total += statistics.median(per_page)
        print(f"{step:<14} {statistics.median(per_page):>17.1f} {min(per_page):>7.1f} {max(per_page):>7.1f}")
    print(f"{'total':<14} {total:>17.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
