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
* a bare stem counts only for places flagged ``bare`` = 1 (cities such as
  Ақтау, Жаңаөзен) and only when no type word or adjective follows it;
  ``bare`` = 2 (district centres with distinctive names) counts only right
  after a Russian preposition ("в Шетпе", "из Курыка");
* a place named after a person (``person`` = 1: Абай, Жамбыл, Қонаев ...) is
  never matched bare, nor looked up from its bare stem by ``canonical_place``,
  and "области Абай Кунанбаев" (stem + a capitalised word) is not a place;
* several places with one name and kind ("Абай ауданы" of Қарағанды, Абай
  облысы and Шымкент) are told apart by the other places of the text: the
  nearest unambiguous mention whose region is one of theirs decides, then
  the caller's ``context_region``; if neither does, the match keeps the
  shared canonical name and ``region`` is None.

Speed: all places are matched by seven combined regexes whose stem
alternations are tries (one pass each over the text), and the matched stem
is looked up in dictionaries; the cost barely grows with the gazetteer.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from esep.normalize.fold import KK_RU_ENDING, fold_homoglyphs_1to1, fold_letters
from esep.paths import data_dir

_Q_OPEN = r"(?:[«\"“„]|\*\*)?"  # a quote, or markdown bold from exported text
_Q_CLOSE = r"(?:[»\"”“]|\*\*)?"
_OPENERS = "«\"“„*"
_RU_ADJ_END = r"(?:ая|ой|ую|ий|ого|ому|ом|им|ым|ое|ых|их)"
_RU_NOUN_END = r"(?:е|а|у|ом|ы|я|ю|и|ем|ой|ого|ому|ью)?"
# Russian oblique cases change a name's last letters: "Костанай" → "в городе Костанае",
# "Караганда" → "Караганде", "Рудный" → "Рудном", "Арысь" → "Арыси"
_RU_OBLIQUE_STEM = ((r"(?:ый|ий|ой)$", ""), (r"[йьа]$", ""), (r"я$", ""))
_TYPE_AHEAD = (r"(?!\s*[»\"”]?\s+(?:облыс|аудан|қала|ауыл|кент|кен\s*ор|поселке|село"
               r"|район|област|р-н|месторожд)\w*)")
_RU_PREP = r"(?:[Вв]о?|[Ии]з|[Дд]о|[Пп]од|[Оо]коло|[Чч]ерез)"
_CAP_WORD_AHEAD = r"\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]"
_KIND_ORDER = ("city", "region", "district", "town", "village", "site")


@dataclass(frozen=True)
class PlaceMatch:
    """A place mention: where it is, what it says, and its canonical name."""

    start: int
    end: int
    raw: str
    canonical: str  # Kazakh official nominative with type word
    kind: str  # region | city | district | town | village | site
    region: str | None  # canonical name of its region (None if undecided)


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
    bare: bool  # bare = 1: the stem alone is a mention
    bare_after_prep: bool = False  # bare = 2: only after "в", "из" ...
    person: bool = False  # named after a person: never bare
    typed_only: tuple[str, ...] = ()  # stems never matched or looked up bare ("!Ақмола")
    formerly: str = ""  # "reg_eko:2022": the territory belonged to reg_eko until 2022
    review: str = ""


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


@lru_cache(maxsize=1)
def _type_res() -> dict[tuple[str, str], re.Pattern[str]]:
    return {k: re.compile(f"(?:{alt})", re.I) for k, alt in _types().items()}


def _is_type_word(word: str, kind: str) -> bool:
    return any(rx.fullmatch(word) for (k, _pos), rx in _type_res().items() if k == kind)


@lru_cache(maxsize=4096)
def _kinds_of_type(position: str, word: str) -> frozenset[str]:
    """The kinds whose type words at ``position`` include ``word`` ("кентінің")."""
    return frozenset(k for (k, pos), rx in _type_res().items()
                     if pos == position and rx.fullmatch(word))


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


