"""The residents behind the 174 home doors: households, tenancies and people.

About 95% of the homes are let; the corporation keeps the rest vacant ahead of the
renovation. Some homes changed hands in recent years, so their earlier household is kept
with an ended tenancy. Languages, household sizes and ages follow a flat like this one:
many single and elderly Dutch tenants, larger Turkish, Moroccan and Somali families, young
Eritrean and Afghan newcomers. All dates are fixed (they do not depend on today).
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import NamedTuple

from voordeur.demo import names
from voordeur.households.models import Household, Person, Tenancy
from voordeur.places.models import Unit

LANGUAGE_SHARES: dict[str, int] = {
    "nl": 45, "tr": 12, "ar": 11, "ber": 9, "pl": 5, "so": 5, "ti": 4, "en": 3, "fa": 2, "uk": 2, "pap": 2,
}
INTERPRETER_CHANCE: dict[str, float] = {
    "tr": 0.35, "ar": 0.5, "ber": 0.55, "pl": 0.4, "so": 0.45, "ti": 0.7, "fa": 0.5, "uk": 0.45,
}
VACANT_SHARE = 0.05
PREVIOUS_TENANCY_SHARE = 0.15
NOTES_SHARE = 0.07
LAST_START = dt.date(2026, 9, 1)  # the newest tenancy in the register
CHILDREN_BORN_FROM = 1996  # children living at home are at most about 30

PROFILES = ("elderly_single", "single", "elderly_couple", "couple", "family", "single_parent", "extended")
PROFILE_WEIGHTS: dict[str, tuple[int, ...]] = {
    "settled": (30, 30, 12, 8, 8, 10, 2),  # nl
    "families": (8, 12, 14, 8, 40, 15, 3),  # tr, ber, ar, so
    "newcomers": (2, 35, 2, 12, 32, 15, 2),  # ti, fa, uk, pl
    "mixed": (5, 40, 3, 15, 15, 20, 2),  # en, pap
}
PROFILE_GROUP = {"nl": "settled", "tr": "families", "ber": "families", "ar": "families", "so": "families",
                 "ti": "newcomers", "fa": "newcomers", "uk": "newcomers", "pl": "newcomers"}
KIDS_WEIGHTS = (30, 30, 20, 12, 8)  # 1..5 children in a two-parent family
BEST_TIMES: dict[str, tuple[tuple[str, int], ...]] = {
    "elderly": (("morning", 40), ("afternoon", 40), ("evening", 5), ("weekend", 5), ("", 10)),
    "family": (("evening", 35), ("afternoon", 25), ("morning", 10), ("weekend", 15), ("", 15)),
    "single": (("evening", 30), ("afternoon", 20), ("morning", 15), ("weekend", 15), ("", 20)),
}
NOTES = (
    "Hondenbezitter; bel eerst aan bij de buren.",
    "Bel bij voorkeur na 10.00 uur.",
    "Voordeurbel doet het niet; graag kloppen.",
    "Naam staat niet op de bel.",
    "Werkt in ploegendienst; overdag vaak niet thuis.",
    "Heeft een kat; deur niet lang open laten staan.",
    "Liever eerst een brief, daarna een bezoek.",
    "Actief in de bewonerscommissie.",
    "Wil graag meedenken over het groen rond de flat.",
    "Bezoek graag vooraf aankondigen.",
    "Op woensdagmiddag oppas voor de kleinkinderen.",
    "Fietst veel; fiets staat vaak op de galerij.",
)


@dataclass
class Residents:
    households: list[Household] = field(default_factory=list)
    tenancies: list[Tenancy] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    current: list[Household] = field(default_factory=list)  # households living there now
    vacant: list[Unit] = field(default_factory=list)


def quota(shares: dict[str, int], n: int) -> list[str]:
    """n labels in exact proportion to shares (largest remainder), in a fixed order."""
    total = sum(shares.values())
    exact = {key: n * share / total for key, share in shares.items()}
    counts = {key: int(value) for key, value in exact.items()}
    by_remainder = sorted(shares, key=lambda key: (-(exact[key] - counts[key]), key))
    for key in by_remainder[: n - sum(counts.values())]:
        counts[key] += 1
    return [key for key in shares for _ in range(counts[key])]


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([key for key, _ in pairs], weights=[w for _, w in pairs])[0]


def _month_start(rng: random.Random, low: int, high: int, latest: dt.date = LAST_START) -> dt.date:
    year = rng.randint(low, max(low, high))
    start = dt.date(year, rng.randint(1, 12), 1)
    return min(start, latest)


class _Contacts:
    """Unique synthetic phone numbers (06-1xxxxxxx) and @example.org addresses."""

    def __init__(self, rng: random.Random):
        self.rng, self.phones, self.emails = rng, set(), set()

    def phone(self) -> str:
        while (number := f"06-1{self.rng.randrange(10**7):07d}") in self.phones:
            pass
        self.phones.add(number)
        return number

    def email(self, name: names.Name) -> str:
        stem = f"{names.ascii_slug(name.first)}.{names.ascii_slug(name.last)}"
        address, n = f"{stem}@example.org", 1
        while address in self.emails:
            n += 1
            address = f"{stem}{n}@example.org"
        self.emails.add(address)
        return address


class Member(NamedTuple):
    name: names.Name
    relation: str
    born: int
    language: str


def _members(rng: random.Random, book: names.NameBook, profile: str, language: str, born: int) -> list[Member]:
    """The people of one household: the tenant first, then a partner, children, others."""
    if profile in ("elderly_couple", "couple", "family"):
        wife_born = min(born + rng.randint(-6, 3), 2003)
        husband = names.adult(rng, book, "m", born)
        wife = names.spouse(rng, book, husband, wife_born)
        relation = Person.Relation.CO_TENANT if rng.random() < 0.4 else Person.Relation.PARTNER
        couple = [Member(husband, Person.Relation.TENANT, born, language),
                  Member(wife, relation, wife_born, language)]
        if rng.random() < 0.4:  # the wife is the main tenant
            couple = [couple[1]._replace(relation=Person.Relation.TENANT), couple[0]._replace(relation=relation)]
        members, father, mother_born = couple, husband, wife_born
    else:
        sex = "f" if rng.random() < {"elderly_single": 0.65, "single_parent": 0.85}.get(profile, 0.4) else "m"
        tenant = names.adult(rng, book, sex, born)
        members = [Member(tenant, Person.Relation.TENANT, born, language)]
        father = tenant if sex == "m" else names.adult(rng, book, "m", born)
        mother_born = born

    taken = {member.name.first for member in members} | {father.first}
    extended = profile == "extended"
    for year in _birth_years(rng, _children(rng, profile), mother_born, adults_too=extended):
        name = _child_name(rng, book, year, father, taken)
        members.append(Member(name, Person.Relation.CHILD, year, "nl" if year <= 2020 else language))
    if extended and rng.random() < 0.5:  # and a grandchild
        parent = members[-1]
        year = rng.randint(max(parent.born + 20, 2005), 2024)
        members.append(Member(_child_name(rng, book, year, parent.name, taken), Person.Relation.OTHER, year, "nl"))
    return members


def _child_name(rng: random.Random, book: names.NameBook, year: int, father: names.Name, taken: set[str]) -> names.Name:
    """A child's name whose first name no one else in the household has."""
    for _ in range(20):
        name = names.child(rng, book, rng.choice("mf"), year, father)
        if name.first not in taken:
            break
    taken.add(name.first)
    return name


