"""Phase 2 (Opbouwen) at the door: the brokers' round, the conversations, the opportunities.

The welfare organisation's brokers go door to door portiek by portiek, announced a week
before by a letter: portiek A first (done), then B, and C has just started, so about 70%
of the homes have been visited. A door gets up to three tries on different parts of the
day; after three times not home it is left for another approach. Most who open talk;
a few do not want a conversation, and at a couple of doors the neighbours say the tenant
has moved. About 60% of the talks cover the life domains (scores and short notes,
encrypted), and a few residents want to organise something (opportunities).

Every visit is an approach in the shared contact log (door, getting to know; reached when
talked). Visits are counted in days before today; which visits there are, their outcomes
and texts depend only on the seed. A household that moved in after its portiek's round
passed is visited after it moved in: its dates shift, its visits stay the same.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from voordeur.demo import texts
from voordeur.demo.contacts import moment
from voordeur.households.models import ContactLogEntry, Household, Person
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

Channel, Topic = ContactLogEntry.Channel, ContactLogEntry.Topic
Outcome, Theme = Visit.Outcome, Visit.Theme

# The round per portiek: started this many days ago, first tries spread over this many days.
ROUND_START = {"A": 170, "B": 100, "C": 40}
ROUND_SPREAD = {"A": 80, "B": 110, "C": 180}
LETTER_BEFORE = 7
MAX_TRIES = 3
TRY_GAP = (10, 45)  # days between two tries at the same door
HOURS = {Visit.TimeOfDay.MORNING: (9, 11), Visit.TimeOfDay.AFTERNOON: (13, 16), Visit.TimeOfDay.EVENING: (18, 20)}
OPEN_CHANCE = 0.25  # someone opens the door
BEST_TIME_BONUS = 0.12  # ringing at the household's best time of day
INTERPRETER_PENALTY = 0.05
REFUSE_SHARE = 0.1  # of those who open, do not want a conversation
MOVED_AWAY = 2
ASSESSED_SHARE = 0.6
FOLLOW_UP_SHARE = 0.2
OPPORTUNITIES = 8

THEME_WEIGHTS: dict[str, int] = {
    Theme.MAINTENANCE: 16, Theme.NEIGHBOURS: 14, Theme.CLEANLINESS: 12, Theme.RENOVATION: 10, Theme.NUISANCE: 8,
    Theme.COMMUNICATION: 8, Theme.LONELINESS: 7, Theme.SAFETY: 6, Theme.RENT_COSTS: 6, Theme.FACILITIES: 6,
}
THEME_COUNTS, THEME_COUNT_WEIGHTS = (0, 1, 2, 3), (15, 45, 30, 10)

CORE_DOMAINS = ("finances", "housing", "social_network", "daytime", "physical_health")
EXTRA_DOMAINS = ("work_education", "mental_health", "domestic_relations", "community", "instrumental_adl", "basic_adl")
RARE_DOMAINS = ("substance_use", "justice")
FOCUS_DOMAINS = ("finances", "mental_health", "social_network", "domestic_relations", "daytime", "instrumental_adl",
                 "work_education", "housing", "basic_adl")
NEEDS, NEED_WEIGHTS = ("low", "moderate", "high"), (55, 31, 14)
SCORE_WEIGHTS = {"low": (0, 0, 8, 45, 47), "moderate": (0, 8, 30, 40, 22), "high": (6, 22, 32, 28, 12)}
FOCUS_SCORES = {"low": (3,), "moderate": (2, 3), "high": (1, 2, 2)}
FOCUS_COUNT = {"low": (0, 0, 1), "moderate": (1, 2), "high": (2, 3)}

OPPORTUNITY_STATUS = {Opportunity.Status.IDEA: 3, Opportunity.Status.SUPPORTED: 3, Opportunity.Status.REALISED: 1,
                      Opportunity.Status.DROPPED: 1}
OPPORTUNITY_MIN_AGE = {Opportunity.Status.IDEA: 1, Opportunity.Status.SUPPORTED: 14,
                       Opportunity.Status.REALISED: 60, Opportunity.Status.DROPPED: 30}


@dataclass
class Doorstep:
    visits: list[Visit] = field(default_factory=list)
    # id(visit) -> days ago as planned: decisions use it, so they never depend on today (the
    # dates may have been shifted to after a household moved in: see `fit`)
    age: dict[int, int] = field(default_factory=dict)
    at: dict[int, dt.datetime] = field(default_factory=dict)  # id(visit) -> the moment at the door
    assessments: list[LifeDomainAssessment] = field(default_factory=list)
    opportunities: list[Opportunity] = field(default_factory=list)
    contacts: list[ContactLogEntry] = field(default_factory=list)

    def talked(self) -> list[Visit]:
        return [visit for visit in self.visits if visit.outcome == Outcome.TALKED]


@dataclass(frozen=True)
class Resident:
    """What the round knows of a household: its tenancy start, people, and phase-1 facts."""

    household: Household
    moved_in: dt.date
    tenant_born: int | None
    children: int
    in_arrears: bool
    supported: bool
    repair_kinds: frozenset[str]


def fit(ages: list[int], latest: int) -> list[int]:
    """Descending days-ago that start no earlier than `latest` days ago: shifted, or squeezed when
    they span more than the time available (never below 1)."""
    if not ages or ages[0] <= latest:
        return ages
    top = max(latest, 1)
    span = ages[0] - ages[-1]
    if span <= top - 1:
        return [age - (ages[0] - top) for age in ages]
    return [1 + round((age - ages[-1]) * (top - 1) / span) for age in ages]


class _Round:
    def __init__(self, rng: random.Random, today: dt.date, phase_start: dt.date, broker, welfare):
        self.rng, self.today, self.phase_start = rng, today, phase_start
        self.broker, self.welfare = broker, welfare
        self.out = Doorstep()

    def contact(self, household, days_ago, hour, minute, channel, topic, reached) -> dt.datetime:
        when = moment(self.today, days_ago, hour, minute)
        self.out.contacts.append(ContactLogEntry(household=household, partner=self.welfare, user=self.broker,
                                                 contacted_at=when, channel=channel, topic=topic, reached=reached))
        return when

    def door(self, resident: Resident, first: int | None, moved: bool) -> None:
        """The letter and up to three tries at one door (first: days ago of the first try, None: not yet)."""
        rng, household = self.rng, resident.household
        code = household.unit.portiek.code
        tries: list[tuple[int, str, str]] = []  # (days ago, time of day, outcome)
        day = first if first is not None else 0
        while first is not None and day >= 1 and len(tries) < MAX_TRIES:
            used = {time for _, time, _ in tries}
            options = [time for time in HOURS if time not in used]
            if household.best_time in options and rng.random() < 0.5:
                time = household.best_time
            else:
                time = rng.choice(options)
            if moved:
                tries.append((day, time, Outcome.MOVED_AWAY))
                break
            chance = (OPEN_CHANCE + (BEST_TIME_BONUS if time == household.best_time else 0.0)
                      - (INTERPRETER_PENALTY if household.interpreter_needed else 0.0))
            opened, refused = rng.random() < chance, rng.random() < REFUSE_SHARE
            outcome = (Outcome.REFUSED if refused else Outcome.TALKED) if opened else Outcome.NOT_HOME
            tries.append((day, time, outcome))
            if outcome != Outcome.NOT_HOME:
                break
            day -= rng.randint(*TRY_GAP)

        latest = min((self.today - resident.moved_in).days - 1, (self.today - self.phase_start).days) - 2
        placed = fit([ROUND_START[code] + LETTER_BEFORE] + [age for age, _, _ in tries], latest)
        self.contact(household, placed[0], 9, 0, Channel.LETTER, Topic.GETTING_TO_KNOW, True)
        for at_age, (age, time, outcome) in zip(placed[1:], tries):
            low, high = HOURS[time]
            hour, minute = rng.randint(low, high), rng.choice(range(0, 60, 5))
            when = self.contact(household, at_age, hour, minute, Channel.DOOR, Topic.GETTING_TO_KNOW,
                                outcome == Outcome.TALKED)
            themes = self.themes(resident) if outcome == Outcome.TALKED else []
            visit = Visit(unit=household.unit, household=household, partner=self.welfare, broker=self.broker,
                          visited_on=when.date(), time_of_day=time, outcome=outcome,
                          summary=self.summary(resident, outcome, themes), themes=themes)
            self.out.visits.append(visit)
            self.out.age[id(visit)] = age
            self.out.at[id(visit)] = when
            if outcome == Outcome.TALKED and age > 10 and rng.random() < FOLLOW_UP_SHARE:
                later = max(1, at_age - rng.randint(3, min(age - 1, 30)))
                self.contact(household, later, rng.randint(9, 17), rng.choice(range(0, 60, 5)),
                             rng.choice((Channel.PHONE, Channel.DOOR)), Topic.SUPPORT, rng.random() < 0.85)

    def themes(self, resident: Resident) -> list[str]:
        rng = self.rng
        count = rng.choices(THEME_COUNTS, weights=THEME_COUNT_WEIGHTS)[0]
        weights = dict(THEME_WEIGHTS)
        if resident.repair_kinds:
            weights[Theme.MAINTENANCE] *= 3
        chosen: list[str] = []
        while len(chosen) < count:
            theme = rng.choices(list(weights), weights=list(weights.values()))[0]
            chosen.append(str(theme))
            del weights[theme]
        return sorted(chosen, key=list(THEME_WEIGHTS).index)

    def summary(self, resident: Resident, outcome: str, themes: list[str]) -> str:
        rng = self.rng
        if outcome == Outcome.NOT_HOME:
            return rng.choice(texts.NOT_HOME)
        if outcome == Outcome.REFUSED:
            return rng.choice(texts.REFUSED)
        if outcome == Outcome.MOVED_AWAY:
            return rng.choice(texts.MOVED_AWAY)
        household = resident.household
        parts = [rng.choice(texts.TALK_OPENING_INTERPRETER if household.interpreter_needed else texts.TALK_OPENINGS)]
        if resident.moved_in >= dt.date(2026, 1, 1):
            parts.append(rng.choice(texts.TENURE_NEW))
        else:
            parts.append(rng.choice(texts.TENURE).format(year=resident.moved_in.year))
        parts += [rng.choice(texts.THEME_SENTENCES[theme]) for theme in themes[:2]]
        parts.append(rng.choice(texts.TALK_CLOSINGS))
        return " ".join(part for part in parts if part)

    def assessment(self, visit: Visit, resident: Resident) -> LifeDomainAssessment:
        rng = self.rng
        need = rng.choices(NEEDS, weights=NEED_WEIGHTS)[0]
        if (resident.in_arrears or resident.supported) and need == "low":
            need = "moderate"
        chosen = set(CORE_DOMAINS) | set(rng.sample(EXTRA_DOMAINS, rng.randint(1, 4)))
        if rng.random() < 0.1:
            chosen.add(rng.choice(RARE_DOMAINS))
        scores = {domain: rng.choices(range(1, 6), weights=SCORE_WEIGHTS[need])[0] for domain in sorted(chosen)}
        focus = [d for d in FOCUS_DOMAINS if d in scores]
        for domain in rng.sample(focus, rng.choice(FOCUS_COUNT[need])):
            scores[domain] = rng.choice(FOCUS_SCORES[need])
        elderly = resident.tenant_born is not None and resident.tenant_born <= 1958
        if elderly:
            scores["physical_health"] = min(scores["physical_health"], rng.choice((2, 3, 3, 4)))
            if "work_education" in scores:
                scores["work_education"] = 5
        if resident.children >= 3:
            scores["finances"] = min(scores["finances"], rng.choice((2, 3, 3, 4)))
        if resident.in_arrears:
            scores["finances"] = rng.choice((1, 2, 2, 3))
        if resident.household.interpreter_needed:
            for domain in ("community", "instrumental_adl"):
                if domain in scores:
                    scores[domain] = min(scores[domain], rng.choice((2, 3)))
        if "substance_use" in scores:
            scores["substance_use"] = rng.choice((3, 4, 5))
        if "justice" in scores:
            scores["justice"] = 5
        domains = {}
        for domain in LIFE_DOMAINS:  # in the matrix's order
            if domain not in scores:
                continue
            score = scores[domain]
            band = "low" if score <= 2 else "mid" if score == 3 else "high"
            if domain == "work_education" and elderly:
                note = "Gepensioneerd, geen vragen over werk."
            else:
                note = rng.choice(texts.DOMAIN_NOTES[domain][band])
            domains[domain] = {"score": score, "note": note}
        return LifeDomainAssessment(visit=visit, household=visit.household, partner=self.welfare,
                                    created_by=self.broker, domains=domains)

    def opportunities(self, talked: list[Visit]) -> None:
        rng = self.rng
        social = {Theme.NEIGHBOURS, Theme.FACILITIES, Theme.LONELINESS}
        keen = [v for v in talked if social & set(v.themes)]
        rest = [v for v in talked if v not in keen]
        chosen = rng.sample(keen, min(len(keen), OPPORTUNITIES))
        chosen += rng.sample(rest, min(len(rest), OPPORTUNITIES - len(chosen)))
        ideas = rng.sample(texts.OPPORTUNITIES, len(chosen))
        statuses = [status for status, n in OPPORTUNITY_STATUS.items() for _ in range(n)]
        for visit, (title, support) in zip(sorted(chosen, key=lambda v: self.out.age[id(v)]), ideas):
            age = self.out.age[id(visit)]
            feasible = [s for s in statuses if OPPORTUNITY_MIN_AGE[s] <= age] or [Opportunity.Status.IDEA]
            status = rng.choice(feasible)
            if status in statuses:
                statuses.remove(status)
            self.out.opportunities.append(Opportunity(
                unit=visit.unit, household=visit.household, visit=visit, partner=self.welfare,
                created_by=self.broker, title=title.format(portiek=visit.unit.portiek.code),
                support_needed=support, status=status))


def build_doorstep(rng: random.Random, residents: list[Resident], *, today: dt.date, phase_start: dt.date,
                   broker, welfare, settled_before: dt.date, avoid: set[int]) -> Doorstep:
    """Plan the round over the current households (in register order) and make the unsaved rows.

    Moved-away doors are drawn among settled households whose pk is not in `avoid` (those
    that answered others recently: they evidently still live there).
    """
    round_ = _Round(rng, today, phase_start, broker, welfare)
    firsts = {}
    for resident in residents:
        code = resident.household.unit.portiek.code
        first = ROUND_START[code] - rng.randint(0, ROUND_SPREAD[code])
        firsts[resident.household.pk] = first if first >= 1 else None
    movable = [r.household.pk for r in residents if firsts[r.household.pk] is not None
               and r.moved_in < settled_before and r.household.pk not in avoid]
    moved = set(rng.sample(movable, MOVED_AWAY))
    for resident in residents:
        pk = resident.household.pk
        round_.door(resident, firsts[pk], pk in moved)

    by_household = {r.household.pk: r for r in residents}
    for visit in round_.out.talked():
        if rng.random() < ASSESSED_SHARE:
            round_.out.assessments.append(round_.assessment(visit, by_household[visit.household.pk]))
    round_.opportunities(round_.out.talked())
    return round_.out


def residents_for(households: list[Household], tenancies, people: list[Person], explored) -> list[Resident]:
    """The round's view of each current household (register order)."""
    moved_in = {t.household.pk: t.start_date for t in tenancies if t.end_date is None}
    tenant_born, children = {}, {}
    for person in people:
        pk = person.household.pk
        if person.relation == Person.Relation.TENANT:
            tenant_born[pk] = person.birth_year
        if person.relation == Person.Relation.CHILD:
            children[pk] = children.get(pk, 0) + 1
    arrears = {row.household.pk for row in explored.arrears}
    supported = {row.household.pk for row in explored.caseload if row.active}
    repairs: dict[int, set[str]] = {}
    for repair in explored.repairs:
        if repair.unit is not None:
            repairs.setdefault(repair.unit.pk, set()).add(repair.kind)
    return [
        Resident(household=h, moved_in=moved_in[h.pk], tenant_born=tenant_born.get(h.pk),
                 children=children.get(h.pk, 0), in_arrears=h.pk in arrears, supported=h.pk in supported,
                 repair_kinds=frozenset(repairs.get(h.unit.pk, ())))
        for h in households
    ]
