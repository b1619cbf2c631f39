"""POST /api/v1/referrals/ and /api/v1/promises/: made through the same services as the pages."""

import datetime as dt

from rest_framework.test import APIClient

from tests.personas import World
from voordeur.access.models import HouseholdLink
from voordeur.audit.models import AuditEvent
from voordeur.lib.dates import today
from voordeur.lib.workdays import due_date
from voordeur.referrals.models import Promise, Referral


def api(world: World, who: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=world.user(who))
    return client


def _referral(world: World, **changes) -> dict:
    return {"household": world.households["h5"], "to_partner": world.partners["nbh"], "kind": "nbh_support",
            "consent_given": True, "consent_scope": "Naam en telefoon met het buurtteam",
            "shared_domains": ["finances"], "respond_days": 3} | changes


def _promise(world: World, **changes) -> dict:
    return {"household": world.households["h5"], "owner_partner": world.partners["corp"],
            "text": "Toezegging-API de lekkage wordt gemaakt", "working_days": 5} | changes


def test_a_referral_with_consent_links_the_household_and_makes_the_promise(world):
    response = api(world, "broker").post("/api/v1/referrals/", _referral(world), format="json")
    assert response.status_code == 201, response.content
    referral = Referral.objects.get(pk=response.json()["id"])
    assert (referral.status, referral.from_partner_id, referral.shared_domains) == (
        "sent", world.partners["welfare"], ["finances"])
    assert referral.respond_by == due_date(today(), 3) and response.json()["respond_by"] == referral.respond_by.isoformat()
    assert [event["to_status"] for event in response.json()["events"]] == ["sent"]
    assert HouseholdLink.objects.filter(household_id=world.households["h5"], partner_id=world.partners["nbh"],
                                        source_id=referral.pk, closed_at=None).exists()
    assert Promise.objects.filter(referral=referral, owner_partner_id=world.partners["nbh"]).exists()
    assert AuditEvent.objects.filter(action="create", category="referrals", object_id=str(referral.pk),
                                     actor="broker").exists()


def test_an_emergency_override_needs_its_reason_and_is_audited_apart(world):
    client = api(world, "broker")
    body = _referral(world, consent_given=False, consent_scope="", shared_domains=[], emergency_override=True)
    without = client.post("/api/v1/referrals/", body, format="json")
    assert without.status_code == 400 and set(without.json()) == {"override_reason"}
    made = client.post("/api/v1/referrals/", body | {"override_reason": "Deurwaarder staat morgen op de stoep"},
                       format="json")
    assert made.status_code == 201, made.content
    pk = str(made.json()["id"])
    assert AuditEvent.objects.filter(action="emergency_override", object_id=pk, actor="broker").exists()
    neither = client.post("/api/v1/referrals/", body | {"emergency_override": False}, format="json")
    assert neither.status_code == 400 and set(neither.json()) == {"consent_given"}


def test_referral_bad_input_is_a_400_naming_each_field(world):
    client = api(world, "broker")
    empty = client.post("/api/v1/referrals/", {}, format="json")
    assert empty.status_code == 400 and set(empty.json()) == {"household", "to_partner", "kind", "consent_given"}
    wrong = client.post("/api/v1/referrals/", _referral(world, kind="x", shared_domains=["gossip"], respond_days=0),
                        format="json")
    assert wrong.status_code == 400 and set(wrong.json()) == {"kind", "shared_domains", "respond_days"}
    ours = client.post("/api/v1/referrals/", _referral(world, to_partner=world.partners["welfare"]), format="json")
    assert ours.status_code == 400 and set(ours.json()) == {"to_partner"}
    away = client.post("/api/v1/referrals/", _referral(world, to_partner=world.partners["other_welfare"]),
                       format="json")
    assert away.status_code == 400 and set(away.json()) == {"to_partner"}


