"""OCR doubt, from the words a reader marks to the facts and the audit's findings.

The seed (tests/fixtures/seed_kk.docx) carries known inconsistencies the audit
calls errors: a gender table of 30 + 70 under a total of 300, and "155,5 адам",
"144,5 адам". Here the words of one of them are marked as OCR would mark them
(`OcrMark` on the cell or paragraph), and that finding alone becomes a warning
that says why; the others stay errors.
"""
from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from esep.audit import audit
from esep.audit.messages import render_finding
from esep.extractors import extract
from esep.extractors.common import narrow_flag, ocr_flag
from esep.labels import load
from esep.model import Cell, Document, OcrMark, Paragraph, Table
from esep.readers import read

SEED = FIXTURES / "seed_kk.docx"


@pytest.fixture
def doc() -> Document:
    return read(SEED)


def errors(doc: Document) -> list:
    return [f for f in audit(extract(doc)) if f.severity == "error"]


def cell_at(doc: Document, locator: str) -> Cell:
    return next(c for t in doc.tables() for row in t.grid for c in row if t.cell_locator(c) == locator)


def block_at(doc: Document, locator: str) -> Paragraph | Table:
    return next(b for b in doc.blocks if b.prov.locator == locator)


def same(f, g) -> bool:
    return (f.rule, f.locator, f.message_key, f.actual) == (g.rule, g.locator, g.message_key, g.actual)


def gender_error(doc: Document):
    found = [f for f in errors(doc) if f.rule == "demographics_sum" and json.loads(f.params)["dimension"] == "gender"]
    assert len(found) == 1, "the seed's gender table: 30 (male) + 70 (female) = 100 under a total of 300"
    return found[0]


def test_unmarked_seed_has_no_flag(doc):
    ex = extract(doc)
    facts = [*ex.contracts, *ex.amounts, *ex.recipients, *ex.partners, *ex.events, *ex.demographics,
             *ex.indicators, *ex.applications, *audit(ex)]
    assert facts and all(f.ocr_flag is None for f in facts)


def test_a_doubtful_total_makes_its_finding_a_warning(doc):
    before = errors(doc)
    gender = gender_error(doc)
    total = cell_at(doc, gender.locator)
    assert total.text.strip() == "300"
    total.ocr_marks = (OcrMark("300", 0.41),)
    after = audit(extract(doc))
    capped = next(f for f in after if same(f, gender))
    assert capped.severity == "warning"
    assert capped.ocr_flag == "low OCR confidence: 300 (41%)"
    assert capped.message == gender.message + " (low OCR confidence, check the scan: 300 (41%))"
    # every other error of the seed is still one (the age table's total is another cell)
    still = [f for f in after if f.severity == "error"]
    assert sorted(f.locator + f.message for f in still) == \
        sorted(f.locator + f.message for f in before if not same(f, gender))
    assert any(f.rule == "demographics_sum" and json.loads(f.params)["dimension"] == "age" for f in still)


def test_a_doubtful_part_caps_the_sum_too(doc):
    gender = gender_error(doc)
    ex = extract(doc)
    female = next(d for d in ex.demographics if d.dimension == "gender" and d.category == "female")
    cell = cell_at(doc, female.locator)
    assert cell.text.strip() == "70"
    cell.ocr_marks = (OcrMark("70", 0.93, repaired_from="7О"),)
    capped = next(f for f in audit(extract(doc)) if same(f, gender))
    assert capped.severity == "warning"
    assert capped.ocr_flag == "OCR digits repaired: 7О → 70 (93%)"


def test_a_marked_word_caps_only_the_finding_about_it(doc):
    fractional = [f for f in errors(doc) if f.rule == "fractional_count"]
    assert [f.actual for f in fractional] == ["155,5", "144,5"]
    para = block_at(doc, fractional[0].locator)
    para.ocr_marks = (OcrMark("155,5", 0.88, repaired_from="1SS,S"),)
    after = {f.actual: f for f in audit(extract(doc)) if f.rule == "fractional_count"}
    assert after["155,5"].severity == "warning"
    assert after["155,5"].ocr_flag == "OCR digits repaired: 1SS,S → 155,5 (88%)"
    assert after["144,5"].severity == "error" and after["144,5"].ocr_flag is None


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_reason_is_given_in_every_language(doc, lang):
    gender = gender_error(doc)
    cell_at(doc, gender.locator).ocr_marks = (OcrMark("300", 0.41),)
    capped = next(f for f in audit(extract(doc)) if same(f, gender))
    text = render_finding(capped.message_key, capped.params, capped.message, lang)
    plain = render_finding(gender.message_key, gender.params, gender.message, lang)
    assert text == load("messages")[lang]["ocr_doubt"].format(message=plain, ocr="300 (41%)")


