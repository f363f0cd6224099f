"""esep.api reads an ingested folder back as pandas, values intact."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from esep import api
from esep.pipeline import ingest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api") / "out"
    ingest([FIXTURES / "seed_kk.docx"], folder, isolate=False)
    return folder


def test_contracts_come_back_with_their_money_and_provenance(out):
    df = api.table(out, "contracts").sort_values("row")
    assert list(df["contract_no"]) == ["65", "66"]
    assert list(df["disbursed_kzt"]) == [Decimal("5000000.00"), Decimal("4920388.00")]
    assert df["evidence"].str.contains("2023 жылғы 10 сәуірдің №66").any()


def test_every_contract_table_is_there_even_when_empty(out):
    frames = api.tables(out)
    assert frames["winners"].empty and "grant_kzt" in frames["winners"].columns
    assert len(frames["documents"]) == 1


def test_unknown_table_is_a_clear_error(out):
    with pytest.raises(ValueError, match="no table 'contract'"):
        api.table(out, "contract")
