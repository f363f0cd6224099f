"""Old and other office formats (.doc, .rtf, .odt): LibreOffice -> .docx -> `read_docx`.

A persistent LibreOffice listener (``soffice --accept=...``) needs a UNO client
to send it work, and the ``uno`` module is not importable from esep's Python
(pyenv, no python3-uno). So the converter batches instead: one
``soffice --convert-to docx`` run converts many files (starting costs a
second or more, each further file a fraction of that), with a private
profile that is reused across runs so that only the first start pays for
creating it (LibreOffice restarts once after making a profile).

`batch_converter(paths)` converts a batch's office files up front (the
pipeline does this before forking its workers, which find the conversions
ready); without it `read_office` converts file by file, which is correct but
pays the start-up for every file.

No soffice outlives its converter: it runs in its own process group, killed
whole on a timeout, and on Linux under a ``sh`` guard that the kernel
signals when the converting process dies (``PR_SET_PDEATHSIG``), even by
SIGKILL, and that then kills the group. soffice itself is a launcher whose
soffice.bin would survive it.
"""
from __future__ import annotations

import atexit
import hashlib
import multiprocessing.util
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from esep.lifetime import PRCTL, die_with_parent
from esep.model import Document
from esep.readers.base import ReaderError
from esep.readers.docx import read_docx
from esep.readers.sniff import sniff

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PATHS = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                 "/Applications/LibreOffice.app/Contents/MacOS/soffice")
MISSING = "LibreOffice (soffice) is not installed; needed for .doc files"
NOT_CONVERTED = "LibreOffice could not convert the file (damaged or password-protected?)"
DOCX = "docx"  # sniff result: an OOXML Word file under an old name, read directly
# The import filter for each type LibreOffice reads for us. Naming the filter
# matters: left to detect, LibreOffice imports random bytes as (garbage) plain
# text instead of failing. Word's HTML / XML / MHT "documents" it detects well.
FILTERS = {"doc": "MS Word 97", "rtf": "Rich Text Format", "odt": "writer8", "html": None}
# The guard: kill the whole group (soffice, oosplash, soffice.bin) when signalled.
GUARD = 'trap "kill -9 0" TERM HUP; "$@" & wait $!'


@dataclass(frozen=True)
class OfficeSettings:
    timeout: float = 60.0  # seconds for one file
    batch_timeout_per_file: float = 10.0  # a batch run gets timeout + this per extra file
    soffice: str | None = None  # path to soffice; found on PATH when None
    run_files: int = 20  # files per soffice run: a crash or a hang costs one run's retries


def find_soffice(hint: str | None = None) -> str:
    """Path of the soffice executable, or `ReaderError` when LibreOffice is missing."""
    if hint:
        if Path(hint).is_file() or shutil.which(hint):
            return shutil.which(hint) or hint
        raise ReaderError(MISSING)
    for name in SOFFICE_NAMES:
        if found := shutil.which(name):
            return found
    for p in SOFFICE_PATHS:
        if Path(p).is_file():
            return p
    raise ReaderError(MISSING)


def sniff_filter(path: Path) -> str | None:
    """The LibreOffice import filter for a file's content, ``DOCX``, or None to let LO detect."""
    kind = sniff(path).file_type
    if kind == DOCX:
        return DOCX
    if kind not in FILTERS:
        raise ReaderError("not an office document (unrecognised content)")
    return FILTERS[kind]


def file_key(path: Path) -> tuple[str, int, int]:
    """Cache key: the same file unchanged since it was converted."""
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def guarded(cmd: list[str]) -> tuple[list[str], Callable[[], None] | None]:
    """``cmd`` under the ``sh`` guard, and the preexec function that makes the kernel
    signal the guard when this thread's process dies; ``cmd`` itself off Linux."""
    if PRCTL is None or not Path("/bin/sh").is_file():
        return cmd, None
    parent = os.getpid()

    def guard() -> None:  # runs in the child between fork and exec
        die_with_parent(parent, signal.SIGTERM)
    return ["/bin/sh", "-c", GUARD, "esep-office-guard", *cmd], guard


def run_soffice(cmd: list[str], timeout: float) -> tuple[int, str]:
    """Run soffice in its own process group; on timeout (or Ctrl-C) kill the whole group.

    soffice is a launcher that forks soffice.bin; killing only the launcher
    would leave soffice.bin holding the profile lock.
    """
    cmd, preexec = guarded(cmd)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True, preexec_fn=preexec)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except BaseException:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise
    return proc.returncode, out.decode("utf-8", "replace")


