"""The Kazakh suffix stemmer and the Russian Snowball stems that labels match on.

The forms are the ones reports of the genre print: the seed report (its
tables, appendix profiles and project reports) and the grant operator's
public pages (protocols, final conclusions, news; cisc.kz).
"""
from __future__ import annotations

import pytest

from esep.normalize.stem import kk_stem, kk_stems, ru_related, ru_stem
from esep.textview import view


def same_kk(a: str, b: str) -> bool:
    return bool(kk_stems(a) & kk_stems(b))


# one word in many forms: every form shares a stem with the first
KK_FAMILIES = [
    # plural, genitive, ablative of an -ушы agent noun (seed: "қатысушылардың")
    ["қатысушылар", "қатысушылардың", "қатысушылардан", "қатысушы", "қатысушыларға", "қатысушылары"],
    # a possessive noun and its pronominal cases ("саны", "санына", "сандары")
    ["саны", "санын", "санына", "сандары", "санында", "сандардың"],
    # derivation -лық after a consonant, possessive with к → г
    ["мүгедектер", "мүгедектігі", "мүгедектік", "мүгедектерге", "мүгедек"],
    # a verb: participle, converb, verbal noun, past tense, passive present
    ["үнемделген", "үнемделіп", "үнемдеу", "үнемделді", "үнемделеді", "үнемдеді", "үнемделетін"],
    ["игерілді", "игерілген", "игеру", "игерілетін", "игеріп"],
    ["өткізілді", "өткізілген", "өткізілетін", "өткізіледі", "өткізді"],
    # plural after a voiceless consonant; accusative; genitive
    ["гранттар", "гранттарды", "гранттың", "грант", "грантқа", "гранттары"],
    ["шарт", "шартқа", "шарттар", "шарттың", "шартты"],
    ["өтінім", "өтінімді", "өтінімдер", "өтінімдердің", "өтінімдерді", "өтінімі"],
    ["жастар", "жастары", "жастардың", "жастарға"],
    ["бағыт", "бағыты", "бағыттарының", "бағытқа", "бағыттар"],
    ["сомасы", "сомасына", "сомасын", "сомасының"],
    ["ұйым", "ұйымдар", "ұйымдарының", "ұйымдарды", "ұйымдарға", "ұйымның"],
    ["басшы", "басшысы", "басшысының", "басшының", "басшылары"],
    ["аудан", "ауданы", "ауданында", "аудандағы", "ауданның", "аудандар"],
    # a loanword ending in г/б keeps it before a vowel: one stem either way
    ["тренинг", "тренингтер", "тренингі", "тренингке"],
    ["көрсеткіш", "көрсеткіші", "көрсеткіштері"],
    ["жыл", "жылғы", "жылы", "жылдың"],
    ["кітап", "кітабы", "кітаптар"],
    # forms of the operator's results news and protocol extracts (cisc.kz/azamattyq-bastamalardy-qoldaw-
    # ortalyghy-...-17197.html, cisc.kz/2024-zhylghy-4-mawsymdaghy-...-76062.html,
    # qaz.infozakon.kz/gov/11924-...): "өтінімге", "жеңімпаздарды", "грант алушыларды", "ұйымнан"
    ["өтінім", "өтінімге", "өтінімдерге"],
    ["жеңімпаз", "жеңімпаздарды", "жеңімпаздары", "жеңімпаздардың"],
    ["алушы", "алушыларды", "алушылары"],
    ["ұйым", "ұйымнан", "ұйымдардан"],
    ["нәтиже", "нәтижелерін", "нәтижелері", "нәтижелеріне"],
    ["тақырып", "тақырыпқа"],
    ["міндет", "міндеттерге", "міндеттері"],
    ["мерзім", "мерзімдеріне", "мерзімі"],
    ["қабылдау", "қабылдауды", "қабылдады", "қабылданған"],
    ["қорытынды", "қорытындысы", "қорытындылары"],
]


@pytest.mark.parametrize("family", KK_FAMILIES, ids=lambda f: f[0])
def test_kazakh_forms_of_one_word_share_a_stem(family):
    apart = [w for w in family[1:] if not same_kk(family[0], w)]
    assert apart == [], f"{family[0]} {sorted(kk_stems(family[0]))}: " + ", ".join(
        f"{w} {sorted(kk_stems(w))}" for w in apart)


@pytest.mark.parametrize("word, stem", [
    ("қатысушылардың", "катыс"),
    ("мүгедектігі", "мугедек"),
    ("үнемделіп", "унемде"),
    ("жобасында", "жоба"),
    ("өтінімдердің", "отиним"),
    ("жастарға", "жас"),
    ("әйелдер", "айел"),
])
def test_kazakh_stem_is_in_degraded_letters(word, stem):
    assert kk_stem(word) == stem


