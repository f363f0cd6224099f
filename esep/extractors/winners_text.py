"""Winners named in running text: labelled fields, a numbered list, a paragraph per winner, or prose.

Results news and many protocols name their winners without a table. From the
first paragraph that speaks of winners on, two forms are read:

* labelled fields, a winner's fields in one paragraph or in several ("Грант
  алушы: «Феникс» ҚҚ / Жобаның атауы: Тірек / Грант сомасы: 20.500.000 теңге");
  the labels are the winners table's headers ([tables.winners]); a label met a
  second time starts the next winner;
* sentences: "1. «Алтай жастары» ҚБ – «Жасыл Алтай» жобасы, 6 000 000 теңге;",
  "победителем признан ОФ «...» с проектом «...», сумма гранта 5 000 000 тенге",
  "«...» жобасын «...» ҚБ жүзеге асырады". Each line, sentence or ";"-part names
  a winner when it names an organisation (a legal form beside a «name») and a
  grant sum or a «project».
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from esep.extractors.common import where_para
from esep.labels import first_role, has_any, labels
from esep.model import Paragraph
from esep.normalize.amounts import find_amounts, parse_amount
from esep.normalize.orgs import find_legal_forms
from esep.normalize.text import clean
from esep.records import WinnerRow

OPENING, CLOSING = "«“„", "»”"
KK_LETTERS = re.compile(r"[әғқңөұүһі]", re.I)
LIST_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+")
SEGMENT_BREAK = re.compile(r"\n+|(?<=[.!?;])\s+(?=[«\"“A-ZА-ЯӘҒҚҢӨҰҮҺІ0-9])|;\s*|,\s+(?:ал|а|а также)\s+(?=[«“„\"])")
FIELD_LINE = re.compile(r"^\s*(?:\d{1,3}\s*[.)]\s*)?([^:«»\d]{2,60}?)\s*:\s*(\S.*)$")
FIELD_ROLES = ("direction", "recipient", "project", "grant")
LABEL_START = re.compile(r"\s+(?=[A-ZА-ЯӘҒҚҢӨҰҮҺІ][^:«»\d]{2,60}?:\s)")
DANGLING = re.compile(r"[–—:,-]\s*$")
GROUPED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0.]\d{3}){2,}(?:,\d{2})?(?![\d.,]\d)")
WORDS_BEFORE_CURRENCY = re.compile(r"((?:[^\W\d_]+\s+){1,8})(?:тенге|теңге)", re.I)


@dataclass(frozen=True)
class Span:
    """A piece of a segment: where it starts and ends, and its text."""

    start: int
    end: int
    text: str


def quotes_unified(text: str) -> str:
    """The text with every quote pair as «», same length (offsets hold): “…”, „…“, "…"."""
    out, open_straight = [], True
    for ch in text:
        if ch in OPENING:
            ch = "«"
        elif ch in CLOSING:
            ch = "»"
        elif ch == '"':
            ch, open_straight = ("«" if open_straight else "»"), not open_straight
        out.append(ch)
    return "".join(out)


def quoted(text: str) -> list[Span]:
    """The «names» of a text; a name nested in another whose closing quote the inner one
    stands for ("«Жас Ұлан «бірыңғай ... ұйымы» ҚБ", as Kazakh typesetting prints it) is one."""
    return [nested(text, Span(m.start(), m.end(), m.group(1)))
            for m in re.finditer(r"«([^«»]{2,300})»", text)]


def nested(text: str, q: Span) -> Span:
    """``q`` grown left to an unclosed « a few words before it, if there is one."""
    left = text.rfind("«", 0, q.start)
    if left < 0 or "»" in text[left:q.start] or len(text[left + 1:q.start].split()) > 4:
        return q
    return Span(left, q.end, text[left + 1:q.end - 1])


def organisation(text: str) -> Span | None:
    """The first grantee named in ``text``: a legal form beside a «name». A Kazakh form
    follows its name, a word or two between ("«Жасыл қала» экологиялық қоғамдық бірлестігі"),
    a Russian one precedes it ("ОФ «Қамқор»"); the other side when that one has none."""
    names = quoted(text)
    for hit in legal_forms(text):
        if hit.code in labels("competition", "not_winner_forms"):
            continue
        after = next((q for q in names if q.start >= hit.end and not text[hit.end:q.start].strip()), None)
        before = next((q for q in names[::-1] if q.end <= hit.start and name_gap(text[q.end:hit.start])), None)
        form = text[hit.start:hit.end]
        sides = (before, after) if form == hit.code or KK_LETTERS.search(form) else (after, before)
        name = next((q for q in sides if q is not None), None)
        if name is not None:
            start, end = min(name.start, hit.start), max(name.end, hit.end)
            return Span(start, end, text[start:end])
    return None


@dataclass(frozen=True)
class Form:
    """A legal form found in a segment; ``code`` is the canonical one, or the form as printed."""

    start: int
    end: int
    code: str


def legal_forms(text: str) -> list[Form]:
    """The legal forms of data/labels/legal_forms.tsv, and the grantee forms the competition
    labels add (republican associations: "РҚБ", "РОО"), left to right."""
    hits = [Form(h.start, h.end, h.code) for h in find_legal_forms(text)]
    extra = re.finditer(labels("competition", "winner_forms_re"), text)
    hits += [Form(m.start(), m.end(), m.group(0)) for m in extra
             if all(m.end() <= h.start or m.start() >= h.end for h in hits)]
    return sorted(hits, key=lambda h: h.start)


def name_gap(gap: str) -> bool:
    """At most two words, no punctuation, between a «name» and its legal form."""
    return len(gap.split()) <= 2 and not re.search(r"[«»–—,:;()]", gap)


def first_group(patterns: list[str], text: str, skip: Span) -> str | None:
    """The first «title» a pattern finds outside the organisation's own name."""
    for pattern in patterns:
        for m in re.finditer(pattern, text, re.I):
            if m.start(1) >= skip.end or m.end(1) <= skip.start:
                return clean(m.group(1)).strip(" .")
    return None