def test_a_sum_its_words_confirm_is_not_doubtful(doc):
    """ "5 000 000 (бес миллион) теңге.": the words give the digits' value, so a doubtful
    "000" in them is confirmed; the profile's sum is no longer in doubt either."""
    para = next(p for p in doc.paragraphs() if "5 000 000 (бес миллион) теңге" in p.text)
    para.ocr_marks = (OcrMark("000", 0.45),)
    ex = extract(doc)
    amount = next(a for a in ex.amounts if a.locator.startswith(para.prov.locator + "/"))
    assert amount.words_kzt == amount.value_kzt == 5_000_000
    assert amount.ocr_flag is None
    profile = next(r for r in ex.recipients if para.text in r.evidence)
    assert profile.amount_kzt == profile.amount_words_kzt and profile.ocr_flag is None


def test_a_sum_without_words_keeps_its_doubt(doc):
    para = next(p for p in doc.paragraphs() if p.text.startswith("Жалпы сомасы 10 000 000 теңгеге"))
    para.ocr_marks = (OcrMark("10", 0.52),)
    amounts = [a for a in extract(doc).amounts if a.locator.startswith(para.prov.locator + "/")]
    assert [(a.value_kzt, a.ocr_flag) for a in amounts] == [(10_000_000, "low OCR confidence: 10 (52%)")]


def test_a_marked_cell_flags_its_row_and_its_amount(doc):
    ex = extract(doc)
    row = next(c for c in ex.contracts if c.row == 2)
    table = block_at(doc, row.locator.split("/")[0])
    savings = next(c for c in table.origins(int(row.locator.split(":")[-1]) - 1) if c.text.strip() == "79 612")
    savings.ocr_marks = (OcrMark("612", 0.5),)
    ex = extract(doc)
    assert {c.row: c.ocr_flag for c in ex.contracts} == {1: None, 2: "low OCR confidence: 612 (50%)"}
    flagged = [(a.role, a.value_kzt) for a in ex.amounts if a.ocr_flag]
    assert flagged == [("savings", 79_612)]


def test_flag_matches_whole_words_and_narrows_to_values():
    marks = [OcrMark("000", 0.41, "0О0"), OcrMark("2023", 0.5)]
    flag = ocr_flag(marks, "сомасы 5 000 000 теңге, 2023 жыл")
    assert flag == "OCR digits repaired: 0О0 → 000 (41%); low OCR confidence: 2023 (50%)"
    assert ocr_flag(marks, "5000000 теңге") is None  # "000" is no word of "5000000"
    assert narrow_flag(flag, ["5 000 000.00"]) == "OCR digits repaired: 0О0 → 000 (41%)"
    assert narrow_flag(flag, ["79 612.00"]) is None


def test_groups_run_together_are_read_whole_by_their_words(doc):
    """OCR's most frequent digit error on the seed's scans: a narrow gap lost, "4920 388"
    for "4 920 388" (scripts/ocr_digit_stats.py). The sum in words gives all its digits:
    it is 4 920 388, and no words-against-digits error."""
    before = errors(doc)
    para = next(p for p in doc.paragraphs() if "\n4 920 388 (төрт миллион" in p.text)
    para.text = para.text.replace("4 920 388", "4920 388", 1)
    ex = extract(doc)
    amount = next(a for a in ex.amounts if a.locator.startswith(para.prov.locator + "/"))
    assert (amount.value_kzt, amount.words_kzt, amount.raw[:8]) == (4_920_388, 4_920_388, "4920 388")
    assert [r.amount_kzt for r in ex.recipients if para.text in r.evidence] == [4_920_388]
    after = audit(ex)
    assert not [f for f in after if f.rule == "words_digits_mismatch"]
    assert sorted(f.message for f in after if f.severity == "error") == sorted(f.message for f in before)


def test_a_web_address_is_no_doubtful_value(doc):
    para = next(p for p in doc.paragraphs() if "cisc.kz/48534" in p.text)
    para.ocr_marks = (OcrMark(next(w for w in para.text.split() if "48534" in w), 0.3),)
    assert all(f.ocr_flag is None for f in extract(doc).passages if f.locator == para.prov.locator)
