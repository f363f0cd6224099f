"""The batch pipeline: discover files, process each in isolation, write Parquet atomically.

`ingest` is imported on first use: it runs the batch-wide audit (`esep.audit.batch`), and
the audit's own reader of OUT (`esep.audit.report`) imports `esep.pipeline.writer`, which
would otherwise import the audit back through this package.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from esep.pipeline.discover import InputError, discover
from esep.pipeline.process import process_file

if TYPE_CHECKING:
    from esep.pipeline.run import ingest

__all__ = ["InputError", "discover", "ingest", "process_file"]


def __getattr__(name: str) -> Any:
    if name == "ingest":
        from esep.pipeline.run import ingest
        return ingest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
