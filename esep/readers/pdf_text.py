"""Text runs to lines to paragraphs, for running text and for table cells.

Each step is a small pure function configured by `PdfSettings`:

    runs_to_lines      runs sharing a baseline, left to right, spaces by gap
    drop_furniture     running headers / page numbers repeated on (nearly) every page
    lines_to_groups    which consecutive lines form one paragraph
    group_to_paragraph the paragraph's text, bbox, size and boldness
    assign_levels      bold paragraphs bigger than body text become headings
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from esep.readers.pdf_page import PdfSettings, Run

SOFT_HYPHEN = "\u00ad"
_SPACES = re.compile(r" {2,}")
_DIGITS = re.compile(r"\d+")
# a form's label opening a line: a capitalised word and at most five more, then ":"
LABEL_START = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\s:]*(?:\s+[^\s:]+){0,5}:\s")
LIST_MARK = re.compile(r"(\d+[.)\-]|№|[•\-–—*]\s)")
NARROW = set(" .,:;'!|()[]ilIіІjft\"-")
WIDE = set("жшщмюыЖШЩМЮЫWwmM—%")


@dataclass(frozen=True)
class Line:
    """Runs on one baseline, left to right."""

    runs: tuple[Run, ...]
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float
    bold: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class ParaBox:
    """A paragraph found on a page, before it gets its document-wide number."""

    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    first: Line
    last: Line


def runs_text(runs: list[Run], s: PdfSettings) -> str:
    """Join runs of one line; a gap wider than ``word_gap`` sizes is a space."""
    out: list[str] = []
    prev: Run | None = None
    for r in runs:
        if prev is not None and out and not out[-1].endswith(" ") and not r.text.startswith(" "):
            if r.x0 - prev.x1 > s.word_gap * max(r.size, prev.size, 1.0):
                out.append(" ")
        out.append(r.text)
        prev = r
    return _SPACES.sub(" ", "".join(out)).strip()


def runs_to_lines(runs: list[Run], s: PdfSettings) -> list[Line]:
    """Group runs into lines by baseline, top to bottom."""
    lines: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (r.baseline, r.x0)):
        cur = lines[-1] if lines else None
        if cur and abs(r.baseline - cur[0].baseline) <= s.baseline_tolerance * max(r.size, cur[0].size):
            cur.append(r)
        else:
            lines.append([r])
    return [make_line(sorted(g, key=lambda r: r.x0), s) for g in lines]


def heaviest_size(items: list[Run] | list[Line]) -> float:
    """The font size of the most text: each size weighs its last item's length; of equal
    weights the first (what ``Counter(...).most_common(1)`` gave, without building one)."""
    weight = {x.size: len(x.text) for x in items}
    return max(weight, key=weight.__getitem__)


def make_line(runs: list[Run], s: PdfSettings) -> Line:
    """A `Line` from runs already in left-to-right order."""
    if len(runs) == 1:
        r = runs[0]
        return Line((r,), runs_text(runs, s), r.x0, r.top, r.x1, r.bottom, r.baseline, r.size, r.bold)
    size = heaviest_size(runs)
    return Line(tuple(runs), runs_text(runs, s),
                min(r.x0 for r in runs), min(r.top for r in runs),
                max(r.x1 for r in runs), max(r.bottom for r in runs),
                runs[0].baseline, size, all(r.bold for r in runs))


def _broken_in_word(line: Line) -> bool:
    """No space was printed at the line's end: it may have wrapped inside a word."""
    return not line.runs[-1].text.endswith(" ")


def _is_url(word: str) -> bool:
    return "://" in word or word.startswith("www.")


def join_text(a: str, b: str, no_space: bool = False) -> str:
    """Join a wrapped line to the next: a space, except after a hyphen inside a
    word, or inside a long URL wrapped where no space was printed (only trusted
    for URLs: some PDF writers never print the space at a wrap)."""
    if not a or (no_space and _is_url(a.rsplit(" ", 1)[-1]) and not _is_url(b)):
        return a + b
    if a.endswith(SOFT_HYPHEN):
        return a[:-1] + b  # a discretionary hyphen: the word was never hyphenated
    if a.endswith("-") and len(a) > 1 and a[-2].isalnum():
        return a + b  # "ақпараттық-" + "түсіндіру": the hyphen is part of the word
    return a + " " + b


def char_units(text: str) -> float:
    """Rough relative advance of a text: capitals and ж/ш/м-like letters are wide, i/l/punctuation narrow."""
    total = 0.0
    for ch in text:
        if ch in NARROW:
            total += 0.3
        elif ch in WIDE:
            total += 0.9
        elif ch.isupper():
            total += 0.7
        else:
            total += 0.5
    return total


def first_word_width(line: Line) -> float:
    """Estimated width of the line's first word, scaled from its run's width."""
    word = line.text.split(" ", 1)[0]
    run = line.runs[0]
    units = char_units(run.text.rstrip())
    return (run.x1 - run.x0) * min(char_units(word) / units, 1.0) if units else 0.0


def room_for_next(prev: Line, nxt: Line, right: float, s: PdfSettings) -> bool:
    """True when the next line's first word would have fit at the end of ``prev``.

    Text wraps only when the next word does not fit, so a line followed by a
    word that would have fit ended by a hard break (end of paragraph, Shift+Enter).
    A run's box already includes a trailing space's advance.
    """
    space = 0.0 if prev.runs[-1].text.endswith(" ") else 0.3 * prev.size
    return prev.x1 + space + first_word_width(nxt) + s.fit_margin * prev.size < right


