"""The persona world: one user per role in *our* trajectory, plus an outsider.

Built with the ORM (no services, so no audit rows) and small on purpose. Every record it
makes is registered with the facts the access tests need to compute what a role should see
independently of the selectors under test: which trajectories the record belongs to and
what makes it "own" (its household, its creating partner, or the user itself).

Values are distinctive (e.g. "Fam. Akkerwinde-1", "+31 6 4711 0001") so a test can search a
page or response for them without chance matches.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import models
from django.utils import timezone

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import POLICY, Category, Level, Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.trajectories.models import PhasePlan, Trajectory, TrajectoryPartner

PASSWORD = "persona-wachtwoord-2026"
OUTSIDER = "outsider"
OURS = "ons-traject"
OTHER = "ander-traject"

# Which of our organisations each role works for (debt_help has its own, so "own" differs).
ROLE_PARTNER = {
    Role.DIRECTOR: "corp",
    Role.SOCIAL_MANAGER: "corp",
    Role.RENO_LEAD: "corp",
    Role.LETTING: "corp",
    Role.BROKER: "welfare",
    Role.NBH_TEAM: "nbh",
    Role.MUNI_ADVISOR: "muni",
    Role.DEBT_HELP: "debt",
    Role.ENFORCEMENT: "muni",
    Role.CONTRACTOR: "contractor",
    Role.RESEARCHER: "university",
    Role.PRIVACY: "corp",
    Role.ADMIN: "corp",
}
PARTNERS = {
    "corp": ("Woonstede Persona", Partner.Kind.CORPORATION),
    "welfare": ("Welzijn Persona", Partner.Kind.WELFARE),
    "nbh": ("Buurtteam Persona", Partner.Kind.NBH_TEAM),
    "muni": ("Gemeente Persona", Partner.Kind.MUNICIPALITY),
    "debt": ("Schuldhulp Persona", Partner.Kind.MUNICIPALITY),
    "contractor": ("Bouwbedrijf Persona", Partner.Kind.CONTRACTOR),
    "university": ("Universiteit Persona", Partner.Kind.UNIVERSITY),
    "other_corp": ("Anderhuis Corporatie", Partner.Kind.CORPORATION),
    "other_welfare": ("Ander Welzijn", Partner.Kind.WELFARE),
}
OTHER_PARTNERS = ("other_corp", "other_welfare")

# Our households: which organisations they are linked to, and how (open / closed when).
# h3's link closed 13 months ago: no longer own. h2's closed 6 months ago: still own.
HOUSEHOLD_LINKS = {
    1: [("nbh", None), ("debt", None)],
    2: [("nbh", 180)],
    3: [("nbh", 395)],
    4: [("debt", None)],
    5: [],
    6: [],
}
# Links are made first with placeholder source ids (far above any real id), then pointed at
# the referrals and signals that tests/personas_referrals.py and personas_safety.py create.
PLACEHOLDER_SOURCE = 10**12
# Contact-log entries of ours: (household number, partner key, topic).
CONTACTS = [
    (1, "nbh", ContactLogEntry.Topic.SUPPORT),
    (1, "welfare", ContactLogEntry.Topic.GETTING_TO_KNOW),
    (3, "corp", ContactLogEntry.Topic.RENT),
    (4, "debt", ContactLogEntry.Topic.SUPPORT),
    (5, "contractor", ContactLogEntry.Topic.WORKS_APPOINTMENT),
    (6, "welfare", ContactLogEntry.Topic.GETTING_TO_KNOW),
]


@dataclass(frozen=True)
class Facts:
    """What decides whether a role may see one record."""

    pk: int
    trajectories: frozenset[str]  # slugs of the trajectories the record belongs to
    household_id: int | None = None
    partner_id: int | None = None
    user_id: int | None = None


@dataclass
class World:
    users: dict[str, int] = field(default_factory=dict)  # role key or "outsider" -> user pk
    trajectories: dict[str, int] = field(default_factory=dict)  # slug -> pk
    partners: dict[str, int] = field(default_factory=dict)  # partner key -> pk
    households: dict[str, int] = field(default_factory=dict)  # "h1".."h6", "o1" -> pk
    records: dict[type[models.Model], list[Facts]] = field(default_factory=dict)
    links: dict[int, frozenset[int]] = field(default_factory=dict)  # partner pk -> own household pks
    # distinctive values per household number: {"name": ..., "phone": ..., "email": ..., "notes": ..., "person": ...}
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def user(self, who: str) -> User:
        """A fresh instance (no per-request caches carried over)."""
        return User.objects.select_related("partner").get(pk=self.users[who])

    def add(self, obj: models.Model, trajectories: set[str], **facts) -> None:
        self.records.setdefault(type(obj), []).append(Facts(pk=obj.pk, trajectories=frozenset(trajectories), **facts))

    def facts(self, model: type[models.Model]) -> list[Facts]:
        return self.records.get(model, [])

    def member_of(self, who: str) -> frozenset[str]:
        return frozenset({OTHER}) if who == OUTSIDER else frozenset({OURS})

    def partner_of(self, who: str) -> int:
        return self.partners["other_welfare" if who == OUTSIDER else ROLE_PARTNER[Role(who)]]

    def role_of(self, who: str) -> Role:
        return Role.BROKER if who == OUTSIDER else Role(who)

    def is_own(self, who: str, facts: Facts) -> bool:
        """Own for own-levels (access.md): its own account, records its organisation created,
        households linked to its organisation (open, or closed less than 12 months ago)."""
        if facts.user_id is not None:
            return facts.user_id == self.users[who]
        partner = self.partner_of(who)
        if facts.partner_id is not None and facts.partner_id == partner:
            return True
        return facts.household_id is not None and facts.household_id in self.links.get(partner, frozenset())


def who_all() -> list[str]:
    return [role.value for role in Role] + [OUTSIDER]


@cache
def password_hash() -> str:
    return make_password(PASSWORD)


def build_world() -> World:
    world = World()
    now = timezone.now()
    today = timezone.localdate()
    for key, (name, kind) in PARTNERS.items():
        world.partners[key] = Partner.objects.create(slug=f"p-{key.replace('_', '-')}", name=name, kind=kind).pk
    partner_at = {OURS: [k for k in PARTNERS if k not in OTHER_PARTNERS], OTHER: list(OTHER_PARTNERS)}
    for key, pk in world.partners.items():
        world.add(Partner(pk=pk), {slug for slug, keys in partner_at.items() if key in keys})

    complexes = {
        OURS: Complex.objects.create(slug="akkerflat", name="Akkerflat Persona", city="Utrecht", storeys=4,
                                     corporation_id=world.partners["corp"]),
        OTHER: Complex.objects.create(slug="anderflat", name="Anderflat Buiten", city="Utrecht", storeys=3,
                                      corporation_id=world.partners["other_corp"]),
    }
    names = {OURS: "Akkerflat Vernieuwt", OTHER: "Anderflat Traject"}
    for slug, cplx in complexes.items():
        world.add(cplx, {slug})
        trajectory = Trajectory.objects.create(slug=slug, name=names[slug], complex=cplx, current_phase=2)
        world.trajectories[slug] = trajectory.pk
        world.add(trajectory, {slug})
        PhasePlan.objects.create(trajectory=trajectory, phase=1, actual_start=today - dt.timedelta(days=200),
                                 actual_end=today - dt.timedelta(days=20))
        PhasePlan.objects.create(trajectory=trajectory, phase=2, actual_start=today - dt.timedelta(days=19))
        for key in partner_at[slug]:
            TrajectoryPartner.objects.create(trajectory=trajectory, partner_id=world.partners[key],
                                             agreement=f"Afspraak {key}")

    # places: our complex has two portieken and seven units (one a guest home); the other one
    units: dict[str, list[Unit]] = {}
    for slug, cplx, count, prefix in ((OURS, complexes[OURS], 7, "AK"), (OTHER, complexes[OTHER], 2, "AN")):
        portieken = [Portiek.objects.create(complex=cplx, code=code, name=f"Portiek {code}") for code in ("A", "B")]
        for portiek in portieken:
            world.add(portiek, {slug})
        units[slug] = []
        for n in range(1, count + 1):
            unit = Unit.objects.create(
                complex=cplx, portiek=portieken[(n - 1) % 2], unit_id=f"{prefix}-{n:03d}",
                kind=Unit.Kind.GUEST_HOME if n == 7 else Unit.Kind.HOME, floor=(n - 1) // 2,
                street="Akkerstraat" if slug == OURS else "Anderlaan", number=10 + n,
                postcode="3500 AA" if slug == OURS else "3600 BB", city="Utrecht",
            )
            units[slug].append(unit)
            world.add(unit, {slug})

    # households, tenancies and people
    specs = [(OURS, f"h{n}", units[OURS][n - 1], n) for n in HOUSEHOLD_LINKS] + [(OTHER, "o1", units[OTHER][0], 9)]
    for slug, label, unit, n in specs:
        values = {
            "name": f"Fam. Akkerwinde-{n}" if slug == OURS else "Fam. Buitenstaander-9",
            "phone": f"+31 6 4711 {n:04d}",
            "email": f"huishouden{n}@persona.example",
            "notes": f"Notitie-{n} wil graag hulp bij de boodschappen",
            "person": f"Persoon Eikvaren-{n}",
            "person_phone": f"+31 6 5822 {n:04d}",
        }
        world.values[label] = values
        household = Household.objects.create(
            unit=unit, name=values["name"], phone=values["phone"], email=values["email"], language="tr",
            interpreter_needed=n % 2 == 0, best_time=Household.BestTime.EVENING, notes=values["notes"],
        )
        world.households[label] = household.pk
        world.add(household, {slug}, household_id=household.pk)
        tenancy = Tenancy.objects.create(unit=unit, household=household, tenancy_id=f"T-{slug[:3]}-{n:03d}",
                                         start_date=dt.date(2015, 1, n))
        world.add(tenancy, {slug}, household_id=household.pk)
        for relation, person_name, phone in (
            (Person.Relation.TENANT, values["person"], values["person_phone"]),
            (Person.Relation.CHILD, f"Kind Eikvaren-{n}", ""),
        ):
            person = Person.objects.create(household=household, name=person_name, relation=relation,
                                           birth_year=1970 if relation == Person.Relation.TENANT else 2012,
                                           language="tr", phone=phone)
            world.add(person, {slug}, household_id=household.pk)

    for number, links in HOUSEHOLD_LINKS.items():
        household_id = world.households[f"h{number}"]
        for i, (partner_key, closed_days_ago) in enumerate(links):
            closed = now - dt.timedelta(days=closed_days_ago) if closed_days_ago is not None else None
            HouseholdLink.objects.create(
                household_id=household_id, partner_id=world.partners[partner_key],
                reason=HouseholdLink.Reason.REFERRAL, source_id=PLACEHOLDER_SOURCE + number * 10 + i,
                opened_at=now - dt.timedelta(days=500), closed_at=closed,
            )
            if closed_days_ago is None or closed_days_ago < 365:
                pk = world.partners[partner_key]
                world.links[pk] = world.links.get(pk, frozenset()) | {household_id}
    HouseholdLink.objects.create(household_id=world.households["o1"], partner_id=world.partners["other_welfare"],
                                 reason=HouseholdLink.Reason.REFERRAL, source_id=PLACEHOLDER_SOURCE + 900, opened_at=now)
    world.links[world.partners["other_welfare"]] = frozenset({world.households["o1"]})

    # users: one per role, members of ours; the outsider is a broker of the other welfare organisation
    hashed = password_hash()
    for who in who_all():
        role = world.role_of(who)
        user = User.objects.create(username=who, role=role, partner_id=world.partner_of(who), password=hashed,
                                   first_name=f"Voornaam-{who}", last_name="Persona", email=f"{who}@persona.example")
        slug = OTHER if who == OUTSIDER else OURS
        Membership.objects.create(user=user, trajectory_id=world.trajectories[slug])
        world.users[who] = user.pk
        world.add(user, {slug}, user_id=user.pk)

    def user_of(partner_key: str) -> int | None:
        return next((world.users[r.value] for r, p in ROLE_PARTNER.items() if p == partner_key), None)

    for i, (number, partner_key, topic) in enumerate(CONTACTS):
        household_id = world.households[f"h{number}"]
        entry = ContactLogEntry.objects.create(
            household_id=household_id, partner_id=world.partners[partner_key], user_id=user_of(partner_key),
            contacted_at=now - dt.timedelta(days=30 - i), channel=ContactLogEntry.Channel.DOOR, topic=topic,
        )
        world.add(entry, {OURS}, household_id=household_id, partner_id=world.partners[partner_key])
    other_entry = ContactLogEntry.objects.create(
        household_id=world.households["o1"], partner_id=world.partners["other_welfare"], user_id=world.users[OUTSIDER],
        contacted_at=now - dt.timedelta(days=3), channel=ContactLogEntry.Channel.PHONE,
        topic=ContactLogEntry.Topic.SUPPORT,
    )
    world.add(other_entry, {OTHER}, household_id=world.households["o1"], partner_id=world.partners["other_welfare"])
    from tests.personas_consent import add_consent
    from tests.personas_visits import add_visits
    from tests.personas_safety import add_safety
    from tests.personas_referrals import add_referrals
    from tests.personas_exploring import add_exploring
    from tests.personas_works import add_works

    add_works(world)
    add_consent(world)
    add_visits(world)
    add_safety(world)
    add_referrals(world)
    add_exploring(world)
    return world


def grant_level(who: str, category: Category) -> Level:
    return POLICY[category][Role.BROKER if who == OUTSIDER else Role(who)]