def _birth_years(rng: random.Random, count: int, mother_born: int, *, adults_too: bool) -> list[int]:
    """Children's birth years, eldest first, within 12 years of each other. Unless adults_too,
    the eldest was born from CHILDREN_BORN_FROM on: older children have left home."""
    if not count:
        return []
    last = min(mother_born + 44, 2026)
    low = mother_born + 20 if adults_too else max(mother_born + 20, CHILDREN_BORN_FROM)
    low = min(low, last)
    eldest = rng.randint(low, max(low, min(mother_born + 38, last)))
    return [eldest, *sorted(rng.randint(eldest, min(eldest + 12, last)) for _ in range(count - 1))]


def _children(rng: random.Random, profile: str) -> int:
    if profile == "family":
        return rng.choices(range(1, 6), weights=KIDS_WEIGHTS)[0]
    if profile == "single_parent":
        return rng.randint(1, 4)
    return 1 if profile == "extended" else 0  # an adult son or daughter living with an elderly parent


def _household(
    rng: random.Random, contacts: _Contacts, unit: Unit, language: str
) -> tuple[Household, list[Person], dt.date]:
    """One current household, its people, and the start of its tenancy."""
    book = names.book_for(rng, language)
    profile = rng.choices(PROFILES, weights=PROFILE_WEIGHTS[PROFILE_GROUP.get(language, "mixed")])[0]
    elderly = profile.startswith("elderly") or profile == "extended"
    born = rng.randint(1936, 1958) if elderly else rng.randint(1962, 2003)
    members = _members(rng, book, profile, language, born)
    tenant = members[0]
    has_children = any(member.relation == Person.Relation.CHILD for member in members)
    household = Household(
        unit=unit, name=_household_name(members), language=language,
        interpreter_needed=language in INTERPRETER_CHANCE
        and rng.random() < INTERPRETER_CHANCE[language] + (0.15 if elderly else 0.0),
        best_time=_weighted(rng, BEST_TIMES["elderly" if elderly else "family" if has_children else "single"]),
        phone=contacts.phone() if rng.random() < (0.8 if elderly else 0.92) else "",
    )
    if rng.random() < (0.25 if elderly else 0.6 if language == "nl" else 0.45):
        household.email = contacts.email(tenant.name)
    people = [
        Person(household=household, name=member.name.full, relation=member.relation, birth_year=member.born,
               language=member.language,
               phone=household.phone if member is tenant else _own_phone(rng, contacts, member))
        for member in members
    ]
    # Families mostly moved in around when their first child was born; others any time as adults.
    oldest_child = min((m.born for m in members if m.relation == Person.Relation.CHILD), default=tenant.born + 32)
    start = _month_start(rng, max(1969, tenant.born + 20, min(oldest_child, tenant.born + 30) - 2), 2026)
    return household, people, start


