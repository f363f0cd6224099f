"""DOCX reader: the body of a Word document, in order, as a `Document`.

The chain is  path -> python-docx package -> body elements (paragraphs and
tables interleaved, as in ``w:body``) -> `Paragraph` / `Table` blocks.
python-docx only opens the package; the walk reads the XML directly, because
``doc.paragraphs`` and ``doc.tables`` lose the interleaving and python-docx
neither resolves vertical merges into a grid nor expands list numbering.

Read: body paragraphs and tables, content controls, hyperlinks, fields'
shown results, tracked insertions, Word auto-numbering ("1.", "2.1.", "а)").
Ignored: headers, footers, footnotes, comments, text boxes and shapes
(counted in a warning), deleted revisions, field codes.

Hostile files: the zip is checked against `ZipLimits` before python-docx
inflates it (esep.readers.zipguard); entities a DTD declares are never
fetched (python-docx parses with ``resolve_entities=False``), internal ones
show their declared text and the text after any entity is kept.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from esep.model import Block, Cell, Document, Paragraph, Prov, Table
from esep.readers.base import ReaderError
from esep.readers.zipguard import DEFAULT_LIMITS, ZipLimits, check_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, R = w("p"), w("tbl"), w("tr"), w("tc"), w("r")
VAL = w("val")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")

# Containers whose children belong to the flow they sit in (content controls,
# custom XML, tracked insertions/moves, hyperlinks, simple fields, smart tags).
TRANSPARENT = {w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo",
                              "hyperlink", "fldSimple", "smartTag", "dir", "bdo")}
# Subtrees whose text is not shown in the body: properties, deleted revisions,
# alternate renderings of drawings (text boxes live there).
PRUNED = {w(t) for t in ("pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom",
                         "tblPr", "tblGrid", "trPr", "tcPr")} | {f"{{{MC}}}AlternateContent"}
RUN_TEXT = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n",
            w("noBreakHyphen"): "-"}
FALSE_VALUES = {"0", "false", "off", "none"}
TEXT_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces={"w": W, "mc": MC})


@dataclass(frozen=True)
class DocxSettings:
    """How the DOCX reader renders what Word shows but the XML does not hold."""

    max_level: int = 6  # Heading 7..9 and deep outline levels clamp to this
    title_level: int = 1  # the "Title" style counts as a heading of this level
    render_numbering: bool = True  # prefix auto-numbered paragraphs with "1.", "2.1." ...
    render_bullets: bool = False  # bullets carry no data; leave them out
    bullet: str = "•"
    number_sep: str = " "  # between a number and its text (Word shows a tab)
    nested_cell_sep: str = "\t"  # a nested table's cells, flattened into its parent cell
    nested_row_sep: str = "\n"
    zip_limits: ZipLimits = DEFAULT_LIMITS  # how far the package may inflate
    max_entity_text: int = 64  # an internal entity longer than this shows nothing
    entity_budget: int = 100_000  # characters all entity references may add to a document


DEFAULT_SETTINGS = DocxSettings()


# ---------------------------------------------------------------- opening

def path_to_package(path: Path, limits: ZipLimits = DEFAULT_LIMITS):
    """Open a DOCX with python-docx; any failure becomes a plain `ReaderError`."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    head = path_to_head(path)
    if not head:
        raise ReaderError("file is empty")
    if head.startswith(OLE_MAGIC):
        raise ReaderError(ole_reason(path))
    if not zipfile.is_zipfile(path):
        raise ReaderError("not a DOCX file (zip is corrupt)")
    try:
        check_zip(path, limits)  # before python-docx inflates every part into memory
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as e:
        raise ReaderError("not a DOCX file (zip is corrupt)") from e
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as e:
        raise ReaderError("not a DOCX file (zip is corrupt)") from e
    except (PackageNotFoundError, KeyError) as e:
        raise ReaderError("not a DOCX file (no Word document inside the zip)") from e
    except ValueError as e:  # python-docx: "file '...' is not a Word file, content type is ..."
        raise ReaderError("not a DOCX file (the zip holds another kind of document)") from e
    except etree.XMLSyntaxError as e:
        raise ReaderError(f"DOCX is damaged (bad XML: {e})") from e
    except Exception as e:  # whatever else a damaged package raises (struct.error, ...)
        raise ReaderError(f"DOCX is damaged ({type(e).__name__}: {e})") from e


def path_to_head(path: Path, n: int = 8) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(n)
    except OSError as e:
        raise ReaderError(f"cannot open file ({e.strerror})") from e


