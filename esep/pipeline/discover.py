"""Which files a batch reads: the inputs, expanded, filtered and ordered."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from esep.pipeline.remote import has_protocol, list_url
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


def _picked(url: str, under: str) -> bool:
    """A file a folder URL's listing keeps: the local walk's rules."""
    path, root = PurePosixPath(urlsplit(url).path), PurePosixPath(urlsplit(under).path)
    parts = path.relative_to(root).parts if path.is_relative_to(root) else (path.name,)
    return not any(part.startswith(".") for part in parts) and not is_temporary(path.name) \
        and file_type(Path(path.name)) is not None


def _remote(url: str) -> list[str]:
    try:
        found = list_url(url)
    except FileNotFoundError:
        raise InputError(f"no such file or folder: {url}") from None
    return found if found == [url] else [c for c in found if _picked(c, url)]


def discover(paths: Iterable[Path | str]) -> list[Path | str]:
    """The files to ingest: folders searched recursively for supported files,
    named files kept even with an unsupported suffix (so they are reported as
    failed, not silently dropped); sorted, each file once. An fsspec URL
    (``s3://bucket/2025/``) is listed the same way and its files stay URLs."""
    found: dict[Path | str, Path | str] = {}
    for p in paths:
        if has_protocol(p):
            found.update((c, c) for c in _remote(p))
            continue
        p = Path(p)
        if p.is_dir():
            candidates: Iterable[Path] = _walk(p)
        elif p.is_file():
            candidates = [] if is_temporary(p.name) else [p]
        else:
            raise InputError(f"no such file or folder: {p}")
        for c in candidates:
            found.setdefault(c.resolve(), c)
    return sorted(found.values(), key=lambda c: str(c))
