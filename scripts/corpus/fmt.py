"""How things get printed: amounts, sums in words, dates, periods, contract
references, phones, organisation names with their legal form, look-alike
Latin letters. Every function takes the document's `random.Random` so a
corpus is a function of its seed.
"""
from __future__ import annotations

import calendar
import random
from datetime import date
from decimal import Decimal

from num2words import num2words

from corpus.vocab import LEGAL_FORMS

NBSP = "\u00a0"

KK_MONTHS = ("қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
             "қазан", "қараша", "желтоқсан")
KK_MONTHS_ATTR = ("қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы", "маусымдағы",
                  "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы", "қарашадағы", "желтоқсандағы")
KK_MONTHS_GEN = ("қаңтардың", "ақпанның", "наурыздың", "сәуірдің", "мамырдың", "маусымның", "шілденің",
                 "тамыздың", "қыркүйектің", "қазанның", "қарашаның", "желтоқсанның")
KK_MONTHS_LOC = ("қаңтарында", "ақпанында", "наурызында", "сәуірінде", "мамырында", "маусымында",
                 "шілдесінде", "тамызында", "қыркүйегінде", "қазанында", "қарашасында", "желтоқсанында")
RU_MONTHS_GEN = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                 "октября", "ноября", "декабря")
RU_MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
             "ноябрь", "декабрь")

LATIN = {"а": "a", "о": "o", "е": "e", "р": "p", "с": "c", "А": "A", "О": "O", "Е": "E", "Р": "P", "С": "C"}


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


# --- amounts -------------------------------------------------------------------

AMOUNT_STYLES = ("space", "space", "space", "space_dec", "dots", "plain", "mln")


def _group(n: int, sep: str) -> str:
    s = f"{n:,}".replace(",", sep)
    return s


def digits(value: Decimal, style: str, nbsp: bool = False) -> str:
    """The number as printed, without currency."""
    sep = NBSP if nbsp else " "
    n = int(value)
    cents = int((value - n) * 100)
    if style == "space":
        out = _group(n, sep) + (f",{cents:02d}" if cents else "")
    elif style == "space_dec":
        out = _group(n, sep) + f",{cents:02d}"
    elif style == "dots":
        out = _group(n, ".") + (f",{cents:02d}" if cents else "")
    elif style == "plain":
        out = str(n) + (f",{cents:02d}" if cents else "")
    elif style in ("mln", "mlrd"):
        unit, div = ("млрд", 10**9) if style == "mlrd" else ("млн", 10**6)
        q = Decimal(n) / div
        text = f"{q:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        text = text.replace(".", ",")
        out = f"{text}{sep}{unit}"
    else:
        raise ValueError(style)
    return out


def can_mln(value: Decimal) -> bool:
    return value >= 1_000_000 and value % 100_000 == 0


def pick_style(rng: random.Random, value: Decimal, allow_mln: bool = True) -> str:
    style = rng.choice(AMOUNT_STYLES)
    if style == "mln" and not (allow_mln and can_mln(value)):
        style = "space"
    return style


def words(value: Decimal, lang: str) -> str:
    return num2words(int(value), lang="kz" if lang == "kk" else "ru")


KK_TENGE = ("теңге",)


def money_text(value: Decimal, lang: str, style: str, *, nbsp=False, with_words=False,
               words_value: Decimal | None = None, case: str = "") -> tuple[str, str | None, Decimal | None]:
    """("5 000 000 (бес миллион) теңге", words, words value): the whole printed mention."""
    num = digits(value, style, nbsp)
    w = None
    wv = None
    if with_words:
        wv = value if words_value is None else words_value
        w = words(wv, lang)
        num = f"{num} ({w})"
    cur = ("теңге" + case) if lang == "kk" else "тенге"
    if style == "mln" and lang == "kk" and not with_words and not case:
        cur = "теңге"
    return f"{num} {cur}", w, wv


# --- dates ---------------------------------------------------------------------

