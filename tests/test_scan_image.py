"""The image side of OCR: skew, binarisation, ruling lines and box mapping on scans made
at test time from the born-digital seed PDFs (scripts/make_scan.py: skew, noise, JPEG).

The truth is the PDF itself: the skew we apply, and the rulings and table grids that
`page_to_content` / `page_tables` read from the PDF's own paths.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter

from esep.readers.pdf_page import DEFAULT_SETTINGS as S
from esep.readers.pdf_page import PageContent, Ruling, page_to_content
from esep.readers.pdf_tables import merge_rulings, page_tables
from esep.readers.scan_image import (ScanSettings, binarize, deskew, measure_skew, render_page,
                                     unskew_box)
from esep.readers.scan_rulings import erase_rulings, find_rulings

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
_spec = importlib.util.spec_from_file_location("make_scan", ROOT / "scripts" / "make_scan.py")
make_scan = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_scan)

NOISE, QUALITY = 8.0, 70  # make_scan's defaults: sensor noise sigma, JPEG quality
POS_TOL = 2.0  # points: a found ruling's position and both ends against the PDF's


@lru_cache(maxsize=None)
def pdf(name: str) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(str(FIX / name))


@lru_cache(maxsize=None)
def content(name: str, n: int) -> PageContent:
    return page_to_content(pdf(name)[n - 1], n, S)


def table_pages(name: str) -> list[int]:
    """Pages whose PDF paths draw a table (the truth comes from the PDF, not from a list)."""
    return [n for n in range(1, len(pdf(name)) + 1)
            if page_tables(content(name, n).rulings, content(name, n).runs, n, S)[0]]


def tilt(img: Image.Image, angle: float, seed: int) -> Image.Image:
    """``img`` scanned: tilted by ``angle`` degrees (counter-clockwise), noisy, JPEG."""
    noisy = make_scan.add_noise(make_scan.skew(img, angle), NOISE, np.random.default_rng(seed))
    return make_scan.jpeg(noisy, QUALITY)


@lru_cache(maxsize=None)
def scan(name: str, n: int, dpi: int, angle: float) -> Image.Image:
    """Page ``n`` as a grey JPEG scan tilted by ``angle`` degrees."""
    return tilt(make_scan.render_page(pdf(name)[n - 1], dpi), angle, n)


@lru_cache(maxsize=None)
def read_rulings(name: str, n: int, dpi: int, angle: float) -> tuple[float, tuple[Ruling, ...]]:
    """The measured skew and the rulings found on the deskewed scan."""
    s = ScanSettings(dpi=dpi)
    img = scan(name, n, dpi, angle)
    a = measure_skew(img, s)
    return a, tuple(find_rulings(binarize(deskew(img, a), s), dpi, s))


def grid_shapes(rulings, page: PageContent) -> list[tuple[int, int, int]]:
    """(rows, columns, cells) of every table page_tables builds with the page's own text."""
    tables, _ = page_tables(list(rulings), page.runs, page.number, S)
    return [(t.n_rows, len(t.edges) - 1, len(t.cells)) for t in tables]


def same_line(a: Ruling, b: Ruling) -> bool:
    return (a.orient == b.orient and abs(a.pos - b.pos) <= POS_TOL
            and abs(a.start - b.start) <= POS_TOL and abs(a.end - b.end) <= POS_TOL)


# ---- skew -----------------------------------------------------------------------

@pytest.mark.parametrize("n,dpi,tol", [(12, 300, 0.1), (8, 200, 0.15)])
@pytest.mark.parametrize("angle", [0.7, -1.3, 2.5])
def test_skew_measured_with_its_sign(angle, n, dpi, tol):
    # seed_kk pages 8 and 12: paragraphs and ruled tables
    measured = measure_skew(scan("seed_kk.pdf", n, dpi, angle), ScanSettings(dpi=dpi))
    assert abs(measured - angle) <= tol  # positive = counter-clockwise, as PIL's rotate


def test_skew_of_a_straight_page_and_of_a_blank_one():
    s = ScanSettings(dpi=200)
    assert abs(measure_skew(scan("seed_ru.pdf", 2, 200, 0.0), s)) <= 0.1
    blank = Image.fromarray(np.clip(np.random.default_rng(0).normal(236, 8, (2339, 1654)), 0, 255)
                            .astype(np.uint8))
    assert measure_skew(blank, s) == 0.0
    assert measure_skew(Image.new("L", (1654, 2339), 255), s) == 0.0


