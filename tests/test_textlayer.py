"""The text-layer judge (esep.readers.textlayer): which PDF pages must be OCRed, and why.

Born-digital fixtures (every PDF LibreOffice wrote, tests/fixtures/**) must keep
their text layer on every page; the broken copies of scripts/make_broken_pdf.py
(tests/fixtures/pdf/broken_*.pdf, listed with the reason each damaged page must
get in broken_pdf.json) must not; unit cases are the seed's own lines and
chunks, as written and transformed the ways text layers break.
"""
from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from esep.readers.pdf_page import DEFAULT_SETTINGS as PDF_SETTINGS
from esep.readers.pdf_page import page_to_content
from esep.readers.textlayer import (DEFAULT_SETTINGS, KAZAKH, glyph_counts, image_share,
                                    judge_page)

FIX = Path(__file__).parent / "fixtures"
MANIFEST = json.loads((FIX / "pdf" / "broken_pdf.json").read_text(encoding="utf-8"))["files"]
PASSWORDS = {"encrypted.pdf": "secret"}  # tests/fixtures/pdf/make_fixtures.py
KK = (FIX / "seed_kk.txt").read_text(encoding="utf-8")
RU = (FIX / "seed_ru.txt").read_text(encoding="utf-8")
KAZAKH_REASON = "broken text layer: Kazakh text without Kazakh letters"


def producer(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path), password=PASSWORDS.get(path.name))
    try:
        return pdf.get_metadata_dict().get("Producer", "")
    finally:
        pdf.close()


def born_digital() -> list[Path]:
    """Every PDF fixture LibreOffice wrote, except the broken copies made from them and
    legacy-font documents (legacy/: their text is judged after esep.normalize.legacy_kk
    maps it back, which is the reader's part)."""
    return sorted(p for p in FIX.rglob("*.pdf")
                  if p.name not in MANIFEST and "legacy" not in p.relative_to(FIX).parts
                  and "LibreOffice" in producer(p))


def read_pages(path: Path) -> list[tuple[str, bool, float]]:
    """Each page's text layer as the PDF reader reads it, whether it has images, their share."""
    pdf = pdfium.PdfDocument(str(path), password=PASSWORDS.get(path.name))
    out = []
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            c = page_to_content(page, i + 1, PDF_SETTINGS)
            out.append((" ".join(r.text for r in c.runs), c.images > 0, image_share(page)))
            page.close()
    finally:
        pdf.close()
    return out


def judge_file(path: Path) -> list:
    return judge_pages(read_pages(path))


def judge_pages(pages: list[tuple[str, bool, float]]) -> list:
    doc = "\n".join(t for t, _, _ in pages)
    return [judge_page(t, img, doc, image_share=share) for t, img, share in pages]


def chunks(text: str, size: int = 2000) -> list[str]:
    """The text in pieces of whole lines of about a page's length."""
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        cur += line
        if len(cur) >= size:
            out.append(cur)
            cur = ""
    return out + [cur] if cur.strip() else out


def lines(text: str) -> list[str]:
    return [l for l in text.splitlines() if l.strip()]


# --- PDF pages -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def digital_pages() -> dict[str, list[tuple[str, bool, float]]]:
    return {str(p.relative_to(FIX)): read_pages(p) for p in born_digital()}


@pytest.fixture(scope="module")
def digital_verdicts(digital_pages) -> dict[str, list]:
    return {f: judge_pages(pages) for f, pages in digital_pages.items()}


def test_every_born_digital_page_keeps_its_text_layer(digital_verdicts):
    # at the time of writing 9 files, 105 pages: the five seed renderings (kk, kk_grid14,
    # kk_landscape, kk_narrow, ru), pdf/tables_kk and its encrypted copy, pdf/seed_plain
    # and kinds/protocol_extract_ru_2024
    assert len(digital_verdicts) >= 9 and sum(map(len, digital_verdicts.values())) >= 105
    bad = {(f, i + 1): v.reason for f, vs in digital_verdicts.items() for i, v in enumerate(vs) if not v.ok}
    assert bad == {}


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_broken_fixture_pages_are_sent_to_ocr(name):
    meta = MANIFEST[name]
    verdicts = judge_file(FIX / "pdf" / name)
    assert len(verdicts) == meta["pages"]
    for number, v in enumerate(verdicts, 1):
        if number in meta["broken_pages"]:
            assert not v.ok and meta["expect"] in v.reason, (number, v)
        else:
            assert v.ok, (number, v)  # the undamaged pages around a damaged one


def test_fonts_without_tounicode_give_text_not_nothing():
    """PDFium falls back to the subset's one-byte codes: a text layer that is there, but soup."""
    for text, _, _ in read_pages(FIX / "pdf" / "broken_nounicode_kk.pdf"):
        g = glyph_counts(text)
        assert g.visible > 200 and g.letters + g.digits < 0.3 * g.visible


