"""Old and other office formats (.doc, .rtf, .odt): LibreOffice -> .docx -> `read_docx`.

A persistent LibreOffice listener (``soffice --accept=...``) needs a UNO client
to send it work, and the ``uno`` module is not importable from esep's Python
(pyenv, no python3-uno). So the converter batches instead: one
``soffice --convert-to docx`` run converts many files (a run costs ~1 s
whether it converts one file or ten), with a private profile that is reused
across runs so that only the first start pays for creating it.

Use ``default_converter().convert_many(paths)`` once before reading a batch;
`read_office` then finds each conversion ready. Without that it converts
file by file, which is correct but pays the start-up for every file.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from esep.model import Document
from esep.readers.base import ReaderError
from esep.readers.docx import read_docx

OFFICE_SUFFIXES = {".doc", ".rtf", ".odt"}
SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PATHS = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
                 "/Applications/LibreOffice.app/Contents/MacOS/soffice")
MISSING = "LibreOffice (soffice) is not installed; needed for .doc files"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_CONVERTED = "LibreOffice could not convert the file (damaged or password-protected?)"
DOCX = "docx"  # sniff result: an OOXML Word file under an old name, read directly


@dataclass(frozen=True)
class OfficeSettings:
    timeout: float = 60.0  # seconds for one file
    batch_timeout_per_file: float = 10.0  # a batch run gets timeout + this per extra file
    soffice: str | None = None  # path to soffice; found on PATH when None


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
    """The LibreOffice import filter for a file's content, ``DOCX``, or None to let LO detect.

    Naming the filter matters: left to detect, LibreOffice imports random
    bytes as (garbage) plain text instead of failing.
    """
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(OLE_MAGIC):
        return "MS Word 97"
    if head.lstrip().startswith(b"{\\rtf"):
        return "Rich Text Format"
    if head.startswith(b"PK"):
        return DOCX if b"word/" in head or b"[Content_Types].xml" in head else "writer8"
    low = head.lstrip(b"\xef\xbb\xbf \r\n\t").lower()
    if low.startswith((b"<html", b"<!doctype", b"<?xml", b"mime-version")):
        return None  # Word's HTML / XML / MHT "documents": LibreOffice detects these well
    raise ReaderError("not an office document (unrecognised content)")


def file_key(path: Path) -> tuple[str, int, int]:
    """Cache key: the same file unchanged since it was converted."""
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def run_soffice(cmd: list[str], timeout: float) -> tuple[int, str]:
    """Run soffice in its own process group; on timeout kill the whole group.

    soffice is a launcher that forks soffice.bin; killing only the launcher
    would leave soffice.bin holding the profile lock.
    """
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise
    return proc.returncode, out.decode("utf-8", "replace")


class OfficeConverter:
    """Converts office files to .docx with LibreOffice, one private profile per converter.

    Thread-safe; not shared between processes (each process makes its own,
    since two soffice runs cannot share a profile).
    """

    def __init__(self, settings: OfficeSettings = OfficeSettings()):
        self.settings = settings
        self._soffice: str | None = None
        self._tmp: Path | None = None  # made on first conversion: most batches have no .doc
        self._done: dict[tuple[str, int, int], Path] = {}
        self._failed: dict[tuple[str, int, int], str] = {}
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
            self._tmp = Path(tempfile.mkdtemp(prefix="esep-office-"))
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
        """Convert the office files among ``paths`` in one soffice run; retry one by one on failure."""
        groups: dict[str | None, dict] = {}
        for p in map(Path, paths):
            if p.suffix.lower() not in OFFICE_SUFFIXES or not p.is_file() or file_key(p) in self._done:
                continue
            try:
                groups.setdefault(sniff_filter(p), {})[file_key(p)] = p
            except ReaderError as e:
                self._failed[file_key(p)] = str(e)
        groups.pop(DOCX, None)
        with self._lock:
            for infilter, todo in groups.items():
                self._convert_group(todo, infilter)

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
        cmd = [self.soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--nolockcheck", *([f"--infilter={infilter}"] if infilter else []),
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), *map(str, inputs)]
        try:
            run_soffice(cmd, timeout)
        except subprocess.TimeoutExpired:
            for key in todo:
                self._failed[key] = f"LibreOffice conversion timed out after {timeout:.0f} s"
        except OSError as e:
            raise ReaderError(f"cannot run LibreOffice ({e.strerror})") from e

    def close(self) -> None:
        """Remove the profile and converted files."""
        if self._tmp is not None:
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
    """This process's shared converter, created on first use and removed at exit."""
    global _default, _default_pid
    with _default_lock:
        if _default is None or _default_pid != os.getpid():  # a forked child needs its own profile
            _default, _default_pid = OfficeConverter(), os.getpid()
            atexit.register(_default.close)
        return _default


def read_office(path: Path, doc_id: str, converter: OfficeConverter | None = None) -> Document:
    """Read a .doc/.rtf/.odt file via LibreOffice; `file_type` stays the original suffix."""
    path = Path(path)
    if not path.is_file():
        raise ReaderError("file not found")
    if path.stat().st_size == 0:
        raise ReaderError("file is empty")
    if sniff_filter(path) == DOCX:  # a .docx saved under an old name needs no conversion
        doc = read_docx(path, doc_id)
    else:
        docx_path = (converter or default_converter()).convert(path)
        try:
            doc = read_docx(docx_path, doc_id)
        except ReaderError as e:
            raise ReaderError(f"converted by LibreOffice but unreadable: {e}") from e
    doc.source_path = str(path)
    # the conversion is implied by file_type; warnings are kept for problems (status partial)
    doc.file_type = path.suffix.lower().lstrip(".")
    return doc


__all__ = ["read_office", "OfficeConverter", "OfficeSettings", "default_converter", "find_soffice"]
