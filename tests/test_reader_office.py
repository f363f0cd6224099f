"""The office reader: .doc/.rtf/.odt through LibreOffice into the DOCX reader."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from esep.pipeline import ingest
from esep.readers import read
from esep.readers import office
from esep.readers.base import ReaderError
from esep.readers.office import OfficeConverter, OfficeSettings, find_soffice, read_office

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")


def make_docx(path: Path, title: str) -> Path:
    d = docx.Document()
    d.add_heading(title, level=1)
    p = d.add_paragraph()
    p.add_run("Грант сомасы:").bold = True
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([["Жоба", "Серіктес", "Телефон"],
                             ["Jasart Talks", "Театр", "87013437134"],
                             ["", "Басқарма", "87476456402"]]):
        for j, text in enumerate(row):
            t.cell(i, j).text = text
    t.cell(1, 0).merge(t.cell(2, 0)).text = "Jasart Talks"
    # Word always ends the body with a paragraph; LibreOffice's .doc export
    # drops a table that ends the document without one.
    d.add_paragraph("")
    d.save(path)
    return path


PROFILE: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def shared_profile(tmp_path_factory):
    """One LibreOffice profile for the fixtures' conversions: a cold profile costs ~1 s a run."""
    PROFILE["uri"] = (tmp_path_factory.mktemp("lo") / "profile").as_uri()
    yield
    PROFILE.clear()


def to_format(src: Path, fmt: str, out_dir: Path) -> Path:
    """Convert with soffice, as a user's old Word would have saved it."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={PROFILE['uri']}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out_dir), str(src)],
                   check=True, capture_output=True, timeout=120)
    return out_dir / f"{src.stem}.{fmt}"


@pytest.fixture(scope="module")
def converter():
    with OfficeConverter() as c:
        yield c


@needs_soffice
def test_doc_round_trip(tmp_path, converter):
    doc_path = to_format(make_docx(tmp_path / "есеп.docx", "Қорытынды есеп"), "doc", tmp_path)
    doc = read_office(doc_path, "d1", converter)
    assert doc.file_type == "doc" and doc.source_path == str(doc_path) and doc.doc_id == "d1"
    paras = list(doc.paragraphs())
    assert [(p.text, p.level, p.bold) for p in paras] == [
        ("Қорытынды есеп", 1, True), ("Грант сомасы:", None, True)]
    table = next(doc.tables())
    assert table.text_rows() == [["Жоба", "Серіктес", "Телефон"],
                                 ["Jasart Talks", "Театр", "87013437134"],
                                 ["Jasart Talks", "Басқарма", "87476456402"]]
    assert table.grid[1][0] is table.grid[2][0] and table.grid[1][0].rowspan == 2
    assert doc.warnings == []  # a clean conversion is no problem: the status stays ok


@needs_soffice
def test_batch_converts_in_one_run_and_keeps_same_names_apart(tmp_path):
    paths = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        paths.append(to_format(make_docx(folder / "report.docx", f"Есеп {name}"), "doc", folder))
    with OfficeConverter() as conv:
        conv.convert_many(paths)
        assert conv.runs == 1
        titles = [next(read_office(p, "x", conv).paragraphs()).text for p in paths]
        assert conv.runs == 1  # reading found the batch's conversions
    assert titles == ["Есеп a", "Есеп b"]


@needs_soffice
def test_rtf_and_odt(tmp_path, converter):
    src = make_docx(tmp_path / "r.docx", "RTF есеп")
    for fmt in ("rtf", "odt"):
        doc = read_office(to_format(src, fmt, tmp_path), "x", converter)
        assert doc.file_type == fmt
        assert next(doc.paragraphs()).text == "RTF есеп"


def test_docx_named_doc_needs_no_conversion(tmp_path):
    path = tmp_path / "x.doc"
    shutil.copyfile(make_docx(tmp_path / "x.docx", "Аты .doc"), path)
    conv = OfficeConverter(OfficeSettings(soffice="/nonexistent/soffice"))
    doc = read_office(path, "x", conv)
    assert doc.file_type == "docx" and next(doc.paragraphs()).text == "Аты .doc"  # the real type
    assert conv.runs == 0


def test_random_bytes_doc(tmp_path):
    path = tmp_path / "r.doc"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ReaderError, match=r"^not an office document \(unrecognised content\)$"):
        read_office(path, "x")


@needs_soffice
def test_damaged_word97_doc(tmp_path, converter):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 4000)
    with pytest.raises(ReaderError, match=r"^LibreOffice could not convert the file"):
        read_office(path, "x", converter)


@needs_soffice
def test_one_bad_file_does_not_fail_the_batch(tmp_path):
    good = to_format(make_docx(tmp_path / "good.docx", "Жақсы"), "doc", tmp_path)
    bad = tmp_path / "bad.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 4000)
    with OfficeConverter() as conv:
        conv.convert_many([bad, good])
        assert next(read_office(good, "x", conv).paragraphs()).text == "Жақсы"
        with pytest.raises(ReaderError):
            read_office(bad, "x", conv)


@needs_soffice
def test_timeout_is_a_reader_error(tmp_path):
    doc_path = to_format(make_docx(tmp_path / "t.docx", "Уақыт"), "doc", tmp_path)
    with OfficeConverter(OfficeSettings(timeout=0.05)) as conv:
        with pytest.raises(ReaderError, match=r"^LibreOffice conversion timed out after 0 s$"):
            read_office(doc_path, "x", conv)


def test_missing_soffice(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setattr(office, "SOFFICE_PATHS", ())
    with pytest.raises(ReaderError) as e:
        find_soffice()
    assert str(e.value) == "LibreOffice (soffice) is not installed; needed for .doc files"
    path = tmp_path / "x.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with OfficeConverter() as conv, pytest.raises(ReaderError, match="not installed"):
        read_office(path, "x", conv)


@needs_soffice
def test_dispatch_reads_doc(tmp_path):
    doc_path = to_format(make_docx(tmp_path / "d.docx", "Диспетчер"), "doc", tmp_path)
    doc = read(doc_path)
    assert doc.file_type == "doc" and len(doc.doc_id) == 64
    assert next(doc.paragraphs()).text == "Диспетчер"


def test_a_batch_without_soffice_fails_only_its_office_files(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setattr(office, "SOFFICE_PATHS", ())
    old = tmp_path / "in" / "old.doc"
    old.parent.mkdir()
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    new = make_docx(tmp_path / "in" / "new.docx", "Жаңа")
    result = ingest([old, new], tmp_path / "out", jobs=1)
    assert [(Path(ex.document.source_path).name, ex.document.status, ex.document.error)
            for ex in result.processed] == [  # in path order
        ("new.docx", "ok", None),
        ("old.doc", "failed", "LibreOffice (soffice) is not installed; needed for .doc files")]
