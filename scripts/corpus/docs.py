"""The three document kinds, each in Kazakh and Russian.

`make(name, kind, lang, rng)` draws a `World`, prints it into a `Doc` with
random wording and layout choices, plants at most one inconsistency (about
one document in five) and returns the doc with its truth.
"""
from __future__ import annotations

import random
from decimal import Decimal

from corpus import fmt
from corpus.builder import Doc, fold, money
from corpus.parts import (direction, event_out_of_period, intl_partners, ngo_printed, partners_table, profile,
                          project_name, project_report_body)
from corpus.ngo import project_report_2
from corpus.operator2 import counts_2, savings_2, title_page_2
from corpus.protocol import competition_results_2, kk_on_date
from corpus.vocab import INTL_PARTNERS_2
from corpus.world import D0, PartnerOrg, World, address, draw, person

KINDS = ("operator_report", "project_report", "competition_results")
PLANTS = {
    "operator_report": ("total_typo", "words_mismatch", "profile_amount", "gender_sum", "event_out_of_period",
                        "blank_recipient", "fractional"),
    "project_report": ("words_mismatch", "gender_sum", "age_sum", "event_out_of_period", "fractional"),
    "competition_results": ("total_typo", "words_mismatch", "language_split"),
}


def _m(v: Decimal) -> str:
    """Money as the audit prints it in expected/actual (compared numerically by the scorer)."""
    return f"{v:.2f}"


def make(name: str, kind: str, lang: str, rng: random.Random, plant_rate: float = 0.2, variety: int = 1) -> Doc:
    """One document; `variety` 2 adds the layouts and wordings of corpus.forms/.ngo/.protocol
    (variety 1 draws exactly as before, so old seeds give the same corpus)."""
    doc = Doc(name=name, kind=kind, lang=lang, rng=rng, variety=variety)
    if rng.random() < 0.3:
        doc.latin_rate = 0.04
        doc.vary("latin_lookalikes")
    if rng.random() < 0.25:
        doc.nbsp = True
        doc.vary("nbsp_in_amounts")
    plant = rng.choice(PLANTS[kind]) if rng.random() < plant_rate else None
    if kind == "operator_report":
        n = rng.choice([1, 2, 2, 3, 3, 4, 5, 14])
        w = draw(rng, lang, n, rich=True)
        if variety >= 2:
            international_2(w, rng)
        operator_report(doc, w, plant)
    elif kind == "project_report":
        w = draw(rng, lang, 1, rich=True)
        if variety >= 2:
            international_2(w, rng, extra=0.5)
            project_report_2(doc, w, plant, _words_off)
        else:
            project_report(doc, w, plant)
    else:
        w = draw(rng, lang, rng.choice([2, 3, 4, 5, 6]), rich=False)
        if variety >= 2:
            competition_results_2(doc, w, plant, _words_off)
        else:
            competition_results(doc, w, plant)
    return doc


def international_2(w: World, rng: random.Random, extra: float = 0.0) -> None:
    """Variety 2: international partners named as UN agencies, embassies, foreign foundations;
    with probability `extra` a grant without one gains one."""
    for g in w.grants:
        intl = [p for p in g.partners if p.international]
        if not intl and g.partners and rng.random() < extra:
            intl = [PartnerOrg(None, "", "", person(rng), fmt.phone(rng), note=False, international=True)]
            g.partners.append(intl[0])
        for p in intl:
            p.name_kk, p.name_ru = rng.choice(INTL_PARTNERS_2)


def _words_off(v: Decimal, rng: random.Random) -> Decimal:
    """A sum in words that misses the digits by a typo-sized step."""
    step = rng.choice([1000, 10_000, 100_000, 20])
    return v + step if rng.random() < 0.5 or v <= step else v - step


# ===================================================================================
# operator report
# ===================================================================================

KK_TITLE = "Үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператордың {y} жылғы қызметінің нәтижелері туралы есебі"
RU_TITLE = ("Отчет оператора в сфере грантового финансирования неправительственных организаций "
            "о результатах своей деятельности за {y} год")

KK_SECTIONS = (
    "Гранттарды орналастыру есебінің басталу және аяқталу күні",
    "Есепті кезеңде орналастырылған гранттар бағыттарының саны:",
    "Есепті кезеңде іске асырылған гранттар саны",
    "Есепті кезеңде іске асырылған гранттар саласы",
    "Гранттарды іске асыруға есепті кезеңде мемлекеттік көздерден бөлінген қаражаттың жалпы сомасы",
    "Есепті кезеңде бюджеттен тыс көздерден гранттарды іске асыруға бөлінген қаражаттың жалпы сомасы",
    "Есепті кезеңде гранттарды іске асыруға тартылған қазақстандық ұйымдар қатарындағы әріптестер туралы ақпарат",
    "Есепті кезеңде гранттарды іске асыруға тартылған халықаралық (шетелдік) ұйымдардың қатарындағы әріптестер туралы ақпарат",
    "Есепті кезеңде үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператор арқылы гранттарды іске асырған үкіметтік емес ұйымдар туралы мәліметтер",
    "Есепті кезеңде грант шеңберінде іске асырылған әлеуметтік жобалар, әлеуметтік бағдарламалар туралы мәліметтер",
    "Гранттарды іске асыру шеңберінде жобалардың нәтижелері бойынша жалпы қорытындылар мен ұсынымдар",
)
RU_SECTIONS = (
    "Дата начала и окончания размещения грантов",
    "Количество направлений грантов, размещенных в отчетном периоде:",
    "Количество реализованных в отчетном периоде грантов",
    "Сфера реализованных в отчетном периоде грантов",
    "Общая сумма средств, выделенных в отчетном периоде на реализацию грантов из государственных источников",
    "Общая сумма средств, выделенных в отчетном периоде на реализацию грантов из внебюджетных источников",
    "Информация о партнерах из числа казахстанских организаций, привлеченных к реализации грантов в отчетном периоде",
    "Информация о партнерах из числа международных (иностранных) организаций, привлеченных к реализации грантов в отчетном периоде",
    "Сведения о неправительственных организациях, реализовавших гранты через оператора в сфере грантового финансирования неправительственных организаций в отчетном периоде",
    "Сведения о социальных проектах, социальных программах, реализованных в рамках гранта в отчетном периоде",
    "Общие выводы и рекомендации по итогам проектов в рамках реализации грантов",
)

