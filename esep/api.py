"""A small Python API for the output folder: the tables as pandas DataFrames.

    >>> import esep.api
    >>> contracts = esep.api.table("esep-out", "contracts")
    >>> contracts[["contract_no", "grant_kzt", "page", "evidence"]]

Money columns come back as Python `Decimal` (object dtype), as Arrow's
decimal128 maps to pandas; dates as `datetime.date`. `page_crop` shows the part
of a PDF page a fact or finding was read from (its `page` and `bbox`).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pandas as pd
import pyarrow.dataset as ds

from esep.schemas.contract import TABLES

if TYPE_CHECKING:
    from PIL import Image


def table(out: str | Path, name: str) -> pd.DataFrame:
    """One table of an esep output folder as a DataFrame."""
    if name not in TABLES:
        raise ValueError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    return ds.dataset(Path(out) / name, format="parquet", partitioning="hive").to_table().to_pandas()


def tables(out: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of an esep output folder, by name."""
    return {name: table(out, name) for name in TABLES}




def _render(pdf: str | Path, page: int, scale: float) -> tuple[Image.Image, tuple[float, float]]:
    """Page ``page`` (1-based) as an RGB image, and where its crop box (what is rendered)
    starts in media-box points, from the top-left corner."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        p = doc[page - 1]
        m_left, _, _, m_top = p.get_mediabox()
        c_left, _, _, c_top = p.get_cropbox()
        return p.render(scale=scale, rotation=0).to_pil().convert("RGB"), (c_left - m_left, m_top - c_top)
    finally:
        doc.close()


def page_crop(pdf: str | Path, page: int, *boxes: Sequence[float], margin: float = 36.0,
              scale: float = 2.0) -> Image.Image:
    """The part of page ``page`` (1-based) of a PDF around ``boxes``, with ``margin`` points
    each side and each box outlined in red: what an auditor compares a fact with.

    A box is as esep's provenance gives it: ``(x0, top, x1, bottom)`` in points from the
    top-left corner of the page's media box. Rotated pages are shown unrotated."""
    from PIL import ImageDraw

    if not boxes:
        raise ValueError("page_crop needs at least one box")
    img, (dx, dy) = _render(pdf, page, scale)
    px = [[(v - d) * scale for v, d in zip(box, (dx, dy, dx, dy))] for box in boxes]
    draw = ImageDraw.Draw(img)
    for x0, top, x1, bottom in px:
        draw.rectangle((x0 - 2, top - 2, x1 + 2, bottom + 2), outline=(220, 0, 0), width=3)
    pad = margin * scale
    left, top = max(0, min(b[0] for b in px) - pad), max(0, min(b[1] for b in px) - pad)
    right = min(img.width, max(b[2] for b in px) + pad)
    bottom = min(img.height, max(b[3] for b in px) + pad)
    return img.crop((round(left), round(top), round(right), round(bottom)))
