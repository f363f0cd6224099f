"""The documents row: kind, language, year, customer, region, date, signatory, totals, counts."""
from __future__ import annotations

import re
from functools import lru_cache

from esep.extractors.customer import NEXT_LABEL, find_customer, region_of_customer, region_of_title, table_customer
from esep.labels import has_any, labels, norm
from esep.model import Document, Paragraph
from esep.normalize.bilingual import find_known
from esep.normalize.dates import find_dates, parse_date
from esep.normalize.text import clean, fold_homoglyphs
from esep.sections import Parts

NAME_LIKE = re.compile(r"^(?:[A-ZА-ЯӘҒҚҢӨҰҮҺІ]\.\s*){1,2}[A-ZА-ЯӘҒҚҢӨҰҮҺІ][\w-]+$|"
                       r"^[A-ZА-ЯӘҒҚҢӨҰҮҺІ][\w-]+(?:\s+[A-ZА-ЯӘҒҚҢӨҰҮҺІ][\w.-]*){1,2}$")
MAJORITY = 0.6  # the share of the body text's words that makes a language the document's
BODY_MIN = 30  # fewer words of paragraphs than this: the table cells count too


def detect_language(doc: Document) -> str | None:
    """``kk``, ``ru`` or ``mixed`` by the share of the body text's words in each language.

    The body text is every paragraph that is not a heading and has at least four
    words (and, when those hold fewer than BODY_MIN words, every table cell too);
    each paragraph's words count for the language `paragraph_language` gives it.
    A language with at least 60% of those words is the document's; ``mixed``
    only when neither has. Words, not paragraphs: a Russian report is full of
    short Kazakh lines (a title line, headings, names) that would otherwise
    outvote its prose.
    """
    kk, ru = word_shares(p.text for p in doc.paragraphs() if not p.is_heading)
    if kk + ru < BODY_MIN:
        cells = (c.text for t in doc.tables() for r in range(t.n_rows) for c in t.origins(r))
        kk_cells, ru_cells = word_shares(cells)
        kk, ru = kk + kk_cells, ru + ru_cells
    if not kk and not ru:
        return None  # nothing was read (a scan OCR could not read): no language to claim
    share = kk / (kk + ru)
    return "kk" if share >= MAJORITY else "ru" if share <= 1 - MAJORITY else "mixed"


def word_shares(texts) -> tuple[int, int]:
    """The words of Kazakh and of Russian paragraphs among ``texts``."""
    kk = ru = 0
    for text in texts:
        lang = paragraph_language(text)
        n = len(text.split())
        kk += n * (lang == "kk")
        ru += n * (lang == "ru")
    return kk, ru


@lru_cache(maxsize=1)
def language_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The Kazakh words, the Russian words and the Kazakh letters of ``[language]``, as sets."""
    spec = labels("language")
    return frozenset(spec["kk_words"]), frozenset(spec["ru_words"]), frozenset(spec["kk_letters"])


@lru_cache(maxsize=1 << 13)  # a paragraph is asked again by each part of the report it is in
def paragraph_language(text: str) -> str | None:
    raw = fold_homoglyphs(clean(text)).split()  # not norm(): it folds Kazakh letters away
    words = [w.lower().strip(".,:;!?«»()\"*") for w in raw]
    if len(words) < 4:
        return None
    kk_words, ru_words, kk_letters = language_words()
    # Kazakh letters in a capitalised word are a name's ("Айтбай Қанат"), not the text's language
    kk_hits = sum(1 for r, w in zip(raw, words) if w in kk_words
                  or (not r[:1].isupper() and not kk_letters.isdisjoint(w)))
    ru_hits = sum(1 for w in words if w in ru_words)
    if kk_hits == ru_hits:
        return None  # "Директор: Пак Елена Игоревна": nothing tells the language
    return "kk" if kk_hits > ru_hits else "ru"


def lines(doc: Document, limit: int = 60) -> list[tuple[Paragraph, str]]:
    """The first paragraphs' lines (a title page is often one paragraph with breaks)."""
    out = []
    for p in list(doc.paragraphs())[:limit]:
        out.extend((p, clean(x)) for x in p.text.split("\n") if clean(x))
    return out


def doc_kind(doc: Document, parts: Parts) -> str:
    """The kind the title names: the first of the first lines that names one decides (the
    kind with most phrases in it); then the operator's report by its structure; then
    competition results by what the body says (a news item without a telling title)."""
    spec = labels("kinds")
    for _, line in lines(doc, 8)[:8]:
        scores = {kind: sum(has_any(line, [p]) for p in phrases)
                  for kind, phrases in spec.items() if isinstance(phrases, list)}
        best = max(scores, key=lambda k: scores[k])
        if scores[best] > 0:
            return best
    if len(parts.sections) >= 3:
        return "operator_report"
    body = " ".join(p.text for p in list(doc.paragraphs())[:40])
    if sum(has_any(body, [p]) for p in spec["body"]["competition_results"]) >= spec["body"]["min_hits"]:
        return "competition_results"
    return "operator_report" if parts.recipients else "unknown"


