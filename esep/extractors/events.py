"""Events of a project report: date, time, place, venue, speakers, title.

Two shapes occur: a line per event ("1 маусым күні, Нұрлан Байжігітұлы, сағ:
14.00 – де, ... мәдениет үйінде, Мұнайлы ауданының тұрғындарымен кездесу
өтті.", "15 октября 2024 года в 10:00 в школе-гимназии №12 (город Аксу)
состоялась встреча с жителями. Спикер – Арман Тажибаев."), and a titled event
whose date stands on its own line ("Өткізілген күні 28.06.2023 ж.") with its
speakers listed once for several events.

A dated line is an event only when it names an event, a place, a venue or a
speaker: the date under a signature ("10.01.2025 ж.") is not one.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

from esep.extractors.common import where_para
from esep.labels import has_any, labels, norm
from esep.model import Paragraph
from esep.normalize.dates import find_dates, find_time
from esep.normalize.people import _patronymic_word
from esep.normalize.places import canonical_place, find_places, region_of
from esep.normalize.text import clean
from esep.records import EventRow

UPPER, LOWER = "А-ЯӘҒҚҢӨҰҮҺІЁ", "а-яәғқңөұүһіё"
CAP_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
# a run of capitalised words, not glued to an initial ("Н.Жантөрин") or a letter
NAME = re.compile(rf"(?<![\w.]){CAP_WORD}(?:\s+{CAP_WORD})+(?!\w)")
# "А.Б. Серикова", "А. Серікова", "Серикова А.Б."
INITIAL = rf"[{UPPER}]\."
INITIALS_NAME = re.compile(rf"(?<![\w.])(?:{INITIAL}\s?(?:{INITIAL}\s?)?{CAP_WORD}|{CAP_WORD}\s+{INITIAL}\s?{INITIAL})(?!\w)")
QUOTED = re.compile(r"«([^«»]{3,300})»")
QUOTE_SPAN = re.compile(r"«[^«»]*»")
GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
INSTRUMENTAL = re.compile(r"(?<=[а-яәғқңөұүһі]{3})(?:мен|бен|пен)$")
KK_LOCATIVE = re.compile(r"(?:(?<=[ыі])н(?:да|де)|(?<=[а-яәғқңөұүһі]{2})(?:да|де|та|те))$")
KK_LOCATIVE_ADJ = re.compile(r"(?:да|де|та|те)ғы$|(?:да|де|та|те)гі$")  # "қаласындағы"
TOKEN = re.compile(r"\S+")
DASHES = {"-", "–", "—"}
SPECIFIC = {"site": 4, "village": 4, "town": 3, "city": 3, "district": 2, "region": 1}


# --- speakers ------------------------------------------------------------------

def person_names(text: str, places: list | None = None) -> list[str]:
    """Names of people in a text, in order: runs of 2–3 capitalised words (a
    patronymic ends a name) that are no place, no venue, no title in «…», no
    label word and nothing a place is named after ("Абай атындағы")."""
    masked = QUOTE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    spans = [(p.start, p.end) for p in (find_places(text) if places is None else places)]
    found: list[tuple[int, str]] = []
    for m in INITIALS_NAME.finditer(masked):
        surname = re.search(CAP_WORD + r"(?!\.)", m.group(0))
        if (not named_after(masked, m.start(), m.end()) and surname
                and is_name_word(surname.group(0), m.start() + surname.start(), m.start() + surname.end(), spans)):
            found.append((m.start(), " ".join(m.group(0).split())))
    for m in NAME.finditer(masked):
        if named_after(masked, m.start(), m.end()) or any(s <= m.start() < s + len(n) for s, n in found):
            continue
        words = [(w.group(0), m.start() + w.start(), m.start() + w.end()) for w in TOKEN.finditer(m.group(0))]
        group: list[str] = []
        for word, s, e in words + [("", -1, -1)]:
            if word and not is_name_word(word, s, e, spans):
                word = ""
            if word:
                group.append(word)
            if not word or _patronymic_word(word):
                if len(group) >= 2:
                    found.append((m.start(), " ".join(group[:-1] + [INSTRUMENTAL.sub("", group[-1])])))
                group = []
    return [n for _, n in sorted(found, key=lambda x: x[0])]


def named_after(text: str, start: int, end: int) -> bool:
    """The run is what a place or venue is named after: "Абай атындағы", "им. Абая"."""
    after, before = norm(text[end:end + 12]), norm(text[max(0, start - 8):start])
    words = [norm(w) for w in labels("events", "named_after")]
    return any(after.startswith(w) for w in words) or any(before.endswith(w) for w in words)


def is_name_word(word: str, start: int, end: int, place_spans: list[tuple[int, int]]) -> bool:
    """A word that may be part of a person's name."""
    w = norm(word)
    if w in not_name_words() or GENITIVE.search(word) or word.lower().endswith(not_name_endings()):
        return False
    if any(s < end and start < e for s, e in place_spans) or canonical_place(word) is not None:
        return False
    return not venue_head(word)


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    return frozenset(norm(w) for w in labels("events", "not_name_words"))


