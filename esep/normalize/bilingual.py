"""Organisations named in both languages, in full and short: the operator, the ministries.

``data/labels/bilingual_orgs.tsv`` lists each organisation's spellings under one
key; `known_org` tells which one a printed name is, so that `esep.normalize.orgs`
gives all of them one canonical name and one ``org_id``, and `find_known` finds
them in running text ("Азаматтық бастамаларды қолдау орталығының", "ЦПГИ").

A spelling matches word by word: a long word in any case ending (the words agree
up to their last two letters), a short one (an abbreviation) exactly.
"Қазақстан Республикасы", "Республики Казахстан", "ҚР" and "РК" around a name
are no part of it.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from os.path import commonprefix

from esep.normalize.fold import fold_homoglyphs_1to1, fold_letters
from esep.paths import data_dir

_COUNTRY = re.compile(r"(?<!\w)(?:Қазақстан\s+Республикасы\w*|Республик[аиеу]\s+Казахстан|ҚР|РК)(?!\w)", re.I)


@dataclass(frozen=True)
class KnownOrg:
    """One organisation of the table: its canonical (first Kazakh) name and legal form."""

    key: str
    kind: str  # operator | ministry
    name: str
    form: str | None


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    path = data_dir() / "labels" / "bilingual_orgs.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return tuple(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def _orgs() -> dict[str, KnownOrg]:
    out: dict[str, KnownOrg] = {}
    for r in _rows():
        if r["key"] not in out and r["lang"] == "kk":
            out[r["key"]] = KnownOrg(r["key"], r["kind"], r["spelling"], r["form"] or None)
    return out


def _words(text: str) -> list[str]:
    return [fold_letters(w) for w in re.findall(r"[^\W_]+", fold_homoglyphs_1to1(text))]


def _is_abbrev(word: str) -> bool:
    return word.isupper() or len(word) <= 3


def _same_word(a: str, abbrev: bool, b: str) -> bool:
    if abbrev or len(b) <= 3:
        return a == b
    return len(commonprefix([a, b])) >= max(4, min(len(a), len(b)) - 2)


@lru_cache(maxsize=1)
def _spellings() -> tuple[tuple[tuple[tuple[str, bool], ...], str], ...]:
    """Each spelling's words, folded, each with whether it is an abbreviation."""
    return tuple((tuple((fold_letters(w), _is_abbrev(w)) for w in re.findall(r"[^\W_]+", r["spelling"])), r["key"])
                 for r in _rows())


@lru_cache(maxsize=4096)
def known_org(name: str) -> KnownOrg | None:
    """The organisation of the table that ``name`` (without its legal form) is, else None."""
    words = _words(_COUNTRY.sub(" ", name))
    for spelling, key in _spellings():
        if len(spelling) == len(words) and all(_same_word(a, ab, b) for (a, ab), b in zip(spelling, words)):
            return _orgs()[key]
    return None


def _word_regex(word: str) -> str:
    if _is_abbrev(word):
        return re.escape(word) + r"(?![\w])"
    return "(?i:" + re.escape(word[:-2]) + r")\w{0,8}"


@lru_cache(maxsize=4)
def _finder(kind: str) -> re.Pattern[str]:
    spellings = sorted({r["spelling"] for r in _rows() if r["kind"] == kind}, key=len, reverse=True)
    alts = [r"\s+".join(_word_regex(w) for w in s.split()) for s in spellings]
    return re.compile(r"(?<![\w])(?:" + "|".join(alts) + ")")


def find_known(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of ``text`` naming an organisation of ``kind`` from the table, left to right."""
    folded = fold_homoglyphs_1to1(text)
    return [(m.start(), m.end()) for m in _finder(kind).finditer(folded)
            if known_org(m.group())]
