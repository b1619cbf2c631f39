"""Writes of works data: needs, settings, starting a solve, promising a start date.

Each is keyword-only, atomic, validated with full_clean() and audited in its transaction.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from voordeur.access.policy import Category
from voordeur.audit import log as audit
from voordeur.jobs.services import job_enqueue
from voordeur.lib.services import create_record, update_record
from voordeur.works.instance import build_instance
from voordeur.works.models import PlannedUnit, PlanVersion, PromisedStart, WorksNeeds, WorksSettings
from voordeur.works.schedule.instance import InstanceError, parse_instance

SOLVE_JOB = "works.solve"
DEFAULT_TIME_LIMIT = 30.0


def _trajectory_id_of_household(household) -> int | None:
    from voordeur.trajectories.models import Trajectory

    return Trajectory.objects.filter(complex_id=household.unit.complex_id).values_list("pk", flat=True).first()


@transaction.atomic
def works_needs_create(*, household, by, **flags: Any) -> WorksNeeds:
    needs = WorksNeeds(household=household, **flags)
    return create_record(needs, by=by, category=Category.WORKS_NEEDS,
                         trajectory_id=_trajectory_id_of_household(household))


@transaction.atomic
def works_needs_update(*, needs: WorksNeeds, by, changes: Mapping[str, Any], expected_version: int) -> WorksNeeds:
    return update_record(needs, by=by, changes=changes, expected_version=expected_version,
                         category=Category.WORKS_NEEDS, trajectory_id=_trajectory_id_of_household(needs.household))


@transaction.atomic
def works_settings_save(*, trajectory, by, changes: Mapping[str, Any], expected_version: int | None) -> WorksSettings:
    """Create the trajectory's settings (expected_version None) or change them (409 when stale)."""
    existing = WorksSettings.objects.filter(trajectory=trajectory).first()
    if existing is None:
        return create_record(WorksSettings(trajectory=trajectory, **changes), by=by, category=Category.WORKS,
                             trajectory_id=trajectory.pk)
    return update_record(existing, by=by, changes=changes, expected_version=expected_version or 0,
                         category=Category.WORKS, trajectory_id=trajectory.pk)


def latest_usable(trajectory) -> PlanVersion | None:
    return (PlanVersion.objects.filter(trajectory=trajectory, status__in=PlanVersion.USABLE)
            .order_by("-number").first())


@transaction.atomic
def plan_start(*, trajectory, by, replan: bool, time_limit: float = DEFAULT_TIME_LIMIT) -> PlanVersion:
    """A new plan version built from today's data, queued for the worker.

    replan=True starts from the newest usable version so that few units move.
    """
    if not WorksSettings.objects.filter(trajectory=trajectory).exists():
        raise ValidationError("Leg eerst de instellingen van de werkzaamheden vast.")
    data = build_instance(trajectory)
    try:
        parse_instance(data)
    except InstanceError as error:
        raise ValidationError(f"De gegevens passen niet in een planning: {error}") from None
    previous = latest_usable(trajectory) if replan else None
    if replan and previous is None:
        raise ValidationError("Er is nog geen planning om opnieuw te maken.")
    number = (PlanVersion.objects.select_for_update().filter(trajectory=trajectory)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion(trajectory=trajectory, number=number, previous=previous, instance=data,
                          started_by=by)
    version.full_clean()
    version.save(force_insert=True)
    job = job_enqueue(kind=SOLVE_JOB, args={"plan_version": version.pk, "time_limit": time_limit}, by=by)
    version.job = job
    version.save(update_fields=["job"])
    audit.record(by, "create", category=Category.WORKS, obj=version, trajectory_id=trajectory.pk,
                 detail={"number": number, "replan": replan, "units": len(data["units"])})
    return version


@transaction.atomic
def promise_start(*, planned_unit: PlannedUnit, by) -> PromisedStart:
    """Promise the household its start date from this plan; later re-plans keep it fixed."""
    version = planned_unit.plan_version
    if not version.usable:
        raise ValidationError("Alleen een datum uit een geldige planning kan worden toegezegd.")
    if PromisedStart.objects.filter(trajectory_id=version.trajectory_id, unit_id=planned_unit.unit_id).exists():
        raise ValidationError("Aan deze woning is al een startdatum toegezegd.")
    promise = PromisedStart(trajectory_id=version.trajectory_id, unit_id=planned_unit.unit_id,
                            household_id=planned_unit.household_id, start_date=planned_unit.start_date,
                            promised_by=by)
    promise.full_clean()
    promise.save(force_insert=True)
    PlannedUnit.objects.filter(pk=planned_unit.pk).update(promised=True)
    audit.record(by, "update", category=Category.WORKS, obj=promise, trajectory_id=version.trajectory_id,
                 detail={"start_date": planned_unit.start_date.isoformat(), "unit": planned_unit.unit_id})
    return promise
