"""Competition results in their real forms (variety 2).

Four forms, in both languages: a protocol of the expert commission, an extract from it
("Выписка из протокола ...", "... хаттамасынан үзінді"), the operator's final conclusion
on the applications ("Итоговое заключение ...", no winners), and preliminary results.
The customer is named as the genre names it (ГУ «Управление ...», «... басқармасы» ММ,
a city department, "по заказу Министерства ..."); the counts come in other word orders,
with counts by language and the admitted applications beside the received ones; the
winners come as a table with or without a number column, a numbered list, paragraphs
or prose. The sentences are ours; the labels and orders follow cisc.kz's published
protocols and conclusions.
"""
from __future__ import annotations

from decimal import Decimal

from corpus import fmt
from corpus.builder import Doc, fold, money
from corpus.forms import form_fields
from corpus.parts import direction, ngo_printed, project_name
from corpus.vocab import ATTENDANCE, CENTRE_RU, CUSTOMERS, MINISTRIES
from corpus.world import D0, World, person

FORMS = ("protocol", "extract", "conclusion", "preliminary")
WINNER_STYLES = ("table", "table_no_number", "numbered_list", "paragraphs", "prose")


def _m(v: Decimal) -> str:
    return f"{v:.2f}"


def customer_forms(doc: Doc, w: World) -> tuple[str, str, str | None]:
    """(as printed in the heading, the body's name for the truth, region or None)."""
    kk, rng = doc.lang == "kk", doc.rng
    r = rng.random()
    if r < 0.15:
        doc.vary("customer_ministry")
        m = rng.choice(MINISTRIES)
        return (f"{m[0]} тапсырысы бойынша" if kk else f"по заказу {m[2]}"), (m[0] if kk else m[1]), None
    if r < 0.35:
        doc.vary("customer_city_department")
        c = w.region.centre
        name = f"{c} қаласының ішкі саясат бөлімі" if kk else f"Отдел внутренней политики города {CENTRE_RU[c]}"
    else:
        name = w.customer[0 if kk else 1]
    form = rng.randrange(3)
    if kk:
        printed = [f"«{name}» ММ тапсырысы бойынша", f"«{name}» мемлекеттік мекемесінің тапсырысы бойынша",
                   f"{name} тапсырысы бойынша"][form]
    else:
        gen = name.replace("Управление", "Управления", 1).replace("Отдел", "Отдела", 1)
        printed = [f"по заказу ГУ «{name}»", f"по заказу государственного учреждения «{name}»",
                   f"по заказу {gen}"][form]
    if form < 2:
        doc.vary("customer_legal_form")
    return printed, name, w.region.kk


def _heading(doc: Doc, form: str, no: str, d, customer_printed: str, announce) -> None:
    kk = doc.lang == "kk"
    rng = doc.rng
    if form == "protocol":
        doc.bold(f"Сараптама комиссиясы отырысының №{no} хаттамасы" if kk else f"ПРОТОКОЛ № {no}")
        if not kk:
            doc.bold("заседания экспертной комиссии по результатам независимой оценки заявок")
    elif form == "extract":
        if kk:
            doc.bold(f"Сараптама комиссиясы отырысының {fmt.kk_date(d, attr=True)} №{no} хаттамасынан үзінді")
        else:
            doc.bold(rng.choice([f"Выписка из протокола заседания экспертной комиссии № {no} от {fmt.num_date(d)} г.",
                                 f"ВЫПИСКА из протокола № {no} заседания экспертной комиссии от {fmt.ru_date(d)}"]))
    elif form == "conclusion":
        doc.bold("Өтінімдерді қарау нәтижелері бойынша қорытынды тұжырым" if kk else
                 "ИТОГОВОЕ ЗАКЛЮЧЕНИЕ по результатам рассмотрения заявок на соответствие требованиям Правил")
    else:
        doc.bold(f"{fmt.kk_date(announce)} жарияланған конкурстың алдын ала қорытындылары" if kk else
                 f"Предварительные итоги конкурса, объявленного {fmt.ru_date(announce)}")
    doc.bold(customer_printed)


def _dateline(doc: Doc, w: World, d, national: bool) -> None:
    kk, rng = doc.lang == "kk", doc.rng
    city = "Астана" if national or rng.random() < 0.5 else w.region.centre
    if city == "Астана":
        doc.vary("dateline_astana")
    if kk:
        doc.para(f"{city} қ.                                        {fmt.quoted_day_date(d, 'kk')}"
                 if rng.random() < 0.5 else f"{fmt.num_date(d)} ж., {city} қ.")
    else:
        ru_city = "Астана" if city == "Астана" else fmt_city_ru(city)
        doc.para(f"г. {ru_city}                                        {fmt.quoted_day_date(d, 'ru')}"
                 if rng.random() < 0.5 else f"{fmt.num_date(d)} г., г. {ru_city}")


