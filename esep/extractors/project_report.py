"""An NGO's own final report on its social project.

Its header names the grantee, leader, address, phone, project, customer,
period and grant sum — as "label: value" lines or as a two-column table —
and its body is what appendix 4 of an operator's report holds: tasks,
events, indicators and the participant statistics.
"""
from __future__ import annotations

from esep.extractors.recipients import FieldValue, read_fields, tidy_name
from esep.extractors.common import union
from esep.model import Document, Paragraph, Prov, Table
from esep.normalize.amounts import find_amounts
from esep.normalize.dates import parse_period
from esep.normalize.orgs import org_id, split_org
from esep.normalize.phones import find_phones
from esep.labels import has_any, labels
from esep.normalize.text import clean
from esep.records import RecipientRow

HEADER = ("project_report", "fields")


def table_as_paragraphs(t: Table) -> list[Paragraph]:
    """A two-column "label | value" table read as "label: value" lines."""
    out = []
    for r, row in enumerate(t.grid):
        cells = t.origins(r)
        if len(cells) == 2 and clean(cells[0].text):
            label = clean(cells[0].text).rstrip(":")
            prov = Prov(cells[0].page, f"{t.prov.locator}/row:{r + 1}", union([c.bbox for c in cells]))
            out.append(Paragraph(f"{label}: {clean(cells[1].text)}", prov))
    return out


def header_blocks(doc: Document, limit: int = 40) -> list[Paragraph | Table]:
    """The blocks that hold the report's header fields: its opening paragraphs and
    two-column tables, up to the first heading after a field."""
    fields = [p for phrases in labels(*HEADER).values() for p in phrases]
    out: list[Paragraph | Table] = []
    for b in doc.blocks[:limit]:
        seen_fields = any(has_any(x.text, fields) for o in out
                          for x in (table_as_paragraphs(o) if isinstance(o, Table) else [o]))
        if isinstance(b, Paragraph) and b.is_heading and seen_fields:
            break
        if isinstance(b, Paragraph) or b.n_cols == 2:
            out.append(b)
    return out


def header_paragraphs(doc: Document, limit: int = 40) -> list[Paragraph]:
    """The header's lines, two-column tables read as "label: value" lines."""
    out: list[Paragraph] = []
    for b in header_blocks(doc, limit):
        out.extend(table_as_paragraphs(b) if isinstance(b, Table) else [b])
    return out


def header_fields(doc: Document) -> dict[str, FieldValue]:
    return read_fields(header_paragraphs(doc), HEADER)


def value(f: dict[str, FieldValue], key: str) -> str | None:
    return tidy_name(f[key].text) if key in f and f[key].text else None


def grantee(doc: Document, year: int | None) -> RecipientRow | None:
    """The NGO that reports, as a recipients row."""
    f = header_fields(doc)
    name = value(f, "name")
    if not name:
        return None
    org = split_org(name)
    phones = find_phones(f["phone"].text) if "phone" in f else []
    period = parse_period(f["period"].text, default_year=year) if "period" in f else None
    amounts = find_amounts(f["amount"].text) if "amount" in f else []
    amt = amounts[0] if amounts else None
    paras = [p for fv in f.values() for p in fv.paras]
    first = paras[0]
    return RecipientRow(
        doc_id=doc.doc_id, page=first.prov.page, locator=f"{first.prov.locator}..{paras[-1].prov.locator}",
        evidence="\n".join(p.text for p in paras), bbox=union([p.prov.bbox for p in paras if p.prov.page == first.prov.page]),
        name=name, name_norm=org.name_norm, legal_form=org.legal_form, org_id=org_id(org.name_norm, org.legal_form),
        leader=value(f, "leader"), phone=phones[0].e164 if phones else None,
        phone_raw=phones[0].raw if phones else None, address=value(f, "address"),
        project=value(f, "project"), period_start=period[0] if period else None,
        period_end=period[1] if period else None, period_raw=value(f, "period"),
        amount_kzt=amt.value if amt else None, amount_words=amt.words if amt else None,
        amount_words_kzt=amt.words_value if amt else None)


def customer(doc: Document) -> str | None:
    return value(header_fields(doc), "customer")
