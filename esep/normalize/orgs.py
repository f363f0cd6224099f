"""Organisation names: split off the legal form, normalise, and give stable ids.

Design (see also CONTRACT.md, "Organisation names"):

* ``name`` is the text as printed (stripped); ``name_norm`` drops quotes,
  surrounding punctuation, trailing notes "(қолдау хат жалғанды)" and the
  legal form.  Capitalisation is kept as printed, except that an all-caps
  name becomes sentence case and a lower-case first letter is raised:
  names are always *compared* through `name_key`, never by ``name_norm``.
* ``legal_form`` is a canonical Kazakh short code from
  ``data/labels/legal_forms.tsv`` (ОФ, "общественный фонд", "қоғамдық қоры"
  -> ҚҚ).
* The legal form is part of `org_key`/`org_id`: "X" ҚҚ and "X" ЖШС are two
  legal entities.  A name printed without a form gets its own id, and
  `cluster_orgs` merges it with a same-named organisation that has one.
* `name_key` is lossy on purpose: homoglyphs folded, Latin transliterated to
  Cyrillic, Kazakh letters folded to their Russian base letter (ы and і to
  и), punctuation and spaces dropped, and a Kazakh possessive/genitive
  ending cut from each word ("медиасы" ~ "медиа", "облысының" ~ "облысы").

`fold_letters`, `fold_homoglyphs_1to1` and `KK_RU_ENDING` live in
`esep.normalize.fold`, which places.py builds on too: orgs reads places (a
state body is named by its place), never the other way round.
"""
from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

# KK_RU_ENDING and fold_homoglyphs_1to1 are also imported from here (people.py)
from esep.normalize.fold import KK_RU_ENDING, fold_homoglyphs_1to1, fold_letters  # noqa: F401
from esep.normalize.bilingual import known_org
from esep.normalize.places import find_places
from esep.normalize.text import degrade_kazakh, fold_homoglyphs
from esep.paths import data_dir

_LATIN_DIGRAPHS = (("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"),
                   ("ts", "ц"), ("ya", "я"), ("yu", "ю"), ("yo", "е"))
_LATIN = str.maketrans("abcdefghijklmnopqrstuvwxyz", "абкдефгхижклмнопкрстуву_из")
_CYR = re.compile(r"[а-яёәіңғүұқөһ]", re.I)
_QUOTES = "«»“”„\"'‘’`"
_QUOTED = re.compile(
    r"«([^«»]*(?:«[^«»]*»[^«»]*)*)»|“([^“”]*)[”“]|„([^„“”]*)[“”]|\"([^\"]*)\""
)
_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_EDGE_PUNCT = " \t.,;:–—-_/\\|" + _QUOTES
_STATE_FORMS = {"ММ", "КММ", "РММ"}  # a state body's legal forms (ГУ, КГУ, РГУ in Russian)


@dataclass(frozen=True)
class OrgName:
    """An organisation name split into its parts."""

    name: str  # as printed, stripped
    name_norm: str  # canonical name without legal form and quotes
    legal_form: str | None  # canonical Kazakh short code


@dataclass(frozen=True)
class _FormHit:
    start: int
    end: int
    code: str


# --- shared folding helpers -------------------------------------------------

def latin_to_cyrillic(word: str) -> str:
    """A rough Kazakh-style transliteration of a lower-case Latin word."""
    for lat, cyr in _LATIN_DIGRAPHS:
        word = word.replace(lat, cyr)
    return word.translate(_LATIN).replace("_", "кс")


_KK_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$")
_KK_VOWEL_POSSESSIVE = re.compile(r"[аәеоөұүуэюяи](?:сы|сі)$")
_KK_CONSONANT_POSSESSIVE = re.compile(r"[^аәеоөұүуыіэюяиё](?:ы|і)$")


