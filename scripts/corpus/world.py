"""The facts behind one document, drawn before any of it is printed.

A `World` is what really happened (region, customer, grants, events,
participants); the generators in `corpus.docs` print it in one language with
random wording, and write the truth from the world, not from the print.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from corpus import fmt
from corpus.vocab import (CENTRE_KK_CITY, CENTRE_RU_CITY, CUSTOMERS, DIRECTIONS, FEMALE, INTL_PARTNERS,
                          MALE, NGO_FORMS, NGO_NAMES, OPERATORS, PARTNERS, PROJECT_BRANDS, REGIONS,
                          RU_PATRONYMIC, RU_SPELL, SEMINAR_TITLES, SPEAKER_ROLES, SPHERES, STREETS,
                          SURNAMES, VENUES, CENTRE_RU, Place, Region)

D0 = Decimal("0.00")


@dataclass
class Person:
    surname: str
    name: str
    father: str
    female: bool

    def full(self, lang: str) -> str:
        """Surname Name Patronymic, spelled for the language."""
        sur = self.surname + ("а" if self.female else "")
        if lang == "kk":
            return f"{sur} {self.name} {self.father}{'қызы' if self.female else 'ұлы'}"
        pat = RU_PATRONYMIC.get(self.father, self.father + "ович")
        if self.female:
            pat = pat[:-4] + "овна" if pat.endswith("ович") else pat
        return f"{sur} {self.name} {pat}".translate(RU_SPELL)

    def short(self, lang: str) -> str:
        """Name Surname, as speakers are named in event lines."""
        sur = self.surname + ("а" if self.female else "")
        text = f"{self.name} {sur}"
        return text if lang == "kk" else text.translate(RU_SPELL)

    def initials(self, lang: str) -> str:
        sur = self.surname + ("а" if self.female else "")
        text = f"{self.name[0]}. {sur}"
        return text if lang == "kk" else text.translate(RU_SPELL)


def person(rng: random.Random) -> Person:
    female = rng.random() < 0.55
    return Person(rng.choice(SURNAMES), rng.choice(FEMALE if female else MALE), rng.choice(MALE), female)


@dataclass
class Event:
    day: date
    time: str | None
    place: Place | None
    venue: tuple | None  # a VENUES entry
    speakers: list[Person]
    title: tuple | None  # a SEMINAR_TITLES entry
    form: str            # meeting | seminar | training


@dataclass
class PartnerOrg:
    code: str | None
    name_kk: str
    name_ru: str
    leader: Person | None
    phone: tuple[str, str] | None
    note: bool
    international: bool = False


@dataclass
class Grant:
    row: int
    direction: tuple[str, str]
    brand: str | None
    ngo: str
    code: str
    leader: Person
    phone: tuple[str, str]
    street: tuple[str, str]
    house: int
    office: int
    contract_no: str
    contract_date: date
    grant: Decimal
    savings: Decimal
    start: date
    end: date
    events: list[Event] = field(default_factory=list)
    indicators: list[tuple] = field(default_factory=list)  # (name, value, place or None)
    gender: tuple[int, int, int] = (0, 0, 0)
    social: dict[str, int | None] = field(default_factory=dict)
    age: dict[str, int | None] = field(default_factory=dict)
    partners: list[PartnerOrg] = field(default_factory=list)
    study: tuple[int, int] | None = None  # (participants, percent female)

    @property
    def disbursed(self) -> Decimal:
        return self.grant - self.savings


@dataclass
class World:
    lang: str
    year: int
    region: Region
    customer: tuple[str, str]
    operator: tuple[str, str]
    sphere: tuple[str, str]
    announce: date
    deadline: date
    decision: date
    report_date: date
    signatory: Person
    grants: list[Grant]
    applications: list[int]   # per direction of `grants`
    applicant_ngos: int
    losers: int               # applications that did not win (competition results)


SOCIAL = ("children", "youth", "civil_servants", "public_sector_workers", "disabled", "elderly",
          "unemployed", "ngo_representatives", "business", "other")
AGES = ("13-16", "17-22", "23-27", "28-32", "33-45", "46-58", "59+")
ALT_AGES = ("14-18", "19-29", "30-45", "46-62", "63+")


def split(rng: random.Random, total: int, k: int, zero_share: float = 0.3) -> list[int]:
    """total split into k non-negative parts, some exactly zero."""
    live = [i for i in range(k) if rng.random() > zero_share] or [rng.randrange(k)]
    cuts = sorted(rng.randint(0, total) for _ in range(len(live) - 1))
    parts = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    out = [0] * k
    for i, v in zip(live, parts):
        out[i] = v
    return out


def amount(rng: random.Random, lo: int, hi: int) -> Decimal:
    """A grant sum: round most of the time, as budgets are."""
    r = rng.random()
    if r < 0.55:
        v = rng.randint(lo // 500_000, hi // 500_000) * 500_000
    elif r < 0.85:
        v = rng.randint(lo // 50_000, hi // 50_000) * 50_000
    else:
        v = rng.randint(lo, hi)
    return Decimal(v).quantize(Decimal("0.01"))


def _events(rng: random.Random, region: Region, start: date, end: date, n: int) -> list[Event]:
    days = sorted(rng.sample(range((end - start).days + 1), n))
    out = []
    for d in days:
        form = rng.choice(["meeting", "meeting", "seminar", "training"])
        place = rng.choice(region.places)
        out.append(Event(
            day=start + timedelta(days=d),
            time=rng.choice([None, None, "10:00", "11:00", "14:00", "15:30", "16:00"]),
            place=place, venue=rng.choice(VENUES) if rng.random() < 0.7 else None,
            speakers=[person(rng) for _ in range(rng.choice([0, 1, 1, 1, 2]))],
            title=rng.choice(SEMINAR_TITLES) if form != "meeting" else None, form=form))
    return out


def _partners(rng: random.Random, k: int) -> list[PartnerOrg]:
    out = []
    for code, kk, ru in rng.sample(PARTNERS, k):
        out.append(PartnerOrg(code, kk, ru, person(rng), fmt.phone(rng), note=rng.random() < 0.3))
    if rng.random() < 0.2:
        kk, ru = rng.choice(INTL_PARTNERS)
        out.append(PartnerOrg(None, kk, ru, person(rng), fmt.phone(rng), note=False, international=True))
    return out


def draw(rng: random.Random, lang: str, n_grants: int, rich: bool = True) -> World:
    year = rng.choice([2020, 2021, 2022, 2023, 2023, 2024])
    region = rng.choice(REGIONS)
    announce = date(year, rng.choice([1, 2]), rng.randint(1, 28))
    deadline = announce + timedelta(days=rng.choice([14, 21, 30]))
    decision = deadline + timedelta(days=rng.randint(10, 25))
    contract_day = decision + timedelta(days=rng.randint(5, 20))
    report = rng.choice([date(year, 12, rng.randint(10, 28)), date(year + 1, 1, rng.randint(10, 25))])
    directions = rng.sample(DIRECTIONS, n_grants)
    ngos = rng.sample(NGO_NAMES, n_grants)
    used = set()
    grants = []
    for i, (direction, ngo) in enumerate(zip(directions, ngos), start=1):
        grant = amount(rng, 1_500_000, 25_000_000)
        savings = D0 if rng.random() < 0.5 else Decimal(rng.randint(8_000, 350_000)).quantize(Decimal("0.01"))
        start = date(year, rng.randint(3, 5), 1) + timedelta(days=rng.choice([0, 0, 9, 14]))
        end = date(year, rng.randint(10, 11), 30) if rng.random() < 0.7 else date(year, 12, 1)
        no = rng.randint(10, 240)
        while no in used:
            no += 1
        used.add(no)
        no_text = str(no) if rng.random() < 0.85 else f"{no}-ГР"
        g = Grant(row=i, direction=direction, brand=rng.choice(PROJECT_BRANDS) if rng.random() < 0.45 else None,
                  ngo=ngo, code=rng.choice(NGO_FORMS), leader=person(rng), phone=fmt.phone(rng),
                  street=rng.choice(STREETS), house=rng.randint(1, 140), office=rng.randint(1, 60),
                  contract_no=no_text, contract_date=contract_day, grant=grant, savings=savings,
                  start=start, end=end)
        if rich:
            g.events = _events(rng, region, start, end, rng.randint(1, 5))
            total = rng.choice([40, 50, 60, 80, 100, 120, 150, 200, 250, 300, 450])
            male = rng.randint(total // 5, total * 4 // 5)
            g.gender = (total, male, total - male)
            g.social = dict(zip(SOCIAL, split(rng, total, len(SOCIAL), 0.45)))
            brackets = AGES if rng.random() < 0.8 else ALT_AGES
            g.age = dict(zip(brackets, split(rng, total, len(brackets), 0.25)))
            g.partners = _partners(rng, rng.randint(1, 3))
            if rng.random() < 0.4:
                g.study = (rng.choice([100, 200, 300, 400, 500]), rng.randint(35, 65))
        grants.append(g)
    apps = [rng.randint(1, 4) for _ in grants]
    losers = sum(apps) - len(grants)
    applicant_ngos = len(grants) + max(0, losers - rng.randint(0, losers // 2 if losers else 0))
    cust = rng.choice(CUSTOMERS)
    customer = (f"{region.kk_gen} {cust[0]}", f"{cust[1]} {region.ru_gen}")
    return World(lang=lang, year=year, region=region, customer=customer, operator=rng.choice(OPERATORS),
                 sphere=rng.choice(SPHERES), announce=announce, deadline=deadline, decision=decision,
                 report_date=report, signatory=person(rng), grants=grants, applications=apps,
                 applicant_ngos=applicant_ngos, losers=losers)


def address(g: Grant, region: Region, lang: str) -> str:
    if lang == "kk":
        return f"{CENTRE_KK_CITY[region.centre]}, {g.street[0]}, {g.house}-үй, {g.office}-кеңсе"
    return f"{CENTRE_RU_CITY[region.centre]}, {g.street[1]}, д. {g.house}, оф. {g.office}"


def fill(template: str, region: Region, lang: str) -> str:
    return template.format(R=region.kk_gen, S=region.kk.rsplit(" ", 1)[0], r=region.ru_gen, C=CENTRE_KK_CITY[region.centre].split()[0],
                           Cr=CENTRE_RU[region.centre])
