"""Render the seed the way other tools do: plain Word tables (grid borders, no
merged cells), large type in narrow columns, no heading styles but bold.

    python scripts/render_plain_variant.py [--out tests/fixtures]

Writes seed_kk_grid14.docx and .pdf (LibreOffice headless). The PDF's narrow
cells break long words at the cell edge ("тұлғалард|ы") and set the two
partners tables as one grid: what a reader must undo.
"""
from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from docx import Document as Docx
from docx.shared import Inches, Pt

from esep.model import Table
from esep.readers import read

ROOT = Path(__file__).resolve().parents[1]


def build(out: Path) -> Path:
    doc = read(ROOT / "tests" / "fixtures" / "seed_kk.txt")
    word = Docx()
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(14)
    section = word.sections[0]
    section.page_width, section.left_margin, section.right_margin = Inches(8.5), Inches(0.8), Inches(0.8)
    for block in doc.blocks:
        if isinstance(block, Table):
            table = word.add_table(rows=block.n_rows, cols=block.n_cols)
            table.style = "Table Grid"
            for i, row in enumerate(block.grid):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell.text
            continue
        para = word.add_paragraph()
        lines = block.text.split("\n")
        for k, line in enumerate(lines):
            run = para.add_run(line)
            run.bold = block.bold or block.is_heading
            if k < len(lines) - 1:
                run.add_break()
    path = out / "seed_kk_grid14.docx"
    word.save(path)
    return path


def to_pdf(docx: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}",
                        "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                       check=True, capture_output=True, timeout=180)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "fixtures")
    args = ap.parse_args()
    docx = build(args.out)
    to_pdf(docx)
    print(f"wrote {docx} and {docx.with_suffix('.pdf')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