def ole_reason(path: Path) -> str:
    """Why an OLE compound file named .docx is not readable as DOCX."""
    with open(path, "rb") as f:
        data = f.read(1 << 20)
    if ENCRYPTED_MARK in data:
        return "DOCX is encrypted (password-protected)"
    return "not a DOCX file (it is an old binary Word/OLE file; rename it to .doc)"


# ---------------------------------------------------------------- styles

@dataclass(frozen=True)
class StyleInfo:
    """What a paragraph or character style gives after inheritance."""

    level: int | None = None
    bold: bool | None = None  # None: not set anywhere along the chain
    num: tuple[str, int] | None = None  # (numId, ilvl) of a style-linked list


@dataclass
class Entities:
    """The internal entities a document's DTD declares, and what is left of the
    budget of characters their references may add (no amplification attack)."""

    declared: dict[str, str] = field(default_factory=dict)
    budget: int = 0

    def expand(self, name: str) -> str:
        text = self.declared.get(name, "")
        if len(text) > self.budget:
            return ""
        self.budget -= len(text)
        return text


@dataclass
class Context:
    """Per-document lookups and the running list counters."""

    styles: dict[str, StyleInfo]
    default_pstyle: str | None
    default_bold: bool
    numbering: "Numbering"
    settings: DocxSettings
    entities: Entities = field(default_factory=Entities)


def to_int(v: str | None, default: int) -> int:
    """An integer attribute; a damaged value falls back instead of failing the file."""
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


def on_off(el) -> bool | None:
    """A ``w:b``-like toggle: None when absent, else its truth value."""
    if el is None:
        return None
    return (el.get(VAL) or "1").lower() not in FALSE_VALUES


def num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None or (np := ppr.find(w("numPr"))) is None:
        return None
    num_id, ilvl = np.find(w("numId")), np.find(w("ilvl"))
    if num_id is None:
        return None
    return num_id.get(VAL), to_int(ilvl.get(VAL), 0) if ilvl is not None else 0


def name_to_level(name: str, settings: DocxSettings) -> int | None:
    """Heading level from a style name: "heading 2"/"Heading 2" -> 2, "Title" -> title_level."""
    name = name.strip().lower()
    if name == "title":
        return settings.title_level
    if name.startswith("heading ") and name[8:].isdigit():
        return min(int(name[8:]), settings.max_level)
    return None


def outline_to_level(ppr, settings: DocxSettings) -> int | None:
    """``w:outlineLvl`` 0..8 is heading level 1..9; 9 means body text."""
    el = ppr.find(w("outlineLvl")) if ppr is not None else None
    if el is None or not (el.get(VAL) or "").isdigit():
        return None
    lvl = int(el.get(VAL))
    return None if lvl >= 9 else min(lvl + 1, settings.max_level)


def raw_style(el, settings: DocxSettings) -> tuple[str | None, StyleInfo]:
    """A style's own properties (no inheritance) and the style it is based on."""
    ppr, rpr = el.find(w("pPr")), el.find(w("rPr"))
    name_el, based = el.find(w("name")), el.find(w("basedOn"))
    level = outline_to_level(ppr, settings)
    if level is None and name_el is not None:
        level = name_to_level(name_el.get(VAL, ""), settings)
    bold = on_off(rpr.find(w("b"))) if rpr is not None else None
    return (based.get(VAL) if based is not None else None), StyleInfo(level, bold, num_pr(ppr))


def styles_to_info(styles_el, settings: DocxSettings) -> dict[str, StyleInfo]:
    """Every style id resolved along its ``w:basedOn`` chain (nearest setting wins)."""
    raw = {el.get(w("styleId")): raw_style(el, settings) for el in styles_el.iter(w("style"))}
    resolved: dict[str, StyleInfo] = {}

    def resolve(sid: str, seen: frozenset) -> StyleInfo:
        if sid in resolved or sid not in raw or sid in seen:
            return resolved.get(sid, StyleInfo())
        base_id, own = raw[sid]
        base = resolve(base_id, seen | {sid}) if base_id else StyleInfo()
        resolved[sid] = StyleInfo(
            own.level if own.level is not None else base.level,
            own.bold if own.bold is not None else base.bold,
            own.num or base.num)
        return resolved[sid]

    for sid in raw:
        resolve(sid, frozenset())
    return resolved


def default_paragraph_style(styles_el) -> str | None:
    for el in styles_el.iter(w("style")):
        if el.get(w("type")) == "paragraph" and (el.get(w("default")) or "").lower() in {"1", "true", "on"}:
            return el.get(w("styleId"))
    return None


def default_run_bold(styles_el) -> bool:
    el = styles_el.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('b')}")
    return bool(on_off(el))


# ---------------------------------------------------------------- numbering