def test_own_write_referrers_refer_their_households_only_and_without_a_reason(world):
    client = api(world, "nbh_team")  # own-write on referrals; h1 is linked to the neighbourhood team, h4 is not
    body = _referral(world, household=world.households["h1"], to_partner=world.partners["welfare"], shared_domains=[])
    with_reason = client.post("/api/v1/referrals/", body | {"reason": "Reden-API zorgen"}, format="json")
    assert with_reason.status_code == 400 and set(with_reason.json()) == {"reason"}  # no life-domains write
    assert client.post("/api/v1/referrals/", body, format="json").status_code == 201
    foreign = client.post("/api/v1/referrals/", body | {"household": world.households["h4"]}, format="json")
    missing = client.post("/api/v1/referrals/", body | {"household": 10**9}, format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json() == {"household": ["Onbekend huishouden."]}


def test_read_only_and_unrelated_roles_cannot_refer(world):
    before = Referral.objects.count()
    assert api(world, "director").post("/api/v1/referrals/", _referral(world), format="json").status_code == 403
    assert api(world, "contractor").post("/api/v1/referrals/", _referral(world), format="json").status_code == 404
    assert Referral.objects.count() == before


def test_a_promise_is_due_in_working_days_and_audited(world):
    response = api(world, "director").post("/api/v1/promises/", _promise(world), format="json")
    assert response.status_code == 201, response.content
    promise = Promise.objects.get(pk=response.json()["id"])
    assert promise.due_date == due_date(today(), 5) and promise.working_days == 5 and promise.status == "open"
    assert promise.made_by_partner_id == world.partners["corp"]
    assert [event["to_status"] for event in response.json()["events"]] == ["open"]
    assert AuditEvent.objects.filter(action="create", category="promises", object_id=str(promise.pk),
                                     actor="director").exists()
    on_date = api(world, "director").post(
        "/api/v1/promises/", _promise(world, working_days=None, due_date=(today() + dt.timedelta(days=9)).isoformat()),
        format="json")
    assert on_date.status_code == 201 and on_date.json()["due_date"] == (today() + dt.timedelta(days=9)).isoformat()


def test_promise_bad_input_is_a_400_naming_each_field(world):
    client = api(world, "director")
    empty = client.post("/api/v1/promises/", {}, format="json")
    assert empty.status_code == 400 and set(empty.json()) == {"household", "owner_partner", "text"}
    both = client.post("/api/v1/promises/", _promise(world, due_date=today().isoformat()), format="json")
    assert both.status_code == 400 and set(both.json()) == {"due_date"}
    neither = client.post("/api/v1/promises/", _promise(world, working_days=None), format="json")
    assert neither.status_code == 400 and set(neither.json()) == {"due_date"}
    blank = client.post("/api/v1/promises/", _promise(world, text=" "), format="json")
    assert blank.status_code == 400 and set(blank.json()) == {"text"}
    away = client.post("/api/v1/promises/", _promise(world, owner_partner=world.partners["other_corp"]), format="json")
    assert away.status_code == 400 and set(away.json()) == {"owner_partner"}
    other_household = Promise.objects.filter(household_id=world.households["h1"]).exclude(referral=None).first()
    mismatch = client.post("/api/v1/promises/", _promise(world, referral=other_household.referral_id), format="json")
    assert mismatch.status_code == 400 and set(mismatch.json()) == {"referral"}


def test_promises_need_write_and_a_household_in_scope(world):
    before = Promise.objects.count()
    assert api(world, "muni_advisor").post("/api/v1/promises/", _promise(world), format="json").status_code == 404
    assert api(world, "letting").post("/api/v1/promises/", _promise(world), format="json").status_code == 404
    client = api(world, "debt_help")  # own-write: h4 is linked to debt help, h5 is not
    body = _promise(world, owner_partner=world.partners["debt"])
    foreign = client.post("/api/v1/promises/", body, format="json")
    missing = client.post("/api/v1/promises/", body | {"household": 10**9}, format="json")
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json() == {"household": ["Onbekend huishouden."]}
    assert Promise.objects.count() == before
    assert client.post("/api/v1/promises/", body | {"household": world.households["h4"]},
                       format="json").status_code == 201
