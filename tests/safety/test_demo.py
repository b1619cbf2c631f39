"""The demo's crime signals: three, restricted, with history and household links."""

import datetime as dt

import pytest
from django.db import connection, transaction

from voordeur.access.models import HouseholdLink
from voordeur.access.scope import linked_household_ids
from voordeur.accounts.models import User
from voordeur.audit.models import AuditEvent
from voordeur.demo.build import build_demo
from voordeur.safety.models import CrimeSignal

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_demo(today=TODAY)
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_three_signals_open_under_investigation_and_closed(demo):
    signals = list(CrimeSignal.objects.select_related("reported_by_partner", "to_partner", "created_by", "household"))
    assert len(signals) == 3
    assert sorted(s.status for s in signals) == ["closed", "open", "under_investigation"]
    assert {s.kind for s in signals} == {"hemp", "housing_fraud", "drug_dealing"}
    assert {s.to_partner.slug for s in signals} == {"gemeente-utrecht"}
    assert {s.created_by.username for s in signals} == {"social_manager", "enforcement"}
    for signal in signals:
        assert signal.created_by.partner_id == signal.reported_by_partner_id
        assert signal.household.unit_id == signal.unit_id and signal.observed_on <= TODAY
        assert (signal.closed_at is not None) == (signal.status == "closed")


@pytest.mark.django_db
def test_histories_and_links_are_consistent(demo):
    for signal in CrimeSignal.objects.prefetch_related("events"):
        events = list(signal.events.all())
        assert events[0].from_status == "" and events[0].to_status == "open"
        assert all(a.to_status == b.from_status and a.at < b.at for a, b in zip(events, events[1:]))
        assert events[-1].to_status == signal.status and signal.version == len(events)
        assert signal.created_at == events[0].at and signal.updated_at == events[-1].at
        link = HouseholdLink.objects.get(reason="signal", source_id=signal.pk)
        assert (link.household_id, link.partner_id) == (signal.household_id, signal.to_partner_id)
        assert link.opened_at == events[0].at and link.closed_at == signal.closed_at
    enforcement = User.objects.get(username="enforcement")
    open_ones = set(CrimeSignal.objects.filter(closed_at__isnull=True).values_list("household_id", flat=True))
    assert open_ones <= linked_household_ids(enforcement)


@pytest.mark.django_db
def test_demo_signals_are_encrypted_and_not_audited_one_by_one(demo):
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM safety_crimesignal")
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == 3 and all(value.startswith("fernet:") and "hennep" not in value for value in stored)
    assert not AuditEvent.objects.filter(object_type="safety.crimesignal").exists()