@lru_cache(maxsize=1)
def not_name_endings() -> tuple[str, ...]:
    return tuple(labels("events", "not_name_endings"))


def event_speakers(text: str, places: list | None = None) -> list[str]:
    """Every person named in an event line, once each, in order."""
    out: list[str] = []
    for name in person_names(text, places):
        if name not in out:
            out.append(name)
    return out


# --- place ---------------------------------------------------------------------

def event_place(text: str, region: str | None = None, places: list | None = None
                ) -> tuple[str | None, str | None]:
    """(most specific place, its region) of an event line; the region falls back
    to the document's when the place's own is unknown."""
    places = find_places(text, context_region=region) if places is None else places
    if not places:
        return None, None
    best = max(places, key=lambda p: SPECIFIC.get(p.kind, 0))
    return best.canonical, best.region or region_of(best.canonical) or region


# --- venue ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def venue_head_re() -> re.Pattern[str]:
    return re.compile(labels("events", "venue_head_re"))


def venue_head(word: str) -> bool:
    """A venue noun, or a hyphenated word with one ("мектеп-гимназияда", "школе-гимназии")."""
    w = word.strip("«»\"'.,;:()").lower()
    return any(venue_head_re().fullmatch(part) for part in w.split("-") if part)


def is_event_word(word: str) -> bool:
    w = norm(word)
    return any(w.startswith(norm(e)) for e in labels("events", "event_words") if " " not in e)


def ends_part(tok: str) -> bool:
    """The token closes a comma/sentence part ("Экибастуз,", "№12."), not an
    abbreviation or initial ("им.", "Н.")."""
    if tok.endswith((",", ";", ":")):
        return True
    if tok.endswith(".") and not re.fullmatch(r"(?:им|ул|г|п|с|[А-ЯӘҒҚҢӨҰҮҺІЁA-Z])\.", tok):
        return True
    return False


def event_venue(text: str, blocked: list[tuple[int, int]]) -> str | None:
    """The venue of an event line: the noun phrase around a venue word, in the
    locative ("№12 мектеп-гимназияда"), after a Russian preposition ("в Доме
    молодежи") or as a whole comma part ("районный Дом культуры"); in the
    nominative. ``blocked``: spans of dates, times and names (never a venue)."""
    masked = QUOTE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
    toks = [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(masked)]
    words = [text[s:e] for _, s, e in toks]
    preps = labels("events", "ru_prepositions")
    kazakh = is_kazakh(masked)
    free = [not any(s < be and bs < e for bs, be in blocked) for _, s, e in toks]
    for i, (tok, _, _) in enumerate(toks):
        if not tok.strip() or not free[i] or not venue_head(tok):
            continue
        # left: adjectives and modifiers, up to a part boundary, a preposition,
        # a locative, a date or an event word
        a, russian, part_start = i, False, False
        while a > 0:
            prev = toks[a - 1][0]
            if prev.lower() in preps:
                russian = True
                break
            if ends_part(prev) or prev in DASHES:
                part_start = True
                break
            named = {norm(w) for w in labels("events", "named_after")}
            adjective = KK_LOCATIVE_ADJ.search(prev) and norm(prev) not in named  # not "атындағы"
            if (not free[a - 1] or (kazakh and (KK_LOCATIVE.search(prev) or adjective))
                    or is_event_word(prev)
                    or (re.search(r"\d", prev) and not prev.startswith("№")) or prev.endswith("»")):
                break
            a -= 1
        part_start = part_start or a == 0
        # right: the head and what follows it in the same part (Russian
        # complements "культуры", "им. Онгарсыновой", "«Мунайшы»", "№12")
        b = i
        while True:
            cur = words[b]
            if ends_part(cur) or (kazakh and not russian and KK_LOCATIVE.search(cur.rstrip(".,;:"))):
                break
            if b + 1 >= len(toks):
                break
            nxt = words[b + 1]
            if (nxt.startswith("(") or nxt in DASHES or nxt.lower() in preps or not free[b + 1]
                    or (is_event_word(nxt) and not venue_head(nxt))):
                break
            if nxt.startswith("«") and (not russian or re.match(r"[^»]*»\s*тақырыб", text[toks[b + 1][1]:])):
                break
            if not nxt.startswith("«") and not toks[b + 1][0].strip():
                break
            b += 1
        last = words[b]
        locative = kazakh and not russian and KK_LOCATIVE.search(last.rstrip(".,;:")) is not None
        part_end = ends_part(last) or b + 1 == len(toks) or words[b + 1] in DASHES
        whole_part = part_start and part_end and (not kazakh or venue_head(last))  # Kazakh: head-final
        if not (russian or locative or whole_part):
            continue  # a venue word inside running text ("мектеп оқушыларымен")
        phrase = text[toks[a][1]:toks[b][2]].rstrip(".,;:")
        return nominative(phrase, russian)
    return None


