"""Tesseract OCR of one page image: words with their boxes, baselines and confidence.

    find_tessdata   the folder holding kaz/rus/eng traineddata, or a `ReaderError`
                    naming the Debian package to install
    engine          this process's engine: the Tesseract API through tesserocr
                    (the model stays loaded, one per thread), else the CLI
    ocr_image       a grey page image -> `OcrWord`s in image pixels

Tesseract runs single-threaded (``OMP_THREAD_LIMIT=1``: its own OpenMP
threading was measured 7x slower on 2 cores); pages go in parallel across
threads instead, since tesserocr releases the GIL while it recognises.
"""
from __future__ import annotations

import csv
import dataclasses
import io
import os
import re
import shutil
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from PIL import Image

from esep.readers.base import ReaderError

os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # before libtesseract is loaded

TESSDATA_DIRS = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                 "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
                 "/usr/local/share/tesseract-ocr/tessdata")
# a Latin word, maybe quoted or with trailing punctuation: «JasART», TEDx, @jasart, site.kz
LATIN_WORD = re.compile(r"[«\"'(@]*[A-Za-z][A-Za-z0-9.\-_/]+[A-Za-z0-9][»\"'),.:;]*")
# Cyrillic read by the English model: ы as "bI", ш as "UI" ("KaTbICYUIbiap", "SKVMBICTADbIH")
CYRILLIC_AS_LATIN = re.compile(r"b[Il1i]|UI|IO")
# Signs that a word read by the Russian-first model is Kazakh: э inside a word (Russian
# has it mostly at the start), a patronymic or name ending, Kazakh word shapes
KAZAKH_LOOKING = re.compile(r"(?i)\wэ|(?:[уу]лы|кызы|қызы)\W*$|^[КК]ожа|^Ж?[аa]йм|\w+(?:ұлы|бек|бай|гүл)\W*$")
KAZAKH_LETTER = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile(r"[а-яё]", re.I)
NAME_LIKE = re.compile(r"[«\"]?[А-ЯЁ][а-яё]+")  # a capitalised or quoted Cyrillic word


def quoted(words: list[OcrWord]) -> list[bool]:
    """Per word: it stands inside «...» (a name: of a project, a fund, often Kazakh in
    Russian text, «Саналы ұрпақ»), the quote marks' own words included."""
    out, inside = [], False
    for w in words:
        opens = "«" in w.text
        out.append(inside or opens)
        if opens:
            inside = True
        if "»" in w.text or not inside:
            inside = False
    return out


def kazakh_near(words: list[OcrWord], i: int, span: int = 2) -> bool:
    """A word of the same line, at most ``span`` words away, holds a Kazakh letter."""
    w = words[i]
    near = words[max(0, i - span): i] + words[i + 1: i + 1 + span]
    return any(v.line == w.line and KAZAKH_LETTER.search(v.text) for v in near)
PACKAGES = {"kaz": "tesseract-ocr-kaz", "rus": "tesseract-ocr-rus", "eng": "tesseract-ocr-eng"}
NO_TESSERACT = ("Tesseract is not installed: install the Debian packages tesseract-ocr, "
                "tesseract-ocr-kaz and tesseract-ocr-rus to read scanned pages")


@dataclass(frozen=True)
class OcrSettings:
    """How Tesseract is asked to read a page."""

    # Kazakh first (its model knows ә ғ қ ң ө ұ ү һ і), Russian, and English, without
    # which Latin names and URLs come out in Cyrillic letters.
    languages: str = "kaz+rus+eng"
    psm: int = 3  # fully automatic page segmentation: columns, tables and blocks
    tessdata: str | None = None  # folder of *.traineddata; found when None
    cli: str | None = None  # force the command line with this tesseract binary
    timeout: float = 120.0  # seconds for one page through the CLI
    # a word below this confidence is read again by the English model alone, and that
    # reading is kept when it is Latin and this much surer (API engine only)
    reread_below: float = 0.8  # measured: «ЛазАВТ» 0.53-0.68, «JaSART» 0.79, «./а5 0.50
    reread_gain: float = 0.1
    reread_accept: float = 0.85  # ... and at least this sure (measured: «JasART» 0.86, Cyrillic words ~0)


