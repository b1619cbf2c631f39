"""The tally's inputs read from the database, and the tally and timeline over them.

Not scoped to a user: callers are the selectors (after their access checks), the aggregate
measure (which suppresses) and the `voordeur consent` command (the system). Three queries
whatever the size of the complex.
"""

import datetime as dt
from dataclasses import dataclass

from voordeur.consent.models import Answer, Proposal, Response
from voordeur.consent.tally import DayPoint, ResponseFact, Tally, TenancyFact, tally, timeline
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today as local_today
from voordeur.places.models import Unit


@dataclass(frozen=True)
class Inputs:
    dwellings: list[str]
    unit_pks: dict[str, int]  # dwelling unit_id -> Unit pk (the door grid's key)
    tenancies: list[TenancyFact]
    responses: list[ResponseFact]


def inputs(proposal: Proposal) -> Inputs:
    complex_id = proposal.complex_id
    unit_pks = dict(Unit.objects.filter(complex_id=complex_id, kind=Unit.Kind.HOME).values_list("unit_id", "pk"))
    tenancies = [
        TenancyFact(tenancy_id, unit_id, start, end)
        for tenancy_id, unit_id, start, end in Tenancy.objects.filter(unit__complex_id=complex_id)
        .values_list("tenancy_id", "unit__unit_id", "start_date", "end_date")
    ]
    responses = [
        ResponseFact(tenancy_id, answer == Answer.YES, on, pk)
        for tenancy_id, answer, on, pk in Response.objects.filter(proposal=proposal)
        .values_list("tenancy__tenancy_id", "answer", "responded_on", "pk")
    ]
    return Inputs(list(unit_pks), unit_pks, tenancies, responses)


def proposal_tally(proposal: Proposal, *, today: dt.date | None = None, facts: Inputs | None = None) -> Tally:
    facts = facts or inputs(proposal)
    return tally(
        proposal=proposal.pk, complex_slug=proposal.complex.slug, dwellings=facts.dwellings,
        tenancies=facts.tenancies, responses=facts.responses, deadline=proposal.response_deadline,
        today=today or local_today(),
    )


def proposal_timeline(proposal: Proposal, *, today: dt.date | None = None, facts: Inputs | None = None) -> list[DayPoint]:
    if proposal.sent_on is None:
        return []
    facts = facts or inputs(proposal)
    return timeline(
        dwellings=facts.dwellings, tenancies=facts.tenancies, responses=facts.responses,
        start=proposal.sent_on, deadline=proposal.response_deadline, today=today or local_today(),
    )
