"""The shared contact log of the last months: who approached which household, how, about what.

The welfare organisation's brokers go door to door portiek by portiek (A first, C has just
started), announced by a letter. Around that, the corporation phones about repairs and rent,
the neighbourhood team and the debt counter see a few households often, enforcement rings
at some doors, the contractor plans home inspections and the university runs its baseline
survey. A handful of households were approached three or more times in the last two weeks,
which the contact-load guard should flag.

Plans are counted in days before today; the random choices do not depend on today.
"""

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from voordeur.access.policy import Role
from voordeur.households.models import ContactLogEntry, Household

Channel, Topic = ContactLogEntry.Channel, ContactLogEntry.Topic

# The broker round per portiek: started this many days ago, spread over this many days.
ROUND_START = {"A": 170, "B": 110, "C": 40}
ROUND_SPREAD = {"A": 80, "B": 80, "C": 90}
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


def _broker_rounds(planner: _Planner, households: list[Household]) -> None:
    rng = planner.rng
    for household in households:
        code = household.unit.portiek.code
        planner.add(household, Role.BROKER, ROUND_START[code] + 7, Channel.LETTER, Topic.GETTING_TO_KNOW)
        day = ROUND_START[code] - rng.randint(0, ROUND_SPREAD[code])
        for _ in range(3):
            if day < 1:
                break
            if planner.add(household, Role.BROKER, day, Channel.DOOR, Topic.GETTING_TO_KNOW,
                           reached=0.4 if household.interpreter_needed else 0.55):
                if day > 10 and rng.random() < 0.25:  # a follow-up call or visit
                    topic = Topic.REFERRAL if rng.random() < 0.3 else Topic.SUPPORT
                    planner.add(household, Role.BROKER, day - rng.randint(3, min(day - 1, 30)),
                                rng.choice((Channel.PHONE, Channel.DOOR)), topic, reached=0.85)
                break
            day -= rng.randint(5, 20)


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


def _partners(planner: _Planner, households: list[Household]) -> None:
    rng = planner.rng
    for role, share, (low, high), within, channels, topic, reached in PARTNER_SERIES:
        for household in rng.sample(households, max(1, round(len(households) * share))):
            planner.series(household, role, rng.randint(low, high), within, channels, topic, reached)


def _contact_load(planner: _Planner, households: list[Household]) -> None:
    """A few households approached 3-4 times in the last 11 days, by different partners."""
    rng = planner.rng
    for household in rng.sample(households, LOAD_HOUSEHOLDS):
        days = sorted(rng.sample(range(1, 12), 4), reverse=True)
        for (role, channel, topic), days_ago in zip(rng.sample(LOAD_MIX, rng.randint(3, 4)), days):
            planner.add(household, role, days_ago, channel, topic, reached=0.7)


def plan_contacts(rng: random.Random, households: list[Household]) -> list[ContactPlan]:
    planner = _Planner(rng)
    _broker_rounds(planner, households)
    _partners(planner, households)
    _contact_load(planner, households)
    return planner.plans


def moment(today: dt.date, days_ago: int, hour: int, minute: int) -> dt.datetime:
    """The aware moment `days_ago` days before today; a weekend day moves back to its Friday."""
    day = today - dt.timedelta(days=days_ago)
    if day.weekday() >= 5:
        day -= dt.timedelta(days=day.weekday() - 4)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone())
