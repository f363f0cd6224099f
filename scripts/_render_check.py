"""Checks and table naming for the seed renderings."""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn

from _render_parse import Table, clean_inline

_MARKUP = re.compile(r"\*\*|</?b>|^#{1,4}\s+", re.M)
AMOUNTS = ("5 000 000", "79 612", "4 920 388", "10 000 000", "9 920 388")


@dataclass(frozen=True)
class Logical:
    """A table as a reader sees it: a name and its (docx table, row) cells."""
    name: str
    rows: tuple[tuple[int, int], ...]


def _header_text(table: Table) -> str:
    return " ".join(table.cell_text(0, c) for c in range(table.ncols))


def logical_tables(tables: list[Table]) -> list[Logical]:
    """Name the seed's tables; statistics blocks split at their title rows.

    A statistics block may hold several titled tables (gender, social status,
    age), and a title row at a block's end belongs to the next block.
    """
    out: list[tuple[str, list[tuple[int, int]]]] = []
    partners = project = 0
    for t, table in enumerate(tables):
        head = _header_text(table)
        continues = (out and out[-1][0].startswith("stats") and table.kinds[0] != "title"
                     and tables[t - 1].kinds[-1] == "title")
        if continues:
            out[-1][1].extend((t, r) for r in range(len(table.rows)))
            continue
        if "Өтінімдер" in head:
            out.append(("applications", [(t, r) for r in range(len(table.rows))]))
        elif "Грант сомасы" in head:
            out.append(("contracts", [(t, r) for r in range(len(table.rows))]))
        elif "Байланыс" in head:
            partners += 1
            out.append((f"partners_{partners}", [(t, r) for r in range(len(table.rows))]))
        elif table.kinds[0] != "title":
            out.append((f"table_{t + 1}", [(t, r) for r in range(len(table.rows))]))
        else:
            for r, kind in enumerate(table.kinds):
                if kind == "title":
                    title = table.cell_text(r, 0)
                    topic = "gender" if "Гендер" in title else "social" if "Социал" in title else "age"
                    project += topic == "gender"
                    out.append((f"stats_p{project}_{topic}", []))
                out[-1][1].append((t, r))
    return [Logical(name, tuple(rows)) for name, rows in out]


def seed_words(seed: str) -> Counter:
    """Words of the seed once markup and link targets are gone."""
    lines = [line for line in seed.split("\n")
             if not re.fullmatch(r"[\s\-|:]*-{3,}[\s\-|:]*", line.replace("\t", " "))]
    return Counter(clean_inline(_MARKUP.sub("", "\n".join(lines))).split())


def _xml_text(element) -> str:
    """Text of an element's w:t nodes; line breaks and paragraph ends count as spaces."""
    parts = []
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:p")):
        parts.append(node.text or "" if node.tag == qn("w:t") else "\n")
    return "".join(parts)


def docx_words(data: bytes) -> Counter:
    """Words of a .docx: body paragraphs and each table cell once (merges too)."""
    body = docx.Document(io.BytesIO(data)).element.body
    words: Counter = Counter()
    for child in body.iterchildren(qn("w:p")):
        words.update(_xml_text(child).split())
    for cell in body.iter(qn("w:tc")):
        vmerge = cell.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
            continue  # continuation of a vertical merge: no text of its own
        words.update(_xml_text(cell).split())
    return words


def missing_words(seed: str, data: bytes) -> Counter:
    """Seed words the .docx lacks (empty when every word made it)."""
    return seed_words(seed) - docx_words(data)


def missing_amounts(text: str) -> list[str]:
    """Amounts whose spaced form is not in the PDF text."""
    return [a for a in AMOUNTS if a not in text]
