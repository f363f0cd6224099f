"""Zip members inflated within limits: a DOCX must not decompress without bound.

A 3.4 MB DOCX whose ``word/document.xml`` inflated to 1.1 GB drove a worker to
11 GB (the XML tree costs about ten times the text). So the sizes a zip
declares are checked before anything is inflated, and then every member is
inflated once through a capped stream that stops past its declared size: a
header that lies about its size is refused too, not trusted.
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from esep.readers.base import ReaderError


@dataclass(frozen=True)
class ZipLimits:
    """How far a zip's members may inflate before the file is refused."""

    max_member: int = 200 << 20  # one member, inflated
    max_total: int = 500 << 20  # all members together
    max_ratio: float = 100.0  # inflated : compressed, for members inflating past ratio_above
    ratio_above: int = 5 << 20  # a small member may compress far better (a page of blanks)
    chunk: int = 1 << 20  # inflated bytes read at a time


DEFAULT_LIMITS = ZipLimits()
LOCAL_HEADER = 30  # bytes of a member's local header before its name and extra field


def human(n: int) -> str:
    """``3.4 MB``, ``1.1 GB``, ``200 MB``, ``512 bytes``: sizes as people read them."""
    if n < 1024:
        return f"{n} bytes"
    value, unit = float(n), "bytes"
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024:
            break
    return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"


def check_member(info: zipfile.ZipInfo, limits: ZipLimits, what: str) -> None:
    """Refuse one member by its declared sizes: a ratio no document has, or too large."""
    size, packed = info.file_size, max(info.compress_size, 1)
    if size > limits.ratio_above and size > limits.max_ratio * packed:
        raise ReaderError(f"{what} looks like a zip bomb: {info.filename} inflates {human(packed)} "
                          f"to {human(size)} ({size // packed}:1, limit {limits.max_ratio:g}:1)")
    if size > limits.max_member:
        raise ReaderError(f"{what} is too large to read: {info.filename} inflates to {human(size)} "
                          f"(limit {human(limits.max_member)})")


def check_declared(infos: list[zipfile.ZipInfo], limits: ZipLimits, what: str = "DOCX") -> None:
    """Refuse a zip by the sizes its directory declares, before inflating anything."""
    for info in infos:
        check_member(info, limits, what)
    total = sum(i.file_size for i in infos)
    if total > limits.max_total:
        raise ReaderError(f"{what} is too large to read: its {len(infos)} parts inflate to "
                          f"{human(total)} in all (limit {human(limits.max_total)})")


def capped(blocks: Iterable[bytes], cap: int, name: str, what: str = "DOCX") -> Iterator[bytes]:
    """``blocks`` passed on, refused (`ReaderError`) once they add up past ``cap``:
    the size the member's header declares, which its data must not outgrow."""
    seen = 0
    for block in blocks:
        seen += len(block)
        if seen > cap:
            raise ReaderError(f"{what} is damaged: {name} inflates to more than "
                              f"the {human(cap)} its header declares")
        yield block


def raw_blocks(f: BinaryIO, info: zipfile.ZipInfo, chunk: int) -> Iterator[bytes]:
    """A stored or deflated member inflated from its bytes on disk, ``chunk`` at a time
    at most, whatever its header says it inflates to (zipfile's reader stops there)."""
    if info.header_offset < 0:  # a damaged central directory: seek would fail with EINVAL
        raise zipfile.BadZipFile("bad local file header offset")
    f.seek(info.header_offset)
    local = f.read(LOCAL_HEADER)
    if len(local) < LOCAL_HEADER or local[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("bad local file header")
    f.seek(info.header_offset + LOCAL_HEADER + int.from_bytes(local[26:28], "little")
           + int.from_bytes(local[28:30], "little"))
    inflate = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    left = info.compress_size
    while left > 0 and (raw := f.read(min(chunk, left))):
        left -= len(raw)
        yield from inflated(inflate, raw, chunk) if inflate else (raw,)
    if left > 0 or (inflate is not None and not inflate.eof):
        raise EOFError("its data is cut short")


def inflated(inflate, raw: bytes, chunk: int) -> Iterator[bytes]:
    """All that ``raw`` inflates to, ``chunk`` bytes at most at a time."""
    while True:
        out = inflate.decompress(raw, chunk)
        if out:
            yield out
        raw = inflate.unconsumed_tail
        if not raw and len(out) < chunk:  # a full chunk may leave output inside zlib
            return


def zip_blocks(z: zipfile.ZipFile, info: zipfile.ZipInfo, chunk: int) -> Iterator[bytes]:
    """Any other member (bzip2, lzma) through zipfile, which stops at the declared size."""
    with z.open(info) as f:
        while block := f.read(chunk):
            yield block


def check_data(z: zipfile.ZipFile, f: BinaryIO, info: zipfile.ZipInfo, limits: ZipLimits,
               what: str) -> None:
    """Inflate one member through the cap, discarding it: it must end at its declared
    size, with its declared CRC."""
    ours = info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and not info.flag_bits & 1
    blocks = raw_blocks(f, info, limits.chunk) if ours else zip_blocks(z, info, limits.chunk)
    crc = 0
    try:
        for block in capped(blocks, info.file_size, info.filename, what):
            crc = zlib.crc32(block, crc)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as e:
        # RuntimeError: a member encrypted with a zip password
        raise ReaderError(f"{what} is damaged: {info.filename} cannot be inflated ({e})") from e
    if ours and crc != info.CRC:
        raise ReaderError(f"{what} is damaged: {info.filename} fails its CRC check")


def check_zip(path: Path, limits: ZipLimits = DEFAULT_LIMITS, what: str = "DOCX") -> None:
    """Refuse a zip that would inflate past ``limits``: by the sizes it declares, then
    by inflating each member through the cap (discarding what it reads)."""
    with zipfile.ZipFile(path) as z, open(path, "rb") as f:
        infos = [i for i in z.infolist() if not i.is_dir()]
        check_declared(infos, limits, what)
        for info in infos:
            check_data(z, f, info, limits, what)


__all__ = ["ZipLimits", "DEFAULT_LIMITS", "check_zip", "check_declared", "capped", "human"]