@dataclass(frozen=True)
class OcrWord:
    """One word Tesseract read, in image pixels (top-left origin)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float  # y of the baseline under the word's centre
    line_height: float  # height of its text line (ascender to descender)
    confidence: float  # 0..1
    line: int  # index of its text line on the page, in Tesseract's reading order


def languages_of(spec: str) -> list[str]:
    return [l for l in spec.split("+") if l]


def has_languages(folder: Path, langs: list[str]) -> bool:
    return all((folder / f"{l}.traineddata").is_file() for l in langs)


def find_tessdata(s: OcrSettings) -> str:
    """The tessdata folder with every language of ``s``; else name the missing package."""
    langs = languages_of(s.languages)
    # a folder the user names is the only one looked in
    candidates = [s.tessdata] if s.tessdata else [os.environ.get("TESSDATA_PREFIX"), *TESSDATA_DIRS]
    folders = [Path(c) for c in candidates if c]
    folders += [f / "tessdata" for f in folders]  # TESSDATA_PREFIX may name the parent
    for f in folders:
        if has_languages(f, langs):
            return str(f)
    present = next((f for f in folders if any(f.glob("*.traineddata"))), None)
    if present is None:
        raise ReaderError(NO_TESSERACT)
    missing = [l for l in langs if not (present / f"{l}.traineddata").is_file()]
    pkgs = ", ".join(PACKAGES.get(l, f"tesseract-ocr-{l}") for l in missing)
    raise ReaderError(f"Tesseract has no language data for {'+'.join(missing)}: install {pkgs}")


class Engine(Protocol):
    name: str

    def read(self, img: Image.Image, dpi: int) -> list[OcrWord]: ...

    def read_digits(self, img: Image.Image, dpi: int) -> tuple[str, float]: ...


# A table cell read again alone (esep.readers.scan_cells): one line, digits only (and the
# dot of "4.": without it a row number's dot drags the digit's confidence to 0). The
# English model: digits are the same in every script, and no Cyrillic letter competes.
DIGITS = "0123456789."
DIGITS_LANG = "eng"


class ApiEngine:
    """Tesseract's API through tesserocr: one loaded model per thread, reused for every page."""

    name = "tesserocr"

    def __init__(self, s: OcrSettings):
        import tesserocr  # noqa: F401 - fail here, so that `engine` can fall back to the CLI

        self.settings, self.tessdata = s, find_tessdata(s)
        self._local = threading.local()

    def _api(self):
        import tesserocr

        api = getattr(self._local, "api", None)
        if api is None:
            api = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=self.settings.languages,
                                          psm=self.settings.psm)
            self._local.api = api
        return api

    def _word_api(self, lang: str):
        """A second model, for one word at a time (single-word page segmentation)."""
        import tesserocr

        apis = getattr(self._local, "word", None)
        if apis is None:
            apis = self._local.word = {}
        if lang not in apis:
            apis[lang] = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=lang, psm=tesserocr.PSM.SINGLE_WORD)
        return apis[lang]

    def _digits_api(self):
        import tesserocr

        api = getattr(self._local, "digits", None)
        if api is None:
            api = tesserocr.PyTessBaseAPI(path=self.tessdata, lang=DIGITS_LANG, psm=tesserocr.PSM.SINGLE_LINE)
            api.SetVariable("tessedit_char_whitelist", DIGITS)
            self._local.digits = api
        return api

    def read_digits(self, img: Image.Image, dpi: int) -> tuple[str, float]:
        """One line of digits (a table cell): its text and mean confidence."""
        api = self._digits_api()
        api.SetImage(img)
        api.SetSourceResolution(dpi)
        return (api.GetUTF8Text() or "").strip(), api.MeanTextConf() / 100.0

    def read(self, img: Image.Image, dpi: int) -> list[OcrWord]:
        api = self._api()
        api.SetImage(img)
        api.SetSourceResolution(dpi)
        api.Recognize()
        words = api_words(api)
        names = quoted(words)
        for i, w in enumerate(words):  # in order: a name read again as Kazakh helps the next
            words[i] = self.reread(img, w, dpi, kazakh_near(words, i), names[i])
        return words

    def reread(self, img: Image.Image, w: OcrWord, dpi: int, near_kazakh: bool = False,
               in_name: bool = False) -> OcrWord:
        """A word the mixed model may have read in the wrong alphabet, read again alone.

        Latin names inside Kazakh or Russian text ("JasART", "TEDx") come out of
        the mixed model as Cyrillic look-alikes when it doubts them; with Russian
        first, Kazakh names in Russian text lose their letters ("Кәдеш" -> "Кэдеш",
        "Данәлұлы" -> "Данэлулы"): a word that looks Kazakh, or a name beside a Kazakh
        word ("Канат Сәлімгерейұлы", "«Когамдык келісім»"), or a word of a name in quotes
        («Саналы урпак», «Жаркын болашак»), is read by the Kazakh model; its reading is kept
        when it has Kazakh letters in the same number of letters, about as sure.
        """
        langs, s = languages_of(self.settings.languages), self.settings
        if w.confidence < s.reread_below and "eng" in langs:
            text, conf = self.read_word(img, w, dpi, "eng")
            if LATIN_WORD.fullmatch(text) and not CYRILLIC_AS_LATIN.search(text) and not case_flips(text) \
                    and not cyrillic_shapes(text) \
                    and not same_shapes(text, w.text) and conf >= max(w.confidence + s.reread_gain, s.reread_accept):
                return dataclasses.replace(w, text=text, confidence=conf)
        looks = KAZAKH_LOOKING.search(w.text) or (near_kazakh and NAME_LIKE.match(w.text)) \
            or (in_name and CYRILLIC.search(w.text))
        if langs[:1] == ["rus"] and "kaz" in langs and looks and not KAZAKH_LETTER.search(w.text):
            text, conf = self.read_word(img, w, dpi, "kaz")
            if KAZAKH_LETTER.search(text) and len(text) == len(w.text) and conf >= w.confidence - 0.05:
                return dataclasses.replace(w, text=text, confidence=conf)
        return w

    def read_word(self, img: Image.Image, w: OcrWord, dpi: int, lang: str) -> tuple[str, float]:
        pad = 4
        crop = img.crop((max(0, w.x0 - pad), max(0, w.top - pad), w.x1 + pad, w.bottom + pad))
        api = self._word_api(lang)
        api.SetImage(crop)
        api.SetSourceResolution(dpi)
        return (api.GetUTF8Text() or "").strip(), api.MeanTextConf() / 100.0


