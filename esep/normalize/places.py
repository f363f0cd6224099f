"""Place names: find them in Kazakh and Russian text and name them canonically.

The canonical name is the Kazakh official nominative with its type word
("Маңғыстау облысы", "Ақтау қаласы", "Құрық ауылы"), from the reviewed
gazetteer ``data/gazetteer/places.tsv``; type words and their positions are
in ``data/gazetteer/place_types.tsv``.

What counts as a mention:
* a stem with its type word in any case form: "Мұнайлы ауданының",
  "«Қаражанбас» кен орындарында", "г.Актау", "Мангистауской области";
* the type word decides the kind: "Маңғыстау ауданы" is not "Маңғыстау
  облысы"; a settlement word (кент, ауыл, поселок, село) matches the
  gazetteer's settlement whatever its own type;
* adjectives ("облыстық", "аудандық", "қалалық") are not mentions;
* a bare stem counts only for places flagged ``bare`` (cities such as Ақтау,
  Жаңаөзен) and only when no type word or adjective follows it.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from esep.normalize.orgs import KK_RU_ENDING, fold_homoglyphs_1to1, fold_letters
from esep.paths import data_dir

_Q_OPEN = r"(?:[«\"“„]|\*\*)?"  # a quote, or markdown bold from exported text
_Q_CLOSE = r"(?:[»\"”“]|\*\*)?"
_OPENERS = "«\"“„*"
_RU_ADJ_END = r"(?:ая|ой|ую|ий|ого|ому|ом|им|ым|ое|ых|их)"
_RU_NOUN_END = r"(?:е|а|у|ом|ы)?"
_TYPE_AHEAD = (r"(?!\s*[»\"”]?\s+(?:облыс|аудан|қала|ауыл|кент|кен\s*ор|поселке|село"
               r"|район|област|р-н|месторожд)\w*)")
_KIND_ORDER = ("city", "region", "district", "town", "village", "site")


@dataclass(frozen=True)
class PlaceMatch:
    """A place mention: where it is, what it says, and its canonical name."""

    start: int
    end: int
    raw: str
    canonical: str  # Kazakh official nominative with type word
    kind: str  # region | city | district | town | village | site
    region: str | None  # canonical name of its region


@dataclass(frozen=True)
class Place:
    """One gazetteer row, with the stems it is written with."""

    id: str
    kind: str
    name_kk: str
    name_ru: str
    stems: tuple[str, ...]  # stems and full-name variants' stems
    adj_stems: tuple[str, ...]  # Russian adjective stems ("Мангистауск")
    literals: tuple[str, ...]  # abbreviations matched as they are ("ВКО")
    parent_id: str
    bare: bool


# --- loading ---------------------------------------------------------------------

def _read_tsv(name: str) -> list[dict[str, str]]:
    path = data_dir() / "gazetteer" / name
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _spelling_regex(spelling: str) -> str:
    """"кен орн~" -> regex; "~" takes an ending, words may be written together."""
    parts = []
    for w in spelling.split():
        stem = re.escape(w.rstrip("~"))
        parts.append(stem + KK_RU_ENDING if w.endswith("~") else stem)
    return r"\s*".join(parts)


@lru_cache(maxsize=1)
def _types() -> dict[tuple[str, str], str]:
    """(kind, position) -> regex alternation of its type words."""
    out: dict[tuple[str, str], list[str]] = {}
    for row in _read_tsv("place_types.tsv"):
        out.setdefault((row["kind"], row["position"]), []).append(_spelling_regex(row["spelling"]))
    return {k: "|".join(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _is_type_word(word: str, kind: str) -> bool:
    return any(re.fullmatch(f"(?:{alt})", word, re.I)
               for (k, _pos), alt in _types().items() if k == kind)


def _read_variant(variant: str, kind: str) -> tuple[str, str, str]:
    """(stem, adjective stem, literal) from one spelling; two are empty."""
    if variant.startswith("="):
        return "", "", variant[1:]
    words = variant.split()
    if len(words) > 1 and _is_type_word(words[-1], kind):
        head = " ".join(words[:-1])
        if re.search(r"(?:ая|ий|ое|ой)$", head) and re.search(r"(?:ск|цк)..$", head):
            return "", head[:-2], ""
        return head, "", ""
    if len(words) > 1 and _is_type_word(words[0], kind):
        return " ".join(words[1:]), "", ""
    return variant, "", ""


def _place(row: dict[str, str]) -> Place:
    spellings = [row["stem_kk"], row["stem_ru"], row["name_ru"], row["name_kk"]]
    spellings += [v for v in row["variants"].split("|") if v.strip()]
    read = [_read_variant(v.strip(), row["kind"]) for v in spellings if v.strip()]
    uniq = lambda xs: tuple(dict.fromkeys(x for x in xs if x))  # noqa: E731
    return Place(row["id"], row["kind"], row["name_kk"], row["name_ru"],
                 uniq(r[0] for r in read), uniq(r[1] for r in read),
                 uniq(r[2] for r in read), row["parent_id"], row["bare"] == "1")


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Place, ...]:
    """Every place of ``data/gazetteer/places.tsv``."""
    return tuple(_place(row) for row in _read_tsv("places.tsv"))


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Place]:
    return {p.id: p for p in gazetteer()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, Place]:
    return {p.name_kk: p for p in gazetteer()}


# --- patterns ------------------------------------------------------------------

def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _typed_patterns(p: Place) -> list[str]:
    stems, types, out = _alt(p.stems), _types(), []
    if after := types.get((p.kind, "after")):
        out.append(rf"(?<![\w-]){_Q_OPEN}(?:{stems}){_Q_CLOSE}\s+(?:{after})(?!\w)")
    if before := types.get((p.kind, "before")):
        out.append(rf"(?<![\w-])(?:{before})\s*{_Q_OPEN}(?:{stems}){_RU_NOUN_END}{_Q_CLOSE}(?![\w-])")
    if (adj := types.get((p.kind, "adj"))) and p.adj_stems:
        out.append(rf"(?<![\w-])(?:{_alt(p.adj_stems)}){_RU_ADJ_END}\s+(?:{adj})(?![\w.])")
    return out


@lru_cache(maxsize=1)
def _bare_ambiguous() -> frozenset[str]:
    seen: dict[str, int] = {}
    for p in gazetteer():
        for s in p.stems if p.bare else ():
            seen[s] = seen.get(s, 0) + 1
    return frozenset(s for s, n in seen.items() if n > 1)


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], Place], ...]:
    out = []
    for p in gazetteer():
        out += [(re.compile(rx, re.I), p) for rx in _typed_patterns(p)]
        if p.literals:
            out.append((re.compile(rf"(?<![\w-])(?:{_alt(p.literals)})(?![\w-])"), p))
        bare = tuple(s for s in p.stems if s not in _bare_ambiguous()) if p.bare else ()
        if bare:
            rx = rf"(?<![\w-])(?:{_alt(bare)}){KK_RU_ENDING}(?![\w-]){_TYPE_AHEAD}"
            out.append((re.compile(rx), p))
    return tuple(out)


# --- public API ------------------------------------------------------------------

def region_of(canonical: str) -> str | None:
    """The region of a place (a region, or a city without parent, is its own)."""
    place = _by_name().get(canonical)
    seen = set()
    while place is not None and place.id not in seen:
        seen.add(place.id)
        if place.kind == "region" or not place.parent_id:
            return place.name_kk
        place = _by_id().get(place.parent_id)
    return None


def _match(m: re.Match[str], p: Place, text: str) -> PlaceMatch:
    start, end = m.start(), m.end()
    while start < end and text[start] in _OPENERS and not re.search(r"[»\"”“]|\*\*", text[start + 1:end]):
        start += 1  # an opening quote of something longer ("«Маңғыстау облысының ... » ММ")
    return PlaceMatch(start, end, text[start:end], p.name_kk, p.kind, region_of(p.name_kk))


def find_places(text: str) -> list[PlaceMatch]:
    """Place mentions in running text, left to right, longest first on overlap."""
    folded = fold_homoglyphs_1to1(text)
    found = [_match(m, p, text) for rx, p in _patterns() for m in rx.finditer(folded)]
    found.sort(key=lambda pm: (pm.start, -(pm.end - pm.start), _KIND_ORDER.index(pm.kind)))
    out: list[PlaceMatch] = []
    for pm in found:
        if not out or pm.start >= out[-1].end:
            out.append(pm)
    return out


def _lookup_stem(raw: str) -> Place | None:
    key = fold_letters(raw.strip(" «»\"“”.,"))
    hits = [p for p in gazetteer() if any(fold_letters(s) == key for s in (*p.stems, *p.literals))]
    return min(hits, key=lambda p: _KIND_ORDER.index(p.kind), default=None)


def canonical_place(raw: str) -> PlaceMatch | None:
    """The place a short string names ("г. Актау", "Мангистау"), else None.

    A bare stem shared by several kinds resolves city > region > district >
    town > village > site ("Маңғыстау" -> "Маңғыстау облысы").
    """
    text = raw.strip()
    matches = find_places(text)
    best = max(matches, key=lambda pm: pm.end - pm.start, default=None)
    if best is not None and (best.end - best.start) >= 0.6 * len(text):
        return best
    place = _lookup_stem(text)
    if place is None:
        return None
    return PlaceMatch(0, len(text), text, place.name_kk, place.kind, region_of(place.name_kk))
