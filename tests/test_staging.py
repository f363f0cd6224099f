"""Commits in chunks: a batch interrupted after some files keeps them, and the
rerun takes them as done, processes only the rest, and ends with the dataset an
uninterrupted run makes."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from esep.pipeline import ingest
from esep.pipeline import process as process_mod
from esep.pipeline.staging import STAMP, load_staged, staging_dir
from esep.pipeline.writer import load_dataset
from tests.facts import TABLES, rows

FIXTURES = Path(__file__).parent / "fixtures"
BATCH = ["seed_kk.txt", "seed_ru.docx", "stats/ngo_kk_stats.docx", "pdf/seed_plain.pdf", "pdf/tables_kk.pdf"]


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch")
    for i, name in enumerate(BATCH):  # numbered: discovery order is the list's
        shutil.copy(FIXTURES / name, folder / f"{i}_{Path(name).name}")
    return folder


@pytest.fixture(scope="module")
def clean(batch, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean") / "out"
    ingest([batch], out, isolate=False)
    return out


def tables(out: Path) -> dict[str, list]:
    exs = sorted(load_dataset(out).extractions, key=lambda ex: ex.document.doc_id)
    return {t: [r for ex in exs for r in rows(ex, t)] for t in TABLES}


def counting(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = process_mod.extract_records

    def count(doc):
        seen.append(Path(doc.source_path).name)
        return real(doc)
    monkeypatch.setattr(process_mod, "extract_records", count)
    return seen


def interrupt_after(n: int):
    def on_progress(done, total, ex):
        if done == n:
            raise KeyboardInterrupt
    return on_progress


def test_an_interrupted_batch_resumes_after_its_last_commit(batch, clean, tmp_path, monkeypatch):
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        ingest([batch], out, isolate=False, commit_every=2, on_progress=interrupt_after(3))
    assert not out.exists()  # nothing published: OUT is never half-written
    assert sorted(Path(ex.document.source_path).name for ex in load_staged(out).values()) == \
        ["0_seed_kk.txt", "1_seed_ru.docx", "2_ngo_kk_stats.docx"]
    seen = counting(monkeypatch)
    result = ingest([batch], out, isolate=False, commit_every=2)
    assert seen == ["3_seed_plain.pdf", "4_tables_kk.pdf"]  # the committed three not again
    assert result.resumed == 3 and len(result.processed) == 5
    assert not staging_dir(out).exists()  # published, the chunks are gone
    assert tables(out) == tables(clean)


def test_a_chunk_of_another_version_is_processed_again(batch, tmp_path, monkeypatch):
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        ingest([batch], out, isolate=False, commit_every=1, on_progress=interrupt_after(1))
    [chunk] = staging_dir(out).glob("chunk-*")
    stamp = json.loads((chunk / STAMP).read_text())
    (chunk / STAMP).write_text(json.dumps(dict(stamp, esep_version="0.0.1")))
    seen = counting(monkeypatch)
    result = ingest([batch], out, isolate=False)
    assert result.resumed == 0 and len(seen) == len(BATCH)


def test_a_batch_that_ends_well_leaves_no_chunks(batch, tmp_path):
    out = tmp_path / "out"
    ingest([batch], out, isolate=False, commit_every=1)
    assert not staging_dir(out).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", "out"]
