"""Build a Word document from parsed seed blocks with python-docx.

Layout knobs live in `Layout`; `Spacer`s let a caller push a chosen table down
a page so that a page break cuts it (used for the split-table fixtures).
"""
from __future__ import annotations

import functools
import io
import math
import re
import subprocess
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from _render_parse import Block, Para, Run, Table

_FIXED_TIME = datetime(2023, 12, 15, tzinfo=timezone.utc)
_HEADING_SIZES = {1: 16, 2: 14, 3: 13, 4: 12}


@dataclass(frozen=True)
class Layout:
    """Page and type settings of one rendering."""
    font: str = "Liberation Serif"
    size: float = 12.0
    landscape: bool = False
    margins_mm: tuple[float, float, float, float] = (20, 15, 20, 30)  # top right bottom left

    @property
    def page_mm(self) -> tuple[float, float]:
        return (297.0, 210.0) if self.landscape else (210.0, 297.0)

    @property
    def text_width_pt(self) -> float:
        return (self.page_mm[0] - self.margins_mm[1] - self.margins_mm[3]) * 72 / 25.4

    def table_size(self, ncols: int) -> float:
        """Smaller type in wide tables, as real reports do."""
        if ncols >= 9:
            return max(7.0, self.size - 4)
        if ncols >= 6:
            return self.size - 2
        return self.size - 1


@dataclass(frozen=True)
class Spacer:
    """An empty paragraph of exact height before table `table`, on a new page."""
    table: int
    height_pt: float


@dataclass
class BuildResult:
    """The .docx bytes plus which block index each table came from."""
    data: bytes
    table_blocks: list[int] = field(default_factory=list)


def _set_fonts(rpr_parent, font: str) -> None:
    """Name the font for every script slot and drop theme fonts (they win otherwise)."""
    rpr = rpr_parent.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        rfonts.set(qn(f"w:{slot}"), font)


def _setup_styles(doc: docx.Document, layout: Layout) -> None:
    normal = doc.styles["Normal"]
    normal.font.size = Pt(layout.size)
    _set_fonts(normal.element, layout.font)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(layout.size / 2)
    pf.line_spacing = 1.0
    for level, size in _HEADING_SIZES.items():
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(size + layout.size - 12)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(style.element, layout.font)
        style.paragraph_format.space_before = Pt(layout.size)
        style.paragraph_format.space_after = Pt(layout.size / 2)


def _setup_page(doc: docx.Document, layout: Layout) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(v) for v in layout.page_mm)
    top, right, bottom, left = layout.margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)


def _add_runs(paragraph, runs: list[Run], size: float | None = None) -> None:
    """Runs into a paragraph; "\n" in text becomes a Word line break."""
    for run in runs:
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                paragraph.add_run().add_break()
            if piece:
                r = paragraph.add_run(piece)
                r.bold = run.bold or None
                if size:
                    r.font.size = Pt(size)


_TOKEN = re.compile(r"\d{1,3}(?: \d{3})+|\S+")
_MIN_TABLE_PT = 6.0


@functools.lru_cache(maxsize=None)
def _font(family: str, bold: bool):
    """The TrueType file fontconfig picks for a family, for measuring; None if absent."""
    try:
        from PIL import ImageFont
        spec = f"{family}:bold" if bold else family
        path = subprocess.run(["fc-match", "-f", "%{file}", spec], capture_output=True,
                              text=True, timeout=10).stdout.strip()
        return ImageFont.truetype(path, 100) if path else None
    except (OSError, ImportError, subprocess.SubprocessError):
        return None


def _token_ems(text: str, family: str, bold: bool) -> float:
    """Width of the widest unbreakable token in ems ("10 000 000" is one token)."""
    tokens = _TOKEN.findall(text) or [""]
    font = _font(family, bold)
    if font is None:  # no fontconfig/PIL: a rough Cyrillic average
        return max(len(t) for t in tokens) * (0.62 if "Sans" in family else 0.55)
    return max(font.getlength(t) for t in tokens) / 100


