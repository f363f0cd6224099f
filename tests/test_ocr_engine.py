"""The OCR engine: Tesseract through its API and its command line, on a real page."""
from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from esep.readers.base import ReaderError
from esep.readers.ocr import (NO_TESSERACT, ApiEngine, CliEngine, OcrSettings, find_tessdata,
                              make_engine)
from esep.readers.pdf_page import DEFAULT_SETTINGS, page_to_content

FIXTURES = Path(__file__).parent / "fixtures"
DPI = 300


def tesseract_ready() -> bool:
    try:
        find_tessdata(OcrSettings())
    except ReaderError:
        return False
    return shutil.which("tesseract") is not None


needs_tesseract = pytest.mark.skipif(not tesseract_ready(), reason="Tesseract with kaz+rus+eng not installed")


@pytest.fixture(scope="module")
def first_page():
    """Page 1 of the born-digital seed: its image at 300 dpi and its own text runs."""
    pdf = pdfium.PdfDocument(str(FIXTURES / "seed_kk.pdf"))
    page = pdf[0]
    img = page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
    runs = page_to_content(page, 1, DEFAULT_SETTINGS).runs
    pdf.close()
    return img, runs


def test_missing_language_names_its_package(tmp_path):
    (tmp_path / "eng.traineddata").write_bytes(b"x")
    with pytest.raises(ReaderError, match="no language data for kaz\\+rus: install tesseract-ocr-kaz, "
                                          "tesseract-ocr-rus"):
        find_tessdata(OcrSettings(tessdata=str(tmp_path)))


def test_no_tesseract_at_all(tmp_path, monkeypatch):
    monkeypatch.setattr("esep.readers.ocr.TESSDATA_DIRS", ())
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    with pytest.raises(ReaderError) as e:
        find_tessdata(OcrSettings(tessdata=str(tmp_path)))
    assert str(e.value) == NO_TESSERACT


@needs_tesseract
@pytest.mark.parametrize("kind", [ApiEngine, CliEngine])
def test_engine_reads_the_title_where_the_pdf_prints_it(first_page, kind):
    img, runs = first_page
    words = kind(OcrSettings()).read(img, DPI)
    text = " ".join(w.text for w in words)
    assert "Қызмет туралы қорытынды есеп" in text
    assert "«Азаматтық бастамаларды қолдау орталығы» КЕАҚ" in text
    title = next(r for r in runs if r.text.startswith("Қызмет туралы"))
    first = next(w for w in words if w.text == "Қызмет")
    k = 72 / DPI
    assert abs(first.x0 * k - title.x0) < 3 and abs(first.baseline * k - title.baseline) < 3
    assert all(0.0 <= w.confidence <= 1.0 for w in words)


@needs_tesseract
def test_api_and_cli_agree(first_page):
    img, _ = first_page
    api = [w.text for w in ApiEngine(OcrSettings()).read(img, DPI)]
    cli = [w.text for w in CliEngine(OcrSettings()).read(img, DPI)]
    same = sum(a == b for a, b in zip(api, cli))
    assert same >= 0.95 * max(len(api), len(cli)), (api[:20], cli[:20])


def test_cli_fallback_needs_the_binary(monkeypatch):
    monkeypatch.setattr("esep.readers.ocr.shutil.which", lambda name: None)
    with pytest.raises(ReaderError) as e:
        make_engine(OcrSettings(cli=""))
    assert str(e.value) == NO_TESSERACT
