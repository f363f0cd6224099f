"""OUT/manifest.json: what an output folder holds, read without the pipeline.

Its types live here, below the pipeline that writes it (`esep.pipeline.writer`),
so that a reader of OUT such as `esep audit` (`esep.audit.report`) needs no
pipeline module: the pipeline calls the audit, not the other way round.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class ManifestDoc:
    """A document as the manifest lists it."""

    doc_id: str
    source_path: str
    sha256: str
    status: str
    error: str | None = None


@dataclass(frozen=True)
class BatchStats:
    """What the last batch did to the output folder."""

    added: int = 0  # documents new to the folder
    replaced: int = 0  # documents processed again (--force, or failed before)
    skipped: int = 0  # already ingested with these bytes, or a duplicate in the batch
    failed: int = 0


@dataclass(frozen=True)
class Manifest:
    """OUT/manifest.json."""

    schema_version: str
    esep_version: str
    written_at: str  # UTC, ISO 8601
    documents: list[ManifestDoc]
    batch: BatchStats = BatchStats()
    # the versioned names of the extractors that wrote the latest batch ("events@1")
    extractors: dict[str, str] = field(default_factory=dict)


def read_manifest(out: Path) -> Manifest | None:
    """OUT/manifest.json, or None when OUT holds no output yet."""
    path = Path(out) / MANIFEST
    if not path.is_file():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    docs = [ManifestDoc(**d) for d in raw.get("documents", [])]
    return Manifest(schema_version=raw["schema_version"], esep_version=raw["esep_version"],
                    written_at=raw["written_at"], documents=docs,
                    batch=BatchStats(**raw.get("batch", {})), extractors=raw.get("extractors", {}))
