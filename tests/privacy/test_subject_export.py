"""The subject-access export (AVG art. 15): everything about one household from every
registered model and the audit events about it, as JSON and PDF; nothing of any other
household; audited with the request reference and record ids, never the data itself."""

import json

import pytest

from tests.auth import login_verified
from tests.personas import OURS, World, who_all
from tests.privacy.conftest import OFFICER
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import LetterBatch as ConsentBatch
from voordeur.consent.models import Proposal
from voordeur.households.models import Tenancy
from voordeur.privacy.exporting import ExportFacts, as_html
from voordeur.privacy.registry import household_registrations
from voordeur.privacy.selectors import events_about, subject_household, subject_sections
from voordeur.works.models import LetterBatch as WorksBatch
from voordeur.works.models import PlannedUnit, PlanVersion

URL = "/privacy/inzage/"
REFERENCE = "AVG-2026-0042"


def _tenancy(world: World, label: str) -> Tenancy:
    return Tenancy.objects.select_related("unit").get(household_id=world.households[label])


def _post(client, world: World, who: str = OFFICER, **data):
    login_verified(client, world.user(who))
    return client.post(URL, {"reference": REFERENCE, "formaat": "json", **data})


@pytest.fixture
def batches(world: World) -> dict[str, int]:
    """Printed letters: a consent batch with h1 and h2, one with h3 only, and the works batch
    of h1's stairwell (and of the other stairwell)."""
    proposal = Proposal.objects.filter(complex__slug="akkerflat").first()
    t = {label: _tenancy(world, label).pk for label in ("h1", "h2", "h3")}
    both = ConsentBatch.objects.create(proposal=proposal, kind="cover", tenancies=[t["h1"], t["h2"]], total=2,
                                       pages=2, pdf=b"%PDF-with-letters")
    other = ConsentBatch.objects.create(proposal=proposal, kind="cover", tenancies=[t["h3"]], total=1, pages=1)
    row = PlannedUnit.objects.select_related("unit__portiek", "plan_version").get(household_id=world.households["h1"])
    mine = WorksBatch.objects.create(trajectory_id=world.trajectories[OURS], plan_version=row.plan_version,
                                     portiek=row.unit.portiek.code, letters=3, pages=3)
    theirs = WorksBatch.objects.create(trajectory_id=world.trajectories[OURS], plan_version=row.plan_version,
                                       portiek="Z", letters=1, pages=1)
    return {"consent_mine": both.pk, "consent_theirs": other.pk, "works_mine": mine.pk, "works_theirs": theirs.pk}


def _export(client, world: World, **data) -> dict:
    response = _post(client, world, tenancy_id=_tenancy(world, "h1").tenancy_id, **data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}  # never kept by a browser or proxy
    return json.loads(response.content)


def test_the_json_holds_every_registered_row_of_the_household(world, client, events, batches) -> None:
    document = _export(client, world)
    records = {record["model"]: record for record in document["records"]}
    assert set(records) == {entry.label for entry in household_registrations()}
    h1 = world.households["h1"]
    for entry in household_registrations():
        if isinstance(entry.household, str):
            lookup = {"pk": h1} if entry.household == "pk" else {entry.household: h1}
            expected = set(entry.model.objects.filter(**lookup).values_list("pk", flat=True))
            assert {row["id"] for row in records[entry.label]["rows"]} == expected, entry.label
    assert {row["id"] for row in records["consent.letterbatch"]["rows"]} == {batches["consent_mine"]}
    assert {row["id"] for row in records["works.letterbatch"]["rows"]} == {batches["works_mine"]}
    assert len(records["households.person"]["rows"]) == 2 and records["households.contactlogentry"]["rows"]
    plan_rows = records["works.planversion"]["rows"]
    assert [row["unit"] for row in plan_rows] == ["AK-001"] * PlanVersion.objects.filter(
        trajectory_id=world.trajectories[OURS]).count()
    assert plan_rows[0]["home_during_day"] is True  # h1's flag in the solver's copy


def test_the_json_holds_the_households_values_and_nothing_of_any_other(world, client, events, batches) -> None:
    text = json.dumps(_export(client, world), ensure_ascii=False)
    for value in world.values["h1"].values():
        assert value in text, value
    for label, values in world.values.items():
        if label != "h1":
            for value in values.values():
                assert value not in text, (label, value)
    assert "%PDF-with-letters" not in text  # a batch is described, its PDF (the neighbours' letters) is not


