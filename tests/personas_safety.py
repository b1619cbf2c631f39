"""The persona world's crime signals: one for a household of ours, one in the other trajectory.

Kept apart from tests/personas.py; `build_world` calls `add_safety`. Our signal is addressed to
the municipality (where enforcement works), so — like a referral — it links the household to
that organisation; the world's `links` learn it, so the access oracle stays right.
"""

import datetime as dt

from django.utils import timezone

from tests.personas import OTHER, OURS, World
from voordeur.access.models import HouseholdLink
from voordeur.households.models import Household
from voordeur.safety.models import CrimeSignal, CrimeSignalEvent

OUR_DESCRIPTION = "Signaal-Hennepgeur-5: sterke hennepgeur en dichtgeplakte ramen"
OTHER_DESCRIPTION = "Signaal-Onderhuur-9: steeds andere bewoners met koffers"


def add_safety(world: World) -> None:
    now = timezone.now()
    for label, reporter, receiver, kind, text, slug in (
        ("h5", "corp", "muni", CrimeSignal.Kind.HEMP, OUR_DESCRIPTION, OURS),
        ("o1", "other_corp", "other_corp", CrimeSignal.Kind.HOUSING_FRAUD, OTHER_DESCRIPTION, OTHER),
    ):
        household = Household.objects.get(pk=world.households[label])
        signal = CrimeSignal.objects.create(
            unit_id=household.unit_id, household=household, reported_by_partner_id=world.partners[reporter],
            to_partner_id=world.partners[receiver], kind=kind, observed_on=now.date() - dt.timedelta(days=10),
            description=text,
        )
        CrimeSignalEvent.objects.create(signal=signal, from_status="", to_status=signal.status, at=now,
                                        partner_id=world.partners[reporter])
        HouseholdLink.objects.create(household=household, partner_id=world.partners[receiver],
                                     reason=HouseholdLink.Reason.SIGNAL, source_id=signal.pk, opened_at=now)
        partner = world.partners[receiver]
        world.links[partner] = world.links.get(partner, frozenset()) | {household.pk}
        world.add(signal, {slug}, household_id=household.pk, partner_id=world.partners[reporter])


def grow_crime_signals(pin, n: int) -> None:
    """n more signals the query-count pin user sees (tests/api/test_query_counts.py)."""
    for _ in range(n):
        household = pin.household()
        CrimeSignal.objects.create(unit=household.unit, household=household, reported_by_partner=pin.partner,
                                   to_partner=pin.partner, kind=CrimeSignal.Kind.OTHER,
                                   observed_on=dt.date(2026, 1, 1), description="pin")