@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """Word's list numbering: definitions plus the counters of the walk so far."""

    # numId -> (abstractNumId, {ilvl: start override})
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int, settings: DocxSettings) -> str:
        """Advance the list at ``ilvl`` and return its visible label ("" if none)."""
        if num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.abstracts.get(abs_id, {})
        if ilvl not in levels:
            return ""
        start = lambda k: overrides.get(k, levels[k].start if k in levels else 1)  # noqa: E731
        # A list instance with its own start values restarts; others share the abstract list.
        counts = self.counters.setdefault(num_id if overrides else "a" + abs_id, {})
        counts[ilvl] = counts.get(ilvl, start(ilvl) - 1) + 1
        for k in [k for k in counts if k > ilvl]:
            del counts[k]
        lvl = levels[ilvl]
        if lvl.fmt == "bullet":
            return settings.bullet if settings.render_bullets else ""
        return render_level_text(lvl.text, levels, {k: counts.get(k, start(k)) for k in range(ilvl + 1)})


def render_level_text(text: str, levels: dict[int, Level], counts: dict[int, int]) -> str:
    """Fill "%1.%2." with the counters, each in its own level's number format."""
    def fill(m: re.Match) -> str:
        k = int(m.group(1)) - 1
        return format_number(counts.get(k, 1), levels[k].fmt if k in levels else "decimal")
    return re.sub(r"%([1-9])", fill, text).strip()


ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower skips ё, й, ъ, ы, ь


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerRoman", "upperRoman"):
        s, rest = "", n
        for v, r in ROMAN:
            s, rest = s + r * (rest // v), rest % v
        return s.upper() if fmt == "upperRoman" else s
    if fmt in ("lowerLetter", "upperLetter", "russianLower", "russianUpper"):
        letters = RU_LETTERS if fmt.startswith("russian") else "abcdefghijklmnopqrstuvwxyz"
        s = letters[(n - 1) % len(letters)] * ((n - 1) // len(letters) + 1) if n > 0 else ""
        return s.upper() if fmt.endswith("Upper") or fmt == "upperLetter" else s
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def numbering_el_to_numbering(el) -> Numbering:
    """Parse ``numbering.xml`` (``w:num`` instances and their ``w:abstractNum``)."""
    num = Numbering()
    if el is None:
        return num
    for a in el.iter(w("abstractNum")):
        num.abstracts[a.get(w("abstractNumId"))] = {
            to_int(lv.get(w("ilvl")), 0): lvl_to_level(lv) for lv in a.iter(w("lvl"))}
    for n in el.iter(w("num")):
        abs_el = n.find(w("abstractNumId"))
        overrides = {to_int(o.get(w("ilvl")), 0): to_int(s.get(VAL), 1)
                     for o in n.iter(w("lvlOverride")) if (s := o.find(w("startOverride"))) is not None}
        if abs_el is not None:
            num.nums[n.get(w("numId"))] = (abs_el.get(VAL), overrides)
    return num


def lvl_to_level(lv) -> Level:
    get = lambda tag, d: (e.get(VAL, d) if (e := lv.find(w(tag))) is not None else d)  # noqa: E731
    return Level(to_int(get("start", "1"), 1), get("numFmt", "decimal"), get("lvlText", ""))


def package_to_context(pkg, settings: DocxSettings) -> Context:
    styles_el = pkg.styles.element
    part = pkg.part
    numbering_el = None
    try:
        numbering_el = part.numbering_part.element
    except (NotImplementedError, KeyError):
        pass
    return Context(styles_to_info(styles_el, settings), default_paragraph_style(styles_el),
                   default_run_bold(styles_el), numbering_el_to_numbering(numbering_el), settings,
                   dtd_to_entities(pkg.element, settings))


def dtd_to_entities(root, settings: DocxSettings) -> Entities:
    """The plain-text internal entities of the part's DTD (Word writes none; other tools
    declare ``&nbsp;`` and the like). External ones are left out: never fetched, never shown;
    an entity whose text holds references or markup is left out too (no nesting to expand)."""
    dtd = root.getroottree().docinfo.internalDTD
    entities = dtd.iterentities() if dtd is not None else ()
    declared = {e.name: e.content for e in entities
                if e.system_url is None and is_plain(e.content, settings.max_entity_text)}
    return Entities(declared, settings.entity_budget)


def is_plain(text: str | None, limit: int) -> bool:
    return bool(text) and len(text) <= limit and "&" not in text and "<" not in text


# ---------------------------------------------------------------- paragraphs

def flow_children(el) -> Iterator:
    """Children of a body/cell, looking through content controls and custom XML."""
    for child in el:
        if child.tag in TRANSPARENT:
            yield from flow_children(child)
        elif child.tag not in PRUNED:
            yield child


def p_to_runs(p) -> Iterator:
    """The ``w:r`` runs whose text is shown, in order (hyperlinks, fields, insertions included)."""
    for child in p:
        if child.tag == R:
            if not is_hidden(child):
                yield child
        elif child.tag in TRANSPARENT:
            yield from p_to_runs(child)


def is_hidden(r) -> bool:
    """Hidden text (``w:vanish``) is not shown or printed: form hints, template notes."""
    rpr = r.find(w("rPr"))
    return rpr is not None and bool(on_off(rpr.find(w("vanish"))))


def run_to_text(r, entities: Entities) -> str:
    """A run's visible text; drawings and text boxes inside the run are skipped."""
    parts = []
    for child in r:
        if child.tag == w("t"):
            parts.append(t_to_text(child, entities))
        elif child.tag in RUN_TEXT:
            parts.append(RUN_TEXT[child.tag])
    return "".join(parts)


def t_to_text(t, entities: Entities) -> str:
    """A ``w:t``'s text. An entity reference the parser left unresolved (one a DTD
    declares) is a node inside it, and the text after it is that node's tail: read
    both, or the text after the reference is lost. A comment's tail likewise."""
    if not len(t):
        return t.text or ""
    parts = [t.text or ""]
    for child in t:
        if child.tag is etree.Entity:
            parts.append(entities.expand(child.name))
        parts.append(child.tail or "")
    return "".join(parts)


def run_is_bold(r, pstyle: StyleInfo, ctx: Context) -> bool:
    """Direct formatting, then character style, then paragraph style, then defaults."""
    rpr = r.find(w("rPr"))
    if rpr is not None:
        direct = on_off(rpr.find(w("b")))
        if direct is not None:
            return direct
        rs = rpr.find(w("rStyle"))
        if rs is not None and (cs := ctx.styles.get(rs.get(VAL))) and cs.bold is not None:
            return cs.bold
    return pstyle.bold if pstyle.bold is not None else ctx.default_bold


def p_style(p, ctx: Context) -> StyleInfo:
    ppr = p.find(w("pPr"))
    ps = ppr.find(w("pStyle")) if ppr is not None else None
    sid = ps.get(VAL) if ps is not None else ctx.default_pstyle
    return ctx.styles.get(sid, StyleInfo()) if sid else StyleInfo()


def p_to_label(p, style: StyleInfo, ctx: Context) -> str:
    """The auto-number Word would show in front of the paragraph ("" if none)."""
    if not ctx.settings.render_numbering:
        return ""
    num = num_pr(p.find(w("pPr"))) or style.num
    if num is None or num[0] in (None, "0"):  # numId 0 switches a style's numbering off
        return ""
    return ctx.numbering.label(num[0], num[1], ctx.settings)


def count_text_boxes(body) -> int:
    """Text boxes with text in the body (a box's VML fallback copy not counted twice)."""
    boxes = TEXT_BOXES(body)
    return sum(1 for b in boxes if "".join(b.itertext()).strip())


def p_to_text(p, ctx: Context) -> tuple[str, bool, StyleInfo]:
    """Paragraph text (number label included), whether it is all bold, and its style."""
    style = p_style(p, ctx)
    runs = [(run_to_text(r, ctx.entities), r) for r in p_to_runs(p)]
    text = "".join(t for t, _ in runs).strip()
    label = p_to_label(p, style, ctx)
    if label and text:
        text = f"{label}{ctx.settings.number_sep}{text}"
    elif label:
        text = label
    inked = [r for t, r in runs if t.strip()]
    bold = bool(inked) and all(run_is_bold(r, style, ctx) for r in inked)
    return text, bold, style


def p_to_paragraph(p, n: int, ctx: Context) -> Paragraph | None:
    """A body paragraph as the n-th `Paragraph`; None when it shows no text."""
    text, bold, style = p_to_text(p, ctx)
    if not text:
        return None
    level = outline_to_level(p.find(w("pPr")), ctx.settings)
    return Paragraph(text, Prov(None, f"para:{n}"), level if level is not None else style.level, bold)


# ---------------------------------------------------------------- tables

@dataclass
class RawCell:
    """One ``w:tc`` before merging: where it starts and what it spans."""

    col: int
    span: int
    vmerge: str | None  # "restart", "continue" or None
    text: str


MAX_SPAN = 512  # Word allows 63 columns; a damaged file must not blow the grid up


def int_prop(parent, path: str, default: int) -> int:
    el = parent.find(path) if parent is not None else None
    v = el.get(VAL) if el is not None else None
    return min(int(v), MAX_SPAN) if v and v.isdigit() else default


def tc_to_text(tc, ctx: Context) -> str:
    """A cell's paragraphs joined with newlines; nested tables flattened in place."""
    parts = []
    for child in flow_children(tc):
        if child.tag == P:
            parts.append(p_to_text(child, ctx)[0])
        elif child.tag == TBL:
            parts.append(tbl_to_flat_text(child, ctx))
    return "\n".join(s for s in parts if s)


def tbl_to_flat_text(tbl, ctx: Context) -> str:
    """A nested table as text: one line per row, merged cells once."""
    s = ctx.settings
    table = tbl_to_table(tbl, 0, ctx)
    rows = [s.nested_cell_sep.join(c.text for c in table.origins(r) if c.text)
            for r in range(table.n_rows)]
    return s.nested_row_sep.join(r for r in rows if r)


def tr_to_raw(tr, ctx: Context) -> list[RawCell]:
    """One row's cells with their grid columns (``w:gridBefore`` shifts the first)."""
    trpr = tr.find(w("trPr"))
    col = int_prop(trpr, w("gridBefore"), 0)
    cells = []
    for tc in flow_children(tr):
        if tc.tag != TC:
            continue
        tcpr = tc.find(w("tcPr"))
        span = max(1, int_prop(tcpr, w("gridSpan"), 1))
        vm = tcpr.find(w("vMerge")) if tcpr is not None else None
        vmerge = None if vm is None else ("restart" if vm.get(VAL) == "restart" else "continue")
        hm = tcpr.find(w("hMerge")) if tcpr is not None else None
        if hm is not None and hm.get(VAL) != "restart" and cells:  # legacy horizontal merge
            cells[-1].span += span
        else:
            cells.append(RawCell(col, span, vmerge, tc_to_text(tc, ctx)))
        col += span
    return cells


def raw_to_grid(rows: list[list[RawCell]]) -> list[list[Cell]]:
    """Place merged cells at every position they cover; pad holes with empty cells."""
    width = max((c.col + c.span for row in rows for c in row), default=0)
    grid: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        line: list[Cell | None] = [None] * width
        for rc in row:
            above = grid[r - 1][rc.col] if r and rc.vmerge == "continue" else None
            if above is not None and above.col == rc.col:
                above.rowspan = r - above.row + 1
                cell = above
            else:
                cell = Cell(rc.text, r, rc.col, 1, rc.span)
            for c in range(rc.col, rc.col + rc.span):
                line[c] = cell
        grid.append(line)
    return [[c if c is not None else Cell("", r, j) for j, c in enumerate(line)]
            for r, line in enumerate(grid)]


def tbl_to_table(tbl, n: int, ctx: Context) -> Table:
    """A ``w:tbl`` as the n-th `Table`, its merges resolved into the full grid."""
    rows = [tr_to_raw(tr, ctx) for tr in flow_children(tbl) if tr.tag == TR]
    return Table(raw_to_grid(rows), Prov(None, f"table:{n}"))


# ---------------------------------------------------------------- document

def body_to_blocks(body, ctx: Context) -> list[Block]:
    """Paragraphs and tables in body order; locators count emitted blocks of each kind."""
    blocks: list[Block] = []
    n_para = n_table = 0
    for el in flow_children(body):
        if el.tag == P:
            para = p_to_paragraph(el, n_para + 1, ctx)
            if para is not None:
                n_para += 1
                blocks.append(para)
        elif el.tag == TBL:
            table = tbl_to_table(el, n_table + 1, ctx)
            if table.n_rows:
                n_table += 1
                blocks.append(table)
    return blocks


def read_docx(path: Path, doc_id: str, settings: DocxSettings = DEFAULT_SETTINGS) -> Document:
    """Read a .docx file into a `Document`; raise `ReaderError` if it cannot be read."""
    path = Path(path)
    pkg = path_to_package(path, settings.zip_limits)
    try:
        ctx = package_to_context(pkg, settings)
        body = pkg.element.body
        blocks = body_to_blocks(body, ctx)
        boxes = count_text_boxes(body)
    except ReaderError:
        raise
    except Exception as e:  # malformed XML values (non-numeric spans, ...) must not escape
        raise ReaderError(f"DOCX is damaged ({type(e).__name__}: {e})") from e
    warnings = [f"{boxes} text box(es) ignored"] if boxes else []
    return Document(doc_id, str(path), "docx", blocks, pages=None, warnings=warnings)


__all__ = ["read_docx", "DocxSettings", "DEFAULT_SETTINGS"]
