"""Which files a batch reads: the inputs, expanded, filtered and ordered."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator

from esep.readers import file_type


class InputError(Exception):
    """An input path that does not exist: a usage error, not a failed document."""


def is_temporary(name: str) -> bool:
    """Lock and backup files editors leave beside documents (``~$x.docx``,
    ``.~lock.x.odt#``, ``x.docx~``): never reports, often unreadable."""
    return name.startswith(("~$", ".~lock")) or name.endswith(("~", "#"))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        # Hidden folders (.git, .venv, an earlier esep output's temp) hold no reports.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = Path(root, name)
            if not name.startswith(".") and not is_temporary(name) and file_type(path):
                yield path


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """The files to ingest: folders searched recursively for supported files,
    named files kept even with an unsupported suffix (so they are reported as
    failed, not silently dropped); sorted, each file once."""
    found: dict[Path, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            candidates: Iterable[Path] = _walk(p)
        elif p.is_file():
            candidates = [] if is_temporary(p.name) else [p]
        else:
            raise InputError(f"no such file or folder: {p}")
        for c in candidates:
            found.setdefault(c.resolve(), c)
    return sorted(found.values(), key=lambda c: str(c))
