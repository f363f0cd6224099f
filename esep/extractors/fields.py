"""Form fields: label → value, whatever the layout the form was typed in.

The same form reaches esep in many shapes: numbered labels with the value in
the next paragraph or on the next line; a title page whose "Label: value"
lines are one paragraph joined by soft line breaks; two-column label | value
tables (a number column before the label or not); "Label – value" and
"Label — value"; with or without a colon; a bold label and a plain value in
one paragraph. All of them are read here as one stream of lines, each line
knowing the block it came from, so that a label found by its stems (each
word of a label phrase matches a word that begins with it, one word may
stand in between) is cut from its value the same way in every layout.

A value runs from its label to the next label, or to the first line that
plainly starts another field ("Оператор:", "E-mail:", a heading), or to the
end of its block unless the next block carries it on (starts in lower case,
or the value breaks off on a comma).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from esep.extractors.common import cell_marks, union
from esep.model import Block, Paragraph, Prov, Table
from esep.normalize.text import clean, degrade_kazakh, fold_homoglyphs


@dataclass
class FieldValue:
    """The text of one form field and the paragraphs it came from."""

    text: str = ""
    paras: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    """One line of a form: a paragraph's line between soft breaks, or a table row."""

    text: str
    para: Paragraph  # the block the line belongs to (a table row as a paragraph)
    first: bool  # the first line of its block
    heading: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Label:
    """A label found in the stream: [start, end) covers its number, words and separator."""

    name: str
    start: int
    end: int


# a label may have a bullet or a number before it ("2.", "2)", "•")
BULLET = re.compile(r"\s*(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]?|[•·▪*\-–—])?\s*")
# a numbered label whose phrase comes after some words ("5. Грант шеңберінде ... іске асыру кезеңі")
NUMBERED = re.compile(r"\s*\d{1,2}\s*[.)]\s*[^:\n«»\"“”]{0,220}")
# after the phrase: more label words, then ":" or a spaced dash; the words hold no
# digits or quotes and do not begin in upper case (that would be the value)
TAIL = re.compile(r"(?P<tail>[^:\n«»\"“”\d–—]{0,160}?)(?P<sep>\s*:|\s+[–—-](?=\s)|\s*[–—](?=\s))")
# a line that plainly starts a field of its own, known here or not ("Оператор:", "E-mail:")
OTHER_LABEL = re.compile(r"\s*(?:\d{1,2}\s*[.)]\s*)?[^\W\d_][\w.-]*(?:[ ,/][\w.()-]+){0,5}\s*(?::|\s[–—]\s)")
# words before a label phrase on its line when no number leads it ("Грант шеңберінде
# әлеуметтік жобаны, әлеуметтік бағдарламаны іске асыру кезеңі –"); a colon or dash must follow
MAX_WORDS_BEFORE = 8
ABBREVIATIONS = re.compile(r"^(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,5}(?!\w)\s*)+")  # "НПО", "ҮЕҰ" in a label
PHONE_LABEL = re.compile(r"\s*(?:байланыс\s+)?(?:тел|моб|ұялы|сот|контакт)", re.I)
GAP = r"[\s,.;/()-]+(?:[\w-]+[\s,.;/()-]+)?"  # between two words of a label: one more word at most


@lru_cache(maxsize=1 << 13)  # a block's stream is built for each test of where parts start
def probe(s: str) -> str:
    """The stream as labels are matched: folded, lower case, Kazakh letters degraded;
    same length as ``s`` so offsets carry over."""
    out = degrade_kazakh(fold_homoglyphs(s).lower().replace("ё", "е"))
    return out if len(out) == len(s) else s


def phrase_words(phrase: str) -> list[str]:
    return re.findall(r"[\w-]+", probe(phrase))


@lru_cache(maxsize=64)
def phrase_patterns(spec: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, re.Pattern]]:
    """One pattern per label phrase; each word of the phrase is a stem."""
    out = []
    for name, phrases in spec:
        for ph in phrases:
            words = phrase_words(ph)
            if words:
                body = GAP.join(re.escape(w) + r"[\w-]*" for w in words)
                out.append((name, re.compile(rf"(?<![\w-]){body}")))
    return out


@lru_cache(maxsize=64)
def any_phrase(spec: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    """Every phrase pattern of the spec in one: does some label begin here?"""
    bodies = [rx.pattern.removeprefix(r"(?<![\w-])") for _, rx in phrase_patterns(spec)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(bodies) + ")") if bodies else re.compile(r"(?!)")


@lru_cache(maxsize=64)
def phrase_needles(spec: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, ...], list]:
    """Every word of the spec's patterns, and each pattern (`phrase_patterns`) with the set of
    words it needs as they stand: a pattern whose words are not all in a text cannot match it."""
    needs = [frozenset(ws) for _, phrases in spec for ph in phrases if (ws := phrase_words(ph))]
    needles = [(name, rx, words) for (name, rx), words in zip(phrase_patterns(spec), needs)]
    return tuple(sorted(set().union(*needs))), needles