def test_broken_copies_print_like_their_source():
    """Only the text layer is damaged: PDFium draws every page as the seed's."""
    for name, meta in MANIFEST.items():
        if meta["source"] == "seed_kk.pdf" and name != "broken_stamp_kk.pdf":
            a = pdfium.PdfDocument(str(FIX / "pdf" / name))[0].render(scale=0.5).to_pil()
            b = pdfium.PdfDocument(str(FIX / meta["source"]))[0].render(scale=0.5).to_pil()
            assert a.tobytes() == b.tobytes(), name


def image_pdf(tmp_path: Path) -> Path:
    """Page 1 of the seed as an image-only PDF, the way PIL (and make_scan.py) writes a scan."""
    src = pdfium.PdfDocument(str(FIX / "seed_kk.pdf"))
    img = src[0].render(scale=50 / 72, grayscale=True).to_pil().convert("L")
    out = tmp_path / "scan.pdf"
    img.save(out, "PDF", resolution=50)
    return out


def test_image_only_page_has_no_text_layer(tmp_path):
    [(text, has_images, share)] = read_pages(image_pdf(tmp_path))
    assert (text, has_images, share) == ("", True, 1.0)
    assert judge_page(text, has_images, image_share=share).reason == "no text layer"


def test_drawing_without_text_has_no_text_layer():
    [(text, has_images, share)] = read_pages(FIX / "pdf" / "no_text.pdf")
    assert judge_page(text, has_images, image_share=share).reason == "no text layer"


def test_image_share_follows_a_form_xobject(tmp_path):
    """A scan wrapped in a form XObject at half size covers a quarter of the page."""
    src = pdfium.PdfDocument(str(image_pdf(tmp_path)))
    w, h = src[0].get_size()
    dst = pdfium.PdfDocument.new()
    page = dst.new_page(w, h)
    form = src.page_as_xobject(0, dst).as_pageobject()
    form.transform(pdfium.PdfMatrix().scale(0.5, 0.5).translate(w / 4, h / 4))
    page.insert_obj(form)
    page.gen_content()
    buf = io.BytesIO()
    dst.save(buf)
    assert image_share(pdfium.PdfDocument(buf.getvalue())[0]) == pytest.approx(0.25, abs=0.01)


def test_born_digital_pages_sit_far_from_the_thresholds(digital_pages):
    """The margins TextLayerSettings' comments state, measured on every born-digital page."""
    s = DEFAULT_SETTINGS
    counts = [glyph_counts(t) for pages in digital_pages.values() for t, _, _ in pages]
    judged = [g for g in counts if g.visible >= s.min_glyphs]
    assert min((g.letters + g.digits) / g.visible for g in judged) >= 0.9 > s.min_alnum_share
    assert max(g.stray / g.visible for g in judged) <= 0.08 < s.min_stray_share
    assert max(g.foreign for g in judged) == 0
    languaged = [g for g in counts if g.cyrillic >= s.min_cyrillic]
    assert all(g.profile >= 0.6 or g.profile <= 0.3 for g in languaged)
    kazakh = [g for g in languaged if g.profile >= s.kazakh_profile]
    assert min(g.kazakh / g.cyrillic for g in kazakh) >= 0.06 >= 3 * s.min_kazakh_share


def test_judging_is_cheap():
    """It runs on every page of every PDF: well under 1 ms a page (about 0.05 ms measured)."""
    pages = [t for t, _, _ in read_pages(FIX / "seed_kk.pdf")]
    doc = "\n".join(pages)
    judge_page(pages[0], False, doc)  # the character table is built once
    start = time.perf_counter()
    for _ in range(20):
        for t in pages:
            judge_page(t, False, doc)
    assert (time.perf_counter() - start) / (20 * len(pages)) < 1e-3


# --- the seed's text, as written and broken -------------------------------------------

@pytest.mark.parametrize("text", [KK, RU], ids=["kk", "ru"])
def test_seed_text_is_kept_in_pages_and_in_single_lines(text):
    """Every page-sized chunk and every line alone (a short page: a table row of
    amounts, "JasART", "CaspianToday.kz", a URL) keeps its text layer."""
    pieces = chunks(text) + lines(text)
    bad = [(p[:60], judge_page(p, False, text).reason) for p in pieces if not judge_page(p, False, text).ok]
    assert bad == []


def test_russian_lines_in_a_kazakh_document_are_kept():
    """A Russian page has no Kazakh letters legitimately, whatever the document's language."""
    assert all(judge_page(p, False, KK).ok for p in chunks(RU) + lines(RU))


def test_mojibake_russian():
    for chunk in chunks(RU):
        broken = chunk.encode("cp1251", errors="replace").decode("latin-1")  # "Ãðàíò"
        assert "of letters are not Cyrillic or Latin" in judge_page(broken, False, broken).reason


def test_mojibake_kazakh():
    for chunk in chunks(KK):
        broken = chunk.encode("kz1048").decode("latin-1")
        assert "of letters are not Cyrillic or Latin" in judge_page(broken, False, broken).reason


def kazakh_lost(text: str) -> dict[str, str]:
    """The ways Kazakh letters go missing that no legacy table can undo."""
    return {
        "dropped": "".join(c for c in text if c not in KAZAKH),
        "look-alike": text.translate(str.maketrans("әғқңөұүһӘҒҚҢӨҰҮҺ", "агкноуухАГКНОУУХ")),
        "cp1251 '?'": text.encode("cp1251", errors="replace").decode("cp1251"),
    }


