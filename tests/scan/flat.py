"""A flat built with the ORM for the scan tests: stairwells of chosen sizes, households,
people, and (optionally) a deterministic filling of arrears, repairs, caseload and visits
that grows with the flat — so a page can be pinned to the same number of queries for a small
and a larger flat."""

import datetime as dt
import itertools
from dataclasses import dataclass, field

from voordeur.access.policy import Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.households.models import Household, Person, Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Complex, Portiek, Unit
from voordeur.trajectories.models import Trajectory, TrajectoryPartner
from voordeur.visits.models import Visit

_serial = itertools.count(1)
PARTNER_OF_ROLE = {
    Role.DIRECTOR: "corp", Role.SOCIAL_MANAGER: "corp", Role.RENO_LEAD: "corp", Role.LETTING: "corp",
    Role.BROKER: "welfare", Role.NBH_TEAM: "nbh", Role.MUNI_ADVISOR: "muni", Role.DEBT_HELP: "muni",
    Role.ENFORCEMENT: "muni", Role.CONTRACTOR: "contractor", Role.RESEARCHER: "university", Role.PRIVACY: "corp",
    Role.ADMIN: "corp",
}
KINDS = {"corp": Partner.Kind.CORPORATION, "welfare": Partner.Kind.WELFARE, "nbh": Partner.Kind.NBH_TEAM,
         "muni": Partner.Kind.MUNICIPALITY, "contractor": Partner.Kind.CONTRACTOR,
         "university": Partner.Kind.UNIVERSITY, "debt": Partner.Kind.MUNICIPALITY}
LANGUAGES = ["nl", "nl", "tr", "ar", "nl", "so", "pl", "", "ber", "nl", "ti"]
BIRTH_YEARS = [1938, 1952, 1971, 1990, 2014, None, 1944, 1960]
OUTCOMES = [None, "talked", "not_home", "not_home*3", "refused", "moved_away", "talked"]


@dataclass
class Flat:
    slug: str
    trajectory: Trajectory
    complex: Complex
    portieken: dict[str, Portiek]
    homes: dict[str, list[Unit]]  # per stairwell
    households: dict[str, list[Household]]  # per stairwell
    partners: dict[str, Partner]
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        if role not in self.users:
            partner = self.partners[PARTNER_OF_ROLE[Role(role)]]
            user = User.objects.create(username=f"{role}-{self.slug}", role=role, partner=partner)
            Membership.objects.create(user=user, trajectory=self.trajectory)
            self.users[role] = user
        return User.objects.select_related("partner").get(pk=self.users[role].pk)

    def all_households(self) -> list[Household]:
        return [h for hs in self.households.values() for h in hs]

    def all_homes(self) -> list[Unit]:
        return [u for us in self.homes.values() for u in us]


def add_household(flat: Flat, unit: Unit, *, language: str = "nl", birth_years=(1970,)) -> Household:
    n = next(_serial)
    household = Household.objects.create(unit=unit, name=f"Fam. Scan-{n}", language=language)
    Tenancy.objects.create(unit=unit, household=household, tenancy_id=f"ST-{flat.slug}-{n}",
                           start_date=dt.date(2019, 1, 1))
    for k, year in enumerate(birth_years):
        Person.objects.create(household=household, name=f"Scanpersoon {n}-{k}", birth_year=year)
    flat.households.setdefault(unit.portiek.code, []).append(household)
    return household


