"""The clustering goes on from a saved state exactly as one run over all the names would
(esep.link.LinkState, esep.pipeline.link_state), and an ingest keeps that state in OUT."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from esep.link import LinkState
from esep.normalize.orgs import cluster_orgs, split_org
from esep.normalize import people as people_module
from esep.normalize.people import cluster_people
from esep.pipeline import link_state
from esep.pipeline.run import ingest
from esep.pipeline.writer import INTERNAL_DIR, write_file, load_dataset
from tests.conftest import copy_fixtures

# spellings of a few people, of namesakes and of relatives: initials, case, Kazakh and
# Russian letters, patronymics that agree or clash, names one edit apart
PEOPLE = [
    "Асанов Нұрлан Серікұлы", "Асанов Нурлан Серикович", "Асанов Н.С.", "Н. Асанов", "Асанова Нұрлан",
    "Нұрлан Асанов", "Асанов Нұрлан Болатұлы", "Омаров Ержан Талгатович", "Омаров Ерлан Талгатович",
    "Омаров Е.Т.", "Е. Омаров", "Ержан Омаров", "Сейітова Айгүл Маратқызы", "Сейтова Айгуль Маратовна",
    "Сейітова А.М.", "Айгүл Сейітова", "Сейітов Марат", "Байжігітұлы Нұрлан", "Нұрлан Байжігітұлы Асанов",
]
ORGS = [
    '"Болашақ" ҚҚ', "Болашак ЖШС", '"Болашақ" қоғамдық қоры', '"Болашақ жастары" ҚБ', "ОО «Болашак»",
    '"Болашақ"', "Болашақ жастары", '"Жаңа өмір" ҚҚ', "Жана омир ЖШС", "ТОО «Жаңа өмір»", '"Жаңа өмір"',
    '"Қамқор-Ана" ҚБ', '"Камкор Ана" қоғамдық бірлестігі', '"Қамқор" ҚҚ',
]


def restored(state: LinkState, tmp: Path) -> LinkState:
    """``state`` written as an ingest writes it, and read back."""
    folder = tmp / "state"
    link_state.save(folder, state, write_file)
    back = link_state.load(folder)
    assert back is not None
    return back


@settings(max_examples=60, deadline=None)
@given(names=st.lists(st.sampled_from(PEOPLE), min_size=1, max_size=40), cut=st.integers(0, 40))
def test_people_go_on_from_a_saved_state_as_one_run_would(tmp_path_factory, names, cut):
    cut = min(cut, len(names))
    state = LinkState()
    cluster_people(names[:cut], state.people)
    state = restored(state, tmp_path_factory.mktemp("p"))
    assert cluster_people(names, state.people) == cluster_people(names)


@settings(max_examples=60, deadline=None)
@given(raws=st.lists(st.sampled_from(ORGS), min_size=1, max_size=40), cut=st.integers(0, 40))
def test_organisations_go_on_from_a_saved_state_as_one_run_would(tmp_path_factory, raws, cut):
    names = [split_org(r) for r in raws]
    cut = min(cut, len(names))
    state = LinkState()
    cluster_orgs(names[:cut], state.orgs)
    state = restored(state, tmp_path_factory.mktemp("o"))
    assert cluster_orgs(names, state.orgs) == cluster_orgs(names)


def test_a_state_of_another_version_is_not_trusted(tmp_path, monkeypatch):
    state = LinkState()
    cluster_people(PEOPLE, state.people)
    link_state.save(tmp_path, state, write_file)
    assert link_state.load(tmp_path) is not None
    monkeypatch.setattr(link_state, "VERSIONS", {"people": "people@999"})
    assert link_state.load(tmp_path) is None
    assert link_state.load(tmp_path / "nothing") is None


def test_an_increment_goes_on_from_the_state_and_equals_one_run(tmp_path, monkeypatch):
    first = copy_fixtures(tmp_path / "first", ["seed_kk.txt", "stats/ngo_kk_stats.docx"])
    second = copy_fixtures(tmp_path / "second", ["seed_ru.docx", "pdf/tables_kk.pdf"])
    out, once = tmp_path / "out", tmp_path / "once"
    ingest([first], out, isolate=False)
    before = link_state.load(out / INTERNAL_DIR)
    assert before is not None and before.people.placed and before.orgs.keys
    looked_up: list[object] = []  # the spellings clusters were looked up for
    real = people_module._candidates
    monkeypatch.setattr(people_module, "_candidates", lambda p, index: looked_up.append(p) or real(p, index))
    ingest([second], out, isolate=False)
    monkeypatch.undo()
    after = link_state.load(out / INTERNAL_DIR)
    # only the second batch's new spellings were compared with the clusters
    assert looked_up and set(looked_up) == set(after.people.placed) - set(before.people.placed)
    ingest([first, second], once, isolate=False)
    # the first run's spellings in their order, the second's after them
    assert list(after.people.placed)[:len(before.people.placed)] == list(before.people.placed)
    assert list(after.people.placed) == list(link_state.load(once / INTERNAL_DIR).people.placed)
    a, b = load_dataset(out), load_dataset(once)
    assert sorted(map(repr, a.people)) == sorted(map(repr, b.people))
    assert sorted(map(repr, a.organizations)) == sorted(map(repr, b.organizations))
