"""An NGO's own final report in the layouts of variety 2.

The profile fields come in any layout of `corpus.forms` (numbered with the value on
the next line, one paragraph of soft line breaks, label | value tables, "Label – value"),
with inflected labels; the title page may be one paragraph of "Тапсырыс беруші: ...",
"Оператор: ...", "Шарт: ..." lines; the amount is in digits and words, the period a month
range. Partners come in prose or in a table of the report's own, international ones among
them; savings are stated with a verb ("... теңге үнемделіп", "сэкономлено ...").
"""
from __future__ import annotations

from corpus import fmt
from corpus.builder import Doc, fold, money
from corpus.forms import form_fields, label
from corpus.parts import direction, event_out_of_period, ngo_printed, project_name, project_report_body
from corpus.world import Grant, PartnerOrg, World, address, fill

KK_TITLES = ("Әлеуметтік жоба бойынша қорытынды есеп", "Әлеуметтік жобаны іске асыру туралы қорытынды есеп",
             "Мемлекеттік грантты іске асыру бойынша қорытынды есеп")
RU_TITLES = ("Итоговый отчет по социальному проекту", "Итоговый отчет о реализации социального проекта",
             "Итоговый отчет о реализации государственного гранта")


def partner_name(doc: Doc, w: World, p: PartnerOrg) -> str:
    """A partner as printed: international ones by name, local ones mostly with their legal form."""
    kk = doc.lang == "kk"
    if p.international:
        return p.name_kk if kk else p.name_ru
    name = fill(p.name_kk if kk else p.name_ru, w.region, doc.lang)
    return fmt.org(name, p.code, doc.lang, full=False) if p.code and doc.rng.random() < 0.8 else name


