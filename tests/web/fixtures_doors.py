"""Fixtures for the door-grid tests: flats of any size (used to pin query counts)."""

import datetime as dt

import pytest

from voordeur.accounts.models import Membership, Partner, User
from voordeur.households.models import Household, Person, Tenancy
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.trajectories.models import Trajectory


@pytest.fixture
def doors_flat(db):
    """A flat of `floors` x `per_floor` doors, most of them lived in, and a broker member of it."""
    corp = Partner.objects.create(slug="doors-corp", name="Doors Corporatie", kind=Partner.Kind.CORPORATION)
    welfare = Partner.objects.create(slug="doors-welfare", name="Doors Welzijn", kind=Partner.Kind.WELFARE)
    languages = ["nl", "tr", "ar", "ber", "pl", "so", "ti", "en", "ku", ""]

    def make(slug: str, floors: int, per_floor: int) -> tuple[User, Trajectory]:
        cplx = Complex.objects.create(slug=slug, name=f"Flat {slug}", corporation=corp)
        trajectory = Trajectory.objects.create(slug=slug, name=f"Traject {slug}", complex=cplx)
        portieken = [Portiek.objects.create(complex=cplx, code=c) for c in ("A", "B")]
        units = Unit.objects.bulk_create(
            Unit(complex=cplx, portiek=portieken[n % 2], unit_id=f"{slug}-{f}-{n}", floor=f, street="Dreef",
                 number=f * 100 + n + 1, postcode="3563 AA", city="Utrecht",
                 kind=Unit.Kind.DAY_ROOM if (f, n) == (0, 0) else Unit.Kind.HOME)
            for f in range(floors) for n in range(per_floor)
        )
        lived_in = [unit for i, unit in enumerate(units) if i % 5 != 4 and unit.kind == Unit.Kind.HOME]
        households = Household.objects.bulk_create(
            Household(unit=unit, name=f"Fam. {unit.unit_id}", language=languages[i % len(languages)])
            for i, unit in enumerate(lived_in)
        )
        Tenancy.objects.bulk_create(
            Tenancy(unit=h.unit, household=h, tenancy_id=f"T-{h.unit.unit_id}", start_date=dt.date(2020, 1, 1))
            for h in households
        )
        Person.objects.bulk_create(
            Person(household=h, name=f"P{h.pk}-{k}", birth_year=1980) for i, h in enumerate(households)
            for k in range(1 + i % 6)
        )
        user = User.objects.create(username=f"broker-{slug}", role="broker", partner=welfare)
        Membership.objects.create(user=user, trajectory=trajectory)
        return user, trajectory

    return make
