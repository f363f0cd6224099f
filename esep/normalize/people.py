"""Person names: parse, compare and cluster Kazakh and Russian names.

A name is read into surname, given name and patronymic whatever its order
("Исаева Алия Жангельдикызы", "Алия Жангельдиевна Исаева", "Нұрлан
Байжігітұлы", "Л. Диас").  Titles ("қажы", "ҚР Халық емшісі", degrees)
are dropped; markers live in ``data/labels/person_markers.tsv``.

Matching never trusts the guessed order of two bare names ("Кеңшілік
Тышқан" is Given Surname, the form's "Кәдеш Қажымұқан" is Surname Given):
names are aligned as a set.  Patronymics compare by the father's name, so
Kazakh "-қызы" and Russian "-евна" of the same father agree.

``name_norm`` is "Surname Given Patronymic" (the order of Kazakh forms),
each word as printed except that ALL-CAPS or all-lower words are
capitalised.
"""
from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from esep.normalize.orgs import fold_homoglyphs_1to1, fold_letters
from esep.paths import data_dir

_INITIAL = re.compile(r"^[^\W\d_]\.$")
_SPLIT_SEGMENTS = re.compile(r"\s[-–—]\s|[,;:()]")


@dataclass(frozen=True)
class PersonName:
    """A parsed person name; empty strings for missing parts."""

    name_norm: str
    surname: str
    given: str
    patronymic: str
    key: str  # folded names in sorted order + "|" + father's name; for ids


@dataclass(frozen=True)
class _Markers:
    titles: tuple[str, ...]
    patronymics: tuple[tuple[str, str], ...]  # (suffix, gender), longest first
    surnames: tuple[tuple[str, int], ...]  # (suffix, weight), longest first


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    path = data_dir() / "labels" / "person_markers.tsv"
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    pick = lambda kind: [r for r in rows if r["kind"] == kind]  # noqa: E731
    by_len = lambda r: -len(r["value"])  # noqa: E731
    return _Markers(
        titles=tuple(r["value"] for r in sorted(pick("title"), key=by_len)),
        patronymics=tuple((r["value"], r["extra"]) for r in sorted(pick("patronymic"), key=by_len)),
        surnames=tuple((r["value"], int(r["extra"])) for r in sorted(pick("surname"), key=by_len)),
    )


# --- parsing -----------------------------------------------------------------

@lru_cache(maxsize=1)
def _title_patterns() -> tuple[re.Pattern[str], ...]:
    """One pattern per title, longest title first (compiled once: there are hundreds)."""
    return tuple(re.compile(r"(?<!\w)" + re.escape(title) + (r"(?!\w)" if title[-1].isalnum() else ""), re.I)
                 for title in _markers().titles)


@lru_cache(maxsize=1 << 13)
def _drop_titles(text: str) -> str:
    for pat in _title_patterns():
        text = pat.sub(" ", text)
    return text


def _name_tokens(segment: str) -> list[str]:
    """Words of a name: initials split ("Л.Б." -> "Л.", "Б."), "X ұлы" joined."""
    segment = re.sub(r"([^\W\d_]\.)(?=[^\W\d_])", r"\1 ", segment)
    words = [w.strip("«»\"'.,") if not _INITIAL.match(w) else w for w in segment.split()]
    words = [w for w in words if w]
    out: list[str] = []
    for w in words:
        if out and _patronymic_word(w) and w.lower() == _patronymic_suffix(w)[0]:
            out[-1] += w.lower()  # "Байжігіт ұлы" -> "Байжігітұлы"
        else:
            out.append(w)
    if any(w[:1].isupper() for w in out):
        out = [w for w in out if w[:1].isupper()]  # lower-case words are titles
    return out


@lru_cache(maxsize=1 << 14)  # asked of every word of every pair of names compared
def _patronymic_suffix(word: str) -> tuple[str, str]:
    low = word.lower()
    for suffix, gender in _markers().patronymics:
        if low.endswith(suffix) and (len(low) == len(suffix) or len(low) >= len(suffix) + 3):
            return suffix, gender
    return "", ""


def _patronymic_word(word: str) -> bool:
    return bool(_patronymic_suffix(word)[0]) and not _INITIAL.match(word)


def _surname_weight(word: str) -> int:
    low = word.lower()
    for suffix, weight in _markers().surnames:
        if low.endswith(suffix) and len(low) >= len(suffix) + 3:
            return weight
    return 0


