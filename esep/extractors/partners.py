"""Partners (appendix 1): organisations that helped carry out each grant project."""
from __future__ import annotations

import re

from esep.extractors.common import ColumnMap, cell_text, column_maps, map_columns, where_row
from esep.extractors.contracts import row_number
from esep.labels import has_any, labels
from esep.model import Document, Table
from esep.normalize.orgs import org_id, split_org
from esep.normalize.phones import find_phones
from esep.normalize.text import clean
from esep.records import PartnerRow

SENTENCE_END = re.compile(r"\.\s+(?=[«\"“A-ZА-ЯӘҒҚҢӨҰҮҺІ])")


def split_grantee(text: str) -> tuple[str | None, str]:
    """("«JasART» жеке меншік мекемесі", "project title") from a cell naming both.

    The form's project cell often opens with the grantee organisation as its
    own sentence; it is split off only when that sentence has a legal form.
    """
    text = clean(text)
    m = SENTENCE_END.search(text)
    if m:
        head = text[:m.start()]
        if split_org(head).legal_form:
            return head, text[m.end():].rstrip(" .")
    return None, text.rstrip(" .")


def partner_name(text: str) -> tuple[str, str | None]:
    """The partner as printed, without a trailing note like "(қолдау хат жалғанды)"."""
    note_re = re.compile(labels("tables", "partners", "note_re"), re.I)
    m = note_re.search(text)
    if not m:
        return clean(text), None
    return clean(text[:m.start()] + text[m.end():]), m.group(0).strip("() ")


def is_international(doc: Document, t: Table) -> bool:
    """True when the paragraph right before the table announces foreign partners."""
    i = doc.blocks.index(t)
    prev = doc.blocks[i - 1] if i else None
    return prev is not None and not isinstance(prev, Table) and \
        has_any(prev.text, labels("sections", "partners_international"))


def unfinished(text: str) -> bool:
    """A cell text a page break cut: it ends on a comma, a hyphen or a conjunction."""
    return bool(re.search(r"(?:[,;–—-]|\s(?:және|мен|и|а также))$", text.strip()))


def project_cells(t: Table, cmap: ColumnMap) -> dict[int, str]:
    """Each body row's project cell, as the form means it.

    A blank cell continues the one above (a merged cell in the text form), and
    so does one that starts in lower case or follows an unfinished one: the
    rest of a merged cell that a page break cut ("«Намыс» ҚҚ. Мемлекеттік" |
    "тілдің қолданылу аясын ...").
    """
    groups: list[list[int]] = []
    texts: list[str] = []
    col = cmap.roles.get("project")
    for r in cmap.rows(t):
        text = cell_text(t, r, col)
        if groups and col is not None and t.grid[r][col] is t.grid[r - 1][col]:
            groups[-1].append(r)  # the same merged cell, one more row of it
        elif groups and (not text or text[0].islower() or unfinished(texts[-1])):
            groups[-1].append(r)
            texts[-1] = f"{texts[-1]} {text}".strip()
        else:
            groups.append([r])
            texts.append(text)
    return {r: text for rows, text in zip(groups, texts) for r in rows}


def grantee_cells(t: Table, cmap: ColumnMap) -> dict[int, str]:
    out, last = {}, ""
    for r in cmap.rows(t):
        last = cell_text(t, r, cmap.roles["grantee"]) or last
        out[r] = last
    return out


def table_partners(doc: Document, t: Table, cmap: ColumnMap) -> list[PartnerRow]:
    rows: list[PartnerRow] = []
    intl = is_international(doc, t)
    projects = project_cells(t, cmap)
    for r in cmap.rows(t):
        get = lambda role: cell_text(t, r, cmap.roles.get(role))  # noqa: E731
        if not get("partner") and not get("contacts"):
            continue
        grantee, project = split_grantee(projects[r])
        # a table with its own grantee column names it there (blank: as above)
        if "grantee" in cmap.roles:
            grantee = grantee_cells(t, cmap).get(r) or grantee
        name, note = partner_name(get("partner"))
        phones = find_phones(get("contacts"))
        rows.append(PartnerRow(
            doc_id=doc.doc_id, **where_row(t, r).as_kwargs(), row=row_number(get("no"), len(rows) + 1),
            project=project or None, grantee=grantee, partner=name or None, note=note,
            partner_org_id=org_id(split_org(name).name_norm, split_org(name).legal_form) if name else None,
            leader=get("leader") or None, phone=phones[0].e164 if phones else None,
            phone_raw=phones[0].raw if phones else (get("contacts") or None), international=intl))
    return rows


def extract_partners(doc: Document) -> list[PartnerRow]:
    out: list[PartnerRow] = []
    for t in doc.tables():
        if map_columns(t, "contracts") is not None:
            continue
        for cmap in column_maps(t, "partners"):
            out.extend(table_partners(doc, t, cmap))
    return out
