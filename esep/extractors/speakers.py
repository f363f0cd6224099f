"""People a project report introduces: the list of invited speakers.

"№2 әрекет. ... спикерлер шақырылды." is followed by one paragraph per
speaker, a description ending in the name ("..., теолог, дінтанушы Нұрлан
қажы Асанов Байжігітұлы"). Their names feed the `people` table, so that the
"Нұрлан Байжігітұлы" of an event line finds the full name.
"""
from __future__ import annotations

import re

from esep.extractors.common import where_para
from esep.labels import has_any, labels
from esep.model import Paragraph
from esep.normalize.text import clean
from esep.records import PersonMention

CAP = r"[А-ЯӘҒҚҢӨҰҮҺІЁ][а-яәғқңөұүһіё-]+"


def trailing_name(text: str) -> str | None:
    """The name at the end of a speaker's description, in the nominative."""
    spec = labels("speakers")
    text = re.sub(spec["trailing_re"], "", clean(text))
    titles = "|".join(spec["titles_inside"])
    m = re.search(rf"((?:{CAP}\s+(?:(?:{titles})\s+)?){{1,3}}{CAP})$", text)
    if not m:
        return None
    return re.sub(spec["instrumental_re"], "", m.group(1))


def speaker_list(paras: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs after "спикерлер шақырылды", up to the next numbered item."""
    end = re.compile(labels("speakers", "end_of_list_re"), re.I)
    out: list[Paragraph] = []
    started = False
    for p in paras:
        if started and end.search(p.text):
            break
        if started:
            out.append(p)
        started = started or has_any(p.text, labels("project", "speaker_intro"))
    return out


def extract_speakers(paras: list[Paragraph], doc_id: str) -> list[PersonMention]:
    out = []
    for p in speaker_list(paras):
        name = trailing_name(p.text)
        if name:
            out.append(PersonMention(doc_id=doc_id, **where_para(p).as_kwargs(), name=name, role="speaker"))
    return out
