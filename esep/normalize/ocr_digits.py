"""Digits OCR read as letters, repaired only where the context is numeric.

    repair_word     one word with the text before and after it on its line -> the word
                    repaired, or None when it stays as read
    repair_line     a line's words -> (word, what OCR read before | None) for each
    words_amounts   `find_amounts`, a sum whose groups ran together ("4920 388") read whole
                    where its words give all its digits
    holds_value     whether a word can hold a value (a digit, no web address): only those get marks
    LOW_CONFIDENCE  below it such a word is not taken on trust (`OcrMark`)

Tesseract's kaz+rus+eng models read "5 000 000" as "5 0О0 000", "13.05.2023"
as "1З.05.2023", "600" as "б00". A letter becomes its digit (the pairs are in
``data/labels/ocr_confusions.toml``) in three places only:

- between two digits of one number ("2О23", "1З.05", "8701З437134"): always;
- at the edge of a number ("l5", "б00", "000,ОО", "З0 жыл"): when the number
  has the shape of a date, a time or a sum with its tiyn, or a neighbour says
  a number is meant: a digit group next to it, a unit or a month after it
  ("жыл", "теңге", "сәуір", "%"), "№" before it, a Kazakh ending ("-ға");
- a whole digit group of letters ("5 000 ООО", "З 000 000"): after a digit
  group with another group, a unit or tiyn on its other side; a leading group
  before a group of three digits, never a leading zero.

A letter glued to a letter that is no digit's look-alike is part of a word
("Облыс", "5-бап", "H2O", "ТОО"); a word of letters alone stays a word ("ООО
«Ромашка»", the initials "З." and "О.", Roman "III"). Pure functions, no state.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from esep.normalize.amounts import AmountMention, find_amounts
from esep.normalize.dates import month_number
from esep.normalize.text import load_labels

# A digit word below this confidence gets an `OcrMark`, and what is built on it is at most
# a warning. Measured by scripts/ocr_digit_stats.py on scans of seed_kk.pdf + seed_ru.pdf
# (Tesseract 5, kaz+rus+eng; 300 / 200 / 150 dpi, ever more noise and JPEG loss): below 0.6
# lie 0.3-0.8 % of the digit words read right and 31-44 % of those read wrong; below 0.8,
# 1-2 % and 42-70 %. A finding compares several values, so a false doubt costs more than
# its word's share: 0.6. (The rest of the wrong ones are mostly groups run together at
# 0.9 and more, "4920" for "4 920", which no threshold finds.)
LOW_CONFIDENCE = 0.6

SEPARATORS = ".,:/-"
QUOTES = "«\"“„'"
DATE = re.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{2}|\d{4})")
TIME = re.compile(r"\d{1,2}:\d{2}")
TIYN = re.compile(r"\d+,\d{2}")
LINK = re.compile(r"://|www\.|@|\.(?:kz|ru|com|org|html?)\b", re.I)  # addresses hold codes, not numbers


@dataclass(frozen=True)
class Confusions:
    """The letter → digit pairs of ocr_confusions.toml and the words that mean a number."""

    digit: dict[str, str]
    interior_only: frozenset[str]
    after: tuple[str, ...]
    before: frozenset[str]

    @property
    def ones(self) -> frozenset[str]:
        """Letters read for 1: a group of them alone is a Roman numeral ("III")."""
        return frozenset(c for c, d in self.digit.items() if d == "1")


@lru_cache(maxsize=1)
def confusions() -> Confusions:
    data = load_labels("ocr_confusions")
    digit = {letter: d for d, letters in data["digits"].items() for letter in letters}
    ctx = data["context"]
    return Confusions(digit, frozenset(ctx["interior_only"]), tuple(ctx["after_number"]),
                      frozenset(ctx["before_number"]))


@lru_cache(maxsize=1)
def run_re() -> re.Pattern[str]:
    """A run of digits and look-alikes, single separators inside: "1З.05.2023", "000,ОО"."""
    chars = "\\d" + re.escape("".join(confusions().digit))
    return re.compile(f"[{chars}]+(?:[{re.escape(SEPARATORS)}][{chars}]+)*")


def holds_value(word: str) -> bool:
    """Whether a word can carry a value an auditor checks: a digit, and no web address
    (a link's "48534" or "%D0%9" is no amount; OCR reads links at 0-50 %)."""
    return any(ch.isdigit() for ch in word) and not LINK.search(word) and word.count("%") < 2


# ---------------------------------------------------------------- context


def first_token(text: str) -> str:
    parts = text.split()
    return parts[0] if parts else ""


def last_token(text: str) -> str:
    parts = text.split()
    return parts[-1] if parts else ""


def is_number(token: str) -> bool:
    """Digits and separators only, a digit among them ("000", "2023", "5,5", "(5")."""
    core = token.strip("()[]«»\"'“”;")
    return bool(core) and any(ch.isdigit() for ch in core) and all(ch.isdigit() or ch in SEPARATORS for ch in core)


def could_be_group(token: str) -> bool:
    """A thousands group as read: three digits or zero look-alikes, tiyn or a comma may follow."""
    c = confusions()
    core = token.rstrip(".,;:)")
    head, _, tail = core.partition(",")
    zeroish = lambda s: all(ch.isdigit() or c.digit.get(ch) == "0" for ch in s)  # noqa: E731
    return len(head) == 3 and zeroish(head) and (not tail or len(tail) == 2 and zeroish(tail))


def means_number(token: str) -> bool:
    """A word that follows a number: a unit, a month, a percent sign."""
    t = token.lstrip("(«\"“").lower()
    word = t.rstrip("»\"”.,;:)")
    return bool(t) and (t.startswith(confusions().after) or bool(word) and month_number(word) is not None)


def number_after(right: str) -> bool:
    """Whether the text after a word goes on with a number, a group or a unit."""
    tok = first_token(right)
    looks = run_re().match(tok.lstrip("(«\""))
    return bool(looks and any(ch.isdigit() for ch in looks.group())) or could_be_group(tok) or means_number(tok)


def number_before(left: str) -> bool:
    tok = last_token(left)
    return is_number(tok) or tok in confusions().before


def numeric_context(left: str, right: str, pre: str, suf: str) -> bool:
    """A neighbour of a number's edge says a number is meant ("З0 жыл", "№б5", "5О%", "5ОО-ге")."""
    glued = any(sign in pre for sign in confusions().before) or suf[:1] == "%" or \
        bool(re.match(r"-[^\W\d_]", suf))
    return glued or number_before(left) or number_after(right)


def in_amount(left: str, right: str) -> bool:
    """Whether a word stands among an amount's digit groups: one before it, three after it."""
    return bool(re.search(r"(?:^|\s)\d{1,3}$", left)) or could_be_group(first_token(right))


# ---------------------------------------------------------------- a run inside a word


def to_digits(s: str) -> str:
    return "".join(confusions().digit.get(ch, ch) for ch in s)


def unglue(word: str, start: int, end: int) -> tuple[int, int]:
    """The run [start, end) without the look-alike letters that belong to a word it touches."""
    c = confusions()
    if start > 0 and word[start - 1].isalpha():
        while start < end and word[start] in c.digit:
            start += 1
    if end < len(word) and word[end].isalpha():
        while end > start and word[end - 1] in c.digit:
            end -= 1
    while start < end and word[start] in SEPARATORS:
        start += 1
    while end > start and word[end - 1] in SEPARATORS:
        end -= 1
    return start, end


def beside_digit(run: str, i: int, step: int) -> bool:
    """Whether a digit stands next to position ``i`` on the side ``step`` (one separator may come between)."""
    j = i + step
    if 0 <= j < len(run) and run[j] in SEPARATORS:
        j += step
    return 0 <= j < len(run) and run[j].isdigit()


def letter_spans(run: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"[^\W\d_|]+", run)]


