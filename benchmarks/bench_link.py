#!/usr/bin/env python3
"""Seconds of the batch-wide rebuild (organisations, people, restatements, cross-document
audit) as OUT grows: the bundled samples repeated K times under new doc_ids.

    python benchmarks/bench_link.py [--times 1 10 50]

The same reports repeated are what a decade of yearly filings looks like to the
linker: the same NGOs, the same leaders, report after report. The baseline is the
smallest size, in the same run: a rebuild whose cost grows with the documents shows
the same milliseconds per document at every size; one that grows with their square
shows K times more at K times the size.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from esep.audit.batch import batch_audit  # noqa: E402
from esep.link import build_entities  # noqa: E402
from esep.paths import samples_dir  # noqa: E402
from esep.pipeline import ingest  # noqa: E402
from esep.records import Extraction  # noqa: E402


def samples() -> list[Extraction]:
    """The bundled samples' records, read by the pipeline itself."""
    with tempfile.TemporaryDirectory() as tmp:
        return ingest([samples_dir()], Path(tmp) / "out", isolate=False).dataset.extractions


def retagged(ex: Extraction, k: int) -> Extraction:
    """A copy of a document's records under another doc_id (another year's filing)."""
    ex = copy.deepcopy(ex)
    new = hashlib.sha256(f"{ex.document.doc_id}:{k}".encode()).hexdigest()
    for value in vars(ex).values():
        for row in value if isinstance(value, list) else [value]:
            if hasattr(row, "doc_id"):
                row.doc_id = new
    return ex


def timed(exs: list[Extraction]) -> tuple[float, float]:
    t0 = time.perf_counter()
    build_entities(exs)
    t1 = time.perf_counter()
    batch_audit(exs)
    return t1 - t0, time.perf_counter() - t1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, nargs="+", default=[1, 10, 50])
    args = ap.parse_args()
    base = samples()
    print(f"{'documents':>9}  {'entities s':>10}  {'audit s':>8}  {'ms/doc':>7}  vs smallest")
    first = None
    for k in args.times:
        exs = [retagged(ex, i) for i in range(k) for ex in base]
        ent, aud = timed(exs)
        per_doc = (ent + aud) / len(exs) * 1000
        first = first or per_doc
        print(f"{len(exs):>9}  {ent:>10.2f}  {aud:>8.2f}  {per_doc:>7.1f}  {per_doc / first:>5.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
