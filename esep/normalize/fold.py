"""Letter folding and case endings that organisation and place names share.

Kept apart from `esep.normalize.orgs` and `esep.normalize.places` so that the
two can use each other one way only (orgs reads places: a state body is named
by its place) and both build on this module.
"""
from __future__ import annotations

import re

from esep.normalize.text import fold_homoglyphs

# Kazakh plural + possessive + case (+ "-ғы" attributive) and Russian
# declension endings; all optional, so a bare stem matches too.
_KK_END = (
    r"(?:лар|лер|дар|дер|тар|тер)?(?:сы|сі|ы|і|н)?"
    r"(?:ның|нің|дың|дің|тың|тің|ндағы|ндегі|дағы|дегі|тағы|тегі|нда|нде|ндан|нден"
    r"|на|не|ға|ге|қа|ке|а|е|ны|ні|н|да|де|та|те|дан|ден|тан|тен|нан|нен"
    r"|мен|бен|пен)?"
)
_RU_END = (
    r"(?:ого|его|ому|ему|ыми|ими|ями|ами|ием|ым|им|ом|ем|ое|ее|ая|яя|ой|ей|ую|юю"
    r"|ые|ие|ых|их|ий|ый|ия|ии|ию|ях|ах|ам|ям|ов|ев|ью|а|я|у|ю|е|ы|и|о|ь)"
)
KK_RU_ENDING = rf"(?:{_RU_END}|{_KK_END})"

_HOMOGLYPHS = str.maketrans(
    "aceopxyiABCEHKMOPTXIh", "асеорхуіАВСЕНКМОРТХІһ"
)
_HOMOGLYPH_SET = set("aceopxyiABCEHKMOPTXIh")
_LETTER_FOLD = str.maketrans(
    {"ә": "а", "ө": "о", "ү": "у", "ұ": "у", "қ": "к", "ғ": "г", "ң": "н",
     "һ": "х", "і": "и", "ы": "и", "ё": "е", "й": "и", "э": "е", "ъ": "", "ь": ""}
)


def fold_homoglyphs_1to1(text: str) -> str:
    """`text.fold_homoglyphs`, plus look-alike Latin acronyms ("TOO", "AO").

    Length-preserving, so spans found in the folded text hold in the original.
    A word made only of look-alike capitals is a Cyrillic legal form typed on
    a Latin layout; text.fold_homoglyphs leaves wholly Latin words alone.
    """
    def acronym(m: re.Match[str]) -> str:
        word = m.group(0)
        caps_only = word.isupper() and len(word) <= 4 and set(word) <= _HOMOGLYPH_SET
        return word.translate(_HOMOGLYPHS) if caps_only else word
    return re.sub(r"\w+", acronym, fold_homoglyphs(text))


def fold_letters(text: str) -> str:
    """Lower-case and fold Kazakh letters to their Russian base (ә->а, ы/і->и)."""
    return text.lower().translate(_LETTER_FOLD)
