"""`esep report OUT --html FILE`: the review page of an output folder, crops included.

Crops are made for findings only, never for table rows: per PDF document the
source file is found (its path as ingested, absolute or relative to the current
folder or to a ``sources`` folder), checked to be the bytes that were read (its
SHA-256 is the doc_id: a file changed since would show other text), opened once,
and each finding's page cropped around its bbox. A finding whose page or bbox is
unknown, or whose source is missing, says so instead of showing a crop.
"""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from esep.records import Extraction
from esep.review.crops import Crop, PdfSource
from esep.review.data import DocReview, load_reviews
from esep.review.html import doc_script, page_parts

MAX_CROPS = 60  # per document: beyond, findings show their text only (a page of 1 000 stays light)
SOURCE_MISSING = "source file not found: no crop"
SOURCE_CHANGED = "source file changed since it was read: no crop"


@dataclass
class ReviewStats:
    """What a review page holds and what it cost."""

    documents: int
    findings: int
    crops: int
    bytes: int
    seconds: float


def find_source(source_path: str, bases: Iterable[Path]) -> Path | None:
    """The file ``source_path`` names: as it is, or under one of ``bases``."""
    if "://" in source_path:
        return None  # an URL input: not on this machine
    path = Path(source_path)
    candidates = [path] if path.is_absolute() else [b / path for b in bases]
    return next((p for p in candidates if p.is_file()), None)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def bbox_index(ex: Extraction) -> dict[tuple[int, str], list[float]]:
    """(page, locator) -> bbox of the document's facts: where a finding's ``other`` lies."""
    out: dict[tuple[int, str], list[float]] = {}
    rows = [r for t in ("contracts", "applications", "winners", "recipients", "partners", "events",
                        "indicators", "demographics", "amounts") for r in getattr(ex, t)]
    for r in rows + ([ex.contract_total] if ex.contract_total else []):
        if r.page is not None and r.bbox and r.locator:
            out.setdefault((r.page, r.locator), list(r.bbox))
    return out


def crop_json(c: Crop | None) -> dict[str, Any] | None:
    return None if c is None else {"src": c.src, "w": c.width, "h": c.height, "cut": c.cut}


class Cropper:
    """Crops of one PDF, each region made once (findings on one paragraph share it)."""

    def __init__(self, source: PdfSource):
        self.source = source
        self.cache: dict[tuple, dict | None] = {}
        self.made = 0

    def crop(self, page: int | None, bbox: list[float] | None, value: str | None) -> dict | None:
        if page is None or not bbox:
            return None
        key = (page, tuple(bbox), value)
        if key not in self.cache:
            full = len([v for v in self.cache.values() if v]) >= MAX_CROPS
            self.cache[key] = None if full else crop_json(self.source.crop(page, bbox, [value] if value else []))
            self.made += self.cache[key] is not None
        return self.cache[key]


def add_crops(review: DocReview, path: Path) -> int:
    """Put the crops of a PDF document's findings into its payload; the number made."""
    bboxes = bbox_index(review.ex)
    with PdfSource(path) as source:
        cropper = Cropper(source)
        for f, row in zip(review.findings, review.payload["findings"]):
            row["crop"] = cropper.crop(f.page, f.bbox, f.actual)
            if f.other_page is not None and f.other_locator:
                other = bboxes.get((f.other_page, f.other_locator))
                row["other_crop"] = cropper.crop(f.other_page, other, f.expected)
            if row["crop"] is None:
                row["note"] = "no crop: the finding names no page region" if f.page is None or not f.bbox \
                    else "no crop: the document's crop limit is reached"
    return cropper.made


def note_all(findings: list[dict], note: str) -> None:
    for row in findings:
        row["note"] = note


REDACTED = "no crop: the output folder is redacted (esep export --redact-pii), and a page image would show the names"


def redacted(out: Path) -> bool:
    """Whether OUT is a redacted export: its manifest says so."""
    try:
        return "redacted" in json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False


def attach(review: DocReview, bases: list[Path], private: bool = False) -> int:
    """Crops for a PDF document's findings, or a note on each saying why there are none."""
    doc = review.ex.document
    if not review.findings or doc.file_type != "pdf":
        return 0
    if private:  # the crop is of the source page, where nothing is pseudonymised
        note_all(review.payload["findings"], REDACTED)
        return 0
    path = find_source(doc.source_path, bases)
    if path is None:
        note_all(review.payload["findings"], SOURCE_MISSING)
        return 0
    if sha256(path) != doc.doc_id:
        note_all(review.payload["findings"], SOURCE_CHANGED)
        return 0
    try:
        return add_crops(review, path)
    except Exception as e:  # a PDF pdfium cannot open now: the page still works without crops
        note_all(review.payload["findings"], f"no crop: {type(e).__name__}: {e}")
        return 0


def write_review(out: Path, html_path: Path, lang: str = "en", sources: Path | None = None) -> ReviewStats:
    """Write the review page of OUT to ``html_path``; what it holds and cost. Documents are
    cropped and written one at a time, each one's crops freed once written (1 000 documents
    would otherwise hold every crop at once)."""
    start = time.perf_counter()
    reviews = load_reviews(out, lang)
    bases = [Path.cwd()] + ([Path(sources)] if sources else [])
    private = redacted(out)
    head, tail = page_parts(reviews, title=f"esep review: {Path(out).resolve().name}", lang=lang)
    crops = 0
    with open(html_path, "w", encoding="utf-8") as f:
        f.write(head)
        for i, r in enumerate(reviews):
            crops += attach(r, bases, private)
            f.write(doc_script(i, r))
            r.payload = {}
        f.write(tail)
    n_findings = sum(len(r.findings) for r in reviews)
    return ReviewStats(len(reviews), n_findings, crops, os.path.getsize(html_path),
                       time.perf_counter() - start)
