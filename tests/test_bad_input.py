"""Bad input through `esep ingest`, each beside a good report (issue 9, batch robustness).

Every case runs the CLI in-process on a folder holding the bad file and the
Kazakh seed report, then checks: the exit code, the exact lines on stderr, the
bad file's documents row (status, reason, the type its content is), that no
fact was made up from it, that the seed's facts landed whole, and that no
``esep-*`` temporary folder was left behind.
"""
from __future__ import annotations

import re

import shutil
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import pyarrow.dataset as ds
import pytest

from esep.cli import main
from tests.bad_files import (
    png_bytes, patch_document_xml, write_docx_bomb, write_encrypted_office, write_lying_docx, write_xlsx,
)
from tests.conftest import FIXTURES

PROGRESS = re.compile(r"esep: \d+/\d+ files, ")  # esep.progress's periodic line

SEED_DOCX, SEED_PDF = FIXTURES / "seed_kk.docx", FIXTURES / "seed_kk.pdf"
GOOD = "good.docx"  # the seed's name in every batch
SEED_CONTRACTS = [("65", Decimal("5000000.00")), ("66", Decimal("5000000.00"))]
FACT_TABLES = ("contracts", "recipients", "winners", "applications", "partners", "events",
               "indicators", "demographics", "amounts")
RECIPE = """Бешбармақ
Қазақтың ұлттық тағамы, 6 адамға арналған.
Қажетті өнімдер: жылқы еті 1,5 кг, қазы 500 г, ұн 500 г, 2 жұмыртқа, 3 бас пияз.
1. Етті 3 сағат қайнатыңыз.
2. Қамырды жұқа жайып, 5 см шаршыларға кесіңіз.
3. Пиязды сорпада 5 минут бұқтырыңыз.
Рецептті 2023 жылы Алматы қаласындағы «Дәстүр» ЖШС аспазшысы ұсынды."""


@dataclass
class Batch:
    """What one `esep ingest` run left: exit code, output and its tables."""

    code: int
    stdout: list[str]
    said: list[str]  # the stderr lines that are esep's messages (not progress)
    folder: Path
    out: Path
    tmp: Path

    def rows(self, table: str) -> list[dict]:
        return ds.dataset(self.out / table, format="parquet").to_table().to_pylist()

    def doc(self, name: str) -> dict:
        (row,) = [r for r in self.rows("documents") if r["source_path"] == str(self.folder / name)]
        return row

    def facts(self, name: str) -> dict[str, int]:
        """How many rows each fact table holds for the document (tables with none left out)."""
        doc_id = self.doc(name)["doc_id"]
        counts = {t: sum(r["doc_id"] == doc_id for r in self.rows(t)) for t in FACT_TABLES}
        return {t: n for t, n in counts.items() if n}

    def contracts(self, name: str) -> list[tuple[str, Decimal]]:
        doc_id = self.doc(name)["doc_id"]
        return sorted((r["contract_no"], r["grant_kzt"]) for r in self.rows("contracts") if r["doc_id"] == doc_id)