def strip_kk_ending(word: str) -> str:
    """Cut a Kazakh genitive and possessive ending ("облысының" -> "облыс")."""
    if len(word) < 5 or not _CYR.search(word):
        return word
    base = _KK_GENITIVE.sub("", word)
    word = base if len(base) >= 4 else word
    if _KK_VOWEL_POSSESSIVE.search(word) and len(word) >= 5:
        return word[:-2]
    if _KK_CONSONANT_POSSESSIVE.search(word) and len(word) >= 4:
        word = word[:-1]
        return word[:-1] + {"ғ": "қ", "г": "к", "б": "п"}.get(word[-1], word[-1])
    return word


# --- legal forms ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _legal_form_rows() -> tuple[tuple[str, str, str, str], ...]:
    path = data_dir() / "labels" / "legal_forms.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    return tuple((r["code"], r["lang"], r["kind"], r["spelling"]) for r in rows)


def _spelling_pattern(spelling: str, kind: str) -> str:
    if kind == "short":
        words = [re.escape(w) for w in spelling.split()]
        return r"(?<!\w)" + r"\s+".join(words) + r"(?:-\w+)?(?!\w)"
    parts = []
    for w in spelling.split():
        stem = re.escape(w.rstrip("~"))
        parts.append(stem + KK_RU_ENDING if w.endswith("~") else stem)
    return r"(?<!\w)(?i:" + r"\s+".join(parts) + r")(?!\w)"


@lru_cache(maxsize=1)
def _legal_form_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Compiled spellings, longest first so КЕАҚ beats АҚ."""
    rows = sorted(_legal_form_rows(), key=lambda r: -len(r[3]))
    return tuple((re.compile(_spelling_pattern(sp, kind)), code)
                 for code, _lang, kind, sp in rows)


def kazakh_short_forms_unlettered() -> dict[str, str]:
    """Kazakh short forms written without their Kazakh letters -> the form ("КБ" -> "ҚБ"),
    from the rows of legal_forms.tsv whose spelling is not the code itself."""
    return {sp: code for code, lang, kind, sp in _legal_form_rows()
            if lang == "kk" and kind == "short" and sp != code and degrade_kazakh(code) == sp}


def find_legal_forms(text: str) -> list[_FormHit]:
    """Non-overlapping legal-form mentions in `text`, left to right."""
    return list(_legal_forms_in(text))


@lru_cache(maxsize=1 << 13)  # every spelling of a name is tried against ~100 patterns
def _legal_forms_in(text: str) -> tuple[_FormHit, ...]:
    return tuple(_find_legal_forms(text))


def _find_legal_forms(text: str) -> list[_FormHit]:
    folded = fold_homoglyphs_1to1(text)
    hits: list[_FormHit] = []
    for pat, code in _legal_form_patterns():
        for m in pat.finditer(folded):
            if all(m.end() <= h.start or m.start() >= h.end for h in hits):
                hits.append(_FormHit(m.start(), m.end(), code))
    return sorted(hits, key=lambda h: h.start)


def legal_form_code(text: str | None) -> str | None:
    """The canonical code of a legal-form spelling ("ТОО" -> "ЖШС"), else None."""
    if not text or not text.strip():
        return None
    hits = find_legal_forms(text.strip())
    if len(hits) == 1 and hits[0].end - hits[0].start >= len(text.strip()) - 1:
        return hits[0].code
    return None


# --- splitting -------------------------------------------------------------------

def _strip_notes(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    while True:
        cut = _NOTE.sub("", text).rstrip(" .,;")
        if cut == text or not cut:
            return text
        text = cut


def _quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of each quoted segment."""
    out = []
    for m in _QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        out.append((m.start(), m.end(), inner))
    return out


def _name_beside_form(text: str, hit: _FormHit) -> str | None:
    """The quoted name right before or right after a legal form, if any."""
    for start, end, inner in _quoted_spans(text):
        if not text[end:hit.start].strip() or not text[hit.end:start].strip():
            return inner
    return None


