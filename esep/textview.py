"""The matching view of a text: normalized once, tokenized, stemmed.

Every block of a `Document` (a paragraph, a table cell) offers its view as
``block.view``; labels match against it (`esep.labels`). The view is cached
by the text itself, so each distinct text is cleaned, folded and stemmed
once however many extractors look at it, and a block whose text a reader
rewrites gets the view of its new text.

A word's language decides its stems. A word with a Kazakh letter, or any
word of a text that has one, is Kazakh: it gets Kazakh stems only (so
"сана" in a Kazakh sentence is not the Russian stem "сан"). A word of a
text without Kazakh letters may be either language (a Kazakh text typed
without the Kazakh layout, a bare "Саны" header): it gets both stems, and a
label matches on either.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from esep.normalize.stem import KK_LETTERS, RU_PREFIXES, is_kazakh, kk_reading, ru_related, ru_stem
from esep.normalize.text import degrade_kazakh, fold_homoglyphs

_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-z]")
# soft hyphens and zero-width marks would cut a word in two; ё is е
_INVISIBLE = {ord(c): None for c in "\u00ad\u200b\u200c\u200d\u2060\ufeff"} | {ord("ё"): "е"}
SHORT_STEM = 4
# a phrase is matched word by word with at most this many words between two of its words
GAP = 1


@dataclass(frozen=True, eq=False)
class Word:
    """One word of a text: as printed (lower case) and its stems."""

    text: str
    kk: frozenset[str]  # Kazakh stems, degraded letters (esep.normalize.stem)
    russian: bool  # may be Russian: it has a Snowball stem
    verb: bool = False  # read as a Kazakh verb form ("түсті", "бөлінген")

    @cached_property
    def ru(self) -> str | None:
        """The Snowball stem, computed when first asked for (most words are never compared in Russian)."""
        return ru_stem(self.text) if self.russian else None

    @cached_property
    def ru_heads(self) -> frozenset[str]:
        """The first two letters a Russian stem related to this one begins with (see `ru_related`)."""
        r = self.ru or ""
        heads = {r[:2]} | {(p + r)[:2] for p in RU_PREFIXES}
        return frozenset(heads | {r[len(p):len(p) + 2] for p in RU_PREFIXES if r.startswith(p)})

    def matches(self, other: Word) -> bool:
        """Same stem: a Kazakh stem in common, or related Russian stems.

        A Kazakh noun stem shorter than `SHORT_STEM` letters is ambiguous
        ("жас" is young and age): a label word with only such stems matches
        the words that begin as it does ("жастар" matches "жастарға", not
        "жасы"). A verb's root is short by nature ("түс-ті", "бөл-інген")
        and its forms differ from the first suffix on: it needs no more.
        """
        if self.kk & other.kk:
            return self.verb or max(map(len, self.kk)) >= SHORT_STEM or other.degraded.startswith(self.core)
        return self.ru is not None and other.ru is not None and ru_related(self.ru, other.ru)

    @cached_property
    def degraded(self) -> str:
        return degrade_kazakh(self.text)

    @cached_property
    def core(self) -> str:
        """The word less a final vowel, degraded: what a short-stemmed word must begin with."""
        d = self.degraded
        return d[:-1] if len(d) > 3 and d[-1] in "аеыиоу" else d


@dataclass(frozen=True, eq=False)
class TextView:
    """A text as labels see it: its words and their stems, in order."""

    text: str
    words: tuple[Word, ...]

    def has_phrase(self, phrase: TextView, gap: int = GAP) -> bool:
        """``phrase``'s words occur here in order, at most ``gap`` words between two of them."""
        lw = phrase.words
        if not phrase.matchable or not all(self._may_have(w) for w in lw):
            return False
        return any(lw[0].matches(w) and self._rest(lw, 1, i, gap) for i, w in enumerate(self.words))

    def has_any_of(self, phrases: Phrases, gap: int = GAP) -> bool:
        """One of ``phrases`` occurs here; most texts are ruled out by one set operation."""
        if not self._kk_all & phrases.first_kk and not any(self._may_have(w) for w in phrases.first_ru):
            return False
        return any(self.has_phrase(p, gap) for p in phrases.views)

    @cached_property
    def matchable(self) -> bool:
        """Whether a phrase can match by stems: "№", "п/п" are too short to."""
        return any(len(w.text) >= 3 for w in self.words)

    def _may_have(self, w: Word) -> bool:
        """A quick test before the word-by-word one: ``w``'s stem is among this text's."""
        if w.kk & self._kk_all:
            return True
        if not w.russian or not self._russian:
            return False
        heads = w.ru_heads
        if heads.isdisjoint(self._russian_heads):
            return False  # no Russian word here starts like w: no stem to compare
        return any(x.text[:2] in heads and ru_related(w.ru, x.ru) for x in self._russian)

    @cached_property
    def _russian_heads(self) -> frozenset[str]:
        return frozenset(x.text[:2] for x in self._russian)

    @cached_property
    def _kk_all(self) -> frozenset[str]:
        return frozenset().union(*(w.kk for w in self.words))

    @cached_property
    def _russian(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if w.russian and len(w.text) >= 4)

    def _rest(self, lw: tuple[Word, ...], k: int, i: int, gap: int) -> bool:
        if k == len(lw):
            return True
        stop = min(len(self.words), i + 2 + gap)
        return any(lw[k].matches(self.words[j]) and self._rest(lw, k + 1, j, gap) for j in range(i + 1, stop))


