"""What a file is, by its first bytes: the reader it goes to, whatever its name says.

Reports arrive renamed (a DOCX saved as ``.pdf``, a PDF sent as ``.txt``), so
the content decides and the suffix only breaks ties: a zip or OLE file whose
insides cannot be told, or bytes that match nothing. A file that is clearly
something else (a photo of a page, a spreadsheet) gets a plain reason.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from esep.readers.base import ReaderError

HEAD_BYTES = 4096
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OLE_SCAN_BYTES = 1 << 20  # stream names are searched here and in the first directory sector
ZIP_HEAD_BYTES = 1 << 20  # of [Content_Types].xml: enough for its markers, never a zip bomb whole
TEXT_SUFFIXES = {".txt": "txt", ".md": "md"}
OFFICE_TYPES = {"doc", "rtf", "odt", "html"}  # read through LibreOffice
# Document.file_type -> the reader module that reads it
READERS = {"pdf": "pdf", "docx": "docx", "txt": "text", "md": "text",
           "doc": "office", "rtf": "office", "odt": "office", "html": "office"}
SUFFIX_TYPES = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".odt": "odt",
                **TEXT_SUFFIXES}
MAGIC = [  # (prefix, its type, what it looks like) for files esep does not read
    (b"\x89PNG\r\n\x1a\n", "png", "a PNG image"), (b"\xff\xd8\xff", "jpeg", "a JPEG image"),
    (b"GIF87a", "gif", "a GIF image"), (b"GIF89a", "gif", "a GIF image"),
    (b"II*\x00", "tiff", "a TIFF image"), (b"MM\x00*", "tiff", "a TIFF image"),
    (b"AT&TFORM", "djvu", "a DjVu document"), (b"\x1f\x8b", "gzip", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z", "a 7-Zip archive"), (b"Rar!\x1a\x07", "rar", "a RAR archive"),
    (b"\x7fELF", "elf", "a program (ELF)"),
]
MARKUP = (b"<html", b"<!doctype html", b"<?xml", b"mime-version:")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
NOT_A_DOCUMENT = "not a document esep reads: looks like "


@dataclass(frozen=True)
class Sniffed:
    """What the bytes say: a ``file_type`` esep reads, or what the file looks like instead."""

    file_type: str | None  # pdf, docx, doc, rtf, odt, html, txt, md; None: not by content
    looks_like: str = ""  # what a file esep does not read is, e.g. "a PNG image"
    suffix_may: frozenset[str] = frozenset()  # for file_type None: the types a suffix may choose
    other: str = ""  # the type of a file esep does not read, e.g. "png" (its row's file_type)


def sniff(path: Path) -> Sniffed:
    """The type of a file by its content alone (the suffix only for text: txt or md)."""
    with open(path, "rb") as f:
        head = f.read(HEAD_BYTES)
    if b"%PDF-" in head[:1024]:  # the spec lets junk precede the header
        return Sniffed("pdf")
    if head.startswith(b"PK\x03\x04"):
        return sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        return sniff_ole(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return Sniffed("rtf")
    for magic, kind, what in MAGIC:
        if head.startswith(magic):
            return Sniffed(None, what, other=kind)
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return Sniffed(None, "a WebP image", other="webp")
    return sniff_text(head, path.suffix.lower())


def sniff_zip(path: Path) -> Sniffed:
    """DOCX, ODT or another zip, by the names (and the ``mimetype``) inside."""
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            mimetype = zip_head(z, "mimetype", 100).decode("ascii", "replace") if "mimetype" in names else ""
            types = zip_head(z, "[Content_Types].xml", ZIP_HEAD_BYTES) if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, KeyError,
            NotImplementedError, RuntimeError, zlib.error):
        return Sniffed(None, "a damaged ZIP archive", frozenset({"docx", "odt"}), other="zip")
    if "word/document.xml" in names or b"wordprocessingml.document.main" in types:
        return Sniffed("docx")
    if mimetype.startswith("application/vnd.oasis.opendocument.text") or (
            not mimetype and "content.xml" in names):
        return Sniffed("odt")
    kind, what = zip_looks_like(names, mimetype)
    return Sniffed(None, what, other=kind)


def zip_head(z: zipfile.ZipFile, name: str, n: int) -> bytes:
    """The first ``n`` inflated bytes of a member: the rest is never inflated (this runs
    in the batch's own process, for every file, before any worker's limits apply)."""
    with z.open(name) as f:
        return f.read(n)


def zip_looks_like(names: set[str], mimetype: str) -> tuple[str, str]:
    """The type and the description of a zip that is neither DOCX nor ODT."""
    if "xl/workbook.xml" in names:
        return "xlsx", "an Excel workbook (XLSX)"
    if "ppt/presentation.xml" in names:
        return "pptx", "a PowerPoint presentation (PPTX)"
    if mimetype.startswith("application/vnd.oasis.opendocument.spreadsheet"):
        return "ods", "an OpenDocument spreadsheet (ODS)"
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        return "odf", "an OpenDocument file that is not a text document"
    if mimetype == "application/epub+zip":
        return "epub", "an EPUB book"
    return "zip", "a ZIP archive"


def ole_names(path: Path) -> bytes:
    """The bytes where an OLE file's stream names are: its start and its first directory sector."""
    with open(path, "rb") as f:
        data = f.read(OLE_SCAN_BYTES)
        if len(data) >= 0x34:
            sector = 1 << int.from_bytes(data[0x1E:0x20], "little")
            first_dir = int.from_bytes(data[0x30:0x34], "little")
            if sector in (512, 4096) and first_dir < 0xFFFFFFFA:
                f.seek((first_dir + 1) * sector)
                data += f.read(sector)
    return data