def _name_around_form(text: str, hit: _FormHit) -> str:
    before, after = text[:hit.start].strip(), text[hit.end:].strip()
    if hit.start == 0 or not before.strip(_EDGE_PUNCT):
        return after
    return before


def normalize_case(name: str) -> str:
    """Sentence case for ALL-CAPS names; raise a lower-case first letter."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) > 3 and all(c.isupper() for c in letters):
        name = name.lower()
    return name[:1].upper() + name[1:] if name[:1].islower() else name


def clean_name(name: str) -> str:
    """Drop quotes and edge punctuation, collapse spaces, normalise case."""
    name = "".join(" " if c in _QUOTES else c for c in name)
    name = re.sub(r"\s+", " ", name).strip(_EDGE_PUNCT)
    # a Latin look-alike inside a Cyrillic word ("жаcтары") is a typing slip, not the name
    return normalize_case(fold_homoglyphs(name))


@lru_cache(maxsize=1)
def _state_bodies() -> tuple[tuple[str, str], ...]:
    path = data_dir() / "labels" / "state_bodies.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    rows = [(r["kk"], r["ru"]) for r in csv.DictReader(lines, delimiter="\t")]
    # the longest phrase first: "управление культуры, развития языков ..." before "управление культуры"
    return tuple(sorted(rows, key=lambda r: -len(r[1])))


@lru_cache(maxsize=1)
def _state_body_stems() -> tuple[tuple[str, tuple[str, str]], ...]:
    """Each body's Kazakh name and the folded stems of its two names (folded once, not per name)."""
    return tuple((kk, (fold_letters(kk.lower()), fold_letters(ru.lower())[:-2])) for kk, ru in _state_bodies())


def _region_genitive(region: str) -> str:
    """"Маңғыстау облысы" → "Маңғыстау облысының"; "Алматы қаласы" → "Алматы қаласының"."""
    return region + "ның" if region.endswith("ы") else region + "нің"


def state_body(text: str) -> str | None:
    """The canonical Kazakh name of a regional state body, whichever language prints it.

    Only a single body is named: a list ("басқармалары: 1. ... 2. ...") or a
    name in quotes (an institution of its own) is left alone. Its place is the
    most local one it names: "Түркістан облысы Сайрам ауданының ішкі саясат
    бөлімі" and "Отдел внутренней политики Сайрамского района Туркестанской
    области" are both Сайрам ауданы's.
    """
    low = fold_letters(fold_homoglyphs_1to1(text).lower())
    if any(q in text for q in "«»\"“”") or re.search(r"\d\.", text):
        return None
    for kk, stems in _state_body_stems():
        if any(stem in low for stem in stems):
            place = _own_place(text)
            return f"{_region_genitive(place)} {kk}" if place else None
    return None


def _own_place(text: str) -> str | None:
    """The most local district, city or region a state body's name mentions."""
    order = {"district": 0, "city": 1, "region": 2}
    places = sorted((p for p in find_places(text) if p.kind in order), key=lambda p: order[p.kind])
    return places[0].canonical if places else None


def _quoted_state_body(printed: str, text: str) -> OrgName | None:
    """ГУ «Управление ...» / «... басқармасы» ММ: a state body in quotes beside its form."""
    quoted = _quoted_spans(text)
    if len(quoted) != 1:
        return None
    start, end, inner = quoted[0]
    rest = (text[:start] + " " + text[end:]).strip(_EDGE_PUNCT)
    form = legal_form_code(rest) if rest else None
    body = state_body(inner) if not rest or form in _STATE_FORMS else None
    return OrgName(printed, body, form) if body else None


def _as_known(org: OrgName) -> OrgName:
    """The operator or a ministry of bilingual_orgs.tsv printed without its legal form gets it."""
    known = known_org(org.name_norm) if not org.legal_form else None
    return OrgName(org.name, org.name_norm, known.form) if known and known.form else org


