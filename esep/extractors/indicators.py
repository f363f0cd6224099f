"""Quantitative outputs of a project (videos, bloggers, brochures, ...), from its prose.

The vocabulary lives in data/labels/indicators.toml: one regex per phrasing,
Kazakh and Russian, whose group ``n`` is the count; ``{place}`` in a regex
stands for a place with its type word in any case form, named canonically
here ("в городе Аркалыке" -> "Арқалық қаласы"). A figure repeated in several
places of a report (the seed says "20 бейнеролик" three times) is one row:
the first place it is stated.
"""
from __future__ import annotations

import re
from functools import lru_cache

from esep.extractors.common import where_para
from esep.labels import load
from esep.model import Paragraph
from esep.normalize.places import canonical_place, find_places
from esep.normalize.text import clean
from esep.records import IndicatorRow


@lru_cache(maxsize=1)
def place_regex() -> str:
    """What ``{place}`` stands for: a Kazakh or a Russian place phrase."""
    spec = load("indicators")["place"]
    alts = [spec[k].replace("{name}", spec["name"]) for k in ("kk", "ru")]
    return "(?:" + "|".join(f"(?:{a})" for a in alts) + ")"


def expand(rx: str) -> str:
    """An entry's regex with ``{place}`` and ``{n}`` written out."""
    rx = rx.replace("{place}", f"(?P<place>{place_regex()})")
    return rx.replace("{n}", f"(?:{load('indicators')['number']['re']})")


@lru_cache(maxsize=1)
def patterns() -> list[tuple[dict, re.Pattern]]:
    return [(e, re.compile(expand(e["re"]), re.I)) for e in load("indicators")["indicator"]]


NUMBER_FIRST = "(?P<n>{n})"


@lru_cache(maxsize=1)
def number_first_screen() -> re.Pattern:
    """One pattern that matches wherever any entry starting with its number does.

    Most entries open with ``{n}``; scanning a paragraph once with all of them behind
    a digit lookahead costs about what one of them does, so a paragraph none of them
    can match is passed over after one scan instead of one scan per entry.
    """
    alts = [re.sub(r"\(\?P<\w+>", "(?:", expand(e["re"])) for e in load("indicators")["indicator"]
            if e["re"].startswith(NUMBER_FIRST)]
    return re.compile(r"(?=\d)(?:" + "|".join(f"(?:{a})" for a in alts) + ")", re.I)


def candidate_patterns(text: str) -> list[tuple[dict, re.Pattern]]:
    """The entries worth running on a text: all of them, or when the screen finds
    nothing, only those that do not open with their number."""
    return patterns() if number_first_screen().search(text) else word_first_patterns()


@lru_cache(maxsize=1)
def word_first_patterns() -> list[tuple[dict, re.Pattern]]:
    """The entries that do not open with their number (the screen cannot rule them out)."""
    return [(e, rx) for e, rx in patterns() if not e["re"].startswith(NUMBER_FIRST)]


DIGIT = re.compile(r"\d")


def number(text: str) -> float:
    return float(re.sub(r"\s", "", text).replace(",", "."))


@lru_cache(maxsize=1)
def _kk_type_words() -> list[tuple[str, str]]:
    """(stem, nominative) of Kazakh type words, longest stem first."""
    table = load("indicators")["place"]["kk_nominative"]
    return sorted(table.items(), key=lambda kv: -len(kv[0]))


def _kk_nominative(raw: str) -> str | None:
    """"Булаев қаласының" -> "Булаев қаласы": a Kazakh place the gazetteer lacks."""
    words = clean(raw).split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    for stem, nominative in _kk_type_words():
        if words[-1].lower().startswith(stem):
            return " ".join(words[:-1] + [nominative])
    return None


@lru_cache(maxsize=4096)
def place_name(raw: str) -> str | None:
    """The canonical name of the place a matched phrase names, else None."""
    raw = clean(raw)
    hit = canonical_place(raw)
    if hit is None:
        found = find_places(raw)
        hit = found[0] if len(found) == 1 else None
    if hit is None:
        # a Russian locative the gazetteer's stems do not reach
        # ("городе Караганде", "городе Костанае"): try the nominative endings
        m = re.match(r"(.*\s)?(\S+)е$", raw)
        if m:
            for end in ("а", "й", "я", ""):
                hit = canonical_place(f"{m.group(1) or ''}{m.group(2)}{end}")
                if hit:
                    break
    if hit is not None:
        return hit.canonical
    return _kk_nominative(raw)


def inside_another(hit, hits) -> bool:
    """A match inside a longer one of another kind ("таргетировано 6 видеоматериалов"
    is targeted materials, not videos) gives way to it."""
    m, entry = hit
    return any(o.start() <= m.start() and m.end() <= o.end() and (o.end() - o.start()) > (m.end() - m.start())
               and e["name"] != entry["name"] for o, e in hits)


def paragraph_indicators(p: Paragraph, project: str | None, doc_id: str) -> list[IndicatorRow]:
    """The indicators of one paragraph, in the order the text states them."""
    if DIGIT.search(p.text) is None:
        return []  # every indicator is a count: its group ``n`` holds a digit
    hits = sorted(((m, entry) for entry, rx in candidate_patterns(p.text) for m in rx.finditer(p.text)),
                  key=lambda h: h[0].start())
    hits = [h for h in hits if not inside_another(h, hits)]
    out = []
    seen_spans: set[tuple] = set()
    for m, entry in hits:
        near = entry.get("near")
        if near and not any(w in p.text.lower() for w in near):
            continue
        span = (entry["name"], m.span("n"))
        if span in seen_spans:  # two phrasings of one kind matched the same figure
            continue
        seen_spans.add(span)
        raw_place = m.groupdict().get("place")
        out.append(IndicatorRow(
            doc_id=doc_id, **where_para(p).as_kwargs(), project=project, name=entry["name"],
            value=number(m.group("n")), unit=entry["unit"], label=clean(m.group(0)),
            place=place_name(raw_place) if raw_place else None))
    return out


def extract_indicators(paras: list[Paragraph], project: str | None, doc_id: str) -> list[IndicatorRow]:
    """Indicators of one project report, each (name, value, place) once."""
    seen: set[tuple] = set()
    out = []
    for p in paras:
        for row in paragraph_indicators(p, project, doc_id):
            key = (row.name, row.value, row.place)
            if key not in seen:
                seen.add(key)
                out.append(row)
    return out
