"""Consent per stairwell for the `consent` aggregate measure (suppressed by the caller).

Counts the tenants of the complex's newest sent proposal by their standing in the tally:
agreed, against, no response. Roles at `agg` (broker, municipality, researcher) see only
these suppressed counts, never a household's answer.
"""

from voordeur.consent.facts import proposal_tally
from voordeur.consent.models import Proposal
from voordeur.consent.tally import AGAINST, AGREED, NO_RESPONSE
from voordeur.places.models import Unit

COLUMNS = (AGREED, AGAINST, NO_RESPONSE)


def newest_sent_proposal(complex_id: int) -> Proposal | None:
    return (Proposal.objects.filter(complex_id=complex_id, sent_on__isnull=False)
            .select_related("complex").order_by("-sent_on", "-id").first())


def count_consent(complex_id: int) -> dict[str, dict[str, int]]:
    units = Unit.objects.filter(complex_id=complex_id).values_list("unit_id", "portiek__code")
    portiek_of = dict(units)
    counts: dict[str, dict[str, int]] = {code: {} for code in sorted(set(portiek_of.values()))}
    proposal = newest_sent_proposal(complex_id)
    if proposal is None:
        return counts
    for unit_id, status in proposal_tally(proposal).statuses.items():
        cell = counts[portiek_of[unit_id]]
        cell[status] = cell.get(status, 0) + 1
    return counts
