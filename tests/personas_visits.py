"""The persona world's phase-2 data: door-to-door visits, life-domain talks and opportunities.

Kept apart from tests/personas.py so these records stay in one place; `build_world` calls
`add_visits`. Facts for the access oracle (tests/access/expect.py):
- visits: their household and visiting organisation (own-read for the neighbourhood team
  through its household links, like the selectors);
- life-domain talks: only the visiting organisation. The finer sharing rule (a receiving
  organisation sees the consented domains of a referral) is not a fact the oracle knows, so
  the world has talks only with households that no organisation is linked to (h5, h6) and no
  referrals; tests/visits/test_sharing.py tests the sharing with referrals of its own.
- opportunities: no own-levels in the policy table; household and partner for completeness.

Notes and summaries are distinctive ("Leefnotitie-…", "Samenvatting-…") so a test can look for them.
"""

import datetime as dt

from django.utils import timezone

from tests.personas import OTHER, OURS, World
from voordeur.households.models import Household
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

NOT_HOME, TALKED, REFUSED = Visit.Outcome.NOT_HOME, Visit.Outcome.TALKED, Visit.Outcome.REFUSED
# (household label, partner key, days ago, time of day, outcome)
VISITS = [
    ("h1", "welfare", 40, "morning", NOT_HOME),
    ("h1", "welfare", 33, "evening", TALKED),
    ("h2", "welfare", 30, "morning", NOT_HOME),
    ("h2", "welfare", 20, "afternoon", NOT_HOME),
    ("h2", "welfare", 10, "evening", NOT_HOME),  # three not-home tries in a row: another approach
    ("h3", "welfare", 25, "afternoon", REFUSED),
    ("h5", "welfare", 15, "afternoon", TALKED),
    ("h6", "welfare", 12, "morning", NOT_HOME),
    ("h6", "welfare", 5, "evening", TALKED),
    ("o1", "other_welfare", 8, "evening", TALKED),
]
# life-domain talks: household label -> {domain: (score, note)}
TALKS = {
    "h5": {"finances": (2, "Leefnotitie-h5-financien: rekeningen stapelen zich op"),
           "social_network": (4, "Leefnotitie-h5-netwerk: zus komt wekelijks")},
    "h6": {"physical_health": (3, "Leefnotitie-h6-gezondheid: knieoperatie gepland"),
           "daytime": (None, "Leefnotitie-h6-dagbesteding: zoekt vrijwilligerswerk")},
    "o1": {"housing": (3, "Leefnotitie-o1-wonen: vocht in de slaapkamer")},
}
OPPORTUNITIES = [
    ("h1", "welfare", "Kans-h1: buurtbarbecue in de binnentuin", Opportunity.Status.IDEA),
    ("h6", "welfare", "Kans-h6: taalcafé in de portiek", Opportunity.Status.SUPPORTED),
    ("o1", "other_welfare", "Kans-o1: schoonmaakactie", Opportunity.Status.IDEA),
]


def add_visits(world: World) -> None:
    today = timezone.localdate()
    broker_of = {"welfare": world.users["broker"], "other_welfare": world.users["outsider"]}
    talked: dict[str, Visit] = {}
    for i, (label, partner_key, days_ago, time_of_day, outcome) in enumerate(VISITS):
        household = Household.objects.get(pk=world.households[label])
        visit = Visit.objects.create(
            unit_id=household.unit_id, household=household, partner_id=world.partners[partner_key],
            broker_id=broker_of[partner_key], visited_on=today - dt.timedelta(days=days_ago), time_of_day=time_of_day,
            outcome=outcome, summary=f"Samenvatting-{label}-{i}: aangebeld", themes=["neighbours"] if outcome == TALKED else [],
        )
        world.add(visit, {_slug(label)}, household_id=household.pk, partner_id=visit.partner_id)
        if outcome == TALKED:
            talked[label] = visit
    for label, domains in TALKS.items():
        visit = talked[label]
        assessment = LifeDomainAssessment.objects.create(
            visit=visit, household_id=visit.household_id, partner_id=visit.partner_id, created_by_id=visit.broker_id,
            domains={key: {"score": score, "note": note} for key, (score, note) in domains.items()},
        )
        world.add(assessment, {_slug(label)}, partner_id=assessment.partner_id)
    for label, partner_key, title, status in OPPORTUNITIES:
        household = Household.objects.get(pk=world.households[label])
        opportunity = Opportunity.objects.create(
            unit_id=household.unit_id, household=household, visit=talked.get(label),
            partner_id=world.partners[partner_key], created_by_id=broker_of[partner_key], title=title,
            support_needed="Zaal en een kleine bijdrage", status=status,
        )
        world.add(opportunity, {_slug(label)}, household_id=household.pk, partner_id=opportunity.partner_id)


def _slug(label: str) -> str:
    return OTHER if label.startswith("o") else OURS


# --- growing lists for the query-count pins (tests/api/test_query_counts.py) -------------------


def grow_visits(pin, n: int) -> None:
    for i in range(n):
        household = pin.household()
        Visit.objects.create(unit=household.unit, household=household, partner=pin.partner, broker=pin.user,
                             visited_on=timezone.localdate(), time_of_day="evening",
                             outcome=Visit.Outcome.NOT_HOME if i % 2 else Visit.Outcome.TALKED)


def grow_life_domains(pin, n: int) -> None:
    for _ in range(n):
        household = pin.household()
        visit = Visit.objects.create(unit=household.unit, household=household, partner=pin.partner, broker=pin.user,
                                     visited_on=timezone.localdate(), time_of_day="evening",
                                     outcome=Visit.Outcome.TALKED)
        LifeDomainAssessment.objects.create(visit=visit, household=household, partner=pin.partner,
                                            domains={"finances": {"score": 3, "note": "Pin-notitie"}})


def grow_opportunities(pin, n: int) -> None:
    for i in range(n):
        household = pin.household()
        Opportunity.objects.create(unit=household.unit, household=household, partner=pin.partner,
                                   title=f"Pin-kans {i}")
