"""The works plan in the app: instance building, the job worker, solve -> plan version ->
dates per unit, promises kept in a re-plan, needs edits with 409, and what each role sees."""

import datetime as dt

import pytest

from tests.auth import login_verified
from tests.personas import OURS, World
from voordeur.households.models import Household, Tenancy
from voordeur.jobs import worker
from voordeur.jobs.models import Job
from voordeur.jobs.registry import handles
from voordeur.jobs.services import job_enqueue
from voordeur.trajectories.models import Trajectory
from voordeur.works import services
from voordeur.works.instance import build_instance
from voordeur.works.models import PlannedUnit, PlanVersion, PromisedStart, WorksNeeds
from voordeur.works.schedule.instance import parse_instance
from voordeur.works.schedule.plan import plan_from_json
from voordeur.works.schedule.validator import validate

pytestmark = pytest.mark.django_db


@handles("test.fails")
def _failing(args, progress):
    progress(40, "halverwege")
    raise RuntimeError("kapot")


@handles("test.ok")
def _ok(args, progress):
    progress(50, "bezig")
    return "ref-" + str(args["n"])


def _ours(world: World) -> Trajectory:
    return Trajectory.objects.get(pk=world.trajectories[OURS])


def test_instance_has_holidays_promises_vacancy_and_needs(world: World) -> None:
    trajectory = _ours(world)
    unit = PlannedUnit.objects.filter(plan_version__trajectory=trajectory, household__isnull=False).first()
    PromisedStart.objects.create(trajectory=trajectory, unit=unit.unit, household=unit.household,
                                 start_date=dt.date(2027, 3, 3))
    Tenancy.objects.filter(household_id=world.households["h6"]).update(end_date=dt.date(2020, 1, 1))
    data = build_instance(trajectory)
    assert "2027-04-27" in data["non_working_dates"]  # Koningsdag
    assert "2027-12-25" in data["non_working_dates"]
    units = {u["id"]: u for u in data["units"]}
    assert units[unit.unit.unit_id]["fixed_start_date"] == "2027-03-03"
    assert data["guest_homes"] == ["AK-007"]
    h2 = Household.objects.get(pk=world.households["h2"])
    assert units[h2.unit.unit_id]["needs_guest_home"] is True
    h5 = Household.objects.get(pk=world.households["h5"])
    assert units[h5.unit.unit_id]["unavailable"] == [["2027-05-03", "2027-05-14"]]
    assert units["AK-006"]["occupied"] is False and "needs_guest_home" not in units["AK-006"]  # h6 moved out
    assert parse_instance(data).units


def test_worker_claims_runs_and_records_progress_and_failure(world: World) -> None:
    ok = job_enqueue(kind="test.ok", args={"n": 7})
    bad = job_enqueue(kind="test.fails", args={})
    first = worker.run_once()
    assert first.pk == ok.pk and first.status == Job.Status.DONE and first.result_ref == "ref-7"
    assert first.progress == 100
    second = worker.run_once()
    assert second.pk == bad.pk and second.status == Job.Status.FAILED and "kapot" in second.error
    assert second.progress == 40 and second.message == "halverwege"
    assert worker.run_once() is None


def test_a_claimed_job_is_not_claimed_twice(world: World) -> None:
    job = job_enqueue(kind="test.ok", args={"n": 1})
    assert worker.claim_next().pk == job.pk
    assert worker.claim_next() is None


def test_solve_replan_keeps_promised_dates(world: World) -> None:
    trajectory = _ours(world)
    reno = world.user("reno_lead")
    version = services.plan_start(trajectory=trajectory, by=reno, replan=False, time_limit=3)
    assert version.status == PlanVersion.Status.QUEUED
    worker.run_once()
    version.refresh_from_db()
    assert version.status in PlanVersion.USABLE, version.reason
    plan = plan_from_json(version.plan)
    assert validate(parse_instance(version.instance), plan) == []
    rows = list(PlannedUnit.objects.filter(plan_version=version))
    assert len(rows) == 6 and all(r.start_date <= r.end_date for r in rows)
    h2_row = next(r for r in rows if r.household_id == world.households["h2"])
    assert h2_row.guest_home is not None  # h2 needs one

    promised = rows[0]
    services.promise_start(planned_unit=promised, by=reno)
    WorksNeeds.objects.filter(household_id=world.households["h1"]).update(needs_guest_home=True)
    again = services.plan_start(trajectory=trajectory, by=reno, replan=True, time_limit=3)
    worker.run_once()
    again.refresh_from_db()
    assert again.status in PlanVersion.USABLE, again.reason
    assert again.moved_units is not None
    kept = PlannedUnit.objects.get(plan_version=again, unit_id=promised.unit_id)
    assert kept.start_date == promised.start_date and kept.promised


def test_needs_edit_conflicts_on_a_stale_version(world: World, client) -> None:
    login_verified(client, world.user("broker"))
    url = f"/t/{OURS}/werkzaamheden/behoeften/"
    household = world.households["h3"]
    needs = WorksNeeds.objects.get(household_id=household)
    form = {"huishouden": household, "version": needs.version, "priority": 2, "wants_guest_home": "on"}
    assert client.post(url, form).status_code == 302
    needs.refresh_from_db()
    assert needs.priority == 2 and needs.version == form["version"] + 1
    stale = client.post(url, {**form, "priority": 3})
    assert stale.status_code == 409
    needs.refresh_from_db()
    assert needs.priority == 2


@pytest.mark.parametrize(("who", "sees_needs"), [("contractor", True), ("letting", False), ("enforcement", False)])
def test_units_page_shows_needs_only_to_roles_that_read_them(world: World, client, who: str, sees_needs: bool) -> None:
    login_verified(client, world.user(who))
    html = client.get(f"/t/{OURS}/werkzaamheden/woningen/").content.decode()
    assert "Akkerstraat" in html
    assert ('data-vd="needs"' in html) is sees_needs
    assert ("overdag thuis" in html) is sees_needs


def test_contractor_sees_contact_but_letting_does_not(world: World, client) -> None:
    name = world.values["h1"]["name"]
    login_verified(client, world.user("contractor"))
    assert name in client.get(f"/t/{OURS}/werkzaamheden/woningen/").content.decode()
    login_verified(client, world.user("letting"))
    assert name not in client.get(f"/t/{OURS}/werkzaamheden/woningen/").content.decode()


def test_plan_page_polls_progress_while_solving(world: World, client) -> None:
    login_verified(client, world.user("reno_lead"))
    response = client.post(f"/t/{OURS}/werkzaamheden/", {"form": "solve"})
    assert response.status_code == 302
    html = client.get(f"/t/{OURS}/werkzaamheden/").content.decode()
    assert 'hx-trigger="every 2s"' in html
    worker.run_once()
    partial = client.get(f"/t/{OURS}/werkzaamheden/voortgang/", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"
    assert "every 2s" not in partial.content.decode()


def test_units_page_query_count_is_flat(world: World, client, django_assert_max_num_queries) -> None:
    login_verified(client, world.user("contractor"))
    with django_assert_max_num_queries(14):
        assert client.get(f"/t/{OURS}/werkzaamheden/woningen/").status_code == 200
