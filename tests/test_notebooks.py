"""Every notebook of notebooks/ runs top to bottom in a Jupyter kernel, on the bundled samples.

The kernel is this interpreter (a kernelspec written to a temporary JUPYTER_PATH, which
comes before the user's and the system's), with this checkout first on PYTHONPATH, so the
notebooks import the esep under test. Plots use matplotlib's inline backend, which draws
with Agg: no display is needed. The assertions read the outputs a reader would see.
"""
from __future__ import annotations

import base64
import io
import json
import os
import sys
from pathlib import Path
from typing import Callable

import nbformat
import pandas as pd
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from PIL import Image

from esep.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
FIXTURES = Path(__file__).parent / "fixtures"
CELL_TIMEOUT = 300  # seconds
INLINE = "module://matplotlib_inline.backend_inline"

Run = Callable[..., nbformat.NotebookNode]


def notebook_names() -> list[str]:
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def write_kernelspec(root: Path) -> Path:
    """A kernelspec "python3" that starts this interpreter's ipykernel, under ``root``."""
    spec = root / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (esep tests)", "language": "python"}))
    return root


def kernel_env(jupyter: Path, extra: dict[str, str]) -> dict[str, str | None]:
    """The environment the kernel starts with (None: unset)."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    env: dict[str, str | None] = {
        "JUPYTER_PATH": str(jupyter), "JUPYTER_RUNTIME_DIR": str(jupyter / "runtime"),
        "IPYTHONDIR": str(jupyter / "ipython"), "PYTHONPATH": path, "MPLBACKEND": INLINE,
        "ESEP_OUT": None, "ESEP_DOC": None}
    return {**env, **extra}


def execute(path: Path, cwd: Path) -> nbformat.NotebookNode:
    """The notebook at ``path`` run top to bottom in ``cwd`` (a failing cell raises)."""
    nb = nbformat.read(path, as_version=4)
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
    NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory) -> Path:
    """The bundled samples ingested into ``<tmp>/esep-out`` (where explore.ipynb looks)."""
    out = tmp_path_factory.mktemp("samples") / "esep-out"
    ingest([ROOT / "data" / "samples"], out, isolate=False)
    return out


@pytest.fixture(scope="module")
def run(tmp_path_factory, samples_out) -> Run:
    """run(name, **env): the executed notebook, once per name and environment. Without
    ESEP_OUT a notebook ingests the samples itself, as on a fresh machine."""
    jupyter = write_kernelspec(tmp_path_factory.mktemp("jupyter"))
    done: dict[tuple, nbformat.NotebookNode] = {}

    def _run(name: str, **extra: str) -> nbformat.NotebookNode:
        key = (name, tuple(sorted(extra.items())))
        if key not in done:
            with pytest.MonkeyPatch.context() as mp:
                for var, value in kernel_env(jupyter, extra).items():
                    mp.delenv(var, raising=False) if value is None else mp.setenv(var, value)
                done[key] = execute(NOTEBOOKS / name, samples_out.parent)
        return done[key]
    return _run


def code_cells(nb: nbformat.NotebookNode, marker: str = "") -> list:
    return [c for c in nb.cells if c.cell_type == "code" and marker in c.source]


def text_of(nb: nbformat.NotebookNode, marker: str) -> str:
    """What the code cells whose source holds ``marker`` print and show, as text."""
    parts = []
    for cell in code_cells(nb, marker):
        for out in cell.outputs:
            parts.append(out.get("text", "") + out.get("data", {}).get("text/plain", ""))
    assert parts, f"no output from a cell with {marker!r}"
    return "\n".join(parts)


def table(nb: nbformat.NotebookNode, marker: str) -> pd.DataFrame:
    """The last table the cells whose source holds ``marker`` show, read back from its HTML
    (values as displayed: money as "10 000 000.00")."""
    html = [out["data"]["text/html"] for cell in code_cells(nb, marker) for out in cell.outputs
            if "text/html" in out.get("data", {})]
    assert html, f"no table from a cell with {marker!r}"
    return pd.read_html(io.StringIO(html[-1]))[0]


def row(df: pd.DataFrame, **where) -> dict:
    """The one row of ``df`` whose columns have the values ``where``."""
    hits = df[(df[list(where)] == pd.Series(where)).all(axis=1)]
    assert len(hits) == 1, f"{len(hits)} rows with {where}"
    return hits.iloc[0].to_dict()


def images(nb: nbformat.NotebookNode, marker: str = "") -> list[Image.Image]:
    return [Image.open(io.BytesIO(base64.b64decode(out["data"]["image/png"])))
            for cell in code_cells(nb, marker) for out in cell.outputs
            if "image/png" in out.get("data", {})]


@pytest.mark.slow
@pytest.mark.parametrize("name", notebook_names())
def test_every_notebook_runs_top_to_bottom(run, name):
    nb = run(name)
    errors = [o for c in code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert all(c.execution_count for c in code_cells(nb))


@pytest.mark.parametrize("name", notebook_names())
def test_committed_notebooks_carry_no_outputs(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.kernelspec.name == "python3"
    assert [(c.outputs, c.execution_count) for c in code_cells(nb)] == [([], None)] * len(code_cells(nb))


@pytest.mark.slow
def test_researchers_money_recipients_events_participants(run):
    nb = run("researchers.ipynb")
    money = table(nb, "esep.money")
    assert row(money, region="Маңғыстау облысы", year=2023)["grant_kzt"] == "10 000 000.00"
    # six renderings of one report: its two grants once
    assert "esep.money: 10 000 000.00 KZT in 2 grants" in text_of(nb, "esep.money")
    recipients = table(nb, "recipients = ").set_index("recipient")
    assert recipients.loc[["JasART", "Көмек командасы"], "total"].tolist() == ["5 000 000.00"] * 2
    assert recipients.loc["JasART", "years"] == 1
    june = row(table(nb, "events = "), month="2023-06")
    assert (june["events"], june["places"], june["projects"]) == (7, 5, 2)
    people = table(nb, "participants = ")
    assert row(people, dimension="gender", category="female")["participants"] == 90
    assert row(people, dimension="age", category="17-22")["participants"] == 73
    totals = table(nb, "totals = ")  # Jasart Talks: 30 men and 70 women of 300 participants
    assert (totals[totals.dimension == "gender"][["stated_total", "sum_of_parts"]].values.tolist()
            == [[50, 50], [300, 100]])
    assert len(images(nb)) == 4  # money, recipients, events, participants


@pytest.mark.slow
def test_auditors_findings_and_one_pdf_drilled_down(run, samples_out):
    nb = run("auditors.ipynb", ESEP_OUT=str(samples_out))
    by_rule = table(nb, "by_rule = ")
    errors = row(by_rule, rule="demographics_sum", severity="error")
    assert (errors["findings"], errors["in_originals"], errors["documents"]) == (12, 2, 6)
    assert row(by_rule, rule="missing_value", severity="warning")["in_originals"] == 6
    pdf = ROOT / "data" / "samples" / "seed_kk.pdf"
    assert text_of(nb, "ESEP_DOC").startswith(f"the document: {pdf}")  # the first PDF with sums
    finding = row(table(nb, "findings = "), rule="demographics_sum", locator="table:5/row:3/col:1")
    assert (finding["page"], finding["bbox"], finding["evidence"]) == (
        8, "[84.72, 545.75, 314.6, 553.15]", "Жобаға қатысушылардың саны барлығы: 300")
    assert "expected 300, actual 100" in text_of(nb, "rows_behind")
    behind = table(nb, "rows_behind")
    assert sorted(behind[["category", "count", "page"]].values.tolist()) == [
        ["female", 70, 8], ["male", 30, 8], ["total", 300, 8]]
    crop, = images(nb, "page_crop")
    assert "page 8: demographics_sum" in text_of(nb, "page_crop")
    assert crop.width > 2 * crop.height  # a strip of page 8 around the gender row
    assert (220, 0, 0) in {c for _, c in crop.convert("RGB").getcolors(1 << 24)}  # the boxes, outlined


@pytest.mark.slow
def test_auditors_show_the_contract_rows_behind_a_totals_row(run, tmp_path_factory):
    out = tmp_path_factory.mktemp("totals") / "out"
    ingest([FIXTURES / "audit" / "sum_total_mismatch_contracts_kk.txt"], out, isolate=False)
    nb = run("auditors.ipynb", ESEP_OUT=str(out), ESEP_DOC="sum_total_mismatch_contracts_kk.txt")
    assert "the totals row states grant 10 000 000.00, its 2 rows add up to 9 000 000.00" in text_of(
        nb, "rows_behind")
    behind = table(nb, "rows_behind")
    assert behind[["contract_no", "grant_kzt", "locator"]].values.tolist() == [
        [65, "5 000 000.00", "table:2/row:2"], [66, "4 000 000.00", "table:2/row:3"]]
    assert "no page to show" in text_of(nb, "page_crop")
    assert not images(nb, "page_crop")