def repair_run(run: str, context: bool, glued: bool, amount: bool = False) -> str:
    """A run with a digit: its interior letters always, its edge letters by `edge_repairs`;
    none at an edge a letter touches ("2О23ж." keeps nothing but its interior)."""
    out, edges = list(run), []
    for a, b in letter_spans(run):
        if beside_digit(run, a, -1) and beside_digit(run, b - 1, 1):
            out[a:b] = to_digits(run[a:b])
        else:
            edges.append((a, b))
    inner = "".join(out)
    strong = any(rx.fullmatch(to_digits(inner)) for rx in (DATE, TIME, TIYN))
    digits = sum(ch.isdigit() for ch in inner)
    for a, b in edges:
        if not glued and edge_repairs(run[a:b], a == 0, context, strong, digits, amount):
            out[a:b] = to_digits(run[a:b])
    return "".join(out)


def edge_repairs(letters: str, prefix: bool, context: bool, strong: bool, digits: int, amount: bool) -> bool:
    """Whether look-alikes at a number's edge are digits: with a numeric neighbour or a strong
    shape; alone, one Cyrillic letter before two digits ("З00": no word is spelt so) or one
    letter after three ("2О2О"). Latin letters before a number only inside an amount."""
    if any(ch in confusions().interior_only for ch in letters):
        return False
    latin = all(ch.isascii() for ch in letters)
    if prefix and len(letters) > 1 and latin and not amount:
        return False  # "ISO9001", "SOS2": a Latin name, not a number
    if context or strong:
        return True
    if prefix:
        return len(letters) == 1 and not latin and digits >= 2
    return len(letters) == 1 and digits >= 3


# ---------------------------------------------------------------- a word of letters alone


def letters_group(word: str) -> tuple[str, str, str] | None:
    """(before, group, after) when the word is a digit group all in look-alikes ("ООО", "(З", "ООО,ОО")."""
    m = re.fullmatch(r"([(«\"]*)([^\W\d_]{1,3}(?:,[^\W\d_]{2})?)([.,;:)»\"]*|-[^\W\d_]+)", word)
    if not m or not all(ch in confusions().digit for ch in m.group(2).replace(",", "")):
        return None
    return m.group(1), m.group(2), m.group(3)


