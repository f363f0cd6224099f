"""Make an image-only "scan" of a PDF: rasterise, skew, add noise, JPEG, re-wrap.

    python scripts/make_scan.py tests/fixtures/seed_kk.pdf /tmp/seed_scan.pdf --dpi 300 --skew 0.7

What archives hold: every page one grey JPEG at the scanner's resolution,
tilted a little as the sheet lay in the feeder, with sensor noise and a
slightly grey paper. The output has no text layer, so esep must OCR it.
Deterministic for a given ``--seed``; each page gets its own skew, drawn
around ``--skew`` (sign alternating, as sheets tilt either way).
"""
from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


def render_page(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    return page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")


def skew(img: Image.Image, degrees: float) -> Image.Image:
    return img.rotate(degrees, resample=Image.BICUBIC, expand=False, fillcolor=255)


def add_noise(img: Image.Image, sigma: float, rng: np.random.Generator, paper: int = 236) -> Image.Image:
    """Grey paper, a soft optical blur and Gaussian sensor noise."""
    a = np.asarray(img.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    a = a * (paper / 255.0) + rng.normal(0.0, sigma, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")


def jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf)


def page_skews(n: int, around: float, rng: random.Random) -> list[float]:
    return [round((1 if i % 2 == 0 else -1) * around * rng.uniform(0.6, 1.2), 2) for i in range(n)]


def make_scan(src: Path, out: Path, dpi: int = 300, around: float = 0.7, sigma: float = 8.0,
              quality: int = 70, seed: int = 1) -> list[float]:
    """Write the scan of ``src`` to ``out``; returns each page's skew in degrees."""
    pdf = pdfium.PdfDocument(str(src))
    rng, nrng = random.Random(seed), np.random.default_rng(seed)
    angles = page_skews(len(pdf), around, rng)
    pages = []
    for i, angle in enumerate(angles):
        img = render_page(pdf[i], dpi)
        pages.append(jpeg(add_noise(skew(img, angle), sigma, nrng), quality))
    pdf.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return angles


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--skew", type=float, default=0.7, help="degrees, drawn per page around this")
    ap.add_argument("--noise", type=float, default=8.0, help="sigma of the grey-level noise")
    ap.add_argument("--quality", type=int, default=70, help="JPEG quality")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    angles = make_scan(a.src, a.out, a.dpi, a.skew, a.noise, a.quality, a.seed)
    print(f"{a.out}: {len(angles)} pages at {a.dpi} dpi, skews {angles}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
