"""The clustering state of the last run (`esep.link.LinkState`), kept in OUT/_internal.

Four tables: ``person_spellings`` (every distinct person spelling in the order it was
placed, with its cluster), ``org_entries`` (every distinct organisation key and legal
form in the order first met, with its cluster's root and legal form), and the
readings of every printed name (``person_readings``, ``org_readings``), so that no
name of an earlier document is parsed again. A run that finds
them, written by the same esep and extractor versions, places its new names after
them, which is what one run over all the documents would do; any doubt (another
version, a missing or unreadable table) and the run clusters everything afresh.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from esep import __version__
from esep.link import LinkState
from esep.normalize.orgs import OrgName
from esep.normalize.people import PersonName
from esep.versions import VERSIONS

PEOPLE, ORGS, PERSON_READINGS, ORG_READINGS = "person_spellings", "org_entries", "person_readings", "org_readings"
TABLES = (PEOPLE, ORGS, PERSON_READINGS, ORG_READINGS)
_TEXT = ("name_norm", "surname", "given", "patronymic", "key")
_STAMP = b"esep.link_state"


def stamp() -> bytes:
    return json.dumps({"esep_version": __version__, "extractors": VERSIONS}, sort_keys=True).encode()


def people_table(state: LinkState) -> pa.Table:
    placed = state.people.placed
    columns = {k: pa.array([getattr(p, k) for p in placed], pa.string()) for k in _TEXT}
    columns["cluster"] = pa.array(list(placed.values()), pa.int64())
    return _stamped(columns)


def orgs_table(state: LinkState) -> pa.Table:
    rows = state.orgs.saved()
    names = ("key", "form", "root", "root_form")
    types = (pa.string(), pa.string(), pa.int64(), pa.string())
    return _stamped({n: pa.array([r[i] for r in rows], t) for i, (n, t) in enumerate(zip(names, types))})


def _stamped(columns: dict[str, pa.Array]) -> pa.Table:
    return pa.table(columns).replace_schema_metadata({_STAMP: stamp()})


def person_readings_table(state: LinkState) -> pa.Table:
    readings = state.people.readings
    columns = {"raw": pa.array(list(readings), pa.string())}
    columns.update({k: pa.array([getattr(p, k) for p in readings.values()], pa.string()) for k in _TEXT})
    return _stamped(columns)


def org_readings_table(state: LinkState) -> pa.Table:
    readings = state.orgs.readings
    columns = {"raw": pa.array(list(readings), pa.string())}
    columns.update({k: pa.array([getattr(o, k) for o in readings.values()], pa.string())
                    for k in ("name", "name_norm", "legal_form")})
    return _stamped(columns)


def save(folder: Path, state: LinkState, write) -> None:
    """The tables into ``folder`` (OUT's _internal) with ``write(table, path)``."""
    made = (people_table, orgs_table, person_readings_table, org_readings_table)
    for name, make in zip(TABLES, made):
        (folder / name).mkdir(parents=True)
        write(make(state), folder / name / "part-0.parquet")


def _read(folder: Path, name: str) -> pa.Table | None:
    path = folder / name / "part-0.parquet"
    try:
        data = pq.ParquetFile(path).read()
    except (OSError, pa.ArrowException):
        return None
    return data if (data.schema.metadata or {}).get(_STAMP) == stamp() else None


def load(folder: Path) -> LinkState | None:
    """The state kept in ``folder`` (OUT's _internal), or None when there is none to trust."""
    tables = [_read(folder, name) for name in TABLES]
    if any(t is None for t in tables):
        return None
    people, orgs, person_readings, org_readings = tables
    state = LinkState()
    try:
        for values, cluster in zip(_rows(people, _TEXT), people.column("cluster").to_pylist()):
            state.people.restore(PersonName(*values), cluster)
        for row in _rows(orgs, ("key", "form", "root", "root_form")):
            state.orgs.restore(*row)
        state.people.readings = {raw: PersonName(*values) for raw, *values in _rows(person_readings, ("raw", *_TEXT))}
        state.orgs.readings = {raw: OrgName(*values) for raw, *values in
                               _rows(org_readings, ("raw", "name", "name_norm", "legal_form"))}
    except (KeyError, IndexError, ValueError, TypeError):  # not as this module writes it: start afresh
        return None
    return state


def _rows(table: pa.Table, columns: tuple[str, ...]):
    return zip(*(table.column(k).to_pylist() for k in columns))