def _join(names: list[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" және " if lang == "kk" else " и ") + names[-1]


def project_partners(doc: Doc, w: World, g: Grant, proj: str) -> None:
    """The report's own partners: in prose (names only) or in a table (with leader and phone)."""
    kk, rng = doc.lang == "kk", doc.rng
    if not g.partners:
        return
    doc.heading("Жобаның серіктестері" if kk else "Партнеры проекта", 3)
    named = [(p, partner_name(doc, w, p)) for p in g.partners]
    if rng.random() < 0.5:
        doc.vary("project_partners_prose")
        local = [n for p, n in named if not p.international]
        intl = [n for p, n in named if p.international]
        if local:
            doc.para(f"Жобаны іске асыруға серіктестер ретінде {_join(local, 'kk')} тартылды." if kk else
                     f"К реализации проекта в качестве партнеров привлечены {_join(local, 'ru')}.")
        for n in intl:
            doc.para(f"Жобаның халықаралық серіктесі – {n}." if kk else f"Среди партнеров проекта – {n}.")
        for k, (p, n) in enumerate(named, start=1):
            doc.add("partners", row=k, project=proj, partner=fold(n), note=None, leader=None, phone=None,
                    phone_raw=None, international=p.international)
        return
    doc.vary("project_partners_table")
    with_no = rng.random() < 0.6
    head = (["Серіктес ұйымның атауы", "Басшысы", "Байланыс телефоны"] if kk
            else ["Организация-партнер", "Руководитель", "Телефон"])
    rows = [(["№"] if with_no else []) + head]
    for k, (p, n) in enumerate(named, start=1):
        lead = p.leader.full(doc.lang)
        rows.append(([str(k)] if with_no else []) + [n, lead, p.phone[0]])
        doc.add("partners", row=k, project=proj, partner=fold(n), note=None, leader=lead, phone=p.phone[1],
                phone_raw=p.phone[0], international=p.international)
    doc.table(rows, bold_rows=(0,))


def _savings_sentence(doc: Doc, g: Grant) -> None:
    """Savings stated with a verb; the sum is recorded as `savings`, never the grant."""
    kk = doc.lang == "kk"
    text = doc.amount(g.savings, "savings", allow_mln=False)
    doc.vary("savings_verb")
    doc.para(doc.rng.choice([f"Жобаны іске асыру барысында {text} үнемделіп, бюджетке қайтарылды.",
                             f"Сатып алу рәсімдерінің нәтижесінде грант қаражатынан {text} үнемделді."] if kk else
                            [f"В ходе реализации проекта сэкономлено {text}, средства возвращены в бюджет.",
                             f"По итогам закупок из средств гранта сэкономлено {text}."]))


def _title_page(doc: Doc, w: World, g: Grant, customer: str, operator: str) -> bool:
    """Customer, operator and contract lines in one paragraph of soft line breaks; True if printed."""
    if doc.rng.random() < 0.5:
        return False
    doc.vary("title_page_soft_breaks")
    ref, _ = fmt.contract_ref(g.contract_no, g.contract_date, doc.lang, doc.rng)
    lines = [(label(doc, "customer"), customer), (label(doc, "operator"), operator), (label(doc, "contract"), ref)]
    form_fields(doc, lines, style="soft_breaks", numbered=False, colon=True)
    return True


def project_report_2(doc: Doc, w: World, plant: str | None, words_off) -> None:
    """The NGO's final report, variety 2 (the plants as in `corpus.docs.project_report`)."""
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    g = w.grants[0]
    if plant == "fractional" and not g.study:
        g.study = (300, 51)
    if plant == "event_out_of_period" and not g.events:
        plant = None
    proj = project_name(g, lang)
    customer = w.customer[0 if kk else 1]
    operator = w.operator[0 if kk else 1]
    name = ngo_printed(doc, g, full=rng.random() < 0.5)
    if not kk and rng.random() < 0.5:
        doc.vary("kazakh_title_line_in_russian_report")
        doc.bold(rng.choice(KK_TITLES))
    doc.bold(rng.choice(KK_TITLES if kk else RU_TITLES))
    doc.bold(f"«{proj}»" if not g.brand else proj)
    on_title = _title_page(doc, w, g, customer, operator)
    period_text, ps, pe = fmt.month_period_2(g.start, g.end, lang, rng)
    words_value = None
    if plant == "words_mismatch":
        words_value = words_off(g.grant, rng)
        doc.finding("words_digits_mismatch", "error", "the grant sum in words is off", f"{g.grant:.2f}",
                    f"{words_value:.2f}")
    amount_text = doc.amount(g.grant, "recipient_amount", style=rng.choice(["space", "space", "space_dec"]),
                             with_words=True, words_value=words_value, allow_mln=False)
    addr = address(g, w.region, lang)
    pairs = [(label(doc, "name"), name), (label(doc, "leader"), g.leader.full(lang)),
             (label(doc, "address"), addr), (label(doc, "phone"), g.phone[0]), (label(doc, "project"), proj)]
    if not on_title:
        pairs.append((label(doc, "customer"), customer))
    pairs += [(label(doc, "period"), period_text), (label(doc, "amount"), amount_text)]
    form_fields(doc, pairs)
    doc.heading("Жобаның мақсаты" if kk else "Цель проекта", 3)
    doc.para((f"Жобаның мақсаты – {w.region.kk_loc} «{direction(g, lang)}» бағыты бойынша нысаналы топқа "
              f"қолдау көрсету." if kk else
              f"Цель проекта – поддержка целевой группы по направлению «{direction(g, lang)}» в {w.region.ru_gen}."),
             prose=True)
    project_partners(doc, w, g, proj)
    gender = age = oop = None
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
    if plant == "event_out_of_period":
        oop = event_out_of_period(g)
        doc.finding("date_out_of_period", "warning", "an event dated after the project's end", assert_values=False)
    if plant == "fractional":
        from corpus.docs import _fractional_findings
        _fractional_findings(doc)
    project_report_body(doc, w, g, proj, gender_override=gender, age_override=age, out_of_period=oop,
                        fractional=plant == "fractional")
    if g.savings:
        _savings_sentence(doc, g)
    signer = g.leader.initials(lang)
    r = w.report_date
    doc.para(("Ұйым басшысы" if kk else "Руководитель организации", True), "  ____________  ", (signer, True))
    doc.para(f"{fmt.num_date(r)} ж." if kk else f"{fmt.num_date(r)} г.")
    wv = words_value if words_value is not None else g.grant
    doc.add("recipients", name=name, name_norm=g.ngo, legal_form=g.code, leader=g.leader.full(lang),
            phone=g.phone[1], phone_raw=g.phone[0], address=addr, project=proj, period_start=ps.isoformat(),
            period_end=pe.isoformat(), amount_kzt=money(g.grant), amount_words=fmt.words(wv, lang),
            amount_words_kzt=money(wv))
    doc.add("documents", doc_kind="project_report", language=lang, reporting_year=w.year, customer=fold(customer),
            region=w.region.kk, report_date=r.isoformat(), signatory=signer, ocr=False, status="ok",
            **({"operator": fold(operator)} if on_title else {}))
    if plant:
        doc.vary(f"planted_{plant}")
