"""Phase 1 (Verkennen): what the partners already knew, as they delivered it.

The corporation delivered its register of units and tenancies (and an update in September),
the rent arrears under the early-signalling covenant (about 8% of the households, refreshed
monthly), and the repair requests from its repair system (weekly). The neighbourhood team,
the municipality and the welfare organisation delivered which households they already
support. Every row points to the import run it came from.

Which records there are depends only on the seed; the register runs have fixed dates, the
rolling feeds (arrears, repairs) are dated relative to today like the contact log.
"""

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal

from voordeur.demo.residents import quota
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.households.models import Household, Tenancy
from voordeur.imports.models import ImportRun
from voordeur.places.models import Unit

# Households that moved in from this date on are newcomers: the phase-1 files predate them,
# so they get no arrears, repairs, caseload, referrals or promises in the demo.
SETTLED_BEFORE = dt.date(2026, 1, 1)
REGISTER_ON = dt.date(2025, 9, 15)
REGISTER_UPDATE_ON = dt.date(2026, 9, 14)
CASELOAD_ON = dt.date(2026, 2, 2)
ARREARS_FIRST_ON = dt.date(2026, 3, 2)
REPAIRS_FIRST_ON = dt.date(2026, 2, 16)
ARREARS_DAYS_AGO = 9  # the latest monthly arrears file
REPAIRS_DAYS_AGO = 2  # the latest weekly export of the repair system
BY_LABEL = "systeem (voordeur import)"

LEGAL_REGISTER = "huurovereenkomst"
LEGAL_UNITS = "eigendom en beheer van het complex"
LEGAL_ARREARS = "convenant vroegsignalering"
LEGAL_REPAIRS = "huurovereenkomst (onderhoudsplicht verhuurder)"
LEGAL_CASELOAD = "convenant gegevensdeling sociaal renoveren Nigerdreef (alleen het feit van ondersteuning)"

ARREARS_SHARE = 0.08
ARREARS_MONTHS = (1, 2, 3, 4, 5, 6)
ARREARS_MONTHS_WEIGHTS = (34, 26, 16, 11, 8, 5)
RENT_RANGE = (548, 735)  # euro per month, social rent for a 1968 gallery flat

UNIT_REPAIRS = {"leak": 6, "mould": 5, "heating": 5, "doors_locks": 3, "electrical": 2, "pests": 2,
                "nuisance": 2, "other": 3}
COMMON_REPAIRS = {"lift": 3, "cleaning": 3, "doors_locks": 2, "electrical": 2, "nuisance": 1, "pests": 1}
REPAIR_RECENT = (3, 45)  # reported this many days ago: a good share recently,
REPAIR_OLDER = (46, 330)  # the rest over the months before
REPAIR_RECENT_SHARE = 0.4

# source partner slug, households, of which still active
CASELOAD_SIZES = (("buurtteam-overvecht-noord", 6, 5), ("gemeente-utrecht", 4, 3), ("welzijn-overvecht-samen", 2, 2))


@dataclass
class Explored:
    runs: list[ImportRun] = field(default_factory=list)
    arrears: list[Arrears] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    repair_age: dict[int, int] = field(default_factory=dict)  # id(repair) -> days ago reported
    caseload: list[Caseload] = field(default_factory=list)
    settled_households: list[Household] = field(default_factory=list)  # register order

    def arrears_of(self, household: Household) -> Arrears | None:
        return next((row for row in self.arrears if row.household is household), None)

    def supported_by(self, slug: str, *, active_only: bool = True) -> list[Household]:
        return [row.household for row in self.caseload
                if row.partner.slug == slug and (row.active or not active_only)]


def settled(tenancies: list[Tenancy]) -> list[Household]:
    """Current households that moved in before SETTLED_BEFORE, in register order."""
    return [t.household for t in tenancies if t.end_date is None and t.start_date < SETTLED_BEFORE]


def _run(seed: int, complex_, source, kind: str, received_on: dt.date, file_name: str, legal_basis: str,
         rows: int, created: int, updated: int = 0, unchanged: int = 0) -> ImportRun:
    digest = hashlib.sha256(f"voordeur-demo:{seed}:{kind}:{file_name}".encode()).hexdigest()
    return ImportRun(kind=kind, complex=complex_, source_partner=source, legal_basis=legal_basis,
                     received_on=received_on, file_name=file_name, file_sha256=digest, rows=rows, created=created,
                     updated=updated, unchanged=unchanged, by_label=BY_LABEL)


