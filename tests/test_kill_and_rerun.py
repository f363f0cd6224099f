"""A run killed by SIGKILL at any moment (as the OOM killer kills) takes its workers along,
leaves no lock behind, and the next run makes the dataset an uninterrupted run makes.

Each of the 20 kills lands at its own point of the batch (spread over the time an
uninterrupted run takes: start-up, workers reading, linking, writing); right after
it no process of the killed run is left (its process group is empty) and the next
run starts at once, never refused with "another esep run is writing OUT". After
the last kill one run goes through; its dataset equals a clean run's, table by
table, nothing lost and nothing twice. Every finished file is committed at once
(--commit-every 1), so most runs resume from what the killed ones committed.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from esep.pipeline.staging import staging_dir
from tests.conftest import copy_fixtures
from tests.facts import dataset_rows

ROOT = Path(__file__).resolve().parent.parent
BATCH = ["seed_kk.txt", "seed_ru.docx", "stats/ngo_kk_stats.docx", "pdf/seed_plain.pdf", "pdf/tables_kk.pdf"]
KILLS = 20
ESEP = [sys.executable, "-c", "import sys; from esep.cli import main; sys.exit(main())"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    return copy_fixtures(tmp_path_factory.mktemp("batch"), BATCH)


def start(batch: Path, out: Path) -> subprocess.Popen:
    """`esep ingest` in its own process group, so that what is left of it can be found."""
    # --commit-every 1: every finished file is committed at once, so kills land between
    # commits too and the reruns resume from them
    return subprocess.Popen([*ESEP, "ingest", str(batch), "--out", str(out), "--jobs", "2", "--quiet",
                             "--commit-every", "1"],
                            start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def gone_within(pgid: int, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.slow
def test_killed_at_twenty_points_then_rerun_equals_an_uninterrupted_run(batch, tmp_path):
    clean = tmp_path / "clean"
    t0 = time.monotonic()
    done = start(batch, clean)
    assert done.wait(300) == 0, done.stderr.read().decode()
    took = time.monotonic() - t0

    out = tmp_path / "killed"
    refused, left = [], []
    for k in range(KILLS):
        run = start(batch, out)
        time.sleep(took * (k + 0.5) / KILLS)
        run.kill()  # the main process only, as the OOM killer does
        run.wait()
        if not gone_within(run.pid, 5.0):
            left.append(k)
            os.killpg(run.pid, signal.SIGKILL)
        err = run.stderr.read().decode()
        if "another esep run" in err:
            refused.append((k, err))
    final = start(batch, out)
    assert final.wait(300) == 0, final.stderr.read().decode()
    assert left == [], f"processes of the killed run outlived it at kills {left}"
    assert refused == []
    assert dataset_rows(out) == dataset_rows(clean)
    assert not staging_dir(out).exists()
