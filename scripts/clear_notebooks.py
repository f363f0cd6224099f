"""Clear the outputs of notebooks/*.ipynb before a commit (tests/test_notebooks.py checks it).

    python scripts/clear_notebooks.py            # every notebook of notebooks/
    python scripts/clear_notebooks.py a.ipynb    # the ones named
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def clear(path: Path) -> bool:
    """Drop the code cells' outputs and execution counts; True if the file changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.metadata.pop("execution", None)  # timings some front ends record
    after = nbformat.writes(nb)
    if after != before:
        path.write_text(after + "\n", encoding="utf-8")
    return after != before


if __name__ == "__main__":
    paths = [Path(p) for p in sys.argv[1:]] or sorted(NOTEBOOKS.glob("*.ipynb"))
    for p in paths:
        print(f"{p}: {'cleared' if clear(p) else 'clean'}")