LOOKALIKES = str.maketrans("ABCEHKMOPTXaceopxy", "АВСЕНКМОРТХасеорху")


# Latin letters that stand for Cyrillic ones in print: а в с е н к м о р т х у, п or л (n), і (i);
# not u, b, r, m (и, ь, г, т), which Latin names share ("YouTube")
CYRILLIC_SHAPED = frozenset("ABCEHKMOPTXYaceopxyni")


def cyrillic_shapes(text: str) -> bool:
    """"Bananap" for "Балалар": a word of Latin letters that all have a Cyrillic twin is a
    Cyrillic word the English model read (a Latin name has others: "JasART", "Dala Media")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and all(ch in CYRILLIC_SHAPED for ch in letters)


def case_flips(text: str) -> bool:
    """"OcnaHoBa" for "Оспанова": a capital after a small letter twice is Cyrillic read as Latin
    (a Latin name has one at most: "JasART", "McDonald", "YouTube")."""
    return sum(1 for a, b in zip(text, text[1:]) if a.islower() and b.isupper()) >= 2


def same_shapes(latin: str, cyrillic: str) -> bool:
    """"TOM" for "том": the English model read the same letter shapes, no Latin word."""
    return latin.translate(LOOKALIKES).lower() == cyrillic.lower()


def api_words(api) -> list[OcrWord]:
    """Walk the recognised page word by word, carrying each line's height along."""
    from tesserocr import RIL

    it, words, line, height = api.GetIterator(), [], -1, 0.0
    if it is None:
        return words
    while True:
        text = (it.GetUTF8Text(RIL.WORD) or "").strip()
        if it.IsAtBeginningOf(RIL.TEXTLINE):
            line += 1
            height = (it.RowAttributes() or {}).get("row_height", 0.0)
        box = it.BoundingBox(RIL.WORD)
        if text and box:
            words.append(word_of(text, box, it.Baseline(RIL.WORD), height, it.Confidence(RIL.WORD), line))
        if not it.Next(RIL.WORD):
            return words


def word_of(text: str, box, base, height: float, conf: float, line: int) -> OcrWord:
    x0, top, x1, bottom = box
    if base:  # the baseline's two ends; take its height under the word's centre
        (bx0, by0), (bx1, by1) = base
        t = 0.5 if bx1 == bx0 else ((x0 + x1) / 2 - bx0) / (bx1 - bx0)
        baseline = by0 + t * (by1 - by0)
    else:
        baseline = bottom
    return OcrWord(text, x0, top, x1, bottom, baseline, height or (bottom - top), conf / 100.0, line)