def _register_runs(seed: int, complex_, corporation, units: list[Unit], tenancies: list[Tenancy]) -> list[ImportRun]:
    first = [t for t in tenancies if t.start_date <= REGISTER_ON]
    new = len(tenancies) - len(first)
    ended = sum(1 for t in first if t.end_date is not None and t.end_date > REGISTER_ON)
    return [
        _run(seed, complex_, corporation, "units", REGISTER_ON, f"vhe-nigerdreef-{REGISTER_ON}.csv", LEGAL_UNITS,
             len(units), len(units)),
        _run(seed, complex_, corporation, "tenancies", REGISTER_ON, f"huurders-nigerdreef-{REGISTER_ON}.csv",
             LEGAL_REGISTER, len(first), len(first)),
        _run(seed, complex_, corporation, "tenancies", REGISTER_UPDATE_ON,
             f"huurders-nigerdreef-{REGISTER_UPDATE_ON}.csv", LEGAL_REGISTER, len(tenancies), new, ended,
             len(first) - ended),
    ]


def _arrears(rng: random.Random, households: list[Household], tenancies: list[Tenancy], corporation,
             received_on: dt.date) -> list[Arrears]:
    """Arrears for ARREARS_SHARE of all current households, drawn from the settled ones."""
    current = {t.household.pk: t for t in tenancies if t.end_date is None}
    chosen = sorted(rng.sample(households, round(len(current) * ARREARS_SHARE)), key=lambda h: h.unit.unit_id)
    rows = []
    for household in chosen:
        months = rng.choices(ARREARS_MONTHS, weights=ARREARS_MONTHS_WEIGHTS)[0]
        rent = rng.randint(*RENT_RANGE)
        paid_share = rng.choice((1.0, 1.0, 0.85, 0.7, 0.55))  # part payments lower the arrears
        amount = (Decimal(rent) * months * Decimal(str(paid_share)) + Decimal(rng.randint(0, 99)) / 100)
        reminder = None
        if months > 1 or rng.random() < 0.5:
            reminder = (received_on - dt.timedelta(days=rng.randint(4, 35))).isoformat()
        rows.append(Arrears(tenancy=current[household.pk], household=household, source_partner=corporation,
                            received_on=received_on, legal_basis=LEGAL_ARREARS,
                            amount=f"{amount.quantize(Decimal('0.01'))}", months=months, last_reminder=reminder))
    return rows


def _repairs(rng: random.Random, complex_, portieken, households: list[Household], corporation,
             received_on: dt.date, today: dt.date) -> tuple[list[Repair], dict[int, int]]:
    planned = [(kind, True) for kind in quota(UNIT_REPAIRS, sum(UNIT_REPAIRS.values()))]
    planned += [(kind, False) for kind in quota(COMMON_REPAIRS, sum(COMMON_REPAIRS.values()))]
    drafts = []
    for kind, in_home in planned:
        age = rng.randint(*(REPAIR_RECENT if rng.random() < REPAIR_RECENT_SHARE else REPAIR_OLDER))
        household = rng.choice(households) if in_home else None
        portiek = household.unit.portiek if household else portieken[rng.choice(sorted(portieken))]
        drafts.append((age, kind, household, portiek, _repair_status(rng, age)))
    drafts.sort(key=lambda draft: -draft[0])  # numbered in the order they were reported
    number = rng.randrange(240_000, 250_000)
    repairs, ages = [], {}
    for age, kind, household, portiek, status in drafts:
        number += rng.randint(20, 240)  # the corporation's other complexes report in between
        repair = Repair(complex=complex_, portiek=portiek, unit=household.unit if household else None,
                        external_id=f"VZ-{number}", kind=kind, reported_on=today - dt.timedelta(days=age),
                        status=status, source_partner=corporation, received_on=received_on,
                        legal_basis=LEGAL_REPAIRS)
        repairs.append(repair)
        ages[id(repair)] = age
    return repairs, ages


