"""A 2 000-page PDF (the seed's 12 pages again and again) goes through a worker under a
memory limit far below what holding every page's objects would take."""
from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from esep.pipeline.datamodel import Job
from esep.pipeline.isolation import run_isolated
from esep.pipeline.limits import Limits
from esep.readers import sha256_file

SEED_PDF = Path(__file__).parent / "fixtures" / "seed_kk.pdf"
LIMIT_MB = 500


def long_pdf(path: Path, pages: int) -> Path:
    src, dst = pypdfium2.PdfDocument(SEED_PDF), pypdfium2.PdfDocument.new()
    while len(dst) < pages:
        dst.import_pages(src)
    dst.save(path)
    return path


@pytest.mark.slow
def test_a_2000_page_pdf_is_read_whole_under_the_memory_limit(tmp_path):
    pdf = long_pdf(tmp_path / "long.pdf", 2000)
    [ex] = run_isolated([Job(pdf, sha256_file(pdf))], limits=Limits(timeout=600, memory_mb=LIMIT_MB))
    d = ex.document
    assert (d.status, d.error, d.pages) == ("ok", None, 2004)
    # every copy of the seed's contracts table is read: 167 copies of its two contracts and total
    assert sum(1 for c in ex.contracts if c.contract_no == "65") == 167
