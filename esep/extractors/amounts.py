"""Money mentions anywhere in a report: running text and the contracts table.

A mention's `role` says what the sum is, and only the words of its own
clause settle it (`clause_role`):

- ``grant_total``, ``savings_total``, ``disbursed_total``: a total of the
  operator's main text, named by its clause ("жалпы сомасы ... грант",
  "61 250 теңге үнемделіп", "освоено ...", "экономия составила ...");
- ``recipient_amount``: any sum in a recipient's profile, and a sum after a
  profile's amount label wherever the sections put it (the profile's own field
  gives the amount the audit compares, see `esep.extractors.recipients`);
- ``mention``: the clause does not settle a role (no role words, two roles'
  words, a part of the whole such as one contract or one grant, a sum of
  another kind or year). Such a sum is a mention only: the audit never
  compares it with a total.

Table cells take the role of their column: ``grant``, ``savings``,
``disbursed``, and ``*_total`` in the totals row.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from esep.extractors.common import ColumnMap, map_columns, narrow_flag, where_cell, where_para
from esep.extractors.competition import is_winners_table
from esep.extractors.contracts import is_total_row, money
from esep.extractors.project_report import header_end
from esep.labels import labels, norm
from esep.model import Document, Paragraph, Table
from esep.normalize.amounts import AmountMention, is_dash, parse_amount
from esep.normalize.ocr_digits import words_amounts
from esep.records import AmountRow
from esep.sections import Parts

# a sentence ends at . ! ? before a capital letter or the end: "10 млн.теңгеге" goes on
SENTENCE = re.compile(r".*?(?:[.!?](?=\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ«\"“])|$)", re.S)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of sentences; an abbreviation's dot ("10 млн.теңге") does not end one."""
    spans = [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.end() > m.start()]
    return spans or [(0, len(text))]


KAZAKH = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# a clause ends at a comma or semicolon, and between two sums also at "и"/"және"/"а"/"ал"
PUNCT = re.compile(r"[,;]")
BETWEEN = re.compile(r"[,;]|\s(?:и|а|және|ал|также|сондай-ақ)\s", re.I)


@dataclass(frozen=True)
class RoleWords:
    """The [amounts] labels, compiled for `norm` text: stems that start a word."""

    families: dict[str, tuple[re.Pattern[str], ...]]
    total: tuple[re.Pattern[str], ...]
    part: tuple[re.Pattern[str], ...]
    other: tuple[re.Pattern[str], ...]
    amended: tuple[re.Pattern[str], ...]
    not_role: re.Pattern[str]
    single: tuple[re.Pattern[str], ...]
    count: tuple[re.Pattern[str], ...]


