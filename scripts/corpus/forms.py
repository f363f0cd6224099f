"""Form fields (label → value) printed in the layouts real reports use (variety 2).

`form_fields(doc, pairs)` prints label/value pairs in one of `STYLES`:

    next_line    numbered label on its own line, the value in the next paragraph
    soft_breaks  all pairs in ONE paragraph, "Label: value" lines joined by soft line breaks
    table2       a two-column table, label | value
    table3       a three-column table, № | label | value
    dash         "Label – value" paragraphs, no colon
    inline       "Label: value" paragraphs, the label bold

with or without the colon after the label (not for dash and inline). `label(doc, key)`
draws one inflected wording of a field's label (plural, possessive, case forms), so that
each field has at least three renderings across the corpus.
"""
from __future__ import annotations

from corpus.builder import Doc

STYLES = ("next_line", "soft_breaks", "table2", "table3", "dash", "inline")

# key -> (kk wordings, ru wordings); the first of each is the plain label of the first corpus
LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "name": (("Грант алушы", "Грант алушы ұйымның атауы", "Үкіметтік емес ұйымның толық атауы", "ҮЕҰ-ның атауы"),
             ("Грантополучатель", "Наименование организации-грантополучателя", "Полное наименование НПО",
              "Наименование неправительственной организации")),
    "leader": (("Ұйым басшысы", "ҮЕҰ басшысының тегі, аты, әкесінің аты (болған жағдайда)", "Басшының аты-жөні",
                "Ұйымның жетекшісі"),
               ("Руководитель организации", "ФИО руководителя НПО", "Фамилия, имя, отчество руководителя",
                "Руководитель НПО")),
    "address": (("Заңды мекенжайы", "Ұйымның заңды мекенжайы", "Мекенжайы", "Заңды мекен-жайы"),
                ("Юридический адрес", "Адрес организации", "Юридический адрес организации", "Адрес")),
    "phone": (("Байланыс телефоны", "Телефоны", "Байланыс телефондары", "Ұйымның телефоны"),
              ("Контактный телефон", "Телефон", "Контактные телефоны", "Телефон организации")),
    "project": (("Жобаның атауы", "Әлеуметтік жобаның атауы", "Жоба атауы", "Іске асырылған жобаның атауы"),
                ("Наименование проекта", "Название социального проекта", "Наименование социального проекта",
                 "Проект")),
    "customer": (("Тапсырыс беруші", "Гранттың тапсырыс берушісі", "Мемлекеттік тапсырыс беруші"),
                 ("Заказчик", "Заказчик гранта", "Государственный заказчик")),
    "operator": (("Оператор", "Гранттық қаржыландыру операторы", "Гранттар операторы"),
                 ("Оператор", "Оператор грантового финансирования", "Оператор грантов")),
    "contract": (("Шарт", "Грант беру туралы шарт", "Шарттың нөмірі мен күні"),
                 ("Договор", "Договор о предоставлении гранта", "Номер и дата договора")),
    "period": (("Жобаны іске асыру кезеңі", "Іске асыру мерзімі", "Жобаның іске асырылу мерзімдері",
                "Жобаны іске асыру мерзімі"),
               ("Период реализации проекта", "Сроки реализации", "Срок реализации проекта",
                "Период реализации")),
    "amount": (("Грант сомасы", "Гранттың жалпы сомасы", "Бөлінген грант сомасы", "Грант мөлшері"),
               ("Сумма гранта", "Общая сумма гранта", "Размер гранта", "Сумма выделенного гранта")),
}


def label(doc: Doc, key: str) -> str:
    """One wording of a field's label; records the choice in the variations."""
    options = LABELS[key][0 if doc.lang == "kk" else 1]
    k = doc.rng.randrange(len(options))
    if k:
        doc.vary(f"label_{key}_{k}")
    return options[k]


def pick_style(doc: Doc, allowed: tuple[str, ...] = STYLES) -> str:
    style = doc.rng.choice(allowed)
    doc.vary(f"form_{style}")
    return style


def form_fields(doc: Doc, pairs: list[tuple[str, str]], style: str | None = None, numbered: bool | None = None,
                colon: bool | None = None) -> str:
    """Print (label, value) pairs in one layout; returns the style used."""
    rng = doc.rng
    style = style or pick_style(doc)
    colon = rng.random() < 0.6 if colon is None else colon
    if not colon and style not in ("dash", "inline"):
        doc.vary("form_no_colon")
    c = ":" if colon else ""
    numbered = (style == "next_line" or rng.random() < 0.4) if numbered is None else numbered
    num = [f"{i}. " if numbered else "" for i in range(1, len(pairs) + 1)]
    if style == "next_line":
        for n, (k, v) in zip(num, pairs):
            doc.bold(f"{n}{k}{c}")
            doc.para(v)
    elif style == "soft_breaks":
        runs: list = []
        for i, (n, (k, v)) in enumerate(zip(num, pairs)):
            runs += [(f"{n}{k}:", True), f" {v}" + ("\n" if i < len(pairs) - 1 else "")]
        doc.para(*runs)
    elif style == "table2":
        doc.table([[f"{k}{c}", v] for k, v in pairs])
    elif style == "table3":
        doc.table([[str(i), f"{k}{c}", v] for i, (k, v) in enumerate(pairs, start=1)])
    elif style == "dash":
        for n, (k, v) in zip(num, pairs):
            doc.para(f"{n}{k} – {v}")
    else:
        for n, (k, v) in zip(num, pairs):
            doc.para((f"{n}{k}:", True), f" {v}")
    return style
