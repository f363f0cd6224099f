"""Dates, periods, clock times and contract references, Kazakh and Russian.

Reports write "2023 жылғы 10 сәуірдің", "2023 жылдың 27 қаңтарында",
"28.06.2023 ж.", "31 мамыр" (year implied), "«15» декабря 2023 г.".
Month names and their endings are in ``data/labels/months.toml``.
All finders run on a homoglyph-folded copy of the text (same length), so
their offsets index the input.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from esep.normalize.text import degrade_kazakh, fold_homoglyphs, load_labels

_Q = r"[«»\"“”„']?"  # a day is often quoted: «15» желтоқсан
_SEP = r"\s*[-–—‐‑]\s*"


@dataclass(frozen=True)
class DateMention:
    """A date found in text; offsets index the input string."""

    start: int
    end: int
    raw: str
    value: date


@dataclass(frozen=True)
class ContractRef:
    """A contract's number ("65", "12-ГР") and date, either may be missing."""

    number: str | None
    date: date | None


# ---------------------------------------------------------------- vocabulary


def _alt(words: set[str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _kk_stems() -> dict[str, int]:
    stems = load_labels("months")["kk"]["months"]
    return stems | {degrade_kazakh(s): n for s, n in stems.items()}


@lru_cache(maxsize=None)
def _kk_endings() -> set[str]:
    endings = load_labels("months")["kk"]["endings"]
    return set(endings) | {degrade_kazakh(e) for e in endings}


@lru_cache(maxsize=None)
def _ru_forms() -> dict[str, int]:
    return dict(load_labels("months")["ru"]["months"])


@lru_cache(maxsize=None)
def _month_re() -> str:
    """One month word in any listed form, optionally followed by "айы/айында"."""
    kk = rf"(?:{_alt(set(_kk_stems()))})(?:{_alt(_kk_endings())})"
    ru = _alt(set(_ru_forms()) | {f.replace("е", "ё") for f in _ru_forms()})
    return rf"(?<!\w)(?:{kk}|{ru})(?!\w)(?:\s+ай\w*)?"


@lru_cache(maxsize=None)
def _year_word_re() -> str:
    """"жылғы", "ж.", "года", "г." … after a year's digits."""
    words = [w for ws in load_labels("months")["year_words"].values() for w in ws]
    long = [w for w in words if len(w) > 1]
    short = [w for w in words if len(w) == 1]
    return rf"(?:(?:{_alt(long)})\w*|(?:{_alt(short)})(?!\w)\.?)"


def month_number(word: str) -> int | None:
    """Month number of a month word in any form ("сәуірдегі" → 4, "мая" → 5)."""
    words = fold_homoglyphs(word).casefold().replace("ё", "е").split()
    word = words[0] if words else ""
    if word in _ru_forms():
        return _ru_forms()[word]
    for stem, n in sorted(_kk_stems().items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem) and word[len(stem):] in _kk_endings():
            return n
    return None


# ---------------------------------------------------------------- dates


@lru_cache(maxsize=None)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    """Numeric, ISO, Kazakh year-first and day-month[-year] patterns."""
    mon, yw = _month_re(), _year_word_re()
    day = rf"{_Q}(?P<d>\d{{1,2}}){_Q}"
    year_after = rf"(?:\s*(?P<y>\d{{4}})(?!\d)(?:\s*{yw})?)?"
    return tuple(re.compile(p, re.I) for p in (
        r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])",
        r"(?<![\d.,:])(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4}|\d{2})(?![\d.]\d)(?!\d)"
        rf"(?:\s*{yw})?",
        rf"(?<![\d.,])(?P<y>\d{{4}})\s*{yw}\s*{day}\s*(?P<mon>{mon})",
        rf"(?<![\d.,:]){day}\s*(?:-?го\s+)?(?P<mon>{mon}){year_after}",
    ))


def _make_date(y: int | None, m: int | None, d: int) -> date | None:
    if y is None or m is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


_DIGIT = re.compile(r"\d")


def _value(m: re.Match[str], default_year: int | None) -> date | None:
    """The date a pattern match stands for, None if invalid or yearless."""
    g = m.groupdict()
    month = month_number(g["mon"]) if g.get("mon") else int(g["m"])
    year = int(g["y"]) if g.get("y") else default_year
    if year is not None and year < 100:
        year += 2000  # "10.04.23"
    return _make_date(year, month, int(g["d"]))