COLS = {
    "no": (("№", "№ р/с"), ("№", "№ п/п")),
    "dir": (("Басым бағыт", "Гранттың бағыты", "Әлеуметтік жобаның бағыты"),
            ("Приоритетное направление", "Направление гранта", "Направление социального проекта")),
    "ref": (("ҮЕҰ-мен шарт жасасу нөмірі мен күні", "Шарттың нөмірі және күні", "Шарт №, күні"),
            ("Номер и дата заключения договора с НПО", "№ и дата договора", "Договор (№, дата)")),
    "org": (("Ұйымның атауы", "ҮЕҰ атауы", "Грант алушы"),
            ("Наименование организации", "Наименование НПО", "Грантополучатель")),
    "bin": (("БСН",), ("БИН",)),
    "grant": (("Грант сомасы", "Грант сомасы, теңге", "Шарт сомасы (теңге)"),
              ("Сумма гранта", "Сумма гранта, тенге", "Сумма договора (тенге)")),
    "sav": (("Үнемдеу сомасы", "Үнемделген қаражат"), ("Сумма экономии", "Экономия")),
    "disb": (("Игеру сомасы", "Игерілген сома", "Нақты игерілгені"), ("Сумма освоения", "Освоено", "Фактически освоено")),
}
SAV_2 = (("Үнемделген сома", "Үнемделгені", "Үнемделген қаражат сомасы"),
         ("Сэкономлено", "Экономия средств", "Сумма сэкономленных средств"))
LAYOUTS = (
    ("no", "dir", "ref", "org", "grant", "sav", "disb"),
    ("no", "org", "dir", "ref", "grant", "sav", "disb"),
    ("no", "dir", "org", "bin", "ref", "grant", "sav", "disb"),
    ("no", "ref", "org", "dir", "grant", "sav", "disb"),
    ("no", "dir", "ref", "org", "grant", "disb"),
)


