"""Partners: organisations that helped carry out a grant project.

The operator's appendix 1 lists them in a table; an NGO's own report lists
them in a table of its own headers, in a sentence ("Жобаның серіктестері:
..., ... және ...", "Партнеры проекта: ОФ «...», КГУ «...» и ...") or as a
bulleted list under such a label. A partner is international when its name
says so (data/labels/international.toml) or the table sits under the
report's section on foreign partners.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from esep.extractors.common import ColumnMap, cell_text, column_maps, map_columns, where_para, where_row
from esep.extractors.contracts import row_number
from esep.extractors.fields import Stream, find_labels, form_lines, is_form_table, probe, read_fields
from esep.extractors.recipients import grantee_labels
from esep.labels import has_any, labels, load
from esep.model import Document, Paragraph, Table
from esep.normalize.text import degrade_kazakh, fold_homoglyphs
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


@lru_cache(maxsize=1)
def international_patterns() -> tuple[re.Pattern, ...]:
    """The names and patterns of data/labels/international.toml, folded as the text is."""
    spec = load("international")
    names = [rf"(?<!\w){re.escape(probe(n))}(?!\w)" for n in spec["names"]]
    pats = [degrade_kazakh(fold_homoglyphs(p)) for p in spec["patterns_re"]]
    return tuple(re.compile(p) for p in names + pats)


def international_name(name: str | None) -> bool:
    """True when a partner's name is a foreign or intergovernmental body's."""
    t = probe(name or "")
    return any(p.search(t) for p in international_patterns())


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
            phone_raw=phones[0].raw if phones else (get("contacts") or None),
            international=intl or international_name(name)))
    return rows


def is_profile(t: Table) -> bool:
    """A grantee's label | value profile, not a partners table, however its rows are named."""
    return is_form_table(t) and len(read_fields([t], grantee_labels())) >= 3


def extract_partners(doc: Document) -> list[PartnerRow]:
    out: list[PartnerRow] = []
    for t in doc.tables():
        if map_columns(t, "contracts") is not None or is_profile(t):
            continue
        for cmap in column_maps(t, "partners"):
            out.extend(table_partners(doc, t, cmap))
    return out


# ---------------------------------------------------------------- an NGO report's own partners

LIST_BULLET = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|[•·▪*\-–—])\s*")
NAME_NOTE = re.compile(r"\s[–—-]\s")  # "«Media Hub» ЖШС – ақпараттық қолдау": the name, then its part


def partners_label(p: Paragraph) -> int | None:
    """Where the list begins when ``p`` opens with a partners label ("Жобаның серіктестері:")."""
    s = Stream.of(form_lines([p]))
    found = find_labels(s, (("partners", tuple(labels("tables", "partners", "prose_labels"))),))
    if found and found[0].start == 0:
        return found[0].end
    return framed_list(p.text)


def framed_list(text: str) -> int | None:
    """Where the names begin in a listing sentence that opens with no label but with its
    frame ("К реализации проекта в качестве партнеров привлечены ...", "... серіктестер
    ретінде ... тартылды"): the frames of ``list_frame_re``."""
    for rx in labels("tables", "partners", "list_frame_re"):
        m = re.search(rx, text, re.I)
        if m:
            return m.end()
    return None


def unframe(text: str) -> str:
    """A listing sentence without its frame: "Жобаны іске асыруға серіктестер ретінде X және Y
    тартылды." → "X және Y"."""
    spec = labels("tables", "partners")
    for rx in spec["list_lead_re"]:
        text = re.sub(rx, "", text, count=1, flags=re.I)
    return re.sub(spec["list_tail_re"], "", text, flags=re.I)


