"""Documents typed in a pre-Unicode Kazakh font: text mapped to Unicode, evidence as printed.

`fix_legacy_kazakh` runs on what any reader returns: it looks at the whole
text (paragraphs and table cells) once, and when it is in a legacy layout
(esep.normalize.legacy_kk) maps every paragraph and cell, so extractors read
Unicode Kazakh ("қоғамдық", not "ќоѓамдыќ") and values come out in Unicode.
The layout stays on the document (``doc.legacy``) and a warning says so.

Evidence must stay as printed. Every fact takes its evidence from the mapped
text, and the mapping is one character to one character, so after the audit
(whose text rules read the mapped evidence) `restore_printed_evidence` maps
each fact's ``evidence`` and ``other_evidence`` back, character by
character. Nothing else moves: locators, character offsets and boxes hold
for the printed text as they do for the mapped one.
"""
from __future__ import annotations

import dataclasses
from typing import Iterator

from esep.model import Cell, Document, Paragraph, Table
from esep.normalize.legacy_kk import detect, to_printed, to_unicode
from esep.records import Extraction, Fact, Finding


def texts(doc: Document) -> Iterator[Paragraph | Cell]:
    """Every paragraph and every table cell (a merged cell once), in reading order."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            yield from _cells(block)


def _cells(t: Table) -> Iterator[Cell]:
    seen: set[int] = set()
    for row in t.grid:
        for cell in row:
            if id(cell) not in seen:
                seen.add(id(cell))
                yield cell


def fix_legacy_kazakh(doc: Document) -> Document:
    """The document with legacy Kazakh text mapped to Unicode (unchanged if it has none)."""
    if doc.legacy is not None:
        return doc  # mapped already
    m = detect("\n".join(x.text for x in texts(doc)))
    if m is None:
        return doc
    for x in texts(doc):
        x.text = to_unicode(x.text, m)
    # not a warning: the text was read whole, so the document stays `ok`; the documents
    # row names the layout (legacy_font)
    doc.legacy = m
    return doc


def facts(ex: Extraction) -> Iterator[Fact]:
    """Every fact row of an extraction (each list of facts, the totals rows)."""
    for f in dataclasses.fields(ex):
        value = getattr(ex, f.name)
        if isinstance(value, Fact):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, Fact))


def restore_printed_evidence(ex: Extraction, doc: Document) -> Extraction:
    """Every fact's evidence in the characters as printed, for a mapped document.

    Call it after the audit. Idempotent: printed characters are not Kazakh
    letters, so a second pass changes nothing.
    """
    m = doc.legacy
    if m is None:
        return ex
    for fact in facts(ex):
        fact.evidence = to_printed(fact.evidence, m)
        if isinstance(fact, Finding) and fact.other_evidence:
            fact.other_evidence = to_printed(fact.other_evidence, m)
    return ex
