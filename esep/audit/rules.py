"""Audit rules over one document's records (rule names and severities: CONTRACT.md).

Each rule is a small function from an `Extraction` to findings; `RULES` lists
them in the order findings are reported. A finding names one rule and carries
the page, locator and verbatim evidence of what it is about; `other_*` point
at the second place when a rule compares two.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from decimal import Decimal
from typing import Callable, Iterable

from esep.audit.messages import render
from esep.extractors.counts import text_counts
from esep.labels import labels, load
from esep.normalize.orgs import org_id, split_org
from esep.records import DemographicRow, Extraction, Fact, Finding, Passage

ZERO = Decimal("0.00")


def finding(on: Fact, rule: str, severity: str, key: str, params: dict, expected=None, actual=None,
            other: Fact | None = None) -> Finding:
    """A finding about ``on``; its message is the template ``key`` filled with ``params``."""
    params = {k: str(v) for k, v in params.items()}
    return Finding(doc_id=on.doc_id, page=on.page, locator=on.locator, evidence=on.evidence,
                   bbox=on.bbox, rule=rule, severity=severity, message=render(key, params),
                   message_key=key, params=json.dumps(params, ensure_ascii=False),
                   expected=None if expected is None else str(expected),
                   actual=None if actual is None else str(actual),
                   other_page=other.page if other else None,
                   other_locator=other.locator if other else None,
                   other_evidence=other.evidence if other else None)


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
                          money(s), money(stated))


def balance(ex: Extraction) -> Iterable[Finding]:
    """grant − savings = disbursed, in every contract row and in the totals."""
    for r in ex.contracts + ([ex.contract_total] if ex.contract_total else []):
        what = "the totals row" if r.is_total else f"contract row {r.row}"
        yield from balance_of(r, r.grant_kzt, r.savings_kzt, r.disbursed_kzt, what)


def balance_of(on: Fact, grant, savings, disbursed, what: str) -> Iterable[Finding]:
    if grant is None or disbursed is None:
        return
    expected = grant - (savings or ZERO)
    if expected != disbursed:
        yield finding(on, "grant_balance", "error", "balance",
                      {"where": what, "grant": money(grant), "savings": money(savings or ZERO),
                       "expected": money(expected), "disbursed": money(disbursed)},
                      money(expected), money(disbursed))


def words_digits(ex: Extraction) -> Iterable[Finding]:
    for a in ex.amounts:
        if a.words_kzt is not None and a.value_kzt is not None and a.words_kzt != a.value_kzt:
            yield finding(a, "words_digits_mismatch", "error", "words",
                          {"words": a.words, "words_value": money(a.words_kzt), "digits": money(a.value_kzt)},
                          money(a.value_kzt), money(a.words_kzt))


def text_totals(ex: Extraction) -> Iterable[Finding]:
    """Totals stated in the text against the contracts table's totals."""
    d = ex.document
    table = {"grant_total": d.grant_total_kzt, "savings_total": d.savings_total_kzt,
             "disbursed_total": d.disbursed_total_kzt}
    for a in ex.amounts:
        want = table.get(a.role or "")
        if want is not None and "/col:" not in a.locator and a.value_kzt != want:
            yield finding(a, "cross_reference_mismatch", "error", "text_total",
                          {"stated": money(a.value_kzt), "what": a.role.replace("_", " "), "table": money(want)},
                          money(want), money(a.value_kzt))


def recipient_amounts(ex: Extraction) -> Iterable[Finding]:
    """A recipient profile's sum against its contract (linked by `esep.audit.link`)."""
    by_org = {org_key(c.recipient): c for c in ex.contracts if c.recipient}
    for r in ex.recipients:
        c = by_org.get(org_key(r.name))
        if c is None or r.amount_kzt is None:
            continue
        if r.amount_kzt not in (c.disbursed_kzt, c.grant_kzt):
            yield finding(r, "cross_reference_mismatch", "error", "recipient_amount",
                          {"name": r.name, "stated": money(r.amount_kzt), "no": c.contract_no,
                           "grant": money(c.grant_kzt), "disbursed": money(c.disbursed_kzt)},
                          money(c.disbursed_kzt), money(r.amount_kzt), other=c)


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
            sev = "warning" if dim == "social_status" else "error"
            listed = " + ".join(f"{c.count} ({c.category})" for c in parts)
            yield finding(total, "demographics_sum", sev, "demographics",
                          {"dimension": dim, "project": project, "parts": listed, "sum": s,
                           "total": total.count}, total.count, s)


def fractional_counts(ex: Extraction) -> Iterable[Finding]:
    """"155,5 адам": a count of persons that is not a whole number."""
    rx = re.compile(labels("audit", "persons_re"), re.I)
    for p in persons_paragraphs(ex):
        for m in rx.finditer(p.evidence):
            value = Decimal(m.group(1).replace(",", "."))
            if value != value.to_integral_value():
                yield finding(p, "fractional_count", "error", "fractional", {"text": m.group(0)},
                              None, m.group(1))


def shares(ex: Extraction) -> Iterable[Finding]:
    """"300 ... қатысты, оның 51%-ы (155,5 адам)": 51% of 300 is 153."""
    totals = [re.compile(x, re.I) for x in labels("audit", "total_re")]
    share_rx = re.compile(labels("audit", "share_re"), re.I)
    for p in persons_paragraphs(ex):
        t = next((m for rx in totals if (m := rx.search(p.evidence))), None)
        if not t:
            continue
        total = Decimal(t.group(1))
        for m in share_rx.finditer(p.evidence, t.end()):
            pct, count = (Decimal(x.replace(",", ".")) for x in m.groups())
            expected = (total * pct / 100).quantize(Decimal("0.1"))
            if abs(expected - count) >= Decimal("0.5"):
                yield finding(p, "percent_count_mismatch", "warning", "share",
                              {"pct": pct, "total": total, "expected": expected, "count": count},
                              expected, count)


