"""Printing all letters in the background: the request only queues a job; the worker renders
one page per household with progress; the PDF is downloadable only through the letters page,
by roles that read consent and contact, and each download is audited."""

import re
import zlib

import pytest
from django.test import Client

from tests.auth import login_verified
from tests.personas import OTHER, OURS, World, grant_level, who_all
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.consent.batches import LETTERS_JOB, batch_tenancies, letter_batch_start
from voordeur.consent.models import LetterBatch
from voordeur.jobs import worker
from voordeur.jobs.models import Job

URL = f"/t/{OURS}/instemming/brieven/"


def client_as(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


def page_count(pdf: bytes) -> int:
    """Pages of a PDF, counted in its (possibly compressed) object streams."""
    text = pdf
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            text += zlib.decompress(stream)
        except zlib.error:
            continue
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", text))


@pytest.fixture
def printed(world, proposal):
    """The lead asks for all cover letters; the worker prints them."""
    client = client_as(world, "reno_lead")
    response = client.post(URL, {"voorstel": proposal.pk, "pdf": "cover"})
    assert response.status_code == 302 and response["Location"] == f"{URL}?voorstel={proposal.pk}"
    batch = LetterBatch.objects.get(proposal=proposal)
    assert batch.job.kind == LETTERS_JOB and batch.job.status == Job.Status.QUEUED and batch.pages is None
    job = worker.run_once()
    assert job.pk == batch.job_id and job.status == Job.Status.DONE, job.error
    batch.refresh_from_db()
    return client, batch


def test_the_request_only_queues_the_worker_prints_a_page_per_household(world, proposal, printed):
    client, batch = printed
    assert batch.total == 6 and batch.rendered == 6 and batch.pages == 6  # six current tenants of akkerflat
    pdf = bytes(batch.pdf)
    assert pdf.startswith(b"%PDF") and page_count(pdf) == 6
    assert batch.job.progress == 100 and batch.job.result_ref == str(batch.pk)
    assert AuditEvent.objects.filter(action="create", object_type="consent.letterbatch", actor="reno_lead").exists()


def test_progress_is_reported_per_chunk_of_households(world, proposal, monkeypatch):
    from voordeur.consent import printing

    monkeypatch.setattr(printing, "CHUNK", 4)
    batch = letter_batch_start(proposal=proposal, kind="cover", by=world.user("director"),
                               tenancies=batch_tenancies(user=world.user("director"), proposal=proposal, kind="cover"))
    seen = []
    printing.print_letter_batch({"batch": batch.pk}, lambda percent, message: seen.append((percent, message)))
    assert seen == [(4 * 95 // 6, "4/6"), (95, "6/6")]
    batch.refresh_from_db()
    assert batch.rendered == 6 and page_count(bytes(batch.pdf)) == 6


def test_the_page_polls_while_printing_then_offers_the_download(world, proposal):
    client = client_as(world, "director")
    client.post(URL, {"voorstel": proposal.pk, "pdf": "cover"})
    client.post(URL, {"voorstel": proposal.pk, "pdf": "cover"})  # a second click queues nothing new
    assert LetterBatch.objects.filter(proposal=proposal).count() == Job.objects.count() == 1
    progress = client.get(f"{URL}voortgang/", {"voorstel": proposal.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in progress and "0 van 6 huishoudens" in progress
    assert 'hx-trigger="every 2s"' in client.get(URL, {"voorstel": proposal.pk}).content.decode()
    worker.run_once()
    batch = LetterBatch.objects.get(proposal=proposal)
    done = client.get(f"{URL}voortgang/", {"voorstel": proposal.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in done and f"bundel={batch.pk}" in done


def test_the_download_is_audited_with_who_what_and_how_many(world, proposal, printed):
    client, batch = printed
    response = client.get(URL, {"voorstel": proposal.pk, "bundel": batch.pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == bytes(batch.pdf) and "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.actor == "reno_lead" and event.purpose == "letters cover"
    assert event.detail["households"] == 6 and event.detail["pages"] == 6 and event.detail["batch"] == batch.pk
    assert len(event.detail["tenancies"]) == 6


@pytest.mark.parametrize("who", who_all())
def test_only_roles_that_read_consent_and_contact_download(world, proposal, printed, who):
    _client, batch = printed
    client = client_as(world, who)
    exports = AuditEvent.objects.filter(action="export").count()
    allowed = grant_level(who, Category.CONSENT).reads and OURS in world.member_of(who)
    response = client.get(URL, {"voorstel": proposal.pk, "bundel": batch.pk})
    assert response.status_code == (200 if allowed else 404), who
    assert AuditEvent.objects.filter(action="export").count() == exports + allowed
    # nor through the other trajectory's page, nor by starting a print
    assert client.get(f"/t/{OTHER}/instemming/brieven/", {"bundel": batch.pk}).status_code == 404
    started = client.post(URL, {"voorstel": proposal.pk, "pdf": "reminder"})
    assert started.status_code == (302 if allowed else 404), who


def test_an_unfinished_or_unknown_batch_is_not_found(world, proposal):
    client = client_as(world, "director")
    client.post(URL, {"voorstel": proposal.pk, "pdf": "cover"})
    batch = LetterBatch.objects.get(proposal=proposal)
    assert client.get(URL, {"voorstel": proposal.pk, "bundel": batch.pk}).status_code == 404  # still queued
    assert client.get(URL, {"voorstel": proposal.pk, "bundel": batch.pk + 99}).status_code == 404
    assert client.post(URL, {"voorstel": proposal.pk, "pdf": "flyer"}).status_code == 404
