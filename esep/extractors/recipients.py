"""Recipient profiles (appendix 3): one NGO that carried out a grant, field by field."""
from __future__ import annotations

import re
from functools import lru_cache

from esep.extractors.common import drop_flag, ocr_flag, union
from esep.extractors.fields import FieldValue, Form, probe, read_forms
from esep.labels import labels
from esep.normalize.amounts import find_amounts
from esep.normalize.dates import parse_period
from esep.normalize.ocr_digits import words_amounts
from esep.normalize.orgs import org_id, split_org
from esep.normalize.phones import find_phones
from esep.normalize.text import clean
from esep.records import RecipientRow
from esep.sections import Section

PROFILE = ("recipient", "fields")  # the operator report's appendix 3 form
START = ("name", "grantee")  # the fields that open a profile; "grantee" is a short name label


@lru_cache(maxsize=1)
def grantee_labels() -> dict[str, list[str]]:
    """The labels of a grantee's fields. The operator's profile form ([recipient.fields]) and
    an NGO report's header ([project_report.fields]) name the same facts, so each reads the
    other's wordings too."""
    out: dict[str, list[str]] = {}
    for spec in (labels(*PROFILE), labels("project_report", "fields")):
        for key, phrases in spec.items():
            out[key] = out.get(key, []) + [p for p in phrases if p not in out.get(key, [])]
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


def grantee_facts(f: dict[str, FieldValue], year: int | None) -> dict | None:
    """What a grantee's form fields say, as RecipientRow fields (no provenance).

    One reading for the operator's appendix 3 profile and an NGO's own report
    header: the address loses its phone, which is the phone unless a phone
    field of its own says otherwise; the amount keeps its words.
    """
    name = text_of(f, "name") or text_of(f, "grantee")
    if not name:
        return None
    org = split_org(name)
    address, phone, phone_raw = contact_split(f["address"].text) if "address" in f else (None, None, None)
    own = find_phones(f["phone"].text) if "phone" in f else []
    if own:
        phone, phone_raw = own[0].e164, own[0].raw
    period_raw = text_of(f, "period")
    period = parse_period(period_raw, default_year=year) if period_raw else None
    amounts = words_amounts(f["amount"].text) if "amount" in f else []
    amt = amounts[0] if amounts else None
    return dict(
        name=name, name_norm=org.name_norm, legal_form=org.legal_form,
        org_id=org_id(org.name_norm, org.legal_form), leader=leader_of(f),
        phone=phone, phone_raw=phone_raw, address=address, project=text_of(f, "project"),
        period_start=period[0] if period else None, period_end=period[1] if period else None,
        period_raw=period_raw, amount_kzt=amt.value if amt else None,
        amount_words=amt.words if amt else None, amount_words_kzt=amt.words_value if amt else None)


def form_fields(form: Form) -> dict[str, FieldValue]:
    """The form's known fields, and those under labels it does not know told by their value."""
    out: dict[str, FieldValue] = {}
    for label, fv in form.others:
        key = value_kind(label, fv.text)
        if key and key not in form.fields and key not in out:
            out[key] = fv
    return out | form.fields


def value_kind(label: str, value: str) -> str | None:
    """Which grantee field a value is, by what it looks like (``[recipient.value_kinds]``)."""
    spec = labels("recipient", "value_kinds")
    if is_phone(value):
        return "phone"
    if find_amounts(value) and has_word(value, spec["currency_words"]):
        return "amount"
    if parse_period(value):
        return "period"
    if split_org(value).legal_form:
        return "name"
    if is_person(value, spec["person_endings"]):
        return "leader"
    if re.search(r"\d", value) and has_word(value, spec["address_words"]):
        return "address"
    return "project" if has_word(label, spec["project_words"]) else None


def has_word(text: str, words: list[str]) -> bool:
    """True when a word of ``text`` begins with one of ``words``."""
    t = probe(text)
    return any(re.search(rf"(?<![\w]){re.escape(probe(w))}", t) for w in words)


def is_phone(value: str) -> bool:
    """A value that is one phone number or more, and little else."""
    phones = find_phones(value)
    rest = value
    for ph in reversed(phones):
        rest = rest[:ph.start] + rest[ph.end:]
    return bool(phones) and len(re.findall(r"[^\W\d_]", rest)) <= 12


def is_person(value: str, endings: list[str]) -> bool:
    """Two to four capitalised words, one of them a patronymic or the value with initials."""
    words = value.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return any(probe(w).endswith(tuple(probe(e) for e in endings)) for w in words) or \
        bool(re.search(r"(?:^|\s)[^\W\d_]\.\s?[^\W\d_]\.", value))


def text_of(f: dict[str, FieldValue], key: str) -> str | None:
    return (tidy_name(f[key].text) or None) if key in f else None


def leader_of(f: dict[str, FieldValue]) -> str | None:
    """The leader's name, without a phone the form wrote after it."""
    if "leader" not in f or not f["leader"].text:
        return None
    text = f["leader"].text
    for ph in reversed(find_phones(text)):
        text = text[:ph.start] + text[ph.end:]
    text = re.sub(labels("recipient", "phone_label_tail_re"), "", clean(text), flags=re.I)
    return tidy_name(text) or None


def extract_recipient(sec: Section, doc_id: str, year: int | None) -> list[RecipientRow]:
    """The profiles of one section: one, or several when the next ones did not start a
    section of their own (a label | value table, a name label the sectioning does not know)."""
    forms = read_forms(sec.blocks, grantee_labels(), start=START)
    rows = []
    for form in forms:
        fields = form_fields(form)
        facts = grantee_facts(fields, year)
        if facts is not None:
            # a section of tables only (a profile printed as a table) has no paragraphs
            prov = profile_prov(sec) if len(forms) == 1 and sec.paragraphs() else fields_prov(fields)
            rows.append(RecipientRow(doc_id=doc_id, **prov, **facts, ocr_flag=recipient_flag(fields, facts)))
    return rows


def fields_prov(f: dict[str, FieldValue]) -> dict:
    """Where a profile's fields were read: its paragraphs and table rows."""
    paras = [p for fv in f.values() for p in fv.paras]
    first, last = paras[0], paras[-1]
    return {"page": first.prov.page, "locator": f"{first.prov.locator}..{last.prov.locator}",
            "evidence": "\n".join(p.text for p in paras),
            "bbox": union([p.prov.bbox for p in paras if p.prov.page == first.prov.page])}


def recipient_flag(f: dict[str, FieldValue], facts: dict) -> str | None:
    """The OCR flag of the fields a profile was read from; its sum's words drop out when
    the sum in words gives the same value (two readings agree)."""
    paras = [p for fv in f.values() for p in fv.paras]
    flag = ocr_flag([m for p in paras for m in p.ocr_marks], "\n".join(p.text for p in paras))
    amount = facts.get("amount_kzt")
    if amount is not None and amount == facts.get("amount_words_kzt"):
        flag = drop_flag(flag, [f"{amount:,.2f}".replace(",", " ")])
    return flag


def extract_recipients(sections: list[Section], doc_id: str, year: int | None) -> list[RecipientRow]:
    return [r for s in sections for r in extract_recipient(s, doc_id, year)]
