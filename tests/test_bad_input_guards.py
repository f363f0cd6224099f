"""The guards behind tests/test_bad_input.py, one at a time: zip limits, the capped
inflater, DTD entities in the DOCX reader, the type a failed row records."""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from esep.cli import main
from esep.readers import ReaderError
from esep.readers.docx import DocxSettings, read_docx
from esep.readers.sniff import real_type, sniff
from esep.readers.zipguard import ZipLimits, capped, check_declared, check_zip, human
from tests.bad_files import (
    DOC_HEAD, DOC_TAIL, PARAGRAPH, deflated, docx_members, patch_document_xml, png_bytes, repeated,
    write_lying_docx, write_xlsx, write_zip,
)
from tests.conftest import FIXTURES

SEED_DOCX = FIXTURES / "seed_kk.docx"
MB = 1 << 20


def info(name: str, size: int, packed: int) -> zipfile.ZipInfo:
    i = zipfile.ZipInfo(name)
    i.file_size, i.compress_size = size, packed
    return i


# ---------------------------------------------------------------- declared sizes

def test_sizes_read_as_people_read_them():
    assert [human(n) for n in (512, 48_617, 3_331_483, 200 * MB, 1_140_850_857)] == [
        "512 bytes", "47 KB", "3.2 MB", "200 MB", "1.1 GB"]


@pytest.mark.parametrize("members, reason", [
    ([info("word/document.xml", 1_140_850_857, 3_331_483)],
     "DOCX looks like a zip bomb: word/document.xml inflates 3.2 MB to 1.1 GB (342:1, limit 100:1)"),
    # a video barely compresses: too large all the same
    ([info("word/media/video1.mp4", 250 * MB, 240 * MB)],
     "DOCX is too large to read: word/media/video1.mp4 inflates to 250 MB (limit 200 MB)"),
    ([info(f"word/media/image{k}.png", 180 * MB, 170 * MB) for k in (1, 2, 3)],
     "DOCX is too large to read: its 3 parts inflate to 540 MB in all (limit 500 MB)"),
])
def test_declared_sizes_past_the_limits_are_refused(members, reason):
    with pytest.raises(ReaderError) as e:
        check_declared(members, ZipLimits())
    assert str(e.value) == reason


