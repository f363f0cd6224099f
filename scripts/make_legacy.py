#!/usr/bin/env python3
"""Write the seed report as typed in each pre-Unicode Kazakh font layout.

    python scripts/make_legacy.py            # tests/fixtures/legacy/seed_kk_<layout>.docx (+ .doc)
    python scripts/make_legacy.py --no-doc   # .docx only (no LibreOffice)

A Word document typed in such a font stores, for every Kazakh letter, the
Windows-1251 character of the slot the font drew it in. This script makes
one from the seed (tests/fixtures/seed_kk.docx): every text node of the body
(runs, hyperlinks, fields' results, headers and footers too) goes through
the inverse of a layout of data/labels/legacy_kk.toml, so "қоғамдық" is
stored as "ќоєамдыќ" (KZ-1048) or "ќоѓамдыќ" (Serbian slots). Nothing else
changes. With LibreOffice the KZ-1048 copy is also saved as Word 97 (.doc).

Idempotent: a file is rewritten only when its bytes change (zip member
times are pinned; the .doc is only written when its .docx changed or it is
missing, since LibreOffice stamps each save).
"""
from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from esep.normalize.legacy_kk import mappings  # noqa: E402

SEED = REPO / "tests" / "fixtures" / "seed_kk.docx"
OUT = REPO / "tests" / "fixtures" / "legacy"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# the parts of a package that hold text Word shows
TEXT_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml", "word/endnotes.xml")
DOC_LAYOUTS = ("kz1048",)  # saved as .doc as well


def inverse(name: str) -> dict[int, str]:
    """Kazakh letter -> the character the layout stores for it."""
    return str.maketrans({k: p for p, k in mappings()[name].letters if p != k})


def retype(xml: bytes, table: dict[int, str]) -> bytes:
    """The part with the text of every w:t node retyped."""
    root = etree.fromstring(xml)
    for t in root.iter(f"{{{W}}}t"):
        if t.text:
            t.text = t.text.translate(table)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def legacy_docx(seed: bytes, name: str) -> bytes:
    """The seed package with its text in layout ``name`` (fixed member times)."""
    table = inverse(name)
    src = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith(TEXT_PARTS):
                data = retype(data, table)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    return out.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_bytes() == data:
        return False
    path.write_bytes(data)
    return True


def to_doc(docx_path: Path) -> Path:
    """Save a .docx as Word 97 next to it, with LibreOffice (private profile)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) not found; use --no-doc")
    with tempfile.TemporaryDirectory(prefix="lo_profile_esep_") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
               "--convert-to", "doc:MS Word 97", "--outdir", str(docx_path.parent), str(docx_path)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300, env={**os.environ, "HOME": profile})
    return docx_path.with_suffix(".doc")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-doc", action="store_true", help="skip the Word 97 copies")
    args = ap.parse_args(argv)
    seed = SEED.read_bytes()
    for name in mappings():
        path = args.out / f"seed_kk_{name}.docx"
        changed = write_if_changed(path, legacy_docx(seed, name))
        print(f"{'wrote' if changed else 'unchanged'} {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
        if name in DOC_LAYOUTS and not args.no_doc and (changed or not path.with_suffix(".doc").exists()):
            print(f"wrote {to_doc(path)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
