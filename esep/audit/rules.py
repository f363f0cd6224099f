"""Audit rules over one document's records (rule names and severities: CONTRACT.md).

Each rule is a small function from an `Extraction` to findings; `RULES` lists
them in the order findings are reported. A finding names one rule and carries
the page, locator and verbatim evidence of what it is about; `other_*` point
at the second place when a rule compares two.

An `error` needs certainty: each value it compares was read with a known role,
from a field or column of known meaning. Otherwise the rule says nothing or, where
the values are still worth a look, gives a `warning`. Per rule:

- totals rows (contracts, winners) and grant − savings = disbursed: table cells
  under mapped headers, error; where no savings cell was read, only disbursed
  above grant is one (savings ≥ 0 could balance any less: no finding);
- words against digits: one printed amount, error;
- a total stated in the text against the tables: only a sum whose clause names
  it a grant, savings or disbursed total (`esep.extractors.amounts`), and only
  against what the tables state (totals row, else the sum of complete rows); a
  sum the clause leaves a `mention` is never compared;
- the count of contracts in the text: only a count whose clause says they were
  concluded or signed ("2 шарт жасасқан", "заключено 2 договора"), error;
- a profile's sum against its contract: error when the contracts table names the
  recipient and every contract has its profile; a contract linked to the profile
  by title only, an NGO with several contracts, or fewer profiles read than
  contracts (one profile may have run into the next) gives a warning;
- applications by language: error when one passage states the total and the
  split, warning when the total comes from elsewhere;
- an indicator's parts: error when the whole and its parts are in one paragraph,
  warning across paragraphs;
- a dimension's categories against its total: error for gender and age when the
  table was read whole (one total, each category once, both sexes, brackets up
  to an open one), else warning; social status (categories may overlap) warning;
- one project's statistics tables: gender against age, error when each read one
  total; against social status (whose table may count a person twice), warning;
- a fractional count of persons: not an average ("орташа есеппен 12,5 адам"),
  not a section number ("2.3 Участники"), error;
- percent against count: warning (the contract's severity), against a total of
  persons or respondents stated in the same paragraph or the survey's own
  paragraph just before it;
- a partner's missing leader or phone: warning, only for a partner read from a
  table (locator ``table:...``) whose columns ask for it, that is some row of
  that table fills it; a partner named in a sentence (``para:...``) has no
  leader or phone cell by nature;
- any rule: a value it compares that holds a digit word OCR read below
  `LOW_CONFIDENCE` or repaired from letters (the fact's `ocr_flag`) makes the
  finding at most a warning, its message saying so ("low OCR confidence"); a
  sum whose words give the same value as its digits is confirmed, not doubtful.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable

from esep.audit.messages import render
from esep.extractors.common import flag_words, narrow_flag
from esep.extractors.counts import text_counts
from esep.labels import labels, load, norm
from esep.normalize.orgs import org_id, split_org
from esep.records import DemographicRow, Extraction, Fact, Finding, Passage

ZERO = Decimal("0.00")
DIGIT = re.compile(r"\d")


def finding(on: Fact, rule: str, severity: str, key: str, params: dict, expected=None, actual=None,
            other: Fact | None = None, about: Iterable | None = None, also: Iterable[Fact] = ()) -> Finding:
    """A finding about ``on``; its message is the template ``key`` filled with ``params``.

    ``about`` are the values it compares (None: all that ``on`` and ``other`` hold), ``also``
    the facts beyond those two its values come from (the rows a total sums). When OCR read
    one of those values doubtfully the finding is at most a warning and says why."""
    params = {k: str(v) for k, v in params.items()}
    flag = doubt([on, other, *also], about)
    if flag:
        severity = "warning" if severity == "error" else severity
        params["ocr"] = "; ".join(detail for _, _, detail in flag_words(flag))
    return Finding(doc_id=on.doc_id, page=on.page, locator=on.locator, evidence=on.evidence,
                   bbox=on.bbox, ocr_flag=flag, rule=rule, severity=severity, message=render(key, params),
                   message_key=key, params=json.dumps(params, ensure_ascii=False),
                   expected=None if expected is None else str(expected),
                   actual=None if actual is None else str(actual),
                   other_page=other.page if other else None,
                   other_locator=other.locator if other else None,
                   other_evidence=other.evidence if other else None)


def doubt(facts: Iterable[Fact | None], about: Iterable | None) -> str | None:
    """The OCR flag parts of ``facts`` that concern the values ``about`` (all when None)."""
    texts = None if about is None else [t for v in about if v is not None for t in shown(v)]
    parts: dict[str, None] = {}
    for f in facts:
        flag = f.ocr_flag if f is not None else None
        flag = narrow_flag(flag, texts) if flag and texts is not None else flag
        parts.update(dict.fromkeys(flag.split("; ") if flag else []))
    return "; ".join(parts) or None


def shown(v) -> list[str]:
    """A value as a report may print it, for finding OCR's words in it."""
    if isinstance(v, Decimal):
        return [money(v)]
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, int):
        return [str(v), f"{v:,}".replace(",", " ")]
    if isinstance(v, date):
        return [f"{v:%d.%m.%Y}", v.isoformat()]
    return [str(v)]