def _column_widths(table: Table, layout: Layout, pad_pt: float) -> tuple[list[float], float]:
    """Column widths (pt) and the type size for a table.

    Each column gets room for its longest token and the rest is shared by the
    square root of text length; a table too wide for that at the usual size
    gets smaller type (down to 6 pt) before words would have to break.
    """
    spanned = {(r, c) for m in table.merges if m.c1 > m.c0
               for r in range(m.r0, m.r1 + 1) for c in range(m.c0, m.c1 + 1)}
    ems, weight = [], []
    for c in range(table.ncols):
        cells = [(r, c) for r in range(len(table.rows)) if (r, c) not in spanned]
        width = 1.0
        longest = 1
        for r, _ in cells:
            for run in table.rows[r][c]:
                width = max(width, _token_ems(run.text, layout.font, run.bold))
            longest = max(longest, len(table.cell_text(r, c)))
        ems.append(width)
        weight.append(math.sqrt(longest))
    fixed = table.ncols * (2 * pad_pt + 3)
    total = layout.text_width_pt
    size = layout.table_size(table.ncols)
    fit = (total - fixed) / sum(ems)
    size = max(_MIN_TABLE_PT, min(size, math.floor(fit * 2) / 2))
    need = [e * size + 2 * pad_pt + 3 for e in ems]
    spare = total - sum(need)
    if spare <= 0:  # still too wide: shrink evenly, some words will wrap
        return [n * total / sum(need) for n in need], size
    return [n + spare * w / sum(weight) for n, w in zip(need, weight)], size


def _cant_split(row) -> None:
    """Keep each row whole on one page so page breaks fall between rows."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    trpr.append(el)


def _cell_margins(table, pt: float) -> None:
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(pt * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.append(mar)


def _add_table(doc: docx.Document, table: Table, layout: Layout) -> None:
    out = doc.add_table(rows=len(table.rows), cols=table.ncols)
    out.style = doc.styles["Table Grid"]
    out.alignment = WD_TABLE_ALIGNMENT.CENTER
    out.autofit = False
    pad = 2.0 if table.ncols >= 9 else 4.0
    _cell_margins(out, pad)
    points, size = _column_widths(table, layout, pad)
    widths = [Pt(w) for w in points]
    for c, width in enumerate(widths):
        out.columns[c].width = width
    covered = {(r, c) for m in table.merges
               for r in range(m.r0, m.r1 + 1) for c in range(m.c0, m.c1 + 1)
               if (r, c) != (m.r0, m.c0)}
    for r, row in enumerate(table.rows):
        _cant_split(out.rows[r])
        for c, runs in enumerate(row):
            cell = out.cell(r, c)
            cell.width = widths[c]
            para = cell.paragraphs[0]
            para.paragraph_format.space_after = Pt(0)
            if (r, c) not in covered:
                _add_runs(para, runs, size)
    for m in table.merges:
        out.cell(m.r0, m.c0).merge(out.cell(m.r1, m.c1))


def _add_spacer(doc: docx.Document, height_pt: float) -> None:
    """A blank paragraph of exact height that starts a new page."""
    para = doc.add_paragraph()
    pf = para.paragraph_format
    pf.page_break_before = True
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(max(1.0, height_pt))


def build_docx(blocks: list[Block], layout: Layout, spacers: tuple[Spacer, ...] = (),
               centred_intro: bool = True) -> BuildResult:
    """Render blocks into .docx bytes (deterministic: fixed dates, fixed zip times)."""
    doc = docx.Document()
    _setup_styles(doc, layout)
    _setup_page(doc, layout)
    core = doc.core_properties
    core.title, core.author = "Қызмет туралы қорытынды есеп", "esep scripts/render_seed.py"
    core.last_modified_by, core.revision = "esep", 1
    core.created = core.modified = core.last_printed = _FIXED_TIME
    by_table = {s.table: s.height_pt for s in spacers}
    table_blocks: list[int] = []
    before_first_heading = True
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            if len(table_blocks) in by_table:
                _add_spacer(doc, by_table[len(table_blocks)])
            table_blocks.append(index)
            _add_table(doc, block, layout)
            if index + 1 < len(blocks) and isinstance(blocks[index + 1], Table):
                # two tables in a row would fuse into one in Word
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
            continue
        assert isinstance(block, Para)
        if block.level:
            before_first_heading = False
            para = doc.add_paragraph(style=f"Heading {block.level}")
        else:
            para = doc.add_paragraph()
            if before_first_heading and centred_intro:
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_runs(para, block.runs)
    buf = io.BytesIO()
    doc.save(buf)
    return BuildResult(_normalise_zip(buf.getvalue()), table_blocks)


def _normalise_zip(data: bytes) -> bytes:
    """Same bytes on every run: fixed member timestamps, same order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