def test_deskew_turns_the_scan_back():
    """The deskewed scan's ink lies where the born-digital page's does."""
    s = ScanSettings(dpi=200)
    img = scan("seed_kk.pdf", 8, 200, -1.3)
    straight = binarize(deskew(img, measure_skew(img, s)), s)
    clean = np.asarray(render_page(pdf("seed_kk.pdf")[7], 200)) < 128
    assert deskew(img, 0.0).size == img.size == straight.shape[::-1]
    assert (straight & clean).sum() / clean.sum() > 0.9


# ---- binarisation -----------------------------------------------------------------

def shadow(img: Image.Image) -> Image.Image:
    """A book-spine shadow: the paper down to 45 % grey at the left edge, darker at the foot."""
    a = np.asarray(img, dtype=np.float32)
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w]
    field = (0.45 + 0.55 * np.clip(xx / (0.35 * w), 0, 1) ** 0.7) * (1 - 0.2 * (yy / h) ** 2)
    return Image.fromarray(np.clip(a * field, 0, 255).astype(np.uint8))


@pytest.mark.parametrize("shade", [False, True])
def test_binarize_against_the_clean_render(shade):
    img = scan("seed_kk.pdf", 1, 200, 0.0)
    ink = binarize(shadow(img) if shade else img, ScanSettings(dpi=200))
    truth = np.asarray(render_page(pdf("seed_kk.pdf")[0], 200)) < 128
    f1 = 2 * (ink & truth).sum() / (ink.sum() + truth.sum())
    assert f1 > 0.9  # measured 0.92-0.93 at 200 dpi; the misses are strokes' blurred edges
    near = np.asarray(Image.fromarray(truth.astype(np.uint8) * 255).filter(ImageFilter.MaxFilter(5))) > 0
    assert (ink & ~near).sum() < 1e-4 * ink.size  # no specks in the paper, shadow or not


def test_binarize_blank_page_has_no_ink():
    noise = np.random.default_rng(1).normal(236, 8, (1169, 827))
    assert not binarize(Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8)), ScanSettings(dpi=100)).any()


# ---- rulings ------------------------------------------------------------------------

@pytest.mark.parametrize("name,n,dpi,angle", [("seed_kk.pdf", 8, 300, 0.7), ("seed_kk.pdf", 12, 300, 2.5),
                                              ("seed_ru.pdf", 13, 200, 0.7), ("seed_kk.pdf", 1, 200, 0.7)])
def test_rulings_match_the_pdf(name, n, dpi, angle):
    truth = merge_rulings(content(name, n).rulings, S)
    found = merge_rulings(list(read_rulings(name, n, dpi, angle)[1]), S)
    assert [t for t in truth if not any(same_line(t, f) for f in found)] == []  # none missing
    assert [f for f in found if not any(same_line(t, f) for t in truth)] == []  # none from text


@pytest.mark.parametrize("name", ["seed_kk.pdf", "seed_ru.pdf"])
def test_every_table_page_gives_the_pdf_grid(name):
    pages = table_pages(name)
    assert len(pages) >= 7  # seed_kk: 7 pages with tables, seed_ru: 8
    for n in pages:
        angle = 0.7 if n % 2 else -1.3
        found = read_rulings(name, n, 200, angle)[1]
        page = content(name, n)
        assert grid_shapes(found, page) == grid_shapes(page.rulings, page), n


@pytest.mark.parametrize("name,n", [("seed_kk.pdf", 5), ("seed_ru.pdf", 8)])
def test_text_pages_have_no_rulings(name, n):
    assert content(name, n).rulings == []
    assert read_rulings(name, n, 200, 0.7)[1] == ()


def broken(img: Image.Image, rulings: list[Ruling], dpi: int, every: float, width: float) -> Image.Image:
    """``img`` with a white break ``width`` pt long every ``every`` pt (jittered) in each ruling."""
    out, k, rng = img.copy(), dpi / 72, np.random.default_rng(7)
    draw = ImageDraw.Draw(out)
    for r in rulings:
        xs = np.arange(r.start + every / 2, r.end - 4, every) + rng.uniform(-every / 4, every / 4)
        for x in np.clip(xs, r.start + 4, r.end - 4 - width):
            a, b = (x * k, (r.pos - 1) * k), ((x + width) * k, (r.pos + 1) * k)
            draw.rectangle((*a, *b) if r.orient == "h" else (a[1], a[0], b[1], b[0]), fill=255)
    return out