def test_what_real_documents_declare_passes():
    # a page of blanks compresses 1000:1 and is no bomb; the seed's parts are ordinary
    check_declared([info("word/document.xml", 4 * MB, 4 * MB // 1000)], ZipLimits())
    with zipfile.ZipFile(SEED_DOCX) as z:
        check_declared(z.infolist(), ZipLimits())


def test_the_reader_takes_its_limits_from_its_settings():
    settings = DocxSettings(zip_limits=ZipLimits(max_member=64 << 10))
    with pytest.raises(ReaderError) as e:
        read_docx(SEED_DOCX, "x", settings)
    assert str(e.value) == "DOCX is too large to read: word/document.xml inflates to 104 KB (limit 64 KB)"


# ---------------------------------------------------------------- the capped inflater

def test_capped_stops_past_the_declared_size():
    assert b"".join(capped([b"ab", b"cd"], 4, "word/document.xml")) == b"abcd"
    with pytest.raises(ReaderError) as e:
        list(capped([b"ab", b"cd", b"e"], 4, "word/document.xml"))
    assert str(e.value) == "DOCX is damaged: word/document.xml inflates to more than the 4 bytes its header declares"


def test_every_docx_fixture_passes_the_inflater():
    for path in sorted(FIXTURES.rglob("*.docx")):
        check_zip(path)


def test_a_header_that_lies_is_caught_by_inflating(tmp_path):
    path = tmp_path / "lie.docx"
    write_lying_docx(path, SEED_DOCX, declared=106_238, inflated=4 * MB)
    check_declared(zipfile.ZipFile(path).infolist(), ZipLimits())  # its directory looks innocent
    with pytest.raises(ReaderError) as e:
        check_zip(path)
    assert str(e.value) == "DOCX is damaged: word/document.xml inflates to more than the 104 KB its header declares"


def test_a_damaged_member_is_named(tmp_path):
    good = deflated("word/document.xml", DOC_HEAD + PARAGRAPH * 100 + DOC_TAIL)
    bad_crc = deflated(good.name, DOC_HEAD + PARAGRAPH * 100 + DOC_TAIL)
    bad_crc.crc ^= 1
    write_zip(tmp_path / "crc.docx", docx_members(SEED_DOCX) + [bad_crc])
    cut = deflated(good.name, DOC_HEAD + PARAGRAPH * 100 + DOC_TAIL)
    cut.blocks = [(cut.blocks[0][0][:-8], 1)]  # the deflate stream's end is missing
    write_zip(tmp_path / "cut.docx", docx_members(SEED_DOCX) + [cut])
    with pytest.raises(ReaderError, match=r"^DOCX is damaged: word/document\.xml fails its CRC check$"):
        check_zip(tmp_path / "crc.docx")
    with pytest.raises(ReaderError, match=r"^DOCX is damaged: word/document\.xml cannot be inflated "
                                          r"\(its data is cut short\)$"):
        check_zip(tmp_path / "cut.docx")


def test_sniffing_never_inflates_a_whole_member(tmp_path):
    # 200 MB of [Content_Types].xml behind a wrong CRC: reading it whole would fail the CRC
    # (and sniff would call the file a damaged zip); sniff reads its head only, a DOCX
    types = repeated("[Content_Types].xml", b'<?xml version="1.0"?><Types><Override ContentType='
                     b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>',
                     b"<Default/>" * MB, 20, b"</Types>")
    types.crc ^= 1
    write_zip(tmp_path / "report.docx", [types])
    assert sniff(tmp_path / "report.docx").file_type == "docx"


# ---------------------------------------------------------------- entities in the DOCX reader

def docx_with(tmp_path: Path, dtd: str, texts: list[str]) -> Path:
    """A python-docx document whose paragraphs' XML text is ``texts``, with ``dtd``."""
    d = docx.Document()
    for k in range(len(texts)):
        d.add_paragraph(f"PARAGRAPH-{k}")
    d.save(str(tmp_path / "plain.docx"))
    return patch_document_xml(tmp_path / "plain.docx", tmp_path / "entities.docx", dtd,
                              {f"PARAGRAPH-{k}<": f"{t}<" for k, t in enumerate(texts)})


def texts(path: Path, settings: DocxSettings = DocxSettings()) -> list[str]:
    return [b.text for b in read_docx(path, "x", settings).blocks]


def test_text_after_any_entity_is_kept(tmp_path):
    path = docx_with(tmp_path, '<!DOCTYPE w:document [<!ENTITY org "«Дәстүр» ЖШС">'
                               f'<!ENTITY secret SYSTEM "file://{tmp_path}/secret.txt">]>', [
        "AT&amp;T grant 5 000 000",  # predefined entities and character references: always read
        "&#1178;аржы &#x49B;ажет 5&#160;000",
        "&org; grant 5 000 000",  # an internal entity: its declared text
        "before &secret; after",  # an external one: nothing, never read
        "a<!-- a comment -->b",
    ])
    (tmp_path / "secret.txt").write_text("NEVER READ", encoding="utf-8")
    assert texts(path) == ["AT&T grant 5 000 000", "Қаржы қажет 5\xa0000", "«Дәстүр» ЖШС grant 5 000 000",
                           "before  after", "ab"]


def test_entities_cannot_amplify(tmp_path):
    # billion laughs: an entity made of entities is not expanded; nor one past 64 characters
    dtd = ('<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">'
           f'<!ENTITY long "{"x" * 65}">]>')
    path = docx_with(tmp_path, dtd, ["1&a;&b;&long;2", "&a;&a;&a;"])
    assert texts(path) == ["1ha2", "hahaha"]
    # and all references together add no more than the document's budget (4 characters: 2 "ha")
    assert texts(path, DocxSettings(entity_budget=4)) == ["1ha2", "ha"]


# ---------------------------------------------------------------- the failed row's type

@pytest.mark.parametrize("name, make, kind", [
    ("scan.pdf", lambda p: p.write_bytes(png_bytes()), "png"),
    ("sheet.docx", write_xlsx, "xlsx"),
    ("page.pdf", lambda p: p.write_text("<html><body>грант</body></html>", encoding="utf-8"), "html"),
    ("noise.pdf", lambda p: p.write_bytes(bytes(range(256)) * 4), "pdf"),  # nothing known: the suffix's
    ("data.csv", lambda p: p.write_text("a,b\n1,2\n", encoding="utf-8"), "csv"),
    ("report.docx", lambda p: p.write_bytes(SEED_DOCX.read_bytes()[:5000]), "docx"),  # a cut DOCX
])
def test_real_type_is_what_the_content_is(tmp_path, name, make, kind):
    make(tmp_path / name)
    assert real_type(tmp_path / name) == kind


def test_real_type_of_a_missing_file_is_its_suffix(tmp_path):
    assert real_type(tmp_path / "gone.PDF") == "pdf"


def test_quiet_leaves_out_the_not_a_report_warning(tmp_path, capsys):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text("Сәлем! Ертең сағат 10-да кездесеміз.", encoding="utf-8")
    assert main(["ingest", str(note), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["ingest", str(note), "--out", str(tmp_path / "out2")]) == 0
    assert f"esep: warning: {note}: not recognised as a grant report" in capsys.readouterr().err.splitlines()
