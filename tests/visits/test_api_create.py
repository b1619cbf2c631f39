"""POST /api/v1/visits/: a visit recorded through `visit_record`, as on the door page."""

import datetime as dt

from rest_framework.test import APIClient

from tests.personas import World
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry, Household
from voordeur.lib.dates import today
from voordeur.visits.models import Visit

URL = "/api/v1/visits/"


def api(world: World, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=world.user(who))
    return client


def _body(world: World, label: str = "h6", **changes) -> dict:
    unit = Household.objects.get(pk=world.households[label]).unit_id
    return {"unit": unit, "visited_on": today().isoformat(), "time_of_day": "afternoon", "outcome": "talked",
            "themes": ["safety", "maintenance"], "summary": " Kennismaking "} | changes


def test_a_broker_records_a_visit_that_is_logged_and_audited(world):
    household = world.households["h6"]
    logged = ContactLogEntry.objects.filter(household_id=household).count()
    response = api(world, "broker").post(URL, _body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    visit = Visit.objects.get(pk=body["id"])
    assert (visit.household_id, visit.partner_id, visit.broker_id) == (
        household, world.partners["welfare"], world.users["broker"])
    assert body["household"] == household and body["themes"] == ["maintenance", "safety"]
    assert body["summary"] == "Kennismaking" and body["version"] == visit.version
    entries = ContactLogEntry.objects.filter(household_id=household)
    assert entries.count() == logged + 1
    entry = entries.latest("pk")
    assert (entry.channel, entry.topic, entry.reached) == ("door", "getting_to_know", True)
    assert AuditEvent.objects.filter(action="create", category="visits", object_type="visits.visit",
                                     object_id=str(visit.pk), actor="broker").exists()


def test_roles_without_visit_write_cannot_record(world):
    before = Visit.objects.count()
    assert api(world, "director").post(URL, _body(world), format="json").status_code == 403  # read only
    assert api(world, "letting").post(URL, _body(world), format="json").status_code == 404  # no visits at all
    assert Visit.objects.count() == before


def test_a_unit_outside_the_scope_answers_like_a_missing_one(world):
    client = api(world, "outsider")  # a broker of the other trajectory
    foreign = client.post(URL, _body(world), format="json")
    missing = client.post(URL, _body(world, unit=10**9), format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json() == {"unit": ["Onbekende woning."]}


def test_bad_input_is_a_400_naming_each_field(world):
    client = api(world, "broker")
    empty = client.post(URL, {}, format="json")
    assert empty.status_code == 400
    assert set(empty.json()) == {"unit", "visited_on", "time_of_day", "outcome"}
    wrong = client.post(URL, _body(world, outcome="maybe", themes=["gossip"], time_of_day="night"), format="json")
    assert wrong.status_code == 400 and set(wrong.json()) == {"outcome", "themes", "time_of_day"}
    assert wrong.json()["themes"] == ['"gossip" is een ongeldige keuze.']  # one list, as documented
    future = client.post(URL, _body(world, visited_on=(today() + dt.timedelta(days=2)).isoformat()), format="json")
    assert future.status_code == 400 and set(future.json()) == {"visited_on"}
    assert Visit.objects.filter(visited_on__gt=today()).count() == 0