def test_broken_lines_still_give_the_grid():
    page, dpi = content("seed_kk.pdf", 8), 300
    clean = make_scan.render_page(pdf("seed_kk.pdf")[7], dpi)
    img = tilt(broken(clean, merge_rulings(page.rulings, S), dpi, 40, 1.0), 1.7, 8)
    s = ScanSettings(dpi=dpi)
    found = find_rulings(binarize(deskew(img, measure_skew(img, s)), s), dpi, s)
    assert grid_shapes(found, page) == grid_shapes(page.rulings, page)
    truth = merge_rulings(page.rulings, S)
    assert all(any(same_line(t, f) for f in merge_rulings(found, S)) for t in truth)


def test_a_thick_line_is_one_ruling_at_its_centre():
    k = 300 / 72
    img = Image.new("L", (int(300 * k), int(200 * k)), 236)
    draw = ImageDraw.Draw(img)
    draw.rectangle((50 * k, 99 * k, 250 * k, 102 * k), fill=30)  # 3 pt thick, centre y = 100.5
    draw.rectangle((150 * k, 20 * k, 150.5 * k, 180 * k), fill=30)  # hairline, crossing it
    s = ScanSettings()
    found = sorted(find_rulings(binarize(img, s), 300, s), key=lambda r: r.orient)
    assert [r.orient for r in found] == ["h", "v"]
    h, v = found
    assert abs(h.pos - 100.5) < 0.3 and abs(h.start - 50) < 0.5 and abs(h.end - 250.25) < 0.5
    assert abs(v.pos - 150.25) < 0.3 and abs(v.start - 20) < 0.5 and abs(v.end - 180.25) < 0.5


def test_erased_rulings_leave_the_text():
    s = ScanSettings(dpi=300)
    img = scan("seed_kk.pdf", 8, 300, 0.7)
    straight = deskew(img, measure_skew(img, s))
    rulings = list(read_rulings("seed_kk.pdf", 8, 300, 0.7)[1])
    erased = erase_rulings(straight, rulings, 300)
    before, after = binarize(straight, s), binarize(erased, s)
    assert find_rulings(after, 300, s) == []
    k = 300 / 72  # the text: ink farther than 2 pt from every ruling
    away = np.ones_like(before)
    for r in rulings:
        a, b, p = int(r.start * k), int(r.end * k) + 1, int(r.pos * k)
        if r.orient == "h":
            away[max(p - 8, 0): p + 9, a:b] = False
        else:
            away[a:b, max(p - 8, 0): p + 9] = False
    assert (after & away).sum() / (before & away).sum() > 0.99


# ---- boxes --------------------------------------------------------------------------

def test_unskew_box_maps_a_box_back_onto_the_scan():
    """A black box drawn on the page: its box on the deskewed scan, mapped back, is its
    ink's box on the scan as tilted."""
    dpi, angle, k = 200, 2.5, 200 / 72
    w, h = 595.3, 841.9
    page = make_scan.render_page(pdf("seed_kk.pdf")[4], dpi)  # a page of text ...
    draw = ImageDraw.Draw(page)
    draw.rectangle((360 * k, 730 * k, w * k, h * k), fill=255)  # ... with a clear corner
    draw.rectangle((420 * k, 770 * k, 520 * k, 800 * k), fill=0)  # and a box in it
    img = tilt(page, angle, 3)
    s = ScanSettings(dpi=dpi)
    measured = measure_skew(img, s)

    def box_of(ink: np.ndarray) -> tuple[float, float, float, float]:
        x0, y0 = int(380 * k), int(745 * k)  # the box alone, tilted or not
        ys, xs = np.nonzero(ink[y0: int(820 * k), x0: int(560 * k)])
        return (xs.min() + x0) / k, (ys.min() + y0) / k, (xs.max() + 1 + x0) / k, (ys.max() + 1 + y0) / k

    found = box_of(binarize(deskew(img, measured), s))
    assert np.allclose(found, (420, 770, 520.4, 800.4), atol=1.0)  # the box where it was drawn
    mapped = unskew_box(found, measured, w, h)
    assert np.allclose(mapped, box_of(binarize(img, s)), atol=0.5)


def test_unskew_box_turns_counter_clockwise_about_the_centre():
    w, h = 600.0, 800.0
    assert unskew_box((300, 400, 300, 400), 3.0, w, h) == pytest.approx((300, 400, 300, 400))
    x0, top, _, _ = unskew_box((500, 400, 500, 400), 90.0, w, h)
    assert (x0, top) == pytest.approx((300, 200))  # right of the centre goes up
    for angle in (0.7, -1.3, 2.5):
        x, y, _, _ = unskew_box((123.4, 567.8, 123.4, 567.8), angle, w, h)
        assert unskew_box((x, y, x, y), -angle, w, h)[:2] == pytest.approx((123.4, 567.8), abs=1e-9)