def contracts_table(doc: Doc, w: World, plant: str | None) -> tuple[Decimal, Decimal, Decimal]:
    """The contracts table with its totals row; returns the totals as printed."""
    lang, rng = doc.lang, doc.rng
    li = 0 if lang == "kk" else 1
    layout = rng.choice(LAYOUTS)
    if "sav" not in layout:
        doc.vary("contracts_no_savings_column")
        for g in w.grants:
            g.savings = D0
    if "bin" in layout:
        doc.vary("contracts_bin_column")
    if layout != LAYOUTS[0]:
        doc.vary("contracts_column_order")
    head = [rng.choice(COLS[c][li]) for c in layout]
    if doc.variety >= 2 and "sav" in layout and rng.random() < 0.6:
        doc.vary("contracts_savings_header_2")
        head[layout.index("sav")] = rng.choice(SAV_2[li])
    rows = [head]
    style = rng.choice(["space", "space", "space_dec", "dots", "plain"])
    if style != "space":
        doc.vary(f"amount_{style}")
    dash = rng.choice(["-", "–", "0,00" if style == "space_dec" else "-"])
    blank = None
    if plant == "blank_recipient":
        blank = rng.randrange(len(w.grants))
    for i, g in enumerate(w.grants):
        ref, ref_style = fmt.contract_ref(g.contract_no, g.contract_date, lang, rng)
        doc.vary(f"contract_ref_{ref_style}")
        org = "" if i == blank else ngo_printed(doc, g, full=rng.random() < 0.3)
        cells = []
        for c in layout:
            if c == "no":
                cells.append(str(g.row))
            elif c == "dir":
                cells.append(direction(g, lang))
            elif c == "ref":
                cells.append(ref)
            elif c == "org":
                cells.append(org)
            elif c == "bin":
                cells.append(f"{rng.randint(5, 23):02d}{rng.randint(1, 12):02d}4{rng.randint(0, 99999):05d}{rng.randint(0, 99):02d}")
            elif c == "grant":
                cells.append(doc.amount(g.grant, "grant", style=style, currency=False))
            elif c == "sav":
                if g.savings:
                    cells.append(doc.amount(g.savings, "savings", style=style, currency=False))
                elif dash == "0,00":
                    cells.append(doc.amount(D0, "savings", style=style, currency=False))
                else:
                    cells.append(dash)
            elif c == "disb":
                cells.append(doc.amount(g.disbursed, "disbursed", style=style, currency=False))
        rows.append(cells)
        row = dict(row=g.row, direction=direction(g, lang), contract_no=g.contract_no,
                   contract_date=g.contract_date.isoformat(),
                   recipient=fold(org) if org else None,  # a blank cell: filled from the profile later
                   grant_kzt=money(g.grant), disbursed_kzt=money(g.disbursed),
                   recipient_inferred=i == blank)
        if "sav" in layout:
            row["savings_kzt"] = money(g.savings)
        doc.add("contracts", **row)
        if i == blank:
            doc.finding("missing_value", "warning", f"contract {g.contract_no}: the organisation cell is blank",
                        assert_values=False)
    grant = sum((g.grant for g in w.grants), D0)
    savings = sum((g.savings for g in w.grants), D0)
    disbursed = grant - savings
    stated_grant = grant
    if plant == "total_typo":
        stated_grant = grant + rng.choice([Decimal(100000), Decimal(1000000), Decimal(-50000)])
        doc.finding("sum_total_mismatch", "error", "the totals row's grant sum is a typo", _m(grant), _m(stated_grant))
        doc.finding("grant_balance", "error", "so the totals row's grant − savings ≠ disbursed",
                    _m(stated_grant - savings), _m(disbursed))
    label = rng.choice(["Барлығы:", "Барлығы", "Жиыны:"] if lang == "kk" else ["Итого:", "Итого", "Всего:"])
    first_money = layout.index("grant")
    total = [label] + [""] * (first_money - 1)
    for c in layout[first_money:]:
        if c == "grant":
            total.append(doc.amount(stated_grant, "grant_total", style=style, currency=False))
        elif c == "sav":
            if savings:
                total.append(doc.amount(savings, "savings_total", style=style, currency=False))
            elif dash == "0,00":  # a printed zero is an amount too (this used to drop the grant total's row)
                total.append(doc.amount(D0, "savings_total", style=style, currency=False))
            else:
                total.append(dash)
        else:
            total.append(doc.amount(disbursed, "disbursed_total", style=style, currency=False))
    rows.append(total)
    merges = [(len(rows) - 1, 0, len(rows) - 1, first_money - 1)] if first_money > 1 else []
    long = len(w.grants) >= 10
    if long:
        doc.vary("contracts_14_rows_repeat_header")
    doc.table(rows, merges, bold_rows=(0, len(rows) - 1), repeat_header=long or rng.random() < 0.3)
    return stated_grant, savings, disbursed


