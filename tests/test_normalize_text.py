"""esep.normalize.text: spaces, dashes, markup, homoglyphs, matching keys."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from esep.normalize.text import (
    clean,
    degrade_kazakh,
    fold_homoglyphs,
    fold_key,
    load_labels,
    strip_markup,
    unify_dashes,
)


def test_clean_spaces_and_soft_hyphen():
    assert clean("5\u00a0000\u202f000\u2009теңге") == "5 000 000 теңге"
    assert clean("  Маңғыс\u00adтау   облысы \n") == "Маңғыстау облысы"
    assert clean("a\u200bb\ufeff") == "ab"


def test_clean_newlines():
    text = "Қызмет туралы  \r\n  қорытынды   есеп\n"
    assert clean(text) == "Қызмет туралы қорытынды есеп"
    assert clean(text, keep_newlines=True) == "Қызмет туралы\nқорытынды есеп"


def test_dashes_only_when_asked():
    assert clean("Мамыр – Қазан") == "Мамыр – Қазан"
    assert clean("Мамыр – Қазан", unify_dashes=True) == "Мамыр - Қазан"
    assert unify_dashes("сағ: 14.00 — де") == "сағ: 14.00 - де"


def test_fold_homoglyphs_latin_inside_cyrillic():
    assert fold_homoglyphs("Маңғыстаy") == "Маңғыстау"  # Latin y
    assert fold_homoglyphs("oблысы") == "облысы"  # Latin o
    assert fold_homoglyphs("Aқтау қалаcы") == "Ақтау қаласы"
    assert fold_homoglyphs("oн") == "он"  # a tie goes to Cyrillic


def test_fold_homoglyphs_leaves_latin_words():
    text = "«JasART» TEDx Instagram CaspianToday.kz @jasartmangystau"
    assert fold_homoglyphs(text) == text


def test_fold_homoglyphs_cyrillic_inside_latin():
    assert fold_homoglyphs("Instаgram") == "Instagram"  # Cyrillic а


def test_kazakh_i_is_cyrillic():
    assert fold_homoglyphs("бiр") == "бір"  # Latin i becomes U+0456
    assert fold_homoglyphs("бір") == "бір"


def test_strip_markup_of_seed_export():
    assert strip_markup("**Басқарма төрағасы**") == "Басқарма төрағасы"
    assert strip_markup("<b>Барлығы:</b>") == "Барлығы:"
    assert strip_markup("<b>10 000 000</b>") == "10 000 000"
    assert strip_markup("https://instagram.com/altay\\\\_mekebayev") == "https://instagram.com/altay_mekebayev"


def test_fold_key():
    assert fold_key("«Маңғыстау медиа» ЖШС") == "маңғыстау медиа жшс"
    assert fold_key("“JasART” жеке меншік мекемесі") == "jasart жеке меншік мекемесі"
    assert fold_key("«Көмек командасы» қоғамдық қоры.") == fold_key("Көмек командасы қоғамдық қоры")
    assert fold_key("Маңғыстаy oблысы") == fold_key("МАҢҒЫСТАУ ОБЛЫСЫ")


def test_degrade_kazakh():
    assert degrade_kazakh("қаңтар") == "кантар"
    assert degrade_kazakh("тоғыз жүз мың") == "тогыз жуз мын"


def test_labels_load():
    assert load_labels("months")["kk"]["months"]["сәуір"] == 4
    assert load_labels("numbers_kk")["units"]["бес"] == 5


@given(st.text())
def test_fold_homoglyphs_keeps_length(s):
    assert len(fold_homoglyphs(s)) == len(s)
    assert len(degrade_kazakh(s)) == len(s)


@given(st.text())
def test_clean_idempotent(s):
    once = clean(s)
    assert clean(once) == once
    assert "  " not in once and once == once.strip()


@given(st.text())
def test_fold_key_idempotent(s):
    assert fold_key(fold_key(s)) == fold_key(s)
