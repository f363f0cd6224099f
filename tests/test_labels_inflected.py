"""Every label of data/labels/ resolves to its key in all its inflected forms.

The forms are generated, not listed: a label's last word takes the plural,
possessive and case suffixes (Kazakh, by vowel harmony and the consonant
before them) or case endings (Russian), verbs their participles, converbs
and tenses. Each form must resolve to the key its label resolves to, through
the matching the extractors use (`first_role` for table columns, the
demographics categories' `match`, the amount roles' order, `has_any` for a
label list of its own, the indicators' `near` words through the extractor).
Near words of another meaning must not resolve.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

import pytest

from esep.extractors.demographics import match as demographic_match
from esep.extractors.indicators import extract_indicators
from esep.labels import first_key, first_role, has_any, load
from esep.model import Paragraph, Prov

VOWELS = set("аәеёиоөұүыіэюя")
BACK, FRONT = set("аоұыя"), set("әеөүіиэ")
VOICELESS = set("кқпстфхцчшщ") | set("бвгд")  # loanwords' б/в/г/д take the voiceless variants
NASAL = set("мнң")
KK_LETTERS = set("әғқңөұүһі")

# lists of report.toml that are not labels: word lists, cues, orders, settings
NOT_LABELS = {
    "short_words", "function_words", "language", "needs", "role_order", "applications_order", "ru_nouns",
    "ru_feminine_soft", "ru_adjective_endings", "ru_stressed_adjectives", "ru_prepositions",
    "not_name_words", "not_name_endings", "titles_inside", "named_after", "ru_genitive_heads",
    "kk_words", "ru_words", "min_hits", "max_paragraph_chars", "ambiguous", "person_endings",
}
# verbs of a two-letter root ("өт-ті") keep their form: a stem that short would
# match every word beginning with it, so they match as printed only
SHORT_ROOTS = {"өтті"}
# Kazakh label words written without a Kazakh-only letter
KK_PLAIN = {"сома", "жарияла", "тема", "грант", "жоба", "бала"}
# words that do not inflect ("итого" is not a form of "итог")
INVARIABLE = {"итого", "всего", "фио", "нпо", "нко", "нао", "бин", "старше", "более", "менее", "целом"}


# ---- Kazakh forms -------------------------------------------------------------

def back(word: str) -> bool:
    """Vowel harmony: the last back or front vowel of the word decides."""
    for c in reversed(word):
        if c in BACK:
            return True
        if c in FRONT:
            return False
    return True


def hv(word: str, back_form: str, front_form: str) -> str:
    return word + (back_form if back(word) else front_form)


def kk_plural(w: str) -> str:
    last = w[-1]
    head = "л" if last in VOWELS or last in "руйи" else "т" if last in VOICELESS else "д"
    return hv(w, head + "ар", head + "ер")


def kk_cases(w: str) -> list[str]:
    """Genitive, dative, accusative, locative, ablative, instrumental of a bare or plural noun."""
    last = w[-1]
    vowel, voiceless, nasal = last in VOWELS, last in VOICELESS, last in NASAL
    gen = "ның" if vowel or nasal else "тың" if voiceless else "дың"
    dat = "қа" if voiceless else "ға"
    acc = "ны" if vowel else "ты" if voiceless else "ды"
    loc = "та" if voiceless else "да"
    abl = "нан" if nasal else "тан" if voiceless else "дан"
    ins = "пен" if voiceless else "бен" if last in "жз" else "мен"
    front = {"ның": "нің", "тың": "тің", "дың": "дің", "қа": "ке", "ға": "ге", "ны": "ні", "ты": "ті",
             "ды": "ді", "та": "те", "да": "де", "нан": "нен", "тан": "тен", "дан": "ден"}
    out = [w + (s if back(w) else front[s]) for s in (gen, dat, acc, loc, abl)]
    return out + [w + ins]


def kk_possessive(w: str) -> str:
    return hv(w, "сы", "сі") if w[-1] in VOWELS else hv(w, "ы", "і")


def kk_pronominal(w: str) -> list[str]:
    """The cases of a possessive: "саны" → "санын", "санына", "санында", "санынан", "санының"."""
    return [w + "н"] + [hv(w, b, f) for b, f in (("на", "не"), ("нда", "нде"), ("нан", "нен"), ("ның", "нің"))]


def is_possessive(w: str) -> bool:
    """"саны", "сомасы", "тегі": a 3rd-person possessive (not an -шы agent noun)."""
    return len(w) > 3 and w[-1] in "ыі" and w[-2] not in VOWELS and not w.endswith(("шы", "ші"))


VERB_END = re.compile(r"(?:ған|ген|қан|кен|ады|еді|ды|ді|ты|ті|у)$")


def verb_base(w: str) -> str | None:
    """The verb a label word is a form of, by its ending; None for a noun.

    A past tense agrees with the letter before it ("түс-ті", "өткіз-ді",
    "игеріл-ді"), a possessive does not ("комитет-і", "департамент-і").
    """
    m = VERB_END.search(w)
    if not m or len(w) - len(m.group()) < 3:
        return None
    v, end = w[: m.start()], m.group()
    if end in ("ты", "ті") and v[-1] not in VOICELESS or end in ("ды", "ді") and v[-1] in VOICELESS:
        return None
    if end == "у" and v[-1] in VOWELS and v[-1] not in "ае":
        return None
    return v


def kk_verb_forms(w: str) -> list[str] | None:
    """Participle, converb, verbal noun, past tense and habitual participle of a verb label."""
    v = verb_base(w)
    if v is None:
        return None
    last = v[-1]
    vowel, voiceless = last in VOWELS, last in VOICELESS
    return [hv(v, "қан" if voiceless else "ған", "кен" if voiceless else "ген"),
            v + "п" if vowel else hv(v, "ып", "іп"),
            v + "у",
            hv(v, "ты" if voiceless else "ды", "ті" if voiceless else "ді"),
            hv(v, "йтын", "йтін") if vowel else hv(v, "атын", "етін")]


def kk_forms(w: str) -> list[str]:
    if w in SHORT_ROOTS:
        return []
    verb = kk_verb_forms(w) if not w.endswith(("лар", "лер", "дар", "дер", "тар", "тер")) else None
    if verb is not None:
        return verb
    if is_possessive(w):
        return kk_pronominal(w)
    if w.endswith(("лар", "лер", "дар", "дер", "тар", "тер")):  # a plural label: "ерлер", "жастар"
        return kk_cases(w) + [kk_possessive(w)] + kk_pronominal(kk_possessive(w))
    pl = kk_plural(w)
    return kk_cases(w) + [pl, kk_possessive(w)] + kk_cases(pl)[:3] + kk_pronominal(kk_possessive(w))[:2]


# ---- Russian forms ------------------------------------------------------------

RU_ENDINGS: list[tuple[str, list[str]]] = [
    # verbs: the other number, the other genders of the past, the short participle
    ("ется", ["ются"]), ("ются", ["ется"]), ("ло", ["л", "ла", "ли"]), ("ен", ["ена", "ено", "ены"]),
    ("ыми", ["ых", "ым"]), ("ими", ["их", "им"]), ("ых", ["ые", "ым", "ыми"]), ("их", ["ие", "им", "ими"]),
    ("ов", ["а", "у", "ам", "ами"]), ("ев", ["я", "ю", "ям"]),
    ("ый", ["ого", "ому", "ым", "ые", "ых"]), ("ий", ["ого", "ому", "им", "ие", "их"]),
    ("ой", ["ого", "ому", "ым", "ые"]), ("ая", ["ой", "ую", "ые"]),
    ("ые", ["ых", "ым", "ыми"]), ("ние", ["ния", "нию", "нием", "нии"]), ("тие", ["тия", "тию", "тием"]),
    ("ие", ["их", "им", "ими"]),
    ("ия", ["ии", "ию", "ией"]), ("ь", ["я", "ю", "ем", "и", "ей"]),
    ("а", ["ы", "е", "у", "ой"]), ("я", ["и", "ю", "ей"]), ("о", ["а", "у", "ом"]),
    ("и", ["я", "ю", "ей"]),  # a cut stem ("организаци", "направлени"): the endings follow it
]


def ru_forms(w: str) -> list[str]:
    if not w.isalpha():
        return []  # "муж.", "п/п": abbreviations
    for end, alts in RU_ENDINGS:
        if w.endswith(end):
            base = w[: -len(end)] if end != "и" else w
            if end == "а" and base[-1:] in set("кгхжшщч"):
                alts = ["и", "е", "у", "ой"]
            return [base + a for a in alts]
    return [w + a for a in ("а", "у", "ом", "е", "ов")]  # a consonant: masculine noun


# ---- the labels ---------------------------------------------------------------

def is_kazakh_label(label: str) -> bool:
    last = last_word(label)
    kk_words = set(load()["language"]["kk_words"])
    return bool(set(label) & KK_LETTERS) or last in kk_words | KK_PLAIN or \
        last.endswith(("лар", "лер", "дар", "дер", "тар", "тер", "шы", "ші", "сы", "сі"))


def last_word(label: str) -> str:
    words = re.findall(r"[^\W\d_]+\.?", label.lower())
    return words[-1] if words else ""


def inflected(label: str) -> list[str]:
    """``label`` with its last word in each generated form."""
    w = last_word(label).rstrip(".")
    if len(w) <= 3 or w in INVARIABLE:
        return []  # "№", "нпо", "итого": nothing to inflect
    i = label.lower().rindex(w)
    forms = kk_forms(w) if is_kazakh_label(label) else ru_forms(w)
    return [label.lower()[:i] + f + label.lower()[i + len(w):] for f in forms if f != w]


def label_tables(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict[str, list[str]]]]:
    """Every table of report.toml whose values are label lists: (its path, key → labels)."""
    if not isinstance(node, dict):
        return
    # a list with a regex escape in it is spliced into patterns ("{persons}"), not matched as labels
    lists = {k: v for k, v in node.items() if isinstance(v, list) and v and all(isinstance(x, str) for x in v)
             and not k.endswith("_re") and k not in NOT_LABELS and not any("\\" in x for x in v)}
    if lists:
        yield path, lists
    for k, v in node.items():
        if isinstance(v, dict) and k not in NOT_LABELS:
            yield from label_tables(v, path + (k,))


def resolver(path: tuple, table: dict[str, list[str]]):
    """How the extractors decide which key of ``table`` a text names (None: each list on its own)."""
    if path[-1:] == ("columns",):
        parent = load()
        for k in path[:-1]:
            parent = parent[k]
        return lambda text: first_role(text, table, parent["role_order"])
    if path[:2] == ("demographics", "categories"):
        return lambda text: demographic_match(text, table)
    return None


def cases() -> list[tuple[str, str, str, str]]:
    out = []
    for path, table in label_tables(load()):
        for key, phrases in table.items():
            for label in phrases:
                for form in inflected(label):
                    out.append((".".join(path) or "(top)", key, label, form))
    return out


CASES = cases()


def test_the_generator_makes_forms_of_every_kind():
    # spot checks of the generator itself, harmony and consonant agreement included
    assert {"қатысушылар санына", "мүгедектерге", "әйелдердің", "ерлерге"} <= {f for *_, f in CASES}
    assert {"гранттардың", "шартқа", "үнемделіп", "инвалида", "участникам"} <= \
        set(kk_forms("грант") + kk_forms("шарт") + kk_forms("үнемделген") + ru_forms("инвалид") + ru_forms("участников"))
    assert kk_forms("бағыт")[:6] == ["бағыттың", "бағытқа", "бағытты", "бағытта", "бағыттан", "бағытпен"]
    assert kk_forms("өтінім")[:2] == ["өтінімнің", "өтінімге"]
    assert kk_verb_forms("үнемделген") == ["үнемделген", "үнемделіп", "үнемделу", "үнемделді", "үнемделетін"]


@pytest.mark.parametrize("where, key, label, form", CASES, ids=lambda x: x if isinstance(x, str) else "")
def test_an_inflected_label_resolves_to_its_key(where, key, label, form):
    path = tuple(where.split(".")) if where != "(top)" else ()
    node = load()
    for k in path:
        node = node[k]
    table = {k: v for k, v in node.items() if isinstance(v, list) and k not in NOT_LABELS and not k.endswith("_re")}
    resolve = resolver(path, table)
    if resolve is None:
        assert has_any(form, table[key]), f"{form!r} not found by {key} = {table[key]}"
        return
    # the uninflected label's own key: where two keys share a label, the table's order decides
    assert resolve(form) == resolve(label), f"{form!r} → {resolve(form)}, {label!r} → {resolve(label)}"


def test_every_label_resolves_to_its_own_key_as_printed():
    """The data's own overlaps: a label that an earlier key already claims."""
    claimed = []
    for path, table in label_tables(load()):
        resolve = resolver(path, table)
        for key, phrases in table.items() if resolve else ():
            for label in phrases:
                got = resolve(label)
                if got != key:
                    claimed.append((".".join(path), key, label, got))
    # "всего"/"барлығы" head the total column of a gender table and a status table alike;
    # "басқалар" (others) is read before "other" for "басқа санаттар": listed, not hidden
    assert claimed == [], claimed


