"""Pieces shared by the document kinds: recipient profiles, project reports
(tasks, event lines, indicator sentences, the three statistics tables),
partners tables. Each prints into a `Doc` and records its truth.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

from corpus import fmt
from corpus.builder import Doc, fold, money
from corpus.vocab import Region
from corpus.world import AGES, Event, Grant, World, address, fill

# --- names of things -----------------------------------------------------------


def project_name(g: Grant, lang: str) -> str:
    base = g.direction[0 if lang == "kk" else 1]
    if g.brand:
        return f"{base}, «{g.brand}» {'жобасы' if lang == 'kk' else 'проект'}" if lang == "kk" \
            else f"{base} (проект «{g.brand}»)"
    return base


def ngo_printed(doc: Doc, g: Grant, full: bool, latin: bool = False) -> str:
    name = g.ngo
    if latin:
        name = fmt.latinize(name, doc.rng)
    return fmt.org(name, g.code, doc.lang, full)


def direction(g: Grant, lang: str) -> str:
    return g.direction[0 if lang == "kk" else 1]


# --- recipient profile -----------------------------------------------------------

KK_PROFILE = (
    "Есепті кезеңде үкіметтік емес ұйымдарды гранттық қаржыландыру саласындағы оператор арқылы "
    "гранттарды іске асырған үкіметтік емес ұйымдар туралы мәліметтер",
    "1. Үкіметтік емес ұйымның толық атауы:",
    "2. Үкіметтік емес ұйым басшысының тегі, аты, әкесінің аты (бар болса):",
    "3. Заңды мекен-жайы, Байланыс телефоны:",
    "4. Грантты іске асыру шеңберіндегі әлеуметтік жобаның, әлеуметтік бағдарламаның атауы (Сала):",
    "5. Грант шеңберінде әлеуметтік жобаны, әлеуметтік бағдарламаны іске асыру кезеңі:",
    "6. Грантты іске асыруға бөлінген қаражаттың жалпы сомасы:",
)
RU_PROFILE = (
    "Сведения о неправительственных организациях, реализовавших гранты через оператора в сфере "
    "грантового финансирования неправительственных организаций в отчетном периоде",
    "1. Полное наименование неправительственной организации:",
    "2. Фамилия, имя, отчество (при наличии) руководителя неправительственной организации:",
    "3. Юридический адрес, контактный телефон:",
    "4. Наименование социального проекта, социальной программы в рамках реализации гранта (Сфера):",
    "5. Период реализации социального проекта, социальной программы в рамках гранта:",
    "6. Общая сумма выделенных средств на реализацию гранта:",
)


def profile(doc: Doc, w: World, g: Grant, amount_value, words_value=None, no_address=False) -> dict:
    """One recipient profile (fields 1-6), as annex 3 of the operator report prints it."""
    lang, rng = doc.lang, doc.rng
    labels = KK_PROFILE if lang == "kk" else RU_PROFILE
    latin = doc.latin_rate > 0 and rng.random() < 0.5
    name = ngo_printed(doc, g, full=rng.random() < 0.6, latin=latin)
    if latin:
        doc.vary("latin_in_org_name")
    doc.bold(labels[0])
    proj = project_name(g, lang)
    addr = address(g, w.region, lang)
    phone_raw = g.phone[0]
    tel = rng.choice(["", "тел.: ", "тел. "])
    line3 = phone_raw if no_address else f"{addr}, {tel}{phone_raw}"
    period_text, ps, pe = fmt.month_period(g.start, g.end, lang, rng)
    amount_text = doc.amount(amount_value, "recipient_amount", with_words=True, words_value=words_value,
                             allow_mln=False)
    if doc.variety >= 2:
        separate = not no_address and rng.random() < 0.5
        profile_fields_2(doc, labels, [name, g.leader.full(lang), line3, proj, period_text, amount_text],
                         (addr, phone_raw) if separate else None)
    else:
        inline = rng.random() < 0.35  # label and value in one paragraph, as some reports do
        for label, value in zip(labels[1:], [name + rng.choice(["", "."]), g.leader.full(lang), line3,
                                             proj + rng.choice(["", "."]), period_text, amount_text + "."]):
            if inline:
                doc.para((label, True), " " + value)
            else:
                doc.bold(label)
                doc.para(value)
    words = fmt.words(words_value if words_value is not None else amount_value, lang)
    return doc.add("recipients", name=name, name_norm=g.ngo, legal_form=g.code, leader=g.leader.full(lang),
                   phone=g.phone[1], phone_raw=phone_raw, address=None if no_address else addr,
                   project=proj, period_start=ps.isoformat(), period_end=pe.isoformat(),
                   amount_kzt=money(amount_value), amount_words=words,
                   amount_words_kzt=money(words_value if words_value is not None else amount_value))


def profile_fields_2(doc: Doc, labels: tuple[str, ...], values: list[str], split_address) -> None:
    """Variety 2: the profile's six fields in any layout of corpus.forms, under the form's own labels
    or inflected ones; address and phone may be two fields."""
    from corpus.forms import form_fields, label
    keys = ("name", "leader", "address", "project", "period", "amount")
    own = doc.rng.random() < 0.5
    names = [re.sub(r"^\d+\.\s*|:$", "", x) for x in labels[1:]] if own else [label(doc, k) for k in keys]
    if not own and not split_address:  # one field holds both, as the form's own label says
        names[2] += ", байланыс телефоны" if doc.lang == "kk" else ", контактный телефон"
    pairs = list(zip(names, values))
    if split_address:
        pairs[2] = (label(doc, "address"), split_address[0])
        pairs.insert(3, (label(doc, "phone"), split_address[1]))
        doc.vary("profile_address_and_phone_apart")
    form_fields(doc, pairs)


# --- partners ---------------------------------------------------------------------

def partners_table(doc: Doc, w: World, grants: list[Grant]) -> None:
    """Annex 1: partners of every project; the project cell spans its partners' rows."""
    lang, rng = doc.lang, doc.rng
    split_cols = rng.random() < 0.4
    if lang == "kk":
        head = ["№", "Жобаның атауы", "Компанияның атауы", "Басшының толық аты-жөні", "Байланыс мәліметтері"]
        if split_cols:
            head = ["№", "Грант алушы", "Жобаның атауы", "Серіктес ұйымның атауы", "Басшысы", "Байланыс телефоны"]
    else:
        head = ["№", "Наименование проекта", "Наименование организации", "ФИО руководителя", "Контактные данные"]
        if split_cols:
            head = ["№", "Грантополучатель", "Наименование проекта", "Организация-партнер", "Руководитель",
                    "Контактный телефон"]
    if split_cols:
        doc.vary("partners_split_columns")
    rows = [head]
    merges = []
    n = 0
    for g in grants:
        local = [p for p in g.partners if not p.international]
        if not local:
            continue
        grantee = ngo_printed(doc, g, full=rng.random() < 0.5)
        proj = project_name(g, lang)
        first = len(rows)
        for k, p in enumerate(local):
            n += 1
            pname = fill(p.name_kk if lang == "kk" else p.name_ru, w.region, lang)
            printed = (fmt.org(pname, p.code, lang, full=False) if p.code and rng.random() < 0.8 else pname)
            note = None
            if p.note:
                note = "қолдау хат жалғанды" if lang == "kk" else "письмо поддержки прилагается"
                cell = f"{printed} ({note})"
            else:
                cell = printed
            lead = p.leader.full(lang)
            if split_cols:
                rows.append([str(k + 1), grantee if k == 0 else "", proj if k == 0 else "", cell, lead, p.phone[0]])
            else:
                rows.append([str(k + 1), f"{grantee}. {proj}" if k == 0 else "", cell, lead, p.phone[0]])
            doc.add("partners", row=k + 1, project=proj, grantee=fold(grantee), partner=fold(printed), note=note,
                    leader=lead, phone=p.phone[1], phone_raw=p.phone[0], international=False)
        last = len(rows) - 1
        if last > first:
            merges.append((first, 1, last, 1))
            if split_cols:
                merges.append((first, 2, last, 2))
    if n:
        doc.table(rows, merges, bold_rows=(0,))


