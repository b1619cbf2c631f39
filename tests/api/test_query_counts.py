"""Query-count pins: every API list costs the same number of queries for 3 records as for 30.

Each list route is taken from the URL resolver; a route whose model has no factory here
fails, naming it. The persona reading the list is the first role with full (not own-only)
read on the route's primary category, in a trajectory of its own.
"""

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.access.routes import Kind, Route, api_routes
from tests.auth import login_verified
from tests.personas_consent import grow_proposals, grow_responses
from tests.personas_visits import grow_life_domains, grow_opportunities, grow_visits
from tests.personas_safety import grow_crime_signals
from tests.personas_referrals import grow_promises, grow_referrals
from tests.personas_exploring import grow_arrears, grow_caseload, grow_repairs
from tests.personas_works import grow_planned_units, grow_works_needs
from voordeur.access.policy import POLICY, Level, Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.consent.models import Proposal, Response
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.safety.models import CrimeSignal
from voordeur.referrals.models import Promise, Referral
from voordeur.trajectories.models import PhasePlan, Trajectory, TrajectoryPartner
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit
from voordeur.works.models import PlannedUnit, WorksNeeds

LIST_ROUTES = [route for route in api_routes() if route.kind is Kind.LIST]
_serial = itertools.count(1)


@dataclass
class Pin:
    user: User
    partner: Partner
    trajectory: Trajectory
    complex: Complex
    portieken: list[Portiek]

    def unit(self) -> Unit:
        n = next(_serial)
        return Unit.objects.create(complex=self.complex, portiek=self.portieken[n % 2], unit_id=f"PIN-{n:05d}",
                                   floor=n % 9, street="Pinstraat", number=n, postcode="3500 AA", city="Utrecht")

    def household(self) -> Household:
        unit = self.unit()
        household = Household.objects.create(unit=unit, name=f"Pin {unit.number}", phone="0301234567")
        Tenancy.objects.create(unit=unit, household=household, tenancy_id=f"PT-{unit.number}",
                               start_date=dt.date(2020, 1, 1))
        for relation in (Person.Relation.TENANT, Person.Relation.CHILD):
            Person.objects.create(household=household, name=f"Pin persoon {unit.number}", relation=relation)
        return household


def _trajectories(pin: Pin, n: int) -> None:
    for _ in range(n):
        i = next(_serial)
        cplx = Complex.objects.create(slug=f"pin-complex-{i}", name=f"Pin complex {i}")
        trajectory = Trajectory.objects.create(slug=f"pin-{i}", name=f"Pin {i}", complex=cplx)
        PhasePlan.objects.create(trajectory=trajectory, phase=1, actual_start=dt.date(2026, 1, 1))
        PhasePlan.objects.create(trajectory=trajectory, phase=2)
        TrajectoryPartner.objects.create(trajectory=trajectory, partner=pin.partner)
        Membership.objects.create(user=pin.user, trajectory=trajectory)


def _portieken(pin: Pin, n: int) -> None:
    for _ in range(n):
        portiek = Portiek.objects.create(complex=pin.complex, code=f"P{next(_serial)}")
        Unit.objects.create(complex=pin.complex, portiek=portiek, unit_id=f"PINP-{portiek.code}", floor=0,
                            street="Pinstraat", number=1, postcode="3500 AA", city="Utrecht")


def _partners(pin: Pin, n: int) -> None:
    for _ in range(n):
        i = next(_serial)
        partner = Partner.objects.create(slug=f"pin-partner-{i}", name=f"Pin partner {i}", kind=Partner.Kind.OTHER)
        TrajectoryPartner.objects.create(trajectory=pin.trajectory, partner=partner)


def _users(pin: Pin, n: int) -> None:
    for _ in range(n):
        user = User.objects.create(username=f"pin-user-{next(_serial)}", role=Role.BROKER, partner=pin.partner)
        Membership.objects.create(user=user, trajectory=pin.trajectory)


