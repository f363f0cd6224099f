"""Label dictionaries (data/labels/*.toml) and the matching every extractor uses.

Labels are matched on `norm()` text: lower case, Latin look-alikes folded to
Cyrillic, quotes dropped, whitespace collapsed. Keeping the vocabulary in
data lets a new spelling (a Russian header, a region's own wording) be added
without touching code.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from typing import Any

from esep.normalize.text import clean, degrade_kazakh, fold_homoglyphs
from esep.paths import data_dir

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
    """True when ``text`` contains any of ``phrases`` (both normalised)."""
    t = norm(text)
    return any(norm(p) in t for p in phrases)


def first_role(text: str, columns: dict[str, list[str]], order: list[str]) -> str | None:
    """The first role in ``order`` whose phrases occur in ``text``."""
    t = norm(text)
    if not t:
        return None
    for role in order:
        for p in columns[role]:
            q = norm(p)
            # "№" heads the row-number column alone ("№", "№ п/п"), not "№ и дата договора"
            if q == "№" and t.startswith("№") and len(t) <= 6 or q != "№" and q in t:
                return role
    return None
