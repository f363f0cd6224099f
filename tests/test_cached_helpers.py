"""The helpers that cache their answers per text give what they gave before caching:
a fresh list each call, the same text cleaned whether short or long, the same errors."""
from __future__ import annotations

import pytest

from esep.labels import first_key, has_any, labels
from esep.normalize.amounts import find_amounts
from esep.normalize.orgs import find_legal_forms, split_org
from esep.normalize.text import CLEAN_CACHED_LEN, _clean, clean
from esep.paths import samples_dir

SUM_LINE = "Жалпы сомасы 10 000 000 теңгеге грант беру туралы 2 шартқа қол қойылды."


def test_find_amounts_gives_a_new_list_each_call():
    first = find_amounts(SUM_LINE)
    assert [m.raw for m in first] == ["10 000 000 теңгеге"]
    first.clear()  # a caller's list is its own: the cached answer stays whole
    assert [m.raw for m in find_amounts(SUM_LINE)] == ["10 000 000 теңгеге"]


def test_find_legal_forms_gives_a_new_list_each_call():
    text = "«Азаматтық бастамаларды қолдау орталығы» КЕАҚ"
    hits = find_legal_forms(text)
    assert [h.code for h in hits] == ["КЕАҚ"]
    hits.append(hits[0])
    assert len(find_legal_forms(text)) == 1
    assert split_org(text).name_norm == "Азаматтық бастамаларды қолдау орталығы"


def test_clean_is_the_same_for_short_and_long_texts():
    lines = (samples_dir() / "seed_kk.txt").read_text(encoding="utf-8").splitlines()
    long_text = "\n".join(lines)
    assert len(long_text) > CLEAN_CACHED_LEN
    for s in lines + [long_text, "  а\u00a0\u00a0б\u00ad в\r\nг  "]:
        for kw in ({}, {"keep_newlines": True}, {"unify_dashes": True}):
            assert clean(s, **kw) == _clean(s, kw.get("keep_newlines", False), kw.get("unify_dashes", False))
    assert clean("  а\u00a0\u00a0б\u00ad в\r\nг  ") == "а б в г"
    with pytest.raises(TypeError):
        clean(None)


def test_first_key_still_fails_on_a_missing_key_only_when_it_reaches_it():
    table = {"a": ["атауы"], "b": ["сомасы"]}
    assert first_key("Жобаның атауы", table, ["a", "missing"]) == "a"
    with pytest.raises(KeyError):
        first_key("Грант сомасы", table, ["missing", "b"])
    assert first_key("", table, ["missing"]) is None


def test_has_any_answers_per_label_list():
    titles = labels("sections", "projects_ref")
    assert has_any(SUM_LINE, titles) is has_any(SUM_LINE, list(titles))
    assert has_any("Грант сомасы", ["сомасы"]) and not has_any("Грант сомасы", ["атауы"])
