"""Recipient profiles (appendix 3): one NGO that carried out a grant, field by field."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from esep.extractors.common import union
from esep.labels import labels
from esep.model import Paragraph
from esep.normalize.amounts import find_amounts
from esep.normalize.dates import parse_period
from esep.normalize.orgs import org_id, split_org
from esep.normalize.phones import find_phones
from esep.normalize.text import clean, fold_homoglyphs
from esep.records import RecipientRow
from esep.sections import Section



@dataclass
class FieldValue:
    """The text of one form field and the paragraphs it came from."""

    text: str = ""
    paras: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class Label:
    """A field label found in a profile's text: [start, end) covers number, words, colon."""

    name: str
    start: int
    end: int


# the form's number and the first words of a label, possibly on the line above
NUMBER_BEFORE = re.compile(r"(?:^|\n)\s*(\d{1,2}\s*[.)]\s[^:]{0,200})$")


PROFILE = ("recipient", "fields")  # the operator report's appendix 3 form


@lru_cache(maxsize=4)
def label_patterns(spec: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    """One regex per label phrase of the form ``spec``; its words may be split by a line break."""
    out = []
    for name, phrases in labels(*spec).items():
        for ph in phrases:
            words = [re.escape(w) for w in ph.lower().split()]
            # the label runs on to its colon, possibly over a line break
            out.append((name, re.compile(r"\s+".join(words) + r"(?:[^:]{0,160}:)?")))
    return out


def find_labels(stream: str, spec: tuple[str, ...] = PROFILE) -> list[Label]:
    """Every field label in the profile's text, leftmost first, overlaps dropped.

    Labels are searched in the whole profile text, not paragraph by
    paragraph: a PDF can split one label over two lines or put a label and
    its value in one paragraph.
    """
    probe = fold_homoglyphs(stream).lower()
    hits = sorted((Label(name, m.start(), m.end())
                   for name, rx in label_patterns(spec) for m in rx.finditer(probe)),
                  key=lambda h: (h.start, -h.end))
    out: list[Label] = []
    for h in hits:
        if not out or h.start >= out[-1].end:
            lo = max(0, h.start - 220, out[-1].end if out else 0)
            num = NUMBER_BEFORE.search(stream[lo:h.start])
            start = lo + num.start(1) if num else line_start(stream, h.start, lo)
            out.append(Label(h.name, start, h.end))
    return out


def line_start(stream: str, at: int, lo: int) -> int:
    """Where a label's line begins, when only a few words precede the label on it
    ("Жобаны іске асыру кезеңі:" is found by "іске асыру кезеңі")."""
    begin = max(stream.rfind("\n", lo, at) + 1, lo)
    before = stream[begin:at]
    return begin if ":" not in before and len(before.split()) <= 3 else at


def read_fields(paras: list[Paragraph], spec: tuple[str, ...] = PROFILE) -> dict[str, FieldValue]:
    """The form's fields: the text between a label and the next one."""
    stream, starts = "", []
    for p in paras:
        starts.append(len(stream))
        stream += p.text + "\n"
    found = find_labels(stream, spec)
    out: dict[str, FieldValue] = {}
    for lab, nxt in zip(found, found[1:] + [None]):
        lo, hi = lab.end, (nxt.start if nxt else len(stream))
        if lab.name in out:
            continue
        used = [p for p, a in zip(paras, starts) if a < hi and a + len(p.text) >= lo]
        out[lab.name] = FieldValue(clean(stream[lo:hi]), used)
    return out


def tidy_name(s: str) -> str:
    """A field's value without the sentence's closing dot — an initial keeps its own ("Айтбай Қ.С.")."""
    s = clean(s).rstrip(" ;,")
    return s if re.search(r"(?:^|[\s.])\w\.$", s) else s.rstrip(" .")


def contact_split(text: str) -> tuple[str | None, str | None, str | None]:
    """(address, phone_e164, phone_raw) from an "address, phone" field."""
    phones = find_phones(text)
    rest = text
    for ph in reversed(phones):
        rest = rest[:ph.start] + rest[ph.end:]
    rest = re.sub(labels("recipient", "phone_label_tail_re"), "", clean(rest), flags=re.I)
    address = rest.strip(" ,;.:") or None
    if not phones:
        return address, None, None
    return address, phones[0].e164, phones[0].raw


def profile_prov(sec: Section) -> dict:
    paras = sec.paragraphs()
    first, last = paras[0], paras[-1]
    page_boxes = [p.prov.bbox for p in paras if p.prov.page == first.prov.page]
    return {"page": first.prov.page, "locator": f"{first.prov.locator}..{last.prov.locator}",
            "evidence": "\n".join(p.text for p in paras), "bbox": union(page_boxes)}


def extract_recipient(sec: Section, doc_id: str, year: int | None) -> RecipientRow | None:
    f = read_fields(sec.paragraphs())
    if "name" not in f or not f["name"].text:
        return None
    name = tidy_name(f["name"].text)
    org = split_org(name)
    address, phone, phone_raw = contact_split(f["address"].text) if "address" in f else (None, None, None)
    period = parse_period(f["period"].text, default_year=year) if "period" in f else None
    amounts = find_amounts(f["amount"].text) if "amount" in f else []
    amt = amounts[0] if amounts else None
    return RecipientRow(
        doc_id=doc_id, **profile_prov(sec), name=name, name_norm=org.name_norm,
        legal_form=org.legal_form, org_id=org_id(org.name_norm, org.legal_form),
        leader=tidy_name(f["leader"].text) if "leader" in f else None,
        phone=phone, phone_raw=phone_raw, address=address,
        project=tidy_name(f["project"].text) if "project" in f else None,
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        period_raw=f["period"].text if "period" in f else None,
        amount_kzt=amt.value if amt else None, amount_words=amt.words if amt else None,
        amount_words_kzt=amt.words_value if amt else None)


def extract_recipients(sections: list[Section], doc_id: str, year: int | None) -> list[RecipientRow]:
    rows = [extract_recipient(s, doc_id, year) for s in sections]
    return [r for r in rows if r is not None]