def test_the_audit_events_about_the_household_are_included_without_staff_names(world, client, events) -> None:
    document = _export(client, world)
    seqs = [event["seq"] for event in document["audit_events"]]
    assert set(events["h1"]) <= set(seqs)
    assert not set(events["h2"]) & set(seqs) and not set(events["other"]) & set(seqs)
    update = next(e for e in document["audit_events"] if e["object_type"] == "households.household")
    assert update["fields"] == ["best_time"] and update["organisation"] == "Welzijn Persona"
    assert all("actor" not in event and "detail" not in event for event in document["audit_events"])


def test_a_second_export_lists_the_first(world, client) -> None:
    _export(client, world)
    document = _export(client, world)
    assert [e["action"] for e in document["audit_events"]][-1] == "subject_export"
    assert document["audit_events"][-1]["purpose"] == REFERENCE


def test_the_export_is_audited_with_the_reference_and_ids_only(world, client, events) -> None:
    _export(client, world)
    event = AuditEvent.objects.order_by("-seq").first()
    h1 = world.households["h1"]
    assert (event.action, event.actor, event.purpose) == ("subject_export", OFFICER, REFERENCE)
    assert (event.object_type, event.object_id, event.trajectory_id) == ("households.household", str(h1),
                                                                          world.trajectories[OURS])
    assert event.detail["households.household"] == [h1] and event.detail["format"] == "json"
    assert len(event.detail["households.person"]) == 2
    row = json.dumps({f.name: getattr(event, f.name) for f in AuditEvent._meta.fields}, default=str,
                     ensure_ascii=False)
    for value in [*world.values["h1"].values(), _tenancy(world, "h1").tenancy_id, "Akkerstraat"]:
        assert value not in row, value


def test_the_pdf_renders_with_dutch_headings(world, client, events) -> None:
    response = _post(client, world, tenancy_id=_tenancy(world, "h1").tenancy_id, formaat="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert AuditEvent.objects.order_by("-seq").first().detail["format"] == "pdf"
    subject = subject_household(world.user(OFFICER), tenancy_id=_tenancy(world, "h1").tenancy_id)
    sections = subject_sections(subject.household_ids)
    html = as_html(ExportFacts(REFERENCE, AuditEvent.objects.last().at, "Woonstede Persona", subject.address,
                               subject.unit_id, "tenancy"), sections, events_about(sections))
    for text in ("Inzage in uw gegevens", "Uw gegevens", "Wie uw gegevens heeft vastgelegd, bekeken of gewijzigd",
                 "Huishoudens", "Contactmomenten", world.values["h1"]["name"], "gewijzigd (best_time)",
                 "Ochtend"):  # a choice shown by its Dutch label
        assert text in html, text


def test_the_unit_id_finds_the_current_tenant(world, client) -> None:
    response = _post(client, world, unit_id="AK-001")
    assert response.status_code == 200
    document = json.loads(response.content)
    households = next(r for r in document["records"] if r["model"] == "households.household")["rows"]
    assert [row["id"] for row in households] == [world.households["h1"]]
    assert AuditEvent.objects.order_by("-seq").first().detail["identified_by"] == "unit"


@pytest.mark.parametrize("data", [
    {"tenancy_id": "T-and-009"},  # the other trajectory's tenancy: as if it did not exist
    {"unit_id": "AN-001"},
    {"tenancy_id": "T-ons-999"},
    {"tenancy_id": "T-ons-001", "reference": ""},
    {"tenancy_id": "T-ons-001", "reference": "Fam. Jansen, Akkerstraat 11!"},
    {"tenancy_id": "T-ons-001", "unit_id": "AK-001"},
    {"tenancy_id": "T-ons-001", "formaat": "xml"},
])
def test_no_export_without_a_reference_and_one_household_in_scope(world, client, data: dict) -> None:
    login_verified(client, world.user(OFFICER))
    before = AuditEvent.objects.count()
    response = client.post(URL, {"reference": REFERENCE, "formaat": "json", **data})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert AuditEvent.objects.count() == before
    html = response.content.decode()
    for label in ("o1", "h1"):
        assert world.values[label]["name"] not in html


@pytest.mark.parametrize("who", [w for w in who_all() if w != OFFICER])
def test_nobody_else_can_export(world, client, who: str) -> None:
    login_verified(client, world.user(who))
    before = AuditEvent.objects.count()
    assert client.post(URL, {"reference": REFERENCE, "tenancy_id": "T-ons-001", "formaat": "json"}).status_code == 404
    assert client.get(URL).status_code == 404
    assert AuditEvent.objects.count() == before