def reporting_year(doc: Document) -> int | None:
    """The year the title page states; else the year of the first date in the first lines."""
    head = " ".join(t for _, t in lines(doc, 20))
    for pattern in labels("document", "reporting_period_re"):
        m = re.search(pattern, head, re.I)
        if m:
            return int(m.group(1))
    found = find_dates(head)
    return found[0].value.year if found else None


def customer(doc: Document) -> tuple[str | None, str | None]:
    """(customer as printed, its region): see `esep.extractors.customer`; in the text's
    first lines, else in a label | value table among the first three. Without a
    customer, the region the title alone names, if it names one."""
    head = [t for _, t in lines(doc, 40)]
    name = find_customer(head) or next(filter(None, (table_customer(t.text_rows()) for t in
                                                     list(doc.tables())[:3])), None)
    return name, region_of_customer(name) if name else region_of_title(head[0] if head else None)


def region_of_text(text: str | None) -> str | None:
    """The region of the first place a text names that has one."""
    return region_of_customer(text)


def signed_by(doc: Document, positions: list[str]) -> str | None:
    """The name after a position label ("Комиссия төрағасы: ____ А.Б. Сейтқали")."""
    rx = re.compile("|".join(re.escape(p) for p in sorted(positions, key=len, reverse=True)), re.I)
    for p in reversed(list(doc.paragraphs())):
        for line in p.text.split("\n"):
            for m in rx.finditer(line):
                tail = clean(re.sub(r"^[\s:]*", "", line[m.end():]).replace("_", " "))
                words = tail.split()
                for n in (3, 2):  # "А.Б. Сейтқали", "Л. Диас", "Диас Л."
                    if NAME_LIKE.match(" ".join(words[:n])):
                        return " ".join(words[:n])
    return None


def report_date_and_signatory(doc: Document, year: int | None) -> tuple:
    """(report date, signatory) from "Есепті жасау күні: ..." and the lines above it;
    without that label, a line that is only a date, at the end or on the title page."""
    paras = list(doc.paragraphs())
    for i, p in enumerate(paras):
        if has_any(p.text[:80], labels("document", "report_date")):
            return parse_date(p.text.split(":", 1)[-1], default_year=year), signatory(paras[max(0, i - 4):i])
    for p in paras[::-1][:4] + paras[:6]:
        if is_date_line(p.text, year):
            return find_dates(p.text, default_year=year)[0].value, None
    return None, None


def is_date_line(text: str, year: int | None) -> bool:
    """"10.01.2025 ж.", "Ақтау қ., 15.03.2023 ж.": a date with at most a town beside it."""
    found = find_dates(text, default_year=year)
    if len(found) != 1 or len(text) > 80:
        return False
    rest = text[:found[0].start] + text[found[0].end:]
    return len(re.sub(r"[\W\d_]+", " ", rest).split()) <= 3


def signatory(before: list[Paragraph]) -> str | None:
    """The name under a position title ("Басқарма төрағасы" / "Л. Диас")."""
    for p in reversed(before):
        for line in reversed(p.text.split("\n")):
            line = clean(line)
            if NAME_LIKE.match(line) and not has_any(line, labels("document", "signatory_positions")):
                return line
    return None


def operator(doc: Document) -> str | None:
    """The operator as printed: its legal form and «name», in either order, where first named;
    else the value of an "Оператор:" field; else the first of its names in
    data/labels/bilingual_orgs.tsv ("Центр поддержки гражданских инициатив подвел итоги ...")."""
    forms = "|".join(re.escape(f) for f in sorted(labels("document", "operator_forms"), key=len, reverse=True))
    rx = re.compile(rf"(?:{forms})\s*«[^»]{{3,120}}»|«[^»]{{3,120}}»\s*(?:{forms})", re.I)
    head = [t for _, t in lines(doc, 40)]
    for line in head:
        m = rx.search(line)
        if m:
            return m.group(0)
    label = re.compile(labels("document", "operator_label_re"), re.I)
    for line in head:
        m = label.search(line)
        value = NEXT_LABEL.split(m.group(1))[0].strip(" *.;,") if m else ""
        if len(value) > 3:
            return value
    for line in head:
        for start, end in find_known(line, "operator"):
            return line[start:end]
    return None


def announcement_date(parts: Parts, year: int | None):
    for sec in parts.sections:
        if sec.key == "announcement":
            found = find_dates(sec.text(), default_year=year)
            return found[0].value if found else None
    return None


def title(doc: Document) -> str | None:
    for p in doc.paragraphs():
        if has_any(p.text, labels("document", "title_operator_report")) and len(p.text) < 300 and "\n" not in p.text:
            return clean(p.text)
    return None
