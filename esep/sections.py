"""Split a `Document` into the parts of an operator's report.

Parts are found by what they say, never by where a rendering put them: the
numbered sections by their titles (real reports number them 1, 1, 3, 4, 5,
7, ...), recipient profiles (appendix 3) by the label of their first field
(a paragraph or a label | value table that opens with the name label, matched
by stems through `esep.extractors.fields.find_labels`), project reports
(appendix 4) by their title or a project-name label in any wording, and the
partners tables (appendix 1) by their header row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from esep.labels import has_any, labels
from esep.model import Block, Document, Paragraph, Table

NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(\S.*)$", re.S)
START = ("name", "grantee")  # the fields that open a profile (as in esep.extractors.recipients)


@dataclass
class Section:
    """A run of blocks with a role: ``main``, ``section``, ``recipient``, ``project``."""

    kind: str
    key: str | None  # the section key of report.toml, for ``section``
    title: str
    number: str | None
    blocks: list[Block] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs())


@dataclass
class Parts:
    """The parts of one report."""

    main: Section
    sections: list[Section]
    recipients: list[Section]
    projects: list[Section]


def section_key(p: Paragraph) -> tuple[str, str, str] | None:
    """(key, number, title) when a paragraph is a numbered section title."""
    m = NUMBERED.match(p.text)
    if not m or len(p.text) > 400:
        return None
    for key, phrases in labels("sections").items():
        if has_any(m.group(2), phrases):
            return key, m.group(1), m.group(2).strip()
    return None


def form_stream(b: Block):
    """A paragraph's or a form table's lines as one `fields.Stream` (None for another table)."""
    # imported here: esep.extractors imports this module, and fields lives in that package
    from esep.extractors.fields import Stream, block_paragraphs, form_rows, paragraph_lines
    paras = form_rows(b) if isinstance(b, Table) else block_paragraphs(b)
    return Stream.of(paragraph_lines(paras)) if paras is not None else None


def opening_label(b: Block, spec: dict[str, list[str]]):
    """The label a block opens with, by stems (`fields.find_labels`): in a paragraph its
    phrase right after the number or bullet, in a form table on its first two rows."""
    from esep.extractors.fields import BULLET, any_phrase, as_spec, find_labels, phrase_patterns
    s = form_stream(b)
    if s is None or not s.lines:
        return None
    if not any_phrase(as_spec(spec)).match(s.probe, BULLET.match(s.text).end()):
        return None  # no phrase right after the number or bullet: the test below fails anyway
    found = find_labels(s, as_spec(spec))
    if not found or found[0].start != 0 or s.line_at(found[0].start) > (1 if isinstance(b, Table) else 0):
        return None
    lab = found[0]
    at = s.starts[s.line_at(lab.start)]
    at += BULLET.match(s.text, at).end() - at
    if not any(rx.match(s.probe, at) for name, rx in phrase_patterns(as_spec(spec)) if name == lab.name):
        return None  # words before the phrase: "Орталық пен грант алушы арасындағы шарт:"
    return lab, s


def is_recipient_start(b: Block) -> bool:
    """A paragraph or a label | value table that opens with a profile's name label.

    A short name label (``grantee``: "Грант алушы") is as likely running text, so it
    opens a profile only with its colon or dash, or numbered, or in a table row.
    """
    hit = opening_label(b, labels("recipient", "fields"))
    if hit is None or hit[0].name not in START:
        return False
    lab, s = hit
    if lab.name == "name" or isinstance(b, Table):
        return True
    label = s.text[lab.start:lab.end].rstrip()
    return label.endswith((":", "–", "—", "-")) or bool(re.match(r"\s*\d{1,2}\s*[.)]", label))


def project_labels() -> dict[str, list[str]]:
    """A project report's name label in every wording the forms use."""
    out: list[str] = []
    for phrases in (labels("project", "name"), labels("recipient", "fields", "project"),
                    labels("project_report", "fields", "project")):
        out += [p.rstrip(": ") for p in phrases if p.rstrip(": ") not in out]
    return {"project": out}


def is_project_label(b: Block) -> bool:
    """A paragraph that opens with a project's name label."""
    return isinstance(b, Paragraph) and opening_label(b, project_labels()) is not None