def group_repairs(group: str, after: str, left: str, right: str) -> bool:
    """Whether a group of look-alikes stands where an amount's digit group does."""
    c = confusions()
    letters = set(group.replace(",", ""))
    if letters & c.interior_only:
        return False
    amount_before = re.search(r"(?:^|\s)\d{1,3}(?:\s\d{3})*$", left)
    if amount_before and letters <= c.ones:  # "5 III 000" is a group; "2 III тоқсан" a quarter
        return len(group) == 3 and (is_number(first_token(right)) or could_be_group(first_token(right)))
    if amount_before:
        two_groups = re.search(r"(?:^|\s)\d{1,3}\s\d{3}$", left) is not None
        quoted = first_token(right)[:1] in tuple(QUOTES)  # "5 000 ООО «Альфа»": the legal form
        alone = not right.strip(" .,;)") and re.fullmatch(r"[\d\s(]*", left)  # the line is the amount
        return len(group.split(",")[0]) == 3 and not quoted and bool(two_groups or alone or number_after(right))
    # a leading group: "З 000 000"; never "О" (no amount starts with 0) nor "З." (an initial)
    leading = not is_number(last_token(left)) and re.match(r"\d{3}(?:\s|$|,\d{2})", right.lstrip())
    return bool(leading) and "," not in group and not after and not letters <= c.ones and \
        to_digits(group)[0] != "0"


def repair_letters(word: str, left: str, right: str) -> str | None:
    parts = letters_group(word)
    if parts is None or not group_repairs(parts[1], parts[2], left, right):
        return None
    return parts[0] + to_digits(parts[1]) + parts[2]


# ---------------------------------------------------------------- words and lines


def repair_word(word: str, left: str = "", right: str = "") -> str | None:
    """``word`` with its look-alike letters turned into digits where the context is
    numeric, else None. ``left`` and ``right`` are the line's text before and after it
    (already repaired on the left)."""
    c = confusions()
    if not any(ch in c.digit for ch in word) or LINK.search(word):
        return None
    if not any(ch.isdigit() for ch in word):
        return repair_letters(word, left, right)
    out, last = [], 0
    for m in run_re().finditer(word):
        a, b = unglue(word, m.start(), m.end())
        run = word[a:b]
        if a < b and any(ch.isdigit() for ch in run):
            pre, suf = word[:a], word[b:]
            touching = pre[-1:] + suf[:1]
            if any(ch.isascii() and ch.isalpha() for ch in touching):
                continue  # "H2O", "B2B", an id "M2O0ovv": a code of Latin letters, not a number
            glued = any(ch.isalpha() for ch in touching)  # "2О23ж.": a Kazakh abbreviation on the number
            context = numeric_context(left, right, pre, suf)
            out += [word[last:a], repair_run(run, context, glued, in_amount(left, right))]
            last = b
    fixed = "".join(out) + word[last:]
    return fixed if fixed != word else None


def repair_line(words: list[str]) -> list[tuple[str, str | None]]:
    """Each word of one OCR line, repaired (`repair_word`), with what OCR read when it
    changed. Passes repeat while one changes a word: a group repaired on the right
    is context for the one before it ("4S lSl 002,2S")."""
    current = list(words)
    for _ in range(len(words)):
        changed = False
        for i, w in enumerate(current):
            fixed = repair_word(w, " ".join(current[:i]), " ".join(current[i + 1:]))
            if fixed is not None:
                current[i], changed = fixed, True
        if not changed:
            break
    return [(new, old if new != old else None) for new, old in zip(current, words)]


# ---------------------------------------------------------------- groups run together


def words_amounts(text: str) -> list[AmountMention]:
    """`find_amounts`, a sum whose digit groups ran together ("4920 388 (төрт миллион
    тоғыз жүз жиырма мың ...)", as OCR reads a narrow gap) taken whole where its words
    give the value of all its digits: the number is the words' one, printed as it was."""
    out: list[AmountMention] = []
    for m in find_amounts(text):
        out.append(run_together(text, m, out[-1].end if out else 0) or m)
    return out


def run_together(text: str, m: AmountMention, floor: int) -> AmountMention | None:
    """``m`` taken back over the digits before it (not before ``floor``) when with them its
    digits are the value of its words; None when its words and digits agree or nothing fits."""
    if m.words_value is None or m.words_value == m.value or m.words_value != m.words_value.to_integral_value():
        return None
    head = re.match(r"[\d ]+", m.raw)
    tokens = list(re.finditer(r"\d+", text[floor:m.start]))
    for k in range(len(tokens) - 1, -1, -1):
        if text[floor + tokens[k].end():m.start].strip():
            break  # only digits and spaces between the groups and the sum
        start = floor + tokens[k].start()
        digits = re.sub(r"\D", "", text[start:m.start] + (head.group() if head else ""))
        if digits and int(digits) == m.words_value:
            return dataclasses.replace(m, start=start, raw=text[start:m.end], value=m.words_value)
    return None
