"""Audit across documents: one quantity stated differently in two reports.

Run over the whole output folder on every ingest (after `esep.link` has
given organisations their batch-wide ids), so its findings are recomputed
each time: the old ones are dropped first, by their message keys.

- a winner's grant in a competition result against the contract for the
  same organisation in an operator report of the same region and year;
- a contract stated in two reports (the same number, region and year: the
  Kazakh and the Russian copy, a re-filed report) with different sums.

Both pair records of different documents, so an `error` needs the pairing to be
certain: the region and the year of both documents known, and one contract and
one winner row for the organisation (a contract matched by its number and its
date). A pairing that may be wrong (an NGO with several contracts, a contract
without its date) gives a `warning`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from esep.audit.rules import finding, money
from esep.records import ContractRow, Extraction, Finding

BATCH_KEYS = {"winner_vs_contract", "contract_vs_contract"}


def scope(ex: Extraction) -> tuple[str | None, int | None]:
    d = ex.document
    return d.region, d.reporting_year


def contracts_by_org(extractions: list[Extraction]) -> dict[tuple, list[ContractRow]]:
    out: dict[tuple, list[ContractRow]] = defaultdict(list)
    for ex in extractions:
        for c in ex.contracts:
            if c.recipient_org_id:
                out[(*scope(ex), c.recipient_org_id)].append(c)
    return out


def winners_vs_contracts(extractions: list[Extraction]) -> Iterable[tuple[Extraction, Finding]]:
    index = contracts_by_org(extractions)
    for ex in extractions:
        if None in scope(ex):
            continue  # no region or year: any organisation's contract of any report would match
        won = Counter(w.recipient_org_id for w in ex.winners)
        for w in ex.winners:
            contracts = [c for c in index.get((*scope(ex), w.recipient_org_id), []) if c.grant_kzt is not None]
            if w.grant_kzt is None or not contracts or w.grant_kzt in {c.grant_kzt for c in contracts}:
                continue
            c = contracts[0]
            # one contract (its copies share the number) and one win: the two are one grant
            sev = "error" if len({k.contract_no for k in contracts}) == 1 and won[w.recipient_org_id] == 1 \
                else "warning"
            yield ex, finding(w, "cross_reference_mismatch", sev, "winner_vs_contract",
                              {"name": w.recipient, "won": money(w.grant_kzt), "no": c.contract_no,
                               "grant": money(c.grant_kzt)}, money(c.grant_kzt), money(w.grant_kzt), other=c,
                              about=[w.grant_kzt, c.grant_kzt])


def contract_twins(extractions: list[Extraction]) -> Iterable[tuple[Extraction, Finding]]:
    """The same contract in several documents with different sums: each copy
    that differs from what most copies state is flagged, pointing at one that agrees."""
    groups: dict[tuple, list[tuple[Extraction, ContractRow]]] = defaultdict(list)
    for ex in sorted(extractions, key=lambda e: e.document.source_path):
        for c in ex.contracts:
            if c.contract_no:
                groups[(*scope(ex), c.contract_no, c.contract_date)].append((ex, c))
    for copies in groups.values():
        for field in ("grant_kzt", "savings_kzt", "disbursed_kzt"):
            yield from odd_ones(copies, field)


def odd_ones(copies: list[tuple[Extraction, ContractRow]], field: str) -> Iterable[tuple[Extraction, Finding]]:
    values = [getattr(c, field) for _, c in copies if getattr(c, field) is not None]
    if len(set(values)) < 2:
        return
    usual = Counter(values).most_common(1)[0][0]
    witness = next(c for _, c in copies if getattr(c, field) == usual)
    for ex, c in copies:
        here = getattr(c, field)
        sev = "error" if c.contract_date and None not in scope(ex) else "warning"
        if here is not None and here != usual:
            yield ex, finding(c, "cross_reference_mismatch", sev, "contract_vs_contract",
                              {"no": c.contract_no, "what": field[:-4], "here": money(here),
                               "there": money(usual)}, money(usual), money(here), other=witness,
                              about=[here, usual])


def batch_audit(extractions: list[Extraction]) -> None:
    """Replace every document's cross-document findings with fresh ones."""
    for ex in extractions:
        ex.findings = [f for f in ex.findings if f.message_key not in BATCH_KEYS]
    for ex, f in [*winners_vs_contracts(extractions), *contract_twins(extractions)]:
        ex.findings.append(f)
