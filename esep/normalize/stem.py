"""Word stems for matching labels in any inflected form, Kazakh and Russian.

Kazakh is agglutinative: "қатысушылардың" is қатыс-ушы-лар-дың. The Kazakh
stemmer strips suffix chains by a short table, ``data/labels/kk_suffixes.toml``
(derivation, voice, verb forms, plural, possessive, case; every harmony
variant), from the end of the word inwards in the order a Kazakh word puts
them, never below a minimum stem length, and takes the chain that leaves the
shortest stem. A suffix must fit the letter before it (a vowel-initial
suffix follows a consonant, a т/қ-variant a voiceless one, ...), and the
pronominal case forms need a possessive before them ("санына" is сан-ы-на;
"сана" stays "сана"). The table's forms are also tried as typed without a
Kazakh keyboard (қ→к, і→и, ...).

Russian goes through the Snowball stemmer (``snowballstemmer``, BSD). It was
chosen over pymorphy3 lemmas because it is one small pure-Python wheel with
no dictionary to load, and a label needs a stem, not a lemma: the lemmas of
"инвалидностью" and "инвалид" differ as much as their stems do. Snowball
only strips inflection; `ru_related` adds the derivation the genre needs
("инвалид" ~ "инвалидност-", "эконом" ~ "сэкономл-") by prefix, for stems
long enough to be distinctive.

Stems are compared on the degraded alphabet (`degrade_kazakh`), so a label
and a text typed with or without Kazakh letters give the same stem: the word
is stemmed first, with its own letters, and the stem degraded afterwards.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from esep.normalize.text import degrade_kazakh, load_labels

KK_LETTERS = frozenset("әғқңөұүһі")
# "у" and "й" act as consonants before a suffix ("тау-ы", "үнемде-у" aside)
VOWELS = frozenset("аәеёиоөұүыіэюя")
VOICELESS = frozenset("кқпстфхцчшщ")
# a voiced final consonant returns to its dictionary form when the vowel of
# the suffix that voiced it is stripped: "мүгедектіг-і" → "мүгедектік"
DEVOICE = {"г": "к", "ғ": "қ", "б": "п"}
# д-suffixes that never follow a vowel (a vowel takes the л/н variant)
D_AFTER_CONSONANT = ("дар", "дер", "дық", "дік", "дың", "дің", "дын", "дин", "дык", "дик")
RU_MIN_STEM = 4  # a shorter Russian stem matches nothing by stem
RU_RELATED_MIN = 6  # a stem this long matches the stems one letter longer it begins
FLEETING = re.compile(r"(?<=\w\w\w[^аеиоуыэюяё])[ое]к$")
RU_PREFIXES = ("пере", "при", "про", "раз", "рас", "вы", "из", "ис", "за", "по", "со", "об", "от",
               "на", "до", "с", "у", "о")


@dataclass(frozen=True)
class Suffix:
    """One form of a suffix group of the table."""

    form: str
    group: str
    slot: int
    min_stem: int
    repeats: bool = False
    needs_inner: str | None = None
    needs_outer: str | None = None


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, tuple[Suffix, ...]], frozenset[str], int, tuple[str, ...], int]:
    """The suffixes by their form, the words kept whole, the minimum stem, the ambiguous
    forms, the longest form's length."""
    data = load_labels("kk_suffixes")
    by_form: dict[str, list[Suffix]] = {}
    for name, g in data["groups"].items():
        for form in dict.fromkeys(g["forms"] + [degrade_kazakh(f) for f in g["forms"]]):
            by_form.setdefault(form, []).append(
                Suffix(form, name, g["slot"], g.get("min_stem", data["min_stem"]), g.get("repeats", False),
                       g.get("needs_inner"), g.get("needs_outer")))
    keep = frozenset(data["keep"]) | frozenset(degrade_kazakh(w) for w in data["keep"])
    ambiguous = tuple(dict.fromkeys(data["ambiguous"] + [degrade_kazakh(a) for a in data["ambiguous"]]))
    return ({k: tuple(v) for k, v in by_form.items()}, keep, data["min_stem"], ambiguous,
            max(map(len, by_form)))


def fits(rest: str, form: str) -> bool:
    """Whether ``form`` may follow the letters ``rest`` (vowel and consonant agreement)."""
    first, last = form[0], rest[-1]
    if first == "у":
        return True
    if first in VOWELS:
        return last not in VOWELS
    if first in "сңй":
        return last in VOWELS
    if form == "п":  # the converb after a vowel: "жасап", "атап"
        return last in VOWELS
    if first in "тқкп":
        # loanwords ending in б/в/г/д take the voiceless variant: "тренингтер", "клубқа"
        return last in VOICELESS or last in "бвгд"
    if first == "л":
        return last in VOWELS or last in "руй"
    if first == "н":
        # the accusative "-ны" follows a vowel only ("ауданды", not "ауданны")
        return last in VOWELS or last in "мнң" and form not in ("ны", "ні", "ни")
    if first == "д" and form.startswith(D_AFTER_CONSONANT) and last in VOWELS:
        return False
    return last not in VOICELESS if first in "дғгбм" else True


def _allowed(s: Suffix, slot: int, outer: str | None, must: str | None) -> bool:
    if must and s.group != must:
        return False
    if s.slot > slot or s.slot == slot and not (s.repeats and outer == s.group):
        return False
    return s.needs_outer is None or s.needs_outer == outer