def money(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:,.2f}".replace(",", " ")


def contract_totals(ex: Extraction) -> Iterable[Finding]:
    """The contracts table's totals row against the sum of its rows."""
    total = ex.contract_total
    if total is None or not ex.contracts:
        return
    for field in ("grant_kzt", "savings_kzt", "disbursed_kzt"):
        stated = getattr(total, field)
        parts = [getattr(r, field) for r in ex.contracts]
        if stated is None or any(p is None for p in parts):
            continue
        s = sum(parts, ZERO)
        if s != stated:
            yield finding(total, "sum_total_mismatch", "error", "totals_row",
                          {"what": field[:-4], "stated": money(stated), "n": len(parts), "sum": money(s)},
                          money(s), money(stated), about=[stated, *parts], also=ex.contracts)


def balance(ex: Extraction) -> Iterable[Finding]:
    """grant − savings = disbursed, in every contract row and in the totals."""
    for r in ex.contracts + ([ex.contract_total] if ex.contract_total else []):
        what = "the totals row" if r.is_total else f"contract row {r.row}"
        yield from balance_of(r, r.grant_kzt, r.savings_kzt, r.disbursed_kzt, what)


def balance_of(on: Fact, grant, savings, disbursed, what: str) -> Iterable[Finding]:
    if grant is None or disbursed is None:
        return
    expected = grant - (savings or ZERO)
    if savings is None and disbursed <= grant:
        return  # a savings cell left unread (no such column, a blank): any savings ≥ 0 could balance
    if expected != disbursed:
        # without a savings cell the only certain contradiction is disbursed above grant (savings ≥ 0),
        # and that one is certain: both cells sit under mapped headers
        yield finding(on, "grant_balance", "error", "balance",
                      {"where": what, "grant": money(grant), "savings": money(savings or ZERO),
                       "expected": money(expected), "disbursed": money(disbursed)},
                      money(expected), money(disbursed), about=[grant, savings, disbursed])


def words_digits(ex: Extraction) -> Iterable[Finding]:
    for a in ex.amounts:
        if a.words_kzt is not None and a.value_kzt is not None and a.words_kzt != a.value_kzt:
            yield finding(a, "words_digits_mismatch", "error", "words",
                          {"words": a.words, "words_value": money(a.words_kzt), "digits": money(a.value_kzt)},
                          money(a.value_kzt), money(a.words_kzt))


def table_totals(ex: Extraction) -> dict[str, tuple[Decimal, Fact | None]]:
    """Each total as the tables state it: the totals row, else the sum of the rows
    when every row has the value (contracts; the winners for a grant total)."""
    out: dict[str, tuple[Decimal, Fact | None]] = {}
    for field, rows, total in (("grant", ex.contracts, ex.contract_total), ("savings", ex.contracts, ex.contract_total),
                               ("disbursed", ex.contracts, ex.contract_total), ("grant", ex.winners, ex.winner_total)):
        stated = getattr(total, field + "_kzt", None) if total is not None else None
        parts = [getattr(r, field + "_kzt") for r in rows]
        if stated is None and parts and all(v is not None for v in parts):
            stated = sum(parts, ZERO)
        if stated is not None:
            out.setdefault(field + "_total", (stated, total))
    return out


