"""Read and write an output folder: one Parquet dataset per table, a manifest,
and an atomic swap so that OUT is always a complete state.

Atomicity. The new state is written in full to a sibling folder
``OUT.tmp-<id>`` (same file system), every file and folder fsynced, and then
swapped with OUT in one step by ``renameat2(RENAME_EXCHANGE)`` (Linux ≥ 3.15).
Where the exchange is not available, OUT is renamed to ``OUT.old-<id>`` and
the new folder renamed to OUT: two renames, with one short window between
them in which OUT does not exist; `recover` at the start of the next run
puts ``OUT.old-<id>`` back. Leftover ``OUT.tmp-*``/``OUT.old-*`` folders are
removed by `recover` too. A lock file ``.OUT.lock`` beside OUT keeps two
runs from writing the same folder at once.
"""
from __future__ import annotations

import ctypes
import glob
import json
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import asdict, fields
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from esep import __version__
from esep.versions import VERSIONS
from esep.pipeline.datamodel import BatchStats, Carried, Dataset, Manifest, ManifestDoc
from esep.schemas.manifest import MANIFEST, read_manifest  # noqa: F401 - the pipeline's callers import them here
from esep.pipeline.parts import Carry, carry_table, part_files, read_carried, read_part
from esep.records import Extraction
from esep.schemas.contract import (
    FACT_TABLES, INTERNAL, SCHEMA_VERSION, TABLES, from_arrow, to_arrow,
)

INTERNAL_DIR = "_internal"  # records kept for later runs, not part of the contract
PART = "part-0.parquet"


class OutputError(Exception):
    """OUT cannot be used: not an esep folder, or another run is writing it."""


# --- reading -----------------------------------------------------------------

def _read_table(folder: Path, table: str) -> list:
    path = folder / table
    if not path.is_dir():
        return []
    if any(p.is_dir() for p in path.iterdir()):  # hive-partitioned by hand: the general reader
        import pyarrow.dataset as ds  # on use: it costs 0.3 s (it imports pandas)
        return from_arrow(table, ds.dataset(path, format="parquet", partitioning="hive").to_table())
    # part by part: parts of an older schema version may differ in their columns
    return [row for p in part_files(path) for row in from_arrow(table, read_part(p))]


def load_dataset(out: Path, carry: dict[str, Carry] | None = None) -> Dataset:
    """Every record an output folder holds, regrouped into one `Extraction` per document.
    The tables in ``carry`` stay in OUT (`Dataset.carried`, `esep.pipeline.parts`): of each
    only the columns its `Carry` names are read, into records that are never written."""
    out, carry = Path(out), carry or {}
    by_doc = {d.doc_id: Extraction(document=d) for d in _read_table(out, "documents")}
    patches: dict[str, list] = {}
    for table in FACT_TABLES:
        if table in carry and not carry[table].reads:
            continue
        if table in carry:
            rows, by_part = read_carried(out, table, carry[table], from_arrow)
            patches.update(by_part)
        else:
            rows = _read_table(out, table)
        for row in rows:
            if row.doc_id in by_doc:  # a row without its document would be an orphan
                getattr(by_doc[row.doc_id], table).append(row)
    for name, (_, is_list) in INTERNAL.items():
        for row in _read_table(out / INTERNAL_DIR, name):
            ex = by_doc.get(row.doc_id)
            if ex is not None and is_list:
                getattr(ex, name).append(row)
            elif ex is not None:
                setattr(ex, name, row)
    carried = Carried(out, {t: c.writes for t, c in carry.items()}, frozenset(by_doc), patches) if carry else None
    return Dataset(list(by_doc.values()), _read_table(out, "organizations"), _read_table(out, "people"),
                   carried)


# --- writing -----------------------------------------------------------------

def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_file(data: pa.Table, path: Path) -> None:
    pq.write_table(data, path, compression="zstd")
    fsync_path(path)


def write_table(folder: Path, table: str, dataset: Dataset) -> None:
    """<folder>/<table>/part-0.parquet with the table's schema (also when empty); a table
    the dataset carries: its earlier parts and a part of the records' rows."""
    (folder / table).mkdir(parents=True)
    carried = dataset.carried
    if carried is not None and table in carried.tables:  # a carried document's rows: its old parts'
        rows = to_arrow(table, [r for r in dataset.rows(table) if r.doc_id not in carried.doc_ids])
        carry_table(table, carried.out / table, folder / table, carried, rows, write_file)
    else:
        write_file(to_arrow(table, dataset.rows(table)), folder / table / PART)
    fsync_path(folder / table)


