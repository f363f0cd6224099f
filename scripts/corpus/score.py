"""Score extracted rows against a truth file: align rows, compare fields.

Alignment is per table and order-insensitive. Rows pair up only when their
key fields agree (loosely: case, quotes, punctuation, whitespace and Latin
look-alike letters aside, long texts at ≥ 90 % similarity); among the pairs
allowed, an optimal assignment maximises the number of equal fields. Keys
are tried tier by tier; rows left over after the last tier are missed
(truth) or extra (extracted).

    documents     one row each, always paired
    contracts     contract_no | row number | direction
    applications  direction | row
    winners       recipient | row | project
    recipients    name_norm | name | project
    partners      project + partner | partner
    events        date + place | date + project | date
    indicators    project + name + place | project + name | name
    demographics  project + dimension + category
    amounts       raw | value_kzt + role | value_kzt
    findings      rule

Field comparison is exact on values: money as Decimal, counts and indicator
values as numbers, dates as ISO strings, lists as multisets, text after
collapsing whitespace (NBSP included). Findings' expected/actual compare as
numbers when both read as numbers ("5 000 000.00" = "5000000.00"). A
protocol number compares without its "№" ("№ 12" = "12"). A truth field that
is null matches null, "" or []. The documents table's schema-2 fields
(operator, protocol_no, announcement_date, deadline_date, applications_kk/ru,
applicant_ngos_kk/ru) are scored like any other wherever the truth states them
(variety 2 states them whenever the document prints them).

Field accuracy of a table = correct fields / truth fields over matched and
missed rows (a missed row's fields all count wrong). Extra rows are counted
apart, not in the accuracy.
"""
from __future__ import annotations

import dataclasses
import datetime
import decimal
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

TABLES = ("documents", "contracts", "applications", "winners", "recipients", "partners", "events",
          "indicators", "demographics", "amounts", "findings")

KEYS: dict[str, list[tuple[str, ...]]] = {
    "documents": [()],
    "contracts": [("contract_no",), ("row",), ("direction",)],
    "applications": [("direction",), ("row",)],
    "winners": [("recipient",), ("row",), ("project",)],
    "recipients": [("name_norm",), ("name",), ("project",)],
    "partners": [("project", "partner"), ("partner",)],
    "events": [("date", "place"), ("date", "project"), ("date",)],
    "indicators": [("project", "name", "place"), ("project", "name"), ("name",)],
    "demographics": [("project", "dimension", "category")],
    "amounts": [("raw",), ("value_kzt", "role"), ("value_kzt",)],
    "findings": [("rule",)],
}

_MONEY = re.compile(r"^-?\d+\.\d{2}$")
_NUM = re.compile(r"^-?[\d\s\u00a0]+(?:[.,]\d+)?$")
_LOOSE_DROP = re.compile(r"[\W_]+")
_PROTOCOL_NO = re.compile(r"[№#\s]+")
_LATIN = str.maketrans("aoepcAOEPCxyiXHKMTB", "аоерсАОЕРСхуіХНКМТВ")


# --- rows from esep --------------------------------------------------------------------

def jsonable(v: Any) -> Any:
    if isinstance(v, decimal.Decimal):
        return f"{v:.2f}"
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [jsonable(x) for x in v]
    return v


def extraction_rows(ex: Any) -> dict[str, list[dict[str, Any]]]:
    """esep's `Extraction` as {table: [row dict]} (after `audit`, so findings are in)."""
    out = {}
    for table in TABLES:
        records = [ex.document] if table == "documents" else getattr(ex, table, [])
        out[table] = [{k: jsonable(v) for k, v in dataclasses.asdict(r).items()} for r in records]
    return out


# --- comparison ------------------------------------------------------------------------

def ws(s: Any) -> str:
    return " ".join(str(s).split())


def empty(v: Any) -> bool:
    return v is None or v == "" or v == []


def as_number(v: Any) -> decimal.Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float, decimal.Decimal)):
        return decimal.Decimal(str(v))
    s = str(v).strip()
    if not _NUM.match(s):
        return None
    s = re.sub(r"[\s\u00a0]", "", s).replace(",", ".")
    try:
        return decimal.Decimal(s)
    except decimal.InvalidOperation:
        return None


def equal(fieldname: str, truth: Any, got: Any) -> bool:
    """Exact on values (see the module doc)."""
    if empty(truth) or empty(got):
        return empty(truth) and empty(got)
    if isinstance(truth, bool) or isinstance(got, bool):
        return truth is got or truth == got and type(truth) is type(got)
    if isinstance(truth, (int, float)):
        n = as_number(got)
        return n is not None and abs(float(n) - float(truth)) < 1e-9
    if isinstance(truth, list):
        if not isinstance(got, list):
            return False
        return Counter(ws(x) for x in truth) == Counter(ws(x) for x in got)
    if isinstance(truth, str) and _MONEY.match(truth):
        n = as_number(got)
        return n is not None and n == decimal.Decimal(truth)
    if fieldname == "protocol_no":
        return _PROTOCOL_NO.sub("", str(truth)) == _PROTOCOL_NO.sub("", str(got))
    if fieldname in ("expected", "actual"):
        a, b = as_number(truth), as_number(got)
        if a is not None and b is not None:
            return a == b
    return ws(truth) == ws(got)


def loose(v: Any) -> str:
    return _LOOSE_DROP.sub("", str(v).translate(_LATIN).casefold())


def key_equal(truth: Any, got: Any) -> bool:
    if empty(truth) or empty(got):
        return empty(truth) and empty(got)
    if isinstance(truth, (int, float)) and not isinstance(truth, bool):
        n = as_number(got)
        return n is not None and float(n) == float(truth)
    if isinstance(truth, str) and _MONEY.match(truth):
        n = as_number(got)
        return n is not None and n == decimal.Decimal(truth)
    a, b = loose(truth), loose(got)
    if a == b:
        return True
    return len(a) > 15 and fuzz.ratio(a, b) >= 90


