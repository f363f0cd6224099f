"""Legacy Kazakh fonts: detected in the seed typed in each layout, in no other fixture;
the facts of a legacy copy are the seed's, its evidence the characters as stored.

The legacy copies (tests/fixtures/legacy, scripts/make_legacy.py) are the seed
DOCX with every Kazakh letter retyped through the inverse of a layout of
data/labels/legacy_kk.toml.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from esep.model import Document, Paragraph, Prov
from esep.normalize import legacy_kk
from esep.normalize.legacy_kk import KAZAKH, detect, mappings, note, to_printed, to_unicode
from esep.pipeline.process import process_file
from esep.readers import read, read_printed
from esep.readers.legacy import facts, fix_legacy_kazakh, restore_printed_evidence, texts
from tests.facts import project, rows, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
LEGACY = FIXTURES / "legacy"
SEED = FIXTURES / "seed_kk.docx"
GOLDEN = json.loads((Path(__file__).parent / "golden" / "seed_kk.facts.json").read_text(encoding="utf-8"))
TABLES = [t for t in GOLDEN if not t.startswith("_")]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# the layout a copy is in is the last part of its name: seed_kk_<layout>.docx
COPIES = [pytest.param(p, id=p.name, marks=[pytest.mark.skipif(SOFFICE is None and p.suffix == ".doc",
                                                               reason="LibreOffice not installed")])
          for p in sorted(LEGACY.glob("seed_kk_*.doc*"))]
OTHERS = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".docx") and LEGACY not in p.parents)
WORD = re.compile(r"[^\W\d_]+")
QUOTES = (LEGACY / "foreign_quotes.txt").read_text(encoding="utf-8")


def layout_of(path: Path) -> str:
    return path.stem.removeprefix("seed_kk_")


def whole_text(doc: Document) -> str:
    return "\n".join(x.text for x in texts(doc))


# ---------------------------------------------------------------- the tables

def test_kz1048_is_the_standard_read_as_windows_1251():
    """Every pair is what Python's kz1048 codec (Unicode's KZ1048.TXT) stores, read as cp1251."""
    for printed, kazakh in mappings()["kz1048"].letters:
        assert kazakh.encode("kz1048").decode("cp1251") == printed, kazakh


@pytest.mark.parametrize("name", sorted(mappings()))
def test_each_layout_maps_the_nine_letters_one_to_one_in_windows_1251(name):
    letters = dict(mappings()[name].letters)
    assert sorted(letters.values()) == sorted(KAZAKH), "each Kazakh letter once, both cases"
    assert len(set(letters)) == len(letters)
    for printed, kazakh in letters.items():
        assert len(printed.encode("cp1251")) == 1, f"{printed!r} is no Windows-1251 character"
        assert letters.get(printed.upper()) == kazakh.upper() and letters.get(printed.lower()) == kazakh.lower()


# ---------------------------------------------------------------- detection

@pytest.mark.parametrize("path", COPIES)
def test_each_copy_is_detected_in_its_layout(path):
    m = detect(whole_text(read_printed(path)))
    assert m is not None and m.mapping == layout_of(path)
    assert m.known >= legacy_kk.MIN_WORDS and m.score >= legacy_kk.MIN_SHARE and not m.genuine


@pytest.mark.parametrize("path", COPIES)
def test_mapping_gives_back_the_seed_character_for_character(path):
    """Block by block and cell by cell, the mapped copy is the seed's text (and as long as printed)."""
    printed, seed = read_printed(path), read_printed(SEED)
    m = detect(whole_text(printed))
    pairs = list(zip(texts(printed), texts(seed), strict=True))
    assert all(to_unicode(p.text, m) == s.text and len(p.text) == len(s.text) for p, s in pairs)
    assert all(to_printed(s.text, m) == p.text for p, s in pairs)


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_no_other_fixture_is_legacy(path):
    doc = read(path)
    assert doc.legacy is None and not any("legacy" in w for w in doc.warnings)


@pytest.mark.parametrize("host", [None, "seed_kk.txt", "seed_ru.txt"])
def test_foreign_quotes_are_not_legacy_kazakh(host):
    """Ukrainian, Serbian, Macedonian and Belarusian letters are the ones the layouts use;
    their words are no Kazakh words, mapped or not, alone or quoted in a report."""
    text = QUOTES if host is None else (FIXTURES / host).read_text(encoding="utf-8") + "\n" + QUOTES
    assert detect(text) is None
    for m in mappings().values():
        assert legacy_kk.score(frozenset(WORD.findall(QUOTES)), m)[0] == 0