def as_spec(fields: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, tuple(v)) for k, v in fields.items() if isinstance(v, list))


# ---------------------------------------------------------------- lines


def row_paragraph(t: Table, r: int) -> Paragraph | None:
    """A label | value row as one "label: value" line; a number cell before the label is dropped."""
    cells = t.origins(r)
    if len(cells) > 1 and re.fullmatch(r"№?\s*\d{1,2}\s*[.)]?|№|п/п|", clean(cells[0].text)):
        cells = cells[1:]
    if not cells or len(cells) > 2 or not clean(cells[0].text):
        return None
    # an empty value cell keeps its colon: the row below is never this label's value
    text = clean(cells[0].text) if len(cells) == 1 else \
        f"{clean(cells[0].text).rstrip(': ')}: {clean(cells[1].text)}".rstrip()
    prov = Prov(cells[0].page if cells[0].page is not None else t.prov.page,
                f"{t.prov.locator}/row:{r + 1}", tuple(union([c.bbox for c in cells]) or ()) or None)
    return Paragraph(text, prov, ocr_marks=tuple(cell_marks(cells)))


def form_rows(t: Table) -> list[Paragraph] | None:
    """A form table's label | value rows as paragraphs (`row_paragraph`), None for another table."""
    rows = [row_paragraph(t, r) for r in range(t.n_rows)]
    if sum(p is not None for p in rows) < max(1, t.n_rows // 2):
        return None
    return [p for p in rows if p is not None]


def is_form_table(t: Table) -> bool:
    """A table of label | value rows (with or without a number column)."""
    return form_rows(t) is not None


def block_paragraphs(b: Block) -> list[Paragraph]:
    if isinstance(b, Paragraph):
        return [b]
    return form_rows(b) or []  # each row read once, not once to tell a form and once for its rows


def paragraph_lines(paras: list[Paragraph]) -> list[Line]:
    """Every line of ``paras``, in order."""
    out: list[Line] = []
    for p in paras:
        for i, text in enumerate(p.text.split("\n")):
            out.append(Line(text, p, i == 0, p.is_heading, p.bold))
    return out


def form_lines(blocks: list[Block]) -> list[Line]:
    """Every line of the form's blocks, in reading order."""
    return [ln for b in blocks for ln in paragraph_lines(block_paragraphs(b))]


# ---------------------------------------------------------------- labels


@dataclass(frozen=True)
class Stream:
    """The lines joined by "\\n", with where each line starts."""

    text: str
    probe: str
    starts: list[int]
    lines: list[Line]

    @classmethod
    def of(cls, lines: list[Line]) -> "Stream":
        starts, pos = [], 0
        for ln in lines:
            starts.append(pos)
            pos += len(ln.text) + 1
        text = "\n".join(ln.text for ln in lines) + "\n"
        return cls(text, probe(text), starts, lines)

    def line_at(self, pos: int) -> int:
        lo, hi = 0, len(self.starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line_end(self, i: int) -> int:
        return self.starts[i] + len(self.lines[i].text)


def label_start(s: Stream, at: int) -> tuple[int, bool] | None:
    """Where a label found at ``at`` begins, and whether it needs a separator after it.

    A label begins its line (after a bullet or number), or a numbered label's
    words lead up to it, maybe from the line above; a few words may precede it
    ("Жобаны іске асыру кезеңі:") when a colon or dash follows. After another field
    on its line, a capitalised label with its colon starts a field too (a PDF joins lines).
    """
    i = s.line_at(at)
    begin = s.starts[i]
    prefix = s.text[begin:at]
    if BULLET.fullmatch(prefix):
        return begin, False
    if NUMBERED.fullmatch(prefix):
        return begin, False
    if i > 0 and not s.lines[i].first and ":" not in prefix and len(prefix.split()) <= 8:
        above = s.text[s.starts[i - 1]:s.line_end(i - 1)]
        if NUMBERED.fullmatch(above):
            return s.starts[i - 1], False
    words = prefix.split()
    if len(words) <= MAX_WORDS_BEFORE and not re.search(r"[:«»\"“”\d]", prefix):
        return begin, True
    if ":" in prefix and prefix.endswith(" ") and s.text[at:at + 1].isupper():
        return at, True  # a second "Label: value" a PDF ran onto the line of the first
    return None


def label_end(s: Stream, end: int, needs_sep: bool, words: frozenset[str]) -> int | None:
    """Where the value begins after a label phrase that ends at ``end``.

    The value follows a ":" or a spaced dash, or starts on the next line when
    the label fills its own; a label of two words or more may also run
    straight into its value ("Сумма гранта 2 000 000 тенге").
    """
    i = s.line_at(end)
    rest = s.text[end:s.line_end(i)]
    m = TAIL.match(rest)
    if m and label_like(m.group("tail")):
        return end + m.end()
    if label_like(rest) and i + 1 < len(s.lines) and not s.lines[i + 1].first:
        m = TAIL.match(s.text[s.starts[i + 1]:s.line_end(i + 1)])
        if m and label_like(m.group("tail")) and ":" in m.group("sep"):
            return s.starts[i + 1] + m.end()  # the label's last words and colon on the next line
    if label_like(rest) and not needs_sep:
        return s.line_end(i)  # the label fills its line: the value is below
    return None if needs_sep else end + len(more_label_words(s.text[end:s.line_end(i)], words))


def no_separator_ok(phrase: str) -> bool:
    """A one-word label ("Шарт", "Оператор") needs its colon or dash: without one it
    is as likely the first word of a sentence."""
    return len(phrase.split()) >= 2


def more_label_words(rest: str, words: frozenset[str]) -> str:
    """The words right after a label without a separator that are still a label's
    ("Срок реализации | проекта | с апреля ..."): lower-case words of the form's phrases."""
    m = re.match(r"(?:\s+[\w-]+)*", rest)
    taken = ""
    for w in re.finditer(r"\s+([\w-]+)", m.group(0) if m else ""):
        word = w.group(1)
        if not word[0].islower() or not any(probe(word).startswith(x) for x in words):
            break
        taken = rest[:w.end()]
    return taken


@lru_cache(maxsize=64)
def form_words(spec: tuple) -> frozenset[str]:
    """Every word of the form's label phrases, of three letters or more."""
    return frozenset(w for _, phrases in spec for ph in phrases for w in phrase_words(ph) if len(w) >= 3)


def label_like(tail: str) -> bool:
    """More words of a label, not its value: none, or words that do not begin in upper case
    (an abbreviation like "НПО", "ҮЕҰ" may: "ФИО руководителя НПО:")."""
    t = ABBREVIATIONS.sub("", tail.strip(" ")).strip(" ")
    if not t or re.search(r"[\d«»\"“”]", t):
        return not t
    return not t[0].isupper() or t[0] == "," or t[0] == "("


def find_labels(s: Stream, spec: tuple) -> list[Label]:
    """Every field label of the stream, leftmost first. Of two labels that overlap the one
    whose phrase has more words wins: "Жобаны іске асыру кезеңі:" is the period's
    ("іске асыр кезең"), not the project's ("жоба")."""
    text = s.probe
    if not any_phrase(spec).search(text):
        return []  # one scan for every phrase at once: most blocks hold none
    words, needles = phrase_needles(spec)
    present = {w for w in words if w in text}  # each word looked for once, not once per phrase
    hits = sorted(((m.start(), m.end(), name) for name, rx, needs in needles
                   if needs <= present for m in rx.finditer(text)),
                  key=lambda h: (h[0], -h[1]))
    out: list[tuple[Label, int, int]] = []  # a label, its phrase's words, where its phrase ends
    for start, end, name in hits:
        lab = read_label(s, spec, start, end, name)
        if lab is None:
            continue
        size = len(s.probe[start:end].split())
        if out and lab.start < out[-1][0].end:
            # a longer phrase inside the label's own words takes it; after a comma it is
            # a second label of one field ("Адрес организации, контактный телефон")
            if size > out[-1][1] and "," not in s.text[out[-1][2]:start] and \
                    (len(out) < 2 or lab.start >= out[-2][0].end):
                out[-1] = (lab, size, end)
            continue
        out.append((lab, size, end))
    return [lab for lab, _, _ in out]


def read_label(s: Stream, spec: tuple, start: int, end: int, name: str) -> Label | None:
    """The label a phrase found at [start, end) makes, if it is one where it stands."""
    where = label_start(s, start)
    if where is None:
        return None
    needs_sep = where[1] or not no_separator_ok(s.probe[start:end])
    value_at = label_end(s, end, needs_sep, form_words(spec))
    rest = s.text[end:s.line_end(s.line_at(end))]
    numbered = bool(re.match(r"\s*\d{1,2}\s*[.)]", s.text[where[0]:end]))
    if value_at is None and not where[1] and (not rest.strip(" :") or numbered and label_like(rest)):
        value_at = s.line_end(s.line_at(end))  # a one-word label alone on its (numbered) line
    return Label(name, where[0], value_at) if value_at is not None else None


# ---------------------------------------------------------------- values


def stops_field(ln: Line) -> bool:
    """A line that starts something else: a heading, or a field of another name."""
    if ln.heading:
        return True
    m = OTHER_LABEL.match(ln.text)
    return bool(m) and not PHONE_LABEL.match(ln.text) and len(m.group(0)) < 80


def carries_on(prev: str, ln: Line) -> bool:
    """True when a new block continues the value before it: it starts in lower case
    or the value broke off on a comma, a hyphen or a conjunction."""
    t = ln.text.strip()
    return bool(t) and (t[0].islower() or bool(re.search(r"(?:[,;–—-]|\s(?:және|мен|и))$", prev.strip())))


def value_lines(s: Stream, lab: Label, limit: int) -> list[tuple[Line, str]]:
    """The lines of one field's value, each with its part of the text."""
    i = s.line_at(lab.end)
    inline = lab.end < s.line_end(i) and s.text[lab.end:s.line_end(i)].strip() != ""
    if not inline and "/row:" in s.lines[i].para.prov.locator:
        return []  # a table row's empty value cell: the next row is no value of it
    i = i if inline else i + 1
    out: list[tuple[Line, str]] = []
    while i < len(s.lines) and s.starts[i] < limit:
        ln, so_far = s.lines[i], " ".join(t for _, t in out)
        own = inline and not out
        if not own and ends_value(so_far, ln):
            break
        part = s.text[max(s.starts[i], lab.end):min(s.line_end(i), limit)]
        if part.strip() or out:
            out.append((ln, part))
        i += 1
    return out


def ends_value(so_far: str, ln: Line) -> bool:
    """True when ``ln`` no longer belongs to the value read so far."""
    if not so_far.strip():
        return ln.heading  # the first line under a label is its value, unless a heading
    if stops_field(ln):
        return True
    return ln.first and (ln.bold or not carries_on(so_far, ln))


@dataclass
class Form:
    """A form as read: its known fields by name, and the fields of labels it does not know,
    each as (label as printed, value), in reading order."""

    fields: dict[str, FieldValue]
    others: list[tuple[str, FieldValue]]


def other_labels(s: Stream, known: list[Label]) -> list[Label]:
    """Lines that plainly start a field whose label the form's phrases do not know
    ("Орналасқан жері:", "Контакты:"), except the first line under a known label
    that fills its own line: that is its value."""
    taken = {k.start for k in known}
    under = {s.line_at(k.end) + 1 for k in known if k.end == s.line_end(s.line_at(k.end))}
    out = []
    for i, ln in enumerate(s.lines):
        m = OTHER_LABEL.match(ln.text)
        start = s.starts[i]
        if not m or PHONE_LABEL.match(ln.text) or len(m.group(0)) >= 80 or i in under:
            continue
        if start in taken or any(k.start < start < k.end for k in known):
            continue
        out.append(Label("", start, start + m.end()))
    return out


def read_form(blocks: list[Block], fields: dict[str, list[str]]) -> Form:
    """The form's fields found in ``blocks``.

    ``fields`` maps a field's name to its label phrases (stems); the first
    occurrence of a field wins. Lines that start a field of another label end
    the value above them and come back in ``others``.
    """
    return read_forms(blocks, fields)[0]


def read_forms(blocks: list[Block], fields: dict[str, list[str]], start: tuple[str, ...] = ()) -> list[Form]:
    """The forms in ``blocks``, a new one at each label of the fields ``start`` after the
    first (profiles one after another); one form when ``start`` is empty."""
    s = Stream.of(form_lines(blocks))
    known = find_labels(s, as_spec(fields))
    found = sorted(known + other_labels(s, known), key=lambda lab: lab.start)
    forms = [Form({}, [])]
    for lab, nxt in zip(found, found[1:] + [None]):
        if lab.name in start and any(k in forms[-1].fields for k in start):
            forms.append(Form({}, []))
        form = forms[-1]
        if lab.name in form.fields:
            continue
        parts = value_lines(s, lab, nxt.start if nxt else len(s.text))
        label_para = s.lines[s.line_at(lab.start)].para
        paras = unique([label_para] + [ln.para for ln, _ in parts])
        value = FieldValue(clean(" ".join(t for _, t in parts)), paras)
        if lab.name:
            form.fields[lab.name] = value
        elif value.text:
            form.others.append((clean(s.text[lab.start:lab.end]).rstrip(":–— "), value))
    return forms


def read_fields(blocks: list[Block], fields: dict[str, list[str]]) -> dict[str, FieldValue]:
    """The form's known fields: name → its value and paragraphs (see `read_form`)."""
    return read_form(blocks, fields).fields


def unique(paras: list[Paragraph]) -> list[Paragraph]:
    seen: set[int] = set()
    return [p for p in paras if not (id(p) in seen or seen.add(id(p)))]
