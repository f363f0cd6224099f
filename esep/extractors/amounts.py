"""Money mentions anywhere in a report: running text and the contracts table."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

from esep.extractors.common import ColumnMap, map_columns, where_cell, where_para
from esep.extractors.competition import is_winners_table
from esep.extractors.contracts import is_total_row, money
from esep.extractors.project_report import header_blocks
from esep.labels import has_any, labels
from esep.model import Document, Paragraph, Table
from esep.normalize.amounts import AmountMention, find_amounts, is_dash, parse_amount
from esep.records import AmountRow
from esep.sections import Parts

# a sentence ends at . ! ? before a capital letter or the end: "10 млн.теңгеге" goes on
SENTENCE = re.compile(r".*?(?:[.!?](?=\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ«\"“])|$)", re.S)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences; an abbreviation's dot ("10 млн.теңге") does not end one."""
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.end() > m.start()]
    return spans or [(0, len(text))]


def clause_before(text: str, start: int, lo: int) -> str:
    """From the last comma (or the sentence start) up to the mention and a little after."""
    cut = max(text.rfind(",", lo, start), lo)
    return text[cut:min(len(text), start + 60)]


def text_roles(text: str, mentions: list[AmountMention], context: str) -> list[str]:
    """A role for each mention of one paragraph."""
    spec = labels("amounts")
    roles = []
    for lo, hi in sentences(text):
        saw_savings = False
        for m in (m for m in mentions if lo <= m.start < hi):
            clause = clause_before(text, m.start, lo)
            if has_any(clause, spec["savings"]) and not saw_savings:
                role, saw_savings = "savings_total", True
            elif saw_savings or has_any(clause, spec["disbursed"]):
                role = "disbursed_total"
            elif context == "main" and has_any(text[lo:hi], spec["grant"]):
                role = "grant_total"
            else:
                role = "recipient_amount" if context == "recipient" else "mention"
            roles.append(role)
    return roles


def sentence_lead(prev: Paragraph | None, p: Paragraph) -> str:
    """The start of the sentence ``p`` continues, when a page or a PDF line
    split it off the paragraph before ("... сумма составила" | "161 974 514 тенге.")."""
    if prev is None or re.search(r"[.!?:;]\s*$", prev.text) or not re.match(r"\s*[\d(а-яәғқңөұүһі]", p.text):
        return ""
    return prev.text.rsplit(". ", 1)[-1] + " "


def paragraph_amounts(p: Paragraph, doc_id: str, context: str, lead: str = "") -> list[AmountRow]:
    # roles are read in the whole sentence (the savings stated before a split
    # make the sum after it the disbursed one); the mentions kept are the paragraph's own
    found = find_amounts(lead + p.text)
    roles = text_roles(lead + p.text, found, context)
    own = [(dataclasses.replace(m, start=m.start - len(lead), end=m.end - len(lead)), role)
           for m, role in zip(found, roles) if m.start >= len(lead)]
    mentions, roles = [m for m, _ in own], [r for _, r in own]
    w = where_para(p)
    return [AmountRow(doc_id=doc_id, page=w.page, locator=f"{w.locator}/chars:{m.start}-{m.end}",
                      evidence=p.text, bbox=w.bbox, value_kzt=m.value, raw=m.raw, words=m.words,
                      words_kzt=m.words_value, role=role)
            for m, role in zip(mentions, roles)]


def cell_amount(t: Table, r: int, col: int | None, role: str, doc_id: str) -> AmountRow | None:
    if col is None:
        return None
    cell = t.grid[r][col]
    value = money(cell.text)
    if value is None or not any(ch.isdigit() for ch in cell.text):  # a dash is no mention
        return None
    w = where_cell(t, cell)
    return AmountRow(doc_id=doc_id, **w.as_kwargs(), value_kzt=value.quantize(Decimal("0.01")),
                     raw=cell.text.strip(), role=role)


def paragraph_context(doc: Document, parts: Parts, kind: str = "operator_report") -> dict[int, str]:
    """id(paragraph) -> "main", "recipient" or "project".

    In an NGO's own report the header (grantee, sum, ...) is the recipient
    part and the rest its project; in other kinds the parts are the sections.
    """
    if kind == "project_report":
        header = {id(b) for b in header_blocks(doc)}
        return {id(b): "recipient" if id(b) in header else "project" for b in doc.blocks}
    ctx = {id(b): "main" for b in parts.main.blocks}
    for sec in parts.recipients:
        ctx.update({id(b): "recipient" for b in sec.blocks})
    for sec in parts.projects:
        ctx.update({id(b): "project" for b in sec.blocks})
    return ctx


def extract_amounts(doc: Document, ctx: dict[int, str]) -> list[AmountRow]:
    """Every money mention: paragraphs in order, then the money cells of the
    contracts and winners tables."""
    rows: list[AmountRow] = []
    prev = None
    for p in doc.paragraphs():
        rows.extend(paragraph_amounts(p, doc.doc_id, ctx.get(id(p), "mention"), sentence_lead(prev, p)))
        prev = p
    for t in doc.tables():
        cmap = map_columns(t, "contracts") or is_winners_table(t)
        if cmap is not None:
            rows.extend(table_amounts(t, cmap, doc.doc_id))
        else:
            rows.extend(cell_mentions(t, doc.doc_id, ctx.get(id(t), "mention")))
    return rows


def cell_mentions(t: Table, doc_id: str, context: str) -> list[AmountRow]:
    """Money written out in the cells of any other table ("Грант сомасы: | 3 150 000 (...) тенге")."""
    role = "recipient_amount" if context == "recipient" else "mention"
    out = []
    for r in range(t.n_rows):
        for cell in t.origins(r):
            w = where_cell(t, cell)
            out += [AmountRow(doc_id=doc_id, page=w.page, locator=f"{w.locator}/chars:{m.start}-{m.end}",
                              evidence=cell.text, bbox=w.bbox, value_kzt=m.value, raw=m.raw, words=m.words,
                              words_kzt=m.words_value, role=role) for m in find_amounts(cell.text)]
    return out


def table_amounts(t: Table, cmap: ColumnMap, doc_id: str) -> list[AmountRow]:
    rows = []
    for r in range(cmap.body_start, t.n_rows):
        suffix = "_total" if is_total_row(t, r) else ""
        for role in ("grant", "savings", "disbursed"):
            row = cell_amount(t, r, cmap.roles.get(role), role + suffix, doc_id)
            if row:
                rows.append(row)
    return rows
