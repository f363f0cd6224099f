"""Recipient profiles printed as forms, where the projects part begins, NGO report
titles, and which partners a missing leader or phone is a finding for.

The fixtures (tests/fixtures/sections/, written for these tests; the .docx from
make_sections.py) are short operator reports whose appendix 3 prints each
profile as a label | value table, with or without a number column, or as
numbered paragraphs, under labels in inflected wordings; appendix 4 opens
with a project-name label in another wording than the seed's.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from esep.extractors import extract
from esep.readers import read
from esep.sections import split_parts
from tests.facts import extract_and_audit

HERE = Path(__file__).parent / "fixtures" / "sections"
D = datetime.date

KK_ROWS = [
    ("«Жасыл дала» экологиялық қоғамдық бірлестігі", "Сапарова Динара Маратқызы", "+77162251140",
     "Көкшетау қаласы, Ауэзов көшесі, 14-үй", "Көл жағасын тазарту акциялары",
     D(2024, 4, 1), D(2024, 9, 30), Decimal("3500000.00")),
    ("«Ақниет» қоғамдық қоры", "Оспанов Ержан Болатұлы", "+77015553311",
     "Степногор қаласы, 4-шағын аудан, 9-үй", "Қарттарға үйде көмек көрсету",
     D(2024, 5, 1), D(2024, 11, 30), Decimal("4200000.00")),
    ("«Шуақ» жеке меншік мекемесі", "Төлеуова Ақмарал Ерікқызы", "+77012223344",
     "Щучинск қаласы, Абылай хан көшесі, 3-үй", "Балаларға арналған шеберханалар",
     D(2024, 6, 1), D(2024, 10, 31), Decimal("2800000.00")),
]
RU_ROWS = [
    ("Общественный фонд «Открытый диалог»", "Ли Марина Сергеевна", "+77014445566",
     "г. Кокшетау, ул. Горького, д. 21, оф. 5", "Школа медиации для подростков",
     D(2024, 4, 1), D(2024, 10, 31), Decimal("6000000.00")),
    ("Объединение юридических лиц «Союз волонтеров Акмолы»", "Жакупов Тимур Асланович", "+77164562210",
     "г. Степногорск, мкр. 2, д. 15", "Волонтерский штаб района",
     D(2024, 5, 1), D(2024, 11, 30), Decimal("5100000.00")),
]


def row(r) -> tuple:
    return (r.name, r.leader, r.phone, r.address, r.project, r.period_start, r.period_end, r.amount_kzt)


@pytest.mark.parametrize("name, rows", [("operator_kk_profile_tables.docx", KK_ROWS),
                                        ("operator_ru_profile_tables.docx", RU_ROWS)])
def test_profiles_as_tables_and_paragraphs_give_one_row_each(name, rows):
    ex = extract(read(HERE / name))
    assert ex.document.doc_kind == "operator_report"
    assert [row(r) for r in ex.recipients] == rows


@pytest.mark.parametrize("name, n", [("operator_kk_profile_tables.docx", 3), ("operator_ru_profile_tables.docx", 2)])
def test_each_profile_table_starts_its_own_section(name, n):
    parts = split_parts(read(HERE / name))
    assert len(parts.recipients) == n
    # the main body keeps its numbered section and no profile field
    assert [s.number for s in parts.sections] == ["1"]


def test_a_profiles_own_project_field_starts_no_project():
    """"4. Әлеуметтік жобаның атауы:" of the third profile stays in it; appendix 4 begins
    right after it at "Жобаның атауы:", a wording the seed does not use."""
    parts = split_parts(read(HERE / "operator_kk_profile_tables.docx"))
    last = parts.recipients[-1]
    assert last.blocks[-1].text == "6. Жалпы сомасы: 2 800 000 (екі миллион сегіз жүз мың) теңге"
    assert [s.blocks[0].text for s in parts.projects] == [
        "Жобаның атауы: Көл жағасын тазарту акциялары", "Жобаның атауы: Қарттарға үйде көмек көрсету"]


def test_the_projects_title_ends_the_last_profile():
    parts = split_parts(read(HERE / "operator_ru_profile_tables.docx"))
    assert not any("Сведения о социальных проектах" in getattr(b, "text", "") for b in parts.recipients[-1].blocks)
    assert [s.blocks[0].text[:40] for s in parts.projects] == [
        "Сведения о социальных проектах, социальн", "Название проекта: Волонтерский штаб райо"]


# ---------------------------------------------------------------- NGO final reports: kind, partners

KINDS = {
    "ngo_kk_grant_final.txt": ("kk", "«Өнер ордасы» қоғамдық бірлестігі"),
    "ngo_kk_results_report.txt": ("kk", "«Жасыл әлем» экологиялық қоғамдық қоры"),
    "ngo_ru_info_report.txt": ("ru", "Общественный фонд «Читающий край»"),
    "ngo_ru_analytic.txt": ("ru", "Частное учреждение «Центр инклюзии»"),
}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_ngo_final_report_titles_name_a_project_report(name):
    """"Мемлекеттік гранттың іске асырылуы туралы қорытынды есебі", "... жобасының
    қорытындысы бойынша есебі", "Информационный отчет о выполнении ...", "Аналитический
    отчет по ... проекту": each is an NGO's own report, its header the grantee."""
    ex = extract(read(HERE / name))
    lang, grantee = KINDS[name]
    assert (ex.document.doc_kind, ex.document.language) == ("project_report", lang)
    assert [r.name for r in ex.recipients] == [grantee]


def partner_findings(name: str) -> list[tuple[str, str, str]]:
    ex = extract_and_audit(HERE / name)
    return [(f.severity, f.message_key, f.locator) for f in ex.findings if f.rule == "missing_value"]


def test_partners_in_prose_and_in_a_table_without_contact_columns_raise_nothing():
    """The kk report names its partners in a sentence and in a table of names and roles:
    no column asks for a leader or a phone, so none is missing."""
    assert partner_findings("ngo_kk_grant_final.txt") == []
    assert partner_findings("ngo_kk_results_report.txt") == []
    assert partner_findings("ngo_ru_analytic.txt") == []


def test_a_blank_phone_cell_of_a_partners_table_with_a_phone_column_is_a_warning():
    """The ru report lists «Север Принт» in prose (no finding) and again in a table whose
    phone column is blank on its row (one warning, on that row)."""
    assert partner_findings("ngo_ru_info_report.txt") == [("warning", "missing_contacts", "table:1/row:3")]