def operator_report(doc: Doc, w: World, plant: str | None) -> None:
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    if plant == "fractional" and not any(g.study for g in w.grants):
        w.grants[0].study = (300, 51)
    if plant == "profile_amount" and len(w.grants) < 1:
        plant = None
    secs = KK_SECTIONS if kk else RU_SECTIONS
    y = w.year
    operator = w.operator[0 if kk else 1]
    customer = w.customer[0 if kk else 1]
    n = len(w.grants)
    # title page
    v2 = doc.variety >= 2
    if not (v2 and title_page_2(doc, w, operator, customer)):
        if not v2:
            doc.bold("Қызмет туралы қорытынды есеп" if kk else "Итоговый отчет о деятельности")
        doc.bold(operator)
        doc.bold(f"Есепті кезең: {y} жыл" if kk else f"Отчетный период: {y} год")
        doc.bold(customer)
    city = w.region.centre if kk else _centre_ru(w).removeprefix("г. ")
    doc.bold(f"{city} {w.report_date.year}" if rng.random() < 0.5 else f"Астана {w.report_date.year}")
    doc.heading((KK_TITLE if kk else RU_TITLE).format(y=y), 2)
    numbering = list(range(1, 12))
    if rng.random() < 0.2:  # the form's own numbering slips, as in the seed
        numbering[1] = 1
        doc.vary("section_numbering_slip")

    def sec(i, level=3):
        doc.heading(f"{numbering[i]}. {secs[i]}", level)

    # 1. dates
    sec(0)
    doc.para(("Мемлекеттік органның сайтында жарияланған гранттар беру және олардың іске асырылуына мониторингті "
              "жүзеге асыру қағидаларына сәйкес, жұртшылықты ақпараттандыру мақсатында Оператор өзінің "
              "интернет-ресурсында хабарландыруды қазақ және орыс тілдерінде жариялайды." if kk else
              "В соответствии с Правилами предоставления грантов и осуществления мониторинга их реализации "
              "в целях информирования общественности Оператор размещает объявление на своем интернет-ресурсе "
              "на казахском и русском языках."), prose=True)
    a = w.announce
    if kk:
        doc.para(rng.choice([f"Сонымен, {a.year} жылдың {a.day} {fmt.KK_MONTHS_LOC[a.month - 1]} конкурс туралы "
                             f"хабарландыру жарияланды.",
                             f"Конкурс туралы хабарландыру {fmt.num_date(a)} ж. жарияланды.",
                             f"{fmt.kk_date(a, attr=False)} күні конкурс туралы хабарландыру жарияланды."]))
        doc.para(f"Өтінімдерді қабылдау {fmt.num_date(w.deadline)} ж. аяқталды.")
    else:
        doc.para(rng.choice([f"Объявление о проведении конкурса опубликовано {fmt.ru_date(a)}.",
                             f"Так, {fmt.num_date(a)} г. было опубликовано объявление о конкурсе.",
                             f"Объявление о конкурсе размещено {fmt.num_date(a)}."]))
        doc.para(f"Прием заявок завершен {fmt.ru_date(w.deadline)}.")
    # 2. directions
    sec(1)
    dirs = [direction(g, lang) for g in w.grants]
    quoted = ", ".join(f"«{d}»" for d in dirs)
    if kk:
        doc.para(f"Ағымдағы жылы Оператор {quoted} {'бағыты' if n == 1 else 'бағыттары'} бойынша {n} "
                 f"({fmt.words(Decimal(n), 'kk')}) жобаны іске асырды.")
    else:
        doc.para(f"В текущем году Оператором реализовано {n} "
                 f"{fmt.plural_ru(n, 'проект', 'проекта', 'проектов')} по {'направлению' if n == 1 else 'направлениям'} {quoted}.")
    # 3. grants: applications and contracts
    sec(2)
    apps = sum(w.applications)
    ngos = w.applicant_ngos
    by_lang = None
    if v2:
        by_lang = counts_2(doc, apps, ngos)
    if kk:
        if not v2:
            doc.para("Ағымдағы жылы оператор ҮЕҰ үшін мемлекеттік гранттар беру бойынша 1 конкурс өткізді. " + rng.choice([
                f"Келіп түскен өтінімдердің жалпы саны {ngos} ҮЕҰ-дан {apps} өтінімді құрады.",
                f"Конкурсқа {ngos} ҮЕҰ-дан барлығы {apps} өтінім келіп түсті.",
                f"Барлығы {apps} өтінім түсті ({ngos} ҮЕҰ)."]))
        doc.para("Гранттық тақырыптар бойынша өтінімдер саны:")
        head = ["№", rng.choice(["Жобаның атауы", "Бағыттың атауы", "Гранттық тақырып"]),
                rng.choice(["Өтінімдер саны", "Түскен өтінімдер саны"])]
    else:
        if not v2:
            doc.para("В текущем году оператором проведен 1 конкурс по предоставлению государственных грантов для НПО. "
                     + rng.choice([f"Общее количество поступивших заявок составило {apps} от {ngos} НПО.",
                                   f"На конкурс поступило {apps} {fmt.plural_ru(apps, 'заявка', 'заявки', 'заявок')} "
                                   f"от {ngos} НПО.",
                                   f"Всего подано {apps} {fmt.plural_ru(apps, 'заявка', 'заявки', 'заявок')} "
                                   f"({ngos} НПО)."]))
        doc.para("Количество заявок в разрезе грантовых тем:")
        head = ["№", rng.choice(["Наименование проекта", "Направление", "Грантовая тема"]),
                rng.choice(["Количество заявок", "Кол-во поступивших заявок"])]
    rows = [head]
    for k, (g, c) in enumerate(zip(w.grants, w.applications), start=1):
        rows.append([f"{k}." if rng.random() < 0.5 else str(k), f"«{direction(g, lang)}»", str(c)])
        doc.add("applications", direction=direction(g, lang), applications=c)
    doc.table(rows, bold_rows=(0,))
    # the contracts paragraph states the grant total: printed after the table is built
    lead_idx = len(doc.blocks)
    doc.para("")  # placeholder, replaced below
    stated_grant, savings, disbursed = contracts_table(doc, w, plant)
    total_text = doc.amount(stated_grant, "grant_total", allow_mln=True)
    nw = fmt.words(Decimal(n), lang)
    count_printed = n
    if kk:
        text = (f"Конкурстық рәсімдердің нәтижелері бойынша сараптама комиссиясы жеңімпазды анықтап және оператор "
                f"{n} ({nw}) ҮЕҰ-мен {total_text} сомасына {count_printed} ({nw}) шарт жасасқан, атап айтқанда:")
    else:
        text = (f"По итогам конкурсных процедур экспертной комиссией определены победители, и оператором заключено "
                f"{count_printed} ({nw}) {fmt.plural_ru(n, 'договор', 'договора', 'договоров')} с НПО на общую сумму "
                f"{total_text}, а именно:")
    from _render_parse import Para, Run
    doc.blocks[lead_idx] = Para([Run(text)])
    # 4. sphere
    sec(3)
    doc.para((f"Есепті кезеңде грант «{w.sphere[0]}» саласы бойынша іске асырылды." if kk else
              f"В отчетном периоде гранты реализованы в сфере «{w.sphere[1]}»."))
    # 5. state funds
    sec(4)
    doc.para(("Мемлекеттік гранттарды оператор Мемлекеттік бюджет қаражатынан Заңның 5-бабының 1-тармағында "
              "көзделген салалар шеңберінде береді." if kk else
              "Государственные гранты предоставляются оператором за счет средств государственного бюджета в "
              "рамках сфер, предусмотренных пунктом 1 статьи 5 Закона."), prose=True)
    if kk:
        doc.para(f"Жалпы сомасы {doc.amount(stated_grant, 'grant_total', case='ге')} грант беру туралы "
                 f"{n} шартқа қол қойылды.")
        if savings and v2:
            savings_2(doc, savings, disbursed)
        elif savings:
            doc.para(f"Сонымен қатар, әлеуметтік жобаларды іске асыру қорытындысы бойынша жалпы сомасы "
                     f"{doc.amount(savings, 'savings_total', case='ге', allow_mln=False)} үнемдеу қалыптасты, "
                     f"тиісінше шарттарға өзгерістер енгізілді, онда грант қаражатының жалпы сомасы "
                     f"{doc.amount(disbursed, 'disbursed_total', case='ні', allow_mln=False)} құрады.")
        else:
            doc.para("Грант қаражаты толық көлемде игерілді, үнемдеу қалыптаспады.")
    else:
        doc.para(f"Подписано {n} {fmt.plural_ru(n, 'договор', 'договора', 'договоров')} о предоставлении гранта "
                 f"на общую сумму {doc.amount(stated_grant, 'grant_total')}.")
        if savings and v2:
            savings_2(doc, savings, disbursed)
        elif savings:
            doc.para(f"Вместе с тем по итогам реализации социальных проектов сложилась экономия на общую сумму "
                     f"{doc.amount(savings, 'savings_total', allow_mln=False)}, в договоры внесены изменения, "
                     f"общая сумма грантовых средств составила {doc.amount(disbursed, 'disbursed_total', allow_mln=False)}.")
        else:
            doc.para("Грантовые средства освоены в полном объеме, экономия не сложилась.")
    # 6. extrabudgetary
    sec(5)
    doc.para((f"Есепті кезеңде {customer} мемлекеттік гранттарды іске асыру кезінде бюджеттен тыс көздерді тартқан жоқ."
              if kk else "Внебюджетные источники при реализации государственных грантов в отчетном периоде не привлекались."))
    sec(6)
    doc.para("1-қосымшаға сәйкес ақпарат" if kk else "Информация согласно приложению 1")
    sec(7)
    intl_partners(doc, w, w.grants)
    sec(8)
    doc.para("3-қосымшаға сәйкес мәліметтер" if kk else "Сведения согласно приложению 3")
    sec(9)
    doc.para("4-қосымшаға сәйкес мәліметтер" if kk else "Сведения согласно приложению 4")
    sec(10)
    ngo_word = "ҮЕҰ" if kk else "НПО"
    if kk:
        doc.para(f"1. {y} жылы {w.region.kk} {customer} тапсырысы бойынша жалпы сомасы "
                 f"{doc.amount(stated_grant, 'grant_total', case='ге')} {n} басым бағытқа мемлекеттік гранттар беруге "
                 f"арналған конкурстық рәсімдерге {ngos} {ngo_word} қатысты.")
    else:
        doc.para(f"1. В {y} году по заказу {_ru_gen_customer(customer)} в конкурсных процедурах по предоставлению "
                 f"государственных грантов по {n} {fmt.plural_ru(n, 'приоритетному направлению', 'приоритетным направлениям', 'приоритетным направлениям')} "
                 f"на общую сумму {doc.amount(stated_grant, 'grant_total')} приняли участие {ngos} {ngo_word}.")
    if rng.random() < 0.4:
        big = Decimal(rng.choice([1_200_000_000, 2_700_000_000, 3_400_000_000, 950_000_000]))
        style = "mlrd" if big >= 10**9 else "mln"
        doc.vary("amount_mlrd")
        doc.para((f"Салыстыру үшін: облыста мемлекеттік әлеуметтік тапсырыс шеңберінде барлығы "
                  f"{doc.amount(big, 'mention', style=style)} бөлінді." if kk else
                  f"Для сравнения: в области в рамках государственного социального заказа всего выделено "
                  f"{doc.amount(big, 'mention', style=style)}."))
    doc.para(("2. Жобаларды іске асыру тәжірибесі көрсеткендей, қаржыландырудың белгіленген тетігі (30% аванстау) "
              "тәуекелдер туғызады. Осыған байланысты 80% көлемінде аванс төлей отырып, қаржыландыру тетігін қайта "
              "қарауды ұсынамыз." if kk else
              "2. Практика реализации проектов показала, что установленный механизм финансирования (авансирование "
              "30%) создает риски. В связи с этим предлагаем пересмотреть механизм с авансированием в размере 80%."),
             prose=True)
    # signature
    signer = w.signatory.initials(lang)
    doc.bold(rng.choice(["Басқарма төрағасы", "Директор", "Филиал директоры"] if kk else
                        ["Председатель правления", "Директор", "Директор филиала"]))
    doc.bold(signer)
    r = w.report_date
    doc.para(rng.choice([f"Есепті жасау күні: {r.year} жылғы «{r.day}» {fmt.KK_MONTHS[r.month - 1]}",
                         f"Есеп жасалған күн: {fmt.num_date(r)} ж."] if kk else
                        [f"Дата составления отчета: «{r.day}» {fmt.RU_MONTHS_GEN[r.month - 1]} {r.year} года",
                         f"Дата составления отчета: {fmt.num_date(r)}"]))
    # annex 1: partners
    doc.bold("1-қосымша" if kk else "Приложение 1")
    partners_table(doc, w, w.grants)
    # annex 3: profiles
    doc.bold("3-қосымша" if kk else "Приложение 3")
    off = rng.randrange(n)
    for i, g in enumerate(w.grants):
        amount_value = g.disbursed if rng.random() < 0.8 else g.grant
        words_value = None
        if plant == "words_mismatch" and i == off:
            words_value = _words_off(amount_value, rng)
            doc.finding("words_digits_mismatch", "error", f"profile {g.ngo}: the sum in words is off",
                        _m(amount_value), _m(words_value))
        if plant == "profile_amount" and i == off:
            wrong = amount_value + rng.choice([Decimal(100000), Decimal(-200000), Decimal(9)])
            doc.finding("cross_reference_mismatch", "error", f"profile {g.ngo} states another sum than its contract",
                        _m(g.disbursed), _m(wrong))
            amount_value = wrong
        rec = profile(doc, w, g, amount_value, words_value)
        for c in doc.truth["contracts"]:
            if c["row"] == g.row and c["recipient"] is None:
                c["recipient"] = fold(rec["name"]).rstrip(".")
    # annex 4: project reports
    doc.bold("4-қосымша" if kk else "Приложение 4")
    first_with_study = next((i for i, g in enumerate(w.grants) if g.study), None)
    for i, g in enumerate(w.grants):
        proj = project_name(g, lang)
        doc.heading(secs[9], 2)
        doc.para(("Әлеуметтік жобаның атауы: " if kk else "Наименование социального проекта: ", True), proj)
        gender = None
        if plant == "gender_sum" and i == off:
            t, m, f = g.gender
            gender = (t, m, f + rng.choice([10, -5, 20]))
            doc.finding("demographics_sum", "error", "men + women ≠ participants in all", str(t), str(m + gender[2]))
        oop = None
        if plant == "event_out_of_period" and i == off and g.events:
            oop = event_out_of_period(g)
            doc.finding("date_out_of_period", "warning", "an event dated after its project's end",
                        assert_values=False)
        frac = plant == "fractional" and i == first_with_study
        if frac:
            _fractional_findings(doc)
        project_report_body(doc, w, g, proj, gender_override=gender, out_of_period=oop, fractional=frac)
    # truth: the document
    doc.add("documents", doc_kind="operator_report", language=lang, reporting_year=y, customer=fold(customer),
            region=w.region.kk, report_date=w.report_date.isoformat(), signatory=signer, ocr=False, status="ok",
            grant_total_kzt=money(stated_grant),
            **({"savings_total_kzt": money(savings)} if "contracts_no_savings_column" not in doc.variations else {}),
            disbursed_total_kzt=money(disbursed), contracts_count=n, applications_count=apps,
            applicant_ngos_count=ngos, operator=fold(operator), announcement_date=w.announce.isoformat(),
            directions_count=len(set(dirs)),
            **({"deadline_date": w.deadline.isoformat(), "applications_kk": by_lang[0],
                "applications_ru": by_lang[1]} if by_lang else {}))
    if plant:
        doc.vary(f"planted_{plant}")


