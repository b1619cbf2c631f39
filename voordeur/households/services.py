"""Writes to households, people and the contact log."""

import datetime as dt
from typing import Any

from django.db import transaction

from voordeur.access.policy import Category
from voordeur.households.models import ContactLogEntry, Household, Person
from voordeur.lib.services import create_record, update_record


@transaction.atomic
def household_update(*, household: Household, by, changes: dict[str, Any], expected_version: int) -> Household:
    return update_record(
        household, by=by, changes=changes, expected_version=expected_version, category=Category.CONTACT
    )


@transaction.atomic
def person_update(*, person: Person, by, changes: dict[str, Any], expected_version: int) -> Person:
    return update_record(person, by=by, changes=changes, expected_version=expected_version, category=Category.HOUSEHOLD)


@transaction.atomic
def contact_log_create(
    *, household: Household, by, contacted_at: dt.datetime, channel: str, topic: str, reached: bool = True
) -> ContactLogEntry:
    """Log one approach of a household. The organisation is the user's own; never content."""
    entry = ContactLogEntry(
        household=household, partner=by.partner, user=by, contacted_at=contacted_at,
        channel=channel, topic=topic, reached=reached,
    )
    return create_record(entry, by=by, category=Category.CONTACTS_LOG, detail={"household": household.pk})
