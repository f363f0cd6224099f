"""Each audit rule of CONTRACT.md, triggered by one planted inconsistency and silent otherwise.

The fixtures (tests/fixtures/audit/, built by its make_fixtures.py) are the
seed's text form, Kazakh and Russian, with every inconsistency of the seed
repaired (`consistent_*`), and copies of those with ONE planted
inconsistency each (`<rule>_<what>_<lang>`) or with a near miss that must
stay silent (`<rule>_ok_<what>_<lang>`). For every fixture the test states
the complete list of findings: rule, severity, expected, actual, the kind of
locator (para/table) and a piece of the evidence. Any other finding fails.

One planted error can legitimately break two checks: a totals row that was
not updated after a row changed misses in two columns, and a row's balance
error carries into the totals row that sums it. Those fixtures list both.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from esep.audit import audit
from esep.extractors import extract
from esep.readers import read

HERE = Path(__file__).parent / "fixtures" / "audit"

RULES = ["sum_total_mismatch", "grant_balance", "words_digits_mismatch", "cross_reference_mismatch",
         "demographics_sum", "fractional_count", "percent_count_mismatch", "missing_value",
         "date_out_of_period"]


class F(NamedTuple):
    """One expected finding; ``evidence`` is a piece of its verbatim evidence."""

    rule: str
    severity: str
    expected: str | None
    actual: str | None
    kind: str  # "para" or "table": what the locator points at
    evidence: str | None = None


def both(*findings: F) -> dict[str, tuple[F, ...]]:
    return {"kk": findings, "ru": findings}


PERIOD = "2023-05-01..2023-10-31"

EXPECTED: dict[str, tuple[F, ...]] = {
    # --- no finding at all
    "consistent_kk": (),
    "consistent_ru": (),
    "grant_balance_ok_zero_savings_kk": (),
    "words_digits_mismatch_ok_total_in_words_kk": (),
    "cross_reference_mismatch_ok_recipient_grant_kk": (),
    "fractional_count_ok_thousands_kk": (),
    "percent_count_mismatch_ok_rounding_kk": (),
    "percent_count_mismatch_ok_rounding_ru": (),
    "missing_value_ok_landline_kk": (),
    "date_out_of_period_ok_boundary_kk": (),
    # --- sum_total_mismatch: the totals row kept 10 000 000 / 9 920 388 after row 2 became 4 000 000
    **{f"sum_total_mismatch_contracts_{lang}": fs for lang, fs in both(
        F("sum_total_mismatch", "error", "9 000 000.00", "10 000 000.00", "table", "10 000 000"),
        F("sum_total_mismatch", "error", "8 920 388.00", "9 920 388.00", "table", "9 920 388"),
    ).items()},
    # 600 + 300 + 1000 of "2000" brochures
    "sum_total_mismatch_brochures_kk": (
        F("sum_total_mismatch", "error", "1900", "2000", "para", "2000 дана"),),
    "sum_total_mismatch_brochures_ru": (
        F("sum_total_mismatch", "error", "1900", "2000", "para", "2000 экземпляров"),),
    # --- grant_balance: 5 000 000 − 79 612 ≠ 4 920 000, and so in the totals row
    **{f"grant_balance_row_{lang}": fs for lang, fs in both(
        F("grant_balance", "error", "4 920 388.00", "4 920 000.00", "table", "4 920 000"),
        F("grant_balance", "error", "9 920 388.00", "9 920 000.00", "table", "9 920 000"),
    ).items()},
    # --- words_digits_mismatch: "... үш жүз сексен" without "сегіз"
    "words_digits_mismatch_recipient_kk": (
        F("words_digits_mismatch", "error", "4 920 388.00", "4 920 380.00", "para", "үш жүз сексен)"),),
    "words_digits_mismatch_recipient_ru": (
        F("words_digits_mismatch", "error", "4 920 388.00", "4 920 380.00", "para", "триста восемьдесят)"),),
    # --- cross_reference_mismatch
    "cross_reference_mismatch_contract_count_kk": (
        F("cross_reference_mismatch", "error", "2", "3", "para", "3 (үш) шарт"),),
    "cross_reference_mismatch_contract_count_ru": (
        F("cross_reference_mismatch", "error", "2", "3", "para", "3 (три) договора"),),
    "cross_reference_mismatch_recipient_amount_kk": (
        F("cross_reference_mismatch", "error", "4 920 388.00", "4 900 000.00", "para", "4 900 000"),),
    "cross_reference_mismatch_recipient_amount_abbrev_kk": (
        F("cross_reference_mismatch", "error", "4 920 388.00", "4 900 000.00", "para", "4 900 000"),),
    "cross_reference_mismatch_recipient_amount_ru": (
        F("cross_reference_mismatch", "error", "4 920 388.00", "4 900 000.00", "para", "4 900 000"),),
    "cross_reference_mismatch_text_savings_kk": (
        F("cross_reference_mismatch", "error", "79 612.00", "79 000.00", "para", "79 000 теңгеге үнемдеу"),),
    "cross_reference_mismatch_text_savings_ru": (
        F("cross_reference_mismatch", "error", "79 612.00", "79 000.00", "para", "79 000 тенге"),),
    "cross_reference_mismatch_applications_kk": (
        F("cross_reference_mismatch", "error", "4", "5", "para", "4 ҮЕҰ-дан 5 өтінім"),),
    "cross_reference_mismatch_dimension_totals_kk": (
        F("cross_reference_mismatch", "error", "50", "60", "table", "60"),),
    # --- demographics_sum
    **{f"demographics_sum_gender_{lang}": fs for lang, fs in both(
        F("demographics_sum", "error", "50", "55", "table", "50"),).items()},
    "demographics_sum_age_kk": (F("demographics_sum", "error", "300", "290", "table", "300"),),
    **{f"demographics_sum_social_{lang}": fs for lang, fs in both(
        F("demographics_sum", "warning", "50", "55", "table", "50"),).items()},
    # --- fractional_count: "20,5 қатысушы"
    **{f"fractional_count_survey_{lang}": fs for lang, fs in both(
        F("fractional_count", "error", None, "20,5", "para", "20,5"),).items()},
    # --- percent_count_mismatch: 49% of 300 is 147, not 150
    **{f"percent_count_mismatch_survey_{lang}": fs for lang, fs in both(
        F("percent_count_mismatch", "warning", "147.0", "150", "para", "(150 "),).items()},
    # --- missing_value
    **{f"missing_value_recipient_cell_{lang}": fs for lang, fs in both(
        F("missing_value", "warning", None, None, "table", "№66"),).items()},
    **{f"missing_value_partner_phone_{lang}": fs for lang, fs in both(
        F("missing_value", "warning", None, None, "table", "Мерғалиева Гүлсина"),).items()},
    "missing_value_partner_leader_kk": (
        F("missing_value", "warning", None, None, "table", "«Маңғыстау медиа» ЖШС"),),
    "missing_value_recipient_address_kk": (
        F("missing_value", "warning", None, None, "para", "«JasART» жеке меншік мекемесі"),),
    # the recipient form requires the project period ("5. ... іске асыру кезеңі")
    "missing_value_recipient_period_kk": (
        F("missing_value", "warning", None, None, "para", "«Көмек командасы» қоғамдық қоры"),),
    # --- date_out_of_period: the project ran May–October 2023
    "date_out_of_period_november_kk": (
        F("date_out_of_period", "warning", PERIOD, "2023-11-14", "para", "14 қараша"),),
    "date_out_of_period_november_ru": (
        F("date_out_of_period", "warning", PERIOD, "2023-11-14", "para", "14 ноября"),),
    **{f"date_out_of_period_2022_{lang}": fs for lang, fs in both(
        F("date_out_of_period", "warning", PERIOD, "2022-06-28", "para", "28.06.2022"),).items()},
    # no period to compare with: the reporting year decides (plus the blank period itself)
    "date_out_of_period_2022_no_period_kk": (
        F("date_out_of_period", "warning", "2023", "2022-06-28", "para", "28.06.2022"),
        F("missing_value", "warning", None, None, "para", "«Көмек командасы» қоғамдық қоры"),),
}


def findings_of(name: str):
    ex = extract(read(HERE / f"{name}.txt"))
    return audit(ex)


def key(f) -> tuple:
    return (f.rule, f.severity, f.expected, f.actual, f.locator.split(":")[0].split("/")[0])


def show(fs) -> str:
    return "\n".join(f"  {f.rule} {f.severity} expected={f.expected!r} actual={f.actual!r} at {f.locator}: "
                     f"{f.message}" for f in fs) or "  (none)"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_findings_are_exactly_the_planted_ones(name):
    got = findings_of(name)
    want = EXPECTED[name]
    assert sorted(map(key, got)) == sorted(w[:5] for w in want), (
        f"{name}.txt\nexpected:\n" + "\n".join(f"  {w}" for w in want) + "\ngot:\n" + show(got))
    for w in want:
        if w.evidence is None:
            continue
        hits = [f for f in got if key(f) == w[:5]]
        assert any(w.evidence in f.evidence for f in hits), (
            f"{name}.txt: no {w.rule} finding quotes {w.evidence!r}:\n" + show(hits))


def test_every_fixture_has_expectations():
    on_disk = {p.stem for p in HERE.glob("*.txt") if not p.stem.startswith("orgs_")}
    assert on_disk == set(EXPECTED), (on_disk ^ set(EXPECTED))


def test_fixtures_are_built_from_the_seed():
    """The files match make_fixtures.py: rerun it after changing a plant or the seed."""
    from tests.fixtures.audit.make_fixtures import build
    stale = [n for n, text in build().items() if (HERE / n).read_text(encoding="utf-8") != text]
    assert not stale, f"stale fixtures (run python tests/fixtures/audit/make_fixtures.py): {stale}"


def test_each_rule_is_triggered_and_has_a_silent_near_miss_or_consistent_copy():
    triggered = {w.rule for fs in EXPECTED.values() for w in fs}
    assert triggered == set(RULES)
    for rule in RULES:
        langs = {n.rsplit("_", 1)[1] for n in EXPECTED if n.startswith(rule + "_") and "_ok_" not in n}
        assert "kk" in langs, rule
    two_languages = [r for r in RULES
                     if {n.rsplit("_", 1)[1] for n in EXPECTED
                         if n.startswith(r + "_") and "_ok_" not in n} == {"kk", "ru"}]
    assert len(two_languages) >= len(RULES) / 2, two_languages
