"""The operator report's variety-2 wordings: a Russian report with a Kazakh title line,
the title page as one paragraph of soft line breaks, application counts in other word
orders with the counts by language, savings stated with a verb ("... үнемделіп",
"сэкономлено ...")."""
from __future__ import annotations

from decimal import Decimal

from corpus import fmt
from corpus.builder import Doc
from corpus.forms import form_fields, label
from corpus.world import World


def title_page_2(doc: Doc, w: World, operator: str, customer: str) -> bool:
    """Operator, period and customer as labelled lines of one paragraph; True if printed so."""
    kk, rng = doc.lang == "kk", doc.rng
    if not kk and rng.random() < 0.5:
        doc.vary("kazakh_title_line_in_russian_report")
        doc.bold("Үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператордың есебі")
    doc.bold("Қызмет туралы қорытынды есеп" if kk else "Итоговый отчет о деятельности")
    if rng.random() < 0.5:
        return False
    doc.vary("title_page_soft_breaks")
    form_fields(doc, [(label(doc, "operator"), operator),
                      ("Есепті кезең" if kk else "Отчетный период", f"{w.year} жыл" if kk else f"{w.year} год"),
                      (label(doc, "customer"), customer)], style="soft_breaks", numbered=False, colon=True)
    return True


def counts_2(doc: Doc, apps: int, ngos: int) -> tuple[int, int]:
    """The applications received in another word order, with their split by language."""
    kk, rng = doc.lang == "kk", doc.rng
    n_kk = rng.randint(1, apps - 1) if apps >= 2 else apps
    n_ru = apps - n_kk
    doc.vary("counts_by_language")
    word = fmt.plural_ru(apps, "заявка", "заявки", "заявок")
    if kk:
        doc.para("Есепті жылы оператор мемлекеттік гранттар беру бойынша 1 конкурс өткізді. " + rng.choice([
            f"Конкурсқа {apps} өтінім келіп түсті. Өтінімдерді {ngos} ҮЕҰ жолдады.",
            f"{ngos} ҮЕҰ-дан {apps} өтінім қабылданды."])
            + f" Оның ішінде мемлекеттік тілде – {n_kk} өтінім, орыс тілінде – {n_ru} өтінім.")
    else:
        doc.para("В отчетном году оператором проведен 1 конкурс на предоставление государственных грантов. "
                 + rng.choice([f"От {ngos} НПО поступило {apps} {word}", f"Поступило {apps} {word} от {ngos} НПО"])
                 + f", из них на государственном языке – {n_kk}, на русском языке – {n_ru}.")
    return n_kk, n_ru


def savings_2(doc: Doc, savings: Decimal, disbursed: Decimal) -> None:
    """Savings and the sum disbursed, the savings stated with a verb."""
    kk, rng = doc.lang == "kk", doc.rng
    doc.vary("savings_verb")
    s = doc.amount(savings, "savings_total", allow_mln=False)
    if kk:
        d = doc.amount(disbursed, "disbursed_total", case="ні", allow_mln=False)
        doc.para(rng.choice([f"Жобаларды іске асыру барысында {s} үнемделіп, шарттарға тиісті өзгерістер енгізілді; "
                             f"игерілген қаражаттың жалпы сомасы {d} құрады.",
                             f"Шарттар бойынша {s} үнемделді, нәтижесінде нақты игерілген қаражат {d} құрады."]))
    else:
        d = doc.amount(disbursed, "disbursed_total", allow_mln=False)
        doc.para(rng.choice([f"В ходе реализации проектов сэкономлено {s}; с учетом изменений, внесенных в договоры, "
                             f"освоено {d}.",
                             f"Сумма сэкономленных средств составила {s}, фактически освоено {d}."]))
