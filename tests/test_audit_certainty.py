"""An `error` only when both sides were read with certainty, in wordings the rules' own tests never used.

The fixtures (tests/fixtures/audit_new/, built by its make_fixtures.py from
the consistent audit fixtures, plus two NGO reports written by hand) state
their sums, counts of contracts and surveys in new words, and add sums that
must never be compared with a total: one NGO's, the limit of one grant, last
year's savings, an average count, a section number before "участники". The
clean ones must raise nothing at all (partner contacts aside: none are
missing there); each `trigger_*` copy carries one change a rule must still
catch. Then the pieces: the role each sum's clause gives it, the totals a
survey states, and whether a percent agrees with its count.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from esep.audit.rules import agrees, stated_totals
from esep.extractors.amounts import text_roles
from esep.normalize.amounts import find_amounts
from tests.facts import extract_and_audit

HERE = Path(__file__).parent / "fixtures" / "audit_new"

# fixture -> every finding it must give: (rule, severity, message_key, expected, actual)
EXPECTED: dict[str, list[tuple]] = {
    "clean_operator_kk": [],
    "clean_operator_ru": [],
    "clean_ngo_kk": [],
    "clean_ngo_ru": [],
    "clean_blank_savings_kk": [],
    "trigger_blank_savings_over_kk": [
        ("sum_total_mismatch", "error", "totals_row", "10 020 388.00", "9 920 388.00"),
        ("grant_balance", "error", "balance", "5 000 000.00", "5 020 388.00"),  # disbursed above grant: certain
        ("cross_reference_mismatch", "error", "recipient_amount", "5 020 388.00", "4 920 388.00")],
    "trigger_text_savings_kk": [("cross_reference_mismatch", "error", "text_total", "79 612.00", "79 162.00")],
    "trigger_text_grant_kk": [("cross_reference_mismatch", "error", "text_total", "10 000 000.00", "10 500 000.00")],
    "trigger_text_savings_ru": [("cross_reference_mismatch", "error", "text_total", "79 612.00", "79 216.00")],
    "trigger_text_disbursed_ru": [("cross_reference_mismatch", "error", "text_total", "9 920 388.00", "9 902 388.00")],
    "trigger_text_remainder_ru": [("cross_reference_mismatch", "error", "text_total", "79 612.00", "97 612.00")],
    "trigger_contract_count_kk": [("cross_reference_mismatch", "error", "contract_count", "2", "3")],
    "trigger_contract_count_ru": [("cross_reference_mismatch", "error", "contract_count", "2", "3")],
    "trigger_recipient_amount_ru": [
        ("cross_reference_mismatch", "error", "recipient_amount", "4 920 388.00", "4 902 388.00")],
    "trigger_words_ru": [("words_digits_mismatch", "error", "words", "10 000 000.00", "10 100 000.00")],
    "trigger_ngo_words_ru": [("words_digits_mismatch", "error", "words", "4 000 000.00", "4 040 000.00")],
    "trigger_fractional_kk": [("fractional_count", "error", "fractional", None, "152,5")],
    "trigger_ngo_fractional_kk": [("fractional_count", "error", "fractional", None, "72,5")],
    "trigger_share_kk": [("percent_count_mismatch", "warning", "share", "147.0", "150")],
    "trigger_share_survey_before_kk": [("percent_count_mismatch", "warning", "share", "240.0", "250")],
    "trigger_share_ru": [("percent_count_mismatch", "warning", "share", "200.0", "210")],
    "trigger_share_survey_before_ru": [("percent_count_mismatch", "warning", "share", "200.0", "190")],
    "trigger_ngo_share_ru": [("percent_count_mismatch", "warning", "share", "20.0", "24")],
}

IGNORED = {"missing_contacts"}  # the NGO reports' prose partners carry no phones: not what is tested here


def test_every_fixture_is_listed():
    assert sorted(p.stem for p in HERE.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_in_new_wordings(name):
    ex = extract_and_audit(HERE / f"{name}.txt")
    got = [(f.rule, f.severity, f.message_key, f.expected, f.actual)
           for f in ex.findings if f.message_key not in IGNORED]
    assert got == EXPECTED[name]


def roles(text: str, context: str = "main") -> list[tuple[str, str]]:
    found = find_amounts(text)
    return [(m.raw, role) for m, role in zip(found, text_roles(text, found, context))]


@pytest.mark.parametrize("text, expected", [
    # the case: a converb the old labels did not know, in a sentence that names the grant
    ("Гранттық жобаларды іске асыру кезінде 61 250 теңге үнемделіп, қаражат толық игерілді.",
     [("61 250 теңге", "savings_total")]),
    ("Шарттар бойынша барлығы 61 250 теңге үнемделді.", [("61 250 теңге", "savings_total")]),
    ("Грант қаражатының 9 938 750 теңгесі игерілді.", [("9 938 750 теңгесі", "disbursed_total")]),
    ("Сэкономлено 61 250 тенге.", [("61 250 тенге", "savings_total")]),
    ("Экономия по грантам составила 61 250 тенге.", [("61 250 тенге", "savings_total")]),
    ("По итогам года израсходовано 9 938 750 тенге.", [("9 938 750 тенге", "disbursed_total")]),
    ("Сумма экономии по договорам, заключенным с НПО, составила 61 250 тенге.",
     [("61 250 тенге", "savings_total")]),
    ("Общая сумма грантов, предоставленных победителям, составила 10 000 000 тенге.",
     [("10 000 000 тенге", "grant_total")]),
    ("Гранттардың жалпы сомасы – 10 000 000 теңге.", [("10 000 000 теңге", "grant_total")]),
    # two sums of one sentence: each keeps the words of its own clause
    ("Освоено 9 938 750 тенге, сэкономлено 61 250 тенге.",
     [("9 938 750 тенге", "disbursed_total"), ("61 250 тенге", "savings_total")]),
    ("Из выделенных 10 000 000 тенге освоено 9 938 750 тенге.",
     [("10 000 000 тенге", "mention"), ("9 938 750 тенге", "disbursed_total")]),
    ("Бөлінген 10 000 000 теңгенің 9 938 750 теңгесі игерілді.",
     [("10 000 000 теңгенің", "mention"), ("9 938 750 теңгесі", "disbursed_total")]),
    # a grant sum after the savings is the disbursed one only once the contracts were amended
    ("Экономия составила 61 250 тенге, в договоры внесены изменения, общая сумма грантов составила 9 938 750 тенге.",
     [("61 250 тенге", "savings_total"), ("9 938 750 тенге", "disbursed_total")]),
    ("Сэкономлено 61 250 тенге от общей суммы грантов 10 000 000 тенге.",
     [("61 250 тенге", "savings_total"), ("10 000 000 тенге", "mention")]),
])
def test_a_clause_settles_a_role(text, expected):
    assert roles(text) == expected


@pytest.mark.parametrize("text", [
    "Жеңімпаз ұйымға 5 000 000 теңге грант берілді.",  # a grant, but no total
    "«Нұр» қоғамдық бірлестігі 4 938 750 теңге игерді.",  # one NGO
    "По договору №12 сэкономлено 61 250 тенге.",  # one contract
    "Максимальная сумма одного гранта составляет 5 000 000 тенге.",  # a limit
    "Бір жобаның құны 3 000 000 теңгеден аспауы тиіс.",
    "Для сравнения, в прошлом году экономия составила 120 000 тенге.",  # another year
    "Өткен жылы 120 000 теңге үнемделген еді.",
    "На социально-экономическое развитие района выделено 2 000 000 тенге.",  # "экономи" of another word
    "Облыста әлеуметтік тапсырысқа барлығы 2,7 млрд теңге бөлінді.",  # another kind of money
    "Бірлесіп қаржыландыру есебінен 500 000 теңге тартылды.",
    "Экономия и освоение составили 61 250 тенге.",  # two roles' words: neither
])
def test_a_clause_that_does_not_settle_a_role_leaves_a_mention(text):
    assert [role for _, role in roles(text)] == ["mention"]


def test_outside_the_main_text_no_sum_is_a_total():
    text = "Жоба бойынша 61 250 теңге үнемделді."
    assert roles(text, "project") == [("61 250 теңге", "mention")]
    assert roles(text, "recipient") == [("61 250 теңге", "recipient_amount")]


@pytest.mark.parametrize("text, total", [
    ("Сауалнамаға 400 адам қатысты.", 400),
    ("300 қатысушы арасында сауалнама жүргізілді.", 300),
    ("Сауалнамаға қатысқан 250 респонденттің көпшілігі келісті.", 250),
    ("Среди 500 участников проведен опрос.", 500),
    ("В опросе приняли участие 250 человек.", 250),
    ("В анкетировании участвовали 1 200 жителей района.", 1200),
    ("Из 120 опрошенных большинство поддержали проект.", 120),
    ("Respondents: 120.", 120),
    ("Количество респондентов – 75.", 75),
])
def test_a_survey_total_in_any_form(text, total):
    assert [n for _, n in stated_totals(text)] == [Decimal(total)]


@pytest.mark.parametrize("text", [
    "В опросе приняли участие почти 300 человек.",  # approximate
    "Сауалнамаға 300-ден астам адам қатысты.",
    "В опросе приняли участие 1,6 тысячи респондентов.",
    "Әр кездесуге орташа есеппен 12,5 адам қатысты.",  # not a total, and no "5 адам" inside it
])
def test_no_exact_total(text):
    assert stated_totals(text) == []


@pytest.mark.parametrize("pct, count, total, ok", [
    ("51", "153", "300", True), ("50,7", "152", "300", True), ("33", "83", "250", True),  # 33.2 % rounds to 33
    ("49", "150", "300", False), ("60", "250", "400", False), ("12,9", "40", "300", False),
])
def test_a_percent_agrees_with_its_count_as_printed(pct, count, total, ok):
    assert agrees(Decimal(pct.replace(",", ".")), Decimal(count), Decimal(total)) is ok


SEEDS = Path(__file__).parent / "fixtures"


def twins(tmp_path: Path, region_known: bool) -> list[tuple[str, str, str | None, str | None]]:
    """The seed in Kazakh and a Russian copy whose contract №66 disburses 4 900 388, audited as one batch."""
    from esep.audit.batch import batch_audit
    from esep.extractors import extract
    from esep.readers import read

    row = "№66 от 10.04.2023\t\t5 000 000\t79 612\t4 920 388"
    changed = tmp_path / "seed_ru_changed.txt"
    changed.write_text((SEEDS / "seed_ru.txt").read_text(encoding="utf-8").replace(row, row.replace(
        "4 920 388", "4 900 388")), encoding="utf-8")
    # of two copies that disagree, the first by source path is the reference: both sit in tmp_path
    kk = tmp_path / "seed_kk.txt"
    kk.write_bytes((SEEDS / "seed_kk.txt").read_bytes())
    batch = [extract(read(kk)), extract(read(changed))]
    for ex in batch:
        ex.document.region = ex.document.region if region_known else None
    batch_audit(batch)
    return [(f.rule, f.severity, f.expected, f.actual) for ex in batch for f in ex.findings
            if f.message_key == "contract_vs_contract"]


def test_a_contract_of_two_reports_of_one_region_and_year(tmp_path):
    assert twins(tmp_path, region_known=True) == [
        ("cross_reference_mismatch", "error", "4 920 388.00", "4 900 388.00")]


def test_a_contract_of_two_reports_without_their_region_is_only_a_warning(tmp_path):
    # without the region, contract №66 of one operator may be another operator's №66
    assert twins(tmp_path, region_known=False) == [
        ("cross_reference_mismatch", "warning", "4 920 388.00", "4 900 388.00")]


@pytest.mark.parametrize("text, role", [
    # a profile's amount field, even where the sections left the profile in the main text
    ("6. Грантты іске асыруға бөлінген қаражаттың жалпы сомасы: 7 500 000 (жеті миллион бес жүз мың) теңге",
     "recipient_amount"),
    ("Сумма гранта: 3 150 000 (три миллиона сто пятьдесят тысяч) тенге", "recipient_amount"),
    # the total of all grants is no profile's field
    ("Гранттардың жалпы сомасы: 39 500 000 теңге", "grant_total"),
    ("Всего сумма грантов: 39 500 000 тенге", "grant_total"),
])
def test_a_profile_field_in_the_main_text(text, role):
    assert [r for _, r in roles(text)] == [role]
