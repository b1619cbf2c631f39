"""Phase 3 (enforcement): three restricted crime signals in the demo flat.

The corporation's social manager and the municipality's enforcement officer each report
what they saw; every signal goes to the municipality (enforcement handles it). One suspicion
of hemp cultivation is under investigation, one of subletting is still open, and one about
drug dealing was closed after a check found nothing. Each has its status history and links
its household to the municipality (`access.HouseholdLink`, reason `signal`), closed when the
signal closed. Which households depend only on the seed; dates are relative to today.

Saved with the ORM, not the services: the demo load is audited once, as a whole.
"""

import datetime as dt
import random
from dataclasses import dataclass

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Role
from voordeur.demo.contacts import moment
from voordeur.safety.models import CrimeSignal, CrimeSignalEvent

MUNICIPALITY = "gemeente-utrecht"
Kind, Status = CrimeSignal.Kind, CrimeSignal.Status


@dataclass(frozen=True)
class _Spec:
    kind: str
    reporter: Role
    observed_days_ago: int
    description: str
    # (days ago, to status, who, note) after the signal was recorded
    steps: tuple[tuple[int, str, Role, str], ...]


SPECS = (
    _Spec(Kind.HEMP, Role.SOCIAL_MANAGER, 16,
          "Bij de reparatie van de cv meldde de monteur een sterke hennepgeur en afgeplakte ramen in de "
          "slaapkamer. Elektrameter draait opvallend hard; bewoner hield de deur van de slaapkamer dicht.",
          ((9, Status.UNDER_INVESTIGATION, Role.ENFORCEMENT,
            "Besproken in het veiligheidsoverleg; netbeheerder gevraagd om een verbruiksanalyse."),)),
    _Spec(Kind.HOUSING_FRAUD, Role.ENFORCEMENT, 5,
          "Bij de avondronde steeds andere volwassenen met koffers gezien; naam op de bel wijkt af van de "
          "huurder. Buren spreken van 'kamerverhuur'.", ()),
    _Spec(Kind.DRUG_DEALING, Role.SOCIAL_MANAGER, 150,
          "Meerdere buren melden korte bezoekjes 's avonds bij deze voordeur en overlast in de portiek.",
          ((140, Status.UNDER_INVESTIGATION, Role.ENFORCEMENT, "Extra avondrondes ingepland."),
           (110, Status.CLOSED, Role.ENFORCEMENT,
            "Na zes rondes en een gesprek met de bewoner geen aanwijzingen gevonden; afgesloten."))),
)


def build_safety(rng: random.Random, *, today: dt.date, households, users, partners) -> list[CrimeSignal]:
    """Save the three signals with their history and household links; returns the signals."""
    pool = sorted(households, key=lambda h: h.unit.unit_id)
    chosen = rng.sample(pool, len(SPECS))
    receiver = partners[MUNICIPALITY]
    signals, events, links = [], [], []
    for spec, household in zip(SPECS, chosen, strict=True):
        reporter = users[spec.reporter]
        observed = moment(today, spec.observed_days_ago, rng.randint(9, 20), rng.choice(range(0, 60, 5)))
        recorded = moment(today, max(1, spec.observed_days_ago - rng.randint(0, 2)), rng.randint(9, 16),
                          rng.choice(range(0, 60, 5)))
        recorded = max(recorded, observed)
        history = [("", Status.OPEN, recorded, reporter, "")]
        for days_ago, status, role, note in spec.steps:
            history.append((history[-1][1], status, moment(today, days_ago, rng.randint(9, 16), 0), users[role], note))
        last = history[-1]
        signal = CrimeSignal.objects.create(
            unit=household.unit, household=household, reported_by_partner=reporter.partner, to_partner=receiver,
            created_by=reporter, kind=spec.kind, observed_on=observed.date(), description=spec.description,
            status=last[1], closed_at=last[2] if last[1] == Status.CLOSED else None, version=len(history),
        )
        CrimeSignal.objects.filter(pk=signal.pk).update(created_at=recorded, updated_at=last[2])
        events += [CrimeSignalEvent(signal=signal, from_status=old, to_status=new, at=when, by=by,
                                    partner=by.partner, note=note) for old, new, when, by, note in history]
        links.append(HouseholdLink(household=household, partner=receiver, reason=HouseholdLink.Reason.SIGNAL,
                                   source_id=signal.pk, opened_at=recorded, closed_at=signal.closed_at))
        signals.append(signal)
    CrimeSignalEvent.objects.bulk_create(events)
    HouseholdLink.objects.bulk_create(links)
    return signals