def is_kazakh(text: str) -> bool:
    """A Kazakh line: some lower-case word has a Kazakh letter (names aside:
    a Russian line may name "Нұрлан Байжігітұлы")."""
    return any(re.search(r"[әғқңөұүһі]", w) and w[:1].islower() for w in text.split())


def nominative(venue: str, russian: bool = False) -> str:
    """The venue in the nominative: "мәдениет үйінде" → "мәдениет үйі",
    "мектеп-гимназияда" → "мектеп-гимназия", "районном Доме культуры" (after
    "в") → "районный Дом культуры"."""
    words = venue.strip(" .;,").split()
    if not words:
        return venue
    if russian:
        return " ".join(ru_nominative(words, labels("events")))
    words[-1] = KK_LOCATIVE.sub("", words[-1]) if KK_LOCATIVE.search(words[-1]) else words[-1]
    return " ".join(words)


def ru_noun(word: str, nouns: dict) -> str | None:
    """The nominative of a prepositional venue noun ("Доме" → "Дом",
    "школе-гимназии" → "школа-гимназия"), or None."""
    if word.lower() in nouns:
        noun = nouns[word.lower()]
        return noun[0].upper() + noun[1:] if word[:1].isupper() else noun
    parts = word.split("-")
    got = [nouns.get(p.lower()) for p in parts]
    if got[0] is None:
        return None
    out = [g if g else p for g, p in zip(got, parts)]
    return "-".join(o[0].upper() + o[1:] if p[:1].isupper() else o for o, p in zip(out, parts))


def gender(noun: str, spec: dict) -> str:
    n = noun.lower().split("-")[0]
    if n.endswith(("а", "я")) or n in spec["ru_feminine_soft"]:
        return "f"
    if n.endswith(("о", "е")):
        return "n"
    return "m"


def ru_nominative(words: list[str], spec: dict) -> list[str]:
    """Adjectives and the head noun back to the nominative; the rest as printed."""
    head = next(((i, n) for i, w in enumerate(words) if (n := ru_noun(w, spec["ru_nouns"]))), None)
    if head is None:
        return words  # not a phrase we know how to turn: keep it as printed
    i, noun = head
    g = gender(noun, spec)
    out = list(words)
    out[i] = noun
    for k in range(i):
        w = words[k]
        ending = next((e for e in spec["ru_adjective_endings"][g] if w.endswith(e[0])), None)
        if ending is None:
            return words
        if g == "m" and w.endswith("ом") and any(w.lower().startswith(s) for s in spec["ru_stressed_adjectives"]):
            out[k] = w[:-2] + "ой"  # "городском" → "городской"
        else:
            out[k] = w[: len(w) - len(ending[0])] + ending[1]
    return out


# --- title ---------------------------------------------------------------------

def line_title(text: str, project: str | None) -> str | None:
    """The topic of a line event: "«…» тақырыбында", "семинар «…»", "на тему «…»";
    never the project's own «name»."""
    for rx in labels("events", "title_re"):
        for m in re.finditer(rx, text, re.I):
            title = clean(m.group(1))
            if project and f"«{title}»" in project:
                continue
            return title
    return None


# --- the two shapes --------------------------------------------------------------

