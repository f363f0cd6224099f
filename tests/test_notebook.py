"""The example notebook runs on a fresh output folder (its DuckDB cell needs duckdb)."""
from __future__ import annotations

import json
import os
from pathlib import Path

from esep.pipeline import ingest

NOTEBOOK = Path(__file__).parents[1] / "notebooks" / "explore.ipynb"
FIXTURES = Path(__file__).parent / "fixtures"


def test_the_notebook_cells_run(tmp_path, monkeypatch):
    ingest([FIXTURES / "seed_kk.txt"], tmp_path / "esep-out", isolate=False)
    monkeypatch.chdir(tmp_path)
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    env: dict = {}
    ran = 0
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or "duckdb" in source:
            continue
        exec(compile(source, f"{NOTEBOOK.name}", "exec"), env)  # noqa: S102 - our own notebook
        ran += 1
    assert ran == 4
    assert set(env["f"].rule) >= {"demographics_sum", "fractional_count"}
    assert os.path.isdir(tmp_path / "esep-out" / "contracts")