def _repair_status(rng: random.Random, age: int) -> str:
    S = Repair.Status
    if age < 15:
        options = ((S.OPEN, 50), (S.IN_PROGRESS, 50))
    elif age <= 60:
        options = ((S.IN_PROGRESS, 35), (S.DONE, 55), (S.OPEN, 10))
    else:
        options = ((S.DONE, 87), (S.CANCELLED, 5), (S.OPEN, 8))
    return rng.choices([s for s, _ in options], weights=[w for _, w in options])[0]


def _caseload(rng: random.Random, households: list[Household], arrears: list[Arrears], partners) -> list[Caseload]:
    """Households a partner already supports; the municipality's partly among those in arrears."""
    in_arrears = [row.household for row in arrears]
    rows, taken = [], set()
    for slug, size, active in CASELOAD_SIZES:
        pool = [h for h in households if h.pk not in taken]
        if slug == "gemeente-utrecht":
            known = rng.sample([h for h in in_arrears if h.pk not in taken], 2)
            chosen = known + rng.sample([h for h in pool if h not in known], size - 2)
        else:
            chosen = rng.sample(pool, size)
        ended = set(h.pk for h in rng.sample(chosen, size - active))
        for household in sorted(chosen, key=lambda h: h.unit.unit_id):
            taken.add(household.pk)
            rows.append(Caseload(household=household, partner=partners[slug], active=household.pk not in ended,
                                 source_partner=partners[slug], received_on=CASELOAD_ON, legal_basis=LEGAL_CASELOAD))
    return rows


def build_exploring(rng: random.Random, seed: int, *, complex_, portieken, units: list[Unit],
                    tenancies: list[Tenancy], partners, corporation_slug: str, today: dt.date) -> Explored:
    """Create the phase-1 import runs, arrears, repairs and caseload (households must be saved)."""
    corporation = partners[corporation_slug]
    households = settled(tenancies)
    out = Explored(settled_households=households)
    out.runs = _register_runs(seed, complex_, corporation, units, tenancies)

    arrears_on = today - dt.timedelta(days=ARREARS_DAYS_AGO)
    out.arrears = _arrears(rng, households, tenancies, corporation, arrears_on)
    known_in_march = round(len(out.arrears) * 0.6)
    arrears_first = _run(seed, complex_, corporation, "arrears", ARREARS_FIRST_ON,
                         f"vroegsignalering-nigerdreef-{ARREARS_FIRST_ON}.csv", LEGAL_ARREARS,
                         known_in_march + 3, known_in_march + 3)
    arrears_latest = _run(seed, complex_, corporation, "arrears", arrears_on,
                          f"vroegsignalering-nigerdreef-{arrears_on}.csv", LEGAL_ARREARS, len(out.arrears),
                          len(out.arrears) - known_in_march, known_in_march)

    repairs_on = today - dt.timedelta(days=REPAIRS_DAYS_AGO)
    out.repairs, out.repair_age = _repairs(rng, complex_, portieken, households, corporation, repairs_on, today)
    in_first = sum(1 for r in out.repairs if r.reported_on <= REPAIRS_FIRST_ON)
    repairs_first = _run(seed, complex_, corporation, "repairs", REPAIRS_FIRST_ON,
                         f"reparatieverzoeken-{REPAIRS_FIRST_ON}.csv", LEGAL_REPAIRS, in_first, in_first)
    repairs_latest = _run(seed, complex_, corporation, "repairs", repairs_on, f"reparatieverzoeken-{repairs_on}.csv",
                          LEGAL_REPAIRS, len(out.repairs), len(out.repairs) - in_first, in_first)

    out.caseload = _caseload(rng, households, out.arrears, partners)
    caseload_runs = {
        slug: _run(seed, complex_, partners[slug], "caseload", CASELOAD_ON, f"caseload-{slug}-{CASELOAD_ON}.csv",
                   LEGAL_CASELOAD, size, size)
        for slug, size, _ in CASELOAD_SIZES
    }
    out.runs += [arrears_first, arrears_latest, repairs_first, repairs_latest, *caseload_runs.values()]
    ImportRun.objects.bulk_create(out.runs)

    for row in out.arrears:
        row.import_run = arrears_latest
    for row in out.repairs:
        row.import_run = repairs_latest
    for row in out.caseload:
        row.import_run = caseload_runs[row.partner.slug]
    Arrears.objects.bulk_create(out.arrears)
    Repair.objects.bulk_create(out.repairs)
    Caseload.objects.bulk_create(out.caseload)
    return out
