"""Which pages of a PDF are read by OCR, and reading them, pages in parallel.

    ocr_reasons   page number -> why it needs OCR (no text layer, a broken one);
                  a page with a good text layer is kept as it is
    ocr_pages     render those pages (one at a time: PDFium is not thread-safe) and
                  OCR them on a pool of threads (Tesseract releases the GIL), at most
                  a few pages in flight so that memory stays flat on long scans

The number of threads is this process's share of the CPUs: the pipeline runs
several documents at once in worker processes and tells each its share
(`set_page_threads`), so that workers x threads does not exceed the cores.
"""
from __future__ import annotations

import dataclasses
import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable

import pypdfium2 as pdfium

from esep.model import OcrPage
from esep.normalize.legacy_kk import LegacyMatch, detect, to_unicode
from esep.readers.base import ReaderError
from esep.readers.ocr import OcrSettings
from esep.readers.pdf_page import PageContent
from esep.readers.scan_image import ScanSettings
from esep.readers.scan_page import ScanPage, page_image, scan_to_content
from esep.readers.textlayer import judge_page

NO_TEXT = "no text layer"
_threads: int | None = None
_progress: Callable[["Progress"], None] | None = None


@dataclass(frozen=True)
class Progress:
    """A page of a document read by OCR: sent to whoever watches the worker."""

    page: int
    done: int
    total: int


def set_progress(fn: Callable[[Progress], None] | None) -> None:
    """Call ``fn`` after each page OCR reads (the pipeline's worker tells its parent)."""
    global _progress
    _progress = fn


def set_page_threads(n: int | None) -> None:
    """How many pages this process OCRs at once (None: one per CPU)."""
    global _threads
    _threads = n


def page_threads() -> int:
    if _threads:
        return max(1, _threads)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def judge(c: PageContent, doc_text: str, legacy: LegacyMatch | None) -> str | None:
    """Why page ``c`` needs OCR, or None when its text layer is good.

    Text typed in a legacy Kazakh font is judged as it reads once mapped
    (esep.readers.legacy maps it after reading): it is not broken.
    """
    if not c.runs and not c.images and not c.drawings:
        return None  # a blank page: nothing to read
    text = "".join(r.text for r in c.runs)
    if legacy is not None:
        text = to_unicode(text, legacy)
    verdict = judge_page(text, c.images > 0, doc_text, image_share=c.image_share)
    return None if verdict.ok else verdict.reason


def ocr_reasons(contents: list[PageContent]) -> dict[int, str]:
    """Page number -> reason, for every page that must be read by OCR."""
    doc_text = "\n".join("".join(r.text for r in c.runs) for c in contents)
    legacy = detect(doc_text)
    if legacy is not None:
        doc_text = to_unicode(doc_text, legacy)
    found = {}
    for c in contents:
        if (why := judge(c, doc_text, legacy)) is not None:
            found[c.number] = why
    return found


@dataclass
class OcrOutcome:
    contents: list[PageContent]  # every page, those read by OCR replaced
    scans: dict[int, ScanPage]  # page number -> what OCR of it found
    records: list[OcrPage]  # for the document
    warnings: list[str]


def ocr_pages(pdf: pdfium.PdfDocument, contents: list[PageContent], reasons: dict[int, str],
              s: ScanSettings = ScanSettings(), o: OcrSettings = OcrSettings()) -> OcrOutcome:
    """OCR the pages named in ``reasons``; a page OCR cannot read keeps its layer, with a warning."""
    by_number = {c.number: c for c in contents}
    done: dict[int, tuple[PageContent, ScanPage]] = {}
    warnings: list[str] = []
    order = sorted(reasons)

    def submit(n: int, settings: OcrSettings) -> tuple[int, Future]:
        c = by_number[n]
        return n, pool.submit(scan_to_content, render(pdf, n, s), n, c.width, c.height, s, settings)

    with ThreadPoolExecutor(page_threads()) as pool:
        first = submit(order[0], o)
        chosen = languages_for(first[1], o)  # waits for the first page
        inflight = [first if chosen == o else submit(order[0], chosen)]
        for n in order[1:]:
            inflight.append(submit(n, chosen))
            while len(inflight) > 2 * page_threads():
                collect(inflight.pop(0), done, warnings, len(reasons))
        for item in inflight:
            collect(item, done, warnings, len(reasons))
    pages = [done[c.number][0] if c.number in done else c for c in contents]
    scans = {n: sp for n, (_, sp) in done.items()}
    records = [OcrPage(n, reasons[n], sp.confidence, round(sp.angle, 2)) for n, sp in sorted(scans.items())]
    return OcrOutcome(pages, scans, records, warnings)


KAZAKH_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
RUSSIAN_FIRST = "rus+kaz+eng"


def languages_for(first: Future, o: OcrSettings) -> OcrSettings:
    """Russian first for a document whose first page shows no Kazakh letters.

    Tesseract's first language wins close calls: with Kazakh first, Russian щ and ъ
    come out as ш and ь (measured on the seed's Russian scan: 31 -> 22 wrong words
    of 878); Kazakh text keeps Kazakh first (7 -> 9 with Russian first).
    """
    if o.languages != OcrSettings().languages:
        return o  # the user chose
    try:
        content, _ = first.result()
    except Exception:  # noqa: BLE001 - the page's own failure is reported when it is collected
        return o
    words = [w for r in content.runs for w in r.text.split() if any("а" <= ch.lower() <= "я" for ch in w)]
    kazakh = sum(1 for w in words if KAZAKH_ONLY & set(w))
    if len(words) >= 20 and kazakh < 0.03 * len(words):
        return dataclasses.replace(o, languages=RUSSIAN_FIRST)
    return o


def render(pdf: pdfium.PdfDocument, number: int, s: ScanSettings):
    page = pdf[number - 1]
    try:
        return page_image(page, s)
    finally:
        page.close()


def collect(item: tuple[int, Future], done: dict, warnings: list[str], total: int) -> None:
    n, fut = item
    try:
        done[n] = fut.result()
    except ReaderError as e:
        warnings.append(f"page {n} could not be read by OCR: {e}")
    except Exception as e:  # noqa: BLE001 - one page's image the clean-up trips on loses that page only
        warnings.append(f"page {n} could not be read by OCR: {type(e).__name__}: {e}")
    if _progress is not None:
        _progress(Progress(n, len(done) + len(warnings), total))


__all__ = ["ocr_reasons", "ocr_pages", "OcrOutcome", "set_page_threads", "page_threads", "NO_TEXT"]