def _best_segment(raw: str) -> str:
    """The part of "role, title - Name" that looks most like a name."""
    segments = [s for s in _SPLIT_SEGMENTS.split(raw) if s.strip()]
    if not segments:
        return ""
    def score(seg: str) -> int:
        toks = _name_tokens(_drop_titles(seg))
        caps = sum(1 for t in toks if t[:1].isupper())
        return caps + 2 * any(_patronymic_word(t) for t in toks) if caps else 0
    return max(reversed(segments), key=score)


def _assign(names: list[str], patr_pos: int | None) -> tuple[str, str]:
    """(surname, given) from the full names of a parsed person."""
    if not names:
        return "", ""
    if len(names) == 1:
        return "", names[0]
    weights = [_surname_weight(n) for n in names]
    if max(weights) > 0 and weights.count(max(weights)) == 1:
        s = weights.index(max(weights))
    elif patr_pos is not None and patr_pos > 0 and patr_pos == len(names):
        s = 0  # "Айтбай Қанат Сәлімгерейұлы": Surname Given Patronymic
    elif patr_pos is not None:
        s = len(names) - 1  # "Алия Жангельдиевна Исаева"
    else:
        s = len(names) - 1  # running text: "Кеңшілік Тышқан"
    rest = [n for i, n in enumerate(names) if i != s]
    return names[s], " ".join(rest)


def _cap(word: str) -> str:
    if word.isupper() and len(word) > 2 or word.islower():
        return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
    return word


@lru_cache(maxsize=1 << 14)
def father_stem(patronymic: str) -> str:
    """The folded father's name inside a patronymic ("Жангельдиевна" -> "жангелди")."""
    suffix, _ = _patronymic_suffix(patronymic)
    if _INITIAL.match(patronymic):
        return fold_letters(patronymic[0])
    return fold_letters(patronymic[: len(patronymic) - len(suffix)])


@lru_cache(maxsize=1 << 16)  # a PersonName is frozen: one parse serves every mention
def normalize_person(raw: str) -> PersonName:
    """Parse a printed person name (see module doc)."""
    text = fold_homoglyphs_1to1(re.sub(r"\s+", " ", raw or "")).strip()
    tokens = _name_tokens(_drop_titles(_best_segment(text)))
    patr_idx = next((i for i in range(len(tokens) - 1, -1, -1)
                     if _patronymic_word(tokens[i]) and len(tokens) > 1), None)
    patronymic = tokens[patr_idx] if patr_idx is not None else ""
    rest = [t for i, t in enumerate(tokens) if i != patr_idx]
    initials = [t for t in rest if _INITIAL.match(t)]
    names = [t for t in rest if not _INITIAL.match(t)]
    surname, given = _assign(names, patr_idx)
    if initials and (not given or not surname):
        surname = surname or given
        given = initials[0]
        patronymic = patronymic or (initials[1] if len(initials) > 1 else "")
    parts = [_cap(p) for p in (surname, given, patronymic)]
    # Order-free key: the order of two bare names is only a guess.
    names_key = sorted(fold_letters(w.rstrip(".")) for w in (*parts[0].split(), *parts[1].split()))
    key = " ".join(names_key) + "|" + (father_stem(parts[2]) if parts[2] else "")
    return PersonName(" ".join(p for p in parts if p), *parts, key)


# --- comparing ---------------------------------------------------------------

def _words_agree(a: str, b: str) -> bool:
    """Folded names agree: equal, 1 edit apart after the first four letters (5+ letters),
    or initial vs name. A change inside the first four is another name ("Ержан"/"Ерлан"),
    and names are found for comparing by those four letters (`_candidates`)."""
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b or (min(len(a), len(b)) >= 5 and a[:4] == b[:4] and Levenshtein.distance(a, b) <= 1)


def _fathers_agree(a: str, b: str) -> bool:
    fa, fb = father_stem(a), father_stem(b)
    if _patronymic_suffix(a)[1] and _patronymic_suffix(b)[1] \
            and _patronymic_suffix(a)[1] != _patronymic_suffix(b)[1]:
        return False  # "-ұлы" vs "-қызы": a brother and a sister
    short, long_ = sorted((fa, fb), key=len)
    prefix = len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2
    return _words_agree(fa, fb) or prefix


def _name_words(p: PersonName) -> list[str]:
    return list(_folded_names(p.surname, p.given))