def kk_date(d: date, attr: bool = False) -> str:
    """2023 жылғы 10 сәуір(дегі)"""
    m = (KK_MONTHS_ATTR if attr else KK_MONTHS)[d.month - 1]
    return f"{d.year} жылғы {d.day} {m}"


def ru_date(d: date, year: bool = True) -> str:
    return f"{d.day} {RU_MONTHS_GEN[d.month - 1]}" + (f" {d.year} года" if year else "")


def num_date(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def contract_ref(no: str, d: date, lang: str, rng: random.Random) -> tuple[str, str]:
    """(printed reference, style name)."""
    if lang == "kk":
        style = rng.choice(["kk_attr", "kk_gen", "kk_num", "kk_num_first"])
        text = {"kk_attr": f"{kk_date(d, attr=True)} №{no}",
                "kk_gen": f"{d.year} жылғы {d.day} {KK_MONTHS_GEN[d.month - 1]} №{no}",
                "kk_num": f"{num_date(d)} ж. №{no}",
                "kk_num_first": f"№{no}, {num_date(d)} ж."}[style]
    else:
        style = rng.choice(["ru_long", "ru_num", "ru_from_first", "ru_num_g"])
        text = {"ru_long": f"№ {no} от {ru_date(d)}",
                "ru_num": f"№{no} от {num_date(d)}",
                "ru_from_first": f"от {num_date(d)} г. № {no}",
                "ru_num_g": f"№{no} от {num_date(d)} г."}[style]
    return text, style


def month_period(start: date, end: date, lang: str, rng: random.Random) -> tuple[str, date, date]:
    """A project period as printed, and the dates it stands for (month periods run
    from the 1st to the last day)."""
    style = rng.choice(["months", "numeric", "long", "months_short"])
    last = calendar.monthrange(end.year, end.month)[1]
    if style in ("months", "months_short"):
        s, e = start.replace(day=1), end.replace(day=last)
        if lang == "kk":
            a, b = KK_MONTHS[start.month - 1], KK_MONTHS[end.month - 1]
            text = (f"{a.capitalize()} – {b.capitalize()} {end.year} жыл" if style == "months"
                    else f"{end.year} жылғы {a}-{b} айлары")
        else:
            a, b = RU_MONTHS[start.month - 1], RU_MONTHS[end.month - 1]
            text = (f"{a} – {b} {end.year} года" if style == "months" else f"{a.capitalize()}-{b} {end.year} г.")
        return text, s, e
    if style == "numeric":
        text = (f"{num_date(start)} – {num_date(end)} ж." if lang == "kk"
                else f"с {num_date(start)} по {num_date(end)}")
        return text, start, end
    if lang == "kk":
        text = f"{start.year} жылғы {start.day} {KK_MONTHS[start.month - 1]} – {end.day} {KK_MONTHS[end.month - 1]}"
    else:
        text = f"с {start.day} {RU_MONTHS_GEN[start.month - 1]} по {ru_date(end)}"
    return text, start, end


# --- phones --------------------------------------------------------------------

MOBILE = ("700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778")


def phone(rng: random.Random) -> tuple[str, str]:
    """(printed, E.164)."""
    op = rng.choice(MOBILE)
    rest = f"{rng.randrange(10**7):07d}"
    a, b, c = rest[:3], rest[3:5], rest[5:]
    style = rng.randrange(6)
    printed = [f"8 {op} {a} {b} {c}", f"+7 ({op}) {a}-{b}-{c}", f"8-{op}-{a}-{b}-{c}", f"8{op}{rest}",
               f"+7 {op} {a} {b}{c}", f"8 ({op}) {a} {b} {c}"][style]
    return printed, f"+7{op}{rest}"


# --- organisations -------------------------------------------------------------

def org(name: str, code: str, lang: str, full: bool, lower: bool = False) -> str:
    """«X» ҚҚ / «X» қоғамдық қоры / ОФ «X» / Общественный фонд «X»."""
    kk_short, kk_full, ru_short, ru_full = LEGAL_FORMS[code]
    if lang == "kk":
        return f"«{name}» {kk_full if full else kk_short}"
    form = ru_full if full else ru_short
    if full and lower:
        form = form[0].lower() + form[1:]
    return f"{form} «{name}»"


# --- people --------------------------------------------------------------------

def latinize(word: str, rng: random.Random, n: int = 1) -> str:
    """Swap n Cyrillic letters of a word for their Latin look-alikes."""
    idx = [i for i, ch in enumerate(word) if ch in LATIN]
    if not idx:
        return word
    chars = list(word)
    for i in rng.sample(idx, min(n, len(idx))):
        chars[i] = LATIN[chars[i]]
    return "".join(chars)


def latinize_text(text: str, rng: random.Random, rate: float) -> str:
    """Latin look-alikes in some words of running text (never inside numbers)."""
    out = []
    for w in text.split(" "):
        if len(w) > 4 and w.isalpha() and rng.random() < rate:
            w = latinize(w, rng)
        out.append(w)
    return " ".join(out)


# --- variety 2 ---------------------------------------------------------------------

RU_MONTHS_PREP_FROM = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                       "октября", "ноября", "декабря")  # "с апреля": the genitive


