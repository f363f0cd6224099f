"""An output folder at an fsspec URL (``s3://bucket/esep-out``, ``file:///mnt/share/out``).

Object stores have neither rename nor lock, so OUT at a URL is the published copy
of a working folder on this host:

1. the working folder is ``<cache>/<hash of the URL>/out`` (``ESEP_CACHE``, else
   ``~/.cache/esep/remote``), with its lock and committed chunks beside it as for
   a local OUT: a run killed mid-batch resumes from its chunks on this host;
2. pull: when the URL holds a state this host did not publish or pull last (another
   host published since), the working folder is replaced by a download of the URL;
3. the batch runs against the working folder (`esep.pipeline.run.ingest`);
4. publish, in two steps a crash may cut anywhere: every file of the new state is
   uploaded under ``URL/_publishing/`` and a ``COMPLETE`` marker after them; then
   each is copied into place, ``manifest.json`` last, and the staging deleted. The
   next run finds a complete ``_publishing/`` and finishes the copy first (roll
   forward); an incomplete one it deletes (the URL still holds the previous state).

One writer at a time per URL: nothing stops two hosts from publishing at once. A
reader that lists the URL during step 4 may see tables of two states; the manifest
names the complete one.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from esep.pipeline.datamodel import BatchResult
from esep.pipeline.remote import fsspec_module
from esep.pipeline.writer import MANIFEST, OutputError, locked

STAGING = "_publishing"
COMPLETE = "COMPLETE"
SYNCED = "synced.sha256"  # the manifest's hash this host last pulled or published


def cache_dir(url: str) -> Path:
    """This host's working folder for ``url`` (its parent holds the lock and the chunks)."""
    root = Path(os.environ.get("ESEP_CACHE") or Path.home() / ".cache" / "esep" / "remote")
    return root / hashlib.sha256(url.rstrip("/").encode()).hexdigest()[:16]


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _read(fs: Any, path: str) -> bytes | None:
    try:
        return fs.cat_file(path)
    except FileNotFoundError:
        return None


def _manifest_last(names: list[str]) -> list[str]:
    # the manifest names a complete state: it goes in after every table it describes
    return [n for n in names if n != MANIFEST] + [n for n in names if n == MANIFEST]


def _local_files(folder: Path) -> list[str]:
    """Relative names of every file under ``folder``, the manifest last."""
    return _manifest_last(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))


def _remote_files(fs: Any, root: str) -> list[str]:
    """Relative names of every file under ``root`` (the staging folder left out)."""
    if not fs.isdir(root):
        return []
    found = (p[len(root) + 1:] for p in fs.find(root))
    return sorted(n for n in found if n and not n.startswith(STAGING + "/"))


def _parent_made(fs: Any, path: str) -> str:
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    return path


def roll_forward(fs: Any, root: str) -> None:
    """Finish a publish a crash cut short, or drop one that had not finished uploading."""
    staging = f"{root}/{STAGING}"
    if not fs.exists(staging):
        return
    if fs.exists(f"{staging}/{COMPLETE}"):
        for name in _manifest_last([n for n in _remote_files(fs, staging) if n != COMPLETE]):
            fs.copy(f"{staging}/{name}", _parent_made(fs, f"{root}/{name}"))
    fs.rm(staging, recursive=True)


def pull(fs: Any, root: str, work: Path) -> None:
    """Make the working folder the URL's state, unless this host wrote or read that state last."""
    remote = _digest(_read(fs, f"{root}/{MANIFEST}"))
    synced = work.parent / SYNCED
    if remote is None:
        if _remote_files(fs, root):
            raise OutputError(f"{root} is not empty and holds no {MANIFEST}; refusing to replace it")
        return
    if synced.is_file() and synced.read_text() == remote and (work / MANIFEST).is_file():
        return
    shutil.rmtree(work, ignore_errors=True)
    for name in _remote_files(fs, root):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        fs.get_file(f"{root}/{name}", str(work / name))
    synced.write_text(remote)


def publish(fs: Any, root: str, work: Path) -> None:
    """Upload the working folder's state to the URL (see the module doc), unless it is there."""
    local = (work / MANIFEST).read_bytes()
    if _read(fs, f"{root}/{MANIFEST}") == local:
        return
    staging, names = f"{root}/{STAGING}", _local_files(work)
    for name in names:
        fs.put_file(str(work / name), _parent_made(fs, f"{staging}/{name}"))
    fs.pipe_file(f"{staging}/{COMPLETE}", b"")
    roll_forward(fs, root)
    for stale in set(_remote_files(fs, root)) - set(names):
        fs.rm(f"{root}/{stale}")
    (work.parent / SYNCED).write_text(_digest(local))


def at_url(url: str, run: Callable[[Path], BatchResult]) -> BatchResult:
    """``run`` against this host's working folder for ``url``, its result published there."""
    fs, root = fsspec_module("an --out URL needs").core.url_to_fs(url)
    root = root.rstrip("/")
    work = cache_dir(url) / "out"
    with _host_lock(work.parent):
        roll_forward(fs, root)
        pull(fs, root, work)
        result = run(work)
        if (work / MANIFEST).is_file():
            publish(fs, root, work)
    result.where = url
    return result


@contextmanager
def _host_lock(folder: Path) -> Iterator[None]:
    # Not the working folder's own lock: `ingest` takes that one inside.
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder / "url"):
        yield
