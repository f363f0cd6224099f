#!/usr/bin/env python3
"""Pages per second of `esep ingest` beside bare pdfplumber, on the seed PDF.

    python benchmarks/bench_ingest.py [PDF] [--repeat N]

Each method runs in its own Python process (so that its peak RSS is its own):
one untimed warm-up, then N timed runs; the table shows the median.

- pdfplumber: ``extract_words`` + ``extract_tables`` on every page, nothing else;
- esep read: ``esep.readers.read`` (the PDF backend: pypdfium2 text + pdfplumber tables);
- esep ingest: the whole in-process pipeline, one job: hash, read, extract,
  audit, link, and the atomic Parquet write into a fresh folder.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without `pip install -e .` too
CANDIDATES = [ROOT / "tests/fixtures/seed_kk.pdf", ROOT / "data/samples/seed_kk.pdf"]
METHODS = {"pdfplumber": "pdfplumber words+tables", "read": "esep read",
           "ingest": "esep ingest (1 job, in-process)"}


def run_pdfplumber(pdf: Path) -> int:
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            page.extract_words()
            page.extract_tables()
        return len(doc.pages)


def run_read(pdf: Path) -> int:
    from esep.readers import read
    return read(pdf).pages or 0


def run_ingest(pdf: Path) -> int:
    from esep.pipeline import ingest
    with tempfile.TemporaryDirectory() as tmp:
        result = ingest([pdf], Path(tmp) / "out", isolate=False)
    doc = result.processed[0].document
    if doc.status == "failed":
        raise SystemExit(f"esep failed on {pdf}: {doc.error}")
    return doc.pages or 0


def one(method: str, pdf: Path, repeat: int) -> dict:
    """Time one method in this process; the result as a JSON-able dict."""
    fn = {"pdfplumber": run_pdfplumber, "read": run_read, "ingest": run_ingest}[method]
    pages = fn(pdf)  # warm-up: imports, caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(pdf)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"pages": pages, "median_s": statistics.median(times), "peak_mb": peak_kb / 1024}


def measure(method: str, pdf: Path, repeat: int) -> dict:
    cmd = [sys.executable, __file__, str(pdf), "--repeat", str(repeat), "--one", method]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"{method} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    pdf = args.pdf or next((p for p in CANDIDATES if p.is_file()), None)
    if pdf is None:
        parser.error("no seed PDF found; pass one: " + ", ".join(map(str, CANDIDATES)))
    if args.one:
        print(json.dumps(one(args.one, pdf, args.repeat)))
        return 0
    results = {m: measure(m, pdf, args.repeat) for m in METHODS}
    pages = results["pdfplumber"]["pages"]
    print(f"{pdf.name}: {pages} pages, median of {args.repeat} runs after one warm-up\n")
    print(f"{'method':<34}{'s/run':>9}{'pages/s':>10}{'peak RSS MB':>13}")
    for m, r in results.items():
        rate = r["pages"] / r["median_s"] if r["median_s"] else float("inf")
        print(f"{METHODS[m]:<34}{r['median_s']:>9.3f}{rate:>10.1f}{r['peak_mb']:>13.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
