"""The `esep` command, invoked in-process: exit codes and exact messages."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from esep import __version__
from esep.cli import build_parser, format_kzt, main
from esep.paths import data_dir, samples_dir
from esep.pipeline.discover import discover
from esep.readers import ReaderError
from esep.records import DocumentRow, Extraction

from tests.conftest import write_report


@pytest.fixture
def stub_stages(monkeypatch):
    """The minimal extractor, with a grant total so that the summary shows money."""
    def extract(doc):
        return Extraction(document=DocumentRow(doc_id=doc.doc_id, source_path=doc.source_path,
                                               file_type=doc.file_type,
                                               grant_total_kzt=Decimal("10000000")))
    monkeypatch.setattr("esep.pipeline.process.extract_records", extract)
    monkeypatch.setattr("esep.pipeline.process.audit_records", lambda ex: [])


def errors_of(out: Path) -> dict[str, str | None]:
    rows = ds.dataset(out / "documents", format="parquet").to_table().to_pylist()
    return {r["source_path"]: r["error"] for r in rows}


def subcommands() -> list[str]:
    parser = build_parser()
    return sorted(parser._subparsers._group_actions[0].choices)


def test_commands():
    assert subcommands() == ["audit", "export", "ingest", "report", "sql", "validate"]


@pytest.mark.parametrize("argv", [["--help"]] + [[c, "--help"] for c in subcommands()])
def test_every_command_has_help(argv, capsys):
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: esep")


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"esep {__version__}\n"


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["ingest", "--jobs", "0"],
                                  ["ingest", "--timeout", "soon"], ["validate"]])
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    assert "usage: esep" in capsys.readouterr().err


def test_format_kzt():
    assert format_kzt(Decimal("10000000")) == "10 000 000.00 KZT"
    assert format_kzt(Decimal("0")) == "0.00 KZT"


def test_ingest_a_batch_with_bad_files(batch_dir: Path, tmp_path: Path, capsys, stub_stages):
    out = tmp_path / "out"
    write_report(batch_dir, "sheet.xlsx", "a,b\n1,2\n")
    assert main(["ingest", str(batch_dir), str(batch_dir / "sheet.xlsx"), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    errors = errors_of(out)
    failed = [p for p in map(str, discover([batch_dir, batch_dir / "sheet.xlsx"])) if errors[p]]
    assert errors[str(batch_dir / "sheet.xlsx")] == "unsupported file type .xlsx"
    # each failure is printed as its file finishes: in the order the workers end
    assert sorted(line for line in captured.err.splitlines() if line.startswith("esep: failed:")) == sorted(
        f"esep: failed: {p}: {errors[p]}" for p in failed)
    assert len(failed) == 3
    assert captured.out.splitlines() == [
        "documents: 4 (ok 1, partial 0, failed 3); skipped 0 already ingested",
        "contracts: 0",
        "money: 10 000 000.00 KZT in 1 grant",
        "events: 0",
        "findings: 0 (error 0, warning 0, info 0)",
        f"output: {out} (4 documents in all)",
    ]
    assert captured.err.splitlines()[-1].startswith("esep: 4/4 files, 0 pages, ")


def test_reingest_reports_what_it_skipped(tmp_path: Path, capsys, stub_stages):
    report, out = write_report(tmp_path / "in"), tmp_path / "out"
    assert main(["ingest", str(report), "--out", str(out), "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    assert main(["ingest", str(report), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "documents: 0 (ok 0, partial 0, failed 0); skipped 1 already ingested"
    assert lines[-1] == f"output: {out} (1 documents in all)"


def test_quiet_prints_only_failures(batch_dir: Path, tmp_path: Path, capsys, stub_stages):
    assert main(["ingest", str(batch_dir), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert all(line.startswith("esep: failed: ") for line in captured.err.splitlines())


def test_a_timeout_is_reported(tmp_path: Path, capsys, monkeypatch):
    def hang(path, doc_id=None):
        import time
        time.sleep(60)
        raise ReaderError("unreachable")
    monkeypatch.setattr("esep.pipeline.process.read", hang)
    report = write_report(tmp_path / "in")
    assert main(["ingest", str(report), "--out", str(tmp_path / "out"), "--timeout", "0.5", "--quiet"]) == 1
    assert capsys.readouterr().err == f"esep: failed: {report}: timed out after 0.5 s\n"


def test_missing_input_is_a_usage_error(tmp_path: Path, capsys):
    assert main(["ingest", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"esep: error: no such file or folder: {tmp_path / 'nope'}\n"
    assert not (tmp_path / "out").exists()


def test_refuses_a_foreign_output_folder(tmp_path: Path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("x")
    report = write_report(tmp_path / "in")
    assert main(["ingest", str(report), "--out", str(tmp_path / "mine")]) == 2
    assert capsys.readouterr().err == (
        f"esep: error: {tmp_path / 'mine'} is not empty and holds no manifest.json; refusing to replace it\n")


def test_ctrl_c_exits_130(tmp_path: Path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr("esep.cli.ingest", interrupted)
    assert main(["ingest", str(tmp_path), "--out", str(tmp_path / "out")]) == 130
    assert capsys.readouterr().err == \
        "esep: interrupted; the output folder holds the last complete run (run again to resume)\n"


def test_ingest_defaults_to_the_samples_into_esep_out(tmp_path: Path, capsys, monkeypatch, stub_stages):
    labels = data_dir() / "labels"
    monkeypatch.setenv("ESEP_DATA", str(tmp_path / "data"))
    write_report(tmp_path / "data" / "samples", "seed.txt")
    # $ESEP_DATA is the labels' folder too (read lazily: a test must not rely on a cache)
    (tmp_path / "data" / "labels").symlink_to(labels)
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", "--quiet"]) == 0
    assert list(errors_of(tmp_path / "esep-out")) == [str(tmp_path / "data" / "samples" / "seed.txt")]


def test_validate(tmp_path: Path, capsys, stub_stages):
    out = tmp_path / "out"
    assert main(["ingest", str(write_report(tmp_path / "in")), "--out", str(out), "--quiet"]) == 0
    assert main(["validate", str(out)]) == 0
    assert capsys.readouterr().out == "contract: 0 problems in 13 tables\n"
    for part in (out / "events").iterdir():
        part.unlink()
    (out / "events").rmdir()
    assert main(["validate", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("events: missing or unreadable")
    assert lines[-1] == "contract: 1 problems in 13 tables"
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err == f"esep: error: not a folder: {tmp_path / 'nowhere'}\n"


def test_the_main_job_holds_the_contract(tmp_path: Path, capsys, check_contract):
    """`esep ingest` on the bundled samples, with the real stages, as CI runs it."""
    if not any(p.is_file() for p in samples_dir().glob("*")):
        pytest.skip(f"no samples in {samples_dir()}")
    out = tmp_path / "out"
    code = main(["ingest", "--out", str(out), "--quiet"])
    assert code == 0, capsys.readouterr().err
    done = check_contract(out)
    assert done.returncode == 0, done.stdout


def test_the_same_report_in_two_forms_counts_its_money_once(tmp_path: Path, capsys):
    fixtures = Path(__file__).parent / "fixtures"
    code = main(["ingest", str(fixtures / "seed_kk.txt"), str(fixtures / "seed_kk.docx"),
                 "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert code == 0
    lines = capsys.readouterr().out.splitlines()
    # the seed's two contracts once: the DOCX restates the text (same_as_doc_id)
    assert "money: 10 000 000.00 KZT in 2 grants (each counted once: 2 more figures in other " \
           "documents restate them)" in lines
