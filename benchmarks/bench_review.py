#!/usr/bin/env python3
"""Seconds and megabytes of the review page (`esep report OUT --html FILE`) as OUT grows:
the bundled samples repeated K times, each copy a file of its own.

    python benchmarks/bench_review.py [--times 1 167] [--chromium]

The samples (6 documents: the Kazakh and Russian seed as PDF, DOCX and text) are
ingested once; each repetition gets byte-distinct copies of the files (a comment
appended to each: another doc_id, a source that passes the page's hash check), so
every copy's crops are rendered for real. The records are retagged in memory and
written as one OUT. The baseline is the smallest size, in the same run: a page whose
cost grows with the documents shows the same ms and KB per document at every size.
``--chromium`` also times headless Chromium loading each page (its --dump-dom).
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from esep.paths import samples_dir  # noqa: E402
from esep.pipeline import ingest  # noqa: E402
from esep.pipeline.datamodel import Dataset  # noqa: E402
from esep.pipeline.writer import write_output  # noqa: E402
from esep.records import Extraction  # noqa: E402
from esep.review import write_review  # noqa: E402


def samples(tmp: Path) -> list[Extraction]:
    return ingest([samples_dir()], tmp / "samples-out", isolate=False).dataset.extractions


def copy_source(ex: Extraction, k: int, folder: Path) -> Path:
    """Copy k of a document's file: the same pages, other bytes (a trailing comment line)."""
    src = Path(ex.document.source_path)
    dst = folder / f"{k:04d}_{src.name}"
    comment = b"\n%copy " if src.suffix == ".pdf" else b"\n"
    dst.write_bytes(src.read_bytes() + (comment + str(k).encode() + b"\n" if k else b""))
    return dst


def retagged(ex: Extraction, k: int, folder: Path) -> Extraction:
    """Copy k of a document's records, under its copied file's path and hash."""
    path = copy_source(ex, k, folder)
    new = hashlib.sha256(path.read_bytes()).hexdigest()
    ex = copy.deepcopy(ex)
    for value in vars(ex).values():
        for row in value if isinstance(value, list) else [value]:
            if hasattr(row, "doc_id"):
                row.doc_id = new
    ex.document.source_path = str(path)
    return ex


def load_seconds(page: Path, home: Path) -> float | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    t0 = time.perf_counter()
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    f"--user-data-dir={home}", "--virtual-time-budget=1000", "--dump-dom", page.as_uri()],
                   capture_output=True, timeout=600, check=True)
    return time.perf_counter() - t0


def measure(base: list[Extraction], k: int, tmp: Path, with_chromium: bool) -> tuple[int, int, float, float, float | None]:
    folder = tmp / f"files-{k}"
    folder.mkdir()
    exs = [retagged(ex, i, folder) for i in range(k) for ex in base]
    out = tmp / f"out-{k}"
    write_output(out, Dataset(exs, [], []))
    page = tmp / f"review-{k}.html"
    stats = write_review(out, page)
    load = load_seconds(page, tmp / "chromium") if with_chromium else None
    shutil.rmtree(folder)
    return stats.documents, stats.crops, stats.seconds, stats.bytes / 1e6, load


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, nargs="+", default=[1, 167])  # 6 and 1 002 documents
    ap.add_argument("--chromium", action="store_true", help="also time headless Chromium loading the page")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = samples(tmp)
        print(f"{'documents':>9}  {'crops':>6}  {'write s':>8}  {'MB':>7}  {'ms/doc':>7}  {'KB/doc':>7}  "
              f"{'load s':>7}  vs smallest (ms/doc, KB/doc)")
        first = None
        for k in args.times:
            docs, crops, seconds, mb, load = measure(base, k, tmp, args.chromium)
            per = (seconds / docs * 1000, mb / docs * 1000)
            first = first or per
            shown = f"{load:7.2f}" if load is not None else f"{'-':>7}"
            print(f"{docs:>9}  {crops:>6}  {seconds:>8.2f}  {mb:>7.1f}  {per[0]:>7.1f}  {per[1]:>7.1f}  {shown}  "
                  f"{per[0] / first[0]:>5.2f}x {per[1] / first[1]:>5.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
