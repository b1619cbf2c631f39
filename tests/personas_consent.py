"""The persona world's consent campaign: one sent proposal per trajectory and a few
responses (h2 changed its mind: two rows), so the generated API and page tests cover them.

Kept apart from tests/personas.py; `build_world` calls `add_consent`. Also the factories the
query-count pins use for the consent lists (tests/api/test_query_counts.py).
"""

import datetime as dt

from django.utils import timezone

from tests.personas import OTHER, OURS, World
from voordeur.consent.models import Answer, Proposal, ProposalVersion, Response
from voordeur.households.models import Tenancy

SENT_DAYS_AGO = 30
# (household label, answer, days after sending) — the latest row per tenancy counts
RESPONSES = {
    OURS: [("h1", Answer.YES, 2), ("h2", Answer.YES, 3), ("h2", Answer.NO, 9), ("h4", Answer.NO, 5)],
    OTHER: [("o1", Answer.YES, 4)],
}


def _proposal(complex_id: int, title: str) -> Proposal:
    sent = timezone.localdate() - dt.timedelta(days=SENT_DAYS_AGO)
    proposal = Proposal.objects.create(complex_id=complex_id, title=title, sent_on=sent,
                                       response_deadline=sent + dt.timedelta(days=60))
    ProposalVersion.objects.create(proposal=proposal, number=1, summary=title, changed_on=sent)
    return proposal


def add_consent(world: World) -> None:
    tenancies = {t.household_id: t for t in Tenancy.objects.filter(household_id__in=world.households.values())}
    for slug, rows in RESPONSES.items():
        complex_id = tenancies[world.households[rows[0][0]]].unit.complex_id
        proposal = _proposal(complex_id, f"Voorstel {slug}")
        world.add(proposal, {slug})
        for label, answer, days in rows:
            tenancy = tenancies[world.households[label]]
            response = Response.objects.create(proposal=proposal, tenancy=tenancy, answer=answer,
                                               responded_on=proposal.sent_on + dt.timedelta(days=days), channel="door")
            world.add(response, {slug}, household_id=tenancy.household_id)


def grow_proposals(pin, n: int) -> None:
    """n more proposals the query-count pin user sees."""
    for i in range(n):
        _proposal(pin.complex.pk, f"Pin voorstel {i}")


def grow_responses(pin, n: int) -> None:
    proposal = Proposal.objects.filter(complex=pin.complex).first() or _proposal(pin.complex.pk, "Pin voorstel")
    for _ in range(n):
        tenancy = Tenancy.objects.get(household=pin.household())
        Response.objects.create(proposal=proposal, tenancy=tenancy, answer=Answer.YES, responded_on=proposal.sent_on)
