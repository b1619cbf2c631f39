"""Uploading partner data in the web: preview (nothing written, every problem per line),
then apply exactly the previewed file — only by its uploader, only while it is fresh."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from tests.auth import login_verified
from tests.imports.conftest import csv
from voordeur.exploring.models import Arrears, Repair
from voordeur.households.models import Household, Tenancy
from voordeur.imports.models import ImportRun, PendingUpload

pytestmark = pytest.mark.django_db

TENANCIES = csv("unit_id,tenancy_id,start_date,end_date,name,phone,email,language",
                "AK-007,T-web-1,2020-03-01,,Fam. Webnieuw,030-1112223,web@example.org,nl",
                "AK-006,T-ons-006,2015-01-06,2024-06-30,Fam. Akkerwinde-6,+31 6 4711 0006,huishouden6@persona.example,tr")
URL = "/t/ons-traject/gegevens/tenancies/"


def preview(client, url: str, content: str, **fields):
    data = {"action": "preview", "file": SimpleUploadedFile("bestand.csv", content.encode()), "source": "p-corp",
            "legal_basis": "huurovereenkomst", "received_on": "2026-01-15", **fields}
    return client.post(url, data)


def apply_fields(response) -> dict:
    html = response.content.decode()
    upload = re.search(r'name="upload" value="(\d+)"', html).group(1)
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', html).group(1)
    return {"action": "apply", "upload": upload, "sha256": sha}


def test_preview_shows_counts_and_changes_and_writes_nothing_then_apply_writes(world, client):
    login_verified(client, world.user("social_manager"))
    page = client.get(URL)
    assert page.status_code == 200 and b'name="file"' in page.content
    before = list(Tenancy.objects.values_list("tenancy_id", "end_date", "version"))
    response = preview(client, URL, TENANCIES)
    assert response.status_code == 200, response.content.decode()
    html = response.content.decode()
    assert "2 regels: 1 nieuw, 1 bijgewerkt, 0 ongewijzigd" in html
    assert "T-web-1" in html and "T-ons-006" in html and "einddatum" in html
    assert "Fam. Webnieuw" not in html and "030-1112223" not in html  # keys and field names only
    assert list(Tenancy.objects.values_list("tenancy_id", "end_date", "version")) == before
    assert not ImportRun.objects.exists()
    pending = PendingUpload.objects.get()
    assert pending.owner_id == world.users["social_manager"] and pending.kind == "tenancies"
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM imports_pendingupload")
        assert cursor.fetchone()[0].startswith("fernet:")  # the file is encrypted at rest

    applied = client.post(URL, apply_fields(response))
    assert applied.status_code == 302 and applied["Location"] == "/t/ons-traject/gegevens/"
    assert Tenancy.objects.get(tenancy_id="T-web-1").household.name == "Fam. Webnieuw"
    assert str(Tenancy.objects.get(tenancy_id="T-ons-006").end_date) == "2024-06-30"
    run = ImportRun.objects.get()
    assert (run.kind, run.by_id, run.rows, run.created, run.updated) == ("tenancies", world.users["social_manager"],
                                                                         2, 1, 1)
    assert (run.received_on, run.source_partner_id) == (dt.date(2026, 1, 15), world.partners["corp"])
    assert not PendingUpload.objects.exists()
    overview = client.get("/t/ons-traject/gegevens/")
    text = overview.content.decode()
    assert "Ingelezen: 2 regels, 1 nieuw, 1 bijgewerkt, 0 ongewijzigd." in text
    assert "Huurovereenkomsten en huishoudens" in text and "Woonstede Persona" in text
    assert client.post(URL, apply_fields(response)).status_code == 404  # applied once, then gone


def test_problems_are_listed_per_line_and_nothing_is_kept(world, client):
    login_verified(client, world.user("social_manager"))
    bad = csv("unit_id,tenancy_id,start_date,end_date,name,phone,email,language",
              "AK-007,T-web-1,2020-02-30,,Fam. X,,,",
              "AN-001,T-web-2,2020-01-01,,,,,xx")
    response = preview(client, URL, bad)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het bestand heeft 4 problemen. Er is niets ingelezen" in html
    for text in ("Regel 2, kolom start_date: &#x27;2020-02-30&#x27; is not a date that exists",
                 "Regel 3, kolom language: &#x27;xx&#x27; is not an ISO 639 language code",
                 "Regel 3, kolom name: a value is required",
                 "Regel 3, kolom unit_id: unknown unit &#x27;AN-001&#x27; in this complex"):
        assert text in html, text
    assert not PendingUpload.objects.exists() and not Tenancy.objects.filter(tenancy_id__startswith="T-web").exists()
    assert 'name="upload"' not in html


def test_another_user_cannot_apply_the_preview(world, client):
    login_verified(client, world.user("social_manager"))
    fields = apply_fields(preview(client, URL, TENANCIES))
    login_verified(client, world.user("broker"))  # may import tenancies too, but it is not their upload
    assert client.post(URL, fields).status_code == 404
    assert client.post(URL, {**fields, "sha256": "0" * 64}).status_code == 404
    login_verified(client, world.user("social_manager"))
    assert client.post(URL, {**fields, "sha256": "0" * 64}).status_code == 404  # not the previewed file
    assert client.post("/t/ons-traject/gegevens/units/", fields).status_code == 403  # reads places, cannot write
    assert not Tenancy.objects.filter(tenancy_id="T-web-1").exists()
    PendingUpload.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    assert client.post(URL, fields).status_code == 404  # expired
    assert not Tenancy.objects.filter(tenancy_id="T-web-1").exists()


def test_apply_rechecks_and_writes_nothing_when_the_database_changed(world, client):
    login_verified(client, world.user("social_manager"))
    fields = apply_fields(preview(client, URL, TENANCIES))
    household = Household.objects.create(unit_id=Tenancy.objects.get(tenancy_id="T-ons-001").unit_id, name="X")
    Tenancy.objects.create(unit_id=household.unit_id, household=household, tenancy_id="T-web-1",
                           start_date=dt.date(2021, 1, 1))
    response = client.post(URL, fields)
    assert response.status_code == 409
    assert "Sinds de controle is er iets veranderd" in response.content.decode()
    assert not ImportRun.objects.exists() and PendingUpload.objects.count() == 1


def test_readers_see_the_history_but_cannot_upload(world, client):
    login_verified(client, world.user("director"))  # reads repairs, may not write them
    page = client.get("/t/ons-traject/gegevens/repairs/")
    assert page.status_code == 200 and b'name="file"' not in page.content
    response = preview(client, "/t/ons-traject/gegevens/repairs/", "external_id,unit_id,kind,reported,status\n")
    assert response.status_code == 403
    login_verified(client, world.user("reno_lead"))  # no arrears at all
    assert client.get("/t/ons-traject/gegevens/arrears/").status_code == 404
    login_verified(client, world.user("outsider"))
    assert client.get("/t/ons-traject/gegevens/").status_code == 404


def test_arrears_upload_for_the_only_writer_and_the_links_to_it(world, client):
    login_verified(client, world.user("social_manager"))
    start = client.get("/").content.decode()
    assert 'href="/t/ons-traject/gegevens/"' in start
    trajectory = client.get("/t/ons-traject/").content.decode()
    assert "Gegevens inlezen" in trajectory
    content = csv("tenancy_id,amount,months,last_reminder", "T-ons-002,75.00,1,")
    response = preview(client, "/t/ons-traject/gegevens/arrears/", content,
                       legal_basis="convenant vroegsignalering")
    assert response.status_code == 200
    client.post("/t/ons-traject/gegevens/arrears/", apply_fields(response))
    assert Arrears.objects.get(tenancy__tenancy_id="T-ons-002").amount == "75.00"
    login_verified(client, world.user("researcher"))  # imports nothing: no link
    assert "Gegevens inlezen" not in client.get("/t/ons-traject/").content.decode()


def test_the_web_works_inside_the_trajectory_only(world, client):
    login_verified(client, world.user("social_manager"))
    content = csv("external_id,unit_id,kind,reported,status", "W-1,AN-001,leak,2026-01-05,open")
    response = preview(client, "/t/ons-traject/gegevens/repairs/", content)
    assert "unknown unit &#x27;AN-001&#x27; in this complex" in response.content.decode()
    assert not Repair.objects.filter(external_id="W-1").exists()