def grant_sum(text: str) -> Decimal | None:
    """The sum in a segment: digits ("5 000 000 тенге", "3,5 млн"), else words ("восемь миллионов
    тенге"), else a number in thousands groups with no currency (a table row printed as a line)."""
    found = find_amounts(text)
    if found:
        return found[0].value
    grouped = GROUPED_NUMBER.search(text)
    if grouped:
        return parse_amount(grouped.group(0))
    m = WORDS_BEFORE_CURRENCY.search(text)
    if not m:
        return None
    words = m.group(0).split()
    for i in range(len(words) - 1):  # the longest run of words before the currency that is a number
        value = parse_amount(" ".join(words[i:]))
        if value is not None:
            return value
    return None


def lone_title(text: str, org: Span, direction: str | None) -> str | None:
    """The one «title» after the organisation that is not its direction: a row of a table
    printed as a line ("1  ОФ «Шаңырақ»  «Семейные ценности»  4 500 000,00")."""
    titles = [clean(q.text) for q in quoted(text) if q.start >= org.end and clean(q.text) != direction]
    return titles[0].strip(" .") if len(titles) == 1 else None


def segments(text: str) -> list[str]:
    return [s.strip() for s in SEGMENT_BREAK.split(text) if s and s.strip()]


def winner(seg: str, n: int, p: Paragraph, doc_id: str) -> WinnerRow | None:
    """The winner a segment names, or None when it names no organisation, or neither sum nor project."""
    text = quotes_unified(seg)
    org = organisation(text)
    if org is None:
        return None
    spec = labels("competition")
    direction = first_group(spec["winner_direction_re"], text, org)
    project = first_group(spec["winner_project_re"], text, org) or lone_title(text, org, direction)
    amount = grant_sum(text[org.end:]) or grant_sum(text)
    if amount is None and project is None:
        return None
    m = LIST_NUMBER.match(seg)
    return WinnerRow(doc_id=doc_id, row=int(m.group(1)) if m else n, **where_para(p, seg).as_kwargs(),
                     direction=direction,
                     recipient=seg[org.start:org.end], project=project,
                     grant_kzt=amount.quantize(Decimal("0.01")) if amount is not None else None)