def text_totals(ex: Extraction) -> Iterable[Finding]:
    """Totals stated in the text against the tables; only sums whose clause named them a total."""
    tables = table_totals(ex)
    for a in ex.amounts:
        if a.role not in tables or "/col:" in a.locator:
            continue
        want, other = tables[a.role]
        if a.value_kzt != want:
            yield finding(a, "cross_reference_mismatch", "error", "text_total",
                          {"stated": money(a.value_kzt), "what": a.role.replace("_", " "), "table": money(want)},
                          money(want), money(a.value_kzt), other=other, about=[a.value_kzt, want])


def recipient_amounts(ex: Extraction) -> Iterable[Finding]:
    """A recipient profile's sum against its contract (linked by `esep.audit.link`)."""
    by_org: dict[str, list] = defaultdict(list)
    for c in ex.contracts:
        if c.recipient:
            by_org[org_key(c.recipient)].append(c)
    for r in ex.recipients:
        contracts = by_org.get(org_key(r.name), [])
        if not contracts or r.amount_kzt is None:
            continue
        if all(r.amount_kzt not in (c.disbursed_kzt, c.grant_kzt) for c in contracts):
            c = contracts[0]
            # the table names the recipient of its only contract, and every contract has its
            # profile: certain. A link by the project's title, one of several contracts, or
            # profiles missed (a profile read into its neighbour's fields) may pair the wrong two
            whole = len(ex.recipients) == len(ex.contracts)
            sev = "error" if len(contracts) == 1 and not c.recipient_inferred and whole else "warning"
            yield finding(r, "cross_reference_mismatch", sev, "recipient_amount",
                          {"name": r.name, "stated": money(r.amount_kzt), "no": c.contract_no,
                           "grant": money(c.grant_kzt), "disbursed": money(c.disbursed_kzt)},
                          money(c.disbursed_kzt), money(r.amount_kzt), other=c,
                          about=[r.amount_kzt, c.grant_kzt, c.disbursed_kzt])


def org_key(printed: str) -> str:
    """One key for "ОФ «Көмек командасы»" and "«Көмек командасы» қоғамдық қоры"."""
    org = split_org(printed)
    return org_id(org.name_norm, org.legal_form)


def demographics(ex: Extraction) -> Iterable[Finding]:
    """Each dimension's categories against its total (social status may overlap: warning)."""
    groups: dict[tuple, list[DemographicRow]] = defaultdict(list)
    for d in ex.demographics:
        groups[(d.project, d.dimension)].append(d)
    for (project, dim), cells in groups.items():
        total = next((c for c in cells if c.category == "total" and c.count is not None), None)
        parts = [c for c in cells if c.category != "total" and c.count is not None]
        if total is None or not parts:
            continue
        s = sum(c.count for c in parts)
        if s != total.count:
            sev = "error" if dim != "social_status" and complete(dim, cells) else "warning"
            listed = " + ".join(f"{c.count} ({c.category})" for c in parts)
            yield finding(total, "demographics_sum", sev, "demographics",
                          {"dimension": dim, "project": project, "parts": listed, "sum": s,
                           "total": total.count}, total.count, s,
                          about=[total.count, *(c.count for c in parts)], also=parts)


def complete(dimension: str, cells: list[DemographicRow]) -> bool:
    """Whether a table was read whole: one total, each category once; for gender
    both sexes, for age brackets up to an open one ("59+"), a blank cell read as
    None. Else a column may have been missed or misread, and the sum is not the table's."""
    cats = [c.category for c in cells if c.category != "total"]
    if len(cats) != len(set(cats)) or not one_total(cells):
        return False
    if dimension == "gender":
        return {"male", "female"} <= set(cats)
    return len(cats) >= 2 and any(c.endswith("+") for c in cats)


def one_total(cells: list[DemographicRow]) -> bool:
    """Whether the total cells read for one project's dimension agree among themselves."""
    return len({c.count for c in cells if c.category == "total" and c.count is not None}) <= 1


def fractional_counts(ex: Extraction) -> Iterable[Finding]:
    """"155,5 адам": a count of persons that is not a whole number."""
    average = labels("audit", "average")
    for p in persons_paragraphs(ex):
        for m in (m for rx in audit_patterns("persons_re") for m in rx.finditer(p.evidence)):
            value = Decimal(m.group(1).replace(",", "."))
            numbering = "." in m.group(1) and not p.evidence[:m.start()].strip(" *#\t")  # "2.3 Участники"
            if numbering or has_stem(clause_at(p.evidence, m.start(), m.end()), average):
                continue
            if value != value.to_integral_value():
                yield finding(p, "fractional_count", "error", "fractional", {"text": m.group(0)},
                              None, m.group(1), about=[m.group(1)])


