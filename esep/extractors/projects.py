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
    that carried it out; both lead to the recipient profile's title. A title
    is tried first: an NGO's name can also be another project's brand
    («Саналы ұрпақ» the fund, "..., «Саналы ұрпақ» жобасы" the project).
    """
    key = norm(printed).strip(" .")
    projects = [r for r in recipients if r.project]
    best = max(projects, key=lambda r: fuzz.ratio(key, norm(r.project)), default=None)
    if best and fuzz.ratio(key, norm(best.project)) >= 85:
        return best.project
    for r in projects:
        if key and key in {norm(r.name or "").strip(" ."), norm(r.name_norm or "").strip(" .")}:
            return r.project
    for r in projects:
        names = [norm(r.name or ""), norm(r.name_norm or "")]
        if key and any(n and n in key for n in names):
            return r.project
    return printed


def project_reports(sections: list[Section], recipients: list[RecipientRow]) -> list[ProjectReport]:
    out = []
    for sec in sections:
        printed = printed_name(sec)
        out.append(ProjectReport(sec, printed, resolve(printed, recipients)))
    return out
