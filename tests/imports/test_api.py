"""The API of partner data beyond the generated access matrix: reading arrears is an audited
sensitive read, the debt counter sees only its own households, a repair's status is changed
with a version."""

import pytest

from voordeur.audit.models import AuditEvent
from voordeur.exploring.models import Arrears, Repair

pytestmark = pytest.mark.django_db


def test_reading_arrears_is_audited_without_values(world, client_for):
    before = AuditEvent.objects.filter(action="read", category="arrears").count()
    response = client_for("social_manager").get("/api/v1/arrears/")
    assert response.status_code == 200
    amounts = {row["amount"] for row in response.json()["results"]}
    assert {"412.50", "95.00", "1250.00"} <= amounts and "300.00" not in amounts  # not the other trajectory
    events = AuditEvent.objects.filter(action="read", category="arrears")
    assert events.count() == before + 1
    event = events.latest("seq")
    assert event.actor == "social_manager" and "412" not in str(event.detail)
    one = Arrears.objects.get(household_id=world.households["h1"])
    assert client_for("social_manager").get(f"/api/v1/arrears/{one.pk}/").json()["months"] == 2
    assert events.count() == before + 2


def test_the_debt_counter_sees_the_arrears_of_its_linked_households_only(world, client_for):
    response = client_for("debt_help").get("/api/v1/arrears/")
    households = {row["household"] for row in response.json()["results"]}
    assert households == {world.households["h1"], world.households["h4"]}
    assert all("tenancy" not in row for row in response.json()["results"])  # no read on household data
    h3 = Arrears.objects.get(household_id=world.households["h3"])
    assert client_for("debt_help").get(f"/api/v1/arrears/{h3.pk}/").status_code == 404
    assert client_for("director").get("/api/v1/arrears/").status_code == 404  # aggregate level only


def test_a_repair_status_changes_with_its_version(world, client_for):
    repair = Repair.objects.filter(complex__slug="akkerflat").first()
    client = client_for("enforcement")
    response = client.patch(f"/api/v1/repairs/{repair.pk}/", {"version": repair.version, "status": "done"},
                            format="json")
    assert response.status_code == 200 and response.json()["status"] == "done"
    stale = client.patch(f"/api/v1/repairs/{repair.pk}/", {"version": repair.version, "status": "open"},
                         format="json")
    assert stale.status_code == 409
    ignored = client.patch(f"/api/v1/repairs/{repair.pk}/", {"version": repair.version + 1, "kind": "lift"},
                           format="json")
    assert ignored.status_code == 200 and ignored.json()["kind"] == repair.kind  # only the status is editable
    assert client_for("director").patch(f"/api/v1/repairs/{repair.pk}/", {"version": 2, "status": "open"},
                                        format="json").status_code == 403
