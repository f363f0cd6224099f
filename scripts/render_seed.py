#!/usr/bin/env python3
"""Render the Kazakh seed report (text form) into real .docx and .pdf fixtures.

Writes, under the repo root (or --out DIR, which plays the root):

  data/samples/seed_kk.{txt,docx,pdf}          the seed as Word/LibreOffice would show it
  tests/fixtures/seed_kk.{txt,docx,pdf}        frozen copies for tests
  tests/fixtures/seed_kk_narrow.{docx,pdf}     DejaVu Sans 10 pt, narrow margins
  tests/fixtures/seed_kk_landscape.{docx,pdf}  A4 landscape, Liberation Sans 13 pt
  tests/fixtures/seed_kk_tables.json           pages of every table in every PDF

In both variants a blank exact-height paragraph (after a page break) pushes the
contracts table and one statistics table down until a page break cuts them
between chosen rows; the heights are found by measuring the PDF with
pdfplumber and kept in seed_kk_tables.json, so --no-pdf reuses them.

Flags:
  --out DIR     root to write under (default: the repo root)
  --seed PATH   seed text (default: /work/shared/seeds/000_9f6a6e4a457362b7.txt,
                else the repo's data/samples/seed_kk.txt)
  --no-pdf      only .txt/.docx (no LibreOffice); spacer heights from the JSON

Idempotent: files are rewritten only when their bytes change (docx zips and
PDF dates/IDs are pinned). Needs python-docx, pdfplumber, LibreOffice.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _render_check import Logical, logical_tables, missing_amounts, missing_words  # noqa: E402
from _render_docx import Layout, Spacer, build_docx  # noqa: E402
from _render_parse import Table, parse_seed  # noqa: E402
from _render_pdf import RowPos, convert_to_pdf, locate_tables, normalise_pdf, pdf_text  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED_SEED = Path("/work/shared/seeds/000_9f6a6e4a457362b7.txt")
MANIFEST = "seed_kk_tables.json"
MAX_ROUNDS = 4


@dataclass(frozen=True)
class Split:
    """Cut docx table `table` (0-based) by a page break after row `keep_to`."""
    table: int
    keep_to: int


@dataclass(frozen=True)
class Variant:
    name: str
    layout: Layout
    splits: tuple[Split, ...] = ()
    samples: bool = False  # also goes to data/samples


VARIANTS = (
    Variant("seed_kk", Layout(), samples=True),
    # contracts: header + row 1 | row 2 + totals; project 1 social status:
    # its two header rows | its value row (the nastiest cut for a reader)
    Variant("seed_kk_narrow", Layout("DejaVu Sans", 10.0, margins_mm=(12.7, 12.7, 12.7, 12.7)),
            (Split(1, 1), Split(4, 5))),
    # contracts: header + both rows | totals; project 2 age: header | values
    Variant("seed_kk_landscape", Layout("Liberation Sans", 13.0, landscape=True,
                                        margins_mm=(30, 30, 30, 30)),
            (Split(1, 2), Split(7, 5))),
)


@dataclass
class Rendered:
    """One variant's outputs: .docx bytes, the final PDF (None with --no-pdf),
    spacer heights by table, and where each table row landed in the PDF."""
    docx: bytes
    pdf: Path | None
    heights: dict[int, float]
    located: list[list[RowPos | None]]


def write_if_changed(path: Path, data: bytes) -> str:
    """Write unless the file already holds these bytes; say which."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return "unchanged"
    path.write_bytes(data)
    return "wrote"


def _page_bottom(layout: Layout) -> float:
    """Lowest y (pt from the page top) that body text may reach."""
    return (layout.page_mm[1] - layout.margins_mm[2]) * 72 / 25.4


def _split_ok(rows: list[RowPos | None], keep_to: int) -> bool:
    if any(r is None for r in rows):
        return False
    first = rows[0].page  # type: ignore[union-attr]
    return (all(r.page == first for r in rows[:keep_to + 1])  # type: ignore[union-attr]
            and all(r.page == first + 1 for r in rows[keep_to + 1:]))  # type: ignore[union-attr]


def _next_height(current: float, rows: list[RowPos | None], keep_to: int, layout: Layout) -> float:
    """Spacer height that puts the cut halfway down the first row to move."""
    top = rows[0]
    assert top is not None and all(r is not None for r in rows)
    same = [r for r in rows if r.page == top.page]  # type: ignore[union-attr]
    if len(same) < len(rows):
        # a row already went over: measure heights, not positions
        heights = [r.bottom - r.top for r in rows]  # type: ignore[union-attr]
        keep = sum(heights[:keep_to + 1])
        moving = heights[keep_to + 1]
    else:
        keep = rows[keep_to].bottom - top.top  # type: ignore[union-attr]
        moving = rows[keep_to + 1].bottom - rows[keep_to + 1].top  # type: ignore[union-attr]
    target_top = _page_bottom(layout) - keep - moving / 2
    return max(1.0, round(current + target_top - top.top, 1))


