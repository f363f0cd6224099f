"""Competition results: the expert commission's protocol (or its extract), the
operator's final conclusion on the applications, preliminary and final results.

What it states: the protocol's number and date, the announcement and the
deadline, how many applications came from how many NGOs (and in which
language: esep/extractors/counts.py), the applications per topic, and the
winners with their projects and grant sums, in a table here or in running
text (esep/extractors/winners_text.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from esep.extractors.common import ColumnMap, cell_text, map_columns, where_row
from esep.extractors.contracts import is_total_row, money, row_number
from esep.extractors.counts import StatedCounts, sentences
from esep.extractors.summary import is_date_line, lines
from esep.labels import has_any, labels
from esep.model import Document, Paragraph, Table
from esep.normalize.dates import DateMention, find_dates
from esep.normalize.text import clean
from esep.records import DocumentRow, WinnerRow


# "1-20 наурыз": the first day of a range of days, dropped so that the range reads as its last day
RANGE_START = re.compile(r"(?<![\d.])\d{1,2}\s*[-–—]\s*(?=\d{1,2}\s+[^\W\d_])")


@dataclass
class Winners:
    rows: list[WinnerRow]
    total: WinnerRow | None


def table_winners(t: Table, cmap: ColumnMap, doc_id: str) -> Winners:
    out = Winners([], None)
    for r in range(cmap.body_start, t.n_rows):
        get = lambda role: cell_text(t, r, cmap.roles.get(role))  # noqa: E731
        if is_total_row(t, r):
            out.total = WinnerRow(doc_id=doc_id, row=0, **where_row(t, r).as_kwargs(), grant_kzt=money(get("grant")))
        elif get("recipient") and money(get("grant")) is not None:
            out.rows.append(WinnerRow(
                doc_id=doc_id, row=row_number(get("no"), len(out.rows) + 1), **where_row(t, r).as_kwargs(),
                direction=clean(get("direction")).strip("«»\"“” ") or None, recipient=get("recipient"),
                project=clean(get("project")).strip("«»\"“” .") or None, grant_kzt=money(get("grant"))))
    return out


def is_winners_table(t: Table) -> ColumnMap | None:
    """A winners table names organisations and grant sums but no contracts."""
    cmap = map_columns(t, "winners")
    return None if cmap is None or map_columns(t, "contracts") is not None else cmap


def extract_winners(doc: Document) -> Winners:
    out = Winners([], None)
    for t in doc.tables():
        cmap = is_winners_table(t)
        if cmap is not None:
            part = table_winners(t, cmap, doc.doc_id)
            out.rows.extend(part.rows)
            out.total = part.total or out.total
    return out


@dataclass(frozen=True)
class Protocol:
    """The commission's protocol a document is or cites."""

    number: str
    date: date | None  # the date printed beside its number
    in_title: bool  # the document is the protocol (or its extract), not a text that cites it


def protocol_mentions(text: str) -> list[tuple[int, int, str]]:
    """(start, end, number) of each "№ N" a protocol pattern finds; the span is the "№ N"."""
    out = []
    for pattern in labels("competition", "protocol_no_re"):
        for m in re.finditer(pattern, text, re.I):
            start = text.rfind("№", 0, m.start(1) + 1)
            out.append((start, m.end(1), m.group(1)))
    return sorted(set(out))


def is_glue(gap: str) -> bool:
    """Only words that may stand between a protocol's number and its date ("от", "жылғы")."""
    glue = labels("competition", "protocol_date_glue")
    words = re.findall(r"[^\W\d_]+", gap.lower())
    return len(gap) <= 60 and not re.search(r"\d", gap) and all(
        w in glue or any(len(g) >= 5 and w.startswith(g) for g in glue) for w in words)


def date_beside(text: str, start: int, end: int, year: int | None) -> DateMention | None:
    """The date printed right before or after the span: "№ 7 от 14.06.2024", "28 наурыздағы № 12-п"."""
    for d in find_dates(text, default_year=year):
        if d.end <= start and is_glue(text[d.end:start]) or d.start >= end and is_glue(text[end:d.start]):
            return d
    return None


def find_protocol(doc: Document, year: int | None) -> Protocol | None:
    """The first protocol number the document prints, with its date: printed beside that
    mention or beside a later one of the same number (a title often leaves the date out)."""
    title = {id(p) for p, _ in lines(doc, 3)[:4]}
    mentions = [(p, m) for p in doc.paragraphs() for m in protocol_mentions(p.text)]
    if not mentions:
        return None
    first, (_, _, number) = mentions[0][0], mentions[0][1]
    dates = (date_beside(p.text, start, end, year) for p, (start, end, n) in mentions if n == number)
    d = next((x for x in dates if x is not None), None)
    return Protocol(number, d.value if d else None, id(first) in title)