def _non_overlapping(spans: list[tuple[int, int, date]]) -> list[tuple[int, int, date]]:
    """Leftmost-longest choice among overlapping candidate spans."""
    chosen: list[tuple[int, int, date]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """All dates in ``text``; a date without a year takes ``default_year``."""
    if not _DIGIT.search(text):
        return []  # every pattern has its day in digits
    folded = fold_homoglyphs(text)
    spans = []
    for pattern in _date_patterns():
        for m in pattern.finditer(folded):
            value = _value(m, default_year)
            if value is not None:
                end = m.start() + len(m.group().rstrip())
                spans.append((m.start(), end, value))
    return [DateMention(s, e, text[s:e], v) for s, e, v in _non_overlapping(spans)]


def parse_date(s: str, default_year: int | None = None) -> date | None:
    """The first date in ``s`` ("2023 жылғы 10 сәуірдің" → 2023-04-10)."""
    found = find_dates(s, default_year)
    return found[0].value if found else None


# ---------------------------------------------------------------- periods


def _year_hint(s: str, default_year: int | None) -> int | None:
    """``default_year``, else the first plausible year written in ``s``."""
    if default_year is not None:
        return default_year
    m = re.search(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", s)
    return int(m.group(1)) if m else None


@lru_cache(maxsize=None)
def _month_period_re() -> re.Pattern[str]:
    """[year] [с] month1 [year1] – / по / мен month2 [year2]."""
    mon, yw, labels = _month_re(), _year_word_re(), load_labels("months")["period"]
    opener, joiner = _alt(labels["openers"]), _alt(labels["joiners"])
    year = rf"(?:\s*(?P<{{}}>\d{{{{4}}}})(?!\d)(?:\s*{yw})?)?"
    return re.compile(
        rf"(?:(?P<y0>\d{{4}})\s*{yw}\s*)?(?:(?<!\w)(?:{opener})\s+)?(?P<m1>{mon})"
        + year.format("y1")
        + rf"(?:{_SEP}|\s+(?:{joiner})\s+|\s+)(?P<m2>{mon})"
        + year.format("y2"),
        re.I,
    )


def _month_period(m: re.Match[str], hint: int | None) -> tuple[date, date] | None:
    """First day of month1 to last day of month2, years filled in."""
    m1, m2 = month_number(m.group("m1")), month_number(m.group("m2"))
    y0, y1, y2 = (int(m.group(k)) if m.group(k) else None for k in ("y0", "y1", "y2"))
    end_year = y2 or y1 or y0 or hint
    start_year = y1 or y0 or (end_year - 1 if end_year and m1 and m2 and m1 > m2 else end_year)
    if not (m1 and m2 and start_year and end_year):
        return None
    last = calendar.monthrange(end_year, m2)[1]
    return date(start_year, m1, 1), date(end_year, m2, last)


def parse_period(s: str, default_year: int | None = None) -> tuple[date, date] | None:
    """A project period → (first day, last day).

    "Мамыр – Қазан 2023 жыл" → (2023-05-01, 2023-10-31); two full dates
    ("01.05.2023 – 31.10.2023") are taken as they are.
    """
    hint = _year_hint(s, default_year)
    dates = find_dates(s, hint)
    if len(dates) >= 2 and dates[0].value <= dates[1].value:
        return dates[0].value, dates[1].value
    if len(dates) == 1 and (start := _yearless_start(s[:dates[0].start], dates[0].value)):
        return start, dates[0].value
    m = _month_period_re().search(fold_homoglyphs(s))
    return _month_period(m, hint) if m else None


# "01.04.–30.11.2022", "01.04 - 30.11.2022 ж.": a start's day and month, its year the end's
_YEARLESS_START = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./]?\s*(?:ж\.|г\.)?(?:" + _SEP + r"|\s+(?:по|до)\s+)$")


def _yearless_start(before: str, end: date) -> date | None:
    """The first day of a period written "DD.MM – DD.MM.YYYY", from the text before its end."""
    m = _YEARLESS_START.search(before)
    if not m:
        return None
    day, month = int(m.group(1)), int(m.group(2))
    year = end.year - 1 if (month, day) > (end.month, end.day) else end.year
    return _make_date(year, month, day)


# ---------------------------------------------------------------- times


@lru_cache(maxsize=None)
def _time_patterns() -> tuple[re.Pattern[str], ...]:
    """"14:00" anywhere; "14.00" only next to a time word (сағ, в, часов, -де)."""
    labels = load_labels("months")["time"]
    before, after = _alt(labels["before"]), _alt(labels["after"])
    colon = r"(?P<t>(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d))"
    dot = r"(?P<t>(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d))(?!\d|[.,]\d)"
    return tuple(re.compile(p, re.I) for p in (
        rf"(?<![\d.,:]){colon}(?![\d:])",
        rf"(?<!\w)(?:{before})\.?:?\s*{dot}",
        rf"(?<![\d.,:\w]){dot}(?=\s*[-–—]?\s*(?:{after})(?!\w))",
    ))


def find_time(s: str) -> tuple[str, int, int] | None:
    """The first clock time in ``s`` as ("HH:MM", start, end) of its digits.

    "сағ: 14.00 – де" → ("14:00", …); the "28.06" of "28.06.2023" is no time.
    """
    found = [m for p in _time_patterns() if (m := p.search(s))]
    if not found:
        return None
    m = min(found, key=lambda m: m.start("t"))
    return f"{int(m.group('h')):02d}:{m.group('m')}", m.start("t"), m.end("t")


# ---------------------------------------------------------------- contract refs

_NUMBER = re.compile(r"(?:№|(?<!\w)N[oо°]?\.?(?=\s*\d)|(?<!\w)#)\s*(?P<n>\w[\w\-/.]*)")


def parse_contract_ref(s: str) -> ContractRef:
    """"2023 жылғы 10 сәуірдің №65" → ContractRef("65", date(2023, 4, 10))."""
    m = _NUMBER.search(s)
    if not m:
        return ContractRef(None, parse_date(s))
    number = m.group("n").rstrip(".-/") or None
    rest = s[: m.start()] + " " * (m.end() - m.start()) + s[m.end():]
    return ContractRef(number, parse_date(rest))
