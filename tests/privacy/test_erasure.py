"""Erasure (AVG art. 17): a confirm step with counts (not data), then every registered row
about the household deleted, blanked or scrubbed; other households, the units and the audit
trail untouched, the chain still valid, and one audited `erasure` event with the counts."""

import json

import pytest
from django.apps import apps

from tests.auth import login_verified
from tests.personas import OURS, World, who_all
from tests.privacy.conftest import OFFICER
from tests.privacy.test_subject_export import batches  # noqa: F401  (fixture)
from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import LetterBatch as ConsentBatch
from voordeur.households.models import Household, Tenancy
from voordeur.places.models import Unit
from voordeur.privacy.registry import household_registrations
from voordeur.privacy.selectors import subject_household
from voordeur.privacy.services import household_erase
from voordeur.works.models import LetterBatch as WorksBatch
from voordeur.works.models import PlannedUnit, PlanVersion, PromisedStart

URL = "/privacy/wissen/"
REFERENCE = "AVG-17-2026-003"


def _snapshot() -> dict[str, dict[int, str]]:
    """Every registered model's rows, pk -> all field values — to prove what did not change."""
    return {entry.label: {row["id"]: json.dumps(row, sort_keys=True, default=str)
                          for row in entry.model.objects.values()}
            for entry in household_registrations()}


def _changed(before: dict, after: dict) -> dict[str, set[int]]:
    return {label: {pk for pk, row in rows.items() if after[label].get(pk) != row} for label, rows in before.items()}


def _about(world: World, label: str, batches: dict) -> dict[str, set[int]]:
    """What erasing household `label` should touch, worked out independently of the registry's lookups."""
    pk = world.households[label]
    tenancies = set(Tenancy.objects.filter(household_id=pk).values_list("pk", flat=True))
    expected: dict[str, set[int]] = {}
    for entry in household_registrations():
        if isinstance(entry.household, str):
            lookup = {"pk": pk} if entry.household == "pk" else {entry.household: pk}
            expected[entry.label] = set(entry.model.objects.filter(**lookup).values_list("pk", flat=True))
    expected["consent.letterbatch"] = {b.pk for b in ConsentBatch.objects.all() if tenancies & set(b.tenancies)}
    expected["works.letterbatch"] = {batches["works_mine"]}
    expected["works.planversion"] = {v.pk for v in PlanVersion.objects.all()
                                     if pk in [u.get("household") for u in v.instance.get("units", [])]}
    return expected


def _h1_tenancy(world: World) -> str:
    return Tenancy.objects.get(household_id=world.households["h1"]).tenancy_id


def _start(client, world: World, who: str = OFFICER, **data):
    login_verified(client, world.user(who))
    return client.post(URL, {"stap": "controleren", "reference": REFERENCE, "tenancy_id": _h1_tenancy(world),
                             **data})


def test_the_confirm_step_shows_counts_per_kind_and_no_personal_data(world, client, events, batches) -> None:
    response = _start(client, world)
    assert response.status_code == 200
    html = response.content.decode()
    plan = {item.entry.label: item.count for item in response.context["plan"]}
    assert plan["households.household"] == 1 and plan["households.person"] == 2
    assert plan["consent.letterbatch"] == 1 and plan["works.letterbatch"] == 1 and plan["works.plannedunit"] == 1
    assert 'data-model="households.person"' in html and "Akkerstraat 11 (AK-001)" in html
    for label, values in world.values.items():
        for value in values.values():
            assert value not in html, (label, value)
    assert Household.objects.filter(pk=world.households["h1"]).exists()  # nothing erased yet