def split_list(text: str) -> list[str]:
    """The organisations of a listing sentence: split at ";", and at "," or a conjunction
    when the next name begins (a capital, a quote); never inside quotes or brackets."""
    text = unframe(text)
    joiners = labels("tables", "partners", "list_joiners")
    rx = re.compile(r";|,|\s(?:%s)\s" % "|".join(map(re.escape, joiners)))
    out, start, depth = [], 0, 0
    for m in rx.finditer(text):
        depth = nesting(text[:m.start()])
        after = text[m.end():].lstrip()
        if depth == 0 and after and (m.group(0) == ";" or after[0].isupper() or after[0] in "«\"“"):
            out.append(text[start:m.start()])
            start = m.end()
    out.append(text[start:])
    return [t for t in (tidy_item(x) for x in out) if t]


def nesting(s: str) -> int:
    """How many quotes or brackets are open at the end of ``s``."""
    return max(0, s.count("«") - s.count("»")) + max(0, s.count("(") - s.count(")")) + s.count('"') % 2


def tidy_item(s: str) -> str:
    return LIST_BULLET.sub("", s).strip(" .;,:\n")


def org_like(text: str) -> bool:
    """A list item that names an organisation: a legal form, a quoted name, an org's head word."""
    t = probe(text)
    words = [probe(w) for w in labels("tables", "partners", "org_words")]
    return bool(split_org(text).legal_form) or "«" in text or international_name(text) or \
        any(re.search(rf"(?<!\w){re.escape(w)}", t) for w in words)


def is_item(b) -> bool:
    """A paragraph of the list under a partners label: not a title (a heading, a bold line,
    one that ends on a colon or is a partners label itself), and a bullet or an organisation."""
    if not isinstance(b, Paragraph) or b.is_heading or b.bold or not b.text.strip() or len(b.text) > 400:
        return False
    if b.text.rstrip().endswith(":") or partners_label(b) is not None:
        return False
    return bool(LIST_BULLET.match(b.text)) or org_like(b.text) or unframe(b.text) != b.text


def listed(blocks: list) -> list[tuple[str, Paragraph]]:
    """Each partner named after a partners label, with its paragraph: in the label's own
    sentence, or in the list of paragraphs under it."""
    out: list[tuple[str, Paragraph]] = []
    for i, b in enumerate(blocks):
        at = partners_label(b) if isinstance(b, Paragraph) else None
        if at is None:
            continue
        if b.text[at:].strip():
            out += [(x, b) for x in split_list(b.text[at:])]
            continue
        for item in blocks[i + 1:]:
            if not is_item(item):
                break
            out += [(x, item) for line in item.text.split("\n") for x in split_list(line)]
    return out


def listed_row(doc_id: str, n: int, text: str, p: Paragraph, project: str | None,
               grantee: str | None) -> PartnerRow:
    """One listed partner: its name, what it did (after a dash) and a phone if given."""
    phones = find_phones(text)
    for ph in reversed(phones):
        text = text[:ph.start] + text[ph.end:]
    if phones:  # what the phone leaves behind: "(тел. )", ", тел.:"
        text = re.sub(r"[,;(\s]*(?:тел\.?|телефон)?[\s:.)]*$", "", text)
    name, note = partner_name(text)
    m = NAME_NOTE.search(name)
    if m:
        name, note = name[:m.start()].strip(), (note or name[m.end():].strip()) or None
    org = split_org(name)
    return PartnerRow(
        doc_id=doc_id, **where_para(p).as_kwargs(), row=n, project=project, grantee=grantee,
        partner=name, note=note, partner_org_id=org_id(org.name_norm, org.legal_form),
        phone=phones[0].e164 if phones else None, phone_raw=phones[0].raw if phones else None,
        international=international_name(name))


def report_partners(doc: Document, project: str | None, grantee: str | None) -> list[PartnerRow]:
    """An NGO report's partners, in reading order: its partner tables and its listings.
    The report is one project, so every row is the report's project and grantee."""
    rows = [replace(r, project=project, grantee=grantee) for r in extract_partners(doc)]
    rows += [listed_row(doc.doc_id, n, text, p, project, grantee)
             for n, (text, p) in enumerate(listed(doc.blocks), start=1)]
    order = {b.prov.locator: i for i, b in enumerate(doc.blocks)}
    return sorted(rows, key=lambda r: order.get(r.locator.split("/")[0], len(order)))