def is_event_line(text: str, place: str | None, venue: str | None, speakers: list[str]) -> bool:
    if has_any(text, labels("events", "not_event")):
        return False
    return bool(place or venue or speakers) or any(is_event_word(w) for w in text.split())


def line_event(p: Paragraph, project: str | None, year: int | None, doc_id: str,
               region: str | None = None) -> EventRow | None:
    dates = find_dates(p.text, default_year=year)
    if not dates or len(p.text) > labels("events", "max_paragraph_chars"):
        return None
    time = find_time(p.text)
    places = find_places(p.text, context_region=region)
    speakers = event_speakers(p.text, places)
    place, reg = event_place(p.text, region, places)
    blocked = [(d.start, d.end) for d in dates] + ([(time[1], time[2])] if time else [])
    blocked += [(m.start(), m.end()) for m in NAME.finditer(p.text) if " ".join(m.group(0).split()) in speakers]
    venue = event_venue(p.text, blocked)
    if not is_event_line(p.text, place, venue, speakers):
        return None
    return EventRow(doc_id=doc_id, **where_para(p).as_kwargs(), project=project,
                    date=dates[0].value, date_raw=dates[0].raw, time=time[0] if time else None,
                    place=place, region=reg, venue=venue, speakers=speakers,
                    title=line_title(p.text, project))


def topic(paras: list[Paragraph]) -> str | None:
    """The title of a titled event: "«…» тақырыбына" or the last «quoted» line before it."""
    topics = [re.compile(x, re.I) for x in labels("project", "topic_re")]
    for p in reversed(paras):
        m = next((m for rx in topics if (m := rx.search(p.text))), None)
        if m:
            return clean(m.group(1)).split(". ")[-1]
        quoted = QUOTED.findall(p.text)
        if quoted and len(clean(p.text)) - len(quoted[-1]) < 6:
            return clean(quoted[-1])
    return None


def listed_speakers(paras: list[Paragraph]) -> list[str]:
    """Names from a "Семинарлардың спикерлері: …" line, each the last name-run of its part."""
    for p in paras:
        if has_any(p.text[:60], labels("project", "speakers")):
            body = p.text.split(":", 1)[-1]
            parts = re.split(r"\sжәне\s|\sи\s|;", body)
            return [names[-1] for x in parts if (names := person_names(x))]
    return []


def is_held_on(p: Paragraph) -> bool:
    return has_any(p.text[:40], labels("project", "held_on"))


# a new sentence that opens with a date, maybe numbered ("... Муканова. 1.2. 17 сентября ...")
NEXT_EVENT = re.compile(r"(?<=[.!?])\s+(?=(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?\d{1,2}\s*[а-яәғқңөұүһі]{3,}\s+\d{4}|"
                        r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?\d{1,2}\.\d{2}\.\d{4})")


def event_lines(p: Paragraph) -> list[Paragraph]:
    """A paragraph split where a new dated line begins: a PDF can set two numbered
    event lines without the space that makes them two paragraphs."""
    parts = NEXT_EVENT.split(p.text)
    if len(parts) < 2:
        return [p]
    return [dataclasses.replace(p, text=part) for part in parts]


def extract_events(paras: list[Paragraph], project: str | None, year: int | None,
                   doc_id: str, region: str | None = None) -> list[EventRow]:
    """Every dated event of one project report, in the order printed; ``region``
    (the document's) stands in for a place's region the gazetteer cannot tell."""
    out: list[EventRow] = []
    since = 0  # where the paragraphs of the current titled event begin
    paras = [piece for p in paras for piece in event_lines(p)]
    for i, p in enumerate(paras):
        if is_held_on(p):
            ev = titled_event(p, paras[since:i], paras[i + 1:], project, year, doc_id, region)
            since = i + 1
        else:
            ev = line_event(p, project, year, doc_id, region)
        if ev is not None:
            out.append(ev)
    return out


def titled_event(p: Paragraph, before: list[Paragraph], after: list[Paragraph],
                 project: str | None, year: int | None, doc_id: str,
                 region: str | None = None) -> EventRow | None:
    dates = find_dates(p.text, default_year=year)
    if not dates:
        return None
    place, reg = event_place(p.text, region)
    return EventRow(doc_id=doc_id, **where_para(p).as_kwargs(), project=project,
                    date=dates[0].value, date_raw=dates[0].raw, title=topic(before),
                    speakers=listed_speakers(after[:6]), place=place, region=reg)