@pytest.fixture
def batch(tmp_path: Path, capsys, monkeypatch):
    """``batch({name: bytes or a path to copy or a builder(path)})``: ingest those files and the seed."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp))  # LibreOffice, and any worker's temporary folders
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))

    def run(files: dict) -> Batch:
        folder = tmp_path / "in"
        folder.mkdir()
        shutil.copy(SEED_DOCX, folder / GOOD)
        for name, what in files.items():
            path = folder / name
            if isinstance(what, bytes):
                path.write_bytes(what)
            elif isinstance(what, Path):
                shutil.copy(what, path)
            else:
                what(path)
        out = tmp_path / "out"
        code = main(["ingest", str(folder), "--out", str(out)])
        captured = capsys.readouterr()
        said = [line for line in captured.err.splitlines()
                if line.startswith("esep:") and not PROGRESS.match(line)]
        return Batch(code, captured.out.splitlines(), said, folder, out, tmp)
    return run


def assert_seed_landed(b: Batch) -> None:
    """The good report beside the bad file: read whole, its facts all there."""
    d = b.doc(GOOD)
    assert (d["status"], d["error"], d["file_type"], d["doc_kind"]) == ("ok", None, "docx", "operator_report")
    assert (d["region"], d["reporting_year"], d["grant_total_kzt"]) == ("Маңғыстау облысы", 2023, Decimal("10000000.00"))
    assert b.contracts(GOOD) == SEED_CONTRACTS
    assert b.facts(GOOD)["recipients"] == 2
    assert list(b.tmp.glob("esep-*")) == []


def assert_failed(b: Batch, name: str, reason: str, file_type: str) -> None:
    """The bad file: one failed row with its reason and real type, no facts, exit code 1."""
    d = b.doc(name)
    assert (d["status"], d["error"], d["file_type"]) == ("failed", reason, file_type)
    assert b.facts(name) == {}
    assert b.code == 1
    assert b.said == [f"esep: failed: {b.folder / name}: {reason}"]
    assert b.stdout[0] == "documents: 2 (ok 1, partial 0, failed 1); skipped 0 already ingested"
    assert_seed_landed(b)


# ---------------------------------------------------------------- failed rows

def cut_pdf(path: Path) -> None:
    data = SEED_PDF.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # a download that stopped half way


@pytest.mark.parametrize("name, content, reason, file_type", [
    ("empty.pdf", b"", "file is empty", "pdf"),
    ("empty.docx", b"", "file is empty", "docx"),
    ("empty.txt", b"", "file is empty", "txt"),
    ("cut.pdf", cut_pdf, "corrupt or truncated PDF (Data format error)", "pdf"),
    ("locked.pdf", FIXTURES / "pdf" / "encrypted.pdf", "encrypted PDF: a password is needed to open it", "pdf"),
    ("locked.docx", write_encrypted_office, "DOCX is encrypted (password-protected)", "docx"),
    # Word's password protection under an old name: the content says OOXML, not Word 97
    ("locked.doc", write_encrypted_office, "DOCX is encrypted (password-protected)", "docx"),
    ("scan.pdf", png_bytes(), "not a document esep reads: looks like a PNG image", "png"),
    ("sheet.docx", write_xlsx, "not a document esep reads: looks like an Excel workbook (XLSX)", "xlsx"),
])
def test_a_bad_file_is_one_failed_row(batch, name, content, reason, file_type):
    assert_failed(batch({name: content}), name, reason, file_type)


def test_a_docx_zip_bomb_is_refused_before_it_inflates(batch):
    # the file: 3.4 MB on disk, word/document.xml inflating to 1.1 GB (a worker took 11 GB)
    bomb = {}
    b = batch({"bomb.docx": lambda path: bomb.update(m=write_docx_bomb(path, SEED_DOCX))})
    m = bomb["m"]
    assert m.size == 1_140_850_857
    reason = (f"DOCX looks like a zip bomb: word/document.xml inflates {m.packed / 2**20:.1f} MB "
              f"to 1.1 GB ({m.size // m.packed}:1, limit 100:1)")
    assert_failed(b, "bomb.docx", reason, "docx")


def test_a_docx_whose_header_lies_about_its_size(batch):
    # declared as the seed's own document.xml (104 KB): it inflates to 50 MB
    b = batch({"lie.docx": lambda path: write_lying_docx(path, SEED_DOCX, declared=106_238)})
    assert_failed(b, "lie.docx", "DOCX is damaged: word/document.xml inflates to more than the "
                                 "104 KB its header declares", "docx")


# ---------------------------------------------------------------- read by what it is

@pytest.mark.parametrize("name, source, file_type", [
    ("report.docx", SEED_PDF, "pdf"),  # the same report as the seed: its facts again
    ("report.pdf", FIXTURES / "seed_kk_narrow.docx", "docx"),
])
def test_a_file_whose_extension_lies_is_read_by_its_content(batch, name, source, file_type):
    b = batch({name: source})
    d = b.doc(name)
    assert (b.code, b.said) == (0, [])
    assert (d["status"], d["error"], d["file_type"], d["doc_kind"]) == ("ok", None, file_type, "operator_report")
    assert (d["region"], d["grant_total_kzt"]) == ("Маңғыстау облысы", Decimal("10000000.00"))
    assert b.contracts(name) == SEED_CONTRACTS
    assert_seed_landed(b)


# ---------------------------------------------------------------- DTD entities

SECRET = "esep-test-secret: this file must never be read into a report"
W_T = "<w:t>"


def with_entities(secret: Path):
    """The seed with a DTD declaring an internal entity (the region's name) and two
    external ones (a secret file, /etc/passwd), each used inside a sentence esep reads facts from."""
    dtd = (f'<!DOCTYPE w:document [<!ENTITY region "Маңғыстау"><!ENTITY leak SYSTEM "file://{secret}">'
           '<!ENTITY passwd SYSTEM "file:///etc/passwd">]>')
    return lambda path: patch_document_xml(SEED_DOCX, path, dtd, {
        # the customer line of the title page: text after the entity used to be dropped (customer lost)
        W_T + "Маңғыстау облысының дін істері басқармасы</w:t>": W_T + "&region; облысының дін істері басқармасы</w:t>",
        # the total the operator states; &amp; and a character reference were always read
        W_T + "Жалпы сомасы 10 000 000 теңгеге": W_T + "&leak;&passwd;Жалпы&#32;сомасы 10&#160;000&#160;000 теңгеге",
    })


def test_external_entities_are_never_read_and_text_after_entities_is_kept(batch, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    b = batch({"entities.docx": with_entities(secret)})
    assert (b.code, b.said) == (0, [])
    d, good = b.doc("entities.docx"), b.doc(GOOD)
    assert (d["status"], d["error"], d["doc_kind"]) == ("ok", None, "operator_report")
    assert d["customer"] == good["customer"] == "Маңғыстау облысының дін істері басқармасы"
    assert b.contracts("entities.docx") == SEED_CONTRACTS
    amounts = {doc_id: sorted((r["locator"], r["role"], r["value_kzt"]) for r in b.rows("amounts")
                              if r["doc_id"] == doc_id) for doc_id in (d["doc_id"], good["doc_id"])}
    assert amounts[d["doc_id"]] == amounts[good["doc_id"]]  # every sum found where the seed has it
    assert "Жалпы сомасы 10\xa0000\xa0000 теңгеге грант беру туралы 2 шартқа қол қойылды." in [
        r["evidence"] for r in b.rows("amounts") if r["doc_id"] == d["doc_id"]]
    everything = "\n".join(str(r) for p in sorted(b.out.rglob("*.parquet")) for r in
                           ds.dataset(p, format="parquet").to_table().to_pylist())
    assert SECRET not in everything and "root:" not in everything
    assert_seed_landed(b)


# ---------------------------------------------------------------- not a report

def write_recipe_docx(path: Path) -> None:
    d = docx.Document()
    for line in RECIPE.splitlines():
        d.add_paragraph(line)
    table = d.add_table(rows=3, cols=3)
    for i, row in enumerate([("№", "Өнім", "Бағасы, теңге"), ("1", "Жылқы еті", "9 000"), ("2", "Ұн", "600")]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    d.add_paragraph("Барлығы шамамен 15 000 теңге.")
    d.save(str(path))


@pytest.mark.parametrize("name, content, facts", [
    ("recipe.txt", RECIPE.encode("utf-8"), {}),
    # a price in the text is kept as what it is, a mention: no grant, no contract
    ("recipe.docx", write_recipe_docx, {"amounts": 1}),
])
def test_a_document_that_is_no_report_is_read_and_named(batch, name, content, facts):
    b = batch({name: content})
    d = b.doc(name)
    assert (d["status"], d["error"], d["doc_kind"], d["grant_total_kzt"], d["contracts_count"]) == (
        "ok", None, "unknown", None, None)
    assert b.facts(name) == facts
    if facts:
        (amount,) = [r for r in b.rows("amounts") if r["doc_id"] == d["doc_id"]]
        assert (amount["role"], amount["value_kzt"], amount["raw"]) == ("mention", Decimal("15000.00"), "15 000 теңге")
    assert b.code == 0
    assert b.said == [f"esep: warning: {b.folder / name}: not recognised as a grant report"]
    assert b.stdout[:2] == ["documents: 2 (ok 2, partial 0, failed 0); skipped 0 already ingested",
                            "contracts: 2"]
    assert_seed_landed(b)