class CliEngine:
    """The ``tesseract`` command, one process per page, reading its TSV output."""

    name = "tesseract-cli"

    def __init__(self, s: OcrSettings):
        self.settings = s
        self.binary = s.cli or shutil.which("tesseract")
        if not self.binary:
            raise ReaderError(NO_TESSERACT)
        self.tessdata = find_tessdata(s)

    def read(self, img: Image.Image, dpi: int) -> list[OcrWord]:
        buf = io.BytesIO()
        img.save(buf, "PNG")
        cmd = [self.binary, "stdin", "stdout", "-l", self.settings.languages, "--psm",
               str(self.settings.psm), "--dpi", str(dpi), "--tessdata-dir", self.tessdata, "tsv"]
        try:
            out = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, check=True,
                                 timeout=self.settings.timeout).stdout
        except subprocess.TimeoutExpired as e:
            raise ReaderError(f"tesseract timed out after {self.settings.timeout:.0f} s on a page") from e
        except subprocess.CalledProcessError as e:
            raise ReaderError(f"tesseract failed: {e.stderr.decode('utf-8', 'replace').strip()[:200]}") from e
        return tsv_words(out.decode("utf-8", "replace"))

    def read_digits(self, img: Image.Image, dpi: int) -> tuple[str, float]:
        """One line of digits (a table cell): its text and mean word confidence."""
        buf = io.BytesIO()
        img.save(buf, "PNG")
        cmd = [self.binary, "stdin", "stdout", "-l", DIGITS_LANG, "--psm", "7", "--dpi", str(dpi),
               "--tessdata-dir", self.tessdata, "-c", f"tessedit_char_whitelist={DIGITS}", "tsv"]
        try:
            out = subprocess.run(cmd, input=buf.getvalue(), capture_output=True, check=True,
                                 timeout=self.settings.timeout).stdout
        except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
            return "", 0.0  # the page's own reading stands
        words = tsv_words(out.decode("utf-8", "replace"))
        conf = sum(w.confidence for w in words) / len(words) if words else 0.0
        return " ".join(w.text for w in words), conf


def tsv_words(tsv: str) -> list[OcrWord]:
    """Words of Tesseract's TSV (level 5 rows); a line's baseline is taken at its bottom."""
    rows = [r for r in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
            if r.get("level") == "5" and (r.get("text") or "").strip()]
    lines: dict[tuple, list[dict]] = {}
    for r in rows:
        lines.setdefault((r["page_num"], r["block_num"], r["par_num"], r["line_num"]), []).append(r)
    words = []
    for n, members in enumerate(lines.values()):
        tops = [int(r["top"]) for r in members]
        bottoms = [int(r["top"]) + int(r["height"]) for r in members]
        height = max(bottoms) - min(tops)
        for r in members:
            x0, top = int(r["left"]), int(r["top"])
            box = (x0, top, x0 + int(r["width"]), top + int(r["height"]))
            words.append(word_of(r["text"].strip(), box, None, height, float(r["conf"]), n))
    return words


_engines: dict[tuple[int, OcrSettings], Engine] = {}
_engines_lock = threading.Lock()


def engine(s: OcrSettings = OcrSettings()) -> Engine:
    """This process's engine for ``s`` (a forked worker makes its own)."""
    key = (os.getpid(), s)
    with _engines_lock:
        if key not in _engines:
            _engines[key] = make_engine(s)
        return _engines[key]


def make_engine(s: OcrSettings) -> Engine:
    if s.cli is None:
        try:
            return ApiEngine(s)
        except ImportError:
            pass
    return CliEngine(s)


def ocr_image(img: Image.Image, dpi: int, s: OcrSettings = OcrSettings()) -> list[OcrWord]:
    """The words on a grey page image, Tesseract's known misreadings of signs mended."""
    return mend_words(engine(s).read(img, dpi), kazakh=languages_of(s.languages)[:1] == ["kaz"])