@pytest.mark.parametrize("word, typed", [
    ("қатысушылардың", "катысушылардын"),
    ("мүгедектігі", "мугедектиги"),
    ("өтінімдерді", "отинимдерди"),
    ("үнемделген", "унемделген"),
])
def test_a_word_typed_without_kazakh_letters_has_the_same_stem(word, typed):
    assert kk_stems(word) & kk_stems(typed)


# near words of another meaning: no stem in common
@pytest.mark.parametrize("a, b", [
    ("саны", "сана"),        # its number / consciousness
    ("саны", "санат"),       # its number / category
    ("саны", "санау"),       # counting
    ("саны", "сандық"),      # digital: -дық is not stripped from a short stem
    ("үнемдеу", "үнемі"),    # economising / always
    ("ұйым", "ұйымдастыру"),  # organisation / organising
    ("бағыт", "бағытталған"),  # direction / aimed at
    ("ауыл", "ауыр"),
    ("шарт", "шар"),
    ("ерлер", "ерекше"),
])
def test_kazakh_near_words_do_not_share_a_stem(a, b):
    assert not same_kk(a, b), (sorted(kk_stems(a)), sorted(kk_stems(b)))


@pytest.mark.parametrize("word", ["жыл", "ер", "іс", "сан", "бар", "үшін", "және", "бойынша"])
def test_short_words_and_function_words_keep_their_form(word):
    from esep.normalize.text import degrade_kazakh
    assert kk_stem(word) == degrade_kazakh(word)


@pytest.mark.parametrize("a, b", [
    ("инвалид", "инвалидностью"),
    ("инвалидов", "инвалидами"),
    ("экономия", "сэкономлено"),
    ("экономии", "экономией"),
    ("участников", "участники"),
    ("организаций", "организация"),
    ("получателя", "получатели"),
    ("направления", "направлений"),
    ("договора", "договоров"),
    ("освоения", "освоенные"),
    ("сумма", "суммой"),
    ("количество", "количества"),
    # the operator's final conclusions and protocols (cisc.kz/ru/itogovoe-zaklyuchenie-...-70692.html,
    # cisc.kz/ru/protokol-ot-28-04-2025-goda-№10-...): "поступили 2 заявки", "рассмотрения заявок"
    ("заявок", "заявки"),        # a fleeting vowel
    ("заявкам", "заявка"),
    ("победителей", "победители"),
    ("грантополучателей", "грантополучатели"),
    ("рассмотрения", "рассмотрение"),
    ("заседания", "заседание"),
])
def test_russian_forms_of_one_word_are_related(a, b):
    assert ru_related(ru_stem(a), ru_stem(b)), (ru_stem(a), ru_stem(b))


@pytest.mark.parametrize("a, b", [
    ("сумма", "суммарный"),      # sum / total (adjective): "сумм" is too short to extend
    ("сана", "саны"),            # three-letter stems match nothing by stem
    ("участник", "участница"),
    ("дом", "доме"),
    ("грант", "гранит"),
])
def test_russian_near_words_are_not_related(a, b):
    assert not ru_related(ru_stem(a), ru_stem(b)), (ru_stem(a), ru_stem(b))


def test_a_word_of_a_kazakh_text_gets_no_russian_stem():
    # "сана" in a Kazakh sentence is Kazakh: the Russian stem "сан" would equal "саны"'s
    words = view("Қоғамдық сана мен мәдениет").words
    assert [w.ru for w in words] == [None, None, None, None]
    assert view("Количество участников").words[1].ru == "участник"


def test_a_text_without_kazakh_letters_gets_both_stems():
    w = view("Саны").words[0]
    assert (sorted(w.kk), w.ru) == (["сан"], "сан")


def test_a_block_carries_its_view_built_once():
    from esep.model import Cell, Paragraph, Prov
    p = Paragraph("Жобаға қатысушылардың жалпы саны – 300", Prov(1, "para:1"))
    c = Cell("Жобаға қатысушылардың жалпы саны – 300", 0, 0)
    assert p.view is c.view is view(p.text)  # one view per text, whichever block asks
    assert [sorted(w.kk) for w in p.view.words] == [["жоба"], ["катыс"], ["жалп"], ["сан"]]
    p.text = "Мүгедектігі бар адамдар"  # a reader that rewrites the text gets the new text's view
    assert p.view.words[0].kk == frozenset({"мугедек"})
