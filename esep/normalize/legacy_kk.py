"""Legacy Kazakh text: Kazakh letters stored at other code points, found and mapped back.

Documents typed in pre-Unicode Kazakh fonts store the Windows-1251 slot a
font drew a Kazakh letter in, so the text holds "ќоѓамдыќ" where the page
shows "қоғамдық" (the layouts, with their sources: data/labels/legacy_kk.toml).

`detect` says whether a text is such a text and in which layout. A rare
letter proves nothing (a Ukrainian or Serbian quote has them): the test is
that the words holding the layout's characters become Kazakh words once
mapped: their stems are stems of esep's Kazakh vocabulary (every Kazakh word
of data/labels plus the frequent words of legacy_kk.toml). `to_unicode`
maps one character to one character, so an offset in the mapped text is an
offset in the printed one, and `to_printed` turns evidence taken from the
mapped text back into the characters as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esep.normalize.stem import kk_stem
from esep.normalize.text import load_labels
from esep.paths import data_dir

KAZAKH = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_WORD = re.compile(r"[^\W\d_]+")
# A legacy text is certain when this many different words, and this share of
# the words holding the layout's characters, read as Kazakh once mapped. The
# seed report in either layout has 288 of its 618 such words read so (the
# rest have stems the vocabulary lacks); Ukrainian, Serbian, Macedonian and
# Belarusian prose reads as none, so the bar can sit well below the seed's.
MIN_WORDS = 5
MIN_SHARE = 0.3
# A stem shorter than this is too common to count ("ал", "бер").
MIN_STEM = 4


@dataclass(frozen=True)
class LegacyMapping:
    """One legacy layout: printed character -> Kazakh letter."""

    name: str  # its table in legacy_kk.toml
    label: str  # how a warning names it ("KZ-1048")
    letters: tuple[tuple[str, str], ...]  # (printed, Kazakh), lower and upper case

    @property
    def moved(self) -> frozenset[str]:
        """The printed characters the mapping changes (і stays і)."""
        return frozenset(p for p, k in self.letters if p != k)


@dataclass(frozen=True)
class LegacyMatch:
    """A text found to be in a legacy layout, and how sure that is."""

    mapping: str  # the LegacyMapping's name
    label: str
    score: float  # share of the words with a moved character that read as Kazakh once mapped
    known: int  # different words that read as Kazakh once mapped
    suspects: int  # different words holding a moved character
    # Kazakh letters the text already held in Unicode: where a letter was
    # both printed as itself and mapped, evidence keeps it as Unicode
    genuine: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def mappings() -> dict[str, LegacyMapping]:
    """Every layout of legacy_kk.toml, by name."""
    data = load_labels("legacy_kk")
    return {name: LegacyMapping(name, t["label"], tuple(sorted(t["letters"].items())))
            for name, t in data.items() if "letters" in t}


@lru_cache(maxsize=None)
def _forward(name: str) -> dict[int, str]:
    return str.maketrans(dict(mappings()[name].letters))


@lru_cache(maxsize=None)
def _inverse(name: str, genuine: frozenset[str]) -> dict[int, str]:
    return str.maketrans({k: p for p, k in mappings()[name].letters if p != k and k not in genuine})


def to_unicode(text: str, m: LegacyMatch) -> str:
    """The text with the layout's characters mapped to Kazakh letters (same length)."""
    return text.translate(_forward(m.mapping))


def to_printed(mapped: str, m: LegacyMatch) -> str:
    """Text taken from the mapped text, in the characters as printed (same length).

    Exact wherever the printed text did not also hold the Kazakh letter in
    Unicode; those letters (``m.genuine``) stay as they are.
    """
    return mapped.translate(_inverse(m.mapping, m.genuine))


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Stems of every Kazakh word of data/labels (words with a Kazakh letter)."""
    words = set(load_labels("legacy_kk")["vocabulary"]["words"])
    for path in sorted((data_dir() / "labels").iterdir()):
        if path.suffix in (".toml", ".tsv"):
            words.update(_WORD.findall(path.read_text(encoding="utf-8")))
    stems = {kk_stem(w.lower()) for w in words if KAZAKH & set(w)}
    return frozenset(s for s in stems if len(s) >= MIN_STEM)


def reads_as_kazakh(word: str) -> bool:
    """A (mapped) word whose Kazakh stem is one of the vocabulary's."""
    return kk_stem(word.lower()) in vocabulary()


def score(words: frozenset[str], mapping: LegacyMapping) -> tuple[int, int]:
    """(words that read as Kazakh once mapped, words holding a moved character)."""
    table = str.maketrans(dict(mapping.letters))
    suspects = [w for w in words if mapping.moved & set(w)]
    known = sum(reads_as_kazakh(w.translate(table)) for w in suspects)
    return known, len(suspects)


@lru_cache(maxsize=1)
def _moved() -> frozenset[str]:
    return frozenset().union(*(m.moved for m in mappings().values()))


@lru_cache(maxsize=1)
def _moved_rx() -> re.Pattern[str]:
    """Any character a layout moves (one scan of a document, not a set of its characters)."""
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_moved())) + "]")


def detect(text: str) -> LegacyMatch | None:
    """The legacy layout the text is in, or None when it is not (certainly) in one.

    Each layout maps the words holding its moved characters; the one with the
    most words that then read as Kazakh wins, if they are `MIN_WORDS` words
    and `MIN_SHARE` of its suspects. Layouts agree on the characters they
    share (ќ, ћ), so a text holding only those maps the same either way.
    """
    if not _moved() or not _moved_rx().search(text):
        return None  # nearly every text: not one character a layout moves
    words = frozenset(_WORD.findall(text))
    best: LegacyMatch | None = None
    for mapping in mappings().values():
        known, suspects = score(words, mapping)
        if known < MIN_WORDS or known < MIN_SHARE * suspects:
            continue
        share = round(known / suspects, 3)
        if best is None or (known, share) > (best.known, best.score):
            genuine = frozenset(k for p, k in mapping.letters if p != k and k in text)
            best = LegacyMatch(mapping.name, mapping.label, share, known, suspects, genuine)
    return best


def note(m: LegacyMatch) -> str:
    """What the document row's ``legacy_font`` says of a mapped document."""
    text = m.label
    if m.genuine:
        text += f"; evidence keeps {', '.join(sorted(m.genuine))} in Unicode (also printed so)"
    return text