@lru_cache(maxsize=1 << 14)  # every pair of names compared folds both again
def _folded_names(surname: str, given: str) -> tuple[str, ...]:
    return tuple(fold_letters(w.rstrip(".")) for w in (surname, *given.split()) if w)


def _align(a: list[str], b: list[str]) -> tuple[int, int]:
    """(pairs aligned one-to-one, of which both full names)."""
    free = list(b)
    matched = full = 0
    for w in sorted(a, key=len, reverse=True):
        hit = next((x for x in free if _words_agree(w, x)), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
            full += len(w) > 1 and len(hit) > 1
    return matched, full


def _as_person(x: PersonName | str) -> PersonName:
    return x if isinstance(x, PersonName) else normalize_person(x)


def same_person(a: PersonName | str, b: PersonName | str) -> bool:
    """True when two printed names are, as far as the text tells, one person."""
    pa, pb = _as_person(a), _as_person(b)
    if pa.patronymic and pb.patronymic and not _fathers_agree(pa.patronymic, pb.patronymic):
        return False
    wa, wb = _name_words(pa), _name_words(pb)
    matched, full = _align(wa, wb) if len(wa) <= len(wb) else _align(wb, wa)
    if full == 0 or matched < min(len(wa), len(wb)):
        return False
    shared_father = bool(pa.patronymic and pb.patronymic)
    return shared_father or matched >= 2


def _conflict(pa: PersonName, pb: PersonName) -> bool:
    """Two names that cannot be one person, even through a third."""
    if pa.patronymic and pb.patronymic and not _fathers_agree(pa.patronymic, pb.patronymic):
        return True
    wa, wb = _name_words(pa), _name_words(pb)
    matched, full = _align(wa, wb) if len(wa) <= len(wb) else _align(wb, wa)
    return full == 0 or matched < min(len(wa), len(wb))


def person_id(p: PersonName) -> str:
    """"per_" + the first 12 hex digits of sha1 of the person's key."""
    return "per_" + hashlib.sha1(p.key.encode("utf-8")).hexdigest()[:12]


_person_id = lru_cache(maxsize=1 << 16)(person_id)  # asked once per mention, mostly the same few


def _completeness(p: PersonName) -> tuple[int, int, str]:
    full = sum(1 for x in (p.surname, p.given, p.patronymic) if len(x) > 2)
    return (full, len(p.name_norm), p.key)


def _parts(p: PersonName) -> list[tuple[str, str]]:
    """The name's words ("w") and its father's name ("p"), folded."""
    return [("w", w) for w in _name_words(p) if w] + ([("p", father_stem(p.patronymic))] if p.patronymic else [])


def _block_keys(p: PersonName) -> set[str]:
    """What a cluster holding ``p`` is found by: of each word and of the father's name its
    first four letters ("w4:"), or an initial's letter ("wi:"), and its first letter ("wf:")."""
    out = set()
    for kind, w in _parts(p):
        out |= {f"{kind}4:{w[:4]}", f"{kind}f:{w[0]}"} if len(w) > 1 else {f"{kind}i:{w}"}
    return out


def _probes(p: PersonName) -> list[tuple[str, ...]]:
    """What of ``p`` a cluster can meet, each counted once: a full word or father's name by
    its first four letters or by an initial of its letter, an initial by any word of its
    letter. Spelling variants differ further in ("Әбдірасіл"/"Әбдірәсіл" fold alike)."""
    return [(f"{kind}4:{w[:4]}", f"{kind}i:{w[0]}") if len(w) > 1 else (f"{kind}i:{w}", f"{kind}f:{w}")
            for kind, w in _parts(p)]


_NONE: frozenset[int] = frozenset()


def _candidates(p: PersonName, index: dict[str, set[int]]) -> list[int]:
    """Clusters, oldest first, that meet two of what ``p`` has (one when it has one):
    `same_person` aligns two words of two names, or one word and the father's name.
    Sets are intersected, smaller one walked: a common given name's thousands of
    clusters are never listed to find the few that share the surname too."""
    probes = _probes(p)
    if len(probes) == 1:
        return sorted(set().union(*(index.get(k, _NONE) for k in probes[0])))
    met = set()
    for i, xs in enumerate(probes):
        for ys in probes[i + 1:]:
            met.update(*(index.get(x, _NONE) & index.get(y, _NONE) for x in xs for y in ys))
    return sorted(met)


def _reading(raw: str, readings: dict[str, PersonName]) -> PersonName:
    """The parse of a printed name, from ``readings`` when known (and kept there)."""
    p = readings.get(raw)
    if p is None:
        p = readings[raw] = normalize_person(raw)
    return p


class _Pairs:
    """same_person and _conflict of two spellings, each pair worked out once per batch
    (the same names recur in every yearly report of an NGO)."""

    def __init__(self) -> None:
        self.same: dict[tuple[PersonName, PersonName], bool] = {}
        self.clash: dict[tuple[PersonName, PersonName], bool] = {}

    def fits(self, p: PersonName, members: set[PersonName]) -> bool:
        """p is one of the cluster's people and clashes with none of them."""
        return any(self._ask(self.same, same_person, p, q) for q in members) \
            and not any(self._ask(self.clash, _conflict, p, q) for q in members)

    @staticmethod
    def _ask(memo: dict, fn, p: PersonName, q: PersonName) -> bool:
        key = (p, q)  # hashed once: a PersonName hashes all five of its fields
        answer = memo.get(key)
        if answer is None:
            answer = memo[key] = fn(p, q)
        return answer


class PeopleClusters:
    """The state of `cluster_people`: every distinct spelling placed once, in the order
    first met, in the first cluster that fits it (or a new one).

    Placing is online: a state restored (`restore`) from the spellings an earlier run
    placed, in that run's order, and then given the later spellings places them exactly
    as one run over all of them would, without comparing the earlier ones again. So a
    small increment into a big output folder compares only its own new spellings.
    """

    def __init__(self) -> None:
        self.spellings: list[set[PersonName]] = []  # each cluster's distinct spellings
        self.best: list[PersonName] = []  # each cluster's most complete spelling: its id
        self.placed: dict[PersonName, int] = {}  # a spelling's cluster, in placing order
        self.index: dict[str, set[int]] = {}  # a name word's first letters -> clusters holding it
        self.readings: dict[str, PersonName] = {}  # printed name -> its parse, kept: not parsed again
        self._pairs = _Pairs()

    def place(self, p: PersonName) -> int:
        """The cluster of ``p``, placed now if it is new."""
        home = self.placed.get(p)
        if home is not None:  # the leader a decade of reports names: placed once, not each time
            return home
        # only clusters that meet enough of the name's words can hold the same person:
        # a batch of thousands of documents compares each name with a few, not with every
        # namesake of its given name
        candidates = _candidates(p, self.index)
        home = next((c for c in candidates if self._pairs.fits(p, self.spellings[c])), None)
        return self._put(p, len(self.spellings) if home is None else home)

    def restore(self, p: PersonName, home: int) -> None:
        """Put ``p`` where an earlier run placed it (spellings in that run's order)."""
        if not 0 <= home <= len(self.spellings):  # clusters are numbered as they are made
            raise ValueError(f"cluster {home} before cluster {len(self.spellings)}")
        self._put(p, home)

    def _put(self, p: PersonName, home: int) -> int:
        if home == len(self.spellings):
            self.spellings.append(set())
            self.best.append(p)
        self.placed[p] = home
        self.spellings[home].add(p)
        if _completeness(p) > _completeness(self.best[home]):
            self.best[home] = p
        for b in _block_keys(p):
            self.index.setdefault(b, set()).add(home)
        return home

    def person_id(self, p: PersonName) -> str:
        """The id of the cluster ``p`` was placed in: its most complete spelling's."""
        return _person_id(self.best[self.placed[p]])


def cluster_people(names: list[str], clusters: PeopleClusters | None = None) -> dict[int, str]:
    """Index -> person_id for a batch; blank or unreadable names are left out.

    Clusters grow only when every member stays compatible, so "Нұрлан
    Байжігітұлы" cannot join two Нұрланs with different surnames.  The id is
    that of the most complete spelling in the cluster. ``clusters``: a state to go on
    from (`PeopleClusters`), updated in place.
    """
    clusters = PeopleClusters() if clusters is None else clusters
    # each printed name once, in the order first met: its parse is placed as each mention's
    # would be (a printed name's hash is cached by Python, a PersonName's is not)
    parsed = {raw: _reading(raw, clusters.readings) for raw in dict.fromkeys(names)}
    people = {raw: p for raw, p in parsed.items() if p.given or p.surname}
    for p in people.values():
        clusters.place(p)
    # ids after the last placing: a later, fuller spelling names its whole cluster
    ids = {raw: clusters.person_id(p) for raw, p in people.items()}
    return {i: ids[n] for i, n in enumerate(names) if n in ids}
