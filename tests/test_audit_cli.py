"""`esep audit OUT` on a real ingest of the seed: order, filters, JSON, exit codes, languages."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from esep.audit.messages import render
from esep.audit.report import EVIDENCE_LIMIT, format_finding
from esep.cli import main
from esep.labels import load
from esep.pipeline import ingest
from esep.records import Finding

from tests.conftest import FIXTURES

SEED = FIXTURES / "seed_kk.txt"
PROJECT = ("Танымал тұлғаларды тарту арқылы діни тұрақтылықты қамтамасыз ету бойынша "
           "ақпараттық-түсіндіру жұмыстарын жүргізу, «Jasart Talks» жобасы")
SHARES = ("Әлеуметтік зерттеуге облыс бойынша 300 жас қатысты, оның 51%-ы әйел (155,5 адам), "
          "49%-ы (144,5 адам) ер адам.")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("audit") / "out"
    ingest([SEED], folder, isolate=False)
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["audit", *map(str, argv)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_report_of_the_seed(out, capsys):
    code, text, err = run(capsys, out)
    assert (code, err) == (0, "")
    assert text.splitlines()[:21] == [
        f"== {SEED} ==",
        "operator_report · status ok · findings: error 4, warning 10, info 0",
        "",
        "ERROR fractional_count · para:109",
        "  «155,5 адам»: a count of persons must be whole",
        "  actual 155,5",
        f"  evidence: {SHARES}",
        "",
        "ERROR fractional_count · para:109",
        "  «144,5 адам»: a count of persons must be whole",
        "  actual 144,5",
        f"  evidence: {SHARES}",
        "",
        "ERROR demographics_sum · table:5/row:3/col:1",
        f"  gender of «{PROJECT}»: 30 (male) + 70 (female) = 100, but the total is 300",
        "  expected 300, actual 100",
        "  evidence: Жобаға қатысушылардың саны барлығы: 300",
        "",
        "ERROR demographics_sum · table:6/row:2/col:1",
        f"  age of «{PROJECT}»: 20 (13-16) + 68 (17-22) + 4 (23-27) + 2 (28-32) + 6 (33-45) = 100, "
        "but the total is 300",
        "  expected 300, actual 100",
    ]
    assert text.splitlines()[-1] == "14 findings (error 4, warning 10, info 0) in 1 of 1 documents"


def headers(text: str) -> list[tuple[str, str]]:
    """(severity, rule) of every finding in a text report, in order."""
    return re.findall(r"^(ERROR|WARNING|INFO) (\w+) · ", text, re.M)


def test_errors_come_before_warnings(out, capsys):
    severities = [s for s, _ in headers(run(capsys, out)[1])]
    assert severities == ["ERROR"] * 4 + ["WARNING"] * 10


def test_severity_error_shows_only_errors(out, capsys):
    code, text, _ = run(capsys, out, "--severity", "error")
    assert code == 0
    assert sorted(headers(text)) == [("ERROR", "demographics_sum")] * 2 + [("ERROR", "fractional_count")] * 2
    assert "operator_report · status ok · findings: error 4, warning 0, info 0" in text
    assert text.splitlines()[-1] == "4 findings (error 4, warning 0, info 0) in 1 of 1 documents"


def test_severity_warning_means_warning_and_worse(out, capsys):
    assert len(headers(run(capsys, out, "--severity", "warning")[1])) == 14


def test_rule_as_json(out, capsys):
    code, text, _ = run(capsys, out, "--rule", "fractional_count", "--format", "json")
    rows = json.loads(text)
    assert code == 0
    assert [r["actual"] for r in rows] == ["155,5", "144,5"]
    assert {r["rule"] for r in rows} == {"fractional_count"}
    first = rows[0]
    assert first["source_path"] == str(SEED)
    assert first["message"] == "«155,5 адам»: a count of persons must be whole"
    assert first["params"] == {"text": "155,5 адам"}
    assert first["evidence"] == SHARES
    assert set(first) >= {"doc_id", "severity", "expected", "page", "locator", "other_page",
                          "other_locator", "other_evidence", "message_key"}
    assert "155,5 адам" in text  # UTF-8, not \u escapes


def test_rule_is_repeatable(out, capsys):
    text = run(capsys, out, "--rule", "fractional_count", "--rule", "percent_count_mismatch")[1]
    assert [r for _, r in headers(text)] == ["fractional_count"] * 2 + ["percent_count_mismatch"] * 2


def test_unknown_rule_is_a_usage_error(out, capsys):
    code, text, err = run(capsys, out, "--rule", "fractional")
    assert (code, text) == (2, "")
    assert "usage: esep audit" in err
    assert err.splitlines()[-1].startswith(
        "esep audit: error: argument --rule: unknown rule 'fractional'; the rules are: sum_total_mismatch, ")


@pytest.mark.parametrize("fail_on, code", [("error", 1), ("warning", 1), ("info", 1), ("never", 0)])
def test_fail_on(out, capsys, fail_on, code):
    assert run(capsys, out, "--fail-on", fail_on)[0] == code


def test_fail_on_counts_only_what_is_shown(out, capsys):
    assert run(capsys, out, "--rule", "missing_value", "--fail-on", "error")[0] == 0
    assert run(capsys, out, "--rule", "missing_value", "--fail-on", "warning")[0] == 1


def test_default_never_fails(out, capsys):
    assert run(capsys, out)[0] == 0


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_messages_in_kazakh_and_russian(out, capsys, lang):
    rows = json.loads(run(capsys, out, "--rule", "fractional_count", "--format", "json", "--lang", lang)[1])
    template = load("messages")[lang]["fractional"]
    assert [r["message"] for r in rows] == [template.format(text="155,5 адам"), template.format(text="144,5 адам")]
    text = run(capsys, out, "--rule", "fractional_count", "--lang", lang)[1]
    assert f"  {template.format(text='155,5 адам')}" in text.splitlines()


def test_english_words_in_params_are_translated(out, capsys):
    text = run(capsys, out, "--severity", "error", "--rule", "demographics_sum", "--lang", "kk")[1]
    assert f"  «{PROJECT}», жыныс: 30 (ер) + 70 (әйел) = 100, алайда барлығы 300 деп көрсетілген" in text
    assert render("balance", {"where": "contract row 2", "grant": "5", "savings": "0", "expected": "5",
                              "disbursed": "4"}, "ru") == (
        "строка 2 таблицы договоров: сумма гранта 5 − сумма экономии 0 = 5, однако сумма освоения — 4")
    assert render("totals_row", {"what": "grant", "stated": "1", "n": "2", "sum": "3"}, "kk") == (
        "қорытынды жолда грант сомасы 1 көрсетілген, ал 2 жолдың қосындысы 3")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_has_a_translation(lang):
    templates = load("messages")
    for key, en in templates["en"].items():
        assert key in templates[lang], f"[{lang}] lacks {key}"
        assert placeholders(templates[lang][key]) == placeholders(en), f"[{lang}] {key}"


def test_evidence_is_shortened_unless_full(out, capsys):
    short = run(capsys, out, "--rule", "missing_value")[1]
    full = run(capsys, out, "--rule", "missing_value", "--full")[1]
    assert "«JasA…" in short
    assert "5 000 000 (бес миллион) теңге." not in short
    assert "            5 000 000 (бес миллион) теңге." in full.splitlines()  # aligned under the first line


def test_the_other_side_of_a_comparison():
    f = Finding(doc_id="d", page=6, locator="para:42..para:53", evidence="x" * (EVIDENCE_LIMIT + 5),
                rule="cross_reference_mismatch", severity="error", message="m", expected="4 920 388.00",
                actual="5 000 000.00", other_page=2, other_locator="table:2/row:3", other_evidence="2 | №66")
    assert format_finding(f) == [
        "ERROR cross_reference_mismatch · page 6 · para:42..para:53",
        "  m",
        "  expected 4 920 388.00, actual 5 000 000.00",
        "  evidence: " + "x" * (EVIDENCE_LIMIT - 1) + "…",
        "  other: page 2 · table:2/row:3",
        "  other evidence: 2 | №66",
    ]


def test_not_an_output_folder(tmp_path, capsys):
    for folder in (tmp_path / "nowhere", tmp_path):
        code, text, err = run(capsys, folder)
        assert (code, text) == (2, "")
        assert err == f"esep: {folder} is not an esep output folder (no manifest.json)\n"


def test_help(capsys):
    assert main(["audit", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: esep audit")