def fmt_city_ru(centre: str) -> str:
    from corpus.vocab import CENTRE_RU_CITY
    return CENTRE_RU_CITY[centre].removeprefix("г. ")


def _split_language(doc: Doc, apps: int, ngos: int) -> tuple[int, int, int | None, int | None]:
    """Applications in Kazakh/Russian and, when they can be split, the NGOs behind them."""
    rng = doc.rng
    n_kk = rng.randint(1, apps - 1) if apps >= 2 else apps
    n_ru = apps - n_kk
    lo = max(ngos - n_ru, 1 if n_kk else 0)
    hi = min(n_kk, ngos - (1 if n_ru else 0))
    if lo > hi:
        return n_kk, n_ru, None, None
    g_kk = rng.randint(lo, hi)
    return n_kk, n_ru, g_kk, ngos - g_kk


KK_MONTHS_IN = ("қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
                "қыркүйекте", "қазанда", "қарашада", "желтоқсанда")


def kk_on_date(d, rng) -> str:
    """A Kazakh date in the locative ("2024 жылғы «04» маусымда"), as a verb's time."""
    return rng.choice([f"{d.year} жылғы {d.day} {KK_MONTHS_IN[d.month - 1]}",
                       f"{d.year} жылғы «{d.day:02d}» {KK_MONTHS_IN[d.month - 1]}", f"{fmt.num_date(d)} ж."])


def _counts(doc: Doc, w: World, operator: str, announce, deadline, apps: int, ngos: int, split,
            admitted) -> tuple[bool, bool, bool]:
    """The counts paragraph(s) in one of several word orders; (NGOs by language stated, operator named,
    announcement date printed)."""
    kk, rng = doc.lang == "kk", doc.rng
    n_kk, n_ru, g_kk, g_ru = split
    by_ngo = g_kk is not None and rng.random() < 0.6
    style = rng.randrange(3)
    doc.vary(f"counts_order_{style}")
    a_date = kk_on_date(announce, rng) if kk else fmt.any_date(announce, doc.lang, rng)
    if kk:
        lang_part = (f"мемлекеттік тілде {g_kk} ҮЕҰ-дан {n_kk} өтінім, орыс тілінде {g_ru} ҮЕҰ-дан {n_ru} өтінім"
                     if by_ngo else f"мемлекеттік тілде – {n_kk}, орыс тілінде – {n_ru}")
        if style == 0:
            doc.para(f"Конкурсқа {apps} өтінім келіп түсті. Өтінімдерді {ngos} ҮЕҰ жолдады. Атап айтқанда, "
                     f"{lang_part} келіп түсті." if by_ngo else
                     f"Конкурсқа {apps} өтінім келіп түсті. Өтінімдерді {ngos} ҮЕҰ жолдады, оның ішінде {lang_part}.")
        elif style == 1:
            doc.para(f"{a_date} жарияланған конкурсқа {ngos} ҮЕҰ-дан барлығы {apps} өтінім түсті, оның ішінде "
                     f"{lang_part}.")
        else:
            doc.para(f"Оператор ({operator}) {apps} өтінім қабылдады ({ngos} ҮЕҰ); {lang_part}.")
        doc.para(f"Өтінімдерді қабылдау {kk_on_date(deadline, rng)} аяқталды.")
        if admitted:
            doc.para(f"Оның ішінде {admitted[1]} ҮЕҰ-дан {admitted[0]} өтінім сараптама комиссиясының қарауына "
                     f"жіберілді.")
    else:
        word = fmt.plural_ru(apps, "заявка", "заявки", "заявок")
        def z(n):
            return fmt.plural_ru(n, "заявка", "заявки", "заявок")
        lang_part = (f"на государственном языке – {n_kk} {z(n_kk)} от {g_kk} НПО, на русском языке – {n_ru} {z(n_ru)} "
                     f"от {g_ru} НПО" if by_ngo else f"на государственном языке – {n_kk}, на русском языке – {n_ru}")
        if style == 0:
            doc.para(f"Настоящим {operator} (далее – Оператор) сообщает, что на конкурс, объявленный {a_date}, "
                     f"от {ngos} НПО поступило {apps} {word}, из которых {lang_part}.")
        elif style == 1:
            doc.para(f"По результатам конкурса, объявленного {a_date}, поступило {apps} {word} от {ngos} НПО, "
                     f"в том числе {lang_part}.")
        else:
            doc.para(f"Всего подано {apps} {word}. Заявки направили {ngos} НПО ({lang_part}).")
        doc.para(f"Прием заявок завершен {fmt.any_date(deadline, 'ru', rng)}" + rng.choice(
            ["", " в 18:00 часов по времени г. Астаны"]) + ".")
        if admitted:
            doc.para(f"К рассмотрению экспертной комиссией допущено {admitted[0]} "
                     f"{fmt.plural_ru(admitted[0], 'заявка', 'заявки', 'заявок')} от {admitted[1]} НПО.")
    return by_ngo, (kk and style == 2) or (not kk and style == 0), (kk and style == 1) or (not kk and style < 2)


