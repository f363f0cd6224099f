"""Shared test fixtures: golden files, sample inputs, the contract checker."""
from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest

# tests/ is a package (tests/__init__.py), so this module is `tests.conftest`;
# some test modules import it as plain `conftest`: let both names work.
sys.modules.setdefault("conftest", sys.modules[__name__])

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures"
# ../shared beside the checkout (CI clones the repo next to it).
SHARED = Path(os.environ.get("ESEP_SHARED", REPO.parent / "shared"))

MINIMAL_REPORT = """\
# Үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператордың 2023 жылғы қызметінің нәтижелері туралы есебі

Есепті кезең: 2023 жыл

Маңғыстау облысының дін істері басқармасы

Гранттар сомасы: 10 000 000 (он миллион) теңге.
"""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.json from the current output instead of comparing")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, Any], None]:
    """``golden(name, data)``: compare JSON-able data with tests/golden/<name>.json,
    or rewrite that file when pytest runs with --regen-golden."""
    regen = request.config.getoption("--regen-golden")

    def check(name: str, data: Any) -> None:
        path = GOLDEN / f"{name}.json"
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"
        if regen:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        if not path.is_file():
            pytest.fail(f"no golden file {path.name}; run pytest --regen-golden and review the diff")
        assert json.loads(text) == json.loads(path.read_text(encoding="utf-8"))
    return check


def write_report(folder: Path, name: str = "report.txt", text: str = MINIMAL_REPORT) -> Path:
    """A minimal readable text report."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_corrupt_pdf(folder: Path, name: str = "broken.pdf") -> Path:
    """Random bytes under a .pdf name (seeded: the same bytes every run)."""
    import random
    path = folder / name
    path.write_bytes(random.Random(7).randbytes(4096))
    return path


def write_garbage_docx(folder: Path, name: str = "garbage.docx") -> Path:
    """A valid zip holding no Word document."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<<< not xml")
        z.writestr("junk.bin", bytes(range(64)))
    return path


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    """A folder with one good text report, a corrupt PDF and a garbage DOCX."""
    folder = tmp_path / "in"
    write_report(folder)
    write_corrupt_pdf(folder)
    write_garbage_docx(folder)
    return folder


@pytest.fixture
def check_contract() -> Callable[[Path], "subprocess.CompletedProcess[str]"]:
    """Run ../shared/tools/check_contract.py on a folder; skip when it is not there."""
    import subprocess
    import sys
    tool = SHARED / "tools" / "check_contract.py"
    if not tool.is_file():
        pytest.skip(f"{tool} not found")

    def run(out: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(tool), str(out)], capture_output=True, text=True)
    return run


@pytest.fixture(autouse=True)
def english_messages(monkeypatch):
    """The command's messages follow the locale (esep.say): the tests assert English ones
    unless they set a language, whatever the machine's locale."""
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def copy_fixtures(folder: Path, names: list[str]) -> Path:
    """A batch folder holding copies of the named fixtures (paths under tests/fixtures)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / Path(name).name).write_bytes((FIXTURES / name).read_bytes())
    return folder
