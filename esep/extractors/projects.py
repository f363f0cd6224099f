"""Project reports (appendix 4): which project each report is about."""
from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from esep.labels import labels, norm
from esep.normalize.text import clean
from esep.records import RecipientRow
from esep.sections import Section


@dataclass
class ProjectReport:
    """One project report: its section and the project title it resolves to."""

    section: Section
    printed: str  # the name as the report prints it
    project: str  # the recipient profile's project title, when it can be matched


def printed_name(sec: Section) -> str:
    """Text after "Әлеуметтік жобаның атауы:" in the report's first paragraphs."""
    for p in sec.paragraphs()[:6]:
        for label in labels("project", "name"):
            at = norm(p.text).find(norm(label).rstrip(":"))
            if at != -1 and ":" in p.text:
                return clean(p.text.split(":", 1)[1]).rstrip(" .")
    return ""


def resolve(printed: str, recipients: list[RecipientRow]) -> str:
    """The project title a printed name stands for.

    Reports name the project by its title or, as the seed does, by the NGO
    that carried it out; both lead to the recipient profile's title.
    """
    key = norm(printed).strip(" .")
    for r in recipients:
        names = [norm(r.name or ""), norm(r.name_norm or "")]
        if key and r.project and any(n and (key == n.strip(" .") or n in key) for n in names):
            return r.project
    best = max(recipients, key=lambda r: fuzz.ratio(key, norm(r.project or "")), default=None)
    if best and best.project and fuzz.ratio(key, norm(best.project)) >= 85:
        return best.project
    return printed


def project_reports(sections: list[Section], recipients: list[RecipientRow]) -> list[ProjectReport]:
    out = []
    for sec in sections:
        printed = printed_name(sec)
        out.append(ProjectReport(sec, printed, resolve(printed, recipients)))
    return out
