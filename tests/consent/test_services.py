"""Campaign services: the Overlegwet dates, notices after the deadline with their 8 weeks, a
significant change re-notifying only those affected, and append-only histories."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, translation

from tests.auth import login_verified
from voordeur.consent.deadlines import advice_dates, court_deadline
from voordeur.consent.models import Answer, Response, ResultNotice
from voordeur.consent.services import advice_save, notices_record, proposal_create, proposal_revise, response_record
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Complex, Unit

D = dt.date


def shown(day: dt.date) -> str:
    with translation.override("nl"):
        return formats.date_format(day, "DATE_FORMAT")


def test_advice_dates_under_the_overlegwet():
    kwargs = {"requested_on": D(2027, 1, 4), "today": D(2027, 3, 1)}
    none = advice_dates(received_on=None, departs=False, reasons_sent_on=None, **kwargs)
    assert none.advice_due == D(2027, 2, 15) and none.earliest_proceed == D(2027, 2, 15)
    followed = advice_dates(received_on=D(2027, 2, 1), departs=False, reasons_sent_on=None, **kwargs)
    assert followed.earliest_proceed == D(2027, 2, 1) and followed.reasons_due is None
    waiting = advice_dates(received_on=D(2027, 2, 1), departs=True, reasons_sent_on=None, **kwargs)
    assert waiting.reasons_due == D(2027, 2, 15) and waiting.earliest_proceed is None and waiting.reasons_late
    departed = advice_dates(received_on=D(2027, 2, 1), departs=True, reasons_sent_on=D(2027, 2, 10), **kwargs)
    assert departed.earliest_proceed == D(2027, 2, 10) and not departed.reasons_late
    assert court_deadline(D(2027, 2, 20)) == D(2027, 4, 17)


@pytest.fixture
def closed(world):
    """A proposal whose deadline has passed: h1, h2 and h3 agreed, h4 said no, h5 and h6 were silent."""
    sent = today() - dt.timedelta(days=60)
    proposal = proposal_create(complex=Complex.objects.get(slug="akkerflat"), title="Gesloten voorstel",
                               sent_on=sent, response_deadline=today() - dt.timedelta(days=14), by=None)
    for n, answer in ((1, Answer.YES), (2, Answer.YES), (3, Answer.YES), (4, Answer.NO)):
        response_record(proposal=proposal, tenancy=Tenancy.objects.get(tenancy_id=f"T-ons-00{n}"), answer=answer,
                        responded_on=sent + dt.timedelta(days=n), channel="letter", by=world.user("reno_lead"))
    return proposal


def test_notices_after_the_deadline_and_the_8_weeks(world, closed):
    with pytest.raises(ValidationError):
        notices_record(proposal=closed, notified_on=closed.response_deadline, by=None)
    notified = today() - dt.timedelta(days=3)
    assert notices_record(proposal=closed, notified_on=notified, by=world.user("director")) == 6
    assert notices_record(proposal=closed, notified_on=notified, by=None) == 0  # once per tenancy
    client = Client()
    login_verified(client, world.user("director"))
    html = client.get("/t/ons-traject/instemming/uitslag/").content.decode()
    deadline = shown(court_deadline(notified))
    assert html.count(deadline) == 3  # h4 (no), h5 and h6 (no response); those who agreed have none
    assert "4 van de 6" not in html and "3 van de 6 huurders gingen akkoord" in html


def test_a_significant_change_for_fewer_than_30_percent_renotifies_only_them(world, closed):
    notices_record(proposal=closed, notified_on=today() - dt.timedelta(days=5), by=None)
    units = list(Unit.objects.filter(unit_id__in=["AK-005", "AK-006"]).order_by("unit_id"))
    with pytest.raises(ValidationError):  # 2 of 6 dwellings is 33%: a new proposal is needed
        proposal_revise(proposal=closed, summary="Ander balkon", languages="nl", changed_on=today(),
                        significant=True, affected_units=units, by=None)
    version = proposal_revise(proposal=closed, summary="Ander balkon", languages="nl", changed_on=today(),
                              significant=True, affected_units=units[:1], by=world.user("director"))
    again = ResultNotice.objects.filter(proposal_version=version)
    assert [(n.tenancy.tenancy_id, n.notified_on, n.agreed) for n in again] == [("T-ons-005", today(), False)]
    client = Client()
    login_verified(client, world.user("director"))
    html = client.get("/t/ons-traject/instemming/uitslag/").content.decode()
    assert shown(court_deadline(today())) in html and "opnieuw, versie 2" in html


def test_histories_are_append_only_and_advice_is_versioned(world, closed):
    count = Response.objects.count()
    tenancy = Tenancy.objects.get(tenancy_id="T-ons-004")
    response_record(proposal=closed, tenancy=tenancy, answer=Answer.YES, responded_on=today(), channel="phone",
                    by=None)
    assert Response.objects.count() == count + 1
    assert list(Response.objects.filter(proposal=closed, tenancy=tenancy).values_list("answer", flat=True)) == [
        "no", "yes"]
    advice = advice_save(proposal=closed, requested_on=D(2026, 1, 5), received_on=None, departs=False,
                         reasons_sent_on=None, by=None)
    with pytest.raises(ValidationError):
        advice_save(proposal=closed, requested_on=D(2026, 1, 5), received_on=D(2026, 1, 1), departs=False,
                    reasons_sent_on=None, by=None, expected_version=advice.version)


def test_a_version_document_is_a_pdf_served_only_to_consent_readers(world, closed, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError):
        proposal_revise(proposal=closed, summary="v2", languages="nl,en", changed_on=today(), by=None,
                        document=SimpleUploadedFile("v2.pdf", b"<html>not a pdf</html>"))
    proposal_revise(proposal=closed, summary="v2", languages="nl,en", changed_on=today(), by=None,
                    document=SimpleUploadedFile("v2.pdf", b"%PDF-1.7 voorstel"))
    url = f"/t/ons-traject/instemming/voorstel/?voorstel={closed.pk}&document=2"
    director = Client()
    login_verified(director, world.user("director"))
    response = director.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-1.7")
    assert director.get(url.replace("document=2", "document=1")).status_code == 404  # version 1 has none
    broker = Client()
    login_verified(broker, world.user("broker"))
    assert broker.get(url).status_code == 404
