"""Batch-level linking: organisations, people and restated documents across every document.

The pipeline calls `build_entities` on every run over the whole output
folder (the documents read back from OUT plus the new batch), so the tables
are always rebuilt from everything; the clustering goes on from the state the
previous run left (`LinkState`), so only the new documents' names are compared
with the rest. It fills the records' id fields in place
(``org_id``, ``partner_org_id``, ``recipient_org_id``, ``leader_person_id``)
so one organisation has one id in every table, whatever the spelling, and
``documents.same_as_doc_id`` (`link_restatements`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, combinations, product
from dataclasses import dataclass, field
from typing import Callable, Iterable

from esep.normalize.orgs import OrgClusters, OrgName, cluster_orgs, split_org
from esep.normalize.people import PeopleClusters, PersonName, cluster_people, normalize_person
from esep.records import DocumentRow, Extraction, OrganizationRow, PersonRow


@dataclass
class LinkState:
    """What a run's clustering leaves for the next (`esep.pipeline.link_state` keeps it in
    OUT): given it, the next run compares only the names its new documents bring."""

    orgs: OrgClusters = field(default_factory=OrgClusters)
    people: PeopleClusters = field(default_factory=PeopleClusters)


@dataclass(slots=True)
class OrgMention:
    """One printed organisation name, and the record field its id is written to (none
    for a document's customer or operator: named, but no table has their id)."""

    org: OrgName
    doc_id: str
    record: object = None
    field: str = ""


@dataclass(slots=True)
class NameMention:
    """One printed person name, and the record field its id is written to, if any."""

    name: str
    role: str
    doc_id: str
    record: object = None
    field: str = ""


def org_mentions(ex: Extraction, split: Callable[[str], OrgName] = split_org) -> list[OrgMention]:
    d = ex.document.doc_id
    out = [OrgMention(split(r.name), d, r, "org_id") for r in ex.recipients]
    out += [OrgMention(split(p.partner), d, p, "partner_org_id") for p in ex.partners if p.partner]
    out += [OrgMention(split(c.recipient), d, c, "recipient_org_id")
            for c in chain(ex.contracts, ex.winners) if c.recipient]
    for printed in (ex.document.customer, ex.document.operator):
        if printed:
            out.append(OrgMention(split(printed), d))
    return out


def person_mentions(ex: Extraction) -> list[NameMention]:
    d = ex.document.doc_id
    out = [NameMention(r.leader, "ngo_leader", d, r, "leader_person_id") for r in ex.recipients if r.leader]
    out += [NameMention(p.leader, "partner_leader", d) for p in ex.partners if p.leader]
    out += [NameMention(s, "speaker", d) for e in ex.events for s in e.speakers]
    out += [NameMention(m.name, m.role, d) for m in ex.mentions]
    if ex.document.signatory:
        out.append(NameMention(ex.document.signatory, "signatory", d))
    return out


def grouped(mentions: list[OrgMention] | list[NameMention], ids: dict[int, str]) -> dict[str, list]:
    """Each mention's id (``ids``: by its index) written into its record's field; the
    mentions by id."""
    groups: dict[str, list] = {}
    for i, m in enumerate(mentions):
        if m.record is not None:
            setattr(m.record, m.field, ids[i])
        groups.setdefault(ids[i], []).append(m)
    return groups


def prepare(ex: Extraction) -> None:
    """Read a document's organisation and person names ahead of `build_entities` (the
    readings are cached): called as each document of a batch arrives, the parsing is done
    while workers still run, not after the last one."""
    try:
        org_mentions(ex)
        for m in person_mentions(ex):
            normalize_person(m.name)
    except Exception:  # noqa: BLE001 - build_entities reads them again and fails where it did
        pass


def organizations(mentions: list[OrgMention], clusters: OrgClusters | None = None) -> list[OrganizationRow]:
    groups = grouped(mentions, cluster_orgs([m.org for m in mentions], clusters))
    return [org_row(oid, ms) for oid, ms in sorted(groups.items())]


def org_row(oid: str, ms: list[OrgMention]) -> OrganizationRow:
    norm = Counter(m.org.name_norm for m in ms).most_common(1)[0][0]
    form = next((m.org.legal_form for m in ms if m.org.legal_form), None)
    return OrganizationRow(org_id=oid, name_norm=norm, legal_form=form,
                           variants=sorted({m.org.name for m in ms}),
                           doc_ids=sorted({m.doc_id for m in ms}))


def people(mentions: list[NameMention], clusters: PeopleClusters | None = None) -> list[PersonRow]:
    clusters = PeopleClusters() if clusters is None else clusters
    groups = grouped(mentions, cluster_people([m.name for m in mentions], clusters))
    return [person_row(pid, ms, clusters.readings) for pid, ms in sorted(groups.items())]


def person_row(pid: str, ms: list[NameMention], readings: dict[str, PersonName]) -> PersonRow:
    """The fullest spelling names the person; every spelling is a variant (``readings``:
    the parse of each spelling the clustering made, not made again)."""
    # each spelling once (dict keeps the first-seen order, so ties go as before)
    fullest = max((readings[n] for n in dict.fromkeys(m.name for m in ms)),
                  key=lambda p: (len(p.name_norm.split()), len(p.name_norm)))
    return PersonRow(person_id=pid, name_norm=fullest.name_norm, variants=sorted({m.name for m in ms}),
                     roles=sorted({m.role for m in ms}), doc_ids=sorted({m.doc_id for m in ms}))


def build_entities(extractions: list[Extraction], state: LinkState | None = None
                   ) -> tuple[list[OrganizationRow], list[PersonRow]]:
    """The organizations and people tables of a batch; ids written back into the records,
    and each document's ``same_as_doc_id`` (after the org ids: winners are compared by them).
    ``state``: the clustering of an earlier run over the first of these documents, in the
    same order (the names of the rest are placed after them), updated in place."""
    state = LinkState() if state is None else state
    orgs = organizations([m for ex in extractions for m in org_mentions(ex, state.orgs.split)], state.orgs)
    persons = people([m for ex in extractions for m in person_mentions(ex)], state.people)
    link_restatements(extractions)
    return orgs, persons


# --- documents that restate each other ------------------------------------------------
#
# A Kazakh and a Russian version of one press release or protocol state the same
# facts. Two documents in the two languages restate each other when every fact
# both of them state is equal, they share at least MIN_SHARED facts, and one of
# these is a date or the grant total (the facts that tell two competitions apart);
# their year and region, where both have one, must agree too. A group of such
# documents (a PDF and a DOCX of the Kazakh version and the Russian one) has one
# representative, its first Kazakh document by doc_id; every other member's
# ``same_as_doc_id`` names it, and the representative's is null.

FACTS = ("report_date", "announcement_date", "deadline_date", "grant_total_kzt", "savings_total_kzt",
         "disbursed_total_kzt", "contracts_count", "applications_count", "applicant_ngos_count",
         "applications_kk", "applications_ru", "applicant_ngos_kk", "applicant_ngos_ru", "protocol_no")
ANCHORS = ("report_date", "announcement_date", "deadline_date", "grant_total_kzt")
SCOPE = ("reporting_year", "region")  # must not differ; equal, they prove nothing
MIN_SHARED = 3


def doc_facts(ex: Extraction) -> dict[str, object]:
    """The facts a document states that its other-language version states alike."""
    d = ex.document
    facts: dict[str, object] = {k: getattr(d, k) for k in FACTS if getattr(d, k) is not None}
    grants = sorted(w.grant_kzt for w in ex.winners if w.grant_kzt is not None)
    if grants:
        facts["winner_grants"] = tuple(grants)
    orgs = sorted(w.recipient_org_id for w in ex.winners if w.recipient_org_id)
    if orgs and len(orgs) == len(ex.winners):
        facts["winner_orgs"] = tuple(orgs)
    contracts = sorted(c.grant_kzt for c in ex.contracts if c.grant_kzt is not None and not c.is_total)
    if contracts:
        facts["contract_grants"] = tuple(contracts)
    return facts


def restates(a: Extraction, b: Extraction) -> bool:
    """Whether two documents state the same facts in the two languages."""
    return same_scope(a.document, b.document) and facts_agree(doc_facts(a), doc_facts(b))


def same_scope(da: DocumentRow, db: DocumentRow) -> bool:
    """One document in each language, of no different year or region."""
    if {da.language, db.language} != {"kk", "ru"}:
        return False
    return not any(None not in (getattr(da, k), getattr(db, k)) and getattr(da, k) != getattr(db, k)
                   for k in SCOPE)


def facts_agree(fa: dict[str, object], fb: dict[str, object]) -> bool:
    """Whether two documents' facts (`doc_facts`) restate each other."""
    shared = fa.keys() & fb.keys()
    return (len(shared) >= MIN_SHARED and bool(shared & set(ANCHORS))
            and all(fa[k] == fb[k] for k in shared))


BIG_BLOCK = 64  # a shared anchor value pairing more kk x ru documents than this is split further


def alike_classes(extractions: list[Extraction], facts_of: Callable[[int], dict]) -> dict[int, list[int]]:
    """First member -> the documents of one language, scope and facts (a PDF and a DOCX of
    one report, a report filed again): each restates whatever the others restate, so only
    the first is compared and a whole class joins a group."""
    classes: dict[tuple, list[int]] = {}
    for i, ex in enumerate(extractions):
        d = ex.document
        if d.status != "failed" and d.language in ("kk", "ru") and any(getattr(d, k) is not None for k in ANCHORS):
            key = (d.language, d.reporting_year, d.region, tuple(facts_of(i).items()))
            classes.setdefault(key, []).append(i)
    return {members[0]: members for members in classes.values()}


def anchor_blocks(extractions: list[Extraction], docs: Iterable[int]) -> dict[tuple, tuple[list[int], list[int]]]:
    """(anchor, value) -> the Kazakh and the Russian documents among ``docs`` that state it."""
    blocks: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in docs:
        d = extractions[i].document
        for k in ANCHORS:
            value = getattr(d, k)
            if value is not None:
                blocks[(k, value)][d.language == "ru"].append(i)
    return blocks


def split_block(anchor: str, kk: list[int], ru: list[int], facts_of: Callable[[int], dict]
                ) -> Iterable[tuple[int, int]]:
    """The pairs of a big block that share MIN_SHARED - 1 more facts of equal value: only
    they can agree (`facts_agree`). A date common to a whole archive then pairs its
    documents by what else they state, not every Kazakh one with every Russian one."""
    sub: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for side, docs in enumerate((kk, ru)):
        for i in docs:
            others = sorted((k, v) for k, v in facts_of(i).items() if k != anchor)
            for combo in combinations(others, MIN_SHARED - 1):
                sub[combo][side].append(i)
    for a, b in sub.values():
        yield from product(a, b)


def candidate_pairs(extractions: list[Extraction], docs: Iterable[int], facts_of: Callable[[int], dict]
                    ) -> Iterable[tuple[int, int]]:
    """Pairs that share an anchor fact, one Kazakh and one Russian: only those can restate
    each other (a big batch compares each document with the few of its date or sum)."""
    seen: set[tuple[int, int]] = set()
    for (anchor, _), (kk, ru) in anchor_blocks(extractions, docs).items():
        pairs = product(kk, ru) if len(kk) * len(ru) <= BIG_BLOCK else split_block(anchor, kk, ru, facts_of)
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                yield pair


def link_restatements(extractions: list[Extraction]) -> None:
    """Set every document's ``same_as_doc_id`` afresh (see above)."""
    parent = list(range(len(extractions)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    facts: dict[int, dict[str, object]] = {}  # each document's facts worked out once, not per pair

    def facts_of(i: int) -> dict[str, object]:
        if i not in facts:
            facts[i] = doc_facts(extractions[i])
        return facts[i]
    classes = alike_classes(extractions, facts_of)
    for i, j in candidate_pairs(extractions, classes, facts_of):
        if same_scope(extractions[i].document, extractions[j].document) and facts_agree(facts_of(i), facts_of(j)):
            for m in classes[i] + classes[j]:
                parent[find(m)] = find(j)
    groups: dict[int, list[Extraction]] = defaultdict(list)
    for i, ex in enumerate(extractions):
        groups[find(i)].append(ex)
    for members in groups.values():
        rep = min(members, key=lambda e: (e.document.language != "kk", e.document.doc_id)).document.doc_id
        for ex in members:
            ex.document.same_as_doc_id = rep if len(members) > 1 and ex.document.doc_id != rep else None
