"""A big previewed upload is applied by the job queue; the upload page follows its progress."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.auth import login_verified
from tests.imports.test_web import TENANCIES, URL, apply_fields, preview
from voordeur.households.models import Household, Tenancy
from voordeur.imports import background
from voordeur.imports.models import ImportRun, PendingUpload
from voordeur.jobs.models import Job
from voordeur.jobs.worker import run_once

pytestmark = pytest.mark.django_db


@pytest.fixture
def big(monkeypatch):
    """Every file counts as big: the two-row test file goes to the queue."""
    monkeypatch.setattr(background, "INLINE_BYTES", 0)


def test_a_big_file_is_queued_then_applied_with_its_result_on_the_page(world, client, big):
    login_verified(client, world.user("social_manager"))
    fields = apply_fields(preview(client, URL, TENANCIES))
    response = client.post(URL, fields)
    job = Job.objects.get(kind=background.APPLY_JOB)
    assert response.status_code == 302 and response["Location"] == f"{URL}?taak={job.pk}"
    assert not Tenancy.objects.filter(tenancy_id="T-web-1").exists()  # nothing written yet
    assert client.post(URL, fields)["Location"] == f"{URL}?taak={job.pk}"  # asking twice: the same job
    assert Job.objects.filter(kind=background.APPLY_JOB).count() == 1
    assert "pk" not in job.args and set(job.args) == {"upload", "sha256", "kind", "complex", "user"}

    waiting = client.get(f"{URL}?taak={job.pk}")
    assert waiting.status_code == 200
    assert 'hx-trigger="every 2s"' in waiting.content.decode() and "op de achtergrond" in waiting.content.decode()

    assert run_once().status == Job.Status.DONE
    run = ImportRun.objects.get()
    assert (run.kind, run.by_id, run.created, run.updated) == ("tenancies", world.users["social_manager"], 1, 1)
    assert Tenancy.objects.get(tenancy_id="T-web-1").household.name == "Fam. Webnieuw"
    assert not PendingUpload.objects.exists()

    poll = client.get(f"{URL}?taak={job.pk}", headers={"HX-Request": "true", "X-Voordeur-Poll": "1"})
    html = poll.content.decode()
    assert poll.status_code == 200 and "<html" not in html and "hx-trigger" not in html
    assert "Ingelezen: 2 regels, 1 nieuw, 1 bijgewerkt, 0 ongewijzigd." in html
    page = client.get(f"{URL}?taak={job.pk}").content.decode()
    assert 'name="file"' in page  # finished: the next file can be checked


def test_the_job_rechecks_and_writes_nothing_when_the_database_changed(world, client, big):
    login_verified(client, world.user("social_manager"))
    client.post(URL, apply_fields(preview(client, URL, TENANCIES)))
    household = Household.objects.create(unit_id=Tenancy.objects.get(tenancy_id="T-ons-001").unit_id, name="X")
    Tenancy.objects.create(unit_id=household.unit_id, household=household, tenancy_id="T-web-1",
                           start_date=dt.date(2021, 1, 1))
    job = run_once()
    assert job.status == Job.Status.DONE and job.result_ref.startswith(background.PROBLEMS_PREFIX)
    assert not ImportRun.objects.exists() and PendingUpload.objects.count() == 1
    html = client.get(f"{URL}?taak={job.pk}").content.decode()
    assert "Sinds de controle is er iets veranderd" in html and "T-web-1" in html


def test_an_expired_upload_fails_the_job_and_writes_nothing(world, client, big):
    login_verified(client, world.user("social_manager"))
    client.post(URL, apply_fields(preview(client, URL, TENANCIES)))
    PendingUpload.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    job = run_once()
    assert job.status == Job.Status.FAILED and not ImportRun.objects.exists()
    assert "Het inlezen is mislukt" in client.get(f"{URL}?taak={job.pk}").content.decode()


def test_only_the_uploader_sees_the_job_and_only_on_its_own_page(world, client, big):
    login_verified(client, world.user("social_manager"))
    client.post(URL, apply_fields(preview(client, URL, TENANCIES)))
    job = Job.objects.get(kind=background.APPLY_JOB)
    assert client.get(f"/t/ons-traject/gegevens/arrears/?taak={job.pk}").status_code == 404  # another kind
    assert client.get(f"{URL}?taak=x").status_code == 404
    login_verified(client, world.user("broker"))  # may import tenancies, but it is not their job
    assert client.get(f"{URL}?taak={job.pk}").status_code == 404


def test_a_small_file_is_still_applied_within_the_request(world, client):
    login_verified(client, world.user("social_manager"))
    response = client.post(URL, apply_fields(preview(client, URL, TENANCIES)))
    assert response.status_code == 302 and response["Location"] == "/t/ons-traject/gegevens/"
    assert not Job.objects.exists() and ImportRun.objects.count() == 1
