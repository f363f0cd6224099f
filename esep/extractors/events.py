"""Events of a project report: date, time, place, venue, speakers.

Two shapes occur: a line per event ("1 маусым күні, Нұрлан Байжігітұлы, сағ:
14.00 – де, ... мәдениет үйінде, Мұнайлы ауданының тұрғындарымен кездесу
өтті."), and a titled event whose date stands on its own line ("Өткізілген
күні 28.06.2023 ж.") with its speakers listed once for several events.
"""
from __future__ import annotations

import re

from esep.extractors.common import where_para
from esep.labels import has_any, labels, norm
from esep.model import Paragraph
from esep.normalize.dates import find_dates, find_time
from esep.normalize.places import canonical_place, find_places, region_of
from esep.normalize.text import clean
from esep.records import EventRow

NAME = re.compile(r"[А-ЯӘҒҚҢӨҰҮҺІЁ][а-яәғқңөұүһіё]+(?:[ -][А-ЯӘҒҚҢӨҰҮҺІЁ][а-яәғқңөұүһіё]+){1,3}")
PARTS = re.compile(r",|\s[–—-]\s")
LOCATIVE = re.compile(r"([ыі])(?:нда|нде)$")
QUOTED = re.compile(r"«([^«»]{3,300})»")
GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
SPECIFIC = {"site": 4, "village": 4, "town": 3, "city": 3, "district": 2, "region": 1}


def person_names(text: str) -> list[str]:
    """Names of people in a text: runs of 2–4 capitalised words that are not places."""
    out = []
    for m in NAME.finditer(text):
        words = m.group(0).split()
        while words and canonical_place(words[-1]) is not None:
            words.pop()
        while words and canonical_place(words[0]) is not None:
            words.pop(0)
        if len(words) >= 2 and not any(is_common_word(w) for w in words):
            out.append(" ".join(words))
    return out


def is_common_word(word: str) -> bool:
    """A word that is no part of a person's name: a label word or a genitive form."""
    w = norm(word)
    return w in labels("events", "not_name_words") or GENITIVE.search(w) is not None


def event_speakers(text: str) -> list[str]:
    """Speakers named in an event line (each comma/dash part may start with a name)."""
    out: list[str] = []
    for part in PARTS.split(text):
        names = person_names(clean(part))
        if names and clean(part).startswith(names[0].split()[0]) and names[0] not in out:
            out.append(names[0])
    return out


def event_place(text: str) -> tuple[str | None, str | None]:
    """(most specific place, its region) of an event line."""
    places = find_places(text)
    if not places:
        return None, None
    best = max(places, key=lambda p: SPECIFIC.get(p.kind, 0))
    return best.canonical, best.region or region_of(best.canonical)


def nominative(venue: str) -> str:
    """The venue in the nominative: "мәдениет үйінде" → "мәдениет үйі",
    "в районном Доме культуры" → "районный Дом культуры"."""
    venue = LOCATIVE.sub(r"\1", venue.strip(" .;"))
    words = venue.split()
    spec = labels("events")
    if words and words[0].lower() in spec["ru_prepositions"]:
        return " ".join(ru_nominative(words[1:], spec))
    return venue


def ru_nominative(words: list[str], spec: dict) -> list[str]:
    """Adjectives and the head noun back to the nominative; the rest as printed."""
    out = list(words)
    for i, w in enumerate(words):
        noun = spec["ru_nouns"].get(w.lower())
        if noun:
            out[i] = w[0] + noun[1:] if w[0].isupper() else noun
            return out
        ending = next((e for e in spec["ru_adjective_endings"] if w.endswith(e[0])), None)
        if ending is None:
            return words  # not a phrase we know how to turn: keep it as printed
        out[i] = w[: len(w) - len(ending[0])] + ending[1]
    return words


def event_venue(text: str, speakers: list[str]) -> str | None:
    for part in PARTS.split(text):
        part = clean(part)
        if has_any(part, labels("events", "venue_words")) and not any(s in part for s in speakers):
            return nominative(part)
    return None


def line_event(p: Paragraph, project: str | None, year: int | None, doc_id: str) -> EventRow | None:
    dates = find_dates(p.text, default_year=year)
    if not dates or len(p.text) > labels("events", "max_paragraph_chars"):
        return None
    time = find_time(p.text)
    speakers = event_speakers(p.text)
    place, region = event_place(p.text)
    return EventRow(doc_id=doc_id, **where_para(p).as_kwargs(), project=project,
                    date=dates[0].value, date_raw=dates[0].raw, time=time[0] if time else None,
                    place=place, region=region, venue=event_venue(p.text, speakers),
                    speakers=speakers)


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
            return [person_names(x)[-1] for x in parts if person_names(x)]
    return []


def is_held_on(p: Paragraph) -> bool:
    return has_any(p.text[:40], labels("project", "held_on"))


def extract_events(paras: list[Paragraph], project: str | None, year: int | None,
                   doc_id: str) -> list[EventRow]:
    """Every dated event of one project report, in the order printed."""
    out: list[EventRow] = []
    since = 0  # where the paragraphs of the current titled event begin
    for i, p in enumerate(paras):
        if is_held_on(p):
            ev = titled_event(p, paras[since:i], paras[i + 1:], project, year, doc_id)
            since = i + 1
        else:
            ev = line_event(p, project, year, doc_id)
        if ev is not None:
            out.append(ev)
    return out


def titled_event(p: Paragraph, before: list[Paragraph], after: list[Paragraph],
                 project: str | None, year: int | None, doc_id: str) -> EventRow | None:
    dates = find_dates(p.text, default_year=year)
    if not dates:
        return None
    place, region = event_place(p.text)
    return EventRow(doc_id=doc_id, **where_para(p).as_kwargs(), project=project,
                    date=dates[0].value, date_raw=dates[0].raw, title=topic(before),
                    speakers=listed_speakers(after[:6]), place=place, region=region)
