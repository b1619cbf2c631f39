"""The life-domain sharing rule (access.md): an organisation sees its own conversations in
full; a receiving organisation sees, for a referral made with the resident's consent (or an
emergency override), only the domains the referral shares — never other domains or notes,
never households without consent. Aggregate-level roles get no records.

Each test makes the referrals it needs: the persona world's own referrals are set aside.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.auth import login_verified
from tests.personas import World
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household
from voordeur.referrals.models import Referral
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Visit
from voordeur.visits.selectors import (
    access_life_domains,
    life_domain_assessment_list,
    shown_domains,
)

SHARED = "Gedeeld-financien-h1: huurachterstand van twee maanden"
NOT_SHARED = "Nietgedeeld-geest-h1: slaapt slecht sinds de scheiding"
H2_NOTE = "Nietgedeeld-h2: zonder toestemming"


def talk(world: World, label: str, domains: dict, *, days_ago: int = 10) -> LifeDomainAssessment:
    household = Household.objects.get(pk=world.households[label])
    visit = Visit.objects.create(unit_id=household.unit_id, household=household, partner_id=world.partners["welfare"],
                                 broker_id=world.users["broker"], time_of_day="evening", outcome="talked",
                                 visited_on=timezone.localdate() - dt.timedelta(days=days_ago))
    return LifeDomainAssessment.objects.create(visit=visit, household=household, partner_id=world.partners["welfare"],
                                               domains=domains)


def refer(world: World, label: str, *, to: str = "nbh", visit: Visit | None = None, shared=("finances",),
          consent: bool = True, **extra) -> Referral:
    return Referral.objects.create(
        household_id=world.households[label], visit=visit, from_partner_id=world.partners["welfare"],
        to_partner_id=world.partners[to], kind=Referral.Kind.NBH_SUPPORT, consent_given=consent,
        shared_domains=list(shared), respond_by=timezone.localdate() + dt.timedelta(days=10), **extra)


@pytest.fixture(autouse=True)
def _no_world_referrals(world):
    """Only the referrals a test makes (rolled back with the test's savepoint)."""
    Referral.objects.all().delete()


@pytest.fixture
def shared_h1(world):
    """h1 talked about money and mental health; referred to the neighbourhood team sharing money only.
    h2 talked too, referred without consent."""
    h1 = talk(world, "h1", {"finances": {"score": 2, "note": SHARED}, "mental_health": {"score": 3, "note": NOT_SHARED}})
    refer(world, "h1", visit=h1.visit)
    h2 = talk(world, "h2", {"finances": {"score": 1, "note": H2_NOTE}})
    refer(world, "h2", visit=h2.visit, consent=False)
    return h1, h2


def api(world: World, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=world.user(who))
    return client


def test_the_receiving_team_gets_only_the_shared_domain_through_the_api(world, shared_h1):
    h1, h2 = shared_h1
    response = api(world, "nbh_team").get("/api/v1/life-domains/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["id"] for r in results] == [h1.pk]  # not h2 (no consent), not the world's h5/h6 talks
    record = results[0]
    assert record["finances"] == {"score": 2, "note": SHARED}
    assert "mental_health" not in record and "housing" not in record  # absent, not null
    assert NOT_SHARED not in response.content.decode() and H2_NOTE not in response.content.decode()
    assert api(world, "nbh_team").get(f"/api/v1/life-domains/{h2.pk}/").status_code == 404
    detail = api(world, "nbh_team").get(f"/api/v1/life-domains/{h1.pk}/").json()
    assert set(detail) & {"finances", "mental_health"} == {"finances"}


def test_the_visiting_organisation_sees_its_talk_in_full(world, shared_h1):
    h1, _h2 = shared_h1
    record = api(world, "broker").get(f"/api/v1/life-domains/{h1.pk}/").json()
    assert record["mental_health"] == {"score": 3, "note": NOT_SHARED}
    assert record["housing"] is None  # own records carry every domain; nothing recorded is null
    assert shown_domains(world.user("broker"), h1) == set(LIFE_DOMAINS) <= set(record)


@pytest.mark.parametrize("who", ["director", "muni_advisor", "researcher", "debt_help", "social_manager"])
def test_aggregate_and_no_level_roles_get_no_records(world, shared_h1, who):
    h1, _h2 = shared_h1
    client = api(world, who)
    assert client.get("/api/v1/life-domains/").status_code == 404
    assert client.get(f"/api/v1/life-domains/{h1.pk}/").status_code == 404
    assert not life_domain_assessment_list(user=world.user(who)).exists()


def test_the_outsider_sees_nothing_of_ours(world, shared_h1):
    h1, _h2 = shared_h1
    ids = [r["id"] for r in api(world, "outsider").get("/api/v1/life-domains/").json()["results"]]
    assert h1.pk not in ids and ids  # only the other trajectory's talk (its own organisation's)


def test_the_receiving_team_reads_the_shared_domain_on_the_household_page_and_it_is_audited(world, shared_h1):
    h1, _h2 = shared_h1
    client = Client()
    login_verified(client, world.user("nbh_team"))
    before = timezone.now()
    url = reverse("household-life-domains", kwargs={"pk": world.households["h1"]})
    html = client.get(url).content.decode()
    assert SHARED in html and NOT_SHARED not in html and "Geestelijke gezondheid" not in html
    assert "Gedeeld bij een doorverwijzing" in html
    event = AuditEvent.objects.get(category="life_domains", action="read", actor="nbh_team", at__gte=before)
    assert event.detail == {"ids": [h1.pk]}
    h2_html = client.get(reverse("household-life-domains", kwargs={"pk": world.households["h2"]})).content.decode()
    assert H2_NOTE not in h2_html and "geen gesprekken" in h2_html
    # no content shown: no read recorded for it
    assert AuditEvent.objects.filter(category="life_domains", action="read", actor="nbh_team", at__gte=before).count() == 1
    # a household that is not the team's own does not exist for it
    assert client.get(reverse("household-life-domains", kwargs={"pk": world.households["h5"]})).status_code == 404


def test_the_household_page_offers_the_section_to_life_domain_readers_only(world, shared_h1):
    url = reverse("household", kwargs={"pk": world.households["h1"]})
    life_url = reverse("household-life-domains", kwargs={"pk": world.households["h1"]})
    for who, offered in (("broker", True), ("nbh_team", True), ("director", False), ("social_manager", False)):
        client = Client()
        login_verified(client, world.user(who))
        html = client.get(url).content.decode()
        assert (f'hx-get="{life_url}"' in html) is offered, who
        assert SHARED not in html and NOT_SHARED not in html  # opened on purpose, never inline


def test_the_htmx_request_gets_the_section_only(world, shared_h1):
    client = Client()
    login_verified(client, world.user("broker"))
    response = client.get(reverse("household-life-domains", kwargs={"pk": world.households["h1"]}),
                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<section")
    assert SHARED in html and NOT_SHARED in html and "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_the_receiving_team_cannot_change_a_shared_talk(world, shared_h1):
    h1, _h2 = shared_h1
    from django.http import Http404

    with pytest.raises(Http404):
        access_life_domains(world.user("nbh_team"), h1.pk, write=True)
    client = Client()
    login_verified(client, world.user("nbh_team"))
    url = reverse("visit-life-domains", kwargs={"slug": "ons-traject", "pk": h1.visit_id})
    assert client.get(url).status_code == 404
    assert client.post(url, {"domains-finances_score": "5"}).status_code == 404


def test_without_a_visit_the_referral_shares_the_households_latest_talk(world):
    older = talk(world, "h1", {"finances": {"score": 1, "note": "Oud-gesprek"}}, days_ago=30)
    newer = talk(world, "h1", {"finances": {"score": 3, "note": "Nieuw-gesprek"}}, days_ago=2)
    refer(world, "h1", visit=None)
    nbh = world.user("nbh_team")
    assert list(life_domain_assessment_list(user=nbh).values_list("pk", flat=True)) == [newer.pk]
    assert shown_domains(nbh, newer) == {"finances"} and shown_domains(world.user("nbh_team"), older) == frozenset()


@pytest.mark.parametrize(
    ("extra", "shared"),
    [({"consent": False, "emergency_override": True, "override_reason": "Acuut gevaar"}, True),
     ({"status": Referral.Status.DECLINED}, False),
     ({"status": Referral.Status.WITHDRAWN}, False),
     ({"status": Referral.Status.COMPLETED, "closed_at_days": 180}, True),
     ({"status": Referral.Status.COMPLETED, "closed_at_days": 400}, False),
     ({"shared": ()}, False),
     ({"shared": ("nonsense", 7)}, False),
     ({"to": "debt"}, False)],  # debt help has no life_domains level
    ids=["emergency", "declined", "withdrawn", "closed-6-months", "closed-13-months", "nothing-shared",
         "junk-keys", "other-organisation"],
)
def test_which_referrals_share(world, extra, shared):
    assessment = talk(world, "h1", {"finances": {"score": 2, "note": SHARED}})
    extra = dict(extra)
    days = extra.pop("closed_at_days", None)
    if days is not None:
        extra["closed_at"] = timezone.now() - dt.timedelta(days=days)
    refer(world, "h1", visit=assessment.visit, **extra)
    ids = set(life_domain_assessment_list(user=world.user("nbh_team")).values_list("pk", flat=True))
    assert (assessment.pk in ids) is shared


def test_a_referral_naming_another_households_visit_shares_nothing(world):
    h5_talk = LifeDomainAssessment.objects.get(household_id=world.households["h5"])
    refer(world, "h1", visit=h5_talk.visit)
    assert h5_talk.pk not in set(life_domain_assessment_list(user=world.user("nbh_team")).values_list("pk", flat=True))


def test_reading_through_the_api_is_audited(world, shared_h1):
    before = timezone.now()
    api(world, "nbh_team").get("/api/v1/life-domains/")
    assert AuditEvent.objects.filter(category="life_domains", action="read", actor="nbh_team", at__gte=before).exists()