def is_projects_title(b: Block) -> bool:
    """The unnumbered title of the project reports (appendix 4): a heading or bold line."""
    return isinstance(b, Paragraph) and (b.is_heading or b.bold) and len(b.text) < 400 \
        and section_key(b) is None and has_any(b.text, labels("sections", "projects_ref"))


def back_over_titles(blocks: list[Block], idx: list[int], test=lambda b: False) -> list[int]:
    """Each start moved back over the headings above it, never past the start before it."""
    out: list[int] = []
    for i in idx:
        j = i
        while j > 0 and isinstance(blocks[j - 1], Paragraph) and _is_title(blocks[j - 1]) \
                and not test(blocks[j - 1]) and (not out or j - 1 > out[-1]):
            j -= 1
        out.append(j)
    return out


def _is_title(p: Paragraph) -> bool:
    """A heading-like paragraph: a styled heading, or a bold line of the form's titles."""
    return p.is_heading or (p.bold and has_any(p.text, labels("appendix_title_words")))


@dataclass
class Marks:
    """Where recipient profiles and project reports start, and the projects part's titles."""

    recipients: list[int]
    projects: list[int]
    titles: list[int]


def mark_parts(blocks: list[Block]) -> Marks:
    """Profile and project starts in reading order.

    A profile's own project field ("4. Әлеуметтік жобаның атауы: ...") is no
    project start: a project-name label opens a project report only once the
    profile above it has had its project field, after a title that is not a
    profile's, or with no profile above it.
    """
    m = Marks([], [], [])
    in_profile, has_project = False, False
    for i, b in enumerate(blocks):
        if is_recipient_start(b):
            m.recipients.append(i)
            in_profile, has_project = True, has_project_field(b)
        elif is_projects_title(b) or isinstance(b, Paragraph) and _is_title(b) and not is_profile_title(b):
            m.titles += [i] if is_projects_title(b) else []
            in_profile = False
        elif in_profile and not has_project and has_project_field(b):
            has_project = True
        elif is_project_label(b):
            m.projects.append(i)
            in_profile = False
    return m


def has_project_field(b: Block) -> bool:
    """Whether a block of a profile holds the profile's project field, in any wording."""
    from esep.extractors.fields import as_spec, find_labels
    s = form_stream(b)
    spec = {"project": labels("recipient", "fields", "project") + project_labels()["project"]}
    return s is not None and any(lab.name == "project" for lab in find_labels(s, as_spec(spec)))


def is_profile_title(p: Paragraph) -> bool:
    """The title printed over each profile (appendix 3)."""
    return has_any(p.text, labels("sections", "recipients_ref"))


def cut(blocks: list[Block], idx: list[int], ends: list[int]) -> list[list[Block]]:
    """Each part from its start to the next start of any part (``ends``), or the end."""
    out = []
    for a in idx:
        b = min([e for e in ends if e > a] + [len(blocks)])
        out.append(blocks[a:b])
    return out


def split_parts(doc: Document) -> Parts:
    """The main body, its numbered sections, the recipient profiles and the project reports.

    A profile runs to the next profile, the projects' title or the next project
    report, whichever comes first: the last profile never runs on into appendix 4.
    """
    blocks = doc.blocks
    m = mark_parts(blocks)
    rec = back_over_titles(blocks, m.recipients, is_recipient_start)
    proj = back_over_titles(blocks, m.projects, is_project_label)
    main_end = min(rec[:1] + proj[:1] + [len(blocks)])
    main = Section("main", None, "", None, blocks[:main_end])
    ends = sorted(set(rec + proj + m.titles))
    recipients = [Section("recipient", None, "", None, s) for s in cut(blocks, rec, ends)]
    projects = [Section("project", None, "", None, s) for s in cut(blocks, proj, sorted(set(rec + proj)))]
    return Parts(main, numbered_sections(main.blocks), recipients, projects)


def numbered_sections(blocks: list[Block]) -> list[Section]:
    """The numbered sections of the main body, each up to the next one."""
    out: list[Section] = []
    for b in blocks:
        hit = section_key(b) if isinstance(b, Paragraph) else None
        if hit:
            out.append(Section("section", hit[0], hit[2], hit[1], [b]))
        elif out:
            out[-1].blocks.append(b)
    return out