def _contacts(pin: Pin, n: int) -> None:
    household = pin.household()
    for i in range(n):
        ContactLogEntry.objects.create(household=household, partner=pin.partner, user=pin.user,
                                       contacted_at=timezone.now() - dt.timedelta(hours=i),
                                       channel=ContactLogEntry.Channel.DOOR, topic=ContactLogEntry.Topic.SUPPORT)


def _people(pin: Pin, n: int) -> None:
    household = pin.household()
    Person.objects.filter(household=household).delete()
    for i in range(n):
        Person.objects.create(household=household, name=f"Pin persoon {i}", birth_year=1980)


def _households(pin: Pin, n: int) -> None:
    for _ in range(n):
        pin.household()


def _units(pin: Pin, n: int) -> None:
    for i in range(n):
        pin.household() if i % 2 else pin.unit()  # occupied and vacant units alike


# model -> add n records the pin user sees in that model's list
GROW: dict[type[models.Model], Callable[[Pin, int], None]] = {
    Trajectory: _trajectories,
    Complex: _trajectories,
    Portiek: _portieken,
    Unit: _units,
    Household: _households,
    Tenancy: _households,
    Person: _people,
    ContactLogEntry: _contacts,
    Partner: _partners,
    User: _users,
    WorksNeeds: grow_works_needs,
    PlannedUnit: grow_planned_units,
    Proposal: grow_proposals,
    Response: grow_responses,
    Visit: grow_visits,
    LifeDomainAssessment: grow_life_domains,
    Opportunity: grow_opportunities,
    CrimeSignal: grow_crime_signals,
    Referral: grow_referrals,
    Promise: grow_promises,
    Arrears: grow_arrears,
    Repair: grow_repairs,
    Caseload: grow_caseload,
}


def _reader(route: Route) -> Role:
    """The first role with full read on the route's primary category (write preferred); for a
    category no role reads in full (life_domains), the first with own-level read: the pin
    user's organisation made every record it grows."""
    levels = POLICY[route.primary_category]
    for wanted in (Level.WRITE, Level.READ, Level.OWN_WRITE, Level.OWN_READ):
        for role in Role:
            if levels[role] is wanted:
                return role
    raise AssertionError(f"no role reads {route.primary_category}: nothing to pin")


def _pin(role: Role) -> Pin:
    partner = Partner.objects.create(slug="pin-partner", name="Pin partner", kind=Partner.Kind.CORPORATION)
    cplx = Complex.objects.create(slug="pin-complex", name="Pin complex")
    trajectory = Trajectory.objects.create(slug="pin", name="Pin", complex=cplx)
    TrajectoryPartner.objects.create(trajectory=trajectory, partner=partner)
    user = User.objects.create(username=f"pin-{role}", role=role, partner=partner)
    Membership.objects.create(user=user, trajectory=trajectory)
    portieken = [Portiek.objects.create(complex=cplx, code=code) for code in ("A", "B")]
    return Pin(user=user, partner=partner, trajectory=trajectory, complex=cplx, portieken=portieken)


def _count_queries(client, url: str) -> tuple[int, int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200, response.content
    return len(queries), response.json()["count"], [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda route: route.label)
def test_list_query_count_is_flat(db, client, route: Route) -> None:
    model = route.view_class.serializer_class.Meta.model
    assert model in GROW, f"{route.template}: add a factory for {model.__name__} to GROW in {__name__}"
    pin = _pin(_reader(route))
    login_verified(client, pin.user)
    GROW[model](pin, 3)
    small, small_count, small_sql = _count_queries(client, route.url())
    GROW[model](pin, 27)
    large, large_count, large_sql = _count_queries(client, route.url())
    assert large_count == small_count + 27 and small_count >= 3
    assert small == large, "\n".join(["3 records:", *small_sql, "", "30 records:", *large_sql])


def test_every_list_route_is_pinned() -> None:
    assert len(LIST_ROUTES) >= 10