def _candidates(word: str, slot: int, outer: str | None, must: str | None,
                skip: str | None) -> list[tuple[Suffix, str]]:
    """The suffixes that may end ``word`` here (but ``skip``), with what each leaves, longest first."""
    by_form, longest = table()[0], table()[4]
    out = []
    for k in range(min(longest, len(word) - 1), 0, -1):
        for s in by_form.get(word[-k:], ()):
            if s.form == skip or len(word) - k < s.min_stem:
                continue
            rest = word[:-k]
            if _allowed(s, slot, outer, must) and fits(rest, s.form):
                if s.form[0] in VOWELS and rest[-1] in DEVOICE:
                    rest = rest[:-1] + DEVOICE[rest[-1]]
                out.append((s, rest))
    return out


Chain = tuple[str, tuple[str, ...]]  # what is left, and the groups stripped (outermost first)


def _strip(word: str, slot: int, outer: str | None, must: str | None, skip: str | None = None) -> Chain | None:
    """What a greedy chain leaves: the longest suffix that leads to a valid chain, then inwards.

    Among suffixes of one length (the past tense and the accusative are both
    "-ды") the one that leaves the shortest stem wins. None when ``must``
    (the group a pronominal case needs before it) cannot be met.
    """
    best: Chain | None = None
    length = 0
    for s, rest in _candidates(word, slot, outer, must, skip):
        if best is not None and len(s.form) != length:
            break
        inner = _strip(rest, s.slot, s.group, s.needs_inner)
        if inner is not None and (best is None or len(inner[0]) < len(best[0])):
            best, length = (inner[0], (s.group,) + inner[1]), len(s.form)
    return best if best is not None or must else (word, ())


def _final(stem: str, min_stem: int) -> str:
    """One spelling of a stem's end, whichever suffixes came off.

    "басшы" and the "басш-ы" of "басшының" are one stem: a final ы/і goes.
    A final б/г/ғ is written п/к/қ: "клуб-тар" and "клуб-ы" (which the
    chain read as "клуп") give one stem, as do "тренинг-тер" and "тренинг-і".
    """
    if len(stem) > min_stem and stem[-1] in "ыіи" and stem[-2] not in VOWELS:
        stem = stem[:-1]
    return stem[:-1] + DEVOICE[stem[-1]] if stem[-1] in DEVOICE else stem


@dataclass(frozen=True)
class Reading:
    """A Kazakh word's stems and whether it was read as a verb form."""

    stems: frozenset[str]
    verb: bool


@lru_cache(maxsize=1 << 16)
def kk_reading(word: str) -> Reading:
    """The Kazakh stems of a lower-case word, in degraded letters ("қатысушылардың" → "катыс").

    A word ending in an ambiguous suffix of the table has a second reading
    without it: "ауданы" is both ауда-ны and аудан-ы, and a label matches
    either. ``verb``: the first reading strips a verb form or a voice.
    """
    _, keep, min_stem, ambiguous, _ = table()
    if word in keep:
        return Reading(frozenset({degrade_kazakh(word)}), False)
    chains = [_strip(word, 99, None, None, a) or (word, ()) for a in [None] + [a for a in ambiguous if word.endswith(a)]]
    stems = frozenset(degrade_kazakh(_final(stem, min_stem)) for stem, _ in chains)
    return Reading(stems, bool({"verb", "voice"} & set(chains[0][1])))


def kk_stems(word: str) -> frozenset[str]:
    """The Kazakh stems of ``word`` (see `kk_reading`)."""
    return kk_reading(word).stems


def kk_stem(word: str) -> str:
    """The first Kazakh stem of ``word`` (see `kk_reading`): its longest suffix chain."""
    _, keep, min_stem, _, _ = table()
    w = word if word in keep else _final((_strip(word, 99, None, None) or (word, ()))[0], min_stem)
    return degrade_kazakh(w)


@lru_cache(maxsize=1)
def _russian() -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer("russian")


@lru_cache(maxsize=1 << 16)
def ru_stem(word: str) -> str:
    """The Snowball stem of a lower-case Russian word ("инвалидностью" → "инвалидн")."""
    stem = _russian().stemWord(word.replace("ё", "е"))
    # the fleeting vowel of a genitive plural: "заявок" is "заявк" as "заявки" is
    return stem[:-2] + "к" if FLEETING.search(stem) else stem


def is_kazakh(word: str) -> bool:
    """A word with a letter only Kazakh uses."""
    return any(c in KK_LETTERS for c in word)


def ru_related(a: str, b: str) -> bool:
    """Russian stems of one word family: equal, or the long one is the short one and a letter.

    Snowball leaves a derivation's first letter ("инвалидн" of "инвалидностью");
    one letter, not more: "экономик" (economy) is not "эконом". A verb
    prefix may come first, and then up to three letters: "сэкономлен" of
    "сэкономленные" is "эконом".
    """
    short, long_ = sorted((a, b), key=len)
    if len(short) < RU_MIN_STEM:
        return False
    if short == long_:
        return True
    if len(short) < RU_RELATED_MIN:
        return False
    if len(long_) == len(short) + 1 and long_.startswith(short):
        return True
    # a prefixed verb form: "сэкономл", "сэкономлен" of "сэкономлено", "сэкономленные"
    return any(long_.startswith(p) and 0 < len(long_) - len(p) - len(short) <= 3 and long_[len(p):].startswith(short)
               for p in RU_PREFIXES)
