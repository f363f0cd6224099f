"""Links inside one document: a contract row to the recipient profile it pays.

The seed's contracts table leaves the recipient cell blank. The profile is
found by the project title (a contract's direction is often the start of the
project's title) or, failing that, by the amount (the profile states the sum
the contract disbursed). A row filled this way says so: `recipient_inferred`.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from esep.labels import norm
from esep.records import ContractRow, Extraction, RecipientRow


def by_title(c: ContractRow, recipients: list[RecipientRow]) -> RecipientRow | None:
    if not c.direction:
        return None
    key = norm(c.direction)
    scored = [(fuzz.partial_ratio(key, norm(r.project or "")), r) for r in recipients if r.project]
    best = max(scored, key=lambda s: s[0], default=(0, None))
    return best[1] if best[0] >= 90 else None


def by_amount(c: ContractRow, recipients: list[RecipientRow]) -> RecipientRow | None:
    hits = [r for r in recipients if r.amount_kzt is not None and r.amount_kzt == c.disbursed_kzt]
    return hits[0] if len(hits) == 1 else None


def link_contracts(ex: Extraction) -> None:
    """Fill blank recipient cells from the profiles, each profile used once."""
    free = list(ex.recipients)
    for c in ex.contracts:
        if c.recipient:
            continue
        r = by_title(c, free) or by_amount(c, free)
        if r is not None:
            c.recipient, c.recipient_org_id, c.recipient_inferred = r.name, r.org_id, True
            free.remove(r)
