"""The clustering state of the last run (`esep.link.LinkState`), kept in OUT/_internal.

Two tables: ``person_spellings`` (every distinct person spelling in the order it was
placed, with its cluster) and ``org_entries`` (every distinct organisation key and legal
form in the order first met, with its cluster's root and legal form). A run that finds
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
from esep.normalize.people import PersonName
from esep.versions import VERSIONS

PEOPLE, ORGS = "person_spellings", "org_entries"
_TEXT = ("name_norm", "surname", "given", "patronymic", "key")
_STAMP = b"esep.link_state"


def stamp() -> bytes:
    return json.dumps({"esep_version": __version__, "extractors": VERSIONS}, sort_keys=True).encode()


def people_table(state: LinkState) -> pa.Table:
    placed = state.people.placed
    columns = {k: pa.array([getattr(p, k) for p in placed], pa.string()) for k in _TEXT}
    columns["cluster"] = pa.array(list(placed.values()), pa.int64())
    return pa.table(columns).replace_schema_metadata({_STAMP: stamp()})


def orgs_table(state: LinkState) -> pa.Table:
    rows = state.orgs.saved()
    names = ("key", "form", "root", "root_form")
    types = (pa.string(), pa.string(), pa.int64(), pa.string())
    columns = {n: pa.array([r[i] for r in rows], t) for i, (n, t) in enumerate(zip(names, types))}
    return pa.table(columns).replace_schema_metadata({_STAMP: stamp()})


def save(folder: Path, state: LinkState, write) -> None:
    """Both tables into ``folder`` (OUT's _internal) with ``write(table, path)``."""
    for name, table in ((PEOPLE, people_table(state)), (ORGS, orgs_table(state))):
        (folder / name).mkdir(parents=True)
        write(table, folder / name / "part-0.parquet")


def _read(folder: Path, name: str) -> pa.Table | None:
    path = folder / name / "part-0.parquet"
    try:
        data = pq.ParquetFile(path).read()
    except (OSError, pa.ArrowException):
        return None
    return data if (data.schema.metadata or {}).get(_STAMP) == stamp() else None


def load(folder: Path) -> LinkState | None:
    """The state kept in ``folder`` (OUT's _internal), or None when there is none to trust."""
    people, orgs = _read(folder, PEOPLE), _read(folder, ORGS)
    if people is None or orgs is None:
        return None
    state = LinkState()
    try:
        columns = [people.column(k).to_pylist() for k in _TEXT]
        for values, cluster in zip(zip(*columns), people.column("cluster").to_pylist()):
            state.people.restore(PersonName(*values), cluster)
        for row in zip(*(orgs.column(k).to_pylist() for k in ("key", "form", "root", "root_form"))):
            state.orgs.restore(*row)
    except (KeyError, IndexError, ValueError):  # not as this module writes it: start afresh
        return None
    return state
