"""Inputs named by fsspec URLs (``s3://bucket/2025/``, ``file:///shared/x.pdf``).

A URL stays a string all the way to the documents row (`pathlib.Path` would fold
its ``//``). The batch lists and hashes URLs here, in the calling process; a Dask
task copies its file to a local temporary file (`localized`) for the readers.
fsspec comes with the dask extra; S3 needs s3fs as well.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any, Iterator
from urllib.parse import urlsplit

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
INSTALL_HINT = "pip install 'esep[dask]'"


def has_protocol(path: str | os.PathLike) -> bool:
    """Whether a path is an fsspec URL (``s3://b/x.pdf``, ``file:///x.pdf``) rather than a local path."""
    return isinstance(path, str) and bool(_URL.match(path))


def fsspec_module(what: str = "URL inputs need") -> Any:
    """The fsspec module; without it an `InputError` saying what needed it (``what``)."""
    try:
        import fsspec
    except ImportError:
        from esep.pipeline.discover import InputError
        raise InputError(f"{what} fsspec: {INSTALL_HINT}") from None
    return fsspec


def suffix(url: str) -> str:
    """The file name's suffix of a URL (``.pdf``), what the readers go by."""
    return PurePosixPath(urlsplit(url).path).suffix


def list_url(url: str) -> list[str]:
    """The file at ``url``, or the files under it (recursively): URLs, as fsspec names them.
    FileNotFoundError when there is nothing there."""
    fs, root = fsspec_module().core.url_to_fs(url)
    if fs.isdir(root):
        return [fs.unstrip_protocol(name) for name in fs.find(root)]
    if fs.isfile(root):
        return [url]
    raise FileNotFoundError(url)


def sha256_url(url: str, chunk: int = 1 << 20) -> str:
    """The content hash of the file at ``url`` (read once, in chunks)."""
    h = hashlib.sha256()
    with fsspec_module().open(url, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


@contextmanager
def localized(path: str | os.PathLike) -> Iterator[Path]:
    """A local file with the content of ``path``: the path itself, or for a URL a
    temporary copy with the same suffix, deleted afterwards."""
    if not has_protocol(path):
        yield Path(path)
        return
    fd, tmp = tempfile.mkstemp(prefix="esep-", suffix=suffix(str(path)))
    try:
        with os.fdopen(fd, "wb") as out, fsspec_module().open(path, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
        yield Path(tmp)
    finally:
        os.unlink(tmp)
