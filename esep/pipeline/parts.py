"""Tables carried from one state of OUT to the next as part files, not reloaded.

Seven tables (`CARRIED`: applications, indicators, demographics, amounts,
events, recipients, partners) are not changed by the batch-wide steps
(`esep.link`, `esep.audit.batch`) but for the ids the linking sets in the last
two, and they hold most of the rows (demographics alone half). An ingest into
an OUT that already holds documents does not load them: only the columns the
linking reads (names, speakers) and writes (ids) are read; each
table's new rows (this batch's documents) are written as one more part file,
and the parts of the previous state go into the new one as they are: hard-
linked when every row in them still belongs (a file of its own, not a copy),
or rewritten when some of their documents were processed again or the
linking changed their ids (an organisation's id changes when a new spelling
outnumbers its old one, rarely). So a small
increment into a big OUT costs what the increment holds, not what OUT holds.

A table is compacted into one part when it has more than `MAX_PARTS` files
(in Arrow, without building records), so years of small runs do not leave
thousands of files for every query to open.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from esep.pipeline.datamodel import Carried


@dataclass(frozen=True)
class Carry:
    """What the batch-wide steps need of a carried table."""

    reads: tuple[str, ...] = ()  # the columns read, into records that hold only them
    writes: tuple[str, ...] = ()  # of these, the ones linking sets: put back into the parts
    sparse: bool = False  # only the rows whose first read column (a list) is not empty


# The tables an increment does not load whole. Events: the speakers (people); recipients and
# partners: the names the linking reads and the ids it writes back (a part whose ids did not
# change is linked as it is, one whose ids did is rewritten with the new ones).
CARRIED: dict[str, Carry] = {
    "applications": Carry(), "indicators": Carry(), "demographics": Carry(), "amounts": Carry(),
    "events": Carry(("speakers",), sparse=True),
    "recipients": Carry(("name", "leader", "org_id", "leader_person_id"), ("org_id", "leader_person_id")),
    "partners": Carry(("partner", "leader", "partner_org_id"), ("partner_org_id",)),
}
MAX_PARTS = 8
_PART = re.compile(r"part-(\d+)\.parquet")


@dataclass(frozen=True)
class Part:
    """One part file of a table and the documents its rows belong to."""

    path: Path
    doc_ids: frozenset[str]
    schema: pa.Schema  # with its metadata: a part of an older schema version is rewritten


def part_files(folder: Path) -> list[Path]:
    """A table folder's part files, oldest first (by their number)."""
    found = [(int(m.group(1)), p) for p in folder.glob("part-*.parquet") if (m := _PART.fullmatch(p.name))]
    return [p for _, p in sorted(found)]


def next_part(paths: list[Path]) -> str:
    """The name of the part after ``paths`` (``part-0.parquet`` for none)."""
    n = max((int(_PART.fullmatch(p.name).group(1)) for p in paths), default=-1) + 1
    return f"part-{n}.parquet"


def read_part(path: Path, columns: list[str] | None = None) -> pa.Table:
    # ParquetFile, not pq.read_table: that one imports pyarrow.dataset and pandas (0.3 s)
    return pq.ParquetFile(path).read(columns=columns)


def parts_of(folder: Path) -> list[Part]:
    """Each part file of a table with the doc_ids in it (only that column is read)."""
    out = []
    for p in part_files(folder):
        f = pq.ParquetFile(p)
        out.append(Part(p, frozenset(f.read(columns=["doc_id"]).column("doc_id").to_pylist()), f.schema_arrow))
    return out