def render_variant(variant: Variant, blocks, tables: list[Table], workdir: Path,
                   cached: dict[int, float], want_pdf: bool) -> Rendered:
    """Build one variant, searching spacer heights until the splits land."""
    heights = {s.table: cached.get(s.table, 1.0) for s in variant.splits}
    for round_no in range(MAX_ROUNDS):
        spacers = tuple(Spacer(t, h) for t, h in sorted(heights.items()))
        built = build_docx(blocks, variant.layout, spacers)
        if not want_pdf:
            return Rendered(built.data, None, heights, [])
        docx_path = workdir / f"{variant.name}.docx"
        docx_path.write_bytes(built.data)
        pdf_path = convert_to_pdf([docx_path], workdir)[0]
        located = locate_tables(pdf_path, tables)
        pending = [s for s in variant.splits if not _split_ok(located[s.table], s.keep_to)]
        if not pending:
            pdf_path.write_bytes(normalise_pdf(pdf_path.read_bytes()))
            return Rendered(built.data, pdf_path, heights, located)
        for s in pending:
            heights[s.table] = _next_height(heights[s.table], located[s.table], s.keep_to,
                                            variant.layout)
        print(f"  {variant.name}: round {round_no + 1}, spacers -> {heights}")
    raise RuntimeError(f"{variant.name}: could not place the page breaks {variant.splits}")


def table_pages(located: list[list[RowPos | None]], logical: list[Logical]) -> dict:
    """Per logical table: its pages and the page of each of its rows."""
    out = {}
    for item in logical:
        rows = [located[t][r] for t, r in item.rows]
        pages = [p.page if p else None for p in rows]
        out[item.name] = {"pages": sorted({p for p in pages if p}), "row_pages": pages}
    return out


def _dump_json(data: dict) -> str:
    """Indented JSON with short number lists kept on one line."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    flat = re.sub(r"\[\s+((?:(?:-?[\d.]+|null),?\s+)*)\]",
                  lambda m: "[" + ", ".join(m.group(1).replace(",", " ").split()) + "]", text)
    return flat + "\n"


def _seed_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    return SHARED_SEED if SHARED_SEED.exists() else REPO / "data/samples/seed_kk.txt"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO, help="root to write under")
    ap.add_argument("--seed", help="seed .txt path")
    ap.add_argument("--no-pdf", action="store_true", help="skip LibreOffice and the PDFs")
    args = ap.parse_args(argv)

    seed_path = _seed_path(args.seed)
    seed_bytes = seed_path.read_bytes()
    seed = seed_bytes.decode("utf-8")
    blocks = parse_seed(seed)
    tables = [b for b in blocks if isinstance(b, Table)]
    logical = logical_tables(tables)
    samples, fixtures = args.out / "data/samples", args.out / "tests/fixtures"
    manifest_path = fixtures / MANIFEST
    old = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}

    written: list[tuple[str, Path]] = []
    for folder in (samples, fixtures):
        written.append((write_if_changed(folder / "seed_kk.txt", seed_bytes), folder / "seed_kk.txt"))
    manifest: dict = {"seed": seed_path.name, "pdfs": {}, "spacers_pt": {}}
    with tempfile.TemporaryDirectory(prefix="esep_render_") as tmp:
        for variant in VARIANTS:
            cached = {int(k): v for k, v in old.get("spacers_pt", {}).get(variant.name, {}).items()}
            done = render_variant(variant, blocks, tables, Path(tmp), cached, not args.no_pdf)
            docx_data, pdf_path, heights = done.docx, done.pdf, done.heights
            lost = missing_words(seed, docx_data)
            if lost:
                raise RuntimeError(f"{variant.name}.docx lost words: {dict(lost)}")
            if heights:
                manifest["spacers_pt"][variant.name] = {str(k): v for k, v in heights.items()}
            targets = [fixtures] + ([samples] if variant.samples else [])
            for folder in targets:
                path = folder / f"{variant.name}.docx"
                written.append((write_if_changed(path, docx_data), path))
            if pdf_path is None:
                continue
            pdf_data = pdf_path.read_bytes()
            absent = missing_amounts(pdf_text(pdf_path))
            if absent:
                raise RuntimeError(f"{variant.name}.pdf text lacks amounts {absent}")
            manifest["pdfs"][f"{variant.name}.pdf"] = table_pages(done.located, logical)
            for folder in targets:
                path = folder / f"{variant.name}.pdf"
                written.append((write_if_changed(path, pdf_data), path))
    if args.no_pdf:
        manifest["pdfs"] = old.get("pdfs", {})
    text = _dump_json(manifest)
    written.append((write_if_changed(manifest_path, text.encode("utf-8")), manifest_path))

    for status, path in written:
        print(f"{status:9} {path}")
    for pdf, entries in manifest["pdfs"].items():
        print(f"\n{pdf}")
        for name, info in entries.items():
            print(f"  {name:18} pages {info['pages']}  rows {info['row_pages']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