def month_period_2(start: date, end: date, lang: str, rng: random.Random) -> tuple[str, date, date]:
    """A project period as an NGO's own report prints it: month ranges in words
    ("Маусым – Қазан 2022 жыл", "с апреля по ноябрь 2022 года"), or exact days."""
    last = calendar.monthrange(end.year, end.month)[1]
    s, e = start.replace(day=1), end.replace(day=last)
    style = rng.randrange(5)
    if lang == "kk":
        a, b = KK_MONTHS[start.month - 1], KK_MONTHS[end.month - 1]
        if style == 0:
            return f"{a.capitalize()} – {b.capitalize()} {end.year} жыл", s, e
        if style == 1:
            return f"{end.year} жылдың {a} – {b} айлары", s, e
        if style == 2:
            return f"{end.year} ж. {a}–{b}", s, e
        if style == 3:
            return f"{num_date(start)} ж. бастап {num_date(end)} ж. дейін", start, end
        return f"{start.year} жылғы «{start.day:02d}» {a} – {end.year} жылғы «{end.day:02d}» {b}", start, end
    a, b = RU_MONTHS[start.month - 1], RU_MONTHS[end.month - 1]
    if style == 0:
        return f"с {RU_MONTHS_PREP_FROM[start.month - 1]} по {b} {end.year} года", s, e
    if style == 1:
        return f"{a.capitalize()} – {b} {end.year} г.", s, e
    if style == 2:
        return f"{a}–{b} {end.year} года", s, e
    if style == 3:
        return f"с {num_date(start)} г. по {num_date(end)} г.", start, end
    return f"с «{start.day:02d}» {RU_MONTHS_GEN[start.month - 1]} по «{end.day:02d}» {RU_MONTHS_GEN[end.month - 1]} {end.year} года", start, end


def quoted_day_date(d: date, lang: str) -> str:
    """«28» апреля 2025 года / 2025 жылғы «28» сәуір."""
    if lang == "kk":
        return f"{d.year} жылғы «{d.day:02d}» {KK_MONTHS[d.month - 1]}"
    return f"«{d.day:02d}» {RU_MONTHS_GEN[d.month - 1]} {d.year} года"


def any_date(d: date, lang: str, rng: random.Random, attr: bool = False) -> str:
    """One of the genre's date forms (the day always with its year)."""
    if lang == "kk":
        return rng.choice([kk_date(d, attr=attr), f"{num_date(d)} ж.", quoted_day_date(d, lang)
                           + ("дағы" if attr else "")]) if not attr else rng.choice([kk_date(d, attr=True),
                                                                                       f"{num_date(d)} ж."])
    return rng.choice([ru_date(d), f"{num_date(d)} г.", quoted_day_date(d, lang), num_date(d)])
