#!/usr/bin/env python3
"""Seconds per scanned page: esep beside bare Tesseract, on the same page images, in one run.

    python benchmarks/bench_ocr.py [--pages N] [--dpi 300] [--lang kk]

The scan is the seed made image-only by scripts/make_scan.py (skewed, noised,
JPEG). Its pages are rendered once to PNG files; then, one core, one page at a time:

- tesseract CLI: ``tesseract page.png - -l kaz+rus+eng`` per page, as a user
  would run it (each run loads the model);
- tesserocr API: the same images through Tesseract's API, the model loaded once:
  the floor of any OCR pipeline built on Tesseract;
- esep read: `esep.readers.read` on the scanned PDF with one OCR thread:
  render, deskew, binarise, ruling lines, OCR, words to lines, tables, paragraphs;
- esep extract: the same, plus every extractor and the audit.

Overhead is esep's time over the baseline's, per page. Methods run in turns
(one untimed warm-up of each first) and the median of ``--repeat`` runs is shown.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["OMP_THREAD_LIMIT"] = "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import pypdfium2 as pdfium  # noqa: E402

from make_scan import make_scan  # noqa: E402

LANGS = "kaz+rus+eng"


def page_pngs(scan: Path, folder: Path, dpi: int, pages: int) -> list[Path]:
    """The scan's page images as PNG, rendered at the resolution esep renders them."""
    pdf = pdfium.PdfDocument(str(scan))
    out = []
    for i in range(min(pages, len(pdf))):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        out.append(folder / f"page{i + 1}.png")
        img.save(out[-1])
    pdf.close()
    return out


def run_cli(pngs: list[Path]) -> None:
    for p in pngs:
        subprocess.run(["tesseract", str(p), "-", "-l", LANGS], check=True, capture_output=True)


def run_api(pngs: list[Path]) -> None:
    import tesserocr
    from PIL import Image

    from esep.readers.ocr import OcrSettings, find_tessdata
    with tesserocr.PyTessBaseAPI(path=find_tessdata(OcrSettings()), lang=LANGS) as api:
        for p in pngs:
            api.SetImage(Image.open(p))
            api.Recognize()
            api.GetUTF8Text()


def run_read(scan: Path) -> None:
    from esep.readers import read
    read(scan)


def run_extract(scan: Path) -> None:
    from tests.facts import extract_and_audit
    extract_and_audit(scan)


def timed(fn, arg) -> float:
    t0 = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=4, help="first N pages of the scan")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--lang", choices=["kk", "ru"], default="kk")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    from esep.readers.pdf_ocr import set_page_threads
    set_page_threads(1)  # one core for every method
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full = tmp / "full.pdf"
        make_scan(ROOT / f"tests/fixtures/seed_{a.lang}.pdf", full, dpi=a.dpi)
        scan = tmp / "scan.pdf"
        pdf = pdfium.PdfDocument(str(full))
        part = pdfium.PdfDocument.new()
        part.import_pages(pdf, list(range(min(a.pages, len(pdf)))))
        part.save(str(scan))
        pngs = page_pngs(scan, tmp, a.dpi, a.pages)
        methods = {"tesseract CLI": (run_cli, pngs), "tesserocr API": (run_api, pngs),
                   "esep read": (run_read, scan), "esep extract": (run_extract, scan)}
        times: dict[str, list[float]] = {m: [] for m in methods}
        for fn, arg in methods.values():
            fn(arg)  # warm-up: page cache, imports, model files
        for _ in range(a.repeat):
            for name, (fn, arg) in methods.items():
                times[name].append(timed(fn, arg))
    n = len(pngs)
    med = {m: statistics.median(t) / n for m, t in times.items()}
    print(f"seed_{a.lang} scan, {n} pages at {a.dpi} dpi, 1 thread, median of {a.repeat}")
    print(f"{'method':<16} {'s/page':>8} {'vs CLI':>8} {'vs API':>8}")
    for m, v in med.items():
        print(f"{m:<16} {v:8.2f} {100 * (v / med['tesseract CLI'] - 1):+7.1f}% "
              f"{100 * (v / med['tesserocr API'] - 1):+7.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
