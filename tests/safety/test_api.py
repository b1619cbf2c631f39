"""The crime-signals API and the aggregate: who sees what, audited reads, 409s, suppressed counts."""

import pytest

from tests.personas import OURS, World, who_all
from tests.personas_safety import OTHER_DESCRIPTION, OUR_DESCRIPTION
from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.safety.models import CrimeSignal

LIST = "/api/v1/crime-signals/"


def _ours(world: World) -> CrimeSignal:
    return CrimeSignal.objects.get(household_id=world.households["h5"])


def _readers() -> list[str]:
    return [who for who in who_all() if who != "outsider" and grant_level_reads(who)]


def grant_level_reads(who: str) -> bool:
    from tests.personas import grant_level

    return grant_level(who, Category.CRIME).reads


@pytest.mark.parametrize("who", who_all())
def test_only_crime_readers_of_our_trajectory_see_our_signal(world: World, client_for, who):
    client = client_for(who)
    signal = _ours(world)
    listing, detail = client.get(LIST), client.get(f"{LIST}{signal.pk}/")
    if who in ("social_manager", "enforcement"):
        assert listing.status_code == detail.status_code == 200
        assert [row["id"] for row in listing.json()["results"]] == [signal.pk]
        assert detail.json()["description"] == OUR_DESCRIPTION
        assert OTHER_DESCRIPTION not in listing.content.decode()
    else:
        assert listing.status_code == detail.status_code == 404  # director, muni_advisor (agg), outsider, …
        assert OUR_DESCRIPTION not in listing.content.decode() + detail.content.decode()


def test_the_reader_list_is_derived_from_the_policy_table():
    assert _readers() == ["social_manager", "enforcement"]


def test_reading_crime_over_the_api_is_audited_once_per_response(world: World, client_for):
    signal = _ours(world)
    before = AuditEvent.objects.count()
    assert client_for("enforcement").get(f"{LIST}{signal.pk}/").status_code == 200
    event = AuditEvent.objects.order_by("-seq").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.category, event.actor, event.object_id) == ("read", "crime", "enforcement",
                                                                           str(signal.pk))
    assert OUR_DESCRIPTION not in str(event.detail)


def test_patch_follows_the_table_and_a_stale_version_is_409(world: World, client_for):
    signal = _ours(world)
    client = client_for("enforcement")
    url = f"{LIST}{signal.pk}/"
    closed = client.patch(url, {"version": signal.version, "status": "closed"}, format="json")
    assert closed.status_code == 200, closed.content
    assert closed.json()["closed_at"] and closed.json()["version"] == signal.version + 1
    link = HouseholdLink.objects.get(reason="signal", source_id=signal.pk)
    assert link.closed_at is not None
    stale = client.patch(url, {"version": signal.version, "status": "open"}, format="json")
    assert stale.status_code == 409 and stale.json()["current_version"] == signal.version + 1
    refused = client.patch(url, {"version": signal.version + 1, "status": "under_investigation"}, format="json")
    assert refused.status_code == 400 and "status" in refused.json()


def test_the_director_never_sees_a_signal(world: World, client_for):
    client = client_for("director")
    signal = _ours(world)
    assert client.get(f"{LIST}{signal.pk}/").status_code == 404
    assert client.patch(f"{LIST}{signal.pk}/", {"version": signal.version, "status": "closed"},
                        format="json").status_code == 404
    assert client.get(f"/api/v1/trajectories/{world.trajectories[OURS]}/aggregates/crime-signals/").status_code == 404
    signal.refresh_from_db()
    assert signal.status == "open"


def test_muni_advisor_gets_suppressed_counts_only_and_it_is_audited(world: World, client_for):
    url = f"/api/v1/trajectories/{world.trajectories[OURS]}/aggregates/crime-signals/"
    before = AuditEvent.objects.filter(action="aggregate", category="crime").count()
    response = client_for("muni_advisor").get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["category"] == "crime" and body["total"] == "<5"  # one open signal: never shown as 1
    cells = [cell for row in body["rows"] for cell in row["cells"].values()]
    assert 1 not in cells and "<5" in cells
    text = response.content.decode()
    assert OUR_DESCRIPTION not in text and "Akkerwinde" not in text and "hemp" not in text
    assert AuditEvent.objects.filter(action="aggregate", category="crime").count() == before + 1