def write_tables(folder: Path, dataset: Dataset, tables: tuple[str, ...]) -> None:
    """The given contract tables and every internal one, each fsynced, into ``folder``."""
    for table in tables:
        write_table(folder, table, dataset)
    for name in INTERNAL:
        write_table(folder / INTERNAL_DIR, name, dataset)
    if dataset.link_state is not None:
        from esep.pipeline import link_state  # the linker's modules: not for a chunk's write
        link_state.save(folder / INTERNAL_DIR, dataset.link_state, write_file)
        for name in link_state.TABLES:
            fsync_path(folder / INTERNAL_DIR / name)
    fsync_path(folder / INTERNAL_DIR)


def make_manifest(dataset: Dataset, batch: BatchStats) -> Manifest:
    docs = [ManifestDoc(doc_id=ex.document.doc_id, source_path=ex.document.source_path,
                        sha256=ex.document.doc_id, status=ex.document.status,
                        error=ex.document.error) for ex in dataset.extractions]
    return Manifest(schema_version=SCHEMA_VERSION, esep_version=__version__,
                    written_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    documents=docs, batch=batch, extractors=dict(VERSIONS))


def manifest_dict(manifest: Manifest) -> dict:
    """`asdict` of the manifest, its documents taken as they are (flat records: `asdict`
    walks each one's fields, 0.25 s for 5 000 documents)."""
    out = {f.name: getattr(manifest, f.name) for f in fields(manifest)}
    out["documents"] = [dict(vars(d)) for d in manifest.documents]
    out["batch"] = asdict(manifest.batch)
    return out


def write_manifest(folder: Path, manifest: Manifest) -> None:
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest_dict(manifest), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    fsync_path(path)


def write_output(out: Path, dataset: Dataset, batch: BatchStats = BatchStats()) -> Manifest:
    """Replace OUT with ``dataset``, atomically: OUT is the old state or the new, never half."""
    out = Path(out)
    tmp = _sibling(out, "tmp")
    tmp.mkdir(parents=True)
    try:
        write_tables(tmp, dataset, TABLES)
        manifest = make_manifest(dataset, batch)
        write_manifest(tmp, manifest)
        fsync_path(tmp)
        swap_in(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone after a swap; debris after an error
    return manifest


# --- the swap and its recovery -----------------------------------------------

def _sibling(out: Path, kind: str) -> Path:
    return out.parent / f"{out.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_in(new: Path, out: Path) -> None:
    """Put the complete folder ``new`` at ``out``; the previous ``out`` ends up at ``new``
    (or is removed), to be deleted by the caller."""
    if not out.exists():
        os.rename(new, out)
    elif not _exchange(new, out):
        old = _sibling(out, "old")
        os.rename(out, old)
        # The one window: a crash here leaves no OUT; `recover` renames `old` back.
        os.rename(new, out)
        shutil.rmtree(old, ignore_errors=True)
    fsync_path(out.parent)


def _leftovers(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f"{glob.escape(out.name)}.{kind}-*"), key=lambda p: p.stat().st_mtime)


def recover(out: Path) -> None:
    """Undo what a crashed run left beside OUT: restore OUT.old-* if OUT is
    missing, remove unfinished OUT.tmp-* and superseded OUT.old-*."""
    out = Path(out)
    if not out.exists():
        complete = [p for p in _leftovers(out, "old") if (p / MANIFEST).is_file()]
        if complete:
            os.rename(complete[-1], out)
            fsync_path(out.parent)
    for p in _leftovers(out, "tmp") + _leftovers(out, "old"):
        shutil.rmtree(p, ignore_errors=True)


def check_writable(out: Path) -> None:
    """Refuse an OUT that holds something other than an esep output: the swap replaces it whole."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} is a file, not an output folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise OutputError(f"{out} is not empty and holds no {MANIFEST}; refusing to replace it")


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``.OUT.lock`` beside OUT for the duration of a run."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks, run unguarded
        yield
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.parent / f".{out.name}.lock", "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"another esep run is writing {out}") from None
        _HELD.add(f.fileno())
        try:
            yield
        finally:
            _HELD.discard(f.fileno())


# File descriptors of the output locks this process holds. A forked worker closes its
# copies at once (`drop_inherited_locks`): an flock belongs to the open file, so a copy
# left open in a worker would keep OUT locked after the run itself died.
_HELD: set[int] = set()


def drop_inherited_locks() -> None:
    """In a forked child: close the copies of the parent's lock files (the lock stays the parent's)."""
    for fd in list(_HELD):
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD.clear()
