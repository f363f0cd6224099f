"""The seed saved as .doc, .rtf and .odt gives exactly the facts of its golden file.

The old formats are made from tests/fixtures/seed_{kk,ru}.docx by LibreOffice
at test time (one soffice run per format, both seeds in it, a private
profile in tmp), so they follow the seed whenever it changes and no binary
copies are committed. esep then reads them back through LibreOffice, as it
reads a user's .doc: .doc → .docx → the DOCX reader, the same comparison
as tests/test_golden_seed.py.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from esep.readers import detect_type
from esep.readers.office import batch_converter
from tests.facts import extract_and_audit, fact_diffs, golden_facts

FIXTURES = Path(__file__).parent / "fixtures"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
FORMATS = ("doc", "rtf", "odt")
SEEDS = ("seed_kk", "seed_ru")
NAMES = [f"{seed}.{fmt}" for fmt in FORMATS for seed in SEEDS]
TABLES = [t for t in golden_facts("kk") if not t.startswith("_")]

pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed")


def save_as(fmt: str, folder: Path, profile: str) -> None:
    """Both seeds saved as ``fmt``, in one soffice run."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(folder),
                    *(str(FIXTURES / f"{seed}.docx") for seed in SEEDS)],
                   check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def old_formats(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("old_formats")
    profile = (tmp_path_factory.mktemp("lo") / "profile").as_uri()
    for fmt in FORMATS:
        save_as(fmt, folder, profile)
    return folder


@pytest.fixture(scope="module")
def extractions(old_formats):
    paths = [old_formats / name for name in NAMES]
    with batch_converter(paths):  # as `esep ingest` reads a batch
        return {p.name: extract_and_audit(p) for p in paths}


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("name", NAMES)
def test_facts_match_the_golden_file(extractions, name, table):
    lang = name.split("_")[1].split(".")[0]
    diffs = fact_diffs(extractions[name], table, golden_facts(lang)[table])
    assert not diffs, f"{name}:\n" + "\n".join(diffs)


@pytest.mark.parametrize("name", NAMES)
def test_the_file_type_is_the_old_format(extractions, name):
    doc = extractions[name].document
    assert (doc.file_type, doc.status, doc.error) == (name.rsplit(".", 1)[1], "ok", None)


@pytest.mark.parametrize("name, renamed", [("seed_kk.doc", "seed_kk.pdf"), ("seed_kk.rtf", "seed_kk.txt"),
                                           ("seed_kk.odt", "seed_kk.docx"), ("seed_ru.doc", "seed_ru")])
def test_the_old_formats_are_told_by_content(old_formats, tmp_path, name, renamed):
    path = tmp_path / renamed
    shutil.copyfile(old_formats / name, path)
    assert detect_type(path) == name.rsplit(".", 1)[1]


def test_an_rtf_named_pdf_gives_the_golden_facts(old_formats, tmp_path):
    path = tmp_path / "seed_ru.pdf"
    shutil.copyfile(old_formats / "seed_ru.rtf", path)
    ex = extract_and_audit(path)
    diffs = [d for table in TABLES for d in fact_diffs(ex, table, golden_facts("ru")[table])]
    assert not diffs and ex.document.file_type == "rtf", "\n".join(diffs)
