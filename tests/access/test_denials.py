"""Failed access decisions are audited (NEN 7513, ASVS 7.2.2): one `access_denied` event when
an existing record is out of the user's scope or their level forbids the write; the answer
stays 404 (403 for a write the policy forbids); a missing id and a permitted read log nothing."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.auth import login_verified
from tests.personas import OUTSIDER, grant_level
from voordeur.access.policy import Category, Role
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent
from voordeur.households.selectors import access_household


def denials():
    return list(AuditEvent.objects.filter(action="access_denied").order_by("seq"))


def test_an_out_of_scope_api_read_is_404_and_writes_exactly_one_event(world, client_for) -> None:
    other = world.households["o1"]
    response = client_for("director").get(f"/api/v1/households/{other}/")
    assert response.status_code == 404
    [event] = denials()
    assert (event.actor, event.role, event.category, event.object_type, event.object_id) == (
        "director", "director", "contact", "households.household", str(other))
    assert event.detail == {"write": False, "reason": "scope"}  # never field values
    assert audit.verify() is None


def test_an_out_of_scope_page_is_404_and_writes_exactly_one_event(world) -> None:
    other = world.households["o1"]
    client = login_verified(Client(), world.user("director"))
    assert client.get(f"/huishoudens/{other}/").status_code == 404
    assert [(e.actor, e.object_id) for e in denials()] == [("director", str(other))]


def test_a_permitted_read_and_a_missing_id_write_no_denial(world, client_for) -> None:
    client = client_for("director")
    assert client.get(f"/api/v1/households/{world.households['h1']}/").status_code == 200
    assert client.get("/api/v1/households/999999999/").status_code == 404
    assert client.get("/api/v1/households/abc/").status_code == 404
    assert denials() == []


def test_a_read_the_role_may_not_do_at_all_is_a_denial_too(world, client_for) -> None:
    role = next(r for r in Role if not grant_level(r, Category.CONTACT).reads)
    response = client_for(role).get(f"/api/v1/households/{world.households['h1']}/")
    assert response.status_code == 404
    assert [(e.role, e.category) for e in denials()] == [(role, "contact")]


def test_a_write_the_level_forbids_is_403_and_one_denial(world, client_for) -> None:
    role = next(r for r in Role if grant_level(r, Category.CONTACT).reads and not grant_level(r, Category.CONTACT).writes
                and not grant_level(r, Category.CONTACT).own_only)
    household = world.households["h1"]
    response = client_for(role).patch(f"/api/v1/households/{household}/", {"version": 1}, format="json")
    assert response.status_code == 403
    [event] = denials()
    assert (event.role, event.category, event.object_type, event.object_id) == (
        role, "contact", "households.household", str(household))
    assert event.detail == {"write": True, "reason": "level"}
    assert audit.verify() is None


def test_an_outsider_probing_every_household_logs_one_denial_each(world, client_for) -> None:
    client = client_for(OUTSIDER)
    ours = [world.households[f"h{n}"] for n in range(1, 7)]
    for pk in ours:
        assert client.get(f"/api/v1/households/{pk}/").status_code == 404
    assert [int(e.object_id) for e in denials()] == ours
    assert audit.verify() is None


def test_the_success_path_costs_no_extra_query(world) -> None:
    user, pk = world.user("director"), world.households["h1"]
    access_household(user, pk)  # fill the per-user scope caches
    with CaptureQueriesContext(connection) as decorated:
        access_household(user, pk)
    with CaptureQueriesContext(connection) as bare:
        access_household.__wrapped__(user, pk)
    assert len(decorated) == len(bare)
    assert not any("audit" in q["sql"] for q in decorated.captured_queries)


def test_a_transition_and_a_create_the_level_forbids_are_denials(world, client_for) -> None:
    referral = world.referral_pks["R5"]
    director = client_for("director")  # reads referrals and visits, writes neither
    assert director.post(f"/api/v1/referrals/{referral}/transition/", {"status": "accepted", "version": 1},
                         format="json").status_code == 403
    assert director.post("/api/v1/visits/", {"household": world.households["h1"]}, format="json").status_code == 403
    assert [(e.category, e.object_type, e.object_id, e.detail["reason"]) for e in denials()] == [
        ("referrals", "referrals.referral", str(referral), "level"), ("visits", "visits.visit", "", "level")]
    assert audit.verify() is None


def test_another_trajectorys_pages_are_404_and_one_denial_a_missing_slug_none(world) -> None:
    from voordeur.trajectories.models import Trajectory

    client = login_verified(Client(), world.user(OUTSIDER))
    theirs = Trajectory.objects.order_by("pk").first()
    assert client.get(f"/t/{theirs.slug}/").status_code == 404
    assert client.get("/t/no-such-trajectory/").status_code == 404
    assert [(e.object_type, e.object_id) for e in denials()] == [("trajectories.trajectory", str(theirs.pk))]
