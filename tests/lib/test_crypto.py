"""Encryption at rest: the stored value is a token, never the plain text; keys rotate."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent
from voordeur.lib import crypto
from voordeur.lib.keyrotation import rotate_all
from voordeur.visits.models import LifeDomainAssessment

SECRET_NOTE = "Schulden-bij-de-Belastingdienst-7731"


def test_encrypt_round_trip_and_prefix(settings):
    token = crypto.encrypt("geheim")
    assert token.startswith(crypto.PREFIX) and "geheim" not in token
    assert crypto.decrypt(token) == "geheim"


def test_an_unknown_key_cannot_read(settings):
    token = crypto.encrypt("geheim")
    settings.FIELD_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured):
        crypto.decrypt(token)


def test_a_bad_key_is_a_configuration_error(settings):
    settings.FIELD_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")


def test_every_sensitive_category_field_is_encrypted():
    found = {f"{model._meta.label}.{name}" for model, name in crypto.encrypted_fields()}
    assert {"visits.LifeDomainAssessment.domains", "referrals.Referral.reason", "exploring.Arrears.amount",
            "exploring.Arrears.months", "exploring.Arrears.last_reminder"} <= found


def _assessment(world):
    from voordeur.households.models import Household
    from voordeur.visits.models import LifeDomainAssessment, Visit

    household = Household.objects.get(pk=world.households["h1"])
    partner = world.user("broker").partner
    visit = Visit.objects.create(unit=household.unit, household=household, partner=partner,
                                 visited_on="2027-03-01", time_of_day="morning", outcome="talked")
    return LifeDomainAssessment.objects.create(
        visit=visit, household=household, partner=partner,
        domains={"finances": {"score": 2, "note": SECRET_NOTE}})


def _raw(model, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table}")
        return [row[0] for row in cursor.fetchall()]


def test_the_database_holds_no_plain_text(world):
    assessment = _assessment(world)
    assessment.refresh_from_db()
    assert assessment.domains["finances"]["note"] == SECRET_NOTE
    stored = _raw(type(assessment), "domains")
    assert stored and all(value.startswith(crypto.PREFIX) for value in stored)
    assert not any(SECRET_NOTE in value for value in stored)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the database file check is for the embedded SQLite")
def test_the_database_file_does_not_contain_the_plain_text(world):
    _assessment(world)
    connection.ensure_connection()
    data = connection.connection.serialize()  # the test database's bytes, exactly as a database file holds them
    stored = _raw(LifeDomainAssessment, "domains")[0]
    assert stored.encode() in data  # the row is in these bytes, as a token
    assert SECRET_NOTE.encode() not in data


def test_rotation_re_encrypts_under_the_newest_key(world, settings):
    assessment = _assessment(world)
    old_key = settings.FIELD_KEYS[0]
    before = _raw(type(assessment), "domains")
    settings.FIELD_KEYS = [Fernet.generate_key().decode(), old_key]
    rows = LifeDomainAssessment.objects.count()
    due = rotate_all(dry_run=True)
    assert rows >= 1 and due["visits.LifeDomainAssessment.domains"] == rows
    assert _raw(type(assessment), "domains") == before  # dry run changes nothing

    call_command("keys", "rotate")
    after = _raw(type(assessment), "domains")
    assert after != before
    assert rotate_all(dry_run=True)["visits.LifeDomainAssessment.domains"] == 0
    settings.FIELD_KEYS = settings.FIELD_KEYS[:1]  # the old key can go now
    assessment.refresh_from_db()
    assert assessment.domains["finances"]["note"] == SECRET_NOTE
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "keys_rotate" and event.detail["visits.LifeDomainAssessment.domains"] == rows
    assert verify() is None
