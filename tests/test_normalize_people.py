"""Person names from the seed report and their Russian equivalents."""
import pytest
from hypothesis import given, strategies as st

from esep.normalize.people import _block_keys, _candidates, cluster_people, normalize_person, same_person


@pytest.mark.parametrize("raw, surname, given, patronymic", [
    ("Исаева Алия Жангельдикызы", "Исаева", "Алия", "Жангельдикызы"),
    ("Алия Жангельдиевна Исаева", "Исаева", "Алия", "Жангельдиевна"),
    ("Айтбай Қанат Сәлімгерейұлы", "Айтбай", "Қанат", "Сәлімгерейұлы"),
    ("Мұқаш Оралбай Данәлұлы", "Мұқаш", "Оралбай", "Данәлұлы"),
    ("Мерғалиева Гүлсина Бақытжанқызы", "Мерғалиева", "Гүлсина", "Бақытжанқызы"),
    ("Нұрлан қажы Асанов Байжігітұлы", "Асанов", "Нұрлан", "Байжігітұлы"),
    ("Нұрлан Байжігітұлы", "", "Нұрлан", "Байжігітұлы"),
    ("Нұрлан Байжігіт ұлы", "", "Нұрлан", "Байжігітұлы"),
    ("Қуанышбеков Батырхан", "Қуанышбеков", "Батырхан", ""),
    ("Бархандинова Гүлмира", "Бархандинова", "Гүлмира", ""),
    ("Л. Диас", "Диас", "Л.", ""),
    ("Диас Л.Б.", "Диас", "Л.", "Б."),
    ("ХАЙРУЛЛИНА САҒИРА ӨТЕПҚЫЗЫ", "Хайруллина", "Сағира", "Өтепқызы"),
    ("Парапсихолог, ҚР Халық емшісі, Халықаралық дәрежедегі кәсіби коуч, дінтанушы, "
     "ғылым кандидаты - Айнұр Әбдірасілқызы", "", "Айнұр", "Әбдірасілқызы"),
])
def test_normalize_person(raw, surname, given, patronymic):
    p = normalize_person(raw)
    assert (p.surname, p.given, p.patronymic) == (surname, given, patronymic)


def test_name_norm_is_surname_given_patronymic():
    assert normalize_person("Алия Жангельдиевна Исаева").name_norm == "Исаева Алия Жангельдиевна"
    assert normalize_person("Нұрлан қажы Асанов Байжігітұлы").name_norm == "Асанов Нұрлан Байжігітұлы"


def test_key_ignores_order_of_bare_names():
    assert normalize_person("Кеңшілік Тышқан").key == normalize_person("Тышқан Кеңшілік").key


@pytest.mark.parametrize("a, b", [
    ("Айнұр Әбдірасілқызы", "Айнұр Әбдірәсілқызы"),
    ("Нұрлан қажы Асанов Байжігітұлы", "Нұрлан Байжігітұлы"),
    ("Айтбай Қанат Сәлімгерейұлы", "Айтбай Қанат Сәлімгерейұлы"),
    ("Айтбай Қанат Сәлімгерейұлы", "Айтбай Канат Салимгереевич"),
    ("Исаева Алия Жангельдикызы", "Алия Жангельдиевна Исаева"),
    ("Хайруллина Сағира Өтепқызы", "Сагира Отеповна Хайруллина"),
    ("Кеңшілік Тышқан", "Тышқан Кеңшілік"),
    ("Л. Диас", "Лаура Диас"),
])
def test_same_person(a, b):
    assert same_person(a, b)


@pytest.mark.parametrize("a, b", [
    ("Кеңшілік Тышқан", "Омар Жәлел"),
    ("Айнұр Әбдірасілқызы", "Айнұр Серікова"),  # only the given name shared
    ("Нұрлан Байжігітұлы", "Нұрлан Асанов"),
    ("Асан Серікұлы", "Асан Серікқызы"),  # brother and sister
    ("Л. Диас", "Диас"),
    ("Исаева Алия Жангельдикызы", "Исаева Алия Серікқызы"),
    ("Ерлан Омаров", "Ержан Омаров"),  # two names, one letter apart inside the first four
    ("Омаров Ержан Талгатович", "Омаров Ерлан Талгатович"),  # brothers
])
def test_not_same_person(a, b):
    assert not same_person(a, b)


def test_cluster_people():
    names = [
        "Нұрлан қажы Асанов Байжігітұлы",  # 0
        "Нұрлан Байжігітұлы",  # 1
        "Нұрлан Серіков Байжігітұлы",  # 2: another Нұрлан, same father's name
        "Айнұр Әбдірасілқызы",  # 3
        "Айнұр Әбдірәсілқызы",  # 4
        "",  # 5: left out
        "Кеңшілік Тышқан",  # 6
        "Омар Жәлел",  # 7
        "Айтбай Қанат Сәлімгерейұлы",  # 8
        "Айтбай Қанат Сәлімгерейұлы",  # 9
        "Исаева Алия Жангельдикызы",  # 10
        "Алия Жангельдиевна Исаева",  # 11
    ]
    ids = cluster_people(names)
    assert 5 not in ids
    assert ids[0] == ids[1] != ids[2]
    assert ids[3] == ids[4]
    assert ids[6] != ids[7]
    assert ids[8] == ids[9]
    assert ids[10] == ids[11]
    assert len(set(ids.values())) == 7
    assert all(v.startswith("per_") for v in ids.values())


def test_namesakes_of_a_given_name_are_not_compared():
    # 300 Нұрланs of other surnames: "Асанов Нұрлан" is compared with the clusters
    # that share its surname too, not with each namesake of its given name
    surnames = [f"Асанов{'а' if k % 2 else ''}" if k in (7, 250) else f"Бек{k:03d}ов" for k in range(300)]
    names = [f"Нұрлан {s}" for s in surnames]
    index: dict[str, set[int]] = {}
    for c, n in enumerate(names):
        for key in _block_keys(normalize_person(n)):
            index.setdefault(key, set()).add(c)
    assert _candidates(normalize_person("Асанов Нұрлан"), index) == [7, 250]
    # a name of one word is found by that word alone, an initial by its letter
    assert _candidates(normalize_person("Асанов"), index) == [7, 250]
    assert _candidates(normalize_person("Н. Асанов"), index) == [7, 250]


@given(st.text(max_size=60), st.text(max_size=60))
def test_same_person_is_total_and_symmetric(a, b):
    assert same_person(a, b) == same_person(b, a)
