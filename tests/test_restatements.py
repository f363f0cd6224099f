"""Restated documents across a big batch (esep.link.link_restatements): the blocking that
keeps a date common to an archive from pairing every Kazakh document with every Russian
one finds exactly the groups that comparing every pair finds."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from esep import link
from esep.link import link_restatements, restates
from esep.records import DocumentRow, Extraction

# few values per fact, so that documents share many of them by chance
FACT_VALUES = {
    "report_date": [date(2023, 12, 31), date(2023, 6, 30)],
    "announcement_date": [date(2023, 3, 1)],
    "grant_total_kzt": [Decimal("5000000.00"), Decimal("12000000.00")],
    "contracts_count": [3, 4],
    "applications_count": [81, 90],
    "protocol_no": ["1", "2"],
}
documents = st.lists(st.tuples(
    st.sampled_from(["kk", "ru"]), st.sampled_from([None, 2023, 2024]),
    st.fixed_dictionaries({}, optional={k: st.sampled_from(v) for k, v in FACT_VALUES.items()})),
    max_size=40)


def batch(docs) -> list[Extraction]:
    return [Extraction(document=DocumentRow(doc_id=f"d{i:02d}", source_path=f"d{i:02d}.txt", file_type="txt",
                                            language=lang, reporting_year=year, **facts))
            for i, (lang, year, facts) in enumerate(docs)]


def groups_of_every_pair(exs: list[Extraction]) -> set[frozenset[str]]:
    """The definition: components of the restates() relation over every pair."""
    parent = {ex.document.doc_id: ex.document.doc_id for ex in exs}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x
    for i, a in enumerate(exs):
        for b in exs[i + 1:]:
            if restates(a, b):
                parent[find(a.document.doc_id)] = find(b.document.doc_id)
    return _groups({d: find(d) for d in parent})


def linked_groups(exs: list[Extraction]) -> set[frozenset[str]]:
    link_restatements(exs)
    return _groups({ex.document.doc_id: ex.document.same_as_doc_id or ex.document.doc_id for ex in exs})


def _groups(rep: dict[str, str]) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for d, r in rep.items():
        out.setdefault(r, set()).add(d)
    return {frozenset(g) for g in out.values() if len(g) > 1}


@settings(max_examples=500, deadline=None)
@given(documents, st.sampled_from([0, 4, 10**9]))
def test_split_blocks_find_the_groups_every_pair_finds(docs, big_block):
    exs = batch(docs)
    expected = groups_of_every_pair(exs)
    old, link.BIG_BLOCK = link.BIG_BLOCK, big_block
    try:
        assert linked_groups(exs) == expected
    finally:
        link.BIG_BLOCK = old


def test_a_date_common_to_the_archive_compares_only_documents_that_share_more():
    """600 Kazakh and 600 Russian documents of one date: each Russian one restates the
    Kazakh one of its grant total and protocol; 360 000 pairs share the date."""
    docs = [(lang, 2023, {"report_date": date(2023, 12, 31), "grant_total_kzt": Decimal(1000 + n),
                          "protocol_no": str(n)}) for n in range(600) for lang in ("kk", "ru")]
    exs = batch(docs)
    compared = []
    original = link.facts_agree
    link.facts_agree = lambda a, b: compared.append(1) or original(a, b)
    try:
        link_restatements(exs)
    finally:
        link.facts_agree = original
    assert all(exs[2 * n + 1].document.same_as_doc_id == exs[2 * n].document.doc_id for n in range(600))
    assert all(exs[2 * n].document.same_as_doc_id is None for n in range(600))
    assert len(compared) == 600  # each pair once, found through its grant total or protocol


def counting_agreements(exs: list[Extraction]) -> int:
    """How many pairs `link_restatements` compares on ``exs``."""
    compared = []
    original = link.facts_agree
    link.facts_agree = lambda a, b: compared.append(1) or original(a, b)
    try:
        link_restatements(exs)
    finally:
        link.facts_agree = original
    return len(compared)


def test_copies_of_one_report_are_compared_once():
    """A report filed 100 times in Kazakh and 100 times in Russian (a PDF and a DOCX of each
    every year, re-sent filings): the copies of one language state the same facts, so one
    pair of them is compared, not 10 000, and all 200 join one group."""
    facts = {"report_date": date(2023, 12, 31), "grant_total_kzt": Decimal("48000000.00"), "contracts_count": 12}
    exs = batch([(lang, 2023, facts) for lang in ("kk", "ru") for _ in range(100)])
    assert counting_agreements(exs) == 1
    assert {ex.document.same_as_doc_id for ex in exs[1:]} == {"d00"}
    assert exs[0].document.same_as_doc_id is None


def test_copies_that_differ_in_one_fact_are_classes_of_their_own():
    """The same 100 + 100 copies, one Russian copy stating another contracts count: it
    restates nothing, and the rest still form one group."""
    facts = {"report_date": date(2023, 12, 31), "grant_total_kzt": Decimal("48000000.00"), "contracts_count": 12}
    docs = [(lang, 2023, dict(facts)) for lang in ("kk", "ru") for _ in range(100)]
    docs[150][2]["contracts_count"] = 13
    exs = batch(docs)
    assert counting_agreements(exs) == 2
    assert exs[150].document.same_as_doc_id is None
    assert {ex.document.same_as_doc_id for i, ex in enumerate(exs[1:], 1) if i != 150} == {"d00"}
