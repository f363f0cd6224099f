#!/usr/bin/env python3
"""Render the Russian form of the seed report into real .docx and .pdf fixtures.

data/samples/seed_ru.txt is the seed (a Kazakh operator report) written in
Russian the way Russian-language operator reports are, with the same text
form, tables and merged-cell layout as the Kazakh seed. This script renders
it exactly as scripts/render_seed.py renders the Kazakh one (same parser,
same Word builder, same LibreOffice conversion, same checks), base layout
only (A4 portrait, Liberation Serif 12 pt):

  data/samples/seed_ru.{docx,pdf}
  tests/fixtures/seed_ru.{txt,docx,pdf}     frozen copies for tests

Flags:
  --out DIR     root to write under (default: the repo root)
  --seed PATH   Russian seed text (default: data/samples/seed_ru.txt)
  --no-pdf      only .txt/.docx (no LibreOffice)

Idempotent like render_seed.py: files are rewritten only when their bytes
change. Prints the pages each table landed on (names as in
seed_kk_tables.json: the Russian tables have the Kazakh ones' shapes).
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _render_check import logical_tables, missing_amounts, missing_words  # noqa: E402
from _render_docx import Layout, _normalise_zip, build_docx  # noqa: E402
from _render_parse import Table, parse_seed  # noqa: E402
from _render_pdf import convert_to_pdf, locate_tables, normalise_pdf, pdf_text  # noqa: E402
from render_seed import SHARED_SEED, table_pages, write_if_changed  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
NAME = "seed_ru"
# build_docx writes the Kazakh document title; the Russian one gets its own.
CORE_FIXES = (("Қызмет туралы қорытынды есеп", "Итоговый отчет о деятельности"),
              ("scripts/render_seed.py", "scripts/render_seed_ru.py"))
# amounts as the Russian text writes them, besides the digit groups every
# rendering must keep ("5 000 000", "79 612", ...)
RU_AMOUNTS = ("10 млн тенге", "5 000 000 (пять миллионов) тенге")


def russian_core(data: bytes) -> bytes:
    """The .docx with a Russian title in docProps/core.xml, zip still pinned."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                for old, new in CORE_FIXES:
                    text = text.replace(old, new)
                body = text.encode("utf-8")
            dst.writestr(info, body)
    return _normalise_zip(out.getvalue())


def _kazakh_shapes() -> list[Table] | None:
    """The Kazakh seed's tables, to name the Russian ones (same shapes)."""
    for path in (SHARED_SEED, REPO / "data/samples/seed_kk.txt"):
        if path.exists():
            return [b for b in parse_seed(path.read_text("utf-8")) if isinstance(b, Table)]
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO, help="root to write under")
    ap.add_argument("--seed", type=Path, default=REPO / "data/samples/seed_ru.txt",
                    help="Russian seed .txt path")
    ap.add_argument("--no-pdf", action="store_true", help="skip LibreOffice and the PDF")
    args = ap.parse_args(argv)

    seed_bytes = args.seed.read_bytes()
    seed = seed_bytes.decode("utf-8")
    blocks = parse_seed(seed)
    tables = [b for b in blocks if isinstance(b, Table)]
    samples, fixtures = args.out / "data/samples", args.out / "tests/fixtures"

    docx_data = russian_core(build_docx(blocks, Layout()).data)
    lost = missing_words(seed, docx_data)
    if lost:
        raise RuntimeError(f"{NAME}.docx lost words: {dict(lost)}")

    written: list[tuple[str, Path]] = []
    for folder in (samples, fixtures):
        path = folder / f"{NAME}.txt"
        if path.resolve() != args.seed.resolve():
            written.append((write_if_changed(path, seed_bytes), path))
        path = folder / f"{NAME}.docx"
        written.append((write_if_changed(path, docx_data), path))

    pages = None
    if not args.no_pdf:
        with tempfile.TemporaryDirectory(prefix="esep_render_ru_") as tmp:
            docx_path = Path(tmp) / f"{NAME}.docx"
            docx_path.write_bytes(docx_data)
            pdf_path = convert_to_pdf([docx_path], Path(tmp))[0]
            pdf_path.write_bytes(normalise_pdf(pdf_path.read_bytes()))
            text = pdf_text(pdf_path)
            absent = missing_amounts(text) + [a for a in RU_AMOUNTS
                                              if a not in " ".join(text.split())]
            if absent:
                raise RuntimeError(f"{NAME}.pdf text lacks amounts {absent}")
            kk = _kazakh_shapes()
            if kk is not None and [t.merges for t in kk] == [t.merges for t in tables]:
                pages = table_pages(locate_tables(pdf_path, tables), logical_tables(kk))
            pdf_data = pdf_path.read_bytes()
            for folder in (samples, fixtures):
                path = folder / f"{NAME}.pdf"
                written.append((write_if_changed(path, pdf_data), path))

    for status, path in written:
        print(f"{status:9} {path}")
    if pages:
        print(f"\n{NAME}.pdf")
        for name, info in pages.items():
            print(f"  {name:18} pages {info['pages']}  rows {info['row_pages']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
