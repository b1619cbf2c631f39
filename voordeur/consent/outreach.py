"""Outreach: the tenants who have not responded, what helps to reach them, who tried last and
who is to try next; and the campaign's progress per day. Reads scoped to the user; a fixed
number of queries however many tenants there are."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from voordeur.access.policy import POLICY, Category
from voordeur.access.scope import grant
from voordeur.accounts.models import User
from voordeur.consent.facts import Inputs, proposal_timeline
from voordeur.consent.models import OutreachAssignment, Proposal, Response
from voordeur.consent.selectors import current_tenancies
from voordeur.consent.tally import NO_RESPONSE, Tally
from voordeur.households.models import ContactLogEntry, Tenancy
from voordeur.households.selectors import contact_log_list


@dataclass(frozen=True)
class LastTry:
    at: dt.datetime
    channel: str
    organisation: str
    person: str
    reached: bool


@dataclass(frozen=True)
class OutreachRow:
    tenancy: Tenancy
    last_try: LastTry | None
    assignee: str  # "" when nobody is assigned


def _name(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def not_responded(*, user, proposal: Proposal, standing: Tally) -> list[OutreachRow]:
    ids = [n.tenancy_id for n in standing.not_agreed if n.status == NO_RESPONSE]
    tenancies = list(current_tenancies(user=user, proposal=proposal, day=standing.counted_at).filter(tenancy_id__in=ids))
    households = [t.household_id for t in tenancies]
    tries: dict[int, LastTry] = {}
    if grant(user, Category.CONTACTS_LOG).reads:
        entries = (contact_log_list(user=user).filter(household_id__in=households)
                   .order_by("household_id", "-contacted_at", "-id")
                   .values_list("household_id", "contacted_at", "channel", "partner__name", "user__first_name",
                                "user__last_name", "user__username", "reached"))
        for household_id, at, channel, organisation, first, last, username, reached in entries:
            if household_id not in tries:
                label = ContactLogEntry.Channel(channel).label if channel in ContactLogEntry.Channel.values else channel
                tries[household_id] = LastTry(at, str(label), organisation, _name(first or "", last or "", username or ""),
                                              reached)
    assigned: dict[int, str] = {}
    rows = (OutreachAssignment.objects.filter(proposal=proposal, tenancy__in=tenancies).order_by("tenancy_id", "-id")
            .values_list("tenancy_id", "assignee__first_name", "assignee__last_name", "assignee__username"))
    for tenancy_id, first, last, username in rows:
        assigned.setdefault(tenancy_id, _name(first or "", last or "", username or "") if username else "")
    return [OutreachRow(t, tries.get(t.household_id), assigned.get(t.pk, "")) for t in tenancies]


def assignees(*, trajectory):
    """Members of the trajectory whose role may see individual responses (roles as data)."""
    roles = [role for role, level in POLICY[Category.CONSENT].items() if level.reads]
    return (User.objects.filter(memberships__trajectory=trajectory, role__in=roles, is_active=True)
            .order_by("first_name", "last_name", "username"))


@dataclass(frozen=True)
class DayProgress:
    day: dt.date
    yes: int
    no: int
    tries: int
    tenants: int
    agreed: int

    @property
    def percent(self):
        from voordeur.consent.tally import percent

        return percent(self.agreed, self.tenants)


def progress_per_day(*, user, proposal: Proposal, facts: Inputs) -> list[DayProgress]:
    """Per day since the proposal was sent: answers recorded, renovation contacts tried, standing."""
    points = proposal_timeline(proposal, facts=facts)
    if not points:
        return []
    answers = Counter()
    for day, answer, n in (Response.objects.filter(proposal=proposal).values_list("responded_on", "answer")
                           .annotate(n=Count("id")).order_by()):
        answers[(day, answer)] += n
    tries = Counter()
    if grant(user, Category.CONTACTS_LOG).reads:
        since = timezone.make_aware(dt.datetime.combine(points[0].day, dt.time.min))
        moments = (contact_log_list(user=user)
                   .filter(household__unit__complex_id=proposal.complex_id, contacted_at__gte=since,
                           topic=ContactLogEntry.Topic.RENOVATION).values_list("contacted_at", flat=True))
        tries.update(timezone.localtime(at).date() for at in moments)
    return [DayProgress(p.day, answers[(p.day, "yes")], answers[(p.day, "no")], tries[p.day], p.tenants, p.agreed)
            for p in reversed(points)]