def shares(ex: Extraction) -> Iterable[Finding]:
    """"300 ... қатысты, оның 51%-ы (155,5 адам)": 51% of 300 is 153.

    A share is checked against the nearest total before it in its paragraph,
    else one after it there ("... 60% (150 человек). В опросе приняли участие
    250 человек"), else the total of the survey's paragraph just before. A
    percent agrees with its count when count / total rounds to it as printed."""
    share_rx = audit_patterns("share_re")
    carried: Decimal | None = None
    for p in persons_paragraphs(ex):
        totals = stated_totals(p.evidence)
        for start, pct, count in sorted(s for rx in share_rx for s in share_matches(rx, p.evidence)):
            total = next((n for at, n in reversed(totals) if at < start), None) or \
                next((n for _, n in totals), None) or carried
            if total and not agrees(pct, count, total):
                expected = (total * pct / 100).quantize(Decimal("0.1"))
                yield finding(p, "percent_count_mismatch", "warning", "share",
                              {"pct": pct, "total": total, "expected": expected, "count": count},
                              expected, count, about=[str(pct), str(total), str(count)])
        carried = totals[-1][1] if totals else None


def share_matches(rx: re.Pattern[str], text: str) -> Iterable[tuple[int, Decimal, Decimal]]:
    for m in rx.finditer(text):
        yield m.start(), Decimal(m["pct"].replace(",", ".")), Decimal(m["count"].replace(",", "."))


def stated_totals(text: str) -> list[tuple[int, Decimal]]:
    """Totals of persons the text states exactly, by position ("около 300" is none)."""
    return list(_stated_totals(text)) if DIGIT.search(text) else []  # every total is in digits


@lru_cache(maxsize=1 << 12)  # a paragraph is read by more than one rule
def _stated_totals(text: str) -> tuple[tuple[int, Decimal], ...]:
    approx = labels("audit", "approximate")
    out = []
    for rx in audit_patterns("total_re"):
        for m in rx.finditer(text):
            near = text[max(0, m.start("n") - 16):m.start("n")] + " " + text[m.end("n"):m.end("n") + 8]
            if not has_stem(near, approx):
                out.append((m.start("n"), Decimal(re.sub(r"\D", "", m["n"]))))
    return tuple(sorted(set(out)))


def agrees(pct: Decimal, count: Decimal, total: Decimal) -> bool:
    """Whether count / total, rounded as ``pct`` is printed, gives ``pct``."""
    places = -pct.as_tuple().exponent if pct.as_tuple().exponent < 0 else 0
    return abs(count * 100 / total - pct) <= Decimal(5) / Decimal(10) ** (places + 1) + Decimal("1e-9")


@lru_cache(maxsize=None)  # the labels are read once per process
def audit_patterns(key: str) -> list[re.Pattern[str]]:
    """The [audit] patterns under ``key``, "{persons}" standing for the words that count persons."""
    persons = "|".join(labels("audit", "persons"))
    return [re.compile(x.replace("{persons}", persons), re.I) for x in labels("audit", key)]


def persons_paragraphs(ex: Extraction) -> list[Passage]:
    """Where counts of persons are stated: the project reports, and in an NGO's own
    report its header too (any part but the operator's main text)."""
    return [p for p in ex.passages if p.part != "main"]


def missing(ex: Extraction) -> Iterable[Finding]:
    """Blank fields the forms require."""
    for c in ex.contracts:
        if c.recipient_inferred:
            yield finding(c, "missing_value", "warning", "missing_recipient_inferred",
                          {"row": c.row, "name": c.recipient}, about=())
        elif not c.recipient:
            yield finding(c, "missing_value", "warning", "missing_recipient", {"row": c.row}, about=())
    for p in (p for p in ex.partners if p.locator.startswith("table")):  # the form's table, not a prose list
        if p.phone is None and not p.phone_raw and has_contacts_column(ex, p):
            yield finding(p, "missing_value", "warning", "missing_contacts", {"name": p.partner}, about=())
        if p.leader is None and has_leader_column(ex, p):
            yield finding(p, "missing_value", "warning", "missing_leader", {"name": p.partner}, about=())
    for r in ex.recipients:
        if not r.address:
            yield finding(r, "missing_value", "warning", "missing_address", {"name": r.name}, about=())
        if r.period_start is None and not r.period_raw:
            yield finding(r, "missing_value", "warning", "missing_period", {"name": r.name}, about=())