@pytest.mark.parametrize("way", ["dropped", "look-alike", "cp1251 '?'"])
def test_kazakh_without_kazakh_letters(way):
    doc = kazakh_lost(KK)[way]
    for chunk in chunks(KK):
        assert judge_page(kazakh_lost(chunk)[way], False, doc).reason == KAZAKH_REASON


def test_short_page_without_kazakh_letters_follows_its_document():
    """A line too short to show its language is broken only when the whole document lost its letters."""
    s = DEFAULT_SETTINGS
    doc = kazakh_lost(KK)["dropped"]
    short = [b for b in (kazakh_lost(l)["dropped"] for l in lines(KK) if glyph_counts(l).kazakh)
             if s.min_short_cyrillic <= glyph_counts(b).cyrillic < s.min_cyrillic]
    assert len(short) > 20
    for broken in short:
        assert judge_page(broken, False, doc).reason == KAZAKH_REASON
        assert judge_page(broken, False, KK).ok
        assert judge_page(broken, False).ok


def test_private_use_glyphs():
    """A symbolic font PDFium cannot map: every glyph at U+F000 + its code."""
    for chunk in chunks(RU):
        broken = "".join(c if c.isspace() else chr(0xF000 + (ord(c) & 0xFF)) for c in chunk)
        reason = judge_page(broken, False).reason
        # one-glyph words ("в", "и", "-") stand alone like bullets and are not counted
        assert reason.startswith("broken text layer: ") and reason.endswith("% unknown glyphs")
        assert int(reason.split()[3].rstrip("%")) >= 90


def test_pdfminer_cid_glyphs():
    chunk = chunks(KK)[0]
    broken = "".join(c if c.isspace() else f"(cid:{ord(c) & 0xFF})" for c in chunk)
    assert judge_page(broken, False).reason == "broken text layer: 100% unknown glyphs"


def test_some_unknown_glyphs_in_good_text():
    """U+FFFD for a third of the Kazakh letters: the unknown share of the reason is measured on glyphs."""
    chunk = chunks(KK)[1]
    n = 0

    def swap(c: str) -> str:
        nonlocal n
        n += c in KAZAKH
        return "\ufffd" if c in KAZAKH and n % 3 == 0 else c

    broken = "".join(swap(c) for c in chunk)
    g = glyph_counts(broken)
    share = round(100 * g.unknown / g.visible)
    assert g.unknown == n // 3 and share < 10 and judge_page(broken, False, KK).ok
    all_gone = "".join("\ufffd" if c in KAZAKH or c in "аеоы" else c for c in chunk)
    assert "unknown glyphs" in judge_page(all_gone, False, KK).reason


def test_symbol_font_bullets_are_not_unknown_glyphs():
    """Word's bullets from the Symbol font come as U+F0B7: one per line, standing alone."""
    bulleted = "\n".join("\uf0b7 " + l for l in lines(KK)[:40])
    assert glyph_counts(bulleted).unknown == 0
    assert judge_page(bulleted, False, KK).ok


def test_kazakh_in_latin_script_is_kept():
    """The 2021 Latin alphabet's ä ğ ñ ö ū ü ş ı are letters outside ASCII, but a minority."""
    cyr = "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә"
    lat = ["a", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n", "ñ", "o",
           "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "ts", "ch", "ş", "şç", "", "y", "ı", "",
           "e", "iu", "ia", "ä"]
    table = {ord(c): l for c, l in zip(cyr, lat, strict=True)}
    for chunk in chunks(KK):
        latin = chunk.lower().translate(table)
        assert judge_page(latin, False, latin).ok


def test_dash_and_dot_tables_and_signature_lines_are_kept():
    """Forms are full of dashes for empty cells, leader dots and signature underscores."""
    rows = [l for l in lines(KK) if any(ch.isdigit() for ch in l)][:30]
    dashed = "\n".join(" - ".join(["-"] * 6 + [r.split()[0]]) for r in rows)
    dotted = "\n".join(r[:30] + " " + "." * 40 + " 3" for r in rows)
    signed = "Жоба жетекшісі ____________________ (қолы)\nМ.О. ____________ 2023 ж."
    for text in (dashed, dotted, signed):
        assert judge_page(text, False, KK).ok, text[:80]


def test_scan_with_a_stamp_text_layer():
    stamp = "Scanned with CamScanner"
    assert judge_page(stamp, True).reason == "text layer covers little of the page"
    assert judge_page(stamp, True, image_share=0.97).reason == "text layer covers little of the page"
    # a signature page with a logo or a scanned signature: a small image, a short text
    last = lines(KK)[-1]
    assert judge_page(last, True, KK, image_share=0.08).ok
    assert judge_page(last, False, KK).ok


def test_empty_page():
    assert judge_page("", False).reason == "no text layer"
    assert judge_page(" \n \t", True).reason == "no text layer"