def _fractional_findings(doc: Doc) -> None:
    doc.finding("fractional_count", "error", "51% of 300 printed as 155,5 persons", None, "155,5")
    doc.finding("fractional_count", "error", "49% of 300 printed as 144,5 persons", None, "144,5")
    doc.finding("percent_count_mismatch", "warning", "51% of 300 is 153", "153", "155.5")
    doc.finding("percent_count_mismatch", "warning", "49% of 300 is 147", "147", "144.5")


def _ru_gen_customer(customer: str) -> str:
    """«Управление ...» after «по заказу»: the head noun in the genitive."""
    return customer.replace("Управление", "Управления", 1)


# ===================================================================================
# project report (an NGO's own final report)
# ===================================================================================

def project_report(doc: Doc, w: World, plant: str | None) -> None:
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    g = w.grants[0]
    if plant == "fractional" and not g.study:
        g.study = (300, 51)
    if plant == "event_out_of_period" and not g.events:
        plant = None
    proj = project_name(g, lang)
    customer = w.customer[0 if kk else 1]
    name = ngo_printed(doc, g, full=rng.random() < 0.5)
    doc.bold(rng.choice(["Әлеуметтік жоба бойынша қорытынды есеп", "Әлеуметтік жобаны іске асыру туралы қорытынды есеп"]
                        if kk else ["Итоговый отчет по социальному проекту",
                                    "Итоговый отчет о реализации социального проекта"]))
    doc.bold(f"«{proj}»" if not g.brand else proj)
    period_text, ps, pe = fmt.month_period(g.start, g.end, lang, rng)
    amount_value = g.grant
    words_value = None
    if plant == "words_mismatch":
        words_value = _words_off(amount_value, rng)
        doc.finding("words_digits_mismatch", "error", "the grant sum in words is off", _m(amount_value),
                    _m(words_value))
    amount_text = doc.amount(amount_value, "recipient_amount", with_words=True, words_value=words_value,
                             allow_mln=False)
    addr = address(g, w.region, lang)
    fields = ([("Грант алушы:", name), ("Ұйым басшысы:", g.leader.full(lang)), ("Заңды мекенжайы:", addr),
               ("Байланыс телефоны:", g.phone[0]), ("Жобаның атауы:", proj), ("Тапсырыс беруші:", customer),
               ("Жобаны іске асыру кезеңі:", period_text), ("Грант сомасы:", amount_text)] if kk else
              [("Грантополучатель:", name), ("Руководитель организации:", g.leader.full(lang)),
               ("Юридический адрес:", addr), ("Контактный телефон:", g.phone[0]), ("Наименование проекта:", proj),
               ("Заказчик:", customer), ("Период реализации проекта:", period_text),
               ("Сумма гранта:", amount_text)])
    if rng.random() < 0.5:
        doc.vary("project_report_header_table")
        doc.table([[k, v] for k, v in fields])
    else:
        for k, v in fields:
            doc.para((k, True), " " + v)
    doc.heading("Жобаның мақсаты мен міндеттері" if kk else "Цель и задачи проекта", 3)
    doc.para((f"Жобаның мақсаты – {w.region.kk_loc} «{direction(g, lang)}» бағыты бойынша нысаналы топтың "
              f"қажеттіліктерін қанағаттандыру." if kk else
              f"Цель проекта – реализация мер по направлению «{direction(g, lang)}» в {w.region.ru_gen} "
              f"в интересах целевой группы."), prose=True)
    gender = age = None
    if plant == "gender_sum":
        t, m, f = g.gender
        gender = (t, m, f + rng.choice([10, -5, 20]))
        doc.finding("demographics_sum", "error", "men + women ≠ participants in all", str(t), str(m + gender[2]))
    if plant == "age_sum":
        age = dict(g.age)
        k = next(k for k, v in age.items() if v)
        age[k] += rng.choice([3, 7, 12])
        doc.finding("demographics_sum", "error", "the age brackets do not add up to the total",
                    str(g.gender[0]), str(sum(age.values())))
    oop = None
    if plant == "event_out_of_period":
        oop = event_out_of_period(g)
        doc.finding("date_out_of_period", "warning", "an event dated after the project's end", assert_values=False)
    if plant == "fractional":
        _fractional_findings(doc)
    project_report_body(doc, w, g, proj, gender_override=gender, age_override=age, out_of_period=oop,
                        fractional=plant == "fractional")
    signer = g.leader.initials(lang)
    r = w.report_date
    doc.para(("Ұйым басшысы" if kk else "Руководитель организации", True), "  ____________  ", (signer, True))
    doc.para(f"{fmt.num_date(r)} ж." if kk else f"{fmt.num_date(r)} г.")
    doc.add("recipients", name=name, name_norm=g.ngo, legal_form=g.code, leader=g.leader.full(lang),
            phone=g.phone[1], phone_raw=g.phone[0], address=addr, project=proj, period_start=ps.isoformat(),
            period_end=pe.isoformat(), amount_kzt=money(amount_value),
            amount_words=fmt.words(words_value if words_value is not None else amount_value, lang),
            amount_words_kzt=money(words_value if words_value is not None else amount_value))
    doc.add("documents", doc_kind="project_report", language=lang, reporting_year=w.year, customer=fold(customer),
            region=w.region.kk, report_date=r.isoformat(), signatory=signer, ocr=False, status="ok")
    if plant:
        doc.vary(f"planted_{plant}")


