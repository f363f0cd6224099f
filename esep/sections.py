"""Split a `Document` into the parts of an operator's report.

Parts are found by what they say, never by where a rendering put them: the
numbered sections by their titles (real reports number them 1, 1, 3, 4, 5,
7, ...), recipient profiles (appendix 3) by the label of their first field,
project reports (appendix 4) by "Әлеуметтік жобаның атауы:", and the partners
tables (appendix 1) by their header row.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from esep.labels import has_any, labels, norm
from esep.model import Block, Document, Paragraph, Table

NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)]\s*(\S.*)$", re.S)


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


def is_recipient_start(b: Block) -> bool:
    return isinstance(b, Paragraph) and has_any(b.text[:200], labels("recipient", "fields", "name"))


def is_project_start(b: Block) -> bool:
    return isinstance(b, Paragraph) and any(norm(b.text).startswith(norm(x)) or norm(x) in norm(b.text[:80])
                                            for x in labels("project", "name"))


def starts(blocks: list[Block], test) -> list[int]:
    """Indexes of blocks that start a part, each moved back over its own heading."""
    out = []
    for i, b in enumerate(blocks):
        if test(b):
            j = i
            while j > 0 and isinstance(blocks[j - 1], Paragraph) and _is_title(blocks[j - 1]) \
                    and not test(blocks[j - 1]) and (not out or j - 1 > out[-1]):
                j -= 1
            out.append(j)
    return out


def _is_title(p: Paragraph) -> bool:
    """A heading-like paragraph: a styled heading, or a bold line of the form's titles."""
    return p.is_heading or (p.bold and has_any(p.text, labels("appendix_title_words")))


def slices(blocks: list[Block], idx: list[int], end: int) -> list[list[Block]]:
    bounds = idx + [end]
    return [blocks[a:b] for a, b in zip(bounds, bounds[1:])]


def split_parts(doc: Document) -> Parts:
    """The main body, its numbered sections, the recipient profiles and the project reports."""
    blocks = doc.blocks
    rec = starts(blocks, is_recipient_start)
    proj = starts(blocks, is_project_start)
    main_end = min(rec[:1] + proj[:1] + [len(blocks)])
    main = Section("main", None, "", None, blocks[:main_end])
    rec_end = proj[0] if proj and rec and proj[0] > rec[-1] else len(blocks)
    recipients = [Section("recipient", None, "", None, s) for s in slices(blocks, rec, rec_end)]
    projects = [Section("project", None, "", None, s) for s in slices(blocks, proj, len(blocks))]
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
