"""Measure digit repair and word confidence on OCR of scanned seed reports.

    OMP_THREAD_LIMIT=1 python scripts/ocr_digit_stats.py tests/fixtures/seed_kk.pdf tests/fixtures/seed_ru.pdf \
        --noise 8 --quality 70 --dpi 300

Each PDF is turned into an image-only scan (scripts/make_scan.py), read back by
Tesseract (kaz+rus+eng), and its words are checked against the words of the
PDF's own text layer on the same page: a word is read right when its text,
punctuation around it dropped, is among the page's words. Reported:

- digit words (web addresses left out) read right / wrong, and how many of
  each fall below each confidence (for `esep.normalize.ocr_digits.LOW_CONFIDENCE`);
- repairs by `repair_line`: fixed (OCR wrong, repair right), broken (OCR right,
  repair wrong), other (neither right).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import pypdfium2 as pdfium  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_scan import make_scan  # noqa: E402

from esep.normalize.ocr_digits import LINK, repair_line  # noqa: E402

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
PUNCT = "()[]«»\"'“”„.,;:!?|"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def core(word: str) -> str:
    return word.strip(PUNCT)


def truth_pages(pdf_path: Path) -> list[set[str]]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = [{core(w) for w in pdf[i].get_textpage().get_text_range().split()} for i in range(len(pdf))]
    pdf.close()
    return pages


def ocr_lines(scan: Path, dpi: int) -> list[list[list[tuple[str, float]]]]:
    """Per page, its lines of (word, confidence 0..1)."""
    import tesserocr
    from tesserocr import RIL

    pdf = pdfium.PdfDocument(str(scan))
    out = []
    with tesserocr.PyTessBaseAPI(path=TESSDATA, lang="kaz+rus+eng", psm=3) as api:
        for i in range(len(pdf)):
            api.SetImage(pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            api.SetSourceResolution(dpi)
            api.Recognize()
            lines: list[list[tuple[str, float]]] = []
            it = api.GetIterator()
            while it is not None:
                if it.IsAtBeginningOf(RIL.TEXTLINE):
                    lines.append([])
                text = (it.GetUTF8Text(RIL.WORD) or "").strip()
                if text and lines:
                    lines[-1].append((text, it.Confidence(RIL.WORD) / 100))
                if not it.Next(RIL.WORD):
                    break
            out.append(lines)
    pdf.close()
    return out


def scanned_lines(pdf_path: Path, a: argparse.Namespace) -> list:
    """The OCR lines of the scan of ``pdf_path``, kept in ``--cache`` (OCR takes minutes)."""
    key = f"{pdf_path.stem}-{a.dpi}-{a.skew}-{a.noise}-{a.quality}-{a.seed}.json"
    cached = a.cache / key if a.cache else None
    if cached and cached.is_file():
        return json.loads(cached.read_text())
    with tempfile.TemporaryDirectory() as tmp:
        scan = Path(tmp) / "scan.pdf"
        make_scan(pdf_path, scan, a.dpi, a.skew, a.noise, a.quality, a.seed)
        pages = ocr_lines(scan, a.dpi)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps(pages, ensure_ascii=False))
    return pages


def measure(pdf_path: Path, a: argparse.Namespace, stats: Counter) -> None:
    truth = truth_pages(pdf_path)
    pages = scanned_lines(pdf_path, a)
    for words_of_page, page in zip(pages, truth):
        for line in words_of_page:
            for (read, conf), (text, before) in zip(line, repair_line([w for w, _ in line])):
                count(stats, page, text, before, conf, a.verbose)
                if a.verbose and any(ch.isdigit() for ch in text) and core(text) not in page:
                    print(f"  wrong digit word {read!r} ({conf:.0%})", file=sys.stderr)


def count(stats: Counter, page: set[str], text: str, before: str | None, conf: float, verbose: bool) -> None:
    if before is not None:
        ok_before, ok_after = core(before) in page, core(text) in page
        stats["repair fixed" if ok_after and not ok_before else
              "repair broke" if ok_before and not ok_after else "repair other"] += 1
        if ok_after and not ok_before or ok_before and not ok_after or verbose:
            print(f"  repair {before!r} -> {text!r}: {'right' if ok_after else 'wrong'}", file=sys.stderr)
    if any(ch.isdigit() for ch in text) and not LINK.search(text):  # a web address is no value
        right = core(text) in page
        stats["digit words right" if right else "digit words wrong"] += 1
        for t in THRESHOLDS:
            if conf < t:
                stats[f"{'right' if right else 'wrong'} below {t}"] += 1



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", type=Path, nargs="+")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--skew", type=float, default=0.7)
    ap.add_argument("--noise", type=float, default=8.0)
    ap.add_argument("--quality", type=int, default=70)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--verbose", action="store_true", help="print every repair and every wrong digit word")
    ap.add_argument("--cache", type=Path, help="folder to keep the OCR output in between runs")
    a = ap.parse_args(argv)
    stats: Counter = Counter()
    for p in a.pdfs:
        measure(p, a, stats)
    for k in sorted(stats):
        print(f"{k}: {stats[k]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
