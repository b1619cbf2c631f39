"""The phase-2 API beyond the generated access matrix: validation, read-only life domains and
the OpenAPI category tags of the per-domain properties."""

import pytest
from rest_framework.test import APIClient

from tests.personas import World
from voordeur.api.schema import CATEGORY_KEY
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Visit


def api(world: World, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=world.user(who))
    return client


def test_visit_patch_validates_themes_and_keeps_talks_with_life_domains(world):
    talk = LifeDomainAssessment.objects.get(household_id=world.households["h5"]).visit
    client = api(world, "broker")
    bad_theme = client.patch(f"/api/v1/visits/{talk.pk}/", {"version": talk.version, "themes": ["gossip"]}, format="json")
    assert bad_theme.status_code == 400 and "themes" in bad_theme.json()
    not_home = client.patch(f"/api/v1/visits/{talk.pk}/", {"version": talk.version, "outcome": "not_home"},
                            format="json")
    assert not_home.status_code == 400 and "outcome" in not_home.json()
    ok = client.patch(f"/api/v1/visits/{talk.pk}/", {"version": talk.version, "themes": ["safety"]}, format="json")
    assert ok.status_code == 200 and ok.json()["themes"] == ["safety"] and ok.json()["version"] == talk.version + 1
    assert Visit.objects.get(pk=talk.pk).themes == ["safety"]


def test_visit_records_name_the_broker_and_organisation(world):
    record = api(world, "director").get("/api/v1/visits/", {"household": world.households["h2"]}).json()["results"][0]
    assert record["partner_name"] == "Welzijn Persona" and record["broker_name"] == "Voornaam-broker Persona"
    assert record["outcome"] == "not_home" and record["address"] == "Akkerstraat 12"


def test_life_domains_are_read_only_in_the_api(world):
    assessment = LifeDomainAssessment.objects.get(household_id=world.households["h5"])
    response = api(world, "broker").patch(f"/api/v1/life-domains/{assessment.pk}/",
                                          {"version": 1, "finances": {"score": 5, "note": ""}}, format="json")
    assert response.status_code == 405
    assert LifeDomainAssessment.objects.get(pk=assessment.pk).domains["finances"]["score"] == 2


@pytest.fixture(scope="module")
def schema() -> dict:
    """The schema's full shape (as generated without a user; served schemas leave out what the
    requesting user may not see)."""
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_every_life_domain_is_a_property_tagged_life_domains(schema):
    properties = schema["components"]["schemas"]["LifeDomainAssessment"]["properties"]
    for key in LIFE_DOMAINS:
        assert properties[key][CATEGORY_KEY] == "life_domains", key
    assert {properties[name][CATEGORY_KEY] for name in ("visit", "household", "partner", "partner_name")} == {"meta"}
    entry = schema["components"]["schemas"]["DomainEntry"]["properties"]
    assert entry["score"][CATEGORY_KEY] == entry["note"][CATEGORY_KEY] == "life_domains"
    operation = schema["paths"]["/api/v1/life-domains/"]["get"]
    assert operation[CATEGORY_KEY] == "life_domains"
    assert schema["paths"]["/api/v1/visits/{id}/"]["patch"][CATEGORY_KEY] == "visits"
    assert schema["paths"]["/api/v1/opportunities/"]["get"][CATEGORY_KEY] == "opportunities"
    visit = schema["components"]["schemas"]["Visit"]["properties"]
    assert visit["address"][CATEGORY_KEY] == "places" and visit["summary"][CATEGORY_KEY] == "visits"