def sniff_ole(path: Path) -> Sniffed:
    """Word 97-2003, an encrypted OOXML package, or another OLE file (Excel, PowerPoint)."""
    data = ole_names(path)

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data
    if has("EncryptedPackage"):
        return Sniffed("docx")  # a password-protected OOXML file: the DOCX reader says so
    if has("WordDocument"):
        return Sniffed("doc")
    if has("Workbook") or has("Book"):
        return Sniffed(None, "an Excel workbook (XLS)", other="xls")
    if has("PowerPoint Document"):
        return Sniffed(None, "a PowerPoint presentation (PPT)", other="ppt")
    return Sniffed("doc")  # damaged, or names past the scanned bytes: LibreOffice decides


def decode_head(head: bytes) -> str | None:
    """The start of a file as text (UTF-8, UTF-16 with BOM, or Windows-1251), or None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3 and e.reason == "unexpected end of data":  # a cut character
            return head[: e.start].decode("utf-8-sig", "replace")
    return head.decode("cp1251", "replace")


def sniff_text(head: bytes, suffix: str) -> Sniffed:
    """Text (few control characters) or markup; otherwise nothing matched."""
    text = decode_head(head)
    if not head or text is None or len(CONTROL.findall(text)) > len(text) / 200:
        return Sniffed(None, suffix_may=frozenset(SUFFIX_TYPES.values()))  # its reader explains
    if suffix not in TEXT_SUFFIXES and head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(MARKUP):
        # Word's "web page" and XML saves, read by LibreOffice; a .txt or .md of markup stays text
        return Sniffed("html", "an HTML or XML file")
    return Sniffed(TEXT_SUFFIXES.get(suffix, "txt"))


def detect_type(path: Path) -> str:
    """The ``file_type`` a file is read as: what its content is, the suffix breaking
    ties; `ReaderError` for a file esep does not read."""
    path = Path(path)
    try:
        s = sniff(path)
    except OSError as e:
        raise ReaderError(f"cannot open file ({e.strerror or e})") from e
    suffix = path.suffix.lower()
    named = SUFFIX_TYPES.get(suffix)
    if s.file_type in ("txt", "md") and suffix and not named:
        raise ReaderError(f"unsupported file type {suffix}")  # a .csv or .xml is no report
    if s.file_type == "html" and named not in OFFICE_TYPES:
        raise ReaderError(NOT_A_DOCUMENT + s.looks_like)
    if s.file_type:
        return s.file_type
    if named in s.suffix_may:
        return named
    if s.looks_like:
        raise ReaderError(NOT_A_DOCUMENT + s.looks_like)
    raise ReaderError(f"unsupported file type {suffix or '(none)'}")


def real_type(path: Path) -> str:
    """What a file is, for its documents row even when it cannot be read: the type it is
    read as, else what its content is ("png", "xlsx", "html"), else its suffix ("csv")."""
    path = Path(path)
    try:
        return detect_type(path)
    except ReaderError:
        pass
    try:
        s = sniff(path)
    except OSError:
        s = Sniffed(None)
    if s.other or s.file_type == "html":
        return s.other or "html"
    return path.suffix.lower().lstrip(".") or "unknown"  # text under a suffix esep does not read