def _attendance(doc: Doc) -> str:
    """The commission's attendance table; returns the chair's initials."""
    kk, rng = doc.lang == "kk", doc.rng
    members = [person(rng) for _ in range(rng.randint(3, 5))]
    doc.para("Отырысқа қатысқандар:" if kk else "На заседании присутствовали:")
    rows = [["№", "Т.А.Ә." if kk else "ФИО", "Қатысуы туралы мәлімет" if kk else "Сведения об участии"]]
    for k, p in enumerate(members, start=1):
        rows.append([f"{k}.", p.full(doc.lang), rng.choice(ATTENDANCE[:2])[0 if kk else 1]])
    doc.table(rows, bold_rows=(0,))
    doc.vary("commission_attendance_table")
    return members[0].initials(doc.lang)


def _winner_line(doc: Doc, g, org: str, proj: str, amount: str, style: str) -> str:
    kk = doc.lang == "kk"
    d = direction(g, doc.lang)
    if style == "prose":
        return (f"«{d}» бағыты бойынша {proj} жобасын {org} жүзеге асырады, грант сомасы – {amount}." if kk else
                f"По направлению «{d}» проект {proj} реализует {org}, сумма гранта – {amount}.")
    return (f"«{d}» бағыты бойынша – {org}, жоба: {proj}, грант сомасы – {amount}" if kk else
            f"по направлению «{d}» – {org}, проект {proj}, сумма гранта – {amount}")


def winners(doc: Doc, w: World, plant: str | None) -> Decimal:
    """The winners in one of WINNER_STYLES; returns the stated total."""
    kk, rng = doc.lang == "kk", doc.rng
    style = rng.choice(WINNER_STYLES)
    doc.vary(f"winners_{style}")
    doc.para(rng.choice(["Конкурс қорытындысы бойынша мынадай үкіметтік емес ұйымдар жеңімпаз деп айқындалсын:",
                         "Сараптама комиссиясы келесі грант алушыларды анықтады:"] if kk else
                        ["Определить победителями конкурса следующие неправительственные организации:",
                         "Экспертная комиссия определила следующих грантополучателей:"]))
    table_style = rng.choice(["space", "space_dec", "dots", "plain"])
    rows = [(["№"] if style == "table" else []) + (["Басым бағыт", "ҮЕҰ атауы", "Жобаның атауы", "Грант сомасы, теңге"]
                                                   if kk else ["Приоритетное направление", "Наименование НПО",
                                                               "Наименование проекта", "Сумма гранта, тенге"])]
    for k, g in enumerate(w.grants, start=1):
        org = ngo_printed(doc, g, full=rng.random() < 0.4)
        proj_truth = g.brand if g.brand else project_name(g, doc.lang)
        proj = f"«{proj_truth}»"
        if style.startswith("table"):
            amount = doc.amount(g.grant, "grant", style=table_style, currency=False)
            rows.append(([str(k)] if style == "table" else []) + [direction(g, doc.lang), org, proj, amount])
        else:
            amount = doc.amount(g.grant, "grant")
            if style == "numbered_list":
                doc.para(f"{k}) " + _winner_line(doc, g, org, proj, amount, style) + ";")
            elif style == "paragraphs":
                form_fields(doc, [("Басым бағыт" if kk else "Направление", direction(g, doc.lang)),
                                  ("Грант алушы" if kk else "Грантополучатель", org),
                                  ("Жобаның атауы" if kk else "Наименование проекта", proj_truth),
                                  ("Грант сомасы" if kk else "Сумма гранта", amount)],
                            style=rng.choice(["soft_breaks", "inline"]), numbered=False)
            else:
                doc.para(_winner_line(doc, g, org, proj, amount, style))
        doc.add("winners", row=k, direction=direction(g, doc.lang), recipient=fold(org), project=proj_truth,
                grant_kzt=money(g.grant))
    total = sum((g.grant for g in w.grants), D0)
    stated = total
    if plant == "total_typo":
        stated = total + rng.choice([Decimal(100000), Decimal(-500000)])
        doc.finding("sum_total_mismatch", "error", "the winners' total is a typo", _m(total), _m(stated))
    if style.startswith("table"):
        ncol = len(rows[0])
        rows.append([("Барлығы:" if kk else "Итого:")] + [""] * (ncol - 2)
                    + [doc.amount(stated, "grant_total", style=table_style, currency=False)])
        doc.table(rows, [(len(rows) - 1, 0, len(rows) - 1, ncol - 2)], bold_rows=(0, len(rows) - 1))
    return stated


