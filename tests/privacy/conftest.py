"""Shared setup of the privacy tests: audit events about persona households, made the way
the app makes them (services), plus events whose details hold values no page may show."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.personas import World
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry, Household, Person
from voordeur.households.services import (
    contact_log_create,
    household_update,
    person_update,
)

OFFICER = "privacy"


@pytest.fixture
def events(world: World) -> dict[str, list[int]]:
    """Audit events about h1 and h2 (seq numbers per household), and two with personal values
    in their details, as a failed login (typed username) and a careless caller could leave."""
    broker = world.user("broker")
    made: dict[str, list[int]] = {"h1": [], "h2": [], "other": []}
    for label in ("h1", "h2"):
        household = Household.objects.get(pk=world.households[label])
        household_update(household=household, by=broker, changes={"best_time": Household.BestTime.MORNING},
                         expected_version=household.version)
        person = Person.objects.filter(household=household).first()
        person_update(person=person, by=broker, changes={"birth_year": 1971}, expected_version=person.version)
        contact_log_create(household=household, by=broker, contacted_at=timezone.now() - dt.timedelta(hours=2),
                           channel=ContactLogEntry.Channel.PHONE, topic=ContactLogEntry.Topic.SUPPORT)
        made[label] = list(AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[:3])
    values = world.values["h1"]
    audit.record(audit.ANONYMOUS, "login_failed", category="accounts", detail={"username": values["person"]})
    audit.record(broker, "create", category="contact", object_type="households.household",
                 object_id=world.households["h3"], detail={"name": values["name"], "phone": values["phone"]})
    made["other"] = list(AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[:2])
    return made