def intl_partners(doc: Doc, w: World, grants: list[Grant]) -> None:
    lang = doc.lang
    found = [(g, p) for g in grants for p in g.partners if p.international]
    if not found:
        doc.para("Жобаны іске асыру кезеңінде халықаралық, шетелдік әріптестер болған жоқ." if lang == "kk"
                 else "В период реализации проектов международные (иностранные) партнеры не привлекались.")
        return
    doc.vary("international_partner")
    head = (["№", "Жобаның атауы", "Ұйымның атауы", "Басшысы", "Байланыс мәліметтері"] if lang == "kk"
            else ["№", "Наименование проекта", "Наименование организации", "Руководитель", "Контактные данные"])
    rows = [head]
    for k, (g, p) in enumerate(found, start=1):
        name = p.name_kk if lang == "kk" else p.name_ru
        proj = project_name(g, lang)
        rows.append([str(k), proj, name, p.leader.full(lang), p.phone[0]])
        doc.add("partners", row=k, project=proj, grantee=None, partner=name, note=None, leader=p.leader.full(lang),
                phone=p.phone[1], phone_raw=p.phone[0], international=True)
    doc.table(rows, bold_rows=(0,))


# --- events -------------------------------------------------------------------------

FORMS = {"meeting": ("кездесу", "встреча"), "seminar": ("семинар", "семинар"), "training": ("тренинг", "тренинг")}


