"""Commits in chunks: a long batch keeps what it has done when it is killed.

While a batch runs, its finished documents are committed every N documents
or M seconds as a chunk in ``.OUT.staged/`` beside OUT (the lock's folder):
one folder per chunk, its tables written in full and fsynced under a
temporary name and then renamed, so a chunk is there whole or not at all.
A run that dies (SIGKILL, power cut, Ctrl-C) leaves its chunks behind; the
next run over the same files takes their documents as done instead of
processing them again, and publishes them into OUT with its own. Once OUT
holds them (the atomic swap at the end of a run) the chunks are removed.

A chunk written by another esep version, or with other extractor versions,
is not trusted: its documents are processed again.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from esep import __version__
from esep.pipeline.datamodel import Dataset
from esep.pipeline.writer import fsync_path, load_dataset, write_tables
from esep.records import Extraction
from esep.schemas.contract import FACT_TABLES
from esep.versions import VERSIONS

DEFAULT_EVERY = 100  # documents
DEFAULT_SECONDS = 60.0
STAMP = "chunk.json"


def staging_dir(out: Path) -> Path:
    """``.OUT.staged`` beside OUT, where the lock file is."""
    out = Path(out)
    return out.parent / f".{out.name}.staged"


def _stamp() -> dict:
    return {"esep_version": __version__, "extractors": dict(VERSIONS)}


def write_chunk(folder: Path, extractions: list[Extraction]) -> Path:
    """One chunk, atomically: written whole under a temporary name, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"chunk-{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    tmp = folder / f".tmp-{name}"
    tmp.mkdir()
    write_tables(tmp, Dataset(list(extractions)), ("documents", *FACT_TABLES))
    stamp = dict(_stamp(), documents=[ex.document.doc_id for ex in extractions])
    (tmp / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    fsync_path(tmp / STAMP)
    fsync_path(tmp)
    os.rename(tmp, folder / name)
    fsync_path(folder)
    return folder / name


def _trusted(chunk: Path) -> bool:
    try:
        stamp = json.loads((chunk / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return {k: stamp.get(k) for k in ("esep_version", "extractors")} == _stamp()


def load_staged(out: Path) -> dict[str, Extraction]:
    """doc_id -> extraction of every document the chunks of an unfinished run hold.
    A chunk that cannot be read, or was written by other versions, is left out."""
    folder = staging_dir(out)
    if not folder.is_dir():
        return {}
    found: dict[str, Extraction] = {}
    for chunk in sorted(folder.glob("chunk-*")):
        if not _trusted(chunk):
            continue
        try:
            exs = load_dataset(chunk).extractions
        except Exception:  # noqa: BLE001 - a damaged chunk costs its documents, nothing more
            continue
        found.update((ex.document.doc_id, ex) for ex in exs)
    return found


def clear_staged(out: Path) -> None:
    """Remove the chunks: OUT holds their documents now."""
    shutil.rmtree(staging_dir(out), ignore_errors=True)


@dataclass
class Stager:
    """Collects finished documents and commits them as a chunk every ``every``
    documents or ``seconds`` seconds, whichever comes first."""

    out: Path
    every: int = DEFAULT_EVERY
    seconds: float = DEFAULT_SECONDS
    pending: list[Extraction] = field(default_factory=list)
    chunks: int = 0
    last: float = field(default_factory=time.monotonic)

    def add(self, ex: Extraction) -> None:
        self.pending.append(ex)
        if len(self.pending) >= self.every or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Commit what is pending (nothing to do when nothing is)."""
        if self.pending:
            write_chunk(staging_dir(self.out), self.pending)
            self.chunks += 1
        self.pending, self.last = [], time.monotonic()