# ===================================================================================
# competition results
# ===================================================================================

def competition_results(doc: Doc, w: World, plant: str | None) -> None:
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    y = w.year
    customer = w.customer[0 if kk else 1]
    operator = w.operator[0 if kk else 1]
    apps = sum(w.applications)
    ngos = w.applicant_ngos
    n_kk = rng.randint(apps // 2, apps)
    n_ru = apps - n_kk
    stated_ru = n_ru
    if plant == "language_split":
        stated_ru = n_ru + rng.choice([1, 2])
        doc.finding("sum_total_mismatch", "error", "applications by language do not add up to the count",
                    str(apps), str(n_kk + stated_ru))
    doc.bold(rng.choice(["Сараптама комиссиясының қорытындысы",
                         "Үкіметтік емес ұйымдарға арналған мемлекеттік гранттар беру конкурсының қорытындысы туралы "
                         "хаттамадан үзінді"] if kk else
                        ["Протокол итогов конкурса на предоставление государственных грантов для неправительственных "
                         "организаций", "Заключение экспертной комиссии по итогам конкурса"]))
    doc.bold(f"{customer} тапсырысы бойынша" if kk else f"по заказу {_ru_gen_customer(customer)}")
    d = w.decision
    doc.para(f"{w.region.centre} қ., {fmt.num_date(d)} ж." if kk else
             f"{fmt.num_date(d)} г.                              {_centre_ru(w)}")
    a = w.announce
    if kk:
        doc.para(f"Конкурс туралы хабарландыру {fmt.num_date(a)} ж. {operator} интернет-ресурсында жарияланды.")
        doc.para(f"Өтінімдерді қабылдау мерзімі – {fmt.kk_date(w.deadline)} дейін.")
        doc.para(f"Конкурсқа {ngos} ҮЕҰ-дан {apps} өтінім келіп түсті, оның ішінде мемлекеттік тілде – {n_kk}, "
                 f"орыс тілінде – {stated_ru}.")
        doc.para(f"Сараптама комиссиясының {fmt.kk_date(d, attr=True)} отырысында өтінімдер бағалау "
                 f"өлшемшарттарына сәйкес қаралды.", prose=True)
        doc.para("Бағыттар бойынша түскен өтінімдер саны:")
        head = ["№", "Бағыттың атауы", "Өтінімдер саны"]
    else:
        doc.para(f"Объявление о проведении конкурса опубликовано {fmt.ru_date(a)} на интернет-ресурсе оператора – "
                 f"{operator}.")
        doc.para(f"Срок приема заявок – до {fmt.ru_date(w.deadline)}.")
        doc.para(f"На конкурс поступило {apps} {fmt.plural_ru(apps, 'заявка', 'заявки', 'заявок')} от {ngos} НПО, "
                 f"из них на государственном языке – {n_kk}, на русском языке – {stated_ru}.")
        doc.para(f"На заседании экспертной комиссии {fmt.num_date(d)} заявки рассмотрены в соответствии с "
                 f"критериями оценки.", prose=True)
        doc.para("Количество заявок по направлениям:")
        head = ["№", "Направление", "Количество заявок"]
    rows = [head]
    for k, (g, c) in enumerate(zip(w.grants, w.applications), start=1):
        rows.append([str(k), direction(g, lang), str(c)])
        doc.add("applications", direction=direction(g, lang), applications=c)
    doc.table(rows, bold_rows=(0,))
    doc.para("Конкурс қорытындысы бойынша келесі ҮЕҰ жеңімпаз деп танылды:" if kk else
             "По итогам конкурса победителями признаны следующие НПО:")
    with_bin = rng.random() < 0.3
    if with_bin:
        doc.vary("winners_bin_column")
    head = (["№", "Басым бағыт", "ҮЕҰ атауы"] + (["БСН"] if with_bin else []) + ["Жобаның атауы", "Грант сомасы, теңге"]
            if kk else ["№", "Приоритетное направление", "Наименование НПО"] + (["БИН"] if with_bin else [])
            + ["Наименование проекта", "Сумма гранта, тенге"])
    rows = [head]
    style = rng.choice(["space", "space", "space_dec", "dots", "plain"])
    for g in w.grants:
        org = ngo_printed(doc, g, full=rng.random() < 0.4)
        proj = (f"«{g.brand}»" if g.brand else f"«{project_name(g, lang)}»")
        proj_truth = g.brand if g.brand else project_name(g, lang)
        cells = [str(g.row), direction(g, lang), org]
        if with_bin:
            cells.append(f"{rng.randint(5, 23):02d}{rng.randint(1, 12):02d}4{rng.randint(0, 99999):05d}{rng.randint(0, 99):02d}")
        cells += [proj, doc.amount(g.grant, "grant", style=style, currency=False)]
        rows.append(cells)
        doc.add("winners", row=g.row, direction=direction(g, lang), recipient=fold(org), project=proj_truth,
                grant_kzt=money(g.grant))
    total = sum((g.grant for g in w.grants), D0)
    stated = total
    if plant == "total_typo":
        stated = total + rng.choice([Decimal(100000), Decimal(-500000)])
        doc.finding("sum_total_mismatch", "error", "the winners' totals row is a typo", _m(total), _m(stated))
    label = "Барлығы:" if kk else "Итого:"
    ncol = len(head)
    rows.append([label] + [""] * (ncol - 2) + [doc.amount(stated, "grant_total", style=style, currency=False)])
    doc.table(rows, [(len(rows) - 1, 0, len(rows) - 1, ncol - 2)], bold_rows=(0, len(rows) - 1))
    words_value = None
    if plant == "words_mismatch":
        words_value = _words_off(stated, rng)
        doc.finding("words_digits_mismatch", "error", "the total in words is off", _m(stated), _m(words_value))
    txt = doc.amount(stated, "grant_total", with_words=True, words_value=words_value, allow_mln=False)
    doc.para(f"Жеңімпаздарға берілетін гранттардың жалпы сомасы – {txt}." if kk else
             f"Общая сумма грантов, предоставляемых победителям, составляет {txt}.")
    doc.para(("Жеңімпаздармен грант беру туралы шарттар хаттамаға қол қойылған күннен бастап 10 жұмыс күні ішінде "
              "жасалады." if kk else "Договоры о предоставлении гранта с победителями заключаются в течение 10 "
              "рабочих дней со дня подписания протокола."), prose=True)
    chair = w.signatory.initials(lang)
    secretary = person(rng).initials(lang)
    doc.para(("Комиссия төрағасы:" if kk else "Председатель комиссии:", True), f"  ____________  {chair}")
    doc.para(("Хатшы:" if kk else "Секретарь:", True), f"  ____________  {secretary}")
    doc.add("documents", doc_kind="competition_results", language=lang, reporting_year=y, customer=fold(customer),
            region=w.region.kk, report_date=d.isoformat(), signatory=chair, ocr=False, status="ok",
            grant_total_kzt=money(stated), applications_count=apps, applicant_ngos_count=ngos,
            operator=fold(operator), announcement_date=a.isoformat(),
            _deadline=w.deadline.isoformat(), _applications_kk=n_kk, _applications_ru=stated_ru)
    if plant:
        doc.vary(f"planted_{plant}")


def _centre_ru(w: World) -> str:
    from corpus.vocab import CENTRE_RU_CITY
    return CENTRE_RU_CITY[w.region.centre]
