"""The consent pages for every persona, recording at the door, the door-grid layer, the
aggregates for others, and query counts that do not grow with the flat."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.access.expect import forbidden_values
from tests.auth import login_verified
from tests.personas import OTHER, OURS, World, grant_level, who_all
from tests.web.fixtures_doors import doors_flat  # noqa: F401  (a fixture)
from voordeur.access.policy import Category
from voordeur.accounts.models import User
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import Answer, Response
from voordeur.consent.services import proposal_create, response_record
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today

PAGES = ["instemming/", "instemming/voorstel/", "instemming/bereik/", "instemming/brieven/", "instemming/uitslag/"]


@pytest.fixture
def answered(world, proposal):
    lead = world.user("reno_lead")
    for tenancy_id, answer in (("T-ons-001", Answer.YES), ("T-ons-002", Answer.NO)):
        response_record(proposal=proposal, tenancy=Tenancy.objects.get(tenancy_id=tenancy_id), answer=answer,
                        responded_on=today() - dt.timedelta(days=2), channel="door", by=lead)
    return proposal


def client_as(world: World, who: str) -> Client:
    client = Client()
    login_verified(client, world.user(who))
    return client


@pytest.mark.parametrize("who", who_all())
def test_every_consent_page_for_every_persona(world, answered, who):
    client = client_as(world, who)
    forbidden = forbidden_values(world, who)
    readable = grant_level(who, Category.CONSENT).reads
    for slug in (OURS, OTHER):
        for page in PAGES:
            response = client.get(f"/t/{slug}/{page}")
            visible = readable and slug in world.member_of(who)
            assert response.status_code == (200 if visible else 404), (who, slug, page)
            html = response.content.decode()
            assert not [value for value in forbidden if value in html], (who, page)
            if visible and slug == OURS and page == "instemming/":
                assert 'data-vd="agreed">1<' in html and 'data-vd="against">1<' in html
                assert 'data-vd="no_response">4<' in html and 'data-vd="needed">4<' in html
                assert "<svg" in html and "style=" not in html and "<script>" not in html


def test_the_lead_records_a_response_at_the_door(world, proposal):
    client = client_as(world, "reno_lead")
    tenancy = Tenancy.objects.get(tenancy_id="T-ons-005")
    response = client.post(f"/t/{OURS}/instemming/", {
        "voorstel": proposal.pk, "tenancy": tenancy.pk, "channel": "door",
        "responded_on": today().isoformat(), "answer": "yes"})
    assert response.status_code == 302 and response["Location"] == f"/t/{OURS}/instemming/?voorstel={proposal.pk}"
    saved = Response.objects.get(proposal=proposal)
    assert (saved.tenancy_id, saved.answer, saved.recorded_by.username) == (tenancy.pk, "yes", "reno_lead")
    assert AuditEvent.objects.filter(action="create", object_type="consent.response", object_id=str(saved.pk),
                                     actor="reno_lead").exists()
    changed = client.post(f"/t/{OURS}/instemming/", {
        "voorstel": proposal.pk, "tenancy": tenancy.pk, "channel": "phone",
        "responded_on": today().isoformat(), "answer": "no"})
    assert changed.status_code == 302
    assert list(Response.objects.filter(tenancy=tenancy).values_list("answer", flat=True)) == ["yes", "no"]
    html = client.get(f"/t/{OURS}/deuren/", {"laag": "consent"}).content.decode()
    assert 'Niet akkoord: <strong class="vd-door-legend__count">1</strong>' in html


def test_reading_roles_may_not_record_and_bad_input_changes_nothing(world, proposal):
    tenancy = Tenancy.objects.get(tenancy_id="T-ons-005")
    payload = {"voorstel": proposal.pk, "tenancy": tenancy.pk, "channel": "door",
               "responded_on": today().isoformat(), "answer": "yes"}
    assert client_as(world, "social_manager").post(f"/t/{OURS}/instemming/", payload).status_code == 403
    assert client_as(world, "broker").post(f"/t/{OURS}/instemming/", payload).status_code == 404
    lead = client_as(world, "reno_lead")
    other = Tenancy.objects.get(tenancy_id="T-and-009")
    assert lead.post(f"/t/{OURS}/instemming/", {**payload, "tenancy": other.pk}).status_code == 400
    future = (today() + dt.timedelta(days=1)).isoformat()
    assert lead.post(f"/t/{OURS}/instemming/", {**payload, "responded_on": future}).status_code == 400
    assert lead.post(f"/t/{OURS}/instemming/", {**payload, "answer": "misschien"}).status_code == 400
    assert not Response.objects.filter(proposal=proposal).exists()


def test_the_door_grid_layer_and_the_aggregates_for_others(world, answered):
    html = client_as(world, "director").get(f"/t/{OURS}/deuren/", {"laag": "consent"}).content.decode()
    for label, count in (("Akkoord", 1), ("Niet akkoord", 1), ("Geen reactie", 4)):
        assert f'{label}: <strong class="vd-door-legend__count">{count}</strong>' in html
    broker = client_as(world, "broker")
    assert broker.get(f"/t/{OURS}/deuren/", {"laag": "consent"}).status_code == 404
    figures = broker.get(f"/t/{OURS}/cijfers/").content.decode()
    assert "Instemming met het renovatievoorstel" in figures and "&lt;5" in figures
    api = broker.get(f"/api/v1/trajectories/{world.trajectories[OURS]}/aggregates/consent/").json()
    assert api["category"] == "consent" and api["total"] == 6
    assert {cell for row in api["rows"] for cell in row["cells"].values()} <= {0, "<5"}


def test_outreach_lists_who_has_not_responded_and_assigns(world, answered):
    client = client_as(world, "director")
    html = client.get(f"/t/{OURS}/instemming/bereik/").content.decode()
    assert "4 huishoudens zonder reactie" in html
    assert world.values["h3"]["name"] in html and world.values["h1"]["name"] not in html
    assert "tolk nodig" in html and "Avond" in html
    lead = User.objects.get(username="reno_lead")
    t3, t4 = Tenancy.objects.filter(tenancy_id__in=["T-ons-003", "T-ons-004"]).order_by("tenancy_id")
    response = client.post(f"/t/{OURS}/instemming/bereik/", {"voorstel": answered.pk, "tenancies": [t3.pk, t4.pk],
                                                            "assignee": lead.pk})
    assert response.status_code == 302
    html = client.get(f"/t/{OURS}/instemming/bereik/").content.decode()
    assert html.count("Voornaam-reno_lead Persona") >= 2
    agreed = Tenancy.objects.get(tenancy_id="T-ons-001")  # answered: not open for outreach
    assert client.post(f"/t/{OURS}/instemming/bereik/", {"voorstel": answered.pk, "tenancies": [agreed.pk],
                                                         "assignee": lead.pk}).status_code == 400


def test_letters_page_flags_and_prints(world, answered):
    client = client_as(world, "reno_lead")
    html = client.get(f"/t/{OURS}/instemming/brieven/").content.decode()
    assert "tolk regelen" in html and "Turks" in html  # the world's households speak Turkish: no letter file yet
    waiting = Tenancy.objects.get(tenancy_id="T-ons-003")
    pdf = client.get(f"/t/{OURS}/instemming/brieven/", {"voorstel": answered.pk, "pdf": "reminder",
                                                          "huurder": waiting.pk})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="export").latest("seq")
    assert event.detail["households"] == 1 and event.detail["pages"] == 1 and event.actor == "reno_lead"
    assert event.detail["tenancies"] == [waiting.pk]
    answered_one = Tenancy.objects.get(tenancy_id="T-ons-001")  # responded: no reminder
    for params in ({"pdf": "flyer", "huurder": waiting.pk}, {"pdf": "reminder", "huurder": answered_one.pk},
                   {"pdf": "cover"}):  # a whole batch is printed in the background, never in the request
        assert client.get(f"/t/{OURS}/instemming/brieven/", {"voorstel": answered.pk, **params}).status_code == 404


@pytest.fixture
def campaign_flat(doors_flat):  # noqa: F811
    def make(slug: str, floors: int, per_floor: int):
        _broker, trajectory = doors_flat(slug, floors, per_floor)
        director = User.objects.create(username=f"director-{slug}", role="director")
        trajectory.memberships.create(user=director)
        sent = today() - dt.timedelta(days=20)
        proposal = proposal_create(complex=trajectory.complex, title="V", sent_on=sent,
                                   response_deadline=sent + dt.timedelta(days=40), by=None)
        for i, tenancy in enumerate(Tenancy.objects.filter(unit__complex=trajectory.complex)):
            if i % 3:
                Response.objects.create(proposal=proposal, tenancy=tenancy, answer="yes" if i % 2 else "no",
                                        responded_on=sent + dt.timedelta(days=i % 15), channel="door")
        return director, trajectory

    return make


@pytest.mark.parametrize(("page", "limit"), [("instemming/", 14), ("instemming/bereik/", 18),
                                             ("instemming/brieven/", 14), ("instemming/uitslag/", 13),
                                             ("instemming/voorstel/", 13)])
def test_query_counts_do_not_grow_with_the_flat(campaign_flat, django_assert_max_num_queries, page, limit):
    counts = []
    for slug, floors, per_floor in (("klein", 2, 3), ("groot", 9, 20)):
        director, trajectory = campaign_flat(slug, floors, per_floor)
        client = Client()
        login_verified(client, director)
        with django_assert_max_num_queries(limit), CaptureQueriesContext(connection) as queries:
            assert client.get(f"/t/{trajectory.slug}/{page}").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