def test_letters_also_printed_in_unicode_stay_unicode_in_evidence():
    """A copy with one heading typed in a Unicode font: mapping is right either way, the
    way back can't tell which қ was ќ, so those letters keep their Unicode form."""
    printed = read_printed(LEGACY / "seed_kk_kz1048.docx")
    text = whole_text(printed) + "\nҚазақстан Республикасы"
    m = detect(text)
    assert m.mapping == "kz1048" and m.genuine == {"Қ", "қ"}
    assert to_printed("Қазақстан қоғамы", m) == "Қазақстан қоєамы"


# ---------------------------------------------------------------- the document

def test_fix_maps_every_block_once_and_says_so():
    doc = fix_legacy_kazakh(read_printed(LEGACY / "seed_kk_kz1048.docx"))
    assert doc.legacy.mapping == "kz1048" and note(doc.legacy) == "KZ-1048"
    assert doc.warnings == []  # read whole: the document stays ok
    assert whole_text(doc) == whole_text(read_printed(SEED))
    assert fix_legacy_kazakh(doc).blocks == doc.blocks  # a second pass changes nothing


def test_a_unicode_document_is_left_alone():
    doc = Document("x", "x.txt", "txt", [Paragraph("Қоғамдық бірлестік «Ќ»", Prov(None, "para:1"))])
    assert fix_legacy_kazakh(doc).legacy is None and doc.blocks[0].text == "Қоғамдық бірлестік «Ќ»"


# ---------------------------------------------------------------- facts and evidence

@pytest.fixture(scope="module")
def seed_snapshot():
    return snapshot(process_file(SEED))


@pytest.fixture(scope="module", params=COPIES)
def copy(request):
    return request.param, process_file(request.param)


@pytest.mark.parametrize("table", TABLES)
def test_copy_gives_the_golden_facts(copy, table):
    """As tests/test_golden_seed.py compares the seed's renderings; the documents row
    names the layout the text was mapped from."""
    path, ex = copy
    expected, got = GOLDEN[table], rows(ex, table)
    if table == "documents":
        assert got[0]["legacy_font"] == mappings()[layout_of(path)].label
    fields = sorted({k for row in expected for k in row})
    diffs = [f"{table}[{i}].{k}: got {project(g, fields)[k]!r}, expected {e[k]!r}"
             for i, (e, g) in enumerate(zip(expected, got)) for k in e
             if not k.startswith("_") and g.get(k) != e[k]]
    assert not diffs, f"{path.name}:\n" + "\n".join(diffs)
    assert len(got) == len(expected)


def test_copy_is_the_seed_but_for_its_evidence(copy, seed_snapshot):
    """Every row of every table, provenance included, is the seed DOCX's; evidence is the
    seed's evidence in the printed characters (so values stay Unicode, evidence not)."""
    path, ex = copy
    m = detect(whole_text(read_printed(path)))
    got = snapshot(ex)
    for table, seed_rows in seed_snapshot.items():
        assert len(got[table]) == len(seed_rows), table
        for s, g in zip(seed_rows, got[table]):
            for k, v in s.items():
                if k in ("evidence", "other_evidence") and v:
                    assert g[k] == to_printed(v, m), (table, k, v)
                elif k not in ("file_type", "size_bytes", "legacy_font"):
                    assert g[k] == v, (table, k)


def test_evidence_stands_in_the_printed_text(copy):
    """What an auditor searches the file for: every word of every fact's evidence is a
    word of the document as stored, and none holds a Kazakh letter the font moved."""
    path, ex = copy
    stored = set(WORD.findall(whole_text(read_printed(path))))
    moved = set(dict(mappings()[layout_of(path)].letters).values()) - {"і", "І"}
    for fact in facts(ex):
        assert not moved & set(fact.evidence), fact.evidence
        assert set(WORD.findall(fact.evidence)) <= stored, (fact.locator, fact.evidence)


def test_restoring_twice_changes_nothing(copy):
    path, ex = copy
    doc = read(path)
    before = [f.evidence for f in facts(ex)]
    restore_printed_evidence(ex, doc)
    assert [f.evidence for f in facts(ex)] == before
