"""Label dictionaries (data/labels/*.toml) and the matching every extractor uses.

A label matches a text in either of two ways:

* as a substring of the `norm()` text: lower case, Latin look-alikes folded
  to Cyrillic, quotes dropped, whitespace collapsed (a truncated label like
  "экономи" or "организаци" works this way);
* by stems (`esep.textview`): each word of the label has a stem in common
  with a word of the text, in the label's order, with at most one other word
  between two of them. "қатысушылар саны" matches "қатысушылардың жалпы
  саны", "мүгедектер" matches "мүгедектігі бар", "экономия" matches
  "сэкономлено".

Keeping the vocabulary in data lets a new spelling (a Russian header, a
region's own wording) be added without touching code. Keys ending in `_re`
are regular expressions and are matched as such by their users.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Any, Callable

from esep.normalize.text import clean, degrade_kazakh, fold_homoglyphs
from esep.paths import data_dir
from esep.textview import GAP, phrases as stem_phrases, view

QUOTES = re.compile(r"[«»“”„\"'`]")


@lru_cache(maxsize=None)
def load(name: str = "report") -> dict[str, Any]:
    """The parsed TOML file ``data/labels/<name>.toml``."""
    with open(data_dir() / "labels" / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


def labels(*path: str) -> Any:
    """A value of report.toml by its key path, e.g. ``labels("tables", "contracts")``."""
    node: Any = load()
    for key in path:
        node = node[key]
    return node


@lru_cache(maxsize=1 << 16)
def norm(s: str) -> str:
    """Text as labels are matched: folded, lower case, no quotes, single spaces.

    Kazakh letters are degraded to their Russian stand-ins (қ→к, і→и, ...) on
    both sides, so a label typed without a Kazakh keyboard still matches.
    """
    s = degrade_kazakh(fold_homoglyphs(clean(s)).lower().replace("ё", "е"))
    return " ".join(QUOTES.sub("", s).split())


def has_any(text: str, phrases: list[str]) -> bool:
    """True when ``text`` contains any of ``phrases``: as a substring (both normalised) or by stems."""
    try:
        key = tuple(phrases)
        normed = normed_phrases(key)
    except Exception:  # noqa: BLE001 - phrases norm() cannot read: fail where it did
        t = norm(text)
        return any(norm(p) in t for p in phrases) or stem_any(text, tuple(phrases))
    return _has_any(text, key, normed)


@lru_cache(maxsize=1 << 16)  # a block is tested against each list of titles more than once
def _has_any(text: str, phrases: tuple[str, ...], normed: tuple[str, ...]) -> bool:
    t = norm(text)
    return any(q in t for q in normed) or stem_any(text, phrases)


@lru_cache(maxsize=1024)
def normed_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """`norm` of each phrase of a label list, worked out once per list."""
    return tuple(norm(p) for p in phrases)


@lru_cache(maxsize=1 << 16)
def stem_any(text: str, phrases: tuple[str, ...], gap: int = GAP) -> bool:
    """True when a phrase of ``phrases`` occurs in ``text`` by stems (cached per text and list),
    at most ``gap`` other words between two of its words."""
    ph = stem_phrases(phrases)
    return ph.may_occur_in(norm(text)) and view(text).has_any_of(ph, gap)


def first_key(text: str, table: dict[str, list[str]], order: list[str] | None = None,
              gap: int = GAP) -> str | None:
    """The first key (of ``order``, else of ``table``) whose phrases occur in ``text``.

    Every key is tried as a substring before any key by stems, so a text a
    label names as printed keeps that label's key ("Жасы үлкен адамдар" is
    elderly by its label before "жастар" could claim it by stem).
    """
    keys = order if order is not None else list(table)
    try:
        pairs = tuple((key, tuple(table[key])) for key in keys)
        hash(pairs)
    except (KeyError, TypeError):  # a key ``order`` names that ``table`` lacks: fail where it did
        return _first_key(text, [(key, lambda key=key: table[key]) for key in keys], gap)
    # every header cell is tried against the same few tables: the answer is cached per text
    return _first_key_cached(text, pairs, gap)


@lru_cache(maxsize=1 << 16)
def _first_key_cached(text: str, pairs: tuple[tuple[str, tuple[str, ...]], ...], gap: int) -> str | None:
    try:
        normed = _normed(pairs)
    except Exception:  # noqa: BLE001 - a phrase norm() cannot read: fail where it did
        return _first_key(text, [(key, lambda phrases=phrases: phrases) for key, phrases in pairs], gap)
    t = norm(text)
    if not t:
        return None
    for key, qs in normed:
        for q in qs:
            if q == "№" and t.startswith("№") and len(t) <= 6 or q != "№" and q in t:
                return key
    return next((key for key, phrases in pairs if stem_any(text, phrases, gap)), None)


@lru_cache(maxsize=256)
def _normed(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each key's phrases normalised once per table, not once per header cell."""
    return tuple((key, tuple(norm(p) for p in phrases)) for key, phrases in pairs)


def _first_key(text: str, pairs: list[tuple[str, Callable[[], Any]]], gap: int) -> str | None:
    """`first_key` over (key, its phrases on demand) in the order they are tried."""
    t = norm(text)
    if not t:
        return None
    for key, phrases in pairs:
        for p in phrases():
            q = norm(p)
            # "№" heads the row-number column alone ("№", "№ п/п"), not "№ и дата договора"
            if q == "№" and t.startswith("№") and len(t) <= 6 or q != "№" and q in t:
                return key
    return next((key for key, phrases in pairs if stem_any(text, tuple(phrases()), gap)), None)


def role_finder(columns: dict[str, list[str]], order: list[str]) -> Callable[[str], str | None]:
    """`first_role` of a header's cells against one table spec, the spec frozen once."""
    try:
        pairs = tuple((key, tuple(columns[key])) for key in order)
        hash(pairs)
    except (KeyError, TypeError):
        return lambda text: first_role(text, columns, order)
    return lambda text: _first_key_cached(text, pairs, 0)


def first_role(text: str, columns: dict[str, list[str]], order: list[str]) -> str | None:
    """The column role a header cell names (see `first_key`).

    A header cell is the label itself, so its words match by stem with no
    word between: "Ұйымның толық атауы" heads a profile's own field, not the
    partners' "ұйымның атауы" column.
    """
    return first_key(text, columns, order, gap=0)