def build_flat(slug: str = "scanflat", homes: dict[str, int] | None = None, vacant: int = 0,
               fill: bool = False) -> Flat:
    """Stairwells with `homes` homes each (default A: 3, B: 12, C: 10), all lived in but for
    the last `vacant` of every stairwell; `fill` adds the deterministic partner data."""
    homes = homes or {"A": 3, "B": 12, "C": 10}
    partners = {key: Partner.objects.create(slug=f"{slug}-{key}", name=f"{key.title()} {slug}", kind=kind)
                for key, kind in KINDS.items()}
    cplx = Complex.objects.create(slug=slug, name=f"Flat {slug}", corporation=partners["corp"])
    trajectory = Trajectory.objects.create(slug=slug, name=f"Traject {slug}", complex=cplx, current_phase=1)
    for key in ("corp", "welfare", "muni"):
        TrajectoryPartner.objects.create(trajectory=trajectory, partner=partners[key])
    flat = Flat(slug=slug, trajectory=trajectory, complex=cplx, portieken={}, homes={}, households={},
                partners=partners)
    for code, count in homes.items():
        portiek = Portiek.objects.create(complex=cplx, code=code)
        flat.portieken[code] = portiek
        flat.homes[code] = [
            Unit.objects.create(complex=cplx, portiek=portiek, unit_id=f"{slug}-{code}-{n}", floor=n // 4,
                                street="Scandreef", number=next(_serial), postcode="3563 AA", city="Utrecht")
            for n in range(count)
        ]
        flat.households[code] = []
        for i, unit in enumerate(flat.homes[code][: max(count - vacant, 0)]):
            if fill:
                years = [BIRTH_YEARS[(i + k) % len(BIRTH_YEARS)] for k in range(1 + i % 5)]
                add_household(flat, unit, language=LANGUAGES[i % len(LANGUAGES)], birth_years=years)
            else:
                add_household(flat, unit)
    Unit.objects.create(complex=cplx, portiek=flat.portieken[next(iter(homes))], unit_id=f"{slug}-guest",
                        kind=Unit.Kind.GUEST_HOME, floor=0, street="Scandreef", number=next(_serial),
                        postcode="3563 AA", city="Utrecht")
    if fill:
        _fill(flat)
    return flat


def add_arrears(flat: Flat, household: Household, *, months, amount, source: str = "corp") -> Arrears:
    return Arrears.objects.create(source_partner=flat.partners[source], received_on=today(),
                                  legal_basis="art. 6 lid 1 sub e AVG", tenancy=household.tenancies.get(),
                                  household=household, months=months, amount=amount)


def add_repair(flat: Flat, *, kind: str, unit: Unit | None = None, portiek: str | None = None,
               status: str = Repair.Status.OPEN) -> Repair:
    return Repair.objects.create(source_partner=flat.partners["corp"], received_on=today(),
                                 legal_basis="huurovereenkomst", complex=flat.complex, unit=unit, portiek=flat.portieken[portiek] if portiek else None,
                                 external_id=f"R-{next(_serial)}", kind=kind, reported_on=today(), status=status)


def add_visit(flat: Flat, unit: Unit, *, outcome: str, themes=(), days_ago: int = 10,
              household: Household | None = None) -> Visit:
    return Visit.objects.create(unit=unit, household=household, partner=flat.partners["welfare"],
                                visited_on=today() - dt.timedelta(days=days_ago),
                                time_of_day=Visit.TimeOfDay.EVENING, outcome=outcome, themes=list(themes))


def _fill(flat: Flat) -> None:
    kinds = [k for k, _label in Repair.Kind.choices]
    themes = [k for k, _label in Visit.Theme.choices]
    for i, household in enumerate(flat.all_households()):
        if i % 3 == 0:
            add_arrears(flat, household, months=i % 4, amount=f"{(i % 4) * 450 + 15}.50")
        if i % 5 == 0:
            Caseload.objects.create(source_partner=flat.partners["nbh"], received_on=today(), legal_basis="Wmo",
                                    household=household, partner=flat.partners["nbh"])
        if i % 7 == 0:
            Caseload.objects.create(source_partner=flat.partners["debt"], received_on=today(), legal_basis="Wgs",
                                    household=household, partner=flat.partners["debt"])
    for i, unit in enumerate(flat.all_homes()):
        if i % 4 == 0:
            add_repair(flat, kind=kinds[i % len(kinds)], unit=unit)
        outcome = OUTCOMES[i % len(OUTCOMES)]
        household = unit.households.first()
        if outcome == "not_home*3":
            for days in (40, 20, 5):
                add_visit(flat, unit, outcome="not_home", days_ago=days, household=household)
        elif outcome is not None:
            add_visit(flat, unit, outcome=outcome, household=household,
                      themes=[themes[i % len(themes)], themes[(i + 3) % len(themes)]] if outcome == "talked" else [])
    for code in flat.portieken:
        add_repair(flat, kind=Repair.Kind.NUISANCE, portiek=code)
        add_repair(flat, kind=Repair.Kind.CLEANING, portiek=code, status=Repair.Status.DONE)
    add_repair(flat, kind=Repair.Kind.LIFT)
