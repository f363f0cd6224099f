"""Fuzzing the readers through a batch: mutants of the real fixtures (bytes flipped,
runs of bytes cut out or repeated, files cut short), seeded so every run tries the same
ones. Whatever each mutant does to its reader, the batch never crashes: every mutant is
one row of `documents`, ok, partial or failed with a reason, and OUT meets the contract."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from esep.pipeline import ingest
from esep.schemas.validate import validate_output

FIXTURES = Path(__file__).parent / "fixtures"
SOURCES = ["seed_kk.pdf", "seed_kk.docx", "seed_ru.txt", "pdf/tables_kk.pdf", "stats/ngo_kk_stats.docx"]
MUTANTS_PER_SOURCE = 6


def flip(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 40)):
        data[rng.randrange(len(data))] = rng.randrange(256)


def cut(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    del data[start:start + rng.randint(1, 4096)]


def repeat(data: bytearray, rng: random.Random) -> None:
    start = rng.randrange(len(data))
    data[start:start] = data[start:start + rng.randint(1, 4096)]


def truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(1, len(data)):]


MUTATIONS = (flip, cut, repeat, truncate)


def mutants(folder: Path, seed: int = 9) -> list[Path]:
    rng, made = random.Random(seed), []
    for name in SOURCES:
        original = (FIXTURES / name).read_bytes()
        for k in range(MUTANTS_PER_SOURCE):
            data = bytearray(original)
            for mutate in rng.sample(MUTATIONS, rng.randint(1, 2)):
                mutate(data, rng)
            path = folder / f"{Path(name).stem}_m{k}{Path(name).suffix}"
            path.write_bytes(bytes(data))
            made.append(path)
    return made


@pytest.mark.slow
def test_mutated_fixtures_never_crash_the_batch(tmp_path):
    (tmp_path / "in").mkdir()
    made = mutants(tmp_path / "in")
    result = ingest([tmp_path / "in"], tmp_path / "out", jobs=2, timeout=60)
    rows = {Path(ex.document.source_path).name: ex.document for ex in result.dataset.extractions}
    assert sorted(rows) == sorted(p.name for p in made)
    for name, d in rows.items():
        assert d.status in ("ok", "partial", "failed"), name
        assert (d.status == "ok") == (d.error is None), (name, d.error)
    assert validate_output(tmp_path / "out") == []


# --- what the fuzz run found --------------------------------------------------------

def test_utf8_text_with_a_damaged_byte_stays_utf8():
    from esep.readers.text import decode_bytes
    text = (FIXTURES / "seed_kk.txt").read_bytes()
    damaged = text[:1000] + b"\xff" + text[1001:]
    decoded = decode_bytes(damaged)
    assert decoded.count("\ufffd") <= 2 and "Маңғыстау" in decoded  # not read as Windows-1251
    assert decode_bytes("Грантовый отчёт".encode("cp1251")) == "Грантовый отчёт"


def test_a_zip_whose_directory_points_before_the_file_is_corrupt(tmp_path):
    """A mutant of stats/ngo_kk_stats.docx whose central directory gives a negative
    offset: zipfile opens it, seeking to the member failed with EINVAL (a bug-like reason)."""
    from esep.pipeline import process_file
    (tmp_path / "in").mkdir()
    made = {p.name: p for p in mutants(tmp_path / "in")}
    ex = process_file(made["ngo_kk_stats_m4.docx"])
    assert (ex.document.status, ex.document.error) == (
        "failed", "DOCX is damaged: [Content_Types].xml cannot be inflated (bad local file header offset)")
