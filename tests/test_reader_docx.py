"""The DOCX reader: body order, headings, bold, merged-cell grids, broken files."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esep.model import Table
from esep.readers.base import ReaderError
from esep.readers.docx import MC, DocxSettings, Level, Numbering, format_number, read_docx


def set_outline(paragraph, lvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(lvl))
    ppr.append(el)


def build_report(path: Path) -> Path:
    """A small report: heading, bold label, line break, a merged table, lists."""
    d = docx.Document()
    d.add_heading("Есеп 2023", level=1)
    p = d.add_paragraph()
    p.add_run("Ұйымның атауы:").bold = True
    p.add_run("  ")  # a space-only run, not bold, must not break "all bold"
    p.add_run("«Азамат» ҚБ").bold = True
    p = d.add_paragraph("Бірінші жол")
    p.runs[0].add_break()
    p.add_run("екінші\tжол")
    d.add_paragraph("")  # empty: skipped, does not use up a locator
    p = d.add_paragraph("Жартылай ")
    p.add_run("қалың").bold = True
    t = d.add_table(rows=5, cols=4)
    texts = [["№", "Оның ішінде", "", ""],
             ["", "ер", "әйел", "жасөспірім"],
             ["Жоба А", "10", "12", "3"],
             ["", "7", "8", "1"],
             ["", "5", "6", "0"]]
    for i, row in enumerate(texts):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    t.cell(0, 1).merge(t.cell(0, 3)).text = "Оның ішінде"  # gridSpan 3
    t.cell(2, 0).merge(t.cell(4, 0)).text = "Жоба А"  # vMerge over 3 rows
    t.cell(0, 0).merge(t.cell(1, 0)).text = "№"  # header merged down 2 rows
    d.add_heading("Қорытынды", level=2)
    p = d.add_paragraph("Бөлім")
    set_outline(p, 2)  # outline level 2 -> heading level 3
    d.add_paragraph("Title style", style="Title")
    p = d.add_paragraph()
    p.add_run("Strong style").style = "Strong"
    d.add_paragraph("бірінші", style="List Number")
    d.add_paragraph("екінші", style="List Number")
    d.add_paragraph("нүкте", style="List Bullet")
    d.save(path)
    return path


@pytest.fixture
def report(tmp_path):
    return read_docx(build_report(tmp_path / "r.docx"), "abc")


def test_blocks_in_body_order_with_stable_locators(report):
    got = [(type(b).__name__, b.prov.locator, getattr(b, "text", None)) for b in report.blocks]
    assert got == [
        ("Paragraph", "para:1", "Есеп 2023"),
        ("Paragraph", "para:2", "Ұйымның атауы:  «Азамат» ҚБ"),
        ("Paragraph", "para:3", "Бірінші жол\nекінші\tжол"),
        ("Paragraph", "para:4", "Жартылай қалың"),
        ("Table", "table:1", None),
        ("Paragraph", "para:5", "Қорытынды"),
        ("Paragraph", "para:6", "Бөлім"),
        ("Paragraph", "para:7", "Title style"),
        ("Paragraph", "para:8", "Strong style"),
        ("Paragraph", "para:9", "1. бірінші"),
        ("Paragraph", "para:10", "2. екінші"),
        ("Paragraph", "para:11", "нүкте"),
    ]
    assert report.doc_id == "abc" and report.file_type == "docx" and report.pages is None
    assert all(b.prov.page is None for b in report.blocks)


def test_levels_and_bold(report):
    paras = {p.text: p for p in report.paragraphs()}
    assert paras["Есеп 2023"].level == 1
    assert paras["Қорытынды"].level == 2
    assert paras["Бөлім"].level == 3
    assert paras["Title style"].level == 1
    assert paras["Бірінші жол\nекінші\tжол"].level is None
    assert paras["Ұйымның атауы:  «Азамат» ҚБ"].bold is True
    assert paras["Strong style"].bold is True  # bold through a character style
    assert paras["Жартылай қалың"].bold is False
    assert paras["Бірінші жол\nекінші\tжол"].bold is False


def test_merged_table_grid(report):
    table = next(report.tables())
    assert table.prov.locator == "table:1" and table.n_rows == 5 and table.n_cols == 4
    assert table.text_rows() == [
        ["№", "Оның ішінде", "Оның ішінде", "Оның ішінде"],
        ["№", "ер", "әйел", "жасөспірім"],
        ["Жоба А", "10", "12", "3"],
        ["Жоба А", "7", "8", "1"],
        ["Жоба А", "5", "6", "0"],
    ]
    header = table.grid[0][1]
    assert (header.row, header.col, header.rowspan, header.colspan) == (0, 1, 1, 3)
    assert table.grid[0][3] is header
    project = table.grid[2][0]
    assert (project.row, project.col, project.rowspan, project.colspan) == (2, 0, 3, 1)
    assert table.grid[3][0] is project and table.grid[4][0] is project
    number = table.grid[1][0]
    assert (number.row, number.rowspan) == (0, 2)
    assert [c.text for c in table.origins(0)] == ["№", "Оның ішінде"]
    assert [c.text for c in table.origins(3)] == ["7", "8", "1"]
    assert table.cell_locator(project) == "table:1/row:3/col:1"


def add_grid_before(row, n: int) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:gridBefore")
    el.set(qn("w:val"), str(n))
    trpr.insert(0, el)


def test_short_rows_are_padded(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for j, text in enumerate(["a", "b", "c"]):
        t.cell(0, j).text = text
    row = t.rows[1]
    tcs = row._tr.findall(qn("w:tc"))
    row._tr.remove(tcs[0])  # row 2 starts one grid column in, and stops short
    row._tr.remove(tcs[2])
    add_grid_before(row, 1)
    tcs[1].xpath("./w:p")[0].append(OxmlElement("w:r"))
    t.cell(1, 0).text = "mid"
    d.save(tmp_path / "t.docx")
    table = next(read_docx(tmp_path / "t.docx", "x").tables())
    assert table.text_rows() == [["a", "b", "c"], ["", "mid", ""]]
    assert [(c.row, c.col) for c in table.grid[1]] == [(1, 0), (1, 1), (1, 2)]


def test_nested_table_flattened_into_cell(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "Серіктестер"
    cell = outer.cell(0, 1)
    cell.text = "Тізім:"
    inner = cell.add_table(rows=2, cols=2)
    for i, row in enumerate([["ҚБ «А»", "+7 701"], ["ЖШС «Б»", "+7 702"]]):
        for j, text in enumerate(row):
            inner.cell(i, j).text = text
    d.save(tmp_path / "n.docx")
    doc = read_docx(tmp_path / "n.docx", "x")
    tables = list(doc.tables())
    assert len(tables) == 1 and tables[0].prov.locator == "table:1"
    assert tables[0].text_rows() == [["Серіктестер", "Тізім:\nҚБ «А»\t+7 701\nЖШС «Б»\t+7 702"]]


def test_numbering_can_be_turned_off(tmp_path):
    path = build_report(tmp_path / "r.docx")
    doc = read_docx(path, "x", DocxSettings(render_numbering=False))
    assert [p.text for p in doc.paragraphs()][-3:] == ["бірінші", "екінші", "нүкте"]


def test_hyperlink_text_kept_and_deleted_revision_dropped(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Сайт: ")
    link = OxmlElement("w:hyperlink")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "cisc.kz"
    run.append(t)
    link.append(run)
    p._p.append(link)
    deleted = OxmlElement("w:del")
    drun = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = " өшірілген"
    drun.append(dt)
    deleted.append(drun)
    p._p.append(deleted)
    d.save(tmp_path / "h.docx")
    assert [p.text for p in read_docx(tmp_path / "h.docx", "x").paragraphs()] == ["Сайт: cisc.kz"]


def test_hidden_text_and_text_boxes_left_out(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Көрінеді")
    p.add_run(" жасырын").font.hidden = True
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:mc="{MC}" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Қорап</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>'
        '<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Қорап 2</w:t></w:r></w:p>'
        '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    p._p.append(box)
    d.save(tmp_path / "b.docx")
    doc = read_docx(tmp_path / "b.docx", "x")
    assert [p.text for p in doc.paragraphs()] == ["Көрінеді"]
    assert doc.warnings == ["1 text box(es) ignored"]


def test_numbering_formats():
    levels = {0: Level(1, "decimal", "%1."), 1: Level(1, "decimal", "%1.%2."),
              2: Level(1, "russianLower", "%3)")}
    num = Numbering(nums={"1": ("0", {}), "2": ("0", {0: 5})}, abstracts={"0": levels})
    s = DocxSettings()
    got = [num.label(n, lvl, s) for n, lvl in
           [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 2), ("1", 0), ("1", 1), ("2", 0), ("2", 0)]]
    assert got == ["1.", "1.1.", "1.2.", "а)", "б)", "2.", "2.1.", "5.", "6."]
    assert [format_number(n, f) for n, f in [(4, "upperRoman"), (14, "lowerRoman"), (3, "upperLetter"),
                                             (7, "decimalZero"), (10, "russianUpper")]] == \
        ["IV", "xiv", "C", "07", "К"]


# ---------------------------------------------------------------- broken files

def valid_bytes(tmp_path) -> bytes:
    return build_report(tmp_path / "ok.docx").read_bytes()


@pytest.mark.parametrize("content, message", [
    (b"", "file is empty"),
    (b"\x00\x13random bytes, not a zip" * 50, "not a DOCX file (zip is corrupt)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"),
     "DOCX is encrypted (password-protected)"),
])
def test_broken_files_raise_reader_error(tmp_path, content, message):
    path = tmp_path / "bad.docx"
    path.write_bytes(content)
    with pytest.raises(ReaderError) as e:
        read_docx(path, "x")
    assert str(e.value) == message


def test_truncated_zip(tmp_path):
    path = tmp_path / "cut.docx"
    path.write_bytes(valid_bytes(tmp_path)[:3000])
    with pytest.raises(ReaderError, match=r"^not a DOCX file \(zip is corrupt\)$"):
        read_docx(path, "x")


def test_zip_without_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "сәлем")
    path = tmp_path / "z.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ReaderError, match=r"^not a DOCX file \(no Word document inside the zip\)$"):
        read_docx(path, "x")


def test_bad_xml_inside_zip(tmp_path):
    src = zipfile.ZipFile(io.BytesIO(valid_bytes(tmp_path)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            z.writestr(item, data[:200] if item.filename == "word/document.xml" else data)
    path = tmp_path / "x.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ReaderError, match=r"^DOCX is damaged"):
        read_docx(path, "x")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_bytes_only_raise_reader_error(tmp_path, data):
    """Flipped bytes or a cut anywhere: either a Document or a ReaderError, nothing else."""
    raw = bytearray(CACHED.setdefault("ok", valid_bytes(tmp_path)))
    cut = data.draw(st.integers(1, len(raw)))
    for pos in data.draw(st.lists(st.integers(0, cut - 1), max_size=5)):
        raw[pos] ^= 0xFF
    path = tmp_path / "fuzz.docx"
    path.write_bytes(bytes(raw[:cut]))
    try:
        read_docx(path, "x")
    except ReaderError:
        pass


CACHED: dict[str, bytes] = {}


# ---------------------------------------------------------------- the real seed

SEED = Path(__file__).parent / "fixtures" / "seed_kk.docx"  # a pinned copy of data/samples/seed_kk.docx


@pytest.fixture(scope="module")
def seed():
    if not SEED.is_file():
        pytest.skip("tests/fixtures/seed_kk.docx not rendered yet")
    return read_docx(SEED, "seed")


def find_table(doc, text: str) -> Table:
    for t in doc.tables():
        if any(text in c.text for row in t.grid for c in row):
            return t
    raise AssertionError(f"no table with {text!r}")


def test_seed_cover_and_headings(seed):
    first = seed.blocks[0]
    assert first.text == ("Қызмет туралы қорытынды есеп\n«Азаматтық бастамаларды қолдау орталығы» КЕАҚ\n"
                          "Есепті кезең: 2023 жыл\nМаңғыстау облысының дін істері басқармасы")
    assert first.bold and first.level is None and first.prov.locator == "para:1"
    paras = {p.text: p for p in seed.paragraphs()}
    assert paras["Үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператордың "
                 "2023 жылғы қызметінің нәтижелері туралы есебі"].level == 2
    assert paras["1. Гранттарды орналастыру есебінің басталу және аяқталу күні"].level == 3
    assert paras["4. Есепті кезеңде іске асырылған гранттар саласы"].level == 4
    assert paras["https://cisc.kz/48534-48534.html"].level is None
    assert [t.prov.locator for t in seed.tables()] == [f"table:{n}" for n in range(1, 9)]


def test_seed_applications_and_contracts(seed):
    apps, contracts = list(seed.tables())[:2]
    assert apps.text_rows()[0] == ["№", "Жобаның атауы", "Өтінімдер саны"]
    assert [r[2] for r in apps.text_rows()[1:]] == ["2", "2"]
    total = contracts.origins(3)
    assert [(c.text, c.colspan) for c in total] == [
        ("Барлығы:", 4), ("10 000 000", 1), ("79 612", 1), ("9 920 388", 1)]
    assert contracts.text_rows()[2][4:] == ["5 000 000", "79 612", "4 920 388"]


def test_seed_social_status_header(seed):
    table = find_table(seed, "Оның ішінде")
    among = next(c for row in table.grid for c in row if c.text.strip() == "Оның ішінде")
    assert among.colspan == 4 and among.rowspan == 1
    header = table.origins(among.row)
    vertical = [c for c in header if c.rowspan == 2]
    assert len(vertical) == 8
    assert vertical[0].text.startswith("Бүкіл жобаға қатысушылар саны")
    # a merged header cell reads the same in the second header row
    assert all(table.grid[among.row + 1][c.col] is c for c in vertical)
    below = [c.text for c in table.origins(among.row + 1)]
    assert below == ["Жұмыссыздар", "Қоғамдық ұйымдардың өкілдері", "Бизнес-сектор өкілдері", "Басқа санаттар"]
    values = table.text_rows()[among.row + 2]
    assert values == ["300", "", "87", "-", "-", "1", "-", "-", "2", "10", "-", "-"]


def test_seed_gender_spans(seed):
    table = find_table(seed, "Гендерлік көрсеткіш")
    assert [(c.text, c.colspan) for c in table.origins(2)] == [("300", 6), ("30", 3), ("70", 3)]
    assert table.grid[0][11].text == "Гендерлік көрсеткіш"


def test_seed_partners_project_cell(seed):
    table = find_table(seed, "Jasart Talks")
    cell = next(c for row in table.grid for c in row if "Jasart Talks" in c.text)
    assert (cell.row, cell.col, cell.rowspan, cell.colspan) == (1, 1, 8, 1)
    assert all(table.grid[r][1] is cell for r in range(1, 9))
    assert table.grid[0][1].text == "Жобаның атауы"
    assert table.text_rows()[8][2:] == ["«Маңғыстау медиа» ЖШС (қолдау хат жалғанды)", "", "87012475280"]


def test_seed_read_time(seed):
    start = time.perf_counter()
    read_docx(SEED, "seed")
    ms = (time.perf_counter() - start) * 1000
    print(f"seed_kk.docx read in {ms:.0f} ms")
    assert ms < 2000