def _own_phone(rng: random.Random, contacts: _Contacts, member: Member) -> str:
    return contacts.phone() if member.born <= 2008 and rng.random() < 0.4 else ""


def _household_name(members: list[Member]) -> str:
    tenant = members[0].name
    couple = (Person.Relation.PARTNER, Person.Relation.CO_TENANT)
    other = next((member.name for member in members[1:] if member.relation in couple), None)
    if other is None:
        return tenant.full
    if other.last == tenant.last:
        return f"{tenant.first} en {other.first} {tenant.last}"
    return f"{tenant.full} en {other.full}"


def _former(rng: random.Random, unit: Unit, ended: dt.date) -> tuple[Household, Person, dt.date]:
    """A household that moved away (no contact details kept), and its tenancy start."""
    language = rng.choices(list(LANGUAGE_SHARES), weights=list(LANGUAGE_SHARES.values()))[0]
    born = rng.randint(1930, 1990)
    tenant = names.adult(rng, names.book_for(rng, language), rng.choice("mf"), born)
    start = _month_start(rng, max(1969, born + 20), ended.year - 2, latest=ended - dt.timedelta(days=365))
    household = Household(unit=unit, name=tenant.full, language=language)
    return household, Person(household=household, name=tenant.full, birth_year=born, language=language), start


def build_residents(rng: random.Random, homes: list[Unit], corporation) -> Residents:
    out = Residents()
    contacts = _Contacts(rng)
    vacant = set(unit.unit_id for unit in rng.sample(homes, round(len(homes) * VACANT_SHARE)))
    let = [unit for unit in homes if unit.unit_id not in vacant]
    languages = quota(LANGUAGE_SHARES, len(let))
    rng.shuffle(languages)
    changed = set(unit.unit_id for unit in rng.sample(let, round(len(let) * PREVIOUS_TENANCY_SHARE)))
    notes = iter(rng.sample(NOTES, len(NOTES)))
    noted = set(unit.unit_id for unit in rng.sample(let, min(len(NOTES), round(len(let) * NOTES_SHARE))))
    tenancies: list[tuple[Unit, Household, dt.date, dt.date | None]] = []

    for unit in homes:
        if unit.unit_id in vacant:
            ended = _month_end(rng, dt.date(2025, 3, 1), dt.date(2026, 9, 1))
            former, person, start = _former(rng, unit, ended)
            out.households.append(former)
            out.people.append(person)
            tenancies.append((unit, former, start, ended))
            out.vacant.append(unit)
            continue
        household, persons, start = _household(rng, contacts, unit, languages.pop())
        if unit.unit_id in noted:
            household.notes = next(notes)
        if unit.unit_id in changed:
            start = max(start, _month_start(rng, 2016, 2026))
            former, person, former_start = _former(rng, unit, start - dt.timedelta(days=1))
            out.households.append(former)
            out.people.append(person)
            tenancies.append((unit, former, former_start, start - dt.timedelta(days=1)))
        out.households.append(household)
        out.current.append(household)
        out.people.extend(persons)
        tenancies.append((unit, household, start, None))

    for household in out.households:
        household.created_by_partner = corporation
    tenancies.sort(key=lambda row: (row[2], row[0].unit_id))
    out.tenancies = [
        Tenancy(unit=unit, household=household, tenancy_id=f"T-{number:05d}", start_date=start, end_date=end)
        for number, (unit, household, start, end) in enumerate(tenancies, start=1)
    ]
    return out


def _month_end(rng: random.Random, earliest: dt.date, latest: dt.date) -> dt.date:
    """The last day of a month between earliest and latest (tenancies end at month end)."""
    months = (latest.year - earliest.year) * 12 + latest.month - earliest.month
    first = dt.date(earliest.year, earliest.month, 1)
    offset = rng.randint(1, months)
    year, month = first.year + (first.month - 1 + offset) // 12, (first.month - 1 + offset) % 12 + 1
    return dt.date(year, month, 1) - dt.timedelta(days=1)
