"""The review page (`esep report OUT --html FILE`): crops of the seed's PDF around its
findings, the page's data and markup, the command. The browser test is
tests/test_review_browser.py."""
from __future__ import annotations

import base64
import io
import json
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from esep.cli import main
from esep.paths import samples_dir
from esep.review import write_review
from esep.review.build import SOURCE_CHANGED, SOURCE_MISSING, find_source
from esep.review.crops import MARGIN_Y, MAX_PX_HIGH, OUTLINE, PdfSource, crop_region, scale_for
from esep.review.data import load_reviews, spans
from esep.review.html import embed, render_page
from tests.review_seed import findings_table, seed_out

SEED_PDF = samples_dir() / "seed_kk.pdf"
# the seed PDF's fractional_count finding: page 8, para:115
PARA_BBOX = [85.44, 187.71, 533.17, 212.64]
PARA_TEXT = "Әлеуметтік зерттеуге облыс бойынша 300 жас қатысты"
# its demographics_sum finding on the gender table's total cell "300", in 6 pt type
CELL_BBOX = [84.72, 545.75, 314.6, 553.15]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return seed_out(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def page(out, tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("page") / "review.html"
    write_review(out, path)
    return path.read_text(encoding="utf-8")


def image(src: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).convert("RGB")


def near(pixel: tuple[int, int, int], colour: tuple[int, ...], tol: int = 40) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(pixel, colour))


# --- crops -------------------------------------------------------------------

def test_the_seed_finding_bbox_is_top_left_points_over_its_evidence(out):
    """The stored bbox, read in pdfium's bottom-left space, holds the evidence's text."""
    [f] = [f for f in findings_table(out) if f["rule"] == "fractional_count" and f["page"]
           and f["actual"] == "155,5"]
    assert f["page"] == 8 and f["locator"] == "para:115" and f["bbox"] == PARA_BBOX
    pdf = pdfium.PdfDocument(str(SEED_PDF))
    height = pdf[7].get_size()[1]
    x0, top, x1, bottom = f["bbox"]
    text = pdf[7].get_textpage().get_text_bounded(x0, height - bottom, x1, height - top)
    assert PARA_TEXT in " ".join(text.split())
    assert f["evidence"].startswith(PARA_TEXT)


def test_the_crop_shows_the_bbox_highlighted():
    with PdfSource(SEED_PDF) as source:
        crop = source.crop(8, PARA_BBOX, ["155,5"])
    img = image(crop.src)
    assert (img.width, img.height) == (crop.width, crop.height)
    region, cut = crop_region(PARA_BBOX, 595.3, 841.89, 1.5)
    assert not cut and region[1] < PARA_BBOX[1] and region[3] > PARA_BBOX[3]
    # the outline runs 2 pt outside the bbox, 3 px wide: its left edge at (85.44 - 2 - x0) * 1.5
    left = round((PARA_BBOX[0] - 2 - region[0]) * 1.5) + 1
    mid_y = round(((PARA_BBOX[1] + PARA_BBOX[3]) / 2 - region[1]) * 1.5)
    assert near(img.getpixel((left, mid_y)), OUTLINE[:3])
    outline = sum(near(img.getpixel((x, y)), OUTLINE[:3]) for x in range(img.width) for y in range(img.height))
    assert outline > 2 * (PARA_BBOX[2] - PARA_BBOX[0]) * 1.5  # the box's top and bottom at least
    # above the bbox the page is plain: no highlight colour there
    assert not any(near(img.getpixel((x, 5)), OUTLINE[:3]) for x in range(img.width))


def test_the_value_of_a_finding_is_marked_inside_its_bbox():
    with PdfSource(SEED_PDF) as source:
        page = source._unrotated(source.pdf[7])
        found = source._found(page, page.get_textpage(), ["155.5"], PARA_BBOX)  # printed 155,5
        elsewhere = source._found(page, page.get_textpage(), ["300"], CELL_BBOX)
    [box] = found
    assert PARA_BBOX[0] < box[0] < box[2] < PARA_BBOX[2] and PARA_BBOX[1] <= box[1] < box[3] <= PARA_BBOX[3]
    assert len(elsewhere) == 1  # the cell's own "300", not the paragraph's


def test_small_type_is_cropped_larger():
    """The gender table is set in 6 pt: its crop is drawn at ~2.7 px a point, body text at 1.5."""
    with PdfSource(SEED_PDF) as source:
        page = source._unrotated(source.pdf[7])
        assert source._font_size(page, page.get_textpage(), CELL_BBOX) == 6.0
        small = source.crop(8, CELL_BBOX)
        body = source.crop(8, PARA_BBOX)
    assert scale_for(6.0) == pytest.approx(16 / 6)
    assert scale_for(12.0) == 1.5
    assert small.width <= 860 and body.width <= 860


def test_a_tall_bbox_is_cut_to_the_cap():
    region, cut = crop_region([84.7, 100.0, 553.2, 760.0], 595.3, 841.89, 1.5)
    assert cut and (region[3] - region[1]) * 1.5 == pytest.approx(MAX_PX_HIGH)
    assert region[1] == 100.0 - MARGIN_Y  # its top shown, with the margin above


def test_a_cell_crop_is_widened_around_it_within_the_page():
    region, _ = crop_region([10.0, 300.0, 40.0, 310.0], 595.3, 841.89, 2.0)
    assert region[0] == 0.0 and region[2] == pytest.approx(280.0)  # 560 px at 2 px a point


# --- the page's data ---------------------------------------------------------

def test_every_finding_is_in_the_page_data_once(out):
    reviews = load_reviews(out)
    assert sum(len(r.payload["findings"]) for r in reviews) == len(findings_table(out)) == 28
    assert [r.ex.document.file_type for r in reviews] == ["docx", "pdf"]  # ties: by path


def test_text_findings_carry_their_place_and_marks(out):
    [docx] = [r for r in load_reviews(out) if r.ex.document.file_type == "docx"]
    rows = docx.payload["findings"]
    cell = next(f for f in rows if f["locator"] == "table:5/row:3/col:1")
    assert cell["where"] == {"table": 5, "row": 3, "col": 1}
    frac = next(f for f in rows if f["rule"] == "fractional_count" and f["actual"] == "155,5")
    assert frac["where"] == {"para": 109, "to": None}
    [[s, e]] = frac["marks"]
    assert frac["evidence"][s:e] == "155,5"
    assert next(f for f in rows if f["locator"] == "para:42..para:53")["where"] == {"para": 42, "to": 53}


def test_marks_find_a_value_as_printed():
    text = "оның 51%-ы әйел (155,5 адам), 49%-ы (144,5 адам)"
    assert [text[s:e] for s, e in spans(text, ["155.5"])] == ["155,5"]
    assert spans("1300 and 300", ["300"]) == [[9, 12]]  # not inside another number
    row = "2 | Интернет-кеңістікте ... | 5 000 000 | 79 612 | 4 920 000"
    assert [row[s:e] for s, e in spans(row, ["4 920 000.00"])] == ["4 920 000"]  # money as printed


def test_tables_keep_each_rows_evidence(out):
    [pdf] = [r for r in load_reviews(out) if r.ex.document.file_type == "pdf"]
    contracts = next(t for t in pdf.payload["tables"] if t["name"] == "contracts")
    assert "grant_kzt" in contracts["columns"] and "evidence" not in contracts["columns"]
    page, locator, ref, _, findings = contracts["prov"][0]
    assert (page, locator) == (2, "table:2/row:2")
    assert pdf.payload["strings"][ref].startswith("1 | Танымал тұлғаларды тарту")
    assert [pdf.payload["findings"][n]["rule"] for n in findings] == ["missing_value"]
    grant = contracts["columns"].index("grant_kzt")
    assert contracts["rows"][0][grant] == "5 000 000.00" and grant in contracts["figures"]


def test_pdf_findings_get_crops_and_docx_findings_none(page):
    docs = re.findall(r'<script type="application/json" id="d\d+">(.*?)</script>', page)
    payloads = [json.loads(d) for d in docs]
    kinds = {p["summary"]["file_type"]: p for p in payloads}
    assert all(f["crop"]["src"].startswith("data:image/png;base64,") for f in kinds["pdf"]["findings"])
    assert not any("crop" in f for f in kinds["docx"]["findings"])


# --- the markup --------------------------------------------------------------

def test_the_page_has_its_filters_and_no_outside_resource(page):
    for control in ('id="f-sev"', 'id="f-rule"', 'id="f-doc"', 'id="f-only"'):
        assert control in page
    assert "default-src 'none'" in page  # the CSP: nothing may be fetched
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", page, re.I)
    # the reports' own text cites web pages (evidence, as text); the markup itself names none
    markup = re.sub(r'<script type="application/json" id="[^"]+">.*?</script>', "", page, flags=re.S)
    assert "http://" not in markup and "https://" not in markup
    assert "https://drive.google.com" in page  # ... which the JSON keeps as verbatim text


def test_embedded_json_cannot_close_its_script():
    text = embed({"evidence": "</script><script>alert(1)</script> <!--"})
    assert "<" not in text and json.loads(text)["evidence"].startswith("</script>")
    assert "</script><script>alert" not in render_page([], "t")


# --- sources -----------------------------------------------------------------

def test_a_relative_source_is_found_under_a_base(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_PDF, tmp_path / "in" / "a.pdf")
    assert find_source("in/a.pdf", [Path("/nonexistent"), tmp_path]) == tmp_path / "in" / "a.pdf"
    assert find_source("s3://bucket/a.pdf", [tmp_path]) is None


def copied_out(out: Path, tmp: Path, change: bool) -> tuple[Path, Path]:
    """A copy of the seed's OUT whose PDF was read from tmp/seed_kk.pdf, then removed or changed."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    copy = tmp / "out"
    shutil.copytree(out, copy)
    pdf = tmp / "seed_kk.pdf"
    table = pq.read_table(copy / "documents" / "part-0.parquet")
    paths = [str(pdf) if p.endswith(".pdf") else p for p in table.column("source_path").to_pylist()]
    table = table.set_column(table.schema.get_field_index("source_path"), "source_path", pa.array(paths))
    pq.write_table(table, copy / "documents" / "part-0.parquet")
    if change:
        pdf.write_bytes(SEED_PDF.read_bytes() + b"\n%changed\n")
    return copy, pdf


@pytest.mark.parametrize("change, note", [(False, SOURCE_MISSING), (True, SOURCE_CHANGED)])
def test_a_missing_or_changed_source_gives_notes_not_crops(out, tmp_path, change, note):
    copy, _ = copied_out(out, tmp_path, change)
    write_review(copy, tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    payloads = [json.loads(d) for d in re.findall(r'id="d\d+">(.*?)</script>', page)]
    [pdf] = [p for p in payloads if p["summary"]["file_type"] == "pdf"]
    assert {f.get("note") for f in pdf["findings"]} == {note}
    assert "data:image" not in page


# --- the command -------------------------------------------------------------

def test_esep_report_writes_the_page(out, tmp_path, capsys):
    path = tmp_path / "review.html"
    assert main(["report", str(out), "--html", str(path), "--lang", "ru"]) == 0
    assert "2 documents, 28 findings, 14 crops" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    assert 'lang="ru"' in text and "«155,5 адам»" in text


def test_esep_report_refuses_a_folder_without_output(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--html", str(tmp_path / "r.html")]) == 2
    assert "not an esep output folder" in capsys.readouterr().err


def test_a_findings_other_place_gets_its_own_crop(out):
    """A finding comparing two places (other_page, other_locator) is cropped at both:
    the other's bbox is the one of the fact stored at that page and locator."""
    from esep.review.build import add_crops
    [pdf] = [r for r in load_reviews(out) if r.ex.document.file_type == "pdf"]
    f = pdf.findings[0]
    f.other_page, f.other_locator = 2, "table:2/row:2"  # the first contract's row
    add_crops(pdf, SEED_PDF)
    row = pdf.payload["findings"][0]
    assert row["crop"] and row["other_crop"] and row["other_crop"]["src"] != row["crop"]["src"]
    assert image(row["other_crop"]["src"]).size == (row["other_crop"]["w"], row["other_crop"]["h"])
