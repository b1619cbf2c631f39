"""POST /api/v1/crime-signals/: a signal recorded through `signal_create`, as on the signals page."""

import datetime as dt

from rest_framework.test import APIClient

from tests.personas import World
from voordeur.access.models import HouseholdLink
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.safety.models import CrimeSignal

LIST = "/api/v1/crime-signals/"
SECRET = "Signaal-API-31: 's nachts veel korte bezoekjes"


def api(world: World, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=world.user(who))
    return client


def _unit(world: World, label: str) -> int:
    return Household.objects.get(pk=world.households[label]).unit_id


def _body(world: World, **changes) -> dict:
    return {"unit": _unit(world, "h6"), "about_household": True, "to_partner": world.partners["muni"],
            "kind": "drug_dealing", "observed_on": today().isoformat(), "description": SECRET} | changes


def test_a_crime_writer_records_a_signal_that_links_the_household_and_is_audited(world):
    response = api(world, "enforcement").post(LIST, _body(world), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    signal = CrimeSignal.objects.get(pk=body["id"])
    assert (signal.household_id, signal.reported_by_partner_id, signal.status) == (
        world.households["h6"], world.partners["muni"], "open")
    assert signal.description == SECRET and body["description"] == SECRET
    assert HouseholdLink.objects.filter(household_id=world.households["h6"], partner_id=world.partners["muni"],
                                        reason=HouseholdLink.Reason.SIGNAL, source_id=signal.pk).exists()
    created = AuditEvent.objects.get(action="create", category="crime", object_id=str(signal.pk), actor="enforcement")
    assert SECRET not in str(created.detail)  # the audit names the record, never what was observed


def test_a_signal_about_the_unit_only_has_no_household(world):
    response = api(world, "social_manager").post(LIST, _body(world, about_household=False), format="json")
    assert response.status_code == 201, response.content
    assert CrimeSignal.objects.get(pk=response.json()["id"]).household_id is None


def test_roles_without_crime_write_get_404(world):
    before = CrimeSignal.objects.count()
    for who in ("director", "broker", "muni_advisor"):  # none, none, agg
        assert api(world, who).post(LIST, _body(world), format="json").status_code == 404, who
    assert CrimeSignal.objects.count() == before


def test_a_unit_outside_the_scope_answers_like_a_missing_one(world):
    client = api(world, "social_manager")
    foreign = client.post(LIST, _body(world, unit=_unit(world, "o1")), format="json")
    missing = client.post(LIST, _body(world, unit=10**9), format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json() == {"unit": ["Onbekende woning."]}


def test_bad_input_is_a_400_naming_each_field(world):
    client = api(world, "social_manager")
    empty = client.post(LIST, {}, format="json")
    assert empty.status_code == 400
    assert set(empty.json()) == {"unit", "to_partner", "kind", "observed_on", "description"}
    future = client.post(LIST, _body(world, observed_on=(today() + dt.timedelta(days=1)).isoformat()), format="json")
    assert future.status_code == 400 and set(future.json()) == {"observed_on"}
    away = client.post(LIST, _body(world, to_partner=world.partners["other_corp"]), format="json")
    assert away.status_code == 400 and set(away.json()) == {"to_partner"}
    guest_home = Unit.objects.get(complex__slug="akkerflat", kind=Unit.Kind.GUEST_HOME)  # nobody lives there
    empty_home = client.post(LIST, _body(world, unit=guest_home.pk), format="json")
    assert empty_home.status_code == 400 and set(empty_home.json()) == {"about_household"}
    assert not CrimeSignal.objects.filter(description=SECRET).exists()