# "№" as Tesseract reads it ("Мо", "No", "N°", "N9", "Хо"): alone (a table's header cell) or before a number
NUMERO = re.compile(r"[МMNНХX][оoОO0°º9sе]\.?")
# an abbreviation in capitals, or a short word, read in Latin look-alikes on a Cyrillic page:
# "KMM", "TOO", "Ha" (на), "co" (со)
CAPS_LOOKALIKE = re.compile(r"[«(\"]*(?:[ABCEHKMOPTX]{2,5}|[ABCEHKMOPTX]?[aceopxy]{1,3})[»),.:;\"]*")


# ъ read as ь after a Russian prefix, before a vowel it separates: "разьяснение", "обьем", "подьезд"
HARD_SIGN = re.compile(r"(?i)(?<![а-яё])(раз|рас|без|бес|из|ис|воз|вз|низ|через|об|под|над|от|пред|сверх|меж|суб|с)ь(?=[еёюя])")
PLUS_SEVEN = re.compile(r"^%(?=7(?:\d|$))")  # "+7 708 ..." read as "%7 708 ..."
GROUPED = re.compile(r"\d{4,6}")  # "2750" before "000": "2 750 000" with a space missed


ANGLE_QUOTES = ((re.compile(r"^<(?=\w)"), "«"), (re.compile(r"(?<=\w)>(?=\W*$)"), "»"))  # "<Jastar Hub»"


@lru_cache(maxsize=1)
def unlettered_forms() -> dict[str, str]:
    from esep.normalize.orgs import kazakh_short_forms_unlettered
    return kazakh_short_forms_unlettered()


def mend_text(text: str, after: str, kazakh: bool = False) -> str:
    """One word's known misreadings mended, given the next word on its line."""
    for pattern, quote in ANGLE_QUOTES:
        text = pattern.sub(quote, text)
    if kazakh:
        text = KAZAKH_AE.sub(lambda m: "Ә" if m.group(0).isupper() else "ә", text)
        core = text.strip(".,;:)»")  # a legal form after a name: "«Қамқорлық» КБ" is ҚБ
        if core in unlettered_forms():
            text = text.replace(core, unlettered_forms()[core], 1)
    text = HARD_SIGN.sub(lambda m: m.group(1) + ("Ъ" if m.group(0)[-1].isupper() else "ъ"), text)
    text = PLUS_SEVEN.sub("+", text)
    if GROUPED.fullmatch(text) and re.fullmatch(r"\d{3}\b.*", after):
        head = len(text) % 3 or 3
        text = " ".join([text[:head]] + [text[k:k + 3] for k in range(head, len(text), 3)])
    return text


# in Kazakh text э stands at a word's start ("экстремизм"); after a consonant it is ә misread
# ("Кэмелетке", "мэдени"); a Russian "мэр" in a Kazakh report is the price
KAZAKH_AE = re.compile(r"(?<=[бвгғджзйкқлмнңпрстфхһцчшщ])э", re.I)


def mend_words(words: list[OcrWord], kazakh: bool = False) -> list[OcrWord]:
    """Each word, "№" and Cyrillic capitals given back their letters where the line says so;
    ``kazakh``: the page was read Kazakh first, so an э after a consonant is ә."""
    out = list(words)
    lines: dict[int, list[OcrWord]] = {}
    for w in words:
        lines.setdefault(w.line, []).append(w)
    cyrillic_page = sum(1 for w in words if CYRILLIC.search(w.text)) >= 0.5 * len(words)
    for i, w in enumerate(words):
        line = lines[w.line]
        k = next(j for j, v in enumerate(line) if v is w)
        after = line[k + 1].text if k + 1 < len(line) else ""
        if NUMERO.fullmatch(w.text) and (len(line) == 1 or after[:1].isdigit()):
            out[i] = dataclasses.replace(w, text="№")
        elif CAPS_LOOKALIKE.fullmatch(w.text) and cyrillic_page:
            out[i] = dataclasses.replace(w, text=w.text.translate(LOOKALIKES))
        elif w.text == "--":  # a dash between words, read as two hyphens
            out[i] = dataclasses.replace(w, text="–")
        elif (mended := mend_text(w.text, after, kazakh)) != w.text:
            out[i] = dataclasses.replace(w, text=mended)
    # a lone bar is what is left of a ruling line beside a cell's text, not a word
    return [w for w in out if w.text.strip("|") != ""]


__all__ = ["OcrSettings", "OcrWord", "Engine", "engine", "ocr_image", "find_tessdata", "NO_TESSERACT"]
