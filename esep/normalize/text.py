"""Text clean-up shared by all normalizers: spaces, dashes, markup, homoglyphs.

Reports come from Word, PDF and OCR, so the same word arrives with
non-breaking spaces, soft hyphens, Latin letters typed on a Russian layout
("oблысы") or without Kazakh letters ("Кантар" for "Қаңтар"). Everything here
is a pure ``str -> str`` function; ``fold_homoglyphs`` and ``degrade_kazakh``
keep the length of the string, so offsets found in their output are valid
in the input.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from typing import Any

from esep.paths import data_dir

# Space-like characters Word and PDF extractors emit; all become " ".
_SPACES = (
    "\u00a0\u202f\u2007\u2009\u200a\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008"
    "\u205f\u3000\t\v\f"
)
# Invisible characters that only break matching.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_SPACE_TABLE = {ord(c): " " for c in _SPACES} | {ord(c): None for c in _INVISIBLE}

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_DASH_TABLE = {ord(c): "-" for c in DASHES}

# Latin letters that print like a Cyrillic one (Kazakh і and һ included).
LATIN_TO_CYRILLIC: dict[str, str] = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у",
    "i": "і", "k": "к", "m": "м", "t": "т", "h": "һ", "b": "ь",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М",
    "O": "О", "P": "Р", "T": "Т", "X": "Х", "Y": "У", "I": "І",
}
CYRILLIC_TO_LATIN: dict[str, str] = {v: k for k, v in LATIN_TO_CYRILLIC.items()}
_LATIN_TABLE = str.maketrans(LATIN_TO_CYRILLIC)
_CYRILLIC_TABLE = str.maketrans(CYRILLIC_TO_LATIN)

# Kazakh letters → the Russian letters people type when the layout lacks them.
_KAZAKH_DEGRADE = str.maketrans(
    "әғқңөұүһіӘҒҚҢӨҰҮҺІё", "агкноуухиАГКНОУУХИе"
)

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# a word with a Latin letter (only those can need folding)
_MIXED_WORD = re.compile(r"[^\W\d_]*[A-Za-z][^\W\d_]*")
_QUOTES = "«»“”„‟\"'‘’‚‛`‹›"
_MARKUP = re.compile(r"\*\*|</?(?:b|i|u|strong|em|span|sup|sub)\b[^>]*>", re.I)


@lru_cache(maxsize=None)
def load_labels(name: str) -> dict[str, Any]:
    """Load ``data/labels/<name>.toml`` (cached; the files are read-only data)."""
    with open(data_dir() / "labels" / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


_RUNS_OF_SPACES = re.compile(r" {2,}")
_WHITESPACE = re.compile(r"\s+")
CLEAN_CACHED_LEN = 400  # shorter texts (cells, labels, lines) are cleaned once, then looked up


def clean(s: str, keep_newlines: bool = False, unify_dashes: bool = False) -> str:
    """Unify spaces, drop soft hyphens and zero-width marks, collapse, strip."""
    # the same cell or label text is cleaned again by every extractor and label it meets
    if type(s) is str and len(s) <= CLEAN_CACHED_LEN:  # anything else fails as it always did
        return _clean_cached(s, keep_newlines, unify_dashes)
    return _clean(s, keep_newlines, unify_dashes)


@lru_cache(maxsize=1 << 16)
def _clean_cached(s: str, keep_newlines: bool, unify_dashes: bool) -> str:
    return _clean(s, keep_newlines, unify_dashes)


def _clean(s: str, keep_newlines: bool, unify_dashes: bool) -> str:
    s = unicodedata.normalize("NFC", s).translate(_SPACE_TABLE)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if unify_dashes:
        s = s.translate(_DASH_TABLE)
    if keep_newlines:
        lines = (_RUNS_OF_SPACES.sub(" ", ln).strip() for ln in s.split("\n"))
        return "\n".join(lines).strip("\n")
    return _WHITESPACE.sub(" ", s).strip()


def unify_dashes(s: str) -> str:
    """Every dash and minus sign → ASCII hyphen-minus."""
    return s.translate(_DASH_TABLE)


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _fold_word(word: str) -> str:
    """Write a mixed-script word wholly in its majority script, if it can be."""
    cyr = sum(map(_is_cyrillic, word))
    lat = sum(map(_is_latin, word))
    if not cyr or not lat:
        return word
    # Ties go to Cyrillic: the reports are Kazakh and Russian ("oн" is "он").
    if cyr >= lat and all(c in LATIN_TO_CYRILLIC for c in word if _is_latin(c)):
        return word.translate(_LATIN_TABLE)
    if lat > cyr and all(c in CYRILLIC_TO_LATIN for c in word if _is_cyrillic(c)):
        return word.translate(_CYRILLIC_TABLE)
    return word


def fold_homoglyphs(s: str) -> str:
    """Fix look-alike letters of the other script inside a word ("oблысы").

    Wholly Latin words ("JasART", "TEDx") are left alone. Length-preserving.
    """
    if s.isascii() or not _ASCII_LETTER.search(s):
        return s  # one script only: nothing to fold (most lines; this is on every label match)
    return _MIXED_WORD.sub(lambda m: _fold_word(m.group()), s)


def degrade_kazakh(s: str) -> str:
    """Kazakh-specific letters → their usual Russian stand-ins (қ→к, і→и …).

    Used to match words typed without a Kazakh layout. Length-preserving.
    """
    return s.translate(_KAZAKH_DEGRADE)


def strip_markup(s: str) -> str:
    """Remove the Markdown/HTML residue of the text export (``**``, ``<b>``, ``\\_``)."""
    s = _MARKUP.sub("", s)
    return re.sub(r"\\+_", "_", s)


def fold_key(s: str) -> str:
    """An aggressive matching key: folded, lower-case, no quotes or punctuation."""
    s = fold_homoglyphs(clean(strip_markup(s), unify_dashes=True)).casefold()
    s = s.replace("ё", "е")
    s = s.translate({ord(c): None for c in _QUOTES})
    s = re.sub(r"[^\w\s]|_", " ", s)
    return re.sub(r"\s+", " ", s).strip()
