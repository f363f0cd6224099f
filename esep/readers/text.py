"""Reader for text exports of reports (.txt, .md): Word's "save as text" and Markdown.

The form the seed comes in: ``#`` headings, ``**bold**`` and ``<b>`` spans,
blank-line separated paragraphs (two trailing spaces are a soft line break),
and tables as runs of tab-separated lines. A text file has no merge marks, so
a merged cell comes back as its text followed by empty cells; extractors read
tables by the column where a label starts, which works for both forms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from esep.model import Cell, Document, Paragraph, Prov, Table
from esep.readers.base import ReaderError

HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
SEPARATOR_ROW = re.compile(r"^[\s\-|:]+$")
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
ANGLE_LINK = re.compile(r"<(https?://[^>]+)>")
BOLD_SPAN = re.compile(r"\*\*(.+?)\*\*|<b>(.*?)</b>", re.S)
ESCAPE = re.compile(r"\\+([_*\[\]()#])")


@dataclass
class _Chunk:
    """A run of source lines that forms one block."""

    kind: str  # "para" or "table"
    lines: list[str]


def decode_bytes(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM; a few damaged bytes replaced), UTF-16
    or Windows-1251."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes is still UTF-8 (each becomes U+FFFD); read as
    # Windows-1251 it would be all mojibake
    text = data.decode("utf-8-sig", errors="replace")
    if text.count("\ufffd") <= max(1, len(text) // 200):
        return text
    try:
        return data.decode("cp1251")
    except UnicodeDecodeError:
        pass
    raise ReaderError("text encoding not recognised (tried UTF-8, UTF-16, Windows-1251)")


def strip_inline(s: str) -> str:
    """Plain text of one line: markup, link syntax and escapes removed."""
    s = MD_LINK.sub(lambda m: m.group(1) or m.group(2), s)
    s = ANGLE_LINK.sub(r"\1", s)
    s = s.replace("**", "").replace("<b>", "").replace("</b>", "")
    s = ESCAPE.sub(r"\1", s)
    return s.replace("\u00a0", " ").strip()


def is_all_bold(raw: str) -> bool:
    """True when every visible character of ``raw`` lies inside a bold span."""
    rest = BOLD_SPAN.sub("", raw)
    rest = strip_inline(rest)
    return bool(BOLD_SPAN.search(raw)) and not rest.strip(" .:;,")


def lines_to_chunks(lines: list[str]) -> list[_Chunk]:
    """Group source lines into paragraph and table chunks."""
    chunks: list[_Chunk] = []
    for line in lines:
        kind = "table" if "\t" in line else "para"
        if not line.strip():
            chunks.append(_Chunk("break", []))
            continue
        prev = chunks[-1] if chunks else None
        if prev and prev.kind == kind and (kind == "table" or not HEADING.match(line)) \
                and not (kind == "para" and HEADING.match(prev.lines[0])):
            prev.lines.append(line)
        else:
            chunks.append(_Chunk(kind, [line]))
    return merge_split_tables(chunks)


def merge_split_tables(chunks: list[_Chunk]) -> list[_Chunk]:
    """Join table chunks separated only by blank lines when their widths agree.

    Word's text export puts a blank line between a table's header and its
    body in some tables (the seed's contracts table); a different width
    means a different table (the seed's age table after the social one).
    """
    out: list[_Chunk] = []
    for c in chunks:
        prev = out[-1] if out else None
        gap = prev is not None and prev.kind == "break"
        before = out[-2] if gap and len(out) > 1 else None
        if c.kind == "table" and before is not None and before.kind == "table" \
                and _width(before) == _width(c):
            out.pop()
            before.lines.extend(c.lines)
            continue
        out.append(c)
    return [c for c in out if c.kind != "break"]


def _width(chunk: _Chunk) -> int:
    return max(line.count("\t") for line in chunk.lines) + 1


def chunk_to_paragraph(chunk: _Chunk, n: int) -> Paragraph | None:
    """One paragraph; soft line breaks (two trailing spaces) kept as newlines."""
    raw = "\n".join(line.rstrip() for line in chunk.lines)
    level = None
    m = HEADING.match(chunk.lines[0])
    if m:
        level = len(m.group(1))
        raw = m.group(2) + raw[len(chunk.lines[0]):]
    text = "\n".join(strip_inline(x) for x in raw.split("\n")).strip()
    if not text:
        return None
    return Paragraph(text=text, prov=Prov(None, f"para:{n}"), level=level,
                     bold=is_all_bold(raw))


def chunk_to_table(chunk: _Chunk, n: int) -> Table | None:
    """A table grid from tab-separated lines; markdown separator rows dropped."""
    rows = [line.split("\t") for line in chunk.lines if not SEPARATOR_ROW.match(line)]
    rows = [[strip_inline(c) for c in r] for r in rows]
    if not rows:
        return None
    width = max(len(r) for r in rows)
    grid = [[Cell(text=(r[j] if j < len(r) else ""), row=i, col=j) for j in range(width)]
            for i, r in enumerate(rows)]
    return Table(grid=grid, prov=Prov(None, f"table:{n}"))


def text_to_blocks(text: str) -> list[Paragraph | Table]:
    """All blocks of a text export, in order, with their locators."""
    blocks: list[Paragraph | Table] = []
    n_para = n_table = 0
    for chunk in lines_to_chunks(text.splitlines()):
        if chunk.kind == "table":
            block = chunk_to_table(chunk, n_table + 1)
            n_table += block is not None
        else:
            block = chunk_to_paragraph(chunk, n_para + 1)
            n_para += block is not None
        if block is not None:
            blocks.append(block)
    return blocks


def read_text(path: Path, doc_id: str) -> Document:
    """Read a .txt/.md report into a `Document` (no pages)."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ReaderError(f"cannot read file ({e.strerror})") from e
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReaderError("not a text file (binary content)")
    blocks = text_to_blocks(decode_bytes(data))
    return Document(doc_id=doc_id, source_path=str(path), file_type=Path(path).suffix.lower().lstrip("."),
                    blocks=blocks, pages=None)
