"""Counts a report states in words: how many applications from how many NGOs, in which language.

"4 ҮЕҰ-дан 4 өтінім", "7 заявок (6 НПО)", "от 45 НПО поступило 60 заявок, из
них на государственном языке – 20 заявок (15 НПО), на русском – 40 (30 НПО)",
"358 өтінім келіп түсті. Өтінімдерді 204 ҮЕҰ жолдады". Word order varies, so
a sentence is cut into clauses (at commas and at "из них", "оның ішінде");
each number is read by the noun after it (applications or NGOs), each clause
by its language phrase and by its verb: received counts are the document's,
admitted ones ("допущено", "жіберілді", "рұқсат етілді") are not. A clause
without a verb takes the verb of its sentence: the one after it in Kazakh (the
verb ends the sentence), the one before it in Russian.

One reader for the extractors and the audit: the audit compares the stated
total with the applications table, the extractors fill the documents row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esep.labels import labels

KK_LETTERS = re.compile(r"[әғқңөұүһі]", re.I)
# a count: "1 700", "358"; never part of a longer number, a date or a decimal
_DIGIT = re.compile(r"\d")
NUMBER = r"(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?![\d.,]\d)"


@dataclass
class StatedCounts:
    """What a text states: totals, and the same counts by the language of the applications."""

    applications: int | None = None
    ngos: int | None = None
    applications_kk: int | None = None
    applications_ru: int | None = None
    ngos_kk: int | None = None
    ngos_ru: int | None = None


@dataclass
class Clause:
    """A piece of a sentence and the counts it states."""

    applications: int | None
    ngos: int | None
    language: str | None  # "kk", "ru", or None: the clause counts all languages
    status: str | None  # "received", "admitted", or None: no verb of its own


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    spec = labels("competition")
    keys = ("count_applications_re", "count_ngos_re", "count_language_kk_re", "count_language_ru_re",
            "count_received_re", "count_admitted_re", "count_clause_break_re",
            "count_applications_before_re", "count_ngos_before_re")
    return {k: re.compile(spec[k], re.I) for k in keys}


def sentences(text: str) -> list[str]:
    """Sentences and lines of a text (a count never spans two)."""
    parts = re.split(r"\n+|(?<=[.!?;])\s+(?=[«\"“A-ZА-ЯӘҒҚҢӨҰҮҺІ0-9])", text)
    return [p for p in parts if p.strip()]


def numbers(text: str, bare_is_applications: bool) -> tuple[int | None, int | None]:
    """(applications, NGOs) of one clause, each number read by the noun after it, or before
    it with a colon or dash ("заявок: 23"). In a language's clause a bare number is
    applications ("на русском – 40 (30 НПО)")."""
    pat = _patterns()
    apps = ngos = bare = None
    for m in re.finditer(NUMBER, text):
        value, rest = int(re.sub(r"\D", "", m.group(1))), text[m.end():].lstrip(" -–—")
        before = text[:m.start()]
        if pat["count_applications_re"].match(rest) or pat["count_applications_before_re"].search(before):
            apps = value if apps is None else apps
        elif pat["count_ngos_re"].match(rest) or pat["count_ngos_before_re"].search(before):
            ngos = value if ngos is None else ngos
        elif bare is None:
            bare = value
    return (bare if apps is None and bare_is_applications else apps), ngos


def clause(text: str) -> Clause:
    pat = _patterns()
    language = ("kk" if pat["count_language_kk_re"].search(text)
                else "ru" if pat["count_language_ru_re"].search(text) else None)
    apps, ngos = numbers(text, bare_is_applications=language is not None)
    status = ("admitted" if pat["count_admitted_re"].search(text)
              else "received" if pat["count_received_re"].search(text) else None)
    return Clause(apps, ngos, language, status)


def pieces(sentence: str) -> list[str]:
    """The sentence cut at clause breaks, and before a language phrase that follows a
    count ("оларды 7 ҮЕҰ ұсынды (мемлекеттік тілде – 5"): the language is the later numbers'."""
    pat, out = _patterns(), []
    for c in (c for c in pat["count_clause_break_re"].split(sentence) if c and c.strip()):
        m = pat["count_language_kk_re"].search(c) or pat["count_language_ru_re"].search(c)
        cut = m.start() if m and re.search(NUMBER, c[:m.start()]) else 0
        out.extend(x for x in (c[:cut], c[cut:]) if x.strip())
    return out


def clauses(sentence: str) -> list[Clause]:
    """The sentence's clauses, each with the verb it has or takes from its sentence."""
    out = [clause(c) for c in pieces(sentence)]
    verb_last = bool(KK_LETTERS.search(sentence))
    for i, c in enumerate(out):
        if c.status is None:
            order = out[i + 1:] + out[:i][::-1] if verb_last else out[:i][::-1] + out[i + 1:]
            c.status = next((o.status for o in order if o.status), "received")
    return out


def stated_counts(text: str, window: int = 3) -> StatedCounts:
    """The counts of the first sentence that states received applications, completed
    from the next ``window - 1`` sentences ("Өтінімдерді 204 ҮЕҰ жолдады")."""
    parts = sentences(text)
    # a sentence without a digit states no count: its clauses are read only when it is
    # in the window after the first one that does (a report's main text has hundreds)
    start = next((i for i, sent in enumerate(parts) if _DIGIT.search(sent) and any(
        c.status == "received" and c.language is None and c.applications for c in clauses(sent))), None)
    out = StatedCounts()
    if start is None:
        return out
    for cs in map(clauses, parts[start:start + window]):
        for c in (c for c in cs if c.status == "received"):
            fill(out, c)
    return out


def fill(out: StatedCounts, c: Clause) -> None:
    """Set the fields a clause states that are not set yet."""
    suffix = f"_{c.language}" if c.language else ""
    for field, value in ((f"applications{suffix}", c.applications), (f"ngos{suffix}", c.ngos)):
        if value is not None and getattr(out, field) is None:
            setattr(out, field, value)


def text_counts(text: str) -> tuple[int | None, int | None]:
    """(applications, applicant NGOs) as the text states them ("4 ҮЕҰ-дан 4 өтінім")."""
    c = stated_counts(text)
    return c.applications, c.ngos
