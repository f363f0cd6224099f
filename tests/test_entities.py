"""One organisation, one org_id, however it is written; similar names stay apart.

Three small operator reports (tests/fixtures/audit/orgs_*.txt, two Kazakh,
one Russian) name the grant recipient «Көмек командасы» five ways:

    «Көмек командасы» қоғамдық қоры      A (contracts table)
    «Көмeк командасы» ҚҚ (Latin e)       A (recipient profile), C (partners table)
    ОФ «Комек командасы»                 B (contracts table)
    Общественный фонд "Көмек командасы"  B (recipient profile)
    «КӨМЕК КОМАНДАСЫ» ҚҚ                 C (contracts table, recipient profile)

and hold two near-namesakes that are other organisations: «Көмек орталығы» ҚҚ
(C) and «Маңғыстау медиа» ҚҚ (C) beside «Маңғыстау медиа» ЖШС (A) = ТОО
«Мангистау медиа» (B). The recipient's leader is written "Айтбай Қанат
Сәлімгерейұлы" (A), "Қанат Айтбай" (B) and "Айтбай Қ.С." (C).
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep.pipeline import ingest
from esep.readers import sha256_file

HERE = Path(__file__).parent / "fixtures" / "audit"
DOCS = ["orgs_a_kk.txt", "orgs_b_ru.txt", "orgs_c_kk.txt"]

KOMEK = ["«Көмек командасы» қоғамдық қоры", "«Көмeк командасы» ҚҚ", "ОФ «Комек командасы»",
         'Общественный фонд "Көмек командасы"', "«КӨМЕК КОМАНДАСЫ» ҚҚ"]
assert "\u0065" in KOMEK[1] and "\u0065" not in KOMEK[0]  # the Latin e is really there


def table(out: Path, name: str) -> list[dict]:
    return ds.dataset(out / name, partitioning="hive").to_table().to_pylist()


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("entities") / "out"
    result = ingest([HERE / d for d in DOCS], out, isolate=False)
    assert result is not None
    return out


@pytest.fixture(scope="module")
def doc_ids():
    return {d: sha256_file(HERE / d) for d in DOCS}


def org_with_variant(orgs: list[dict], variant: str) -> list[dict]:
    return [o for o in orgs if variant in o["variants"]]


def test_five_spellings_share_one_org_id(out, doc_ids):
    orgs = table(out, "organizations")
    rows = {v: org_with_variant(orgs, v) for v in KOMEK}
    assert all(len(r) == 1 for r in rows.values()), {v: [o["org_id"] for o in r] for v, r in rows.items()}
    ids = {r[0]["org_id"] for r in rows.values()}
    assert len(ids) == 1, {v: r[0]["org_id"] for v, r in rows.items()}
    komek = rows[KOMEK[0]][0]
    assert set(KOMEK) == set(komek["variants"]), komek["variants"]
    assert sorted(komek["doc_ids"]) == sorted(doc_ids.values())
    assert komek["legal_form"] == "ҚҚ"
    assert komek["name_norm"] == "Көмек командасы"


def test_similar_names_are_other_organisations(out, doc_ids):
    orgs = table(out, "organizations")
    [komek] = org_with_variant(orgs, KOMEK[0])
    [ortalygy] = org_with_variant(orgs, "«Көмек орталығы» ҚҚ")
    assert ortalygy["org_id"] != komek["org_id"]
    assert ortalygy["variants"] == ["«Көмек орталығы» ҚҚ"]
    assert ortalygy["doc_ids"] == [doc_ids["orgs_c_kk.txt"]]

    [media_llp] = org_with_variant(orgs, "«Маңғыстау медиа» ЖШС")
    [media_fund] = org_with_variant(orgs, "«Маңғыстау медиа» ҚҚ")
    assert media_llp["org_id"] != media_fund["org_id"]
    assert (media_llp["legal_form"], media_fund["legal_form"]) == ("ЖШС", "ҚҚ")
    # the Russian ТОО «Мангистау медиа» is the same LLP as «Маңғыстау медиа» ЖШС
    assert set(media_llp["variants"]) == {"«Маңғыстау медиа» ЖШС", "ТОО «Мангистау медиа»"}
    assert sorted(media_llp["doc_ids"]) == sorted([doc_ids["orgs_a_kk.txt"], doc_ids["orgs_b_ru.txt"]])
    assert media_fund["variants"] == ["«Маңғыстау медиа» ҚҚ"]


def test_fact_tables_carry_the_shared_org_id(out):
    orgs = table(out, "organizations")
    [komek] = org_with_variant(orgs, KOMEK[0])
    [ortalygy] = org_with_variant(orgs, "«Көмек орталығы» ҚҚ")
    recipients = {r["name"]: r["org_id"] for r in table(out, "recipients")}
    contracts = {c["recipient"]: c["recipient_org_id"] for c in table(out, "contracts")}
    partners = {p["partner"]: p["partner_org_id"] for p in table(out, "partners")}
    komek_names = set(KOMEK)
    assert {n: i for n, i in recipients.items() if n in komek_names} == {
        "«Көмeк командасы» ҚҚ": komek["org_id"], 'Общественный фонд "Көмек командасы"': komek["org_id"],
        "«КӨМЕК КОМАНДАСЫ» ҚҚ": komek["org_id"]}
    assert {n: i for n, i in contracts.items() if n in komek_names} == {
        "«Көмек командасы» қоғамдық қоры": komek["org_id"], "ОФ «Комек командасы»": komek["org_id"],
        "«КӨМЕК КОМАНДАСЫ» ҚҚ": komek["org_id"]}
    assert partners["«Көмeк командасы» ҚҚ"] == komek["org_id"]
    assert recipients["«Көмек орталығы» ҚҚ"] == contracts["«Көмек орталығы» ҚҚ"] == ortalygy["org_id"]
    [media_llp] = org_with_variant(orgs, "«Маңғыстау медиа» ЖШС")
    [media_fund] = org_with_variant(orgs, "«Маңғыстау медиа» ҚҚ")
    assert partners["«Маңғыстау медиа» ЖШС"] == partners["ТОО «Мангистау медиа»"] == media_llp["org_id"]
    assert partners["«Маңғыстау медиа» ҚҚ"] == media_fund["org_id"]


def test_org_ids_do_not_depend_on_the_batch(tmp_path, out):
    """The same organisation gets the same id when its documents come one at a time."""
    orgs = table(out, "organizations")
    [komek] = org_with_variant(orgs, KOMEK[0])
    for d in DOCS:
        one = tmp_path / d
        ingest([HERE / d], one, isolate=False)
        ids = {o["org_id"] for o in table(one, "organizations") if set(o["variants"]) & set(KOMEK)}
        assert ids == {komek["org_id"]}, d


def test_one_person_three_spellings(out, doc_ids):
    people = table(out, "people")
    aitbay = [p for p in people if any("Айтбай" in v for v in p["variants"])]
    assert len(aitbay) == 1, [(p["person_id"], p["name_norm"], p["variants"]) for p in aitbay]
    [p] = aitbay
    assert p["name_norm"] == "Айтбай Қанат Сәлімгерейұлы"
    assert {"Айтбай Қанат Сәлімгерейұлы", "Қанат Айтбай"} <= set(p["variants"])
    assert {v for v in p["variants"] if v.startswith("Айтбай Қ.")}, p["variants"]
    assert sorted(p["doc_ids"]) == sorted(doc_ids.values())
    assert {"ngo_leader", "partner_leader"} <= set(p["roles"])
    leaders = {r["leader"]: r["leader_person_id"] for r in table(out, "recipients") if "Айтбай" in (r["leader"] or "")}
    assert len(leaders) == 3 and set(leaders.values()) == {p["person_id"]}, leaders
