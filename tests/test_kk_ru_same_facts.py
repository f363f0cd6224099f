"""The seed in Kazakh and its Russian rendering give the same canonical facts.

Printed names differ ("«JasART» жеке меншік мекемесі" / "Частное учреждение
«JasART»", "Жаңаөзен қаласында" / "в г. Жанаозен"); their canonical forms —
org_id, legal form, places, amounts, dates, phones — must not.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep.pipeline import ingest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("kkru") / "out"
    ingest([FIXTURES / "seed_kk.txt", FIXTURES / "seed_ru.txt"], out, isolate=False)
    docs = {r["doc_id"]: r["language"] for r in ds.dataset(out / "documents").to_table().to_pylist()}

    def by_lang(table: str) -> dict[str, list[dict]]:
        rows = ds.dataset(out / table, format="parquet").to_table().to_pylist()
        return {lang: [r for r in rows if docs[r["doc_id"]] == lang] for lang in ("kk", "ru")}
    return by_lang


def same(tables, table: str, *fields: str, ordered: bool = True) -> None:
    rows = tables(table)
    kk = [tuple(r[f] for f in fields) for r in rows["kk"]]
    ru = [tuple(r[f] for f in fields) for r in rows["ru"]]
    if not ordered:  # the languages word a sentence in another order
        kk, ru = sorted(kk, key=repr), sorted(ru, key=repr)
    assert kk and kk == ru


def test_organisations_are_the_same_ids(tables):
    same(tables, "recipients", "org_id", "name_norm", "legal_form", "phone")
    rows = tables("partners")
    pairs = list(zip(rows["kk"], rows["ru"]))
    # state bodies and quoted names agree across languages; a list of bodies in one
    # cell, or a theatre named differently in each language, stays apart
    assert [k["partner_org_id"] == r["partner_org_id"] for k, r in pairs] == [
        True, True, False, False, False, True, True, True, True]
    same(tables, "contracts", "recipient_org_id", "contract_no", "contract_date")


def test_places_are_the_same_canonical_names(tables):
    same(tables, "events", "date", "time", "place", "region")
    same(tables, "indicators", "name", "value", "place", ordered=False)


def test_amounts_are_the_same(tables):
    same(tables, "contracts", "grant_kzt", "savings_kzt", "disbursed_kzt")
    same(tables, "recipients", "amount_kzt", "amount_words_kzt", "period_start", "period_end")
    kk, ru = (sorted((r["value_kzt"], r["role"]) for r in rows) for rows in tables("amounts").values())
    assert kk == ru


def test_the_organizations_table_joins_both_languages(tables):
    """One row per organisation, both documents listed, printed forms of both languages as variants."""
    out_rows = [r for lang_rows in tables("recipients").values() for r in lang_rows]
    ids = {r["org_id"] for r in out_rows}
    assert len(ids) == 2