def persons_paragraphs(ex: Extraction) -> list[Passage]:
    """Where counts of persons are stated: the project reports, and in an NGO's own
    report its header too (any part but the operator's main text)."""
    return [p for p in ex.passages if p.part != "main"]


def missing(ex: Extraction) -> Iterable[Finding]:
    """Blank fields the forms require."""
    for c in ex.contracts:
        if c.recipient_inferred:
            yield finding(c, "missing_value", "warning", "missing_recipient_inferred",
                          {"row": c.row, "name": c.recipient})
        elif not c.recipient:
            yield finding(c, "missing_value", "warning", "missing_recipient", {"row": c.row})
    for p in ex.partners:
        if p.phone is None and not p.phone_raw:
            yield finding(p, "missing_value", "warning", "missing_contacts", {"name": p.partner})
        if p.leader is None and has_leader_column(ex, p):
            yield finding(p, "missing_value", "warning", "missing_leader", {"name": p.partner})
    for r in ex.recipients:
        if not r.address:
            yield finding(r, "missing_value", "warning", "missing_address", {"name": r.name})
        if r.period_start is None and not r.period_raw:
            yield finding(r, "missing_value", "warning", "missing_period", {"name": r.name})


def has_leader_column(ex: Extraction, p) -> bool:
    """Whether the partner's own table has a leader column: some row of it names one.

    A table is the rows of one locator whose printed numbers keep rising; a
    number that starts again (1, 2, ... 8, then 1) is the next table set under it.
    """
    return any(q.leader for q in table_of(ex.partners, p))


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
    periods = {r.project: (r.period_start, r.period_end) for r in ex.recipients if r.period_start}
    year = ex.document.reporting_year
    for e in ex.events:
        lo, hi = periods.get(e.project, (None, None))
        if e.date is None:
            continue
        if lo and hi and not lo <= e.date <= hi:
            yield finding(e, "date_out_of_period", "warning", "out_of_period",
                          {"date": e.date, "start": lo, "end": hi}, f"{lo}..{hi}", e.date)
        elif year and e.date.year != year:
            yield finding(e, "date_out_of_period", "warning", "out_of_year",
                          {"date": e.date, "year": year}, year, e.date)


def contract_count(ex: Extraction) -> Iterable[Finding]:
    """"2 (екі) шарт" in the text against the rows of the contracts table."""
    n = len(ex.contracts)
    for p in (p for p in ex.passages if p.part == "main"):
        for pattern in labels("document", "contracts_count_re"):
            for m in re.finditer(pattern, p.evidence, re.I):
                if n and int(m.group(1)) != n:
                    yield finding(p, "cross_reference_mismatch", "error", "contract_count",
                                  {"stated": m.group(1), "n": n}, n, m.group(1))


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
                          {"stated": stated, "sum": total}, total, stated, other=ex.applications[0])


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
                      money(s), money(total.grant_kzt))


def language_split(ex: Extraction) -> Iterable[Finding]:
    """"4 өтінім, оның ішінде мемлекеттік тілде – 3, орыс тілінде – 2": 3 + 2 is not 4."""
    d = ex.document
    if None in (d.applications_count, d.applications_kk, d.applications_ru):
        return
    s = d.applications_kk + d.applications_ru
    rx = re.compile(labels("competition", "by_language_kk_re"), re.I)
    on = next((p for p in ex.passages if rx.search(p.evidence)), None)
    if s != d.applications_count and on is not None:
        yield finding(on, "sum_total_mismatch", "error", "language_split",
                      {"kk": d.applications_kk, "ru": d.applications_ru, "sum": s, "total": d.applications_count},
                      d.applications_count, s)


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
                yield finding(whole, "sum_total_mismatch", "error", "indicator_parts",
                              {"label": whole.label, "parts": listed, "sum": f"{s:g}",
                               "total": f"{whole.value:g}"}, f"{s:g}", f"{whole.value:g}", other=parts[0])


def dimension_totals(ex: Extraction) -> Iterable[Finding]:
    """The total participants of one project agree across its statistics tables."""
    firsts: dict[tuple, DemographicRow] = {}
    for d in ex.demographics:
        if d.category == "total" and d.count is not None:
            firsts.setdefault((d.project, d.dimension), d)
    by_project: dict[str | None, list[DemographicRow]] = defaultdict(list)
    for (project, _), d in firsts.items():
        by_project[project].append(d)
    for project, totals in by_project.items():
        first = totals[0]
        for d in totals[1:]:
            if d.count != first.count:
                yield finding(d, "cross_reference_mismatch", "error", "dimension_totals",
                              {"project": project, "dimension": d.dimension, "total": d.count,
                               "other": first.dimension, "other_total": first.count},
                              first.count, d.count, other=first)


RULES: list[Callable[[Extraction], Iterable[Finding]]] = [
    contract_totals, winner_totals, language_split, indicator_parts, balance, words_digits, text_totals, contract_count,
    application_count, recipient_amounts, dimension_totals, demographics, fractional_counts,
    shares, missing, dates_in_period,
]
