"""Services of crime signals: links opened and closed, the table enforced, 409s, audit, encryption."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.personas import World
from tests.safety.conftest import SECRET
from voordeur.access.models import HouseholdLink
from voordeur.access.scope import linked_household_ids
from voordeur.accounts.models import Partner
from voordeur.audit.models import AuditEvent
from voordeur.lib.versioning import Conflict
from voordeur.places.models import Unit
from voordeur.safety import services
from voordeur.safety.models import CrimeSignal

S = CrimeSignal.Status
DAY = dt.date(2026, 1, 5)


def _link(signal: CrimeSignal) -> HouseholdLink:
    return HouseholdLink.objects.get(reason=HouseholdLink.Reason.SIGNAL, source_id=signal.pk)


def test_create_opens_a_signal_link_to_the_receiving_organisation(world: World, recorded):
    link = _link(recorded)
    assert (link.household_id, link.partner_id, link.closed_at) == (
        world.households["h6"], world.partners["muni"], None)
    assert world.households["h6"] in linked_household_ids(world.user("enforcement"))
    assert [(e.from_status, e.to_status) for e in recorded.events.all()] == [("", S.OPEN)]
    assert recorded.reported_by_partner_id == world.partners["corp"]


def test_closing_closes_the_link_and_reopening_opens_it(world: World, recorded):
    enforcement = world.user("enforcement")
    closed = services.signal_transition(signal=recorded, to_status=S.CLOSED, by=enforcement,
                                        expected_version=recorded.version, note="Niets gevonden")
    assert closed.closed_at is not None and closed.version == recorded.version + 1
    assert _link(recorded).closed_at == closed.closed_at
    reopened = services.signal_transition(signal=closed, to_status=S.OPEN, by=enforcement,
                                          expected_version=closed.version)
    assert reopened.closed_at is None and _link(recorded).closed_at is None
    steps = [(e.from_status, e.to_status, e.partner_id) for e in recorded.events.order_by("at", "id")]
    assert steps == [("", S.OPEN, world.partners["corp"]), (S.OPEN, S.CLOSED, world.partners["muni"]),
                     (S.CLOSED, S.OPEN, world.partners["muni"])]


def test_a_step_outside_the_table_is_refused_and_changes_nothing(world: World, recorded):
    manager = world.user("social_manager")
    investigating = services.signal_transition(signal=recorded, to_status=S.UNDER_INVESTIGATION, by=manager,
                                               expected_version=recorded.version)
    for bad in (S.OPEN, S.UNDER_INVESTIGATION, "vergeten"):
        with pytest.raises(ValidationError):
            services.signal_transition(signal=investigating, to_status=bad, by=manager,
                                       expected_version=investigating.version)
    investigating.refresh_from_db()
    assert investigating.status == S.UNDER_INVESTIGATION and investigating.events.count() == 2


def test_a_stale_version_is_a_conflict(world: World, recorded):
    manager = world.user("social_manager")
    services.signal_transition(signal=recorded, to_status=S.UNDER_INVESTIGATION, by=manager,
                               expected_version=recorded.version)
    with pytest.raises(Conflict) as raised:
        services.signal_transition(signal=recorded, to_status=S.CLOSED, by=manager, expected_version=recorded.version)
    assert raised.value.current_version == recorded.version + 1
    recorded.refresh_from_db()
    assert recorded.status == S.UNDER_INVESTIGATION and _link(recorded).closed_at is None


def test_a_signal_about_a_unit_only_links_nobody(world: World):
    unit = Unit.objects.filter(complex__slug="akkerflat", households__isnull=True).first()
    signal = services.signal_create(unit=unit, to_partner=Partner.objects.get(pk=world.partners["muni"]),
                                    kind="hemp", observed_on=DAY, description="leeg", by=world.user("enforcement"))
    assert signal.household_id is None
    assert not HouseholdLink.objects.filter(reason=HouseholdLink.Reason.SIGNAL, source_id=signal.pk).exists()


def test_the_receiver_must_be_a_partner_of_the_trajectory_and_the_household_live_there(world: World):
    from voordeur.households.models import Household

    h1 = Household.objects.select_related("unit").get(pk=world.households["h1"])
    other_unit = Household.objects.get(pk=world.households["h2"]).unit
    args = {"kind": "other", "observed_on": DAY,
            "description": "x", "by": world.user("social_manager")}
    with pytest.raises(ValidationError):
        services.signal_create(unit=h1.unit, household=h1, to_partner=Partner.objects.get(
            pk=world.partners["other_corp"]), **args)
    with pytest.raises(ValidationError):
        services.signal_create(unit=other_unit, household=h1, to_partner=Partner.objects.get(
            pk=world.partners["muni"]), **args)
    assert not CrimeSignal.objects.filter(household=h1).exists()


def test_changes_are_audited_without_the_description_or_notes(world: World, recorded):
    services.signal_transition(signal=recorded, to_status=S.CLOSED, by=world.user("enforcement"),
                               expected_version=recorded.version, note="Toets-Notitie-88")
    events = AuditEvent.objects.filter(object_type="safety.crimesignal", object_id=str(recorded.pk))
    assert [(e.action, e.category, e.actor) for e in events.order_by("seq")] == [
        ("create", "crime", "social_manager"), ("update", "crime", "enforcement")]
    for event in events:
        text = f"{event.purpose} {event.detail}"
        assert SECRET not in text and "Toets-Notitie-88" not in text and "drug" not in text


def test_description_and_notes_are_encrypted_at_rest(world: World, recorded):
    services.signal_transition(signal=recorded, to_status=S.CLOSED, by=world.user("enforcement"),
                               expected_version=recorded.version, note="Toets-Notitie-88")
    with connection.cursor() as cursor:
        cursor.execute("SELECT description FROM safety_crimesignal WHERE id = %s", [recorded.pk])
        (stored,) = cursor.fetchone()
        cursor.execute("SELECT note FROM safety_crimesignalevent WHERE signal_id = %s", [recorded.pk])
        notes = [row[0] for row in cursor.fetchall()]
    assert stored.startswith("fernet:") and "Toets-Omschrijving" not in stored
    assert all(note.startswith("fernet:") and "Toets-Notitie" not in note for note in notes)
    recorded.refresh_from_db()
    assert recorded.description == SECRET