def test_erasure_removes_the_household_and_leaves_everything_else(world, client, events, batches) -> None:
    h1 = world.households["h1"]
    promise = PromisedStart.objects.create(trajectory_id=world.trajectories[OURS], unit=Unit.objects.get(
        unit_id="AK-001"), household_id=h1, start_date="2027-03-01")
    before, expected = _snapshot(), _about(world, "h1", batches)
    assert expected["consent.letterbatch"] == {batches["consent_mine"]} and expected["works.planversion"]
    assert expected["works.promisedstart"] == {promise.pk} and len(expected["households.person"]) == 2
    audit_before = list(AuditEvent.objects.order_by("seq").values_list("seq", "hash"))
    units = Unit.objects.count()
    _start(client, world)
    response = client.post(URL, {"stap": "wissen", "reference": REFERENCE, "tenancy_id": _h1_tenancy(world),
                                 "confirmed": "on"})
    assert response.status_code == 302
    assert not Household.objects.filter(pk=h1).exists()
    for entry in household_registrations():
        if isinstance(entry.household, str) and entry.erase.verb == "delete":
            lookup = {"pk": h1} if entry.household == "pk" else {entry.household: h1}
            assert not entry.model.objects.filter(**lookup).exists(), entry.label
    assert not PlannedUnit.objects.filter(household_id=h1).exists()
    assert PlannedUnit.objects.filter(unit__unit_id="AK-001").exists()  # the plan of the unit stays
    promise.refresh_from_db()
    assert promise.household_id is None and str(promise.start_date) == "2027-03-01"
    assert not ConsentBatch.objects.filter(pk=batches["consent_mine"]).exists()
    assert not WorksBatch.objects.filter(pk=batches["works_mine"]).exists()
    for version in PlanVersion.objects.filter(trajectory_id=world.trajectories[OURS]):
        entry = next(u for u in version.instance["units"] if u["id"] == "AK-001")
        assert entry["household"] is None and "home_during_day" not in entry  # h1's flag, scrubbed
        assert any(u.get("household") for u in version.instance["units"])  # the neighbours' stay
    assert Unit.objects.count() == units

    changed = _changed(before, _snapshot())
    assert changed == expected
    for label in ("h2", "h3", "h4", "h5", "h6", "o1"):
        assert Household.objects.filter(pk=world.households[label]).exists()

    assert verify() is None
    assert list(AuditEvent.objects.filter(seq__lte=audit_before[-1][0]).order_by("seq").values_list(
        "seq", "hash")) == audit_before
    event = AuditEvent.objects.order_by("-seq").first()
    assert (event.action, event.purpose, event.actor, event.object_id) == ("erasure", REFERENCE, OFFICER, str(h1))
    assert event.detail["households.household"] == 1 and event.detail["households.person"] == 2
    assert event.detail["works.promisedstart"] == 1 and event.detail["works.planversion"] >= 1
    text = str(event.detail) + event.purpose
    for value in world.values["h1"].values():
        assert value not in text


def test_the_h1_events_stay_and_point_at_ids_only(world, client, events) -> None:
    household_erase(subject=subject_household(world.user(OFFICER), tenancy_id="T-ons-001", purpose="erase"),
                    reference=REFERENCE, by=world.user(OFFICER))
    kept = AuditEvent.objects.filter(seq__in=events["h1"])
    assert kept.count() == 3 and verify() is None


def test_without_confirmation_nothing_is_erased(world, client) -> None:
    _start(client, world)
    before = _snapshot()
    response = client.post(URL, {"stap": "wissen", "reference": REFERENCE, "tenancy_id": _h1_tenancy(world)})
    assert response.status_code == 400 and response.context["plan"]
    assert _snapshot() == before
    assert not AuditEvent.objects.filter(action="erasure").exists()


def test_a_household_outside_the_officers_trajectories_cannot_be_erased(world, client) -> None:
    login_verified(client, world.user(OFFICER))
    before = _snapshot()
    for step in ("controleren", "wissen"):
        response = client.post(URL, {"stap": step, "reference": REFERENCE, "tenancy_id": "T-and-009",
                                     "confirmed": "on"})
        assert response.status_code == 400
    assert _snapshot() == before


@pytest.mark.parametrize("who", [w for w in who_all() if w != OFFICER])
def test_nobody_else_can_erase(world, client, who: str) -> None:
    before = _snapshot()
    login_verified(client, world.user(who))
    response = client.post(URL, {"stap": "wissen", "reference": REFERENCE, "tenancy_id": "T-ons-001",
                                 "confirmed": "on"})
    assert response.status_code == 404
    assert _snapshot() == before


def test_erasing_twice_finds_nothing_left(world, client) -> None:
    officer = world.user(OFFICER)
    subject = subject_household(officer, tenancy_id="T-ons-002", purpose="erase")
    first = household_erase(subject=subject, reference=REFERENCE, by=officer)
    assert first["households.household"] == 1
    assert subject_household(officer, tenancy_id="T-ons-002", purpose="erase") is None  # the tenancy is gone
    assert apps.get_model("households.Household").objects.filter(pk=world.households["h2"]).count() == 0