@dataclass
class Block:
    """One winner's labelled fields, and the paragraphs they were read from."""

    fields: dict[str, str]
    paras: list[Paragraph]
    lines: list[str]


def field(line: str) -> tuple[str, str] | None:
    """(role, value) of a "Label: value" line whose label is a winners column header."""
    m = FIELD_LINE.match(line)
    if not m:
        return None
    spec = labels("tables", "winners")
    role = first_role(m.group(1), spec["columns"], spec["role_order"])
    return (role, clean(m.group(2))) if role in FIELD_ROLES else None


def field_parts(line: str) -> list[str]:
    """A line cut before each label it holds: " / ", "; " or a label a PDF ran into the
    value before it ("Жобаның атауы: ... насихаттау Грант сомасы: 16854464 теңге")."""
    out: list[str] = []
    for part in re.split(r"\s+/\s+|\s*;\s+", line):
        pieces = LABEL_START.split(part)
        out.append(pieces[0])
        for piece in pieces[1:]:
            if field(piece) is None:
                out[-1] += " " + piece
            else:
                out.append(piece)
    return out


def blocks(paragraphs: list[Paragraph]) -> list[Block]:
    """Labelled fields grouped into winners: a role seen again starts a new one."""
    out: list[Block] = []
    for p in paragraphs:
        for line in p.text.split("\n"):
            for part in field_parts(line):
                found = field(part)
                if found is None:
                    continue
                role, value = found
                if not out or role in out[-1].fields:
                    out.append(Block({}, [], []))
                out[-1].fields[role] = value
                out[-1].lines.append(clean(part))
                if p not in out[-1].paras:
                    out[-1].paras.append(p)
    return [b for b in out if "recipient" in b.fields and "grant" in b.fields]


def block_winner(b: Block, n: int, doc_id: str) -> WinnerRow:
    f = b.fields
    amount = grant_sum(f["grant"]) or parse_amount(re.sub(r"[\s.](?=\d{3}\b)", "", f["grant"]))
    untitled = {k: f[k].strip("«»\"“” .") or None for k in ("direction", "project") if k in f}
    return WinnerRow(doc_id=doc_id, row=n, **where_para(b.paras[0], " / ".join(b.lines), b.paras[1:]).as_kwargs(),
                     direction=untitled.get("direction"), recipient=f["recipient"], project=untitled.get("project"),
                     grant_kzt=amount.quantize(Decimal("0.01")) if amount is not None else None)


def text_winners(paragraphs: list[Paragraph], doc_id: str) -> list[WinnerRow]:
    """Winners of the paragraphs from the first that speaks of winners on, in their order:
    labelled-field blocks, and sentences in the paragraphs no block holds."""
    intro = labels("competition", "winners_intro")
    start = next((i for i, p in enumerate(paragraphs) if has_any(p.text, intro)), None)
    if start is None:
        return []
    found = blocks(paragraphs[start:])
    held = {id(p) for b in found for p in b.paras}
    order = {id(p): i for i, p in enumerate(paragraphs)}
    rows = [(order[id(b.paras[0])], block_winner(b, 0, doc_id)) for b in found]
    for p, text in joined([p for p in paragraphs[start:] if id(p) not in held]):
        rows += [(order[id(p)], w) for w in (winner(seg, 0, p, doc_id) for seg in segments(text)) if w]
    rows.sort(key=lambda x: x[0])  # stable: a paragraph's winners keep their order
    for n, (_, w) in enumerate(rows, 1):
        w.row = w.row or n
    return [w for _, w in rows]


def joined(paragraphs: list[Paragraph]) -> list[tuple[Paragraph, str]]:
    """Each paragraph's text, and the next one's after it when it breaks off at a dash or a
    colon (a PDF set "грант сомасы –" and "12 000 000 теңге." as two paragraphs)."""
    out: list[tuple[Paragraph, str]] = []
    for p in paragraphs:
        if out and DANGLING.search(out[-1][1]) and len(p.text) <= 80:
            out[-1] = (out[-1][0], out[-1][1] + " " + p.text)
        else:
            out.append((p, p.text))
    return out