def ipc_pipe(profile: Path) -> Path:
    """The socket soffice makes for a profile: /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<MD5 of the
    profile's URL in UTF-16LE, each byte in unpadded hex> (LibreOffice's officeipcthread).
    It is removed when soffice exits, and left behind when soffice is killed."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le")).digest()
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_{''.join(f'{b:x}' for b in digest)}"


def remove_ipc_pipes(folder: Path) -> None:
    """The sockets of the profiles in ``folder`` and in its forked children's folders."""
    if not hasattr(os, "getuid"):  # Windows: named pipes, gone with their process
        return
    for profile in [folder / "profile", *folder.glob("*/profile")]:
        try:
            ipc_pipe(profile).unlink()
        except OSError:  # none: soffice ended well, or never ran with this profile
            pass


class OfficeConverter:
    """Converts office files to .docx with LibreOffice, one private profile per converter.

    Thread-safe; not shared between processes (each process makes its own,
    since two soffice runs cannot share a profile). A converter made in a
    forked child from its parent's (``inherit``) reads the parent's finished
    conversions and keeps its own files inside the parent's folder, so the
    parent's `close` removes them even when the child was killed.
    """

    def __init__(self, settings: OfficeSettings = OfficeSettings(),
                 inherit: "OfficeConverter | None" = None):
        self.settings = settings
        self._soffice: str | None = inherit._soffice if inherit else None
        self._tmp: Path | None = None  # made on first conversion: most batches have no .doc
        self._parent_dir = inherit._tmp if inherit else None
        self._done: dict[tuple[str, int, int], Path] = dict(inherit._done) if inherit else {}
        self._failed: dict[tuple[str, int, int], str] = dict(inherit._failed) if inherit else {}
        self._runs = 0
        self._lock = threading.Lock()

    @property
    def soffice(self) -> str:
        if self._soffice is None:
            self._soffice = find_soffice(self.settings.soffice)
        return self._soffice

    @property
    def workdir(self) -> Path:
        """Private folder holding the LibreOffice profile and the converted files."""
        if self._tmp is None:
            inside = self._parent_dir if self._parent_dir and self._parent_dir.is_dir() else None
            self._tmp = Path(tempfile.mkdtemp(prefix="esep-office-", dir=inside))
        return self._tmp

    @property
    def runs(self) -> int:
        """How many times soffice has been started by this converter."""
        return self._runs

    def convert(self, path: Path) -> Path:
        """The .docx for ``path`` (converted now unless a batch already did it)."""
        path = Path(path)
        key = file_key(path)
        if key not in self._done and key not in self._failed:
            with self._lock:
                self._convert_batch({key: path}, sniff_filter(path))
        if key not in self._done:
            raise ReaderError(self._failed.get(key, NOT_CONVERTED))
        return self._done[key]

    def convert_many(self, paths: Iterable[Path]) -> None:
        """Convert the office files among ``paths`` (by content, whatever their names),
        ``run_files`` to a soffice run; retry one by one on failure."""
        groups: dict[str | None, dict] = {}
        for p in map(Path, paths):
            try:
                if not p.is_file() or file_key(p) in self._done:
                    continue
                kind = sniff(p).file_type
            except OSError:  # its reader will say why
                continue
            if kind in FILTERS:
                groups.setdefault(FILTERS[kind], {})[file_key(p)] = p
        size = max(1, self.settings.run_files)
        with self._lock:
            for infilter, todo in groups.items():
                items = list(todo.items())
                for k in range(0, len(items), size):
                    self._convert_group(dict(items[k:k + size]), infilter)

    def _convert_group(self, todo: dict, infilter: str | None) -> None:
        self._convert_batch(todo, infilter)
        if len(todo) > 1:  # one bad file must not fail its neighbours
            for key, p in todo.items():
                if key not in self._done:
                    self._convert_batch({key: p}, infilter)

    def _convert_batch(self, todo: dict[tuple[str, int, int], Path], infilter: str | None) -> None:
        self._runs += 1
        run_dir = self.workdir / f"run{self._runs}"
        in_dir, out_dir = run_dir / "in", run_dir / "out"
        in_dir.mkdir(parents=True)
        names = {}
        for i, (key, p) in enumerate(todo.items()):
            # Numbered names: inputs from different folders may share a name, and
            # odd characters in names confuse soffice's command line.
            link = in_dir / f"{i}{p.suffix.lower()}"
            try:
                link.symlink_to(p.resolve())
            except OSError:
                shutil.copyfile(p, link)
            names[key] = link
        self._run(list(names.values()), out_dir, todo, infilter)
        for key, link in names.items():
            out = out_dir / (link.stem + ".docx")
            if out.is_file() and out.stat().st_size > 0:
                self._done[key] = out
                self._failed.pop(key, None)
            else:
                self._failed.setdefault(key, NOT_CONVERTED)

    def _run(self, inputs: list[Path], out_dir: Path, todo: dict, infilter: str | None) -> None:
        s = self.settings
        timeout = s.timeout + s.batch_timeout_per_file * (len(inputs) - 1)
        profile = (self.workdir / "profile").as_uri()
        try:
            run_soffice([self.soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                         "--nolockcheck", *([f"--infilter={infilter}"] if infilter else []),
                         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir),
                         *map(str, inputs)], timeout)
            return
        except subprocess.TimeoutExpired:
            reason = f"LibreOffice conversion timed out after {timeout:.0f} s"
        except OSError as e:
            reason = f"cannot run LibreOffice ({e.strerror})"
        except ReaderError as e:  # not installed: each file's row says so, the batch goes on
            reason = str(e)
        for key in todo:
            self._failed[key] = reason

    def close(self) -> None:
        """Remove the profile and converted files (and the sockets of killed soffice runs)."""
        if self._tmp is not None:
            remove_ipc_pipes(self._tmp)
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None
        self._done.clear()
        self._failed.clear()

    def __enter__(self) -> "OfficeConverter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_default: OfficeConverter | None = None