def has_leader_column(ex: Extraction, p) -> bool:
    """Whether the partner's own table has a leader column: some row of it names one.

    A table is the rows of one locator whose printed numbers keep rising; a
    number that starts again (1, 2, ... 8, then 1) is the next table set under it.
    """
    return any(q.leader for q in table_of(ex.partners, p))


def has_contacts_column(ex: Extraction, p) -> bool:
    """Whether the partner's own table has a phone or contacts column: some row of it fills one
    (a table of names and roles asks for no phone)."""
    return any(q.phone or q.phone_raw for q in table_of(ex.partners, p))


def table_of(rows: list, p) -> list:
    groups: list[list] = []
    for q in rows:
        prev = groups[-1][-1] if groups else None
        if prev is not None and prev.locator.split("/")[0] == q.locator.split("/")[0] \
                and (q.row or 0) > (prev.row or 0):
            groups[-1].append(q)
        else:
            groups.append([q])
    return next((g for g in groups if any(q is p for q in g)), [])


def dates_in_period(ex: Extraction) -> Iterable[Finding]:
    profiles = {r.project: r for r in ex.recipients if r.period_start}
    year = ex.document.reporting_year
    for e in ex.events:
        profile = profiles.get(e.project)
        lo, hi = (profile.period_start, profile.period_end) if profile else (None, None)
        if e.date is None:
            continue
        if lo and hi and not lo <= e.date <= hi:
            yield finding(e, "date_out_of_period", "warning", "out_of_period",
                          {"date": e.date, "start": lo, "end": hi}, f"{lo}..{hi}", e.date,
                          about=[e.date, e.date_raw, lo, hi], also=[profile])
        elif year and e.date.year != year:
            yield finding(e, "date_out_of_period", "warning", "out_of_year",
                          {"date": e.date, "year": year}, year, e.date, about=[e.date, e.date_raw])


def contract_count(ex: Extraction) -> Iterable[Finding]:
    """"2 (екі) шарт" in the text against the rows of the contracts table."""
    n = len(ex.contracts)
    concluded = labels("audit", "contracts_concluded")
    for p in (p for p in ex.passages if p.part == "main"):
        for pattern in labels("document", "contracts_count_re"):
            for m in re.finditer(pattern, p.evidence, re.I):
                said = has_stem(clause_at(p.evidence, m.start(), m.end()), concluded)
                if n and said and int(m.group(1)) != n:
                    yield finding(p, "cross_reference_mismatch", "error", "contract_count",
                                  {"stated": m.group(1), "n": n}, n, m.group(1), about=[m.group(1)])


def clause_at(text: str, start: int, end: int) -> str:
    """The clause around [start, end): from the comma or sentence end before it to the one after."""
    cut = max(text.rfind(",", 0, start), text.rfind(".", 0, start), text.rfind(";", 0, start))
    after = [i for i in (text.find(",", end), text.find(";", end), text.find(". ", end)) if i >= 0]
    return text[cut + 1:min(after, default=len(text))]


def has_stem(text: str, stems: list[str]) -> bool:
    """Whether a word of ``text`` starts with one of ``stems`` (both normalised)."""
    t = norm(text)
    return any(re.search(r"(?<!\w)" + re.escape(norm(x)), t) for x in stems)


def application_count(ex: Extraction) -> Iterable[Finding]:
    """"4 ҮЕҰ-дан 4 өтінім" against the sum of the applications table."""
    counts = [a.applications for a in ex.applications]
    if not counts or any(c is None for c in counts):
        return
    total = sum(counts)
    for p in (p for p in ex.passages if p.part == "main"):
        stated, _ = text_counts(p.evidence)
        if stated is not None and stated != total:
            yield finding(p, "cross_reference_mismatch", "error", "app_count",
                          {"stated": stated, "sum": total}, total, stated, other=ex.applications[0],
                          about=[stated, *counts], also=ex.applications)


