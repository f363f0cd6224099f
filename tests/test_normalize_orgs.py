"""Organisation names from the seed report and their Russian equivalents."""
import pytest
from hypothesis import given, strategies as st

from esep.normalize.orgs import (
    OrgName, cluster_orgs, legal_form_code, name_key, org_id, split_org,
)


@pytest.mark.parametrize("raw, name_norm, form", [
    ("«JasART» жеке меншік мекемесі", "JasART", "ЖМ"),
    ("«JasArt» жеке меншік мекемесінің", "JasArt", "ЖМ"),
    ("«Көмек командасы» қоғамдық қоры.", "Көмек командасы", "ҚҚ"),
    ("«Маңғыстау медиа» ЖШС (қолдау хат жалғанды)", "Маңғыстау медиа", "ЖШС"),
    ("«Азаматтық бастамаларды қолдау орталығы» КЕАҚ", "Азаматтық бастамаларды қолдау орталығы", "КЕАҚ"),
    ("Маңғыстау облыстық ішкі саясат басқармасының «Қоғамдық келісім» КММ (қолдау хат жалғанды)",
     "Қоғамдық келісім", "КММ"),
    ("«Маңғыстау облысының дін істері басқармасы» ММ", "Маңғыстау облысының дін істері басқармасы", "ММ"),
    ("Маңғыстау облысының дін істері басқармасы", "Маңғыстау облысының дін істері басқармасы", None),
    ("Маңғыстау облысының білім басқармасы (қолдау хат жалғанды)", "Маңғыстау облысының білім басқармасы", None),
    ("«JasART» жеке меншік мекемесі. Танымал тұлғаларды тарту арқылы, «Jasart Talks» жобасы", "JasART", "ЖМ"),
    ("ОФ «Комек командасы»", "Комек командасы", "ҚҚ"),
    ('Общественный фонд "Көмек командасы"', "Көмек командасы", "ҚҚ"),
    ("ТОО «Мангистау медиа»", "Мангистау медиа", "ЖШС"),
    ("TOO «Мангистау медиа»", "Мангистау медиа", "ЖШС"),  # Latin "TOO"
    ("Частное учреждение «JasART»", "JasART", "ЖМ"),
    ("НАО «Центр поддержки гражданских инициатив»", "Центр поддержки гражданских инициатив", "КЕАҚ"),
    ("«КӨМЕК КОМАНДАСЫ» ҚОҒАМДЫҚ ҚОРЫ", "Көмек командасы", "ҚҚ"),
    ("«CaspianToday.kz» ақпараттық агенттігі", "CaspianToday.kz", None),  # no legal form: the quoted name
])
def test_split_org(raw, name_norm, form):
    org = split_org(raw)
    assert (org.name_norm, org.legal_form) == (name_norm, form)
    assert org.name == raw.strip()


@pytest.mark.parametrize("text, code", [
    ("ОФ", "ҚҚ"), ("общественного фонда", "ҚҚ"), ("ТОО", "ЖШС"), ("КГУ", "КММ"),
    ("ГККП", "МКҚК"), ("мемлекеттік коммуналдық қазыналық кәсіпорны", "МКҚК"),
    ("АО", "АҚ"), ("акционерлік қоғамы", "АҚ"), ("коммерциялық емес акционерлік қоғамы", "КЕАҚ"),
    ("ИП", "ЖК"), ("РГП", "РМК"), ("қоғамдық бірлестігі", "ҚБ"), ("Фонд", None), ("", None),
])
def test_legal_form_code(text, code):
    assert legal_form_code(text) == code


def test_same_org_one_id_across_spellings_and_languages():
    assert org_id("JasART", "ЖМ") == org_id("JasArt", "ЖМ") == org_id("ЖасАрт", "ЖМ")
    assert org_id("Көмек командасы", "ҚҚ") == org_id("Комек командасы", "ОФ")
    assert org_id("Маңғыстау медиа", "ЖШС") == org_id("Маңғыстау медиасы", "ЖШС") \
        == org_id("Мангистау медиа", "ТОО")
    assert org_id("JasART", "ЖМ").startswith("org_") and len(org_id("JasART", "ЖМ")) == 16


def test_different_orgs_do_not_collide():
    assert org_id("Маңғыстау облысының білім басқармасы", None) != \
        org_id("Маңғыстау облысының дін істері басқармасы", None)
    assert org_id("Көмек командасы", "ҚҚ") != org_id("Көмек командасы", "ЖШС")


def test_name_key_folds_letters_and_punctuation():
    assert name_key("«Caspian Today kz»") == name_key("CaspianToday.kz")
    assert name_key("Маңғыстау облысы дін істері басқармасы") == \
        name_key("Маңғыстау облысының дін істері басқармасы")


def test_cluster_orgs_merges_variants_only():
    raws = [
        "«Маңғыстау облысының дін істері басқармасы» ММ",
        "Маңғыстау облысы Дін істері басқармасы",
        "Маңғыстау облысының білім басқармасы",
        "Мұнайлы аудандық жастар ресурстық орталығы",
        "Қарақия аудандық жастар ресурстық орталығы",
        "«Caspian Today kz» ақпараттық агенттігінің",
        "«CaspianToday.kz» ақпараттық агенттігі",
        "«Маңғыстау медиа» ЖШС",
        "«Манғыстау медиа» ЖШС",
        "«Көмек командасы» ЖШС",
        "«Көмек командасы» қоғамдық қоры.",
    ]
    ids = cluster_orgs([split_org(r) for r in raws])
    assert ids[0] == ids[1] == org_id("Маңғыстау облысының дін істері басқармасы", "ММ")
    assert ids[2] != ids[0]
    assert ids[3] != ids[4]
    assert ids[5] == ids[6]
    assert ids[7] == ids[8]
    assert ids[9] != ids[10]


def test_cluster_orgs_near_spelling():
    names = [OrgName("a", "Азаматтық бастамаларды қолдау орталығы", "КЕАҚ"),
             OrgName("b", "Азаматтык бастамаларды колдау орталыгы", "КЕАҚ"),
             OrgName("c", "Азаматтық бастамаларды қолдау орталығы", "ЖШС")]
    ids = cluster_orgs(names)
    assert ids[0] == ids[1] != ids[2]


@given(st.text(max_size=80))
def test_split_org_total_and_ids_deterministic(raw):
    org = split_org(raw)
    assert org_id(org.name_norm, org.legal_form) == org_id(org.name_norm, org.legal_form)