def competition_results_2(doc: Doc, w: World, plant: str | None, words_off) -> None:
    """A competition document of variety 2 (the plants as in `corpus.docs.competition_results`)."""
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    form = rng.choice(FORMS)
    doc.vary(f"competition_{form}")
    operator = w.operator[0 if kk else 1]
    apps = sum(w.applications)
    ngos = w.applicant_ngos
    split = _split_language(doc, apps, ngos)
    if plant == "language_split":
        split = (split[0], split[1] + rng.choice([1, 2]), None, None)
        doc.finding("sum_total_mismatch", "error", "applications by language do not add up to the count",
                    str(apps), str(split[0] + split[1]))
    if form == "conclusion" and plant in ("total_typo", "words_mismatch"):
        plant = None  # a conclusion lists no winners: nothing to plant in
    d = w.decision
    no = str(rng.randint(1, 60)) if form in ("protocol", "extract") else None
    printed, customer, region = customer_forms(doc, w)
    _heading(doc, form, no, d, printed, w.announce)
    _dateline(doc, w, d, national=region is None)
    admitted = None
    if rng.random() < 0.5 and apps > len(w.grants):
        a = rng.randint(len(w.grants), apps - 1)
        admitted = (a, max(1, min(ngos, a) - rng.randint(0, 1)))
        doc.vary("admitted_applications")
    by_ngo, named_operator, announced = _counts(doc, w, operator, w.announce, w.deadline, apps, ngos, split, admitted)
    doc.para("Бағыттар бойынша түскен өтінімдер саны:" if kk else "Количество поступивших заявок по направлениям:")
    with_no = rng.random() < 0.6
    rows = [(["№"] if with_no else []) + (["Бағыттың атауы", "Өтінімдер саны"] if kk else
                                          ["Направление", "Количество заявок"])]
    for k, (g, c) in enumerate(zip(w.grants, w.applications), start=1):
        rows.append(([str(k)] if with_no else []) + [direction(g, lang), str(c)])
        doc.add("applications", direction=direction(g, lang), applications=c)
    doc.table(rows, bold_rows=(0,))
    chair = None
    stated = None
    if form in ("protocol", "extract") and rng.random() < 0.7:
        chair = _attendance(doc)
    if form != "conclusion":
        stated = winners(doc, w, plant)
        words_value = None
        if plant == "words_mismatch":
            words_value = words_off(stated, rng)
            doc.finding("words_digits_mismatch", "error", "the total in words is off", _m(stated), _m(words_value))
        txt = doc.amount(stated, "grant_total", with_words=True, words_value=words_value, allow_mln=False)
        doc.para(f"Жеңімпаздарға берілетін гранттардың жалпы сомасы {txt} құрайды." if kk else
                 f"Общая сумма грантов победителям – {txt}.")
    else:
        doc.para(("Талаптарға сәйкес келетін өтінімдер сараптама комиссиясының қарауына жіберіледі." if kk else
                  "Заявки, соответствующие требованиям, направляются на рассмотрение экспертной комиссии."),
                 prose=True)
    signer = chair or w.signatory.initials(lang)
    role = ("Комиссия төрағасы:" if kk else "Председатель комиссии:") if form in ("protocol", "extract") else \
        ("Оператор өкілі:" if kk else "Представитель Оператора:")
    doc.para((role, True), f"  ____________  {signer}")
    n_kk, n_ru, g_kk, g_ru = split
    row = dict(doc_kind="competition_results", language=lang, reporting_year=w.year, customer=fold(customer),
               region=region, report_date=d.isoformat(), signatory=signer, ocr=False, status="ok",
               applications_count=apps, applicant_ngos_count=ngos, deadline_date=w.deadline.isoformat(),
               applications_kk=n_kk, applications_ru=n_ru)
    if announced or form == "preliminary":  # the heading of preliminary results names it
        row["announcement_date"] = w.announce.isoformat()
    if stated is not None:
        row["grant_total_kzt"] = money(stated)
    if no:
        row["protocol_no"] = no
    if by_ngo:
        row.update(applicant_ngos_kk=g_kk, applicant_ngos_ru=g_ru)
    if named_operator:
        row["operator"] = fold(operator)
    doc.add("documents", **row)
    if plant:
        doc.vary(f"planted_{plant}")
