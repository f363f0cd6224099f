"""The corpus generator and scorer (scripts/make_corpus.py, scripts/score_corpus.py).

Fast: two small DOCX documents, no LibreOffice, no esep extraction. The
accuracy run itself is separate: `make_corpus.py` then `score_corpus.py`.
"""
from __future__ import annotations

import copy
import json
import random
import re
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

from corpus.docs import make  # noqa: E402
from corpus.score import TABLES, overall, score_doc  # noqa: E402
from make_corpus import generate  # noqa: E402

MONEY = re.compile(r"^-?\d+\.\d{2}$")
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    generate(out, n=2, seed=3, pdf=False, quiet=True)
    return out


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_documents_and_truth_files_are_written(corpus):
    index = load(corpus / "index.json")
    assert [d["name"] for d in index["documents"]] == ["001_operator_report_kk", "002_project_report_ru"]
    for d in index["documents"]:
        assert (corpus / f"{d['name']}.docx").stat().st_size > 5000
        assert (corpus / d["truth"]).is_file()


def test_truth_files_are_valid(corpus):
    for path in sorted(corpus.glob("*.truth.json")):
        truth = load(path)
        assert set(TABLES) <= set(truth), path.name
        assert truth["_meta"]["kind"] in ("operator_report", "project_report", "competition_results")
        assert len(truth["documents"]) == 1 and truth["documents"][0]["doc_kind"] == truth["_meta"]["kind"]
        for table in TABLES:
            for row in truth[table]:
                for k, v in row.items():
                    if k.endswith("_kzt") and v is not None:
                        assert MONEY.match(v), (path.name, table, k, v)
                    if k in ("date", "contract_date", "period_start", "period_end", "report_date") and v:
                        assert ISO.match(v), (path.name, table, k, v)
                if table == "demographics":
                    assert row["count"] is None or isinstance(row["count"], int)
                if table == "findings":
                    assert row["rule"] and row["severity"] in ("error", "warning", "info")
        for c in truth["contracts"]:  # each row balances unless a finding says otherwise
            if c.get("savings_kzt") is not None:
                assert float(c["grant_kzt"]) - float(c["savings_kzt"]) == pytest.approx(float(c["disbursed_kzt"]))
        for d in truth["demographics"]:
            assert d["project"] and d["dimension"] in ("gender", "social_status", "age")


def test_generation_is_deterministic():
    a = make("x", "operator_report", "ru", random.Random("s"))
    b = make("x", "operator_report", "ru", random.Random("s"))
    assert a.truth == b.truth and a.variations == b.variations


def test_planted_inconsistencies_are_recorded():
    kinds = {}
    for i in range(30):
        doc = make("x", "competition_results", "kk", random.Random(i), plant_rate=1.0)
        assert doc.planted, "plant_rate 1.0 plants in every document"
        assert [f["rule"] for f in doc.truth["findings"]] == doc.planted
        kinds.update({r: 1 for r in doc.planted})
    assert {"sum_total_mismatch", "words_digits_mismatch"} <= set(kinds)


def test_scorer_truth_against_itself_is_perfect(corpus):
    for path in sorted(corpus.glob("*.truth.json")):
        truth = load(path)
        s = score_doc(path.name, truth, copy.deepcopy(truth))
        o = overall(s.tables)
        assert o.accuracy == 1.0 and o.missed == 0 and o.extra == 0 and not s.errors


def test_scorer_counts_missed_extra_and_wrong_fields(corpus):
    truth = load(corpus / "001_operator_report_kk.truth.json")
    got = copy.deepcopy(truth)
    random.Random(0).shuffle(got["events"])                   # order does not matter
    dropped = got["contracts"].pop(0)                          # one contract missed
    got["events"].append({**got["events"][0], "date": "1999-01-01"})   # one extra event
    got["demographics"][0]["count"] = 99999                    # one wrong field
    got["amounts"] = [{**a, "raw": a["raw"].replace(" ", "\u00a0")} for a in got["amounts"]]  # NBSP: same text
    s = score_doc("x", truth, got)
    c, e, d = s.tables["contracts"], s.tables["events"], s.tables["demographics"]
    assert (c.truth_rows, c.got_rows, c.matched, c.missed, c.extra) == (len(truth["contracts"]),
                                                                       len(truth["contracts"]) - 1,
                                                                       len(truth["contracts"]) - 1, 1, 0)
    assert c.fields - c.correct == len([k for k in dropped if not k.startswith("_")])
    assert (e.missed, e.extra, e.fields - e.correct) == (0, 1, 0)
    assert d.fields - d.correct == 1 and d.missed == 0
    assert [(x["table"], x["field"], x["got"]) for x in s.errors] == [("demographics", "count", 99999)]
    assert s.tables["amounts"].accuracy == 1.0
    assert overall(s.tables).accuracy < 1.0


def test_scorer_compares_money_and_finding_values_numerically():
    truth = {"findings": [{"rule": "sum_total_mismatch", "severity": "error", "expected": "5000000.00",
                           "actual": "5100000.00"}],
             "contracts": [{"contract_no": "65", "grant_kzt": "5000000.00"}]}
    got = {"findings": [{"rule": "sum_total_mismatch", "severity": "error", "expected": "5 000 000.00",
                         "actual": "5 100 000.00", "message": "..."}],
           "contracts": [{"contract_no": "№65", "grant_kzt": "5000000.00"}]}
    s = score_doc("x", truth, got)
    assert s.tables["findings"].accuracy == 1.0
    assert s.tables["contracts"].matched == 1  # keys compare loosely ("№65" ~ "65"), fields exactly
    assert s.tables["contracts"].correct == 1 and s.errors[0]["field"] == "contract_no"