def header_date(doc: Document, year: int | None) -> date | None:
    """The date of the first line that is only a date (and a town) among the first lines;
    else the date that ends the title, where a PDF ran the dateline into it."""
    first = next(iter(doc.paragraphs()), None)
    if first is not None and "\n" not in first.text and closing_date(first.text, year):
        return closing_date(first.text, year)
    said = [stem_re(labels("competition", "announcement"))] + [
        re.compile(x, re.I) for x in labels("competition", "deadline_re")]
    for _, line in lines(doc, 12):
        if is_date_line(line, year) and not any(rx.search(line) for rx in said):
            return find_dates(line, default_year=year)[0].value
    return None


def closing_date(text: str, year: int | None) -> date | None:
    """A date that ends ``text``, a town after it at most ("... Республики Казахстан г. Астана
    «26» февраля 2021 года", "... бойынша 30.03.2021 ж., Астана қ."), unless it is the
    announcement's ("..., объявленного 6 марта 2025 года")."""
    found = find_dates(text, default_year=year)
    tail = text[found[-1].end:] if found else ""
    if not found or len(tail) > 25 or len(re.sub(r"[\W\d_]+", " ", tail).split()) > 3:
        return None
    d = found[-1]
    said = stem_re(labels("competition", "announcement")).search(text[max(0, d.start - 40):d.start])
    return None if said else d.value


def stem_re(stems: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.I)


def announcement_date(paragraphs: list[Paragraph], year: int | None) -> date | None:
    """The date nearest to an announcement word in its sentence ("объявленного «06» марта",
    "2024 жылғы 5 ақпанда жарияланған"), never the date beside a protocol's number."""
    rx = stem_re(labels("competition", "announcement"))
    for p in paragraphs:
        for sentence in sentences(p.text):
            taken = [date_beside(sentence, s, e, year) for s, e, _ in protocol_mentions(sentence)]
            dates = [d for d in find_dates(sentence, default_year=year) if d not in taken]
            for m in rx.finditer(sentence):
                near = [(min(abs(d.start - m.end()), abs(m.start() - d.end)), d.start, d) for d in dates]
                near = [x for x in near if x[0] <= 80]
                if near:
                    return min(near)[2].value
    return None


def deadline_date(paragraphs: list[Paragraph], year: int | None) -> date | None:
    """The last date of the clause that names the intake of applications ("срок приема
    заявок – с 1 по 20 марта", "өтінімдер 20 ақпан мен 15 наурыз аралығында қабылданды")."""
    patterns = [re.compile(x, re.I) for x in labels("competition", "deadline_re")]
    for p in paragraphs:
        for sentence in sentences(p.text):
            for m in (m for rx in patterns for m in rx.finditer(sentence)):
                start = sentence.rfind(",", 0, m.start()) + 1
                stop = sentence.find(",", m.end())
                clause = RANGE_START.sub("", sentence[start:stop if stop >= 0 else None])
                found = find_dates(clause, default_year=year)
                if found:
                    return found[-1].value
    return None


def dated(paragraphs: list[str], words: list[str], year: int | None) -> date | None:
    """The first date in the first paragraph that mentions one of ``words``."""
    for text in paragraphs:
        if has_any(text, words):
            found = find_dates(text, default_year=year)
            if found:
                return found[0].value
    return None


def fill_counts(d: DocumentRow, stated: StatedCounts) -> None:
    """The documents row's counts: totals and by language (esep/extractors/counts.py)."""
    d.applications_count, d.applicant_ngos_count = stated.applications, stated.ngos
    d.applications_kk, d.applications_ru = stated.applications_kk, stated.applications_ru
    d.applicant_ngos_kk, d.applicant_ngos_ru = stated.ngos_kk, stated.ngos_ru


def fill_dates(doc: Document, d: DocumentRow, year: int | None) -> None:
    """Protocol number and date, deadline, announcement; the document's date is the protocol's
    own, else the date line under the title, over a date line further down; a news item
    without a year on its title page takes the year of its dates."""
    paras = list(doc.paragraphs())
    protocol = find_protocol(doc, year)
    d.protocol_no = protocol.number if protocol else None
    own = protocol.date if protocol and protocol.in_title else None
    d.report_date = own or header_date(doc, year) or d.report_date
    d.deadline_date = deadline_date(paras, year)
    d.announcement_date = d.announcement_date or announcement_date(paras, year)
    d.report_date = d.report_date or dated([p.text for p in paras], labels("competition", "decision"), year)
    known = d.report_date or d.deadline_date or d.announcement_date
    d.reporting_year = d.reporting_year or (known.year if known else None)
