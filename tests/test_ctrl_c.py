"""Ctrl-C at any moment of `esep ingest`, as a terminal sends it (SIGINT to the whole
process group): exit 130 with one plain line, never a traceback, never a run that goes
on as if not interrupted; OUT absent or complete; no process of the run left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_fixtures

from esep.schemas.validate import validate_output

BATCH = ["seed_kk.txt", "seed_ru.docx", "pdf/seed_plain.pdf", "pdf/tables_kk.pdf"]
POINTS = 16  # spread over start-up (imports), workers reading, linking, writing
SCRIPT = Path(sys.executable).parent / "esep"
ESEP = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "esep.entry"]
MESSAGE = "esep: interrupted; the output folder holds the last complete run (run again to resume)"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups, PDEATHSIG")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return copy_fixtures(tmp_path_factory.mktemp("batch"), BATCH)


def run(batch: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([*ESEP, "ingest", str(batch), "--out", str(out), "--jobs", "2", "--quiet"],
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def group_gone(pgid: int, limit: float = 5.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(batch, tmp_path):
    t0 = time.monotonic()
    whole = run(batch, tmp_path / "whole")
    assert whole.wait(300) == 0, whole.stderr.read()
    took = time.monotonic() - t0
    outcomes = []
    for k in range(POINTS):
        out = tmp_path / f"out{k}"
        p = run(batch, out)
        time.sleep(took * k / POINTS)
        os.killpg(p.pid, signal.SIGINT)  # the whole group, as a terminal's Ctrl-C
        _, err = p.communicate(timeout=120)
        assert group_gone(p.pid), f"processes left after Ctrl-C at point {k}"
        assert "Traceback" not in err, f"point {k}:\n{err}"
        if p.returncode == -signal.SIGINT:  # before Python's own handler: the shell's 130, silent
            assert err == "", (k, err)
        elif p.returncode == 0:  # this run was quicker than the first: done before the signal
            assert k >= POINTS // 2, (k, err)
        else:
            assert p.returncode == 130 and err.strip().splitlines()[-1] == MESSAGE, (k, p.returncode, err)
        assert not out.exists() or validate_output(out) == []  # never half-written
        outcomes.append(out.exists())
    assert not any(outcomes[: POINTS // 2])  # interrupted early: nothing published