def oblique_stem(stem: str) -> str:
    """The stem a Russian name's case endings attach to ("" when it is the name itself).

    Only for a one-word Russian name long enough not to collide: a Kazakh
    name keeps its stem (Kazakh endings are added, not substituted).
    """
    if " " in stem or len(stem) < 5 or re.search("[әғқңөұүһі]", stem.lower()):
        return ""
    for pattern, repl in _RU_OBLIQUE_STEM:
        if re.search(pattern, stem):
            return re.sub(pattern, repl, stem)
    return ""


def _place(row: dict[str, str]) -> Place:
    variants = [v.strip() for v in row["variants"].split("|") if v.strip()]
    typed_only = tuple(v[1:] for v in variants if v.startswith("!"))
    spellings = [row["stem_kk"], row["stem_ru"], row["name_ru"], row["name_kk"]]
    spellings += [v.lstrip("!") for v in variants]
    read = [_read_variant(v.strip(), row["kind"]) for v in spellings if v.strip()]
    uniq = lambda xs: tuple(dict.fromkeys(x for x in xs if x))  # noqa: E731
    bare = (row.get("bare") or "0").strip()
    stems = [r[0] for r in read]
    stems += [oblique_stem(x) for x in stems if x]
    return Place(row["id"], row["kind"], row["name_kk"], row["name_ru"],
                 uniq(stems), uniq(r[1] for r in read),
                 uniq(r[2] for r in read), row["parent_id"], bare == "1",
                 bare_after_prep=bare == "2",
                 person=(row.get("person") or "0").strip() == "1",
                 typed_only=typed_only, formerly=(row.get("formerly") or "").strip(),
                 review=(row.get("review") or "").strip())


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Place, ...]:
    """Every place of ``data/gazetteer/places.tsv``."""
    return tuple(_place(row) for row in _read_tsv("places.tsv"))


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Place]:
    return {p.id: p for p in gazetteer()}


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for p in gazetteer():
        out.setdefault(p.name_kk, []).append(p)
    return {k: tuple(v) for k, v in out.items()}


def _region_place(place: Place | None) -> Place | None:
    """The region of a place (a region, or a city without parent, is its own)."""
    seen = set()
    while place is not None and place.id not in seen:
        seen.add(place.id)
        if place.kind == "region" or not place.parent_id:
            return place
        place = _by_id().get(place.parent_id)
    return None


@lru_cache(maxsize=None)
def _region_name(place_id: str) -> str | None:
    region = _region_place(_by_id().get(place_id))
    return region.name_kk if region else None


# --- patterns ------------------------------------------------------------------

def _key(s: str, lower: bool = True) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s.lower() if lower else s


