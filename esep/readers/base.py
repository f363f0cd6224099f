"""What all readers share: the error they raise and file hashing."""
from __future__ import annotations

import hashlib
from pathlib import Path


class ReaderError(Exception):
    """A file that cannot be read: the message says why, in plain words."""


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()
