"""The pipeline's own types: jobs, the dataset an output folder holds, its manifest."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from esep.records import Extraction, OrganizationRow, PersonRow
from esep.schemas.contract import FACT_TABLES, INTERNAL
from esep.schemas.manifest import BatchStats, Manifest, ManifestDoc  # noqa: F401 - re-exported

if TYPE_CHECKING:  # the linker's modules load only where linking happens
    from esep.link import LinkState


@dataclass(frozen=True)
class Job:
    """One file to process, with its already computed doc_id."""

    path: Path
    doc_id: str


@dataclass(frozen=True)
class Carried:
    """Tables not loaded from an output folder (`esep.pipeline.parts`): the rows of the
    documents in ``doc_ids`` stay in ``out``'s part files, not in their records."""

    out: Path
    tables: dict[str, tuple[str, ...]]  # table -> the columns the linking sets in it (ids)
    doc_ids: frozenset[str]
    # part file -> its rows' records as loaded (only the columns the linking reads and
    # writes), for the tables whose ids the linking sets: the ids are put back from them
    patches: dict[str, list] = field(default_factory=dict, compare=False, hash=False)

    def without(self, doc_ids: set[str]) -> "Carried":
        """The same with these documents' rows taken from their records instead."""
        return Carried(self.out, self.tables, self.doc_ids - doc_ids, self.patches)


@dataclass
class Dataset:
    """The complete content of an output folder: every document's records and
    the organisations and people linked across all of them (``carried``: the tables
    whose rows of earlier documents were left in OUT, not loaded)."""

    extractions: list[Extraction] = field(default_factory=list)
    organizations: list[OrganizationRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    carried: Carried | None = None
    link_state: LinkState | None = None  # the clustering to keep for the next run

    def rows(self, table: str) -> list[Any]:
        """The records of one table (contract or internal), documents in dataset order."""
        if table == "documents":
            return [ex.document for ex in self.extractions]
        if table in FACT_TABLES:
            return [r for ex in self.extractions for r in getattr(ex, table)]
        if table in INTERNAL:  # a list field, or one optional record per document
            values = (getattr(ex, table) for ex in self.extractions)
            if INTERNAL[table][1]:
                return [r for v in values for r in v]
            return [v for v in values if v is not None]
        return list(getattr(self, table))


@dataclass
class BatchResult:
    """What `ingest` reports back: this batch's extractions and the whole folder."""

    out: Path
    processed: list[Extraction]
    skipped: list[Path]
    documents: int  # in OUT after the run
    resumed: int = 0  # of the processed, committed by an interrupted run and taken as done
    loaded: Dataset | None = None  # None after a run that changed nothing: read on demand
    where: str | None = None  # the URL OUT was published to (`out` is then this host's working copy)

    @property
    def dataset(self) -> Dataset:
        """Everything OUT holds (read back from OUT when the run did not need it)."""
        if self.loaded is None:
            from esep.pipeline.writer import load_dataset  # the writer imports this module
            self.loaded = load_dataset(self.out)
        return self.loaded