def _trie_regex(words: set[str]) -> str:
    """A regex alternation of ``words`` as a trie, longest alternative first.

    Python's ``re`` tries the alternatives of a flat alternation one by one at
    every position; a trie shares the prefixes, so a thousand stems cost
    about as much as a handful. A space matches any run of whitespace.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
                for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = "|".join(alts)
        if "" in node:
            return f"(?:{body})?"
        return body if len(alts) == 1 else f"(?:{body})"
    return emit(trie) or r"(?!x)x"


@dataclass(frozen=True)
class _Channel:
    """One combined regex and how to read its matches."""

    name: str
    regex: re.Pattern[str]
    index: dict[str, tuple[Place, ...]]  # key of the matched stem -> places
    position: str  # type-word position (after/before/adj), or "" for untyped


def _index(pairs) -> dict[str, tuple[Place, ...]]:
    out: dict[str, list[Place]] = {}
    for key, p in pairs:
        if p not in out.setdefault(key, []):
            out[key].append(p)
    return {k: tuple(v) for k, v in out.items()}


def _person_stems(p: Place) -> frozenset[str]:
    return frozenset(_key(s) for s in p.stems) if p.person else frozenset()


@lru_cache(maxsize=1)
def _channels() -> tuple[_Channel, ...]:
    types, places = _types(), gazetteer()

    def type_alt(position: str) -> str:
        alts = {v for (_k, pos), v in types.items() if pos == position}
        return "|".join(sorted(alts, key=len, reverse=True))

    typed = _index((_key(s), p) for p in places for s in p.stems)
    adj = _index((_key(s), p) for p in places for s in p.adj_stems)
    literal = _index((s, p) for p in places for s in p.literals)

    def untyped(p: Place) -> list[str]:
        no = {_key(s) for s in p.typed_only}
        return [s for s in p.stems if _key(s) not in no]
    bare_all = _index((s, p) for p in places if (p.bare or p.bare_after_prep) and not p.person
                      for s in untyped(p))
    # a bare stem of several places is no bare mention of any ("Ақсу")
    bare_all = {s: ps for s, ps in bare_all.items() if len(ps) == 1}
    bare = {s: ps for s, ps in bare_all.items() if ps[0].bare}
    prep = {s: ps for s, ps in bare_all.items() if ps[0].bare_after_prep}

    after = (rf"(?<![\w-]){_Q_OPEN}(?P<s>{_trie_regex(set(typed))}){_Q_CLOSE}"
             rf"\s+(?P<t>{type_alt('after')})(?!\w)")
    before = (rf"(?<![\w-])(?P<t>{type_alt('before')})\s*{_Q_OPEN}"
              rf"(?P<s>{_trie_regex(set(typed))}){_RU_NOUN_END}{_Q_CLOSE}(?![\w-])")
    adj_trie = _trie_regex(set(adj))
    adjective = (rf"(?<![\w-])(?P<s>{adj_trie}){_RU_ADJ_END}"
                 rf"\s+(?P<t>{type_alt('adj')})(?!\w)")
    # "Мунайлинского, Каракиянского и Тупкараганского районов": each one counts
    adj_list = (rf"(?<![\w-])(?P<s>{adj_trie}){_RU_ADJ_END}(?=(?:\**\s*(?:,|\s+и)\s*\**\s*"
                rf"(?:{adj_trie}){_RU_ADJ_END})+\**\s+(?P<t>{type_alt('adj')})(?!\w))")
    literals = rf"(?<![\w-])(?P<s>{_trie_regex(set(literal))})(?![\w-])"
    bare_rx = rf"(?<![\w-])(?P<s>{_trie_regex(set(bare))}){KK_RU_ENDING}(?![\w-]){_TYPE_AHEAD}"
    prep_rx = (rf"(?<![\w-]){_RU_PREP}\s+(?P<s>{_trie_regex(set(prep))}){_RU_NOUN_END}"
               rf"(?![\w-]){_TYPE_AHEAD}")
    return (
        _Channel("after", re.compile(after, re.I), typed, "after"),
        _Channel("before", re.compile(before, re.I), typed, "before"),
        _Channel("adj", re.compile(adjective, re.I), adj, "adj"),
        _Channel("adj_list", re.compile(adj_list, re.I), adj, "adj"),
        _Channel("literal", re.compile(literals), literal, ""),
        _Channel("bare", re.compile(bare_rx), bare, ""),
        _Channel("prep", re.compile(prep_rx), prep, ""),
    )


# --- public API ------------------------------------------------------------------

def region_of(canonical: str) -> str | None:
    """The region of a place (a region, or a city without parent, is its own).

    None for an unknown name, and for a name several places share in
    different regions ("Абай ауданы", "Есіл ауданы"): use the ``region`` of
    the ``PlaceMatch``, which ``find_places`` decides from the text.
    """
    regions = {_region_name(p.id) for p in _by_name().get(canonical, ())}
    return regions.pop() if len(regions) == 1 else None


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    places: tuple[Place, ...]  # of one kind, one or more regions


def _hits(text: str, folded: str) -> list[_Hit]:
    out = []
    for ch in _channels():
        for m in ch.regex.finditer(folded):
            s = m.group("s")
            places = ch.index.get(_key(s, lower=bool(ch.regex.flags & re.I)), ())
            if ch.position:
                kinds = _kinds_of_type(ch.position, _key(m.group("t")))
                places = tuple(p for p in places if p.kind in kinds)
                if ch.position == "before" and re.match(_CAP_WORD_AHEAD, folded[m.end():]):
                    # "области Абай Кунанбаев": a person, not "область Абай"
                    places = tuple(p for p in places if _key(s) not in _person_stems(p))
            if not places:
                continue
            kind = min((p.kind for p in places), key=_KIND_ORDER.index)
            start, end = (m.start("s") if ch.name == "prep" else m.start()), m.end()
            while start < end and text[start] in _OPENERS and \
                    not re.search(r"[»\"”“]|\*\*", text[start + 1:end]):
                start += 1  # an opening quote of something longer ("«Маңғыстау облысының ... » ММ")
            out.append(_Hit(start, end, kind, tuple(p for p in places if p.kind == kind)))
    return out


def _decide(hits: list[_Hit], context_region: str | None
            ) -> list[tuple[_Hit, Place, str | None]]:
    """One place per hit: a shared name goes to the region named nearby."""
    def regions(h: _Hit) -> set[str | None]:
        return {_region_name(p.id) for p in h.places}
    sure = [(h.start, next(iter(regions(h)))) for h in hits if len(regions(h)) == 1]
    out = []
    for h in hits:
        place, region = h.places[0], _region_name(h.places[0].id)
        if len(regions(h)) > 1:
            by_region = {_region_name(p.id): p for p in reversed(h.places)}
            near = sorted((abs(pos - h.start), r) for pos, r in sure if r in by_region)
            pick = near[0][1] if near else (context_region if context_region in by_region else None)
            place, region = (by_region[pick], pick) if pick else (h.places[0], None)
        out.append((h, place, region))
    return out


def find_places(text: str, context_region: str | None = None) -> list[PlaceMatch]:
    """Place mentions in running text, left to right, longest first on overlap.

    ``context_region`` (a canonical region name, e.g. the document's) decides
    between same-named places when the text itself names none of their regions.
    """
    folded = fold_homoglyphs_1to1(text)
    found = _hits(text, folded)
    found.sort(key=lambda h: (h.start, -(h.end - h.start), _KIND_ORDER.index(h.kind)))
    chosen: list[_Hit] = []
    for h in found:
        if not chosen or h.start >= chosen[-1].end:
            chosen.append(h)
    return [PlaceMatch(h.start, h.end, text[h.start:h.end], p.name_kk, p.kind, r)
            for h, p, r in _decide(chosen, context_region)]


@lru_cache(maxsize=1)
def _lookup_index() -> dict[str, tuple[Place, ...]]:
    pairs = []
    for p in gazetteer():
        no = {_key(s) for s in p.typed_only} | _person_stems(p)
        pairs += [(fold_letters(s), p) for s in p.stems if _key(s) not in no]
        pairs += [(fold_letters(s), p) for s in p.literals]
    return _index(pairs)


def _lookup_stem(raw: str) -> Place | None:
    hits = _lookup_index().get(fold_letters(re.sub(r"\s+", " ", raw.strip(" «»\"“”.,"))), ())
    return min(hits, key=lambda p: _KIND_ORDER.index(p.kind), default=None)


@lru_cache(maxsize=8192)
def canonical_place(raw: str) -> PlaceMatch | None:
    """The place a short string names ("г. Актау", "Мангистау"), else None.

    A bare stem shared by several kinds resolves city > region > district >
    town > village > site ("Маңғыстау" -> "Маңғыстау облысы"); a bare
    person's name ("Абай", "Жамбыл") is no place.
    """
    text = raw.strip()
    matches = find_places(text)
    best = max(matches, key=lambda pm: pm.end - pm.start, default=None)
    if best is not None and (best.end - best.start) >= 0.6 * len(text):
        return best
    place = _lookup_stem(text)
    if place is None:
        return None
    return PlaceMatch(0, len(text), text, place.name_kk, place.kind, _region_name(place.id))
