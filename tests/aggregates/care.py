"""Builders for the life-domain, referral, promise and opportunity measures' tests, on the
scan tests' flat (tests/scan/flat.py)."""

import datetime as dt

from tests.scan.flat import Flat, add_visit
from voordeur.households.models import Household
from voordeur.lib.dates import today
from voordeur.referrals.models import Promise, Referral
from voordeur.visits.models import LifeDomainAssessment, Opportunity

NOTE = "Zorgen om de buurman, zegt niets tegen de huisarts"  # must never appear in a response


def add_talk(flat: Flat, household: Household, scores: dict[str, int | None], *, days_ago: int = 10,
             note: str = NOTE) -> LifeDomainAssessment:
    visit = add_visit(flat, household.unit, outcome="talked", days_ago=days_ago, household=household)
    return LifeDomainAssessment.objects.create(
        visit=visit, household=household, partner=flat.partners["welfare"],
        domains={domain: {"score": score, "note": note} for domain, score in scores.items()})


def add_referral(flat: Flat, household: Household, *, status: str = Referral.Status.SENT,
                 days_ago: int = 5) -> Referral:
    referral = Referral.objects.create(
        household=household, from_partner=flat.partners["welfare"], to_partner=flat.partners["nbh"],
        kind=Referral.Kind.NBH_SUPPORT, status=status, respond_by=today() + dt.timedelta(days=10))
    made = dt.datetime.combine(today() - dt.timedelta(days=days_ago), dt.time(12), tzinfo=dt.UTC)
    Referral.objects.filter(pk=referral.pk).update(created_at=made)
    return referral


def add_promise(flat: Flat, household: Household, *, due_in: int, status: str = Promise.Status.OPEN,
                kept_on: dt.date | None = None) -> Promise:
    return Promise.objects.create(
        household=household, owner_partner=flat.partners["corp"], made_by_partner=flat.partners["welfare"],
        text="Lekkage in de badkamer verhelpen", made_on=today() - dt.timedelta(days=20),
        due_date=today() + dt.timedelta(days=due_in), status=status, kept_on=kept_on)


def add_opportunity(flat: Flat, household: Household, *, status: str = Opportunity.Status.IDEA) -> Opportunity:
    return Opportunity.objects.create(unit=household.unit, household=household, partner=flat.partners["welfare"],
                                      title="Moestuin op het binnenterrein", status=status)


def fill_care(flat: Flat) -> None:
    """Every measure's data for every household (grows with the flat, for query-count pins)."""
    for i, household in enumerate(flat.all_households()):
        add_talk(flat, household, {"finances": 1 + i % 5, "housing": 1 + (i + 2) % 5}, days_ago=30)
        add_talk(flat, household, {"finances": 1 + (i + 1) % 5, "social_network": 1 + i % 5})
        add_referral(flat, household, status=list(Referral.Status)[i % len(Referral.Status)])
        status = list(Promise.Status)[i % len(Promise.Status)]
        add_promise(flat, household, due_in=(i % 3) - 1, status=status,
                    kept_on=today() if status == Promise.Status.KEPT else None)
        add_opportunity(flat, household, status=list(Opportunity.Status)[i % len(Opportunity.Status)])
