"""Bad input made at test time: a zip bomb, a zip whose header lies, DTD entities in a
DOCX, a password-protected Office container, an image under a report's name.

Each is small on disk and quick to make: the bomb's deflate stream is one block
compressed once and written many times (a full flush makes every copy the same
bytes), so a 1.1 GB ``word/document.xml`` costs about a megabyte and a second.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPH = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>"
DOC_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body>')
DOC_TAIL = b"</w:body></w:document>"


@dataclass
class Member:
    """One zip member as raw deflate blocks, each written ``repeat`` times."""

    name: str
    size: int  # what it inflates to
    crc: int
    blocks: list[tuple[bytes, int]]
    declared: int | None = None  # the size its headers claim, when they lie

    @property
    def packed(self) -> int:
        return sum(len(b) * n for b, n in self.blocks)


def deflated(name: str, data: bytes) -> Member:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return Member(name, len(data), zlib.crc32(data), [(co.compress(data) + co.flush(), 1)])


def repeated(name: str, head: bytes, unit: bytes, times: int, tail: bytes) -> Member:
    """``head + unit * times + tail``, deflated without ever holding it whole."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = co.compress(head) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH)
    assert co.compress(unit) + co.flush(zlib.Z_FULL_FLUSH) == block  # the flush resets history
    last = co.compress(tail) + co.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(unit, crc)
    crc = zlib.crc32(tail, crc)
    return Member(name, len(head) + len(unit) * times + len(tail), crc,
                  [(first, 1), (block, times), (last, 1)])


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip file, its headers written by hand (zipfile cannot write a lying size)."""
    central = []
    with open(path, "wb") as f:
        for m in members:
            offset, name = f.tell(), m.name.encode()
            size = m.size if m.declared is None else m.declared
            f.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21,
                                m.crc, m.packed, size, len(name), 0) + name)
            for block, n in m.blocks:
                for _ in range(n):
                    f.write(block)
            central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                                       m.crc, m.packed, size, len(name), 0, 0, 0, 0, 0, offset) + name)
        cd = b"".join(central)
        start = f.tell()
        f.write(cd)
        f.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(cd), start, 0))
    return path


def docx_members(src: Path, skip: str = "word/document.xml") -> list[Member]:
    """Every part of a real DOCX but one, to build a bad one around."""
    with zipfile.ZipFile(src) as z:
        return [deflated(i.filename, z.read(i)) for i in z.infolist() if i.filename != skip]


def write_docx_bomb(path: Path, src: Path, paragraphs_per_block: int = 1 << 17, blocks: int = 256) -> Member:
    """A DOCX whose ``word/document.xml`` is one empty-looking paragraph repeated:
    by default 1.1 GB inflated from about 1 MB, the issue's bomb."""
    bomb = repeated("word/document.xml", DOC_HEAD, PARAGRAPH * paragraphs_per_block, blocks, DOC_TAIL)
    write_zip(path, docx_members(src) + [bomb])
    return bomb


def write_lying_docx(path: Path, src: Path, declared: int, inflated: int = 50 << 20) -> Member:
    """A DOCX whose ``word/document.xml`` inflates to ``inflated`` bytes while its
    headers declare ``declared``."""
    unit = PARAGRAPH * 1024
    lie = repeated("word/document.xml", DOC_HEAD, unit, inflated // len(unit), DOC_TAIL)
    lie.declared = declared
    write_zip(path, docx_members(src) + [lie])
    return lie


def patch_document_xml(src: Path, dst: Path, dtd: str, replace: dict[str, str]) -> Path:
    """A copy of a DOCX with a DTD put before its ``w:document`` and text replaced in it
    (every occurrence)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in xml, old
                    xml = xml.replace(old, new)
                at = xml.index("?>") + 2
                data = (xml[:at] + dtd + xml[at:]).encode("utf-8")
            zout.writestr(info, data)
    return dst


# ---------------------------------------------------------------- OLE (CFB)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def dir_entry(name: str, kind: int, child: int = NOSTREAM, right: int = NOSTREAM,
              start: int = END, size: int = 0) -> bytes:
    raw = (name.encode("utf-16-le") + b"\0\0") if name else b""
    return (raw.ljust(64, b"\0") + struct.pack("<HBB3L", len(raw), kind, 1, NOSTREAM, right, child)
            + b"\0" * 36 + struct.pack("<LQ", start, size))


def write_encrypted_office(path: Path, package: bytes = bytes(range(256)) * 32) -> Path:
    """A compound file as Office writes a password-protected DOCX: an ``EncryptionInfo``
    and an ``EncryptedPackage`` stream, no zip. (Both streams are at least 4096 bytes,
    so they live in regular sectors and the file needs no mini stream.)"""
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + b'<?xml version="1.0" encoding="UTF-8" '
            b'standalone="yes"?><encryption xmlns="http://schemas.microsoft.com/office/2006/'
            b'encryption"/>').ljust(4096, b"\0")
    package = struct.pack("<Q", len(package)) + package
    streams = [info, package.ljust(-(-len(package) // SECTOR) * SECTOR, b"\0")]
    fat, next_free = [FATSECT, END], 2
    starts = []
    for data in streams:
        n = len(data) // SECTOR
        starts.append(next_free)
        fat += [next_free + k + 1 for k in range(n - 1)] + [END]
        next_free += n
    assert len(fat) <= SECTOR // 4
    header = (OLE_MAGIC + b"\0" * 16 + struct.pack("<5H", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<9L", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<109L", 0, *[FREE] * 108))
    directory = (dir_entry("Root Entry", 5, child=1)
                 + dir_entry("EncryptionInfo", 2, right=2, start=starts[0], size=len(info))
                 + dir_entry("EncryptedPackage", 2, start=starts[1], size=len(package))
                 + dir_entry("", 0))
    fat_sector = struct.pack(f"<{SECTOR // 4}L", *fat, *[FREE] * (SECTOR // 4 - len(fat)))
    path.write_bytes(header + fat_sector + directory + b"".join(streams))
    return path


# ---------------------------------------------------------------- other files

def png_bytes(width: int = 2, height: int = 2) -> bytes:
    """A real (white) PNG image."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    rows = b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_xlsx(path: Path) -> Path:
    """The parts by which a zip is an Excel workbook."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
    return path
