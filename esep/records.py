"""Typed records: one dataclass per output table of ../shared/CONTRACT.md.

Extractors return these; normalizers fill their canonical fields; the audit
adds `Finding`s; the writer turns them into Parquet with the schemas of
`esep.schemas`. Field names are the contract's column names, in order.
Money is `Decimal` (tenge, two places); dates are `datetime.date`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(kw_only=True)
class Fact:
    """Provenance every fact row carries."""

    doc_id: str
    page: int | None = None
    locator: str = ""
    evidence: str = ""
    bbox: list[float] | None = None
    # additions beyond the contract: set when the evidence holds an OCR word with a digit
    # read with low confidence or repaired ("low OCR confidence: 5 0O0 000 (41%)")
    ocr_flag: str | None = None


@dataclass(kw_only=True)
class DocumentRow:
    doc_id: str
    source_path: str
    file_type: str
    doc_kind: str = "unknown"
    language: str | None = None
    reporting_year: int | None = None
    customer: str | None = None
    region: str | None = None
    report_date: date | None = None
    signatory: str | None = None
    pages: int | None = None
    ocr: bool = False
    status: str = "ok"
    error: str | None = None
    grant_total_kzt: Decimal | None = None
    savings_total_kzt: Decimal | None = None
    disbursed_total_kzt: Decimal | None = None
    contracts_count: int | None = None
    applications_count: int | None = None
    applicant_ngos_count: int | None = None
    # since schema 2
    operator: str | None = None
    protocol_no: str | None = None  # competition results: the commission's protocol number
    announcement_date: date | None = None
    deadline_date: date | None = None  # competition results: last day for applications
    applications_kk: int | None = None  # applications in Kazakh
    applications_ru: int | None = None  # ... and in Russian
    applicant_ngos_kk: int | None = None  # NGOs that applied in Kazakh
    applicant_ngos_ru: int | None = None  # ... and in Russian
    # additions beyond the contract
    title: str | None = None
    directions_count: int | None = None
    size_bytes: int | None = None
    esep_version: str | None = None
    # the document this one restates in the other language (same dates, sums, counts,
    # winners: a press release's Kazakh and Russian versions); set by esep.link
    same_as_doc_id: str | None = None
    # scanned pages: which were read by OCR and why (one reason per page, same order),
    # and the mean word confidence over them (0..1)
    ocr_pages: list[int] | None = None
    ocr_reasons: list[str] | None = None
    ocr_confidence: float | None = None
    # typed in a pre-Unicode Kazakh font: the layout its text was mapped from (esep.readers.legacy)
    legacy_font: str | None = None


@dataclass(kw_only=True)
class ContractRow(Fact):
    row: int
    direction: str | None = None
    contract_no: str | None = None
    contract_date: date | None = None
    recipient: str | None = None
    recipient_org_id: str | None = None
    grant_kzt: Decimal | None = None
    savings_kzt: Decimal | None = None
    disbursed_kzt: Decimal | None = None
    contract_raw: str | None = None
    recipient_inferred: bool = False
    is_total: bool = False


@dataclass(kw_only=True)
class ApplicationRow(Fact):
    direction: str | None = None
    applications: int | None = None
    row: int | None = None


@dataclass(kw_only=True)
class WinnerRow(Fact):
    row: int
    direction: str | None = None
    recipient: str | None = None
    recipient_org_id: str | None = None
    project: str | None = None
    grant_kzt: Decimal | None = None


@dataclass(kw_only=True)
class RecipientRow(Fact):
    name: str
    name_norm: str | None = None
    legal_form: str | None = None
    org_id: str | None = None
    leader: str | None = None
    phone: str | None = None
    phone_raw: str | None = None
    address: str | None = None
    project: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    amount_kzt: Decimal | None = None
    amount_words: str | None = None
    amount_words_kzt: Decimal | None = None
    leader_person_id: str | None = None
    period_raw: str | None = None


@dataclass(kw_only=True)
class PartnerRow(Fact):
    project: str | None = None
    partner: str | None = None
    partner_org_id: str | None = None
    leader: str | None = None
    phone: str | None = None
    phone_raw: str | None = None
    international: bool = False
    grantee: str | None = None
    note: str | None = None
    row: int | None = None


@dataclass(kw_only=True)
class EventRow(Fact):
    project: str | None = None
    date: date | None = None
    time: str | None = None
    place: str | None = None
    region: str | None = None
    venue: str | None = None
    speakers: list[str] = field(default_factory=list)
    title: str | None = None
    date_raw: str | None = None


@dataclass(kw_only=True)
class IndicatorRow(Fact):
    project: str | None = None
    name: str = ""
    value: float | None = None
    unit: str | None = None
    label: str | None = None
    place: str | None = None


@dataclass(kw_only=True)
class DemographicRow(Fact):
    project: str | None = None
    dimension: str = ""
    category: str = ""
    count: int | None = None
    label: str | None = None
    raw: str | None = None


@dataclass(kw_only=True)
class AmountRow(Fact):
    value_kzt: Decimal | None = None
    raw: str = ""
    words: str | None = None
    words_kzt: Decimal | None = None
    role: str | None = None


@dataclass(kw_only=True)
class OrganizationRow:
    org_id: str
    name_norm: str
    legal_form: str | None = None
    variants: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class PersonRow:
    person_id: str
    name_norm: str
    variants: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)


@dataclass(kw_only=True)
class Finding(Fact):
    rule: str
    severity: str
    message: str
    expected: str | None = None
    actual: str | None = None
    other_page: int | None = None
    other_locator: str | None = None
    other_evidence: str | None = None
    message_key: str | None = None  # template in data/labels/messages.toml
    params: str | None = None  # JSON object filling the template, for other languages


@dataclass(kw_only=True)
class Passage(Fact):
    """A paragraph as the audit reads it; ``part`` is main, recipient or project."""

    part: str


@dataclass(kw_only=True)
class PersonMention(Fact):
    """A named person and the role the document gives them (feeds `people`)."""

    name: str
    role: str


@dataclass
class Extraction:
    """Everything extracted from one document, before batch-level linking."""

    document: DocumentRow
    contracts: list[ContractRow] = field(default_factory=list)
    applications: list[ApplicationRow] = field(default_factory=list)
    winners: list[WinnerRow] = field(default_factory=list)
    recipients: list[RecipientRow] = field(default_factory=list)
    partners: list[PartnerRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    demographics: list[DemographicRow] = field(default_factory=list)
    amounts: list[AmountRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # for the audit only, not written: the contracts totals row and the text
    contract_total: ContractRow | None = None
    winner_total: WinnerRow | None = field(default=None, metadata={"persist": False})  # audit only
    # the text is in the source file; a later run needs no copy of it
    passages: list[Passage] = field(default_factory=list, metadata={"persist": False})
    mentions: list[PersonMention] = field(default_factory=list)  # people beyond the tables