def _speakers(doc: Doc, e: Event) -> tuple[str, list[str]]:
    lang, rng = doc.lang, doc.rng
    names = [p.short(lang) if rng.random() < 0.7 else p.full(lang) for p in e.speakers]
    if not names:
        return "", []
    joiner = (" және " if lang == "kk" else " и ") if rng.random() < 0.5 else ", "
    return joiner.join(names), names


def _time(t: str, lang: str, rng) -> str:
    hh, mm = t.split(":")
    if lang == "kk":
        return rng.choice([f"сағ: {hh}.{mm} – де", f"сағат {hh}:{mm}-де", f"сағ. {hh}:{mm}"])
    return rng.choice([f"в {hh}:{mm}", f"в {hh}.{mm} ч.", f"в {hh}:{mm} ч."])


def event_line(doc: Doc, w: World, e: Event, project: str, day_override=None) -> str:
    """One event printed in one of several ways; records its truth row."""
    lang, rng = doc.lang, doc.rng
    day = day_override or e.day
    spk, names = _speakers(doc, e)
    place = e.place
    venue_truth = None
    title_truth = None
    time_truth = e.time
    form_kk, form_ru = FORMS[e.form]
    t = _time(e.time, lang, rng) if e.time else None
    if lang == "kk":
        style = rng.randrange(5)
        d_short = f"{day.day} {fmt.KK_MONTHS[day.month - 1]}"
        if style == 0 and e.venue and e.time and spk:
            text = (f"{d_short} күні, {spk}, {t}, {e.venue[1]}, {place.kk_gen} тұрғындарымен кездесу өтті.")
            venue_truth = e.venue[0]
        elif style == 1 and spk:
            text = f"{d_short}, {spk}, {place.kk_loc} өтті."
            time_truth = None
        elif style == 2 and e.title:
            v = f", {e.venue[1]}" if e.venue else ""
            venue_truth = e.venue[0] if e.venue else None
            text = (f"{fmt.kk_date(day)} {place.kk_loc}{v} «{e.title[0]}» тақырыбында {form_kk} өткізілді."
                    + (f" {t}." if t else "") + (f" Спикер: {spk}." if spk else ""))
            title_truth = e.title[0]
        elif style == 3 and e.venue and spk:
            text = f"{d_short} күні, {place.kk} {e.venue[0]}, {spk} – {place.kk_gen} тұрғындарымен кездесті."
            venue_truth = f"{place.kk} {e.venue[0]}"
            time_truth = None
        else:
            text = (f"{fmt.num_date(day)} ж. {t + ' ' if t else ''}{place.kk_loc} {form_kk} ұйымдастырылды"
                    + (f", оған {spk} қатысты." if spk else "."))
    else:
        style = rng.randrange(4)
        if style == 0 and e.venue:
            text = (f"{fmt.ru_date(day)}{' ' + t if t else ''} {e.venue[3]} ({place.ru}) состоялась встреча "
                    f"с жителями" + (f". Спикер – {spk}." if spk else "."))
            venue_truth = e.venue[2]
        elif style == 1 and e.title:
            v = f", {e.venue[2]}" if e.venue else ""
            venue_truth = e.venue[2] if e.venue else None
            text = (f"{fmt.num_date(day)} – {form_ru} «{e.title[1]}», {place.ru}{v}"
                    + (f", {t}" if t else "") + (f". Спикер: {spk}." if spk else "."))
            title_truth = e.title[1]
        elif style == 2 and spk:
            text = f"{day.day} {fmt.RU_MONTHS_GEN[day.month - 1]} – встреча {place.ru_prep}, спикер {spk}."
            time_truth = None
        else:
            text = (f"{fmt.ru_date(day)}{' ' + t if t else ''} {place.ru_prep} проведен {form_ru}"
                    + (f" «{e.title[1]}»" if e.title else "") + (f" (спикер – {spk})." if spk else "."))
            title_truth = e.title[1] if e.title else None
    doc.add("events", project=project, date=day.isoformat(), time=time_truth, place=place.kk,
            region=w.region.kk, venue=venue_truth, speakers=names, title=title_truth)
    return text


# --- indicators -------------------------------------------------------------------

def _ind(doc: Doc, project: str, name: str, value: int, unit: str, place=None) -> None:
    doc.add("indicators", project=project, name=name, value=float(value), unit=unit, place=place)