_default_pid: int | None = None
_default_lock = threading.Lock()


def default_converter() -> OfficeConverter:
    """This process's shared converter, created on first use and removed at exit.

    A forked child gets its own (two soffice runs cannot share a profile),
    made from its parent's so that the batch's conversions are found.
    """
    global _default, _default_pid
    with _default_lock:
        if _default is None or _default_pid != os.getpid():
            parent = _default
            _default = OfficeConverter(parent.settings if parent else OfficeSettings(), parent)
            _default_pid = os.getpid()
            atexit.register(_default.close)
            # a multiprocessing child ends in os._exit: atexit never runs there
            multiprocessing.util.Finalize(_default, _default.close, exitpriority=0)
        return _default


@contextmanager
def batch_converter(paths: Iterable[Path], settings: OfficeSettings = OfficeSettings()
                    ) -> Iterator[OfficeConverter]:
    """This process's converter for one batch: its office files converted now, in as
    few soffice runs as `OfficeConverter.convert_many` makes; removed afterwards.

    Workers forked inside the block read the conversions without starting soffice.
    """
    global _default, _default_pid
    conv = OfficeConverter(settings)
    with _default_lock:
        saved, (_default, _default_pid) = (_default, _default_pid), (conv, os.getpid())
    try:
        try:
            conv.convert_many(paths)
        except OSError:  # e.g. no space for the conversions: each worker tries its own file
            pass
        yield conv
    finally:
        with _default_lock:
            _default, _default_pid = saved
        conv.close()


def read_office(path: Path, doc_id: str, converter: OfficeConverter | None = None) -> Document:
    """Read a .doc/.rtf/.odt (or Word HTML) file via LibreOffice; `file_type` is what
    the content is (``docx`` for a DOCX under an old name, read directly)."""
    path = Path(path)
    if not path.is_file():
        raise ReaderError("file not found")
    if path.stat().st_size == 0:
        raise ReaderError("file is empty")
    sniffed = sniff(path)
    kind = sniffed.file_type
    if kind == DOCX:  # a .docx saved under an old name needs no conversion
        doc = read_docx(path, doc_id)
    elif kind in FILTERS:
        docx_path = (converter or default_converter()).convert(path)
        try:
            doc = read_docx(docx_path, doc_id)
        except ReaderError as e:
            raise ReaderError(f"converted by LibreOffice but unreadable: {e}") from e
    else:
        what = f"looks like {sniffed.looks_like}" if sniffed.looks_like else "unrecognised content"
        raise ReaderError(f"not an office document ({what})")
    doc.source_path = str(path)
    # the conversion is implied by file_type; warnings are kept for problems (status partial)
    doc.file_type = kind
    return doc


__all__ = ["read_office", "OfficeConverter", "OfficeSettings", "batch_converter", "default_converter",
           "find_soffice"]
