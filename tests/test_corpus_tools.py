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


def _docx_text(path: Path) -> str:
    """All paragraph and cell text of a DOCX, whitespace collapsed, look-alikes folded."""
    import docx
    from corpus.builder import fold
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(fold(x).split()) for x in parts)


def test_variety_2_protocols_print_what_their_truth_says(tmp_path):
    """The competition documents of --variety 2 (protocols, extracts, conclusions, preliminary results):
    protocol number, counts by language, winners and customer are printed as the truth states them."""
    generate(tmp_path, n=12, seed=5, pdf=False, quiet=True, kinds=("competition_results",), variety=2)
    forms = set()
    for path in sorted(tmp_path.glob("*.truth.json")):
        truth = load(path)
        assert truth["_meta"]["variety"] == 2
        forms |= {v for v in truth["_meta"]["variations"] if v.startswith(("competition_", "winners_"))}
        text = _docx_text(path.with_name(path.name.replace(".truth.json", ".docx")))
        d = truth["documents"][0]
        assert d["doc_kind"] == "competition_results" and d["deadline_date"] and d["applications_kk"] is not None
        assert d["applications_kk"] + d["applications_ru"] == d["applications_count"] or truth["findings"]
        if "protocol_no" in d:
            assert f"№{d['protocol_no']} " in text or f"№ {d['protocol_no']} " in text
        for k in ("applications_kk", "applications_ru", "applicant_ngos_kk", "applicant_ngos_ru"):
            if k in d:
                assert re.search(rf"(?<!\d){d[k]}(?!\d)", text), (path.name, k)
        if d["language"] == "kk":
            assert d["customer"] in text
        for w in truth["winners"]:
            assert w["recipient"] in text and w["project"] in text, (path.name, w)
    assert len({f for f in forms if f.startswith("competition_")}) >= 3
    assert len({f for f in forms if f.startswith("winners_")}) >= 3


def test_variety_2_form_fields_hold_the_truth_in_every_layout():
    """A project report's profile in each layout of corpus.forms (next line, soft breaks, tables, dash):
    every field value the truth asserts is printed, and the layouts differ."""
    from corpus.forms import STYLES
    seen = set()
    for i in range(40):
        doc = make("x", "project_report", "kk" if i % 2 else "ru", random.Random(f"f{i}"), variety=2)
        seen |= {v.removeprefix("form_") for v in doc.variations if v.removeprefix("form_") in STYLES}
        text = " ".join(" ".join((getattr(b, "text", "") or "").split()) for b in doc.blocks) + " " + " ".join(
            " ".join("".join(r.text for r in cell).split()) for b in doc.blocks for row in getattr(b, "rows", [])
            for cell in row)
        rec = doc.truth["recipients"][0]
        for k in ("name", "leader", "address", "phone_raw", "project"):
            assert rec[k] in text, (i, k, rec[k])
        assert f"({rec['amount_words']})" in text  # digits and words: "2 000 000 (екі миллион) теңге"
    assert seen >= set(STYLES) - {"inline"}