def indicator_sentences(doc: Doc, w: World, g: Grant, project: str) -> list[str]:
    lang, rng = doc.lang, doc.rng
    out = []
    kk = lang == "kk"
    for name in rng.sample(["videos", "articles", "podcasts", "survey_respondents", "seminar_participants",
                            "bloggers", "banners", "demotivators", "brochures"], rng.randint(1, 3)):
        n = rng.choice([3, 5, 6, 10, 12, 15, 20, 24, 30, 48])
        if name == "videos":
            s = (f"{n} бейнеролик дайындалып, әлеуметтік желілерде жарияланды." if kk else
                 f"Подготовлено и размещено в социальных сетях {n} {fmt.plural_ru(n, 'видеоролик', 'видеоролика', 'видеороликов')}.")
            _ind(doc, project, name, n, "items")
        elif name == "articles":
            s = (f"Жоба тақырыбы бойынша {n} мақала дайындалып, өңірлік БАҚ-та жарияланды." if kk else
                 f"Опубликовано {n} {fmt.plural_ru(n, 'статья', 'статьи', 'статей')} в региональных СМИ.")
            _ind(doc, project, name, n, "items")
        elif name == "podcasts":
            n = rng.randint(2, 8)
            s = (f"Сарапшылардың қатысуымен {n} подкаст түсірілді." if kk else
                 f"Записано {n} {fmt.plural_ru(n, 'подкаст', 'подкаста', 'подкастов')} с участием экспертов.")
            _ind(doc, project, name, n, "items")
        elif name == "survey_respondents":
            n = rng.choice([20, 35, 50, 80, 120, 150])
            s = (f"Жоба нәтижесін бағалау мақсатында {n} қатысушыдан сауалнама алынды." if kk else
                 f"Для оценки результатов проведено анкетирование, в нем приняли участие {n} "
                 f"{fmt.plural_ru(n, 'респондент', 'респондента', 'респондентов')}.")
            _ind(doc, project, name, n, "persons")
        elif name == "seminar_participants":
            n = rng.choice([25, 30, 40, 50, 60])
            s = (f"Жоба аясында {n} маман біліктілікті арттыру семинардан өтті." if kk else
                 f"Обучение на семинарах прошли {n} {fmt.plural_ru(n, 'специалист', 'специалиста', 'специалистов')}.")
            _ind(doc, project, name, n, "persons")
        elif name == "bloggers":
            n = rng.randint(2, 7)
            s = (f"Материалдар {n} жергілікті блогердің парақшасында жарияланды." if kk else
                 f"Материалы опубликованы на страницах {n} местных "
                 f"{fmt.plural_ru(n, 'блогера', 'блогеров', 'блогеров')}.")
            _ind(doc, project, name, n, "persons")
        elif name == "banners":
            n = rng.randint(2, 8)
            s = (f"Қала көшелерінде {n} ақпараттық баннер орналастырылды." if kk else
                 f"На улицах города размещено {n} информационных "
                 f"{fmt.plural_ru(n, 'баннер', 'баннера', 'баннеров')}.")
            if not kk and n % 10 == 1 and n % 100 != 11:
                s = f"На улицах города размещен {n} информационный баннер."
            _ind(doc, project, name, n, "items")
        elif name == "demotivators":
            s = (f"Әлеуметтік желілер үшін {n} демотиватор әзірленді." if kk else
                 f"Для социальных сетей разработано {n} {fmt.plural_ru(n, 'демотиватор', 'демотиватора', 'демотиваторов')}.")
            _ind(doc, project, name, n, "items")
        else:  # brochures, split by place
            total = rng.choice([500, 1000, 1500, 2000, 3000])
            places = rng.sample(w.region.places, 2)
            a = total * rng.choice([3, 4, 6]) // 10
            parts = [(places[0], a), (places[1], total - a)]
            if kk:
                s = (f"{total} дана ақпараттық брошюра әзірленді. Оның {a} данасы {places[0].kk_loc} таратылды, "
                     f"{total - a} дана брошюра {places[1].kk_gen} білім беру ұйымдарына берілді.")
            else:
                s = (f"Издано {total} экземпляров информационных брошюр, из них {a} экз. распространено "
                     f"{places[0].ru_prep}, {total - a} экз. – {places[1].ru_prep}.")
            _ind(doc, project, "brochures", total, "items")
            for p, v in parts:
                _ind(doc, project, "brochures_distributed", v, "items", p.kk)
        out.append(s)
    return out


