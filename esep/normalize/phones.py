"""Phone numbers → E.164, with ``phonenumbers`` and Kazakhstan as home region.

Reports print "87013437134", "+7 702 439 99 79", "8 (7292) 50-12-34".
In running text a phone must not be confused with an amount ("5 000 000",
"7 000 000 000 теңге") or a date, so candidates are screened before
``phonenumbers`` is asked whether they are valid numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

REGION = "KZ"

# Thousands grouping of an amount: "7 000 000 000", "5.000.000".
_AMOUNT_LIKE = re.compile(r"\d{1,3}(?:([ \u00a0.,])\d{3})(?:\1\d{3})+")
_AFTER_AMOUNT = re.compile(r"\s*\(?\s*(?:теңге|тенге|тг|₸|kzt|млн|млрд|мың|тыс)", re.I)


@dataclass(frozen=True)
class PhoneMention:
    """A phone number found in text; offsets index the input string."""

    start: int
    end: int
    raw: str
    e164: str


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _plausible(raw: str) -> bool:
    """Digit count of a KZ number: 11 with 8/7 or +7, 10 without a prefix."""
    digits = _digits(raw)
    if raw.lstrip().startswith("+"):
        return 10 <= len(digits) <= 15
    if len(digits) == 11:
        return digits[0] in "78"
    return len(digits) == 10 and digits[0] == "7"


def normalize_phone(raw: str) -> str | None:
    """A printed phone number → E.164 ("87013437134" → "+77013437134").

    A cell with words around one phone ("тел.: 8 701 …") gives that phone;
    None when the text holds no valid phone number.
    """
    raw = raw.strip()
    if re.search(r"[^\d\s()+\-.\u00a0\u2011]", raw):
        found = find_phones(raw)
        return found[0].e164 if found else None
    if not raw or not _plausible(raw):
        return None
    try:
        number = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _is_amount(raw: str, after: str) -> bool:
    """Grouped like money ("7 000 000 000") or followed by a currency word."""
    return bool(_AMOUNT_LIKE.fullmatch(raw.strip()) or _AFTER_AMOUNT.match(after))


def _in_url(text: str, start: int) -> bool:
    """Digits inside a link ("cisc.kz/48534-48534.html") are no phone."""
    token_start = max(text.rfind(c, 0, start) for c in " \t\n<(") + 1
    return "/" in text[token_start:start] or "=" in text[token_start:start]


def find_phones(text: str) -> list[PhoneMention]:
    """Phone numbers in free text, in order, skipping amounts, dates and links.

    ``phonenumbers``' matcher finds the candidates (it splits "2 87013437134"
    right); the Kazakh digit-count rule and the amount test screen them.
    """
    if len(_digits(text)) < 10:
        return []  # a plausible number has ten digits at least (`_plausible`)
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(text, REGION, leniency=phonenumbers.Leniency.VALID)
    for m in matcher:
        raw, after = m.raw_string, text[m.end:m.end + 12]
        if not _plausible(raw) or _is_amount(raw, after) or _in_url(text, m.start):
            continue
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        found.append(PhoneMention(m.start, m.end, raw, e164))
    return found
