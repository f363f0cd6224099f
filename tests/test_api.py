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


SAMPLES = Path(__file__).parents[1] / "data" / "samples"
# seed_kk.pdf page 8, the cell "Жобаға қатысушылардың саны барлығы: 300"
GENDER_TOTAL = (84.72, 545.75, 314.6, 553.15)


def red_pixels(img) -> int:
    return sum(n for n, colour in img.getcolors(1 << 24) if colour == (220, 0, 0))


def test_page_crop_is_the_box_with_its_margin_outlined():
    img = api.page_crop(SAMPLES / "seed_kk.pdf", 8, GENDER_TOTAL, margin=36, scale=2)
    x0, top, x1, bottom = GENDER_TOTAL
    assert img.size == (round((x1 + 36) * 2) - round((x0 - 36) * 2),
                        round((bottom + 36) * 2) - round((top - 36) * 2))
    assert red_pixels(img) > 2 * 3 * (x1 - x0) * 2  # the outline's top and bottom, 3 px thick


def test_page_crop_spans_every_box_given():
    male = (314.6, 545.75, 435.5, 553.15)
    one = api.page_crop(SAMPLES / "seed_kk.pdf", 8, GENDER_TOTAL)
    two = api.page_crop(SAMPLES / "seed_kk.pdf", 8, GENDER_TOTAL, male)
    assert two.height == one.height and two.width == one.width + round((435.5 - 314.6) * 2)
    with pytest.raises(ValueError, match="at least one box"):
        api.page_crop(SAMPLES / "seed_kk.pdf", 8)
