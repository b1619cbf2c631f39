"""The persona world's partner data: arrears, repairs and caseload (phase 1, Verkennen).

Kept apart from tests/personas.py; `build_world` calls `add_exploring`. Arrears are own for
own-read roles through household links only; caseload through household links and the
supporting partner (its `partner_id` fact).
"""

import datetime as dt

from tests.personas import OTHER, OURS, World
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.households.models import Household, Tenancy
from voordeur.places.models import Complex, Portiek, Unit

RECEIVED = dt.date(2026, 1, 15)
# household label -> (amount, months, last reminder)
ARREARS = {"h1": ("412.50", 2, "2025-12-01"), "h3": ("95.00", 1, None), "h4": ("1250.00", 5, "2025-11-20"),
           "o1": ("300.00", 2, None)}
# (household label, supporting partner key, active)
CASELOAD = [("h1", "nbh", True), ("h5", "debt", True), ("h6", "welfare", False), ("o1", "other_welfare", True)]


def _provenance(world: World, slug: str) -> dict:
    corporation = "corp" if slug == OURS else "other_corp"
    return {"source_partner_id": world.partners[corporation], "received_on": RECEIVED,
            "legal_basis": "convenant vroegsignalering"}


def add_exploring(world: World) -> None:
    for label, (amount, months, reminder) in ARREARS.items():
        slug = OTHER if label.startswith("o") else OURS
        household = world.households[label]
        tenancy = Tenancy.objects.get(household_id=household)
        arrears = Arrears.objects.create(tenancy=tenancy, household_id=household, amount=amount, months=months,
                                         last_reminder=reminder, **_provenance(world, slug))
        world.add(arrears, {slug}, household_id=household)
    for label, partner_key, active in CASELOAD:
        slug = OTHER if label.startswith("o") else OURS
        household = world.households[label]
        caseload = Caseload.objects.create(household_id=household, partner_id=world.partners[partner_key],
                                           active=active, since=dt.date(2025, 9, 1), **_provenance(world, slug))
        world.add(caseload, {slug}, household_id=household, partner_id=world.partners[partner_key])
    for slug in (OURS, OTHER):
        cplx = Complex.objects.get(pk=Household.objects.get(pk=world.households["h1" if slug == OURS else "o1"])
                                   .unit.complex_id)
        unit = Unit.objects.filter(complex=cplx).order_by("unit_id").first()
        portiek = Portiek.objects.filter(complex=cplx).order_by("code").first()
        for n, (where, kind) in enumerate(((unit, Repair.Kind.LEAK), (None, Repair.Kind.LIFT))):
            repair = Repair.objects.create(
                complex=cplx, unit=where, portiek=unit.portiek if where else portiek, external_id=f"M-{slug}-{n}",
                kind=kind, reported_on=dt.date(2026, 1, 10 + n), status=Repair.Status.OPEN, **_provenance(world, slug))
            world.add(repair, {slug})


def grow_arrears(pin, n: int) -> None:
    """n more arrears the query-count pin user sees (tests/api/test_query_counts.py)."""
    for _ in range(n):
        household = pin.household()
        Arrears.objects.create(tenancy=household.tenancies.get(), household=household, amount="10.00", months=1,
                               last_reminder=None, source_partner=pin.partner, received_on=RECEIVED,
                               legal_basis="convenant vroegsignalering")


def grow_repairs(pin, n: int) -> None:
    for i in range(n):
        unit = pin.unit()
        Repair.objects.create(complex=pin.complex, unit=unit, portiek=unit.portiek, external_id=f"PIN-M-{unit.pk}-{i}",
                              kind=Repair.Kind.MOULD, reported_on=RECEIVED, source_partner=pin.partner,
                              received_on=RECEIVED, legal_basis="huurovereenkomst")


def grow_caseload(pin, n: int) -> None:
    for _ in range(n):
        Caseload.objects.create(household=pin.household(), partner=pin.partner, source_partner=pin.partner,
                                received_on=RECEIVED, legal_basis="convenant sociaal renoveren")
