"""Money amounts in digits and in words, Kazakh and Russian.

Reports write the same sum as "5 000 000", "5 000 000,00", "10 млн.теңгеге"
or "4 920 388 (төрт миллион … сексен сегіз) теңге". Everything returns
``Decimal`` tenge quantised to two places (the contract's decimal128(18, 2)).
Vocabularies live in ``data/labels/numbers_kk.toml`` and ``numbers_ru.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from esep.normalize.text import (
    DASHES,
    clean,
    degrade_kazakh,
    fold_homoglyphs,
    load_labels,
    strip_markup,
)

CENTS = Decimal("0.01")
_LANGS = ("numbers_kk", "numbers_ru")
_KINDS = ("zero", "units", "teens", "tens", "hundreds", "hundred_multiplier", "scales")
_SPACE_CHARS = " \u00a0\u202f\u2009\u2007"


@dataclass(frozen=True)
class AmountMention:
    """A money mention found in running text; offsets index the input string."""

    start: int
    end: int
    raw: str
    value: Decimal
    words: str | None  # the amount in words as printed, if given
    words_value: Decimal | None  # its value, None when it does not parse
    unit_seen: bool  # a currency word (теңге/тенге/тг/₸/KZT) was present


# ---------------------------------------------------------------- vocabulary


@lru_cache(maxsize=None)
def _number_words() -> dict[str, tuple[str, int]]:
    """Word → (kind, value) over both languages, plus layout-less Kazakh."""
    table: dict[str, tuple[str, int]] = {}
    for name in _LANGS:
        labels = load_labels(name)
        for kind in _KINDS:
            for word, value in labels.get(kind, {}).items():
                table[word] = (kind, value)
                table.setdefault(degrade_kazakh(word), (kind, value))
    return table


@lru_cache(maxsize=None)
def _money_words(key: str) -> tuple[str, ...]:
    """All ``[money].<key>`` words of both languages, longest first."""
    words = {w for name in _LANGS for w in load_labels(name)["money"][key]}
    words |= {degrade_kazakh(w) for w in words}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _multipliers() -> dict[str, int]:
    table: dict[str, int] = {}
    for name in _LANGS:
        for word, value in load_labels(name)["multipliers"].items():
            table[word] = value
            table.setdefault(degrade_kazakh(word), value)
    return table


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _currency_re() -> str:
    """Currency words; long ones take any ending ("теңгеге"), short ones none."""
    long = [w for w in _money_words("currency") if len(w) > 3]
    short = [w for w in _money_words("currency") if len(w) <= 3]
    return rf"(?:(?:{_alternation(long)})\w*|(?:{_alternation(short)})(?!\w)\.?)"


@lru_cache(maxsize=None)
def _multiplier_re() -> str:
    return rf"(?:{_alternation(list(_multipliers()))})\w*\.?"


def _is_money_word(token: str) -> bool:
    words = _money_words("currency") + _money_words("subunit")
    return any(token.startswith(w.casefold()) for w in words)


# ---------------------------------------------------------------- words


def _tokens(s: str) -> list[str]:
    """Lower-cased word tokens, cut at the first currency word (its tiyn part)."""
    s = fold_homoglyphs(clean(s)).casefold().replace("ё", "е")
    tokens = re.findall(r"[^\W\d_]+|\d+|₸", s)
    for i, tok in enumerate(tokens):
        if _is_money_word(tok):
            return tokens[:i]
    return tokens


@dataclass
class _Group:
    """State of the three-digit group being read (hundreds, tens, units)."""

    value: int = 0
    level: int = 4  # 4 empty, 3 after hundreds, 2 after tens, 1 after units/teens
    unit: int = 0  # last unit, for Kazakh "<unit> жүз"


def _step(g: _Group, kind: str, value: int) -> bool:
    """Feed one non-scale word into the group; False if out of order."""
    if kind == "units" and g.level > 1:
        g.value, g.level, g.unit = g.value + value, 1, value
    elif kind in ("teens", "tens") and g.level > 2:
        g.value, g.level = g.value + value, (1 if kind == "teens" else 2)
    elif kind == "hundreds" and g.level == 4:
        g.value, g.level = value, 3
    elif kind == "hundred_multiplier" and (g.level == 4 or (g.level == 1 and g.value == g.unit)):
        g.value, g.level = (g.unit or 1) * value, 3
    else:
        return False
    return True


def _words_value(tokens: list[str]) -> int | None:
    """Value of a sequence of cardinal words, None if any word is out of place."""
    vocab, total, last_scale, group = _number_words(), 0, None, _Group()
    if len(tokens) == 1 and vocab.get(tokens[0], ("",))[0] == "zero":
        return 0
    for tok in tokens:
        kind, value = vocab.get(tok, ("", 0))
        if kind == "scales":
            if last_scale is not None and value >= last_scale:
                return None
            total += (group.value or 1) * value
            last_scale, group = value, _Group()
        elif not kind or kind == "zero" or not _step(group, kind, value):
            return None
    return total + group.value


def split_joined(token: str) -> list[str]:
    """A token that is two or three number words run together, as OCR joins words whose
    space it missed ("мыңүш" for "мың үш"), in its words; else the token itself."""
    vocab = _number_words()
    if token in vocab or len(token) < 4:
        return [token]
    for i in range(2, len(token) - 1):
        head, rest = token[:i], token[i:]
        if head in vocab:
            tail = split_joined(rest) if rest not in vocab else [rest]
            if all(t in vocab for t in tail) and len(tail) <= 2:
                return [head, *tail]
    return [token]


def words_to_number(s: str) -> int | None:
    """Kazakh or Russian cardinal in words → int ("бес миллион" → 5000000).

    A trailing currency and tiyn part ("теңге 00 тиын") is ignored; None when
    the text is not a number in words. Number words run together are read apart
    (`split_joined`).
    """
    tokens = [part for tok in _tokens(s) for part in split_joined(tok)]
    if not tokens or any(t.isdigit() for t in tokens):
        return None
    return _words_value(tokens)


def _starts_with_number_word(s: str) -> bool:
    tokens = _tokens(s)
    return bool(tokens) and tokens[0] in _number_words()


# ---------------------------------------------------------------- digits

_NUM = (
    # digit groups apart by spaces of any kind, mixed ("10 000\u00a0000": Word's no-break
    # space where a line would wrap), or by one and the same dot or comma
    r"(?<![\d.,])(?:\d{1,3}(?:(?:[ \u00a0\u202f\u2009\u2007]\d{3})+|(?P<sep>[.,])\d{3}(?:(?P=sep)\d{3})*)"
    r"(?:[.,]\d{1,2}(?!\d))?|\d+(?:[.,]\d+)?)(?!\d)"
)


def _split_decimal(num: str, decimal_hint: bool) -> tuple[str, str] | None:
    """Split digits with separators into (integer digits, fraction digits).

    One lone "," or "." followed by exactly three digits is a thousands
    separator ("1,500" tenge) unless a multiplier follows ("1,500 млн").
    """
    for ch in _SPACE_CHARS[1:]:
        num = num.replace(ch, " ")
    marks = [c for c in num if c in ".,"]
    head, frac = num, ""
    if marks:
        before, _, tail = num.rpartition(marks[-1])
        lone = len(marks) == 1 and len(tail) != 3
        if len(set(marks)) == 2 or " " in num or decimal_hint or lone:
            head, frac = before, tail
    groups = re.split(r"[ .,]", head)
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
        return None
    return "".join(groups), frac


def _to_decimal(num: str, multiplier: int = 1) -> Decimal | None:
    """Digits with thousands separators (and a multiplier) → Decimal tenge."""
    parts = _split_decimal(num.strip(), decimal_hint=multiplier != 1)
    if parts is None or not parts[0].isdigit() or not (parts[1].isdigit() or not parts[1]):
        return None
    try:
        value = Decimal(f"{parts[0]}.{parts[1] or '0'}") * multiplier
    except InvalidOperation:
        return None
    return value.quantize(CENTS)


def _multiplier_of(word: str | None) -> int | None:
    """Value of a multiplier word as printed ("млн.", "тысяч", "мыңға")."""
    if not word:
        return 1
    word = fold_homoglyphs(word).casefold().rstrip(".")
    table = _multipliers()
    for key in sorted(table, key=len, reverse=True):
        if word.startswith(key):
            return table[key]
    return None


@lru_cache(maxsize=None)
def _amount_re() -> re.Pattern[str]:
    """A whole cell: [currency] number [multiplier] [currency] [tiyn part]."""
    cur, mult = _currency_re(), _multiplier_re()
    return re.compile(
        rf"^(?:{cur}\s*)?(?P<num>{_NUM})\s*(?P<mult>{mult})?\s*(?:{cur})?"
        rf"(?:\s*\d+\s*(?:{_alternation(_money_words('subunit'))})\w*)?[\s.,;:]*$",
        re.I,
    )


def parse_amount(s: str) -> Decimal | None:
    """A money cell → Decimal tenge ("10 млн.теңге" → 10000000.00); None if none.

    A parenthesised words part is skipped; text without digits is read as
    number words ("бес миллион теңге").
    """
    s = fold_homoglyphs(clean(strip_markup(s)))
    s = clean(re.sub(r"\([^()]*\)", " ", s))
    if not s or _only_dashes(s):
        return None
    m = _amount_re().match(s)
    if m:
        multiplier = _multiplier_of(m.group("mult"))
        return _to_decimal(m.group("num"), multiplier) if multiplier else None
    if re.search(r"\d", s):
        return None
    value = words_to_number(s)
    return None if value is None else Decimal(value).quantize(CENTS)


def _only_dashes(s: str) -> bool:
    return bool(s) and all(c in DASHES + "-" for c in s)


def is_dash(s: str) -> bool:
    """A cell that means "none": a dash, or a bare zero."""
    s = clean(strip_markup(s))
    return _only_dashes(s) or s in ("0", "0,00", "0.00")


# ---------------------------------------------------------------- running text


@lru_cache(maxsize=None)
def _mention_re() -> re.Pattern[str]:
    """number [(words)] then a currency, or a multiplier and optional currency."""
    cur, mult = _currency_re(), _multiplier_re()
    return re.compile(
        rf"(?P<num>{_NUM})(?:\s*\((?P<words>[^()\d]{{2,300}})\))?"
        rf"(?:\s*(?P<mult>{mult})\s*(?P<cur1>{cur})?|\s*(?P<cur2>{cur}))?",
        re.I,
    )


def _mention(m: re.Match[str], text: str) -> AmountMention | None:
    """Build a mention from a regex match, None if it is no money."""
    words = clean(m.group("words")) if m.group("words") else None
    unit_seen = bool(m.group("cur1") or m.group("cur2"))
    if words and re.search(_currency_re(), words, re.I):
        unit_seen = True
    if not (unit_seen or m.group("mult")):
        return None
    value = _to_decimal(m.group("num"), _multiplier_of(m.group("mult")) or 1)
    if value is None:
        return None
    if words and not _starts_with_number_word(words):
        words = None  # a parenthesised remark, not the amount in words
    wv = words_to_number(words) if words else None
    raw = text[m.start() : m.end()].rstrip()
    return AmountMention(m.start(), m.start() + len(raw), raw, value, words,
                         None if wv is None else Decimal(wv).quantize(CENTS), unit_seen)


def find_amounts(text: str) -> list[AmountMention]:
    """Money mentions in running text, in order.

    A number counts as money when a currency word follows it (after an
    optional parenthesised words part) or a multiplier does (млн, мың, тыс.);
    ``unit_seen`` tells the two apart. Counts, years, dates, phones and
    percents have neither and are skipped.
    """
    return list(_amounts_in(text))


@lru_cache(maxsize=1 << 13)  # the same paragraph is read for sums by the extractors and the audit
def _amounts_in(text: str) -> tuple[AmountMention, ...]:
    folded = fold_homoglyphs(text)  # same length, so offsets hold for `text`
    found = (_mention(m, text) for m in _mention_re().finditer(folded))
    return tuple(a for a in found if a is not None)