@dataclass(frozen=True, eq=False)
class Phrases:
    """A label list as stems: its phrases' views and their first words' stems."""

    views: tuple[TextView, ...]
    first_kk: frozenset[str]
    first_ru: tuple[Word, ...]  # first words that may be Russian
    # what a text's `norm()` form must contain for a phrase to match: a first word's stem less
    # its last letter ("кита" of "китап" is in "китабы", "эконо" of "эконом" in "сэкономлено")
    needle: re.Pattern

    def may_occur_in(self, normed: str) -> bool:
        """A test on the text's `esep.labels.norm` string, before any view of it is built."""
        return self.needle.search(normed) is not None


@lru_cache(maxsize=1 << 12)
def phrases(texts: tuple[str, ...]) -> Phrases:
    """The cached `Phrases` of a label list."""
    views = tuple(v for v in map(view, texts) if v.matchable)
    firsts = [v.words[0] for v in views]
    ru = {w.ru for w in firsts if w.russian and w.ru}
    # a prefixed label stem ("сэкономл") relates to the unprefixed word ("экономия")
    stems = {x for w in firsts for x in w.kk} | ru | {r[len(p):] for r in ru for p in RU_PREFIXES if r.startswith(p)}
    needles = sorted({x[:-1] if len(x) > 2 else x for x in stems if x}, key=len, reverse=True)
    needle = re.compile("|".join(map(re.escape, needles)) if needles else r"(?!)")
    return Phrases(views, frozenset().union(*(w.kk for w in firsts)),
                   tuple(w for w in firsts if w.russian), needle)


def words(text: str) -> list[str]:
    """The words of ``text``: letters only, lower case, ё as е, look-alike letters folded."""
    s = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
    ws = _WORD.findall(s.lower().translate(_INVISIBLE))
    # folding is per word and only for a word of both scripts: most words have one
    return [fold_homoglyphs(w) if not w.isascii() and _LATIN.search(w) else w for w in ws]


@lru_cache(maxsize=1 << 16)
def view(text: str) -> TextView:
    """The cached view of ``text``."""
    ws = words(text)
    kazakh_text = any(c in KK_LETTERS for w in ws for c in w)
    return TextView(text, tuple(_word(w, kazakh_text) for w in ws))


@lru_cache(maxsize=1 << 16)
def _word(w: str, kazakh_text: bool) -> Word:
    kazakh = kazakh_text or is_kazakh(w)
    kk = kk_reading(w)
    return Word(w, kk.stems, not kazakh, kk.verb)
