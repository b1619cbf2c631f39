"""`build_demo`: the demo trajectory, loaded into an empty database in one transaction.

Everything is generated from one seed. Each part draws from its own `Random`, derived from
the seed and the part's name, so extending one part does not change the others. What
happened recently (the contact log, visits, referrals, promises, the rolling partner
files) is placed relative to today; which records there are does not depend on it.
"""

import datetime as dt
import random
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import Response
from voordeur.demo.building import build_complex, build_portieken, build_units
from voordeur.demo.consent import SENT_DAYS_AGO, build_consent
from voordeur.demo.contacts import moment, plan_contacts
from voordeur.demo.doorstep import build_doorstep, residents_for
from voordeur.demo.exploring import SETTLED_BEFORE, build_exploring
from voordeur.demo.followup import MUNICIPALITY, NBH_TEAM, WELFARE, build_followup, links
from voordeur.demo.organisations import CORPORATION, ORGANISATIONS, ROLE_ORGANISATION, STAFF_NAMES
from voordeur.demo.residents import build_residents
from voordeur.demo.safety import build_safety
from voordeur.demo.works import build_works
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.trajectories.models import Phase, PhasePlan, Trajectory, TrajectoryPartner
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

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


@contextmanager
def _own_timestamps(*models):
    """Let bulk_create keep the created_at/updated_at set on the rows (auto_now(_add) off meanwhile)."""
    fields = [(field, field.auto_now, field.auto_now_add) for model in models for field in model._meta.concrete_fields
              if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    for field, _, _ in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in fields:
            field.auto_now, field.auto_now_add = now, now_add


def _phase_two(seed: int, today: dt.date, trajectory, users, partners, residents, explored, plans):
    """The brokers' round (visits, conversations, opportunities), then the referrals and promises
    that followed; saved, with their history, links and creation times. The contacts they made
    are returned with them, unsaved (the caller saves the whole contact log at once).

    `_own_timestamps` switches auto_now off on these models for the duration of the bulk
    inserts (the demo loads before any other thread runs), so the rows keep their moments."""
    planned_start, _, actual_start, _ = PHASES[Phase.BUILD_UP]
    phase_start = actual_start or planned_start
    # A door where someone answered another partner recently, or voted, is not a "moved away".
    avoid = {p.household.pk for p in plans if p.reached and p.channel != ContactLogEntry.Channel.LETTER}
    avoid |= set(Response.objects.filter(proposal__complex=trajectory.complex)
                 .values_list("tenancy__household_id", flat=True))
    settled = {household.pk for household in explored.settled_households}
    doorstep = build_doorstep(
        section_rng(seed, "doorstep"),
        residents_for(residents.current, residents.tenancies, residents.people, explored),
        today=today, phase_start=phase_start, broker=users[Role.BROKER], welfare=partners[WELFARE],
        settled_before=SETTLED_BEFORE, avoid=avoid,
    )
    # Records carry the moment they were made, not the moment the demo was loaded.
    visit_at = doorstep.at
    for visit in doorstep.visits:
        visit.created_at = visit.updated_at = visit_at[id(visit)]
    for row in [*doorstep.assessments, *doorstep.opportunities]:
        row.created_at = row.updated_at = visit_at[id(row.visit)]
    with _own_timestamps(Visit, LifeDomainAssessment, Opportunity):
        Visit.objects.bulk_create(doorstep.visits)
        LifeDomainAssessment.objects.bulk_create(doorstep.assessments)
        Opportunity.objects.bulk_create(doorstep.opportunities)

    settled -= {visit.household_id for visit in doorstep.visits if visit.outcome == Visit.Outcome.MOVED_AWAY}
    followup = build_followup(section_rng(seed, "followup"), doorstep, explored, today=today, partners=partners,
                              users=users, settled=settled, proposal_days_ago=SENT_DAYS_AGO)
    last = {}
    for event in followup.referral_events:
        last[id(event.referral)] = event.at
    for event in followup.promise_events:
        last[id(event.promise)] = event.at
    for row in [*followup.referrals, *followup.promises]:
        row.created_at, row.updated_at = followup.created[id(row)], last[id(row)]
    with _own_timestamps(Referral, Promise):
        Referral.objects.bulk_create(followup.referrals)
        Promise.objects.bulk_create(followup.promises)
    ReferralEvent.objects.bulk_create(followup.referral_events)
    PromiseEvent.objects.bulk_create(followup.promise_events)
    HouseholdLink.objects.bulk_create(links(followup.referrals, followup.created))
    return doorstep, followup


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
    explored = build_exploring(section_rng(seed, "exploring"), seed, complex_=complex_, portieken=portieken,
                               units=units, tenancies=residents.tenancies, partners=partners,
                               corporation_slug=CORPORATION, today=today)
    supported = {Role.NBH_TEAM: explored.supported_by(NBH_TEAM), Role.DEBT_HELP: explored.supported_by(MUNICIPALITY)}
    plans = plan_contacts(section_rng(seed, "contacts"), residents.current, supported)
    contacts = [
        ContactLogEntry(
            household=plan.household, partner=users[plan.role].partner, user=users[plan.role],
            contacted_at=moment(today, plan.days_ago, plan.hour, plan.minute),
            channel=plan.channel, topic=plan.topic, reached=plan.reached,
        )
        for plan in plans
    ]
    doorstep, followup = _phase_two(seed, today, trajectory, users, partners, residents, explored, plans)
    contacts += doorstep.contacts + followup.contacts
    ContactLogEntry.objects.bulk_create(contacts)

    works_needs = build_works(section_rng(seed, "works"), trajectory, units, residents.current)
    build_safety(section_rng(seed, "safety"), today=today, households=residents.current, users=users, partners=partners)

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
        "contacts": len(contacts),
        "users": len(users),
        "consent_responses": consent.responses,
        "import_runs": len(explored.runs),
        "arrears": len(explored.arrears),
        "repairs": len(explored.repairs),
        "caseload": len(explored.caseload),
        "visits": len(doorstep.visits),
        "visited_households": len({visit.household_id for visit in doorstep.visits}),
        "talks": len(doorstep.talked()),
        "life_domain_assessments": len(doorstep.assessments),
        "opportunities": len(doorstep.opportunities),
        "referrals": len(followup.referrals),
        "promises": len(followup.promises),
        "overdue_promises": sum(p.status == Promise.Status.OPEN and p.due_date < today for p in followup.promises),
    }
    audit.record(None, "import", object_type="demo", object_id=trajectory.slug, trajectory_id=trajectory.pk,
                 purpose="demo", detail={"seed": seed, **counts})
    accounts = tuple(
        DemoAccount(user.username, user.role, str(role.label), user.partner.name) for role, user in users.items()
    )
    return DemoSummary(seed, complex_.slug, trajectory.name, counts, accounts, time.perf_counter() - started)
