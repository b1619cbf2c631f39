"""Retention: `voordeur retention run [--dry-run]` removes exactly the rows past their period
(and the rows that belong to them), in one transaction, audited as one event; a dry run
changes nothing. Periods come from the table, overridable per deployment."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.personas import OTHER, OURS, World
from voordeur.accounts.models import ApiToken
from voordeur.audit.log import verify
from voordeur.audit.models import AuditEvent
from voordeur.consent.models import LetterBatch as ConsentBatch
from voordeur.consent.models import Proposal, Response
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.privacy.registry import registrations
from voordeur.privacy.retention import retention_plan
from voordeur.trajectories.models import Phase, PhasePlan
from voordeur.works.models import PlannedUnit, PlanVersion, WorksNeeds


def _snapshot() -> dict[str, dict[int, str]]:
    return {entry.label: {row["id"]: json.dumps(row, sort_keys=True, default=str)
                          for row in entry.model.objects.values()} for entry in registrations()}


def _changed(before: dict, after: dict) -> dict[str, set[int]]:
    return {label: changed for label, rows in before.items()
            if (changed := {pk for pk, row in rows.items() if after[label].get(pk) != row})}


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", "run", *args, stdout=out)
    return out.getvalue()


def _end_phase(world: World, slug: str, phase: int, days_ago: int) -> None:
    day = timezone.localdate() - dt.timedelta(days=days_ago)
    PhasePlan.objects.update_or_create(trajectory_id=world.trajectories[slug], phase=phase,
                                       defaults={"actual_start": day - dt.timedelta(days=90), "actual_end": day})


@pytest.fixture
def aged(world: World) -> dict[str, set[int]]:
    """Our renovation phase ended 60 days ago (consent and needs are due after 56, works after
    365); contacts, letter batches and tokens of different ages. Returns what is due."""
    _end_phase(world, OURS, Phase.RENOVATE, 60)
    now = timezone.now()
    old_contact, young_contact = ContactLogEntry.objects.filter(
        household_id__in=[world.households["h3"], world.households["h4"]]).order_by("pk")[:2]
    ContactLogEntry.objects.filter(pk=old_contact.pk).update(contacted_at=now - dt.timedelta(days=800))
    ContactLogEntry.objects.filter(pk=young_contact.pk).update(contacted_at=now - dt.timedelta(days=700))
    proposal = Proposal.objects.filter(complex__slug="anderflat").first()  # any: batches run from their own date
    old_batch = ConsentBatch.objects.create(proposal=proposal, kind="cover", tenancies=[], total=0, pages=1)
    ConsentBatch.objects.filter(pk=old_batch.pk).update(created_at=now - dt.timedelta(days=91))
    ConsentBatch.objects.create(proposal=proposal, kind="reminder", tenancies=[], total=0, pages=1)
    user = world.user("broker")
    expired = ApiToken.objects.create(user=user, prefix="old", key_hash="a" * 64,
                                      expires_at=now - dt.timedelta(days=100))
    ApiToken.objects.create(user=user, prefix="new", key_hash="b" * 64, expires_at=now - dt.timedelta(days=10))
    ours = world.trajectories[OURS]
    return {
        "consent.response": set(Response.objects.filter(proposal__complex__slug="akkerflat")
                                .values_list("pk", flat=True)),
        "works.worksneeds": set(WorksNeeds.objects.filter(household__unit__complex__slug="akkerflat")
                                .values_list("pk", flat=True)),
        "works.planversion": set(PlanVersion.objects.filter(trajectory_id=ours).values_list("pk", flat=True)),
        "households.contactlogentry": {old_contact.pk},
        "consent.letterbatch": {old_batch.pk},
        "accounts.apitoken": {expired.pk},
    }


def test_a_dry_run_counts_and_changes_nothing(world, aged) -> None:
    before, events = _snapshot(), AuditEvent.objects.count()
    out = _run("--dry-run")
    assert _snapshot() == before and AuditEvent.objects.count() == events
    assert "dry run: nothing changed" in out
    assert f"{sum(len(ids) for ids in aged.values())} rows due" in out
    line = next(line for line in out.splitlines() if "households.contactlogentry" in line)
    assert "730 days" in line and line.endswith("due 1")


def test_a_run_removes_exactly_the_due_rows_and_is_audited_once(world, aged) -> None:
    before, events = _snapshot(), AuditEvent.objects.count()
    out = _run()
    assert _changed(before, _snapshot()) == aged
    for pk in aged["works.planversion"]:  # scrubbed, not deleted: the plan of the units stays
        version = PlanVersion.objects.get(pk=pk)
        assert all(u["household"] is None and "needs_guest_home" not in u for u in version.instance["units"])
    assert PlanVersion.objects.filter(trajectory_id=world.trajectories[OTHER]).get().instance["units"][0]["household"]
    assert AuditEvent.objects.count() == events + 1
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "retention" and event.actor.startswith("system:")
    assert event.detail["consent.response"] == len(aged["consent.response"])
    assert event.detail["rows"] == sum(len(ids) for ids in aged.values())
    assert verify() is None
    assert "audited as one event" in out
    assert not any(item.count for item in retention_plan(today=timezone.localdate()))  # nothing left to do


def test_when_aftercare_ended_long_enough_ago_the_households_go_with_everything_of_theirs(world) -> None:
    _end_phase(world, OURS, Phase.AFTERCARE, 400)
    ours = list(Household.objects.filter(unit__complex__slug="akkerflat").values_list("pk", flat=True))
    ContactLogEntry.objects.filter(household_id=ours[0]).update(contacted_at=timezone.now())  # recent: goes too
    plan = {item.entry.label: item.count for item in retention_plan(today=timezone.localdate())}
    assert plan["households.household"] == len(ours) == 6
    assert plan["households.person"] == Person.objects.filter(household_id__in=ours).count()
    assert plan["households.contactlogentry"] == ContactLogEntry.objects.filter(household_id__in=ours).count()
    assert plan["consent.response"] == Response.objects.filter(tenancy__household_id__in=ours).count()
    assert plan["works.plannedunit"] == PlannedUnit.objects.filter(household_id__in=ours).count()
    _run()
    assert not Household.objects.filter(pk__in=ours).exists() and not Tenancy.objects.filter(household_id__in=ours)
    assert Household.objects.filter(unit__complex__slug="anderflat").count() == 1
    assert PlannedUnit.objects.filter(unit__complex__slug="akkerflat", household__isnull=True).count() == plan[
        "works.plannedunit"]
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.detail["households.household"] == 6 and event.detail["households.person"] == plan["households.person"]


def test_a_running_trajectory_keeps_its_households(world) -> None:
    _end_phase(world, OURS, Phase.AFTERCARE, 300)  # 12 months not yet passed
    plan = {item.entry.label: item.count for item in retention_plan(today=timezone.localdate())}
    assert plan["households.household"] == 0


def test_the_deployment_can_set_other_periods(world, aged, settings) -> None:
    settings.RETENTION_DAYS = {"contacts_log": 900, "consent": 30}
    plan = {item.entry.label: set(item.ids) for item in retention_plan(today=timezone.localdate())}
    assert plan["households.contactlogentry"] == set()
    assert plan["consent.response"] == aged["consent.response"]
    settings.RETENTION_DAYS = {"consent": 90}
    assert not next(i for i in retention_plan(today=timezone.localdate()) if i.entry.label == "consent.response").ids


def test_a_misspelt_setting_stops_the_run(world, settings) -> None:
    settings.RETENTION_DAYS = {"contact_log": 30}
    before = _snapshot()
    with pytest.raises(CommandError, match="contact_log"):
        _run()
    assert _snapshot() == before
    from voordeur.privacy.apps import check_retention_settings

    assert [error.id for error in check_retention_settings()] == ["privacy.E001"]
