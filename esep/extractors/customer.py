"""The customer of a document: the state body that ordered the grants, as printed.

The genre names it in a handful of frames (labels in ``[document]`` of
``data/labels/report.toml``), tried in this order over the first paragraphs:

1. a field label: "Тапсырыс беруші: ...", "Заказчик: ...";
2. a frame: "... тапсырысы бойынша" (the name before it, Kazakh), "по заказу ..."
   and "государственных грантов [на 2024 год] ..." (the name after it, Russian);
3. a title line that is the body's name ("Маңғыстау облысының дін істері басқармасы");
4. a «name» with a state body's legal form, ГУ «...» or «...» ММ, on the title page
   or after "грант"/"конкурс" in a sentence.

Only the frame is undone: a Russian head word in the genitive goes back to the
nominative ("Управления ..." → "Управление ..."), a Kazakh head word loses its
case ending ("министрлігінің" → "министрлігі"), the legal form and quotes of a
quoted name are left off (``customer_keep_form`` keeps them), and the sentence
around the name is cut off. The name itself stays as printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from esep.labels import labels
from esep.normalize.bilingual import find_known
from esep.normalize.places import find_places, region_of
from esep.normalize.text import clean

_CAPITAL = re.compile(r"^[«\"“(*]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_CLAUSE_END = re.compile(r"[.,;:!?)»\"”]$|^[–—-]$")
# a field label starting the rest of a line ("... басқармасы Оператор: «...» КЕАҚ" in one PDF line)
NEXT_LABEL = re.compile(r"\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\s:]*(?:\s+[a-zа-яёәғқңөұүһі][^\s:]*){0,4}:\s)")
TITLE_LINE_MAX = 160  # a title-page line this long is a sentence
_PLACE_TYPE = re.compile(r"^(?:облыс|аудан|қала|Республика)\w*$")


@dataclass(frozen=True)
class _Spec:
    """The compiled customer labels."""

    keep_form: bool  # a quoted name keeps its legal form and quotes (ГУ «...»), or is the name alone
    label: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    before: tuple[re.Pattern[str], ...]
    kk_head: re.Pattern[str]  # a Kazakh head word with its case ending, at a word's end
    kk_anchor: re.Pattern[str]
    ru_head: re.Pattern[str]
    ru_stop: re.Pattern[str]
    ru_keep: re.Pattern[str]
    ru_end: re.Pattern[str]
    quoted: re.Pattern[str]
    quoted_after: re.Pattern[str]
    title: tuple[re.Pattern[str], ...]
    announcing: re.Pattern[str]
    genitive: dict[str, str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def spec() -> _Spec:
    s = labels("document")
    comp = lambda xs: tuple(re.compile(x, re.I) for x in xs)  # noqa: E731
    kk_head = rf"(?<!\w)({_alt(s['kk_heads'])})(?:{_alt(s['kk_head_endings'])})?(?!\w)"
    forms_ru, forms_kk = "|".join(s["customer_forms_ru"]), "|".join(s["customer_forms_kk"])
    quoted = (rf"(?<!\w)(?:{forms_ru})\s*«(?P<ru>[^«»]{{5,200}})»"
              rf"|«(?P<kk>[^«»]{{5,200}})»\s*(?:{forms_kk})(?![\w])")
    return _Spec(
        keep_form=bool(s["customer_keep_form"]), label=comp(s["customer_label_re"]),
        after=comp(s["customer_after_re"]), before=comp(s["customer_before_re"]),
        kk_head=re.compile(kk_head, re.I), kk_anchor=re.compile(s["kk_name_anchor_re"]),
        ru_head=re.compile(rf"(?<![\w-]){s['ru_heads_re']}(?!\w)"),
        ru_stop=re.compile(rf"^{s['ru_name_stop_re']}$", re.I), ru_keep=re.compile(s["ru_name_keep_re"], re.I),
        ru_end=re.compile(s["ru_name_end_re"]), quoted=re.compile(quoted),
        quoted_after=re.compile(s["customer_quoted_after_re"], re.I), title=comp(s["customer_words_re"]),
        announcing=re.compile(s["customer_announcing_re"], re.I), genitive=s["ru_genitive_heads"])


# --- one name out of a stretch of text ------------------------------------------------

def kk_name(text: str) -> str | None:
    """The Kazakh state body that ends ``text`` ("... Мәдениет және ақпарат министрлігінің")."""
    text = text.rstrip(" *")
    heads = list(spec().kk_head.finditer(text))
    if not heads or text[heads[-1].end():].strip():
        return None
    head = heads[-1]
    start = kk_name_start(text[:head.start()])
    if start is None:
        return None
    return clean(text[start:head.start()] + head.group(1)).lstrip("*« ")


def kk_name_start(prefix: str) -> int | None:
    """Where the name before a Kazakh head word starts: at the last run of places (or
    "ҚР"/"Қазақстан Республикасы") of its clause, else at the capitalised words nearest
    the head. A comma may stand inside the name ("Ақтөбе облысының мәдениет, тілдерді
    дамыту және архив ісі басқармасы") when a place starts it."""
    tokens = list(re.finditer(r"\S+", prefix))
    window: list[re.Match[str]] = []
    for tok in reversed(tokens[-12:]):
        if _CLAUSE_END.search(tok.group()) and not tok.group().endswith(","):
            if not window:
                return None
            break
        window.insert(0, tok)
    if not window:
        return None
    lo = window[0].start()
    run = last_anchor_run(prefix[lo:])
    if run is not None:
        return lo + run
    last_comma = max((w.end() for w in window if w.group().endswith(",")), default=-1)
    after_comma = [t for t in window if t.start() > last_comma]
    return capital_run_start(after_comma) if after_comma else None


def last_anchor_run(clause: str) -> int | None:
    """The start of the last run of adjacent places and "ҚР"s in ``clause``."""
    spans = sorted([(m.start(), m.end()) for m in spec().kk_anchor.finditer(clause)]
                   + [(p.start, p.end) for p in find_places(clause) if p.kind in ("region", "city", "district")])
    if not spans:
        return None
    start, _ = spans[-1]
    for s0, e0 in reversed(spans[:-1]):
        if clause[e0:start].strip():
            break
        start = s0
    return start


def capital_run_start(window: list[re.Match[str]]) -> int | None:
    """The start of the capitalised words nearest the end of ``window`` ("Мәдениет және ...")."""
    i = len(window) - 1
    while i >= 0 and not _CAPITAL.match(window[i].group()):
        i -= 1
    if i < 0:
        return None
    while i > 0 and (_CAPITAL.match(window[i - 1].group()) or _PLACE_TYPE.match(window[i - 1].group())):
        i -= 1
    return window[i].start()


def ru_name(text: str) -> str | None:
    """The Russian state body that starts ``text`` ("Управления внутренней политики ... области
    для НПО"), its head word back in the nominative."""
    text = text.strip(" *")
    head = spec().ru_head.match(text)
    if not head:
        return None
    end = ru_name_end(text, head.end())
    word = head.group()
    nominative = spec().genitive.get(word.lower())
    if nominative:
        word = nominative.capitalize() if word[0].isupper() else nominative
    return clean(word + text[head.end():end]).rstrip(" ,.;")


def ru_name_end(text: str, head_end: int) -> int:
    """Where the genitive words after a Russian head word end: after "Республики
    Казахстан" or the last place before a stop word or punctuation; without a place,
    at the first comma ("Управление культуры, развития языков и архивного дела
    Актюбинской области" keeps its comma: a place ends it)."""
    end, comma = head_end, None
    rest = text[head_end:]
    for tok in list(re.finditer(r"\S+", rest))[:16]:
        word = tok.group()
        inner = spec().ru_keep.match(rest, tok.start())  # "Управление по делам религий ..."
        if not inner and (spec().ru_stop.match(word.strip("«»\"")) or word.startswith(("«", "("))):
            break
        end = head_end + tok.end()
        if word.endswith(","):
            comma = comma or end - 1
        elif _CLAUSE_END.search(word):
            end -= 1
            break
    name = text[:end]
    cut = spec().ru_end.search(name)
    places = [p for p in find_places(name) if p.kind in ("region", "city", "district")]
    if cut:
        return cut.end() if comma is None or cut.end() > comma else comma
    if places and (comma is None or places[-1].end > comma):
        return places[-1].end if comma is None else max(p.end for p in places)
    return comma or end


def quoted_name(text: str) -> str | None:
    """The state body of ГУ «Управление ...» or «... басқармасы» ММ in ``text``: its name
    as printed, without the legal form and quotes unless ``customer_keep_form`` says so."""
    m = spec().quoted.search(text)
    if not m or not has_head(m.group()):
        return None
    return clean(m.group() if spec().keep_form else m.group("ru") or m.group("kk"))


def has_head(text: str) -> bool:
    return bool(spec().kk_head.search(text) or spec().ru_head.search(text))


def name_in(text: str, side: str) -> str | None:
    """The state body a frame points at: ``side`` "after" reads it at the start of
    ``text``, "before" at its end; a quoted name with its legal form wins."""
    text = text.strip(" *")
    if side == "after":
        m = spec().quoted.match(text)
        bare = text.lstrip("«\"“")  # «Управление ...» printed without its legal form
        return (quoted_name(m.group()) if m else ru_name(bare) or kk_name(bare)) or known_ministry(text, side)
    text = re.sub(r"\s+\d{4}\s+жыл\w*$", "", text)  # "... басқармасының 2024 жылғы тапсырысы"
    last = None
    for last in spec().quoted.finditer(text):
        pass
    if last and re.fullmatch(r"(?:-?[а-яәіңғүұқөһ]{1,5})?", text[last.end():].strip()):  # "ММ-нің"
        return quoted_name(last.group())
    return kk_name(text) or known_ministry(text, side)


def known_ministry(text: str, side: str) -> str | None:
    """A ministry by a short name of data/labels/bilingual_orgs.tsv ("ҚР МАМ тапсырысы бойынша",
    "по заказу МИОР РК"), "ҚР"/"РК" beside it kept, at the end or the start of ``text``."""
    spans = find_known(text, "ministry")
    if not spans:
        return None
    start, end = spans[-1] if side == "before" else spans[0]
    country = r"(?:ҚР|РК|Қазақстан\s+Республикасы\w*|Республики\s+Казахстан)"
    if side == "before":
        m = re.search(rf"{country}\s+$", text[:start])
        start = m.start() if m else start
        return clean(text[start:end]) if not text[end:].strip(" ,.") else None
    m = re.match(rf"\s+{country}(?!\w)", text[end:])
    end = end + m.end() if m else end
    return clean(text[start:end]) if not text[:start].strip() else None


# --- the document ----------------------------------------------------------------------

def find_customer(lines: list[str], title_lines: int = 12) -> str | None:
    """The customer named in a document's first lines (see the module doc): the title
    page's label, frame or name line first, then a label or frame further on, then a
    «name» with its legal form."""
    s = spec()
    title = lines[:title_lines]
    for rule, where in ((labelled, title), (framed, title), (title_line, title), (labelled, lines), (framed, lines)):
        for line in where:
            name = rule(line, s)
            if name:
                return name
    for i, line in enumerate(lines):
        name = quoted_in_sentence(line, s, on_title_page=i < title_lines)
        if name:
            return name
    return None


def table_customer(rows: list[list[str]]) -> str | None:
    """The customer of a label | value table ("6 | Тапсырыс беруші | ... басқармасы")."""
    s = spec()
    for row in rows:
        for label, value in zip(row, row[1:]):
            name = labelled(f"{label.strip(' :')}: {value}", s) if len(label) < 60 else None
            if name:
                return name
    return None


def labelled(line: str, s: _Spec) -> str | None:
    for rx in s.label:
        m = rx.search(line)
        if m:
            # a PDF may set the next field on the same line: "... басқармасы Оператор: «...» КЕАҚ"
            value = NEXT_LABEL.split(m.group(1))[0].strip(" *")
            return quoted_name(value) or ru_name(value) or kk_name(value) or (value if has_head(value) else None)
    return None


def framed(line: str, s: _Spec) -> str | None:
    for side, patterns in (("before", s.before), ("after", s.after)):
        for rx in patterns:
            guard = frame_guard(rx)
            if guard is not None and guard.search(line) is None:
                continue  # no frame word in the line: "(.+?)" would be tried from every position
            for m in rx.finditer(line):
                name = name_in(m.group(1), side)
                if name:
                    return name
    return None


@lru_cache(maxsize=64)
def frame_guard(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a frame "(.+?)<words>", the pattern of its words: every match of the frame holds one."""
    lead = "(.+?)"
    return re.compile(rx.pattern[len(lead):], rx.flags) if rx.pattern.startswith(lead) else None


def title_line(line: str, s: _Spec) -> str | None:
    """A title line that is the body's name: nothing else, or the name as the subject of
    an announcing verb ("Управление ... области сообщает об итогах ..."); not a list item
    ("Управление образования г. Шымкента – предоставление помещений")."""
    text = line.strip("«»\"* ")
    if len(text) >= 200 or not any(p.search(text) for p in s.title):
        return None
    if s.quoted.match(line.strip("* ")):
        return quoted_name(line)
    name = ru_name(text) if s.ru_head.match(text) else None
    if name is None:
        return text
    rest = text[len(name):].strip(" .,;*") if text.startswith(name) else ""
    return name if not rest or s.announcing.match(rest) else None


def quoted_in_sentence(line: str, s: _Spec, on_title_page: bool) -> str | None:
    """A «name» with its legal form in a title-page line, or after "грант"/"конкурс" in a
    sentence; a title-page line can be a sentence too ("партнерами привлечены ... ГУ «...»")."""
    sentence = len(line) >= TITLE_LINE_MAX or (line.rstrip(" *").endswith(".") and len(line.split()) >= 8)
    title_like = on_title_page and not sentence
    for m in s.quoted.finditer(line):
        before = line[max(0, m.start() - 80):m.start()]
        if (title_like or s.quoted_after.search(before)) and has_head(m.group()):
            return quoted_name(m.group())
    return None


def region_of_customer(name: str | None) -> str | None:
    """The region a customer's name places it in: its oblast, the oblast of its district,
    or a city of republican significance; None for a ministry or a body named by no place."""
    if not name:
        return None
    name = re.sub(r"(\w)\s+[–—-]\s+(\w)", r"\1-\2", name)  # "Западно – Казахстанской" as printed
    for place in find_places(name):
        if place.kind in ("region", "city", "district", "town", "village"):
            region = place.region or region_of(place.canonical)
            if region:
                return region
    return None


def region_of_title(title: str | None) -> str | None:
    """The region a document's title names, when it names one and only one ("Итоги
    конкурса грантов для НПО Мунайлинского района"): for a document naming no customer."""
    if not title:
        return None
    regions = {p.region or region_of(p.canonical) for p in find_places(title)
               if p.kind in ("region", "city", "district")}
    regions.discard(None)
    return regions.pop() if len(regions) == 1 else None