def meetings_sentence(doc: Doc, g: Grant, project: str) -> str | None:
    counts = Counter(e.place for e in g.events)
    if len(g.events) < 2:
        return None
    parts = []
    for place, n in counts.items():
        if doc.lang == "kk":
            parts.append(f"{place.kk} – {n} рет")
        else:
            parts.append(f"{place.ru} – {n} {fmt.plural_ru(n, 'раз', 'раза', 'раз')}")
        doc.add("indicators", project=project, name="meetings", value=float(n), unit="events", place=place.kk)
    if doc.lang == "kk":
        return f"Іс-шаралар өңірдің елді мекендерінде өткізілді. Атап айтсақ, {', '.join(parts)} ұйымдастырылды."
    return f"Мероприятия проведены в населенных пунктах области, в том числе: {', '.join(parts)}."


# --- the three statistics tables ------------------------------------------------------------

KK_SOCIAL = ("Бүкіл жобаға қатысушылар саны", "Балалар (оның ішінде мүгедек балалар)", "Жастар",
             "Мемлекеттік қызметшілер", "Бюджеттік ұйым жұмысшылары", "Мүгедектер",
             "Жасы үлкен адамдар (50 жастан және одан жоғары), оның ішінде:", "Бүкіл жобаға қатысушылар саны",
             "Оның ішінде", "Жұмыссыздар", "Қоғамдық ұйымдардың өкілдері", "Бизнес-сектор өкілдері",
             "Басқа санаттар")
RU_SOCIAL = ("Общее количество участников проекта", "Дети (в том числе дети с инвалидностью)", "Молодежь",
             "Государственные служащие", "Работники бюджетных организаций", "Лица с инвалидностью",
             "Пожилые люди (от 50 лет и старше), в том числе:", "Общее количество участников проекта",
             "Из них", "Безработные", "Представители общественных организаций", "Представители бизнес-сектора",
             "Другие категории")
SOCIAL_KEYS = ("children", "youth", "civil_servants", "public_sector_workers", "disabled", "elderly")
SOCIAL_KEYS2 = ("unemployed", "ngo_representatives", "business", "other")


# Variety 2: the same columns under inflected labels (plural, possessive, case; Russian genitive)
GENDER_2 = ((("Жобаға қатысушылардың жалпы саны", "Қатысушылардың жалпы саны", "Жоба қатысушыларының саны, барлығы"),
             ("Всего участников проекта", "Количество участников, всего", "Общее число участников")),
            (("Ер адамдар", "Ерлер саны", "Ер азаматтар"), ("Мужчин", "Лица мужского пола", "Мужчины, чел.")),
            (("Әйел адамдар", "Әйелдер саны", "Әйел азаматтар"), ("Женщин", "Лица женского пола", "Женщины, чел.")))
SOCIAL_2 = {  # index in KK_SOCIAL / RU_SOCIAL -> (kk options, ru options)
    1: (("Балалар", "Балалар (оның ішінде мүгедектігі бар балалар)"), ("Дети", "Дети (в т.ч. дети с инвалидностью)")),
    2: (("Жастар өкілдері", "Жас азаматтар"), ("Представители молодежи", "Молодые люди")),
    3: (("Мемлекеттік қызметкерлер", "Мемлекеттік қызметшілердің саны"), ("Госслужащие", "Государственных служащих")),
    4: (("Бюджеттік ұйымдардың қызметкерлері", "Бюджеттік сала қызметкерлері"),
        ("Работники бюджетной сферы", "Сотрудники бюджетных организаций")),
    5: (("Мүгедектігі бар адамдар", "Мүгедектігі бар тұлғалар"), ("Люди с инвалидностью", "Лиц с инвалидностью")),
    6: (("Егде жастағы адамдар (50 жастан асқан), оның ішінде:", "Жасы үлкен азаматтар (50 жас және одан жоғары), оның ішінде:"),
        ("Граждане пожилого возраста (50 лет и старше), в том числе:", "Лица старше 50 лет, в том числе:")),
    9: (("Жұмыссыз азаматтар", "Жұмыссыздардың саны"), ("Безработные граждане", "Неработающие граждане")),
    10: (("ҮЕҰ өкілдері", "Үкіметтік емес ұйымдардың өкілдері"), ("Представители НПО", "Представители общественных объединений")),
    11: (("Кәсіпкерлер", "Бизнес өкілдері"), ("Предприниматели", "Представители бизнеса")),
    12: (("Өзге санаттар", "Басқалар"), ("Иные категории", "Прочие")),
}


def social_labels_2(doc: Doc, labels: tuple[str, ...], total: str) -> tuple[str, ...]:
    out = list(labels)
    out[0] = out[7] = total
    for i, options in SOCIAL_2.items():
        out[i] = doc.rng.choice(options[0 if doc.lang == "kk" else 1])
    return tuple(out)


