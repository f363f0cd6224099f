"""Quantitative outputs of a project (videos, bloggers, brochures, ...), from its prose.

The vocabulary lives in data/labels/indicators.toml. A figure repeated in
several places of a report (the seed says "20 бейнеролик" three times) is one
row: the first place it is stated.
"""
from __future__ import annotations

import re
from functools import lru_cache

from esep.extractors.common import where_para
from esep.labels import load
from esep.model import Paragraph
from esep.normalize.places import canonical_place
from esep.normalize.text import clean
from esep.records import IndicatorRow


@lru_cache(maxsize=1)
def patterns() -> list[tuple[dict, re.Pattern]]:
    return [(e, re.compile(e["re"], re.I)) for e in load("indicators")["indicator"]]


def number(text: str) -> float:
    return float(re.sub(r"\s", "", text).replace(",", "."))


def inside_another(hit, hits) -> bool:
    """A match inside a longer one of another kind ("таргетировано 6 видеоматериалов"
    is targeted materials, not videos) gives way to it."""
    m, entry = hit
    return any(o.start() <= m.start() and m.end() <= o.end() and (o.end() - o.start()) > (m.end() - m.start())
               and e["name"] != entry["name"] for o, e in hits)


def paragraph_indicators(p: Paragraph, project: str | None, doc_id: str) -> list[IndicatorRow]:
    """The indicators of one paragraph, in the order the text states them."""
    hits = sorted(((m, entry) for entry, rx in patterns() for m in rx.finditer(p.text)),
                  key=lambda h: h[0].start())
    hits = [h for h in hits if not inside_another(h, hits)]
    out = []
    for m, entry in hits:
        near = entry.get("near")
        if near and not any(w in p.text.lower() for w in near):
            continue
        place = m.groupdict().get("place")
        canon = canonical_place(place) if place else None
        out.append(IndicatorRow(
            doc_id=doc_id, **where_para(p).as_kwargs(), project=project, name=entry["name"],
            value=number(m.group("n")), unit=entry["unit"], label=clean(m.group(0)),
            place=canon.canonical if canon else None))
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