# ---- the indicators' near words, through the extractor ------------------------

NEAR_SENTENCES = {
    "brochures_distributed": "{word} 300 данасы Бейнеу ауданында таратылды.",
}


@pytest.mark.parametrize("name, word, form", [
    ("brochures_distributed", "брошюр", f) for f in kk_forms("брошюра")
] + [("brochures_distributed", "буклет", f) for f in kk_forms("буклет")])
def test_an_indicator_near_word_is_found_in_any_form(name, word, form):
    text = NEAR_SENTENCES[name].format(word=form.capitalize())
    rows = extract_indicators([Paragraph(text, Prov(1, "para:1"))], None, "d")
    assert [(r.name, r.value) for r in rows if r.name == name] == [(name, 300)], text


# ---- phrases: a word between, order, and what must not match ------------------

@pytest.mark.parametrize("text, phrases, found", [
    ("Жобаға қатысушылардың жалпы саны", ["қатысушылар саны"], True),
    ("Мүгедектігі бар адамдар", ["мүгедектер"], True),
    ("Шарт бойынша 61 250 теңге үнемделіп, қалғаны игерілді", ["үнемдеу", "үнемделген"], True),
    ("лиц с инвалидностью", ["инвалид"], True),
    ("сэкономлено 61 250 тенге", ["экономия"], True),
    ("количество молодых участников", ["количество участников"], True),
    # two words between, or the order turned round: not the label
    ("қатысушылардың жалпы тіркелген саны", ["қатысушылар саны"], False),
    ("Саны бойынша қатысушылар", ["қатысушылар саны"], False),
    # near words of another meaning
    ("Қоғамдық сана", ["саны"], False),
    ("Әлеуметтік санат", ["саны"], False),
    ("Іс-шаралар үнемі өткізіледі", ["үнемдеу", "үнемделген", "үнемде"], False),
    ("Ұйымдастырушылар", ["ұйым атауы", "ұйымдар"], False),
    ("Жасы үлкен адамдар", ["жастар"], False),
    ("Бағытталған жұмыс", ["бағыт"], True),  # as a substring, as before
    ("Бағытталған жұмыс", ["бағыты"], False),
    ("Развитие экономики региона", ["экономия"], False),
    ("Усвоение материала", ["освоение"], False),
    ("Участница конкурса", ["участник"], False),
])
def test_phrase_matching(text, phrases, found):
    assert has_any(text, phrases) is found


@pytest.mark.parametrize("dim, label, cat", [
    ("social_status", "Жасы үлкен адамдар", "elderly"),
    ("social_status", "Мүгедектігі бар адамдар", "disabled"),
    ("social_status", "Лица с инвалидностью", "disabled"),
    ("social_status", "Жастардың саны", "youth"),
    ("social_status", "Жобаға қатысушылардың жалпы саны", "total"),
    ("gender", "Әлеуметтік санат", None),
])
def test_demographic_categories_by_stem(dim, label, cat):
    assert demographic_match(label, load()["demographics"]["categories"][dim]) == cat


@pytest.mark.parametrize("header, role", [
    ("Үнемделген қаражат, теңге", "savings"),
    ("Сэкономленные средства", "savings"),
    ("Гранттың сомасы (теңге)", "grant"),
    ("Шарттың нөмірі мен күні", "contract"),
    ("Грант алушылардың атауы", "recipient"),
    ("Шартты белгі", "contract"),  # "шарт" as a substring, as before
    ("Санат", None),
])
def test_contract_columns_by_stem(header, role):
    spec = load()["tables"]["contracts"]
    assert first_role(header, spec["columns"], spec["role_order"]) == role