def conform(data: pa.Table, schema: pa.Schema) -> pa.Table:
    """``data`` in ``schema``: a column it lacks is null, one the schema lacks is dropped
    (what `esep.schemas.contract.from_arrow` does for the records of an older output)."""
    columns = [data.column(f.name).cast(f.type) if f.name in data.column_names
               else pa.nulls(data.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def same_schema(a: pa.Schema, b: pa.Schema) -> bool:
    """Same columns and types and the same schema version (Parquet names a list's item
    "element" where Arrow says "item": not a difference)."""
    return a.equals(b) and a.metadata == b.metadata


def kept_rows(part: Part, keep: frozenset[str], schema: pa.Schema, writes: tuple[str, ...] = (),
              records: list | None = None) -> pa.Table | None:
    """The rows of a part whose documents are in ``keep``, in ``schema``, the ``writes``
    columns taken from ``records`` (the part's rows as loaded, linked since); None when none."""
    if not part.doc_ids & keep:
        return None
    data = read_part(part.path)
    mask = pc.is_in(data.column("doc_id"), pa.array(sorted(keep), pa.string()))
    data = conform(data.filter(mask), schema)
    if records is not None:
        kept = [r for r, m in zip(records, mask.to_pylist()) if m]
        for name in writes:
            i = schema.get_field_index(name)
            values = pa.array([getattr(r, name) for r in kept], schema.field(i).type)
            data = data.set_column(i, schema.field(i), values)
    return data


def ids_unchanged(part: Part, writes: tuple[str, ...], records: list | None) -> bool:
    """Whether the linking left the ``writes`` columns of a part as they are in its file."""
    if not writes or records is None:
        return True
    if not all(name in part.schema.names for name in writes):
        return False
    data = read_part(part.path, list(writes))
    return all(data.column(n).to_pylist() == [getattr(r, n) for r in records] for n in writes)


def read_carried(folder: Path, table: str, carry: Carry, from_arrow) -> tuple[list, dict[str, list]]:
    """The records of a carried table with only ``carry.reads`` (all rows, or the sparse ones),
    and for a table whose ids the linking writes, each part's records in its row order."""
    rows: list = []
    by_part: dict[str, list] = {}
    for p in part_files(folder / table) if (folder / table).is_dir() else []:
        names = pq.ParquetFile(p).schema_arrow.names
        data = read_part(p, [c for c in ("doc_id", *carry.reads) if c in names])
        if carry.sparse and carry.reads[0] in names:
            data = data.filter(pc.invert(pc.equal(pc.list_value_length(data.column(carry.reads[0])), 0)))
        records = from_arrow(table, data)
        rows += records
        if carry.writes:
            by_part[str(p)] = records
    return rows, by_part


def link_or_copy(src: Path, dst: Path) -> None:
    """``dst`` as a second name of ``src`` (same file system: OUT's sibling); a copy where
    hard links are not supported."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


def carry_table(table: str, src: Path, dst: Path, carried: Carried, new_rows: pa.Table, write) -> None:
    """Into the empty folder ``dst``: the parts of ``src`` still wholly current linked,
    the others rewritten (their documents' rows still carried, their ids as linked now),
    ``new_rows`` as one part more (compacted past MAX_PARTS). ``write(table, path)`` writes
    and fsyncs one file."""
    writes = carried.tables[table]
    parts = parts_of(src) if src.is_dir() else []
    schema = new_rows.schema
    records = {p.path: carried.patches.get(str(p.path)) for p in parts}
    whole = [p for p in parts if p.doc_ids <= carried.doc_ids and same_schema(p.schema, schema)
             and ids_unchanged(p, writes, records[p.path])]
    if len(parts) + 1 > MAX_PARTS:
        whole = []
    pieces = [kept_rows(p, carried.doc_ids, schema, writes, records[p.path]) for p in parts if p not in whole]
    pieces = [t for t in pieces if t is not None and t.num_rows]
    for p in whole:
        link_or_copy(p.path, dst / p.path.name)
    rows = pa.concat_tables([*pieces, new_rows]) if pieces else new_rows
    if rows.num_rows or not whole:  # a table keeps a file with its schema, even when empty
        write(rows, dst / next_part([p.path for p in parts]))