def _age_label_2(key: str, lang: str, form: int) -> str:
    lo, _, hi = key.partition("-")
    if key.endswith("+"):
        n = key[:-1]
        return [f"{n} жас және одан жоғары", f"{n} және одан үлкен", f"{n} жастан бастап"][form] if lang == "kk" \
            else [f"{n} лет и более", f"от {n} лет и старше", f"{n}+ лет"][form]
    if lang == "kk":
        return [f"{lo}–{hi} жас аралығы", f"{lo}-{hi} жастағылар", f"{lo} жастан {hi} жасқа дейін"][form]
    return [f"от {lo} до {hi} лет", f"{lo}–{hi} лет", f"{lo}-{hi} года" if hi.endswith(("2", "3", "4")) and not hi.endswith(("12", "13", "14")) else f"{lo}-{hi} лет"][form]


def _age_label(key: str, lang: str) -> str:
    if key.endswith("+"):
        n = key[:-1]
        return f"{n} жас және жоғары" if lang == "kk" else f"{n} лет и старше"
    return f"{key} жас" if lang == "kk" else f"{key} лет"


def stats_tables(doc: Doc, g: Grant, project: str, gender_override=None, age_override=None) -> None:
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    zero = rng.choice(["-", "", "0", "-"])
    if zero != "-":
        doc.vary(f"stats_zero_as_{'blank' if zero == '' else 'zero'}")

    def cell(v):
        return str(v) if v else zero

    def count(v):
        return v if v else (0 if zero == "0" else None)

    def rec(dim, cat, v):
        doc.add("demographics", project=project, dimension=dim, category=cat, count=count(v))

    total, male, female = gender_override or g.gender
    mixed = kk and rng.random() < 0.3  # Kazakh report with the form's Russian table titles
    if mixed:
        doc.vary("russian_titles_in_kazakh_tables")
    t_gender = "Гендерлік көрсеткіш" if kk and not mixed else "Гендерный показатель"
    t_social = ("Әлеуметтік мәртебесі бойынша" if kk and not mixed else "Социальный статус по категориям")
    t_age = "Жас көрсеткіші" if kk and not mixed else "Возрастной показатель"
    title_in_table = rng.random() < 0.6
    v2 = doc.variety >= 2 and rng.random() < 0.7
    if v2:
        doc.vary("stats_inflected_labels")
    # gender
    head = (["Жобаға қатысушылардың саны барлығы", "Ерлер", "Әйелдер"] if kk
            else ["Общее количество участников проекта", "Мужчины", "Женщины"])
    if v2:
        head = [rng.choice(options[0 if kk else 1]) for options in GENDER_2]
    rows = [head, [str(total), cell(male), cell(female)]]
    if title_in_table:
        rows.insert(0, [t_gender, "", ""])
        doc.table(rows, [(0, 0, 0, 2)], bold_rows=(0, 1))
    else:
        doc.bold(t_gender)
        doc.table(rows, bold_rows=(0,))
    rec("gender", "total", total)
    rec("gender", "male", male)
    rec("gender", "female", female)
    # social status
    labels = KK_SOCIAL if kk else RU_SOCIAL
    if v2:
        labels = social_labels_2(doc, labels, head[0])
    s = g.social
    if rng.random() < 0.6:  # the form's two-level header, total repeated in the middle
        doc.vary("social_two_level_header")
        second_total = total if rng.random() < 0.5 else None
        head1 = list(labels[:9]) + ["", "", ""]
        head2 = [""] * 8 + list(labels[9:])
        vals = ([str(total)] + [cell(s[k]) for k in SOCIAL_KEYS] + [str(second_total) if second_total else zero]
                + [cell(s[k]) for k in SOCIAL_KEYS2])
        rows = [head1, head2, vals]
        merges = [(0, c, 1, c) for c in range(8)] + [(0, 8, 0, 11)]
        if title_in_table:
            rows.insert(0, [t_social] + [""] * 11)
            merges = [(0, 0, 0, 11)] + [(a + 1, b, c + 1, d) for a, b, c, d in merges]
        else:
            doc.bold(t_social)
        doc.table(rows, merges, bold_rows=(0, 1, 2) if title_in_table else (0, 1))
        rec("social_status", "total", total)
        for k in SOCIAL_KEYS:
            rec("social_status", k, s[k])
        doc.add("demographics", project=project, dimension="social_status", category="total",
                count=second_total if second_total else (0 if zero == "0" else None))
        for k in SOCIAL_KEYS2:
            rec("social_status", k, s[k])
    else:
        head = [labels[0]] + list(labels[1:6]) + [labels[6].split(",")[0].replace(" в том числе:", "")] + \
               list(labels[9:])
        vals = [str(total)] + [cell(s[k]) for k in SOCIAL_KEYS + SOCIAL_KEYS2]
        rows = [head, vals]
        if title_in_table:
            rows.insert(0, [t_social] + [""] * 10)
            doc.table(rows, [(0, 0, 0, 10)], bold_rows=(0, 1))
        else:
            doc.bold(t_social)
            doc.table(rows, bold_rows=(0,))
        rec("social_status", "total", total)
        for k in SOCIAL_KEYS + SOCIAL_KEYS2:
            rec("social_status", k, s[k])
    # age
    age = age_override or g.age
    if tuple(age) != AGES:
        doc.vary("age_other_brackets")
    head = [("Жобаға қатысушылардың саны барлығы" if kk else "Общее количество участников проекта")] + \
           [_age_label(k, lang) for k in age]
    if v2:
        form = rng.randrange(3)
        head = [rng.choice(GENDER_2[0][0 if kk else 1])] + [_age_label_2(k, lang, form) for k in age]
    vals = [str(total)] + [cell(v) for v in age.values()]
    rows = [head, vals]
    n = len(head)
    if title_in_table:
        rows.insert(0, [t_age] + [""] * (n - 1))
        doc.table(rows, [(0, 0, 0, n - 1)], bold_rows=(0, 1))
    else:
        doc.bold(t_age + ":")
        doc.table(rows, bold_rows=(0,))
    rec("age", "total", total)
    for k, v in age.items():
        rec("age", k, v)