@lru_cache(maxsize=1 << 16)  # an NGO is printed alike in every report that names it
def split_org(raw: str) -> OrgName:
    """Split a printed organisation name into name, name_norm and legal form."""
    return _as_known(_split(raw))


def _split(raw: str) -> OrgName:
    printed = re.sub(r"\s+", " ", raw).strip()
    text = _strip_notes(printed)
    body = state_body(text)
    if body:
        return OrgName(printed, body, None)
    quoted_body = _quoted_state_body(printed, text)
    if quoted_body:
        return quoted_body
    hits = find_legal_forms(text)
    for hit in hits:
        inner = _name_beside_form(text, hit)
        if inner is not None and clean_name(inner):
            return OrgName(printed, clean_name(inner), hit.code)
    if hits:
        hit = hits[-1] if hits[-1].end >= len(text.rstrip(" .")) else hits[0]
        name = clean_name(_name_around_form(text, hit))
        if name:
            return OrgName(printed, name, hit.code)
    quoted = _quoted_spans(text)
    if len(quoted) == 1 and clean_name(quoted[0][2]):
        # «CaspianToday.kz» ақпараттық агенттігі = Информационное агентство «CaspianToday.kz»:
        # without a legal form, the quoted name is the name in either language
        return OrgName(printed, clean_name(quoted[0][2]), None)
    return OrgName(printed, clean_name(text), None)


# --- keys and ids ----------------------------------------------------------------

@lru_cache(maxsize=1 << 14)  # asked of every mention of every organisation in the batch
def name_key(name: str) -> str:
    """A lossy matching key for an organisation name (see module doc); every spelling
    of an organisation of bilingual_orgs.tsv has its table key."""
    known = known_org(name)
    if known:
        return f"={known.key}"
    words = re.findall(r"[^\W_]+", fold_homoglyphs_1to1(name).lower())
    out = []
    for w in words:
        w = strip_kk_ending(w) if _CYR.search(w) else latin_to_cyrillic(w)
        out.append(fold_letters(w))
    return "".join(out)


def org_key(name_norm: str, legal_form: str | None) -> str:
    """Matching key: canonical legal form (or empty) + ':' + `name_key`."""
    form = legal_form_code(legal_form) or (legal_form or "")
    return f"{form}:{name_key(name_norm)}"


@lru_cache(maxsize=1 << 14)  # counted for every mention when a cluster's id is chosen
def org_id(name_norm: str, legal_form: str | None) -> str:
    """Stable id: "org_" + the first 12 hex digits of sha1(`org_key`)."""
    digest = hashlib.sha1(org_key(name_norm, legal_form).encode("utf-8"))
    return "org_" + digest.hexdigest()[:12]


# --- batch clustering ------------------------------------------------------------

