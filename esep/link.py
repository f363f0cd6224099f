"""Batch-level linking: organisations and people across every document.

The pipeline calls `build_entities` on every run over the whole output
folder (the documents read back from OUT plus the new batch), so the tables
are always rebuilt from everything. It fills the records' id fields in place
(``org_id``, ``partner_org_id``, ``recipient_org_id``, ``leader_person_id``)
so one organisation has one id in every table, whatever the spelling.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

from esep.normalize.orgs import OrgName, cluster_orgs, split_org
from esep.normalize.people import cluster_people, normalize_person
from esep.records import Extraction, OrganizationRow, PersonRow


@dataclass
class OrgMention:
    """One printed organisation name, and how to write its id back."""

    org: OrgName
    doc_id: str
    set_id: Callable[[str], None]


@dataclass
class NameMention:
    name: str
    role: str
    doc_id: str
    set_id: Callable[[str], None] | None = None


def org_mentions(ex: Extraction) -> list[OrgMention]:
    d = ex.document.doc_id
    out = [OrgMention(split_org(r.name), d, lambda v, r=r: setattr(r, "org_id", v)) for r in ex.recipients]
    out += [OrgMention(split_org(p.partner), d, lambda v, p=p: setattr(p, "partner_org_id", v))
            for p in ex.partners if p.partner]
    out += [OrgMention(split_org(c.recipient), d, lambda v, c=c: setattr(c, "recipient_org_id", v))
            for c in ex.contracts + ex.winners if c.recipient]
    for printed in (ex.document.customer, ex.document.operator):
        if printed:
            out.append(OrgMention(split_org(printed), d, lambda v: None))
    return out


def person_mentions(ex: Extraction) -> list[NameMention]:
    d = ex.document.doc_id
    out = [NameMention(r.leader, "ngo_leader", d, lambda v, r=r: setattr(r, "leader_person_id", v))
           for r in ex.recipients if r.leader]
    out += [NameMention(p.leader, "partner_leader", d) for p in ex.partners if p.leader]
    out += [NameMention(s, "speaker", d) for e in ex.events for s in e.speakers]
    out += [NameMention(m.name, m.role, d) for m in ex.mentions]
    if ex.document.signatory:
        out.append(NameMention(ex.document.signatory, "signatory", d))
    return out


def organizations(mentions: list[OrgMention]) -> list[OrganizationRow]:
    ids = cluster_orgs([m.org for m in mentions])
    groups: dict[str, list[OrgMention]] = {}
    for i, m in enumerate(mentions):
        m.set_id(ids[i])
        groups.setdefault(ids[i], []).append(m)
    return [org_row(oid, ms) for oid, ms in sorted(groups.items())]


def org_row(oid: str, ms: list[OrgMention]) -> OrganizationRow:
    norm = Counter(m.org.name_norm for m in ms).most_common(1)[0][0]
    form = next((m.org.legal_form for m in ms if m.org.legal_form), None)
    return OrganizationRow(org_id=oid, name_norm=norm, legal_form=form,
                           variants=sorted({m.org.name for m in ms}),
                           doc_ids=sorted({m.doc_id for m in ms}))


def people(mentions: list[NameMention]) -> list[PersonRow]:
    ids = cluster_people([m.name for m in mentions])
    groups: dict[str, list[NameMention]] = {}
    for i, m in enumerate(mentions):
        if m.set_id:
            m.set_id(ids[i])
        groups.setdefault(ids[i], []).append(m)
    return [person_row(pid, ms) for pid, ms in sorted(groups.items())]


def person_row(pid: str, ms: list[NameMention]) -> PersonRow:
    """The fullest spelling names the person; every spelling is a variant."""
    fullest = max((normalize_person(m.name) for m in ms), key=lambda p: (len(p.name_norm.split()), len(p.name_norm)))
    return PersonRow(person_id=pid, name_norm=fullest.name_norm, variants=sorted({m.name for m in ms}),
                     roles=sorted({m.role for m in ms}), doc_ids=sorted({m.doc_id for m in ms}))


def build_entities(extractions: list[Extraction]) -> tuple[list[OrganizationRow], list[PersonRow]]:
    """The organizations and people tables of a batch; ids written back into the records."""
    orgs = organizations([m for ex in extractions for m in org_mentions(ex)])
    persons = people([m for ex in extractions for m in person_mentions(ex)])
    return orgs, persons