# --- a project's report ---------------------------------------------------------------

KK_TASKS = ("Нысаналы топ арасында ақпараттық-түсіндіру жұмыстарын жүргізу",
            "Тақырып бойынша сарапшылар мен мамандарды тарта отырып іс-шаралар ұйымдастыру",
            "Ақпараттық-насихаттық материалдарды әзірлеу және тарату",
            "Жоба нәтижелерін әлеуметтік желілерде және БАҚ-та жариялау")
RU_TASKS = ("Проведение информационно-разъяснительной работы среди целевой группы",
            "Организация мероприятий с привлечением экспертов и специалистов по теме проекта",
            "Разработка и распространение информационно-пропагандистских материалов",
            "Освещение результатов проекта в социальных сетях и СМИ")


def project_report_body(doc: Doc, w: World, g: Grant, project: str, numbered: bool = True,
                        gender_override=None, age_override=None, out_of_period=None,
                        fractional=False) -> None:
    """Tasks with their events and indicator sentences, statistics, results."""
    lang, rng = doc.lang, doc.rng
    kk = lang == "kk"
    doc.bold("1. Сандық көрсеткіштерді келтіре отырып, әлеуметтік жобаның, әлеуметтік бағдарламаның барлық "
             "іс-шаралары бойынша жалпы ақпарат (іс-шараның күні, орны, тақырыбы мен нысаны, қатысушылар саны, "
             "жоспарланған іс-шаралардың орындалуының толықтығы):" if kk else
             "1. Общая информация по всем мероприятиям социального проекта, социальной программы с приведением "
             "количественных показателей (дата, место, тема и форма мероприятия, количество участников, полнота "
             "выполнения запланированных мероприятий):")
    tasks = KK_TASKS if kk else RU_TASKS
    task_fmt = rng.choice(["{n}-міндет.", "{n}. міндет.", "Міндет №{n}."] if kk else
                          ["Задача {n}.", "Задача №{n}.", "{n}-задача."])
    numbered = numbered and rng.random() < 0.3
    act_fmt = rng.choice(["{n}-іс-шара.", "№{n} әрекет."] if kk else ["Мероприятие {n}.", "Мероприятие №{n}."])
    # task 1: events
    doc.para((task_fmt.format(n=1) + " ", True), tasks[1] + ";")
    doc.para((act_fmt.format(n=1) + " ", True),
             ("Жоба аясында өңірдің елді мекендерінде кездесулер, семинарлар мен тренингтер өткізілді." if kk else
              "В рамках проекта в населенных пунктах области проведены встречи, семинары и тренинги."), prose=True)
    for i, e in enumerate(g.events):
        day = out_of_period if (out_of_period and i == len(g.events) - 1) else None
        line = event_line(doc, w, e, project, day_override=day)
        if numbered:
            doc.para((f"1.{i + 1}. ", True), line)
        else:
            doc.para(line)
    ms = meetings_sentence(doc, g, project)
    if ms:
        doc.para((act_fmt.format(n=2) + " ", True), ms)
    # task 2: materials, with indicator sentences
    doc.para((task_fmt.format(n=2) + " ", True), tasks[2] + ".")
    for k, s in enumerate(indicator_sentences(doc, w, g, project), start=1):
        doc.para((act_fmt.format(n=k) + " ", True), s)
    # task 3: study
    if g.study:
        n, pf = g.study
        f = n * pf / 100
        m = n - f
        if fractional:
            # shares of a count that does not divide: half persons, as the seed prints
            n = 300
            pf = 51
            f, m = 155.5, 144.5
        fs = (f"{f:g}".replace(".", ",") if not float(f).is_integer() else str(int(f)))
        ms_ = (f"{m:g}".replace(".", ",") if not float(m).is_integer() else str(int(m)))
        doc.para((task_fmt.format(n=3) + " ", True), tasks[0] + ".")
        indicator = "study_participants"
        if doc.variety >= 2:
            text, indicator = study_sentence_2(doc, n, pf, fs, ms_)
            doc.para(text)
        elif kk:
            doc.para(f"Әлеуметтік зерттеуге облыс бойынша {n} жас қатысты, оның {pf}%-ы әйел ({fs} адам), "
                     f"{100 - pf}%-ы ({ms_} адам) ер адам.")
        else:
            doc.para(f"В социологическом исследовании приняли участие {n} человек, из них {pf}% – женщины "
                     f"({fs} чел.), {100 - pf}% – мужчины ({ms_} чел.).")
        doc.add("indicators", project=project, name=indicator, value=float(n), unit="persons",
                place=None)
    doc.para(("Жоспарланған іс-шаралар толық көлемде орындалды, ауытқулар анықталған жоқ." if kk else
              "Запланированные мероприятия выполнены в полном объеме, отклонений не выявлено."), prose=True)
    doc.bold("2. Әлеуметтік жобаға, әлеуметтік бағдарламаға қатысушылар бөлінісінде статистикалық ақпарат:" if kk
             else "2. Статистическая информация в разрезе участников социального проекта, социальной программы:")
    stats_tables(doc, g, project, gender_override, age_override)
    doc.heading("3. Жоба нәтижелері:" if kk else "3. Результаты проекта:", 3)
    doc.para(("1) көрсетілген нысаналы топтар жобаны іске асыру барысында алған нақты нәтижелер: жоба "
              "қатысушылары тақырып бойынша білімін арттырып, кәсіби мамандардан кеңес алды." if kk else
              "1) конкретные результаты, полученные целевыми группами в ходе реализации проекта: участники "
              "повысили свою осведомленность и получили консультации специалистов."), prose=True)
    doc.para(("2) жобаның іске асыру барысында шешілетін проблемаға ұзақ мерзімді әсері: нысаналы топтың "
              "әлеуметтік белсенділігі артады." if kk else
              "2) долгосрочное влияние на решаемую проблему: повышение социальной активности целевой группы."),
             prose=True)


