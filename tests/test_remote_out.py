"""OUT at an fsspec URL: a working folder on this host, published whole, a cut publish rolled forward."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.conftest import copy_fixtures

fsspec = pytest.importorskip("fsspec")

from esep.cli import main  # noqa: E402
from esep.pipeline import ingest  # noqa: E402
from esep.pipeline import remote_out  # noqa: E402
from esep.pipeline.writer import MANIFEST  # noqa: E402


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ESEP_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def remote_tree(url: str) -> dict[str, bytes]:
    fs, root = fsspec.core.url_to_fs(url)
    return {p[len(root) + 1:]: fs.cat_file(p) for p in sorted(fs.find(root))}


def test_a_file_url_out_holds_file_for_file_what_its_working_copy_holds(tmp_path, cache):
    batch = copy_fixtures(tmp_path / "in", ["seed_kk.txt", "seed_ru.txt"])
    url = f"file://{tmp_path}/published"
    result = ingest([batch], url, isolate=False)
    assert result.where == url and result.documents == 2
    published = remote_tree(url)
    assert MANIFEST in published and "documents/part-0.parquet" in published
    assert not any(name.startswith(remote_out.STAGING) for name in published)
    assert published == tree(result.out)  # the working copy, file for file


def test_a_run_with_nothing_new_publishes_nothing_and_another_host_pulls_first(tmp_path, cache, monkeypatch):
    url = "memory://esep-test/out"
    one = copy_fixtures(tmp_path / "one", ["seed_kk.txt"])
    ingest([one], url, isolate=False)
    before = remote_tree(url)
    ingest([one], url, isolate=False)
    assert remote_tree(url) == before
    monkeypatch.setenv("ESEP_CACHE", str(tmp_path / "other-host"))  # no working copy there yet
    two = copy_fixtures(tmp_path / "two", ["seed_ru.txt"])
    result = ingest([two], url, isolate=False)
    assert result.documents == 2  # the first document came down from the URL, not lost
    assert remote_tree(url)[MANIFEST] != before[MANIFEST]
    fsspec.filesystem("memory").rm("/esep-test", recursive=True)


def test_a_publish_cut_after_its_upload_is_finished_by_the_next_run(tmp_path, cache, monkeypatch):
    url = "memory://esep-cut/out"
    ingest([copy_fixtures(tmp_path / "one", ["seed_kk.txt"])], url, isolate=False)
    fs = fsspec.filesystem("memory")
    real_copy, copies = fs.copy, []

    def dies_on_third(src, dst, **kw):
        copies.append(dst)
        if len(copies) == 3:
            raise ConnectionError("network gone")
        return real_copy(src, dst, **kw)
    monkeypatch.setattr(fs, "copy", dies_on_third)
    batch = copy_fixtures(tmp_path / "two", ["seed_kk.txt", "seed_ru.txt"])
    with pytest.raises(ConnectionError):
        ingest([batch], url, isolate=False)
    monkeypatch.setattr(fs, "copy", real_copy)
    assert fs.exists("/esep-cut/out/_publishing/COMPLETE")  # the new state, whole, waiting
    result = ingest([batch], url, isolate=False)  # rolls forward first: nothing to process
    assert result.processed == [] and result.documents == 2
    assert remote_tree(url) == tree(result.out)
    fs.rm("/esep-cut", recursive=True)


def test_a_url_out_holding_something_else_is_refused(tmp_path, cache, capsys):
    fs = fsspec.filesystem("memory")
    fs.pipe_file("/esep-busy/out/notes.txt", b"not esep")
    code = main(["ingest", str(copy_fixtures(tmp_path / "in", ["seed_kk.txt"])), "--out", "memory://esep-busy/out"])
    assert code == 2
    assert "holds no manifest.json; refusing to replace it" in capsys.readouterr().err
    assert fs.cat_file("/esep-busy/out/notes.txt") == b"not esep"
    fs.rm("/esep-busy", recursive=True)


def test_a_url_out_without_fsspec_names_what_needs_it(tmp_path, cache, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "fsspec", None)  # as if not installed
    code = main(["ingest", str(copy_fixtures(tmp_path / "in", ["seed_kk.txt"])), "--out", "memory://esep-none/out"])
    assert code == 2
    assert "an --out URL needs fsspec: pip install 'esep[dask]'" in capsys.readouterr().err