def cell_text(lines: list[Line], right: float, s: PdfSettings) -> str:
    """Cell lines joined: soft wraps by a space, hard breaks by a newline."""
    text = ""
    for i, line in enumerate(lines):
        if i and room_for_next(lines[i - 1], line, right, s) and not line.text[:1].islower():
            text += "\n" + line.text
        else:
            text = join_text(text, line.text, _broken_in_word(lines[i - 1]) if i else False)
    return text


def furniture_key(line: Line) -> str:
    return _DIGITS.sub("#", line.text).strip()


def in_margin_zone(line: Line, height: float, s: PdfSettings) -> bool:
    zone = s.furniture_zone * height
    return line.bottom <= zone or line.top >= height - zone


def furniture_keys(pages: list[tuple[list[Line], float]], s: PdfSettings) -> set[str]:
    """Texts (digits wildcarded) found in the margin zone of (nearly) every page."""
    if len(pages) < 2:
        return set()
    seen: dict[str, set[int]] = defaultdict(set)
    for i, (lines, height) in enumerate(pages):
        for line in lines:
            if in_margin_zone(line, height, s):
                seen[furniture_key(line)].add(i)
    need = max(2, s.furniture_share * len(pages))
    return {k for k, p in seen.items() if len(p) >= need}


def drop_furniture(lines: list[Line], height: float, keys: set[str], s: PdfSettings) -> list[Line]:
    return [l for l in lines if not (in_margin_zone(l, height, s) and furniture_key(l) in keys)]


def usual_pitch(pages_lines: list[list[Line]]) -> float:
    """The usual baseline-to-baseline distance inside a paragraph, in font sizes.

    The lower quartile of all pitches: most consecutive lines belong to one
    paragraph, and paragraph spacing only ever adds to the pitch.
    """
    ratios = sorted(
        (b.baseline - a.baseline) / a.size
        for lines in pages_lines for a, b in zip(lines, lines[1:])
        if a.size > 0 and abs(a.size - b.size) < 0.5 and 0.8 < (b.baseline - a.baseline) / a.size < 3
    )
    return ratios[len(ratios) // 4] if ratios else 1.2


def bold_turn(prev: Line, cur: Line) -> bool:
    """A bold line (a heading) beside one without a single bold word (body text)."""
    return (prev.bold and not any(r.bold for r in cur.runs)) or (cur.bold and not any(r.bold for r in prev.runs))


def starts_paragraph(group: list[Line], cur: Line, right: float, pitch: float, s: PdfSettings) -> bool:
    """Whether ``cur`` begins a new paragraph after the lines of ``group``."""
    prev = group[-1]
    if abs(cur.size - prev.size) >= s.size_change:
        return True
    if (cur.baseline - prev.baseline) / max(prev.size, 1.0) > pitch + s.para_gap:
        return True
    if s.ocr_breaks and (bold_turn(prev, cur) or LABEL_START.match(cur.text)):
        return True
    if cur.text[:1].islower():
        return False  # a paragraph does not start in lower case: a line break inside one
    centred = abs(cur.cx - prev.cx) <= s.centre_tolerance
    if not centred and cur.x0 > prev.x0 + s.indent:
        return True  # first-line indent
    if not centred and cur.x0 < prev.x0 - s.indent and len(group) > 1:
        return True  # outdent after a hanging block (a new list item)
    return room_for_next(prev, cur, right, s)


def lines_to_groups(lines: list[Line], right: float, pitch: float, s: PdfSettings) -> list[list[Line]]:
    """Split lines (top to bottom) into paragraphs."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not starts_paragraph(groups[-1], line, right, pitch, s):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def group_to_paragraph(group: list[Line]) -> ParaBox:
    text = ""
    for i, line in enumerate(group):
        text = join_text(text, line.text, _broken_in_word(group[i - 1]) if i else False)
    size = heaviest_size(group)
    bbox = (min(l.x0 for l in group), min(l.top for l in group),
            max(l.x1 for l in group), max(l.bottom for l in group))
    return ParaBox(text, bbox, size, all(l.bold for l in group), group[0], group[-1])


def continues_on_next_page(a: ParaBox, b: ParaBox, right: float, s: PdfSettings) -> bool:
    """Whether paragraph ``b`` opening a page goes on with ``a`` that closed the previous one:
    same font, no indent, and ``b`` starts in lower case or ``a``'s last line is full."""
    last, first = a.last, b.first
    if abs(last.size - first.size) >= s.size_change or a.bold != b.bold:
        return False
    if first.x0 > a.first.x0 + s.indent and first.x0 > last.x0 + s.indent:
        return False
    if first.text[:1].islower():
        return True
    ends = a.text.endswith((".", "!", "?", ":", ";")) or LIST_MARK.match(b.text)
    return not ends and not room_for_next(last, first, right, s)


def join_paragraphs(a: ParaBox, b: ParaBox) -> ParaBox:
    """``a`` continued by ``b``: the text joined, the box and lines of ``a`` kept."""
    text = join_text(a.text, b.text, _broken_in_word(a.last))
    return ParaBox(text, a.bbox, a.size, a.bold, a.first, b.last)


def body_size(paras: list[ParaBox]) -> float:
    """The font size most of the text is set in."""
    sizes = Counter()
    for p in paras:
        sizes[round(p.size * 2) / 2] += len(p.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def assign_levels(paras: list[ParaBox], s: PdfSettings) -> list[int | None]:
    """Heading level per paragraph: bold and bigger than body text; the biggest is level 1."""
    body = body_size(paras)
    big = sorted({round(p.size * 2) / 2 for p in paras
                  if p.bold and p.size >= body + s.heading_size_delta}, reverse=True)
    rank = {size: min(i + 1, 6) for i, size in enumerate(big)}
    return [rank.get(round(p.size * 2) / 2) if p.bold else None for p in paras]