def study_sentence_2(doc: Doc, n: int, pf: int, fs: str, ms: str) -> tuple[str, str]:
    """Variety 2: shares and counts against a total stated in another form ("300 қатысушы арасында",
    "среди 500 участников", "сауалнамаға 400 адам қатысты"); returns the sentence and its indicator:
    a survey (сауалнама, опрос, анкетирование) counts `survey_respondents`, a study (зерттеу)
    `study_participants`, as data/labels/indicators.toml names them."""
    doc.vary("study_total_other_form")
    k = doc.rng.randrange(3)
    if doc.lang == "kk":
        return [f"{n} қатысушы арасында жүргізілген сауалнама бойынша олардың {pf}%-ы ({fs} адам) – әйелдер, "
                f"{100 - pf}%-ы ({ms} адам) – ерлер.",
                f"Сауалнамаға {n} адам қатысты: әйелдер – {pf}% ({fs} адам), ерлер – {100 - pf}% ({ms} адам).",
                f"Зерттеу {n} респондентті қамтыды, оның ішінде {fs} әйел ({pf}%) және {ms} ер адам ({100 - pf}%)."][k], \
            ("survey_respondents", "survey_respondents", "study_participants")[k]
    return [f"Среди {n} участников опроса женщины составили {pf}% ({fs} чел.), мужчины – {100 - pf}% ({ms} чел.).",
            f"В анкетировании приняли участие {n} человек: {pf}% ({fs}) – женщины, {100 - pf}% ({ms}) – мужчины.",
            f"Опросом охвачено {n} респондентов, из них {fs} женщин ({pf}%) и {ms} мужчин ({100 - pf}%)."][k], \
        "survey_respondents"


def event_out_of_period(g: Grant):
    return g.end + timedelta(days=12)
