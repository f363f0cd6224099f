"""An NGO's own final report on its social project.

Its header names the grantee, leader, address, phone, project, customer,
period and grant sum — as "label: value" lines or as a two-column table —
and its body is what appendix 4 of an operator's report holds: tasks,
events, indicators and the participant statistics.
"""
from __future__ import annotations

from esep.extractors.fields import FieldValue, block_paragraphs, is_form_table, read_fields, read_form
from esep.extractors.recipients import (fields_prov, form_fields, grantee_facts, grantee_labels, recipient_flag,
                                        text_of)
from esep.model import Document, Paragraph, Table
from esep.records import RecipientRow

def header_blocks(doc: Document, limit: int = 40) -> list[Paragraph | Table]:
    """The blocks that hold the report's header fields: its opening paragraphs and
    label | value tables, up to the first heading after a field."""
    out: list[Paragraph | Table] = []
    for b in doc.blocks[:limit]:
        if isinstance(b, Paragraph) and b.is_heading and out and read_fields(out, grantee_labels()):
            break
        if isinstance(b, Paragraph) or is_form_table(b):
            out.append(b)
    return out


def header_paragraphs(doc: Document, limit: int = 40) -> list[Paragraph]:
    """The header's lines, label | value tables read as "label: value" lines."""
    return [p for b in header_blocks(doc, limit) for p in block_paragraphs(b)]


def header_fields(doc: Document) -> dict[str, FieldValue]:
    """The header's fields, those under labels the phrases do not know told by their value."""
    return form_fields(read_form(header_blocks(doc), grantee_labels()))


def grantee(doc: Document, year: int | None) -> RecipientRow | None:
    """The NGO that reports, as a recipients row; its provenance is the fields it was read from."""
    f = header_fields(doc)
    facts = grantee_facts(f, year)
    return RecipientRow(doc_id=doc.doc_id, **fields_prov(f), **facts, ocr_flag=recipient_flag(f, facts)) \
        if facts else None


def customer(doc: Document) -> str | None:
    return text_of(header_fields(doc), "customer")


def header_end(doc: Document, max_gap: int = 2) -> int:
    """The index of the first block after the header: after the last block holding a
    field, where fields follow each other with at most ``max_gap`` other blocks between
    (a signature's "Ұйым басшысы" at the end is not the header)."""
    f = header_fields(doc)
    held = {p.prov.locator.split("/")[0] for fv in f.values() for p in fv.paras}
    end, gap = 0, 0
    for i, b in enumerate(doc.blocks):
        if b.prov.locator in held:
            end, gap = i + 1, 0
        elif end:
            gap += 1
            if gap > max_gap:
                break
    return end