def fields_of(row: dict) -> list[str]:
    return [k for k in row if not k.startswith("_")]


# --- alignment ---------------------------------------------------------------------------

def _assign(cands: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Pairs (i, j) maximising the summed score among candidates (i, j, score)."""
    if not cands:
        return []
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:  # greedy fallback
        out, ti, gj = [], set(), set()
        for i, j, _ in sorted(cands, key=lambda c: (-c[2], c[0], c[1])):
            if i not in ti and j not in gj:
                out.append((i, j))
                ti.add(i)
                gj.add(j)
        return out
    rows = sorted({c[0] for c in cands})
    cols = sorted({c[1] for c in cands})
    ri = {r: k for k, r in enumerate(rows)}
    ci = {c: k for k, c in enumerate(cols)}
    big = 10**6
    cost = np.full((len(rows), len(cols)), big, dtype=float)
    for i, j, s in cands:
        cost[ri[i], ci[j]] = -(s + 1)
    r_idx, c_idx = linear_sum_assignment(cost)
    return [(rows[a], cols[b]) for a, b in zip(r_idx, c_idx) if cost[a, b] < big]


def align(table: str, truth: list[dict], got: list[dict]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(pairs of truth index, got index), missed truth indices, extra got indices."""
    free_t = list(range(len(truth)))
    free_g = list(range(len(got)))
    pairs: list[tuple[int, int]] = []
    for tier in KEYS.get(table, [()]):
        cands = []
        for i in free_t:
            t = truth[i]
            if any(k not in t for k in tier):
                continue
            fs = fields_of(t)
            for j in free_g:
                g = got[j]
                if all(key_equal(t[k], g.get(k)) for k in tier):
                    cands.append((i, j, sum(equal(f, t[f], g.get(f)) for f in fs)))
        chosen = _assign(cands)
        pairs += chosen
        used_t = {i for i, _ in chosen}
        used_g = {j for _, j in chosen}
        free_t = [i for i in free_t if i not in used_t]
        free_g = [j for j in free_g if j not in used_g]
        if not free_t or not free_g:
            break
    return sorted(pairs), free_t, free_g


# --- scores ------------------------------------------------------------------------------

@dataclass
class TableScore:
    truth_rows: int = 0
    got_rows: int = 0
    matched: int = 0
    missed: int = 0
    extra: int = 0
    fields: int = 0
    correct: int = 0

    def add(self, other: "TableScore") -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.fields if self.fields else None


@dataclass
class DocScore:
    doc: str
    tables: dict[str, TableScore] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)   # field errors in matched rows
    missed: list[dict] = field(default_factory=list)   # truth rows not found
    extra: list[dict] = field(default_factory=list)    # rows found that the truth lacks


def _short(row: dict, limit: int = 6) -> dict:
    keep = {k: v for k, v in row.items() if not k.startswith("_") and k not in
            ("doc_id", "evidence", "bbox", "locator", "page", "source_path", "message")}
    return dict(list(keep.items())[:limit])


def score_doc(name: str, truth: dict[str, list[dict]], got: dict[str, list[dict]]) -> DocScore:
    out = DocScore(name)
    for table in TABLES:
        t_rows = truth.get(table, []) or []
        g_rows = got.get(table, []) or []
        s = TableScore(truth_rows=len(t_rows), got_rows=len(g_rows))
        pairs, missed, extra = align(table, t_rows, g_rows)
        s.matched, s.missed, s.extra = len(pairs), len(missed), len(extra)
        for i, j in pairs:
            t, g = t_rows[i], g_rows[j]
            for f in fields_of(t):
                s.fields += 1
                if equal(f, t[f], g.get(f)):
                    s.correct += 1
                else:
                    out.errors.append({"doc": name, "table": table, "field": f, "got": g.get(f),
                                       "expected": t[f], "row": _short(t, 4)})
        for i in missed:
            s.fields += len(fields_of(t_rows[i]))
            out.missed.append({"doc": name, "table": table, "row": _short(t_rows[i])})
        for j in extra:
            out.extra.append({"doc": name, "table": table, "row": _short(g_rows[j])})
        out.tables[table] = s
    return out


def total(scores: list[DocScore]) -> dict[str, TableScore]:
    out = {t: TableScore() for t in TABLES}
    for d in scores:
        for t, s in d.tables.items():
            out[t].add(s)
    return out


def overall(tables: dict[str, TableScore]) -> TableScore:
    s = TableScore()
    for v in tables.values():
        s.add(v)
    return s


def top_errors(scores: list[DocScore], n: int = 10) -> list[tuple[tuple[str, str], int, dict]]:
    """The n most frequent (table, field) errors, each with its first example."""
    count: Counter = Counter()
    first: dict[tuple[str, str], dict] = {}
    for d in scores:
        for e in d.errors:
            key = (e["table"], e["field"])
            count[key] += 1
            first.setdefault(key, e)
    return [(k, c, first[k]) for k, c in count.most_common(n)]


def top_rows(scores: list[DocScore], what: str) -> list[tuple[str, int, dict]]:
    count: Counter = Counter()
    first: dict[str, dict] = {}
    for d in scores:
        for e in getattr(d, what):
            count[e["table"]] += 1
            first.setdefault(e["table"], e)
    return [(t, c, first[t]) for t, c in count.most_common()]


def by_group(scores: list[DocScore], group_of) -> dict[str, TableScore]:
    groups: dict[str, TableScore] = defaultdict(TableScore)
    for d in scores:
        groups[group_of(d.doc)].add(overall(d.tables))
    return dict(sorted(groups.items()))
