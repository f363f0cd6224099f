"""The born-digital PDF reader: paragraphs, merged cells, tables across page breaks, errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from esep.model import Paragraph, Table
from esep.readers.base import ReaderError
from esep.readers.ocr import NO_TESSERACT
from esep.readers.pdf import NO_TEXT_OCR, read_pdf
from esep.readers.pdf_page import DEFAULT_SETTINGS as S
from esep.readers.pdf_page import Ruling
from esep.readers.pdf_tables import (CellBox, cluster, component_to_grid, edges_match,
                                     grid_to_cells)
from esep.readers.pdf_text import join_text

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "pdf"
SEED_PDFS = [ROOT / "data" / "samples" / "seed_kk.pdf",
             ROOT / "tests" / "fixtures" / "seed_kk_narrow.pdf",
             ROOT / "tests" / "fixtures" / "seed_kk_landscape.pdf"]


@pytest.fixture(scope="module")
def doc():
    return read_pdf(FIX / "tables_kk.pdf", "d" * 64)


def paras(doc) -> list[Paragraph]:
    return list(doc.paragraphs())


def tables(doc) -> list[Table]:
    return list(doc.tables())


def spans(t: Table, r: int) -> list[tuple[str, int, int, int, int]]:
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in t.origins(r)]


# ---- the generated fixture -------------------------------------------------

def test_document_basics(doc):
    assert doc.file_type == "pdf"
    assert doc.pages == 3
    assert doc.warnings == []
    assert doc.doc_id == "d" * 64


def test_heading_and_body_paragraphs(doc):
    p = paras(doc)
    assert p[0].text == "Қызмет туралы қорытынды есеп"
    assert p[0].bold and p[0].level == 1
    assert p[1].text.startswith("Мемлекеттік органның сайтында жарияланған бұйрықпен")
    assert p[1].text.endswith("және ақпараттық-түсіндіру жұмыстарын жүргізеді.")
    assert not p[1].bold and p[1].level is None
    assert "беру қағидаларына" in p[1].text  # wrapped lines joined by one space
    assert p[1].prov == p[1].prov.__class__(1, "para:2", p[1].prov.bbox)
    x0, top, x1, bottom = p[1].prov.bbox
    assert 85 < x0 < 95 and x1 > 490 and bottom - top > 45  # four lines' union


def test_paragraph_breaks_without_spacing(doc):
    texts = [p.text for p in paras(doc)]
    indented = ("Жоба аясында Қазақстанға танымал, әлеуметтік желіде оқырманы көп дінтанушы, "
                "исламтанушы, мәдениеттанушы, тарихшы, саясаттанушы, психолог кемінде бес тұлға шақырылды.")
    assert texts[2] == texts[3] == indented  # split by the first-line indent
    assert texts[4:6] == ["Қысқа жол.", "Келесі абзац та қысқа."]  # split by the short line


def test_hyphen_at_line_end_is_kept(doc):
    assert paras(doc)[6].text == ("Оператор жұртшылықты хабардар ету үшін облыстың барлық "
                                  "ақпараттық-түсіндіру жұмыстарын жүргізді.")


def test_bold_label_and_date_paragraph(doc):
    texts = {p.text: p for p in paras(doc)}
    assert texts["1. Қатысушылар саны:"].bold
    assert texts["1. Қатысушылар саны:"].level is None  # bold but body size: a label
    assert "Есепті жасау күні: 2023 жылғы «15» желтоқсан" in texts


def test_running_header_and_page_numbers_dropped(doc):
    texts = [p.text for p in paras(doc)]
    assert not any("Азаматтық бастамаларды" in t for t in texts)
    assert not any(t.strip().isdigit() for t in texts)


def test_reading_order_and_locators(doc):
    kinds = [(type(b).__name__, b.prov.locator) for b in doc.blocks]
    assert kinds[7:] == [("Paragraph", "para:8"), ("Table", "table:1"), ("Paragraph", "para:9"),
                         ("Table", "table:2"), ("Paragraph", "para:10"), ("Paragraph", "para:11"),
                         ("Table", "table:3"), ("Paragraph", "para:12")]
    assert doc.blocks[-1].text == "Кестеден кейінгі абзац." and doc.blocks[-1].prov.page == 3


def test_merged_header_cells(doc):
    t = tables(doc)[0]
    assert (t.n_rows, t.n_cols, t.pages, t.confidence) == (3, 4, [1], 1.0)
    assert spans(t, 0) == [("Жоба", 0, 0, 2, 1), ("Барлығы", 0, 1, 2, 1), ("Жынысы", 0, 2, 1, 2)]
    assert spans(t, 1) == [("ер", 1, 2, 1, 1), ("әйел", 1, 3, 1, 1)]
    assert t.text_rows()[1] == ["Жоба", "Барлығы", "ер", "әйел"]
    assert t.text_rows()[2] == ["«Jasart Talks»", "1 250", "600", "650"]
    assert t.grid[0][3] is t.grid[0][2]  # one Cell object at every covered position


def test_vertically_merged_column_and_totals(doc):
    t = tables(doc)[1]
    assert t.text_rows() == [
        ["№", "Бағыт", "Шарт", "Грант сомасы"],
        ["1", "Діни тұрақтылықты қамтамасыз ету", "2023 жылғы 10 сәуірдің №65", "5 000 000"],
        ["2", "Діни тұрақтылықты қамтамасыз ету", "2023 жылғы 10 сәуірдің №66", "4 920 388"],
        ["Барлығы:", "Барлығы:", "", "9 920 388"],  # no-break spaces became plain spaces
    ]
    assert spans(t, 1)[1] == ("Діни тұрақтылықты қамтамасыз ету", 1, 1, 2, 1)
    assert spans(t, 3)[0] == ("Барлығы:", 3, 0, 1, 2)
    cell = t.grid[1][3]
    assert cell.page == 1 and cell.bbox[0] < cell.bbox[2] and cell.bbox[1] < cell.bbox[3]
    assert t.cell_locator(cell) == "table:2/row:2/col:4"


def test_table_across_page_breaks_is_one_table(doc):
    t = tables(doc)[2]
    assert len(tables(doc)) == 3
    assert t.pages == [1, 2, 3] and t.prov.page == 1
    assert t.n_rows == 46 and t.n_cols == 3  # header once + 45 rows
    rows = t.text_rows()
    assert rows[0] == ["№", "Ұйымның атауы", "Сома"]
    assert [r[0] for r in rows[1:]] == [str(i) for i in range(1, 46)]  # repeated headers dropped
    assert rows[11] == ["11", "«Ұйым 11» қоғамдық қоры", "11 000 000"]  # row cut by the break, glued
    assert rows[45] == ["45", "«Ұйым 45» қоғамдық қоры", "45 000 000"]
    assert {c.page for c in t.grid[12]} == {2} and {c.page for c in t.grid[45]} == {3}
    assert t.confidence == 1.0


def test_no_text_in_both_table_and_paragraphs(doc):
    texts = " ".join(p.text for p in paras(doc))
    assert "Ұйым 1»" not in texts and "5 000 000" not in texts


# ---- errors and scans --------------------------------------------------------

def test_encrypted_pdf():
    with pytest.raises(ReaderError, match="encrypted"):
        read_pdf(FIX / "encrypted.pdf", "x")


@pytest.mark.parametrize("data, reason", [
    (b"<html>not a pdf</html>", "not a PDF"),
    (b"", "not a PDF"),
    (b"%PDF-1.4\n" + b"x" * 3000, "corrupt"),
])
def test_not_a_pdf_or_corrupt(tmp_path, data, reason):
    p = tmp_path / "bad.pdf"
    p.write_bytes(data)
    with pytest.raises(ReaderError, match=reason):
        read_pdf(p, "x")


def test_truncated_pdf(tmp_path):
    data = (FIX / "tables_kk.pdf").read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReaderError, match="corrupt or truncated"):
        read_pdf(p, "x")


def test_a_page_without_text_is_read_by_ocr_and_says_so_when_empty():
    """no_text.pdf draws its page with paths only: OCR is tried, and finds no words."""
    d = read_pdf(FIX / "no_text.pdf", "x")
    assert d.blocks == [] and d.pages == 1 and d.warnings == [NO_TEXT_OCR]
    assert d.ocr and [(p.number, p.reason) for p in d.ocr_pages] == [(1, "no text layer")]


def test_a_scan_without_tesseract_fails_naming_the_package(monkeypatch, tmp_path):
    def missing(*a, **k):
        raise ReaderError(NO_TESSERACT)
    monkeypatch.setattr("esep.readers.scan_page.ocr_ready", missing)
    scan = tmp_path / "scan.pdf"
    Image.new("L", (620, 877), 255).save(scan, "PDF", resolution=75)  # an image-only page
    with pytest.raises(ReaderError) as e:
        read_pdf(scan, "x")
    assert str(e.value) == NO_TESSERACT and "tesseract-ocr-kaz" in NO_TESSERACT


def test_a_stamp_over_a_scan_is_ocred_page_by_page_with_its_reason():
    d = read_pdf(FIX / "broken_stamp_kk.pdf", "x")
    assert [(p.number, p.reason) for p in d.ocr_pages] == [(1, "text layer covers little of the page")]
    assert "Қызмет туралы қорытынды есеп" in d.blocks[0].text


# ---- pure steps --------------------------------------------------------------

def test_join_text_keeps_real_hyphens():
    assert join_text("ақпараттық-", "түсіндіру") == "ақпараттық-түсіндіру"
    assert join_text("жеке -", "жеке") == "жеке - жеке"
    assert join_text("ақпарат\u00ad", "тық") == "ақпараттық"
    assert join_text("бір", "екі") == "бір екі"


def test_cluster_and_edges_match():
    assert cluster([10.0, 11.0, 50.0, 52.5, 90.0], 3.0) == [10.5, 51.25, 90.0]
    assert edges_match([10, 50, 90], [11, 49, 70, 90], 3.0)
    assert not edges_match([10, 50, 90], [10, 50, 120], 3.0)


def test_grid_merges_cells_where_a_ruling_is_missing():
    # 2x2 grid on x 0/50/100, y 0/20/40; the middle vertical line only spans the lower row
    rulings = [Ruling("h", y, 0, 100) for y in (0, 20, 40)]
    rulings += [Ruling("v", 0, 0, 40), Ruling("v", 100, 0, 40), Ruling("v", 50, 20, 40)]
    g = component_to_grid(rulings, S)
    assert g.xs == [0, 50, 100] and g.ys == [0, 20, 40]
    assert grid_to_cells(g, S) == [CellBox(0, 0, 1, 2, (0, 0, 100, 20)),
                                   CellBox(1, 0, 1, 1, (0, 20, 50, 40)),
                                   CellBox(1, 1, 1, 1, (50, 20, 100, 40))]


def test_grid_without_outer_border_keeps_outer_columns():
    # only inner lines: the frame comes from the lines' extents
    rulings = [Ruling("h", 20, 0, 100), Ruling("v", 50, 0, 40)]
    g = component_to_grid(rulings, S)
    assert g.xs == [0, 50, 100] and g.ys == [0, 20, 40]
    assert len(grid_to_cells(g, S)) == 4


# ---- the seed report, once rendered to PDF -------------------------------------

def _seed(path: Path):
    if not path.exists():
        pytest.skip(f"{path.name} not rendered yet")
    return read_pdf(path, "s" * 64)


def _find_table(doc, needle: str) -> Table:
    for t in doc.tables():
        if any(needle in c.text for row in t.grid for c in row):
            return t
    raise AssertionError(f"no table with {needle!r}")


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_seed_contracts_table(path):
    d = _seed(path)
    t = _find_table(d, "2023 жылғы 10 сәуірдің №65")
    rows = t.text_rows()
    row65 = next(r for r in rows if "2023 жылғы 10 сәуірдің №65" in r)
    assert row65[-3:] == ["5 000 000", "-", "5 000 000"]
    row66 = next(r for r in rows if "2023 жылғы 10 сәуірдің №66" in r)
    assert row66[-3:] == ["5 000 000", "79 612", "4 920 388"]
    total = next(r for r in rows if r[0] == "Барлығы:")
    assert total[-3:] == ["10 000 000", "79 612", "9 920 388"]
    assert sum(1 for x in d.tables() if any("сәуірдің №65" in c.text for r in x.grid for c in r)) == 1


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_seed_report_date_paragraph(path):
    d = _seed(path)
    assert any("Есепті жасау күні: 2023 жылғы «15» желтоқсан" in p.text for p in d.paragraphs())
    assert d.pages and d.file_type == "pdf"


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_seed_contracts_table_cut_by_page_break(path):
    t = _find_table(_seed(path), "2023 жылғы 10 сәуірдің №65")
    assert len(t.pages) == 2 and t.pages[1] == t.pages[0] + 1  # one table over the break
    assert (t.n_rows, t.n_cols) == (4, 7)
    assert t.text_rows()[0][:3] == ["№", "Басым бағыт", "ҮЕҰ-мен шарт жасасу нөмірі мен күні"]
    assert spans(t, 3)[0] == ("Барлығы:", 3, 0, 1, 4)
    assert t.confidence == 1.0


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_seed_gender_and_social_headers_stay_merged(path):
    d = _seed(path)
    t = _find_table(d, "Гендерлік көрсеткіш")
    assert spans(t, 0) == [("Гендерлік көрсеткіш", 0, 0, 1, t.n_cols)]
    assert [(c.text, c.colspan) for c in t.origins(1)] == [
        ("Жобаға қатысушылардың саны барлығы", 6), ("Ерлер", 3), ("Әйелдер", 3)]
    assert [c.text for c in t.origins(2)] == ["300", "30", "70"]
    social = [c for c in t.origins(4)]
    assert social[0].text == "Бүкіл жобаға қатысушылар саны" and social[0].rowspan == 2
    assert t.text_rows()[6][:3] == ["300", "", "87"]
    age = _find_table(d, "13-16 жас")
    assert age.text_rows() == [
        ["Жобаға қатысушылардың саны барлығы", "13-16 жас", "17-22 жас", "23-27 жас", "28-32 жас",
         "33-45 жас", "46-58 жас", "59 жас және жоғары"],
        ["300", "20", "68", "4", "2", "6", "", ""]]


@pytest.mark.parametrize("path", SEED_PDFS, ids=lambda p: p.name)
def test_seed_partners_merged_cell_survives_page_break(path):
    t = _find_table(_seed(path), "Мұқаш Оралбай Данәлұлы")
    assert (t.n_rows, t.n_cols) == (9, 5)
    project = t.grid[1][1]
    assert project.text.startswith("«JasART» жеке меншік мекемесі. Танымал тұлғаларды тарту")
    assert (project.row, project.rowspan) == (1, 8)
    assert all(t.grid[r][1] is project for r in range(1, 9))
    assert [r[0] for r in t.text_rows()[1:]] == [str(i) for i in range(1, 9)]
    assert t.text_rows()[8][2] == "«Маңғыстау медиа» ЖШС (қолдау хат жалғанды)"


def test_seed_bold_labels_and_headings():
    d = _seed(SEED_PDFS[0])
    ps = list(d.paragraphs())
    label = next(p for p in ps if p.text == "1. Үкіметтік емес ұйымның толық атауы:")
    assert label.bold and label.level is None
    head = next(p for p in ps if p.text.startswith("Үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы"))
    assert head.bold and head.level == 1 and head.prov.page == 1
    assert any(p.text == "«JasART» жеке меншік мекемесі" and not p.bold for p in ps)
    # a hard line break inside a paragraph (next line in lower case) does not split it
    assert any(p.text == "Танымал тұлғаларды тарту арқылы діни тұрақтылықты қамтамасыз ету бойынша "
               "ақпараттық-түсіндіру жұмыстарын жүргізу, «Jasart Talks» жобасы" for p in ps)


BROKEN = json.loads((FIX / "broken_pdf.json").read_text(encoding="utf-8"))["files"]


@pytest.mark.parametrize("name", ["broken_nounicode_kk.pdf", "broken_mojibake_ru.pdf", "broken_page2_ru.pdf"])
def test_a_broken_text_layer_is_read_by_ocr_with_its_reason(name):
    """Only the broken pages are OCRed, each with its reason; the text is the source's."""
    meta = BROKEN[name]
    d = read_pdf(FIX / name, "x")
    assert [p.number for p in d.ocr_pages] == meta["broken_pages"]
    assert all(meta["expect"] in p.reason for p in d.ocr_pages)
    source = read_pdf(FIX.parent / meta["source"], "y")
    first = [b.text for b in source.blocks if isinstance(b, Paragraph)][:3]
    assert [b.text for b in d.blocks if isinstance(b, Paragraph)][:3] == first