def _same_block(blocks: dict[tuple[str, int], list[int]], key: str) -> list[int]:
    """The names before this one whose keys start alike and are of a length `_near` allows."""
    edits = max(1, len(key) // 20)
    return sorted(j for n in range(len(key) - edits, len(key) + edits + 1)
                  for j in blocks.get((key[:3], n), ()))


def _near(a: str, b: str) -> bool:
    """Spelling variants: within 1 edit per 20 characters; short keys exact."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    if shortest < 6:
        return False
    return Levenshtein.distance(a, b) <= max(1, shortest // 20)


def _forms_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


class OrgClusters:
    """The state of `cluster_orgs`: each distinct (key, legal form) an entry, in the order
    first met, joined to the earlier entries whose keys are near and whose forms agree.

    Online like `esep.normalize.people.PeopleClusters`: a state restored from the entries
    an earlier run made (`saved`, `restore`) and given the later names joins them exactly
    as one run over all of them would, comparing only the new entries' keys.
    """

    def __init__(self) -> None:
        self.keys: list[str] = []  # each entry's name_key
        self.forms: list[str | None] = []  # each entry's legal form
        self.parent: list[int] = []  # union-find over entries
        self._root_form: dict[int, str | None] = {}  # a cluster's legal form, at its root
        self.firsts: dict[tuple[str, str | None], int] = {}  # (key, form) -> entry
        # (first letters, length) -> entries: a key is near only keys whose length differs by
        # no more than the edits `_near` allows, so a block's other lengths are never walked
        self._blocks: dict[tuple[str, int], list[int]] = {}
        self.readings: dict[str, OrgName] = {}  # printed name -> `split_org`'s reading, kept

    def split(self, raw: str) -> OrgName:
        """`split_org` of a printed name, read once across runs (`readings`)."""
        org = self.readings.get(raw)
        if org is None:
            org = self.readings[raw] = split_org(raw)
        return org

    def place(self, name: OrgName) -> int:
        """The entry of ``name``, made and joined to its near entries if it is new."""
        key = name_key(name.name_norm)
        entry = self.firsts.get((key, name.legal_form))
        if entry is not None:
            return entry
        entry = self._add(key, name.legal_form, len(self.keys))  # its own root
        for j in _same_block(self._blocks, key):  # oldest first, as the unions' order matters
            if j != entry and _near(key, self.keys[j]):
                self._union(entry, j)
        return entry

    def restore(self, key: str, form: str | None, root: int, root_form: str | None) -> None:
        """Put back an entry an earlier run made (`saved`, in that run's order)."""
        self._add(key, form, root)
        self._root_form[root] = root_form

    def saved(self) -> list[tuple[str, str | None, int, str | None]]:
        """Each entry as `restore` takes it: key, form, its cluster's root and legal form."""
        return [(k, f, self.root(i), self._root_form[self.root(i)])
                for i, (k, f) in enumerate(zip(self.keys, self.forms))]

    def _add(self, key: str, form: str | None, parent: int) -> int:
        entry = len(self.keys)
        self.keys.append(key)
        self.forms.append(form)
        self.parent.append(parent)
        self._root_form.setdefault(entry, form)  # restored: maybe set by a member before it
        self.firsts[(key, form)] = entry
        self._blocks.setdefault((key[:3], len(key)), []).append(entry)
        return entry

    def root(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, i: int, j: int) -> None:
        """Join i's cluster to j's when their legal forms agree (or one has none)."""
        ri, rj = self.root(i), self.root(j)
        if ri != rj and _forms_agree(self._root_form[ri], self._root_form[rj]):
            self.parent[ri] = rj
            self._root_form[rj] = self._root_form[rj] or self._root_form[ri]


def _cluster_id(members: list[OrgName]) -> str:
    """The id of the most frequent spelling, preferring one with a legal form."""
    counts = Counter((m.legal_form is not None, org_id(m.name_norm, m.legal_form))
                     for m in members)
    (_, best), _ = max(counts.items(), key=lambda kv: (kv[0][0], kv[1], kv[0][1]))
    return best


def cluster_orgs(names: list[OrgName], clusters: OrgClusters | None = None) -> dict[int, str]:
    """Index -> org_id for a batch, merging near-duplicate spellings.

    Two names merge when their `name_key`s are within a small edit distance
    and their legal forms are equal or one is missing.  Legal forms must
    agree across the whole cluster, so "X" ҚҚ and "X" ЖШС never merge via
    a form-less "X". ``clusters``: a state to go on from (`OrgClusters`), updated in place.
    """
    clusters = OrgClusters() if clusters is None else clusters
    # compare only names whose keys start alike (a spelling variant keeps its first
    # letters), and each distinct key once: thousands of documents stay fast
    entries = [clusters.place(n) for n in names]
    groups: dict[int, list[int]] = {}
    for i, e in enumerate(entries):
        groups.setdefault(clusters.root(e), []).append(i)
    out: dict[int, str] = {}
    for idxs in groups.values():
        cid = _cluster_id([names[i] for i in idxs])
        out.update({i: cid for i in idxs})
    return out
