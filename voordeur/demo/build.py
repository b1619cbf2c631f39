"""`build_demo`: the demo trajectory, loaded into an empty database in one transaction.

Everything is generated from one seed. Each part draws from its own `Random`, derived from
the seed and the part's name, so extending one part does not change the others. Only the
contact log is placed relative to today; which contacts there are does not depend on it.
"""

import datetime as dt
import random
import time
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from voordeur.access.policy import Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent
from voordeur.demo.building import build_complex, build_portieken, build_units
from voordeur.demo.consent import build_consent
from voordeur.demo.contacts import moment, plan_contacts
from voordeur.demo.organisations import CORPORATION, ORGANISATIONS, ROLE_ORGANISATION, STAFF_NAMES
from voordeur.demo.residents import build_residents
from voordeur.demo.works import build_works
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.trajectories.models import Phase, PhasePlan, Trajectory, TrajectoryPartner

DEFAULT_SEED = 2027
DEMO_PASSWORD = "demo"
TRAJECTORY_SLUG = "sociaal-renoveren-nigerdreef"
D = dt.date
# phase: planned start, planned end, actual start, actual end. Phase 3 runs alongside phase 2.
PHASES: dict[Phase, tuple[D, D, D | None, D | None]] = {
    Phase.EXPLORE: (D(2025, 9, 1), D(2026, 3, 31), D(2025, 9, 1), D(2026, 3, 27)),
    Phase.BUILD_UP: (D(2026, 4, 1), D(2027, 6, 30), D(2026, 4, 7), None),
    Phase.ENFORCE: (D(2026, 10, 1), D(2028, 12, 22), D(2026, 10, 5), None),
    Phase.RENOVATE: (D(2027, 6, 1), D(2028, 12, 22), None, None),
    Phase.ALLOCATE: (D(2028, 1, 10), D(2029, 6, 29), None, None),
    Phase.AFTERCARE: (D(2029, 1, 8), D(2030, 12, 20), None, None),
}


class DatabaseNotEmpty(Exception):
    pass


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    role_label: str
    organisation: str


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    complex: str
    trajectory: str
    counts: dict[str, int]
    accounts: tuple[DemoAccount, ...]
    seconds: float


def section_rng(seed: int, section: str) -> random.Random:
    """The seeded generator of one part of the demo (string seeds are stable across runs)."""
    return random.Random(f"voordeur-demo:{seed}:{section}")


def database_is_empty() -> bool:
    return not User.objects.exists() and not Complex.objects.exists()


def is_demo_database() -> bool:
    return AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT, object_type="demo").exists()


def demo_accounts() -> tuple[DemoAccount, ...]:
    """The demo accounts present in the database, in the order of the roles."""
    users = {user.username: user for user in User.objects.filter(username__in=Role.values).select_related("partner")}
    accounts = []
    for role in Role:
        user = users.get(role.value)
        if user is not None and user.role == role.value:
            organisation = user.partner.name if user.partner else ""
            accounts.append(DemoAccount(user.username, user.role, str(role.label), organisation))
    return tuple(accounts)


def _users(partners: dict[str, Partner]) -> dict[Role, User]:
    password = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow by design
    return {
        role: User(
            username=role.value, password=password, role=role.value, partner=partners[ROLE_ORGANISATION[role]],
            first_name=STAFF_NAMES[role][0], last_name=STAFF_NAMES[role][1], email=f"{role.value}@example.org",
            demo_account=True,  # in demo mode: no second factor (ADR 0006)
        )
        for role in Role
    }


@transaction.atomic
def build_demo(seed: int = DEFAULT_SEED, *, today: dt.date | None = None) -> DemoSummary:
    """Load the demo trajectory into an empty database and audit the load as one event."""
    if not database_is_empty():
        raise DatabaseNotEmpty("the database already holds users or complexes")
    started = time.perf_counter()
    today = today or timezone.localdate()

    partners = {org.slug: Partner(slug=org.slug, name=org.name, kind=org.kind) for org in ORGANISATIONS}
    Partner.objects.bulk_create(partners.values())
    complex_ = build_complex(partners[CORPORATION])
    complex_.save()
    portieken = build_portieken(complex_)
    Portiek.objects.bulk_create(portieken.values())
    units = Unit.objects.bulk_create(build_units(section_rng(seed, "places"), complex_, portieken))

    trajectory = Trajectory.objects.create(
        slug=TRAJECTORY_SLUG, name="Sociaal renoveren Nigerdreef", complex=complex_, current_phase=Phase.BUILD_UP
    )
    PhasePlan.objects.bulk_create(
        PhasePlan(trajectory=trajectory, phase=phase, planned_start=ps, planned_end=pe, actual_start=as_, actual_end=ae)
        for phase, (ps, pe, as_, ae) in PHASES.items()
    )
    TrajectoryPartner.objects.bulk_create(
        TrajectoryPartner(
            trajectory=trajectory, partner=partners[org.slug], agreement=org.agreement, joined_on=org.joined_on
        )
        for org in ORGANISATIONS
    )
    users = _users(partners)
    User.objects.bulk_create(users.values())
    Membership.objects.bulk_create(Membership(user=user, trajectory=trajectory) for user in users.values())

    homes = [unit for unit in units if unit.kind == Unit.Kind.HOME]
    residents = build_residents(section_rng(seed, "residents"), homes, partners[CORPORATION])
    Household.objects.bulk_create(residents.households)
    Tenancy.objects.bulk_create(residents.tenancies)
    Person.objects.bulk_create(residents.people)

    consent = build_consent(section_rng(seed, "consent"), complex_, residents.tenancies, today)
    plans = plan_contacts(section_rng(seed, "contacts"), residents.current)
    ContactLogEntry.objects.bulk_create(
        ContactLogEntry(
            household=plan.household, partner=users[plan.role].partner, user=users[plan.role],
            contacted_at=moment(today, plan.days_ago, plan.hour, plan.minute),
            channel=plan.channel, topic=plan.topic, reached=plan.reached,
        )
        for plan in plans
    )

    works_needs = build_works(section_rng(seed, "works"), trajectory, units, residents.current)

    counts = {
        "works_needs": works_needs,
        "partners": len(partners),
        "portieken": len(portieken),
        "units": len(units),
        **{f"units_{kind}": sum(unit.kind == kind for unit in units) for kind in Unit.Kind.values},
        "floors": len({unit.floor for unit in units}),
        "households": len(residents.households),
        "current_households": len(residents.current),
        "vacant_homes": len(residents.vacant),
        "tenancies": len(residents.tenancies),
        "people": len(residents.people),
        "languages": len({household.language for household in residents.current}),
        "contacts": len(plans),
        "users": len(users),
        "consent_responses": consent.responses,
    }
    audit.record(None, "import", object_type="demo", object_id=trajectory.slug, trajectory_id=trajectory.pk,
                 purpose="demo", detail={"seed": seed, **counts})
    accounts = tuple(
        DemoAccount(user.username, user.role, str(role.label), user.partner.name) for role, user in users.items()
    )
    return DemoSummary(seed, complex_.slug, trajectory.name, counts, accounts, time.perf_counter() - started)
