"""The shared contact log of the last months: who approached which household, how, about what.

Around the brokers' door-to-door round (`doorstep.py`: the letter, the visits and their
follow-up calls) and the referrals and promises that followed (`followup.py`), the
corporation phones about repairs and rent, the neighbourhood team and the debt counter see
the households they already supported before the trajectory (the phase-1 caseload),
enforcement rings at some doors, the contractor plans home inspections and the university
runs its baseline survey. A handful of households were approached three or more times in
the last two weeks, which the contact-load guard should flag.

Plans are counted in days before today; the random choices do not depend on today.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from voordeur.access.policy import Role
from voordeur.households.models import ContactLogEntry, Household

Channel, Topic = ContactLogEntry.Channel, ContactLogEntry.Topic

LOAD_HOUSEHOLDS = 7
LOAD_MIX: tuple[tuple[Role, str, str], ...] = (
    (Role.BROKER, Channel.DOOR, Topic.SUPPORT),
    (Role.SOCIAL_MANAGER, Channel.PHONE, Topic.REPAIR),
    (Role.RESEARCHER, Channel.DOOR, Topic.RESEARCH),
    (Role.CONTRACTOR, Channel.PHONE, Topic.WORKS_APPOINTMENT),
    (Role.RENO_LEAD, Channel.PHONE, Topic.RENOVATION),
)


@dataclass(frozen=True)
class ContactPlan:
    household: Household
    role: Role
    days_ago: int
    hour: int
    minute: int
    channel: str
    topic: str
    reached: bool


class _Planner:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.plans: list[ContactPlan] = []

    def add(self, household: Household, role: Role, days_ago: int, channel: str, topic: str,
            reached: float = 1.0) -> bool:
        letter = channel == Channel.LETTER
        hour = 9 if letter else self.rng.randint(9, 19)
        minute = 0 if letter else self.rng.choice(range(0, 60, 5))
        hit = letter or self.rng.random() < reached
        self.plans.append(ContactPlan(household, role, days_ago, hour, minute, channel, topic, hit))
        return hit

    def series(self, household: Household, role: Role, count: int, within: int, channels: tuple[str, ...],
               topic: str, reached: float) -> None:
        for days_ago in sorted(self.rng.sample(range(1, within + 1), count), reverse=True):
            self.add(household, role, days_ago, self.rng.choice(channels), topic, reached)


# role, share of households, contacts per household (min, max), within the last N days,
# channels (repeated = likelier), topic, chance each contact reached someone.
PARTNER_SERIES: tuple[tuple[Role, float, tuple[int, int], int, tuple[str, ...], str, float], ...] = (
    (Role.SOCIAL_MANAGER, 0.18, (1, 2), 180, (Channel.PHONE, Channel.PHONE, Channel.DOOR), Topic.REPAIR, 0.85),
    (Role.SOCIAL_MANAGER, 0.04, (1, 1), 150, (Channel.PHONE, Channel.LETTER), Topic.RENT, 0.7),
    (Role.RENO_LEAD, 0.06, (1, 1), 120, (Channel.PHONE, Channel.EMAIL, Channel.MEETING), Topic.RENOVATION, 0.9),
    (Role.NBH_TEAM, 0.05, (2, 4), 120, (Channel.MEETING, Channel.PHONE, Channel.DOOR), Topic.SUPPORT, 0.8),
    (Role.DEBT_HELP, 0.035, (1, 3), 150, (Channel.PHONE, Channel.MEETING), Topic.SUPPORT, 0.75),
    (Role.ENFORCEMENT, 0.03, (1, 2), 150, (Channel.DOOR,), Topic.SAFETY, 0.5),
    # home inspections (woningopname) ahead of the renovation proposal
    (Role.CONTRACTOR, 0.07, (2, 2), 30, (Channel.PHONE, Channel.DOOR), Topic.WORKS_APPOINTMENT, 0.8),
    # the university's baseline wellbeing survey
    (Role.RESEARCHER, 0.2, (1, 1), 60, (Channel.DOOR, Channel.DOOR, Channel.PHONE), Topic.RESEARCH, 0.7),
)


def _partners(planner: _Planner, households: list[Household], supported: dict[Role, list[Household]]) -> None:
    """Each partner's series; a role in `supported` sees those households (its caseload), not a sample."""
    rng = planner.rng
    for role, share, (low, high), within, channels, topic, reached in PARTNER_SERIES:
        chosen = supported.get(role)
        if chosen is None:
            chosen = rng.sample(households, max(1, round(len(households) * share)))
        for household in chosen:
            planner.series(household, role, rng.randint(low, high), within, channels, topic, reached)


def _contact_load(planner: _Planner, households: list[Household]) -> None:
    """A few households approached 3-4 times in the last 11 days, by different partners."""
    rng = planner.rng
    for household in rng.sample(households, LOAD_HOUSEHOLDS):
        days = sorted(rng.sample(range(1, 12), 4), reverse=True)
        for (role, channel, topic), days_ago in zip(rng.sample(LOAD_MIX, rng.randint(3, 4)), days):
            planner.add(household, role, days_ago, channel, topic, reached=0.7)


def plan_contacts(rng: random.Random, households: list[Household],
                  supported: dict[Role, list[Household]] | None = None) -> list[ContactPlan]:
    planner = _Planner(rng)
    _partners(planner, households, supported or {})
    _contact_load(planner, households)
    return planner.plans


def moment(today: dt.date, days_ago: int, hour: int, minute: int) -> dt.datetime:
    """The aware moment `days_ago` days before today; a weekend day moves back to its Friday."""
    day = today - dt.timedelta(days=days_ago)
    if day.weekday() >= 5:
        day -= dt.timedelta(days=day.weekday() - 4)
    return at(day, hour, minute)


def at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    """The aware local moment on that day."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone())
