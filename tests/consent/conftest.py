"""A proposal on the persona world's complex (akkerflat: 6 homes, 1 guest home, 6 tenancies)."""

import datetime as dt

import pytest

from tests.personas import World
from voordeur.consent.services import proposal_create
from voordeur.lib.dates import today
from voordeur.places.models import Complex

SENT_DAYS_AGO = 10


@pytest.fixture
def proposal(world: World):
    sent = today() - dt.timedelta(days=SENT_DAYS_AGO)
    return proposal_create(
        complex=Complex.objects.get(slug="akkerflat"), title="Akkerflat Renovatie-Voorstel",
        summary="Isolatie en nieuwe keukens.", languages="nl,en", sent_on=sent,
        response_deadline=sent + dt.timedelta(days=42), by=world.user("reno_lead"),
    )