def stem_pattern(phrase: str) -> re.Pattern[str]:
    """A label phrase as stems: each word starts a word and takes any ending, and
    one word may stand between two ("грант сомасы" finds "гранттың жалпы сомасы")."""
    words = [re.escape(w) + r"\w*" for w in norm(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\W+(?:\w+\W+)?".join(words))


def word_pattern(word: str) -> re.Pattern[str]:
    """A short word matched whole ("ҚҚ", "ОФ": as stems they would start "офис")."""
    return re.compile(r"(?<!\w)" + re.escape(norm(word)) + r"(?!\w)")


@lru_cache(maxsize=1)
def role_words() -> RoleWords:
    spec = labels("amounts")
    stems = lambda key: tuple(stem_pattern(p) for p in spec[key])  # noqa: E731
    part = stems("part") + tuple(word_pattern(w) for w in spec["part_words"]) + \
        tuple(re.compile(x) for x in spec["part_re"])
    count = tuple(re.compile(norm(x), re.I) for x in labels("document", "contracts_count_re"))
    not_role = re.compile("|".join(r"(?<!\w)" + re.escape(norm(w)) + r"\w*" for w in spec["not"]))
    return RoleWords({f: stems(f) for f in ROLE_FAMILIES}, stems("total") + count, part, stems("other"),
                     stems("amended"), not_role, tuple(word_pattern(w) for w in spec["single"]), count)


ROLE_FAMILIES = ("savings", "disbursed", "grant")


def families_in(text: str, words: RoleWords) -> set[str]:
    """The role families whose words occur in ``text``. A longer word of one family
    covers a shorter one of another ("пайдаланылмаған" is unspent, not spent)."""
    t = words.not_role.sub(" ", norm(text))
    hits = [(f, m.start(), m.end()) for f, pats in words.families.items() for p in pats for m in p.finditer(t)]
    return {f for f, a, b in hits
            if not any(g != f and a2 <= a and b <= b2 and b2 - a2 > b - a for g, a2, b2 in hits)}


def has(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    t = norm(text)
    return any(p.search(t) for p in patterns)


def clause_role(clause: str, lead: str, since_savings: str | None, words: RoleWords) -> str:
    """The role the words of one clause give a sum in the operator's main text.

    ``lead`` is the sentence up to the sum (from the sum before it): it names the
    sum when the clause itself is a bare predicate after a participle set off by
    commas ("Общая сумма грантов, предоставляемых победителям, составляет ...").
    ``since_savings`` is the text since a savings sum of the same sentence: a
    grant sum restated after the contracts were amended is what was disbursed.
    """
    families = families_in(clause, words)
    if not families:
        clause, families = lead + " " + clause, families_in(lead, words)
    if not families or {"savings", "disbursed"} <= families or has(words.other, lead + " " + clause):
        return "mention"
    if has(words.part, clause) and not has(words.total, clause):
        return "mention"  # one contract's or one NGO's sum is no total
    if "savings" in families or "disbursed" in families:
        return ("savings" if "savings" in families else "disbursed") + "_total"
    if since_savings is not None:
        return "disbursed_total" if has(words.amended, since_savings) else "mention"
    if has(words.single, clause) and not has(words.count, clause):
        return "mention"  # "Гранттың жалпы сомасы", "Общая сумма гранта": one grant's sum
    return "grant_total" if has(words.total, clause) else "mention"


def clause_spans(text: str, lo: int, hi: int, inside: list[AmountMention]) -> list[tuple[int, int]]:
    """For each sum of one sentence [lo, hi), the clause that describes it: from the
    boundary before it to the boundary after it. Words between two sums with no
    boundary between belong to one of them: in Kazakh to the sum before them, whose
    predicate they are ("... теңгенің 9 938 750 теңгесі игерілді"), in Russian to
    the sum after them ("из выделенных 10 000 000 тенге освоено 9 938 750 тенге")."""
    kazakh = bool(KAZAKH.search(text, lo, hi))
    spans, start = [], lo
    for i, m in enumerate(inside):
        nxt = inside[i + 1].start if i + 1 < len(inside) else hi
        before = [x.end() for x in (BETWEEN if i else PUNCT).finditer(text, start, m.start)]
        after = (BETWEEN if nxt < hi else PUNCT).search(text, m.end, nxt)
        shared = after is None and nxt < hi
        end = after.start() if after else (m.end if shared and not kazakh else nxt)
        spans.append((before[-1] if before else start, end))
        start = nxt if shared and kazakh else (after.end() if after else m.end)
    return spans


PLURAL = re.compile(r"гранттар|грантов|гранты|шарттар|договоров|барлыгы|всего|итого")


@lru_cache(maxsize=1)
def amount_fields() -> tuple[re.Pattern[str], ...]:
    """The amount labels of a recipient's profile and of an NGO report's header."""
    return tuple(stem_pattern(x) for x in labels("recipient", "fields", "amount") +
                 labels("project_report", "fields", "amount"))


@lru_cache(maxsize=1 << 13)  # asked of every cell of every table
def is_amount_field(label: str, colon: bool = True) -> bool:
    """Whether ``label`` is a profile's amount field ("6. Грантты іске асыруға бөлінген
    қаражаттың жалпы сомасы:", a label cell "Сумма гранта"): its sum is the recipient's,
    wherever the sections put the profile."""
    t = norm(label)
    if len(t) > 90 or colon and not t.rstrip(" *").endswith(":") or PLURAL.search(t):
        return False  # a sentence, not a label; "Гранттардың жалпы сомасы:" is the total of all
    return any(p.search(t) for p in amount_fields())


# the project's own savings and spending in an NGO's report ("сэкономлено 11 577 тенге"), never a total
OWN_ROLE = {"savings_total": "savings", "disbursed_total": "disbursed"}


def text_roles(text: str, mentions: list[AmountMention], context: str) -> list[str]:
    """A role for each mention of one paragraph (see the module docstring)."""
    if context == "ngo_body":  # an NGO's own report: a sum its clause settles is its project's own
        return [OWN_ROLE.get(r, "mention") for r in main_roles(text, mentions)]
    if context != "main":
        return ["recipient_amount" if context == "recipient" else "mention"] * len(mentions)
    roles = main_roles(text, mentions)
    for i, m in enumerate(mentions):  # a form field's sum, set on its own line
        if is_amount_field(text[text.rfind("\n", 0, m.start) + 1:m.start]):
            roles[i] = "recipient_amount"
    return roles


def main_roles(text: str, mentions: list[AmountMention]) -> list[str]:
    words, roles = role_words(), []
    for lo, hi in sentences(text):
        inside = [m for m in mentions if lo <= m.start < hi]
        prev_end, savings_end = lo, None
        for m, (a, b) in zip(inside, clause_spans(text, lo, hi, inside)):
            since = text[savings_end:m.start] if savings_end is not None else None
            role = clause_role(text[a:m.start] + " " + text[m.end:b], text[prev_end:a], since, words)
            if role == "savings_total" and savings_end is None:
                savings_end = m.end
            roles.append(role)
            prev_end = m.end
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
    found = words_amounts(lead + p.text)
    roles = text_roles(lead + p.text, found, context)
    own = [(dataclasses.replace(m, start=m.start - len(lead), end=m.end - len(lead)), role)
           for m, role in zip(found, roles) if m.start >= len(lead)]
    mentions, roles = [m for m, _ in own], [r for _, r in own]
    w = where_para(p)
    return [AmountRow(doc_id=doc_id, page=w.page, locator=f"{w.locator}/chars:{m.start}-{m.end}",
                      evidence=p.text, bbox=w.bbox, value_kzt=m.value, raw=m.raw, words=m.words,
                      words_kzt=m.words_value, role=role, ocr_flag=mention_flag(w.ocr_flag, m))
            for m, role in zip(mentions, roles)]


def mention_flag(flag: str | None, m: AmountMention) -> str | None:
    """The OCR flag of one sum: its own words' parts of its block's flag; none when the
    sum in words gives the same value (two readings agree, so the digits are right)."""
    if flag is None or m.words_value is not None and m.words_value == m.value:
        return None
    return narrow_flag(flag, [m.raw])


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
    """id(paragraph) -> "main", "recipient", "project" or, in an NGO's own report, "ngo_body".

    In an NGO's own report the header (grantee, sum, ...) is the recipient
    part and the rest its project; in other kinds the parts are the sections.
    """
    if kind == "project_report":
        header = {id(b) for b in doc.blocks[:header_end(doc)]}  # as the project body is cut
        return {id(b): "recipient" if id(b) in header else "ngo_body" for b in doc.blocks}
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
    out = []
    for r in range(t.n_rows):
        cells = t.origins(r)
        field = context == "recipient" or any(is_amount_field(c.text, colon=False) for c in cells)
        role = "recipient_amount" if field else "mention"
        for cell in cells:
            w = where_cell(t, cell)
            out += [AmountRow(doc_id=doc_id, page=w.page, locator=f"{w.locator}/chars:{m.start}-{m.end}",
                              evidence=cell.text, bbox=w.bbox, value_kzt=m.value, raw=m.raw, words=m.words,
                              words_kzt=m.words_value, role=role, ocr_flag=mention_flag(w.ocr_flag, m))
                    for m in words_amounts(cell.text)]
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
