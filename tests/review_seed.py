"""The seed's Kazakh PDF and DOCX ingested into one output folder, for the review page's tests."""
from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from esep.paths import samples_dir
from esep.pipeline import ingest

SEEDS = ("seed_kk.pdf", "seed_kk.docx")


def seed_out(folder: Path) -> Path:
    out = folder / "out"
    ingest([samples_dir() / name for name in SEEDS], out, isolate=False)
    return out


def findings_table(out: Path) -> list[dict]:
    return pq.read_table(out / "findings").to_pylist()
