"""Type detection by content: renamed fixtures are read as what they are, other files say what they look like."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from esep.pipeline import discover, process_file
from esep.readers import ReaderError, detect_type, file_type, read
from tests.facts import extract_and_audit, fact_diffs, golden_facts

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = [t for t in golden_facts("kk") if not t.startswith("_")]


def renamed(tmp_path: Path, fixture: str, name: str) -> Path:
    path = tmp_path / name
    shutil.copyfile(FIXTURES / fixture, path)
    return path


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs()]


@pytest.mark.parametrize("fixture, name, real", [
    ("seed_kk.docx", "report.pdf", "docx"),
    ("seed_kk.pdf", "report.txt", "pdf"),
    ("seed_ru.pdf", "report", "pdf"),  # no suffix at all
    ("seed_ru.docx", "report.dat", "docx"),  # a suffix esep does not know: the content decides
    ("seed_kk.docx", "report.doc", "docx"),  # no LibreOffice needed
    ("seed_kk.txt", "report.doc", "txt"),  # old systems save text as .doc; Word opens it as text
])
def test_a_renamed_file_is_read_as_what_it_is(tmp_path, fixture, name, real):
    path = renamed(tmp_path, fixture, name)
    assert detect_type(path) == real
    doc, original = read(path), read(FIXTURES / fixture)
    assert (doc.file_type, doc.doc_id, texts(doc)) == (real, original.doc_id, texts(original))


@pytest.mark.parametrize("fixture, name", [("seed_kk.docx", "seed_kk.pdf"),
                                           ("seed_ru.pdf", "seed_ru.txt")])
def test_a_renamed_seed_gives_the_golden_facts(tmp_path, fixture, name):
    ex = extract_and_audit(renamed(tmp_path, fixture, name))
    facts = golden_facts(name.split("_")[1].split(".")[0])
    diffs = [d for table in TABLES for d in fact_diffs(ex, table, facts[table])]
    assert not diffs, "\n".join(diffs)


def test_the_documents_row_records_the_real_type(tmp_path):
    ex = process_file(renamed(tmp_path, "seed_kk.docx", "report.pdf"))
    assert (ex.document.file_type, ex.document.status) == ("docx", "ok")


def test_text_in_other_encodings(tmp_path):
    # Windows-1251 has no Kazakh letters: the Russian seed's few become "?" in all three
    text = (FIXTURES / "seed_ru.txt").read_text(encoding="utf-8").encode("cp1251", "replace")
    expected = None
    for encoding in ("utf-8", "cp1251", "utf-16"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.decode("cp1251").encode(encoding))
        assert detect_type(path) == "txt"
        expected = expected or texts(read(path))
        assert texts(read(path)) == expected and len(expected) > 1


def page_image(path: Path, fmt: str) -> Path:
    """The seed's first page as an image: what a photographed report is."""
    pdf = pdfium.PdfDocument(str(FIXTURES / "seed_kk.pdf"))
    pdf[0].render(scale=0.5).to_pil().convert("RGB").save(path, format=fmt)
    pdf.close()
    return path


@pytest.mark.parametrize("fmt, name, what", [
    ("PNG", "scan.pdf", "a PNG image"), ("PNG", "scan.png", "a PNG image"),
    ("JPEG", "photo.docx", "a JPEG image"), ("TIFF", "scan.doc", "a TIFF image"),
])
def test_an_image_says_so(tmp_path, fmt, name, what):
    path = page_image(tmp_path / name, fmt)
    with pytest.raises(ReaderError) as e:
        read(path)
    assert str(e.value) == f"not a document esep reads: looks like {what}"
    ex = process_file(path)
    assert (ex.document.status, ex.document.error) == ("failed", str(e.value))


def test_a_zip_archive_is_not_a_docx(tmp_path):
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.write(FIXTURES / "seed_kk.txt", "seed_kk.txt")
    with pytest.raises(ReaderError, match=r"^not a document esep reads: looks like a ZIP archive$"):
        read(path)


@pytest.mark.parametrize("name, message", [
    ("cut.docx", "not a DOCX file (zip is corrupt)"),  # the suffix decides: the DOCX reader explains
    ("cut.pdf", "not a document esep reads: looks like a damaged ZIP archive"),
])
def test_a_cut_docx(tmp_path, name, message):
    path = tmp_path / name
    path.write_bytes((FIXTURES / "seed_kk.docx").read_bytes()[:3000])
    with pytest.raises(ReaderError) as e:
        read(path)
    assert str(e.value) == message


@pytest.mark.parametrize("name, content, message", [
    ("notes.csv", "Жоба;Сома\nJasart Talks;10 000 000\n", "unsupported file type .csv"),
    ("page.pdf", "<!DOCTYPE html><html><body>404</body></html>",
     "not a document esep reads: looks like an HTML or XML file"),
])
def test_text_esep_does_not_read(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReaderError) as e:
        read(path)
    assert str(e.value) == message


def test_word_html_under_an_old_name_goes_to_libreoffice(tmp_path):
    path = tmp_path / "report.doc"
    path.write_text("<html><body><p>Есеп</p></body></html>", encoding="utf-8")
    assert detect_type(path) == "html"


def test_unrecognised_bytes_are_explained_by_the_suffix_reader(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(ReaderError, match=r"^not a PDF file \(no %PDF header\)$"):
        read(path)


def test_an_encrypted_word_file_named_doc(tmp_path):
    path = tmp_path / "secret.doc"  # Word's password protection wraps the DOCX in an OLE file
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
                     + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ReaderError, match=r"^DOCX is encrypted \(password-protected\)$"):
        read(path)


def test_discovery_still_goes_by_suffix(tmp_path):
    """A folder's files are picked by name (a .csv beside the reports is no report);
    a named file is read whatever its name."""
    renamed(tmp_path, "seed_kk.pdf", "a.txt")
    hidden_pdf = renamed(tmp_path, "seed_ru.pdf", "b.dat")
    assert [p.name for p in discover([tmp_path])] == ["a.txt"]
    assert file_type(hidden_pdf) is None and discover([hidden_pdf]) == [hidden_pdf]
    assert read(hidden_pdf).file_type == "pdf"


def test_a_cut_odt_is_explained(tmp_path):
    path = tmp_path / "cut.odt"  # a zip cut short, named .odt: the suffix sends it to the office reader
    path.write_bytes((FIXTURES / "seed_kk.docx").read_bytes()[:3000])
    with pytest.raises(ReaderError, match=r"^not an office document \(looks like a damaged ZIP archive\)$"):
        read(path)
