"""The campaign's REST API beyond the generated access matrix: the tally document is exactly
the command's JSON, responses are append-only and recorded through the service's checks, and
proposals are created and edited with their version."""

import datetime as dt
import io
import json

from django.core.management import call_command

from tests.personas import OTHER, OURS
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import Proposal, Response
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Complex

TALLY_FIELDS = ["proposal", "complex", "dwellings", "tenants", "agreed", "against", "no_response", "percent_agreed",
                "threshold_percent", "threshold_met", "presumption_applies", "response_deadline", "counted_at",
                "not_agreed"]


def world_proposal(slug: str = OURS) -> Proposal:
    return Proposal.objects.get(title=f"Voorstel {slug}")


def test_the_tally_is_exactly_the_commands_json(world, client_for):
    proposal = world_proposal()
    body = client_for("social_manager").get(f"/api/v1/proposals/{proposal.pk}/tally/")
    assert body.status_code == 200
    out = io.StringIO()
    call_command("consent", "tally", str(proposal.pk), "--json", stdout=out)
    assert body.json() == json.loads(out.getvalue())
    tally = body.json()
    assert list(tally) == TALLY_FIELDS
    # the world: 6 homes, 6 tenants; h1 yes, h2 yes then no, h4 no
    counts = [tally[key] for key in ("dwellings", "tenants", "agreed", "against", "no_response")]
    assert counts == [6, 6, 1, 2, 3] and tally["percent_agreed"] == 16.67
    assert tally["threshold_met"] is False and tally["presumption_applies"] is False
    assert [row["status"] for row in tally["not_agreed"]] == ["against", "no_response", "against", "no_response",
                                                              "no_response"]
    assert set(tally["not_agreed"][0]) == {"tenancy_id", "unit_id", "status"}


def test_aggregate_roles_get_404_on_records_and_the_tally_but_their_counts(world, client_for):
    proposal = world_proposal()
    broker = client_for("broker")
    for url in ("/api/v1/proposals/", f"/api/v1/proposals/{proposal.pk}/", f"/api/v1/proposals/{proposal.pk}/tally/",
                "/api/v1/consent-responses/"):
        assert broker.get(url).status_code == 404, url
    assert broker.get(f"/api/v1/trajectories/{world.trajectories[OURS]}/aggregates/consent/").status_code == 200


def test_responses_are_append_only(world, client_for):
    lead = client_for("reno_lead")
    response = Response.objects.filter(proposal=world_proposal()).first()
    url = f"/api/v1/consent-responses/{response.pk}/"
    assert lead.patch(url, {"answer": "no"}, format="json").status_code == 405
    assert lead.put(url, {"answer": "no"}, format="json").status_code == 405
    assert lead.delete(url).status_code == 405
    response.refresh_from_db()
    assert response.answer == "yes"


def test_a_new_answer_is_a_new_response_and_moves_the_tally(world, client_for):
    lead = client_for("reno_lead")
    proposal = world_proposal()
    tenancy = Tenancy.objects.get(tenancy_id="T-ons-002")  # said yes, then no
    created = lead.post("/api/v1/consent-responses/", {
        "proposal": proposal.pk, "tenancy": tenancy.pk, "answer": "yes", "responded_on": today().isoformat(),
        "channel": "phone"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["tenancy_code"] == "T-ons-002" and created.json()["unit_code"] == "AK-002"
    assert list(Response.objects.filter(proposal=proposal, tenancy=tenancy).values_list("answer", flat=True)) == [
        "yes", "no", "yes"]
    assert lead.get(f"/api/v1/proposals/{proposal.pk}/tally/").json()["agreed"] == 2
    assert AuditEvent.objects.filter(action="create", object_type="consent.response", actor="reno_lead").exists()


def test_a_response_is_checked_and_foreign_records_look_missing(world, client_for):
    lead = client_for("reno_lead")
    proposal, tenancy = world_proposal(), Tenancy.objects.get(tenancy_id="T-ons-005")
    payload = {"proposal": proposal.pk, "tenancy": tenancy.pk, "answer": "yes", "channel": "door",
               "responded_on": today().isoformat()}
    count = Response.objects.count()
    future = lead.post("/api/v1/consent-responses/", {**payload, "responded_on": (today() + dt.timedelta(days=1))
                                                      .isoformat()}, format="json")
    assert future.status_code == 400 and "toekomst" in future.content.decode()
    foreign_tenancy = lead.post("/api/v1/consent-responses/",
                                {**payload, "tenancy": Tenancy.objects.get(tenancy_id="T-and-009").pk}, format="json")
    missing_tenancy = lead.post("/api/v1/consent-responses/", {**payload, "tenancy": 10**9}, format="json")
    assert foreign_tenancy.status_code == missing_tenancy.status_code == 400
    assert foreign_tenancy.json() == missing_tenancy.json()
    foreign = lead.post("/api/v1/consent-responses/", {**payload, "proposal": world_proposal(OTHER).pk}, format="json")
    missing = lead.post("/api/v1/consent-responses/", {**payload, "proposal": 10**9}, format="json")
    assert foreign.status_code == missing.status_code == 400 and foreign.json() == missing.json()
    assert Response.objects.count() == count


def test_proposals_are_created_and_edited_with_their_version(world, client_for):
    director = client_for("director")
    ours = Complex.objects.get(slug="akkerflat")
    payload = {"complex": ours.pk, "title": "Tweede voorstel", "response_deadline": "2027-03-01"}
    created = director.post("/api/v1/proposals/", payload, format="json")
    assert created.status_code == 201 and created.json()["version"] == 1 and created.json()["sent_on"] is None
    url = f"/api/v1/proposals/{created.json()['id']}/"
    backwards = director.patch(url, {"version": 1, "sent_on": "2027-04-01"}, format="json")
    assert backwards.status_code == 400 and "response_deadline" in backwards.json()
    moved = director.patch(url, {"version": 1, "complex": Complex.objects.get(slug="anderflat").pk}, format="json")
    assert moved.status_code == 400
    sent = director.patch(url, {"version": 1, "sent_on": "2027-01-10"}, format="json")
    assert sent.status_code == 200 and sent.json()["version"] == 2
    assert director.patch(url, {"version": 1, "title": "Oud"}, format="json").status_code == 409
    other = director.post("/api/v1/proposals/", {**payload, "complex": Complex.objects.get(slug="anderflat").pk},
                          format="json")
    assert other.status_code == 400 and other.json() == director.post(
        "/api/v1/proposals/", {**payload, "complex": 10**9}, format="json").json()