def winner_totals(ex: Extraction) -> Iterable[Finding]:
    """The winners table's totals row against the sum of the winners' grants."""
    total = ex.winner_total
    parts = [w.grant_kzt for w in ex.winners]
    if total is None or total.grant_kzt is None or not parts or any(p is None for p in parts):
        return
    s = sum(parts, ZERO)
    if s != total.grant_kzt:
        yield finding(total, "sum_total_mismatch", "error", "totals_row",
                      {"what": "grant", "stated": money(total.grant_kzt), "n": len(parts), "sum": money(s)},
                      money(s), money(total.grant_kzt), about=[total.grant_kzt, *parts], also=ex.winners)


def language_split(ex: Extraction) -> Iterable[Finding]:
    """"4 өтінім, оның ішінде мемлекеттік тілде – 3, орыс тілінде – 2": 3 + 2 is not 4."""
    d = ex.document
    if None in (d.applications_count, d.applications_kk, d.applications_ru):
        return
    s = d.applications_kk + d.applications_ru
    rx = re.compile(labels("competition", "by_language_kk_re"), re.I)
    on = next((p for p in ex.passages if rx.search(p.evidence)), None)
    if s != d.applications_count and on is not None:
        # the total read from the same passage as the split is its total for certain
        sev = "error" if text_counts(on.evidence)[0] == d.applications_count else "warning"
        yield finding(on, "sum_total_mismatch", sev, "language_split",
                      {"kk": d.applications_kk, "ru": d.applications_ru, "sum": s, "total": d.applications_count},
                      d.applications_count, s, about=[d.applications_kk, d.applications_ru, d.applications_count])


def indicator_parts(ex: Extraction) -> Iterable[Finding]:
    """Parts of an indicator against its stated whole ("2000 дана": 600 + 300 + 1100)."""
    for part_name, whole_name in load("indicators")["parts"].items():
        for project in {i.project for i in ex.indicators}:
            whole = next((i for i in ex.indicators if i.project == project and i.name == whole_name), None)
            parts = [i for i in ex.indicators if i.project == project and i.name == part_name]
            if whole is None or not parts or whole.value is None:
                continue
            s = sum(p.value or 0 for p in parts)
            if s != whole.value:
                listed = " + ".join(f"{p.value:g}" for p in parts)
                # parts stated in another paragraph may count another batch of the same thing
                sev = "error" if all(paragraph(p) == paragraph(whole) for p in parts) else "warning"
                yield finding(whole, "sum_total_mismatch", sev, "indicator_parts",
                              {"label": whole.label, "parts": listed, "sum": f"{s:g}",
                               "total": f"{whole.value:g}"}, f"{s:g}", f"{whole.value:g}", other=parts[0],
                              about=[whole.value, *(p.value for p in parts)], also=parts)


def paragraph(f: Fact) -> str:
    """The block a fact was read from: its locator without the character span."""
    return f.locator.split("/chars:")[0]


def dimension_totals(ex: Extraction) -> Iterable[Finding]:
    """The total participants of one project agree across its statistics tables."""
    firsts: dict[tuple, DemographicRow] = {}
    cells: dict[tuple, list[DemographicRow]] = defaultdict(list)
    for d in ex.demographics:
        cells[(d.project, d.dimension)].append(d)
        if d.category == "total" and d.count is not None:
            firsts.setdefault((d.project, d.dimension), d)
    by_project: dict[str | None, list[DemographicRow]] = defaultdict(list)
    for (project, _), d in firsts.items():
        by_project[project].append(d)
    for project, totals in by_project.items():
        first = totals[0]
        for d in totals[1:]:
            if d.count != first.count:
                # a social-status table may count one person in two categories, and its total with them
                sev = "warning" if "social_status" in (d.dimension, first.dimension) or \
                    not all(one_total(cells[(project, x.dimension)]) for x in (d, first)) else "error"
                yield finding(d, "cross_reference_mismatch", sev, "dimension_totals",
                              {"project": project, "dimension": d.dimension, "total": d.count,
                               "other": first.dimension, "other_total": first.count},
                              first.count, d.count, other=first, about=[d.count, first.count])


RULES: list[Callable[[Extraction], Iterable[Finding]]] = [
    contract_totals, winner_totals, language_split, indicator_parts, balance, words_digits, text_totals, contract_count,
    application_count, recipient_amounts, dimension_totals, demographics, fractional_counts,
    shares, missing, dates_in_period,
]
