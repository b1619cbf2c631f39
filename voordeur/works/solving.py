"""The background solve: a job that turns a queued plan version into a plan.

The solver runs in a helper thread while this thread reports progress (the share of the
time limit used) to the job row every second; the result is validated and stored as the
version's plan JSON and one PlannedUnit per home.
"""

import threading
import time

from django.db import transaction

from voordeur.audit import log as audit
from voordeur.jobs.registry import Progress, handles
from voordeur.places.models import Unit
from voordeur.works.models import PlannedUnit, PlanVersion
from voordeur.works.schedule.instance import parse_instance
from voordeur.works.schedule.plan import Plan, plan_from_json, plan_to_json
from voordeur.works.schedule.solver import PreviousPlan, solve
from voordeur.works.schedule.validator import validate
from voordeur.works.services import SOLVE_JOB

TICK_SECONDS = 1.0


def _solve_with_progress(instance, *, time_limit: float, previous: PreviousPlan | None, progress: Progress) -> Plan:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["plan"] = solve(instance, time_limit=time_limit, previous=previous)
        except Exception as error:  # handed to the job thread, which records it
            outcome["error"] = error

    thread = threading.Thread(target=run, name="voordeur-solve", daemon=True)
    started = time.monotonic()
    thread.start()
    while thread.is_alive():
        thread.join(TICK_SECONDS)
        used = (time.monotonic() - started) / max(time_limit, 0.1)
        progress(10 + min(85, int(85 * used)), "Rekenen aan de planning")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["plan"]


def _previous(version: PlanVersion, instance) -> PreviousPlan | None:
    """The previous plan in the new instance's day numbers (its start date may have changed)."""
    if version.previous_id is None:
        return None
    previous = plan_from_json(version.previous.plan)
    if not previous.units:
        return None
    if version.previous.instance.get("start_date") == version.instance.get("start_date"):
        return PreviousPlan.from_plan(previous)
    calendar = instance.calendar
    starts = {u.id: calendar.day_on_or_after(u.start_date) for u in previous.units}
    ends = [calendar.day_on_or_after(u.end_date) + 1 for u in previous.units]
    return PreviousPlan(starts, previous.guest_home_of(), max(ends))


@handles(SOLVE_JOB)
def solve_plan_version(args: dict, progress: Progress) -> str:
    version = PlanVersion.objects.select_related("previous").get(pk=args["plan_version"])
    PlanVersion.objects.filter(pk=version.pk).update(status=PlanVersion.Status.RUNNING)
    progress(5, "Gegevens inlezen")
    instance = parse_instance(version.instance)
    previous = _previous(version, instance)
    plan = _solve_with_progress(instance, time_limit=float(args.get("time_limit", 30)), previous=previous,
                                progress=progress)
    if plan.units:
        problems = validate(instance, plan)
        if problems:
            raise ValueError(f"the solver's plan breaks {len(problems)} rules: {problems[0]}")
    progress(97, "Planning opslaan")
    _store(version, plan, previous)
    return str(version.pk)


@transaction.atomic
def _store(version: PlanVersion, plan: Plan, previous: PreviousPlan | None) -> None:
    moved = None
    rows = []
    if plan.units:
        units = dict(Unit.objects.filter(complex_id=version.trajectory.complex_id).values_list("unit_id", "pk"))
        households = {u["id"]: u.get("household") for u in version.instance["units"]}
        fixed = {u["id"] for u in version.instance["units"] if u.get("fixed_start_date")}
        buffer = version.instance.get("guest_home_buffer_days", 0)
        calendar = parse_instance(version.instance).calendar
        moved = 0
        for entry in plan.units:
            was = previous.start_days.get(entry.id) if previous else None
            is_moved = was is not None and was != entry.start_day
            moved += is_moved
            rows.append(PlannedUnit(
                plan_version=version, unit_id=units[entry.id], household_id=households.get(entry.id),
                start_day=entry.start_day, end_day=entry.end_day, start_date=entry.start_date,
                end_date=entry.end_date, guest_home_id=units.get(entry.guest_home) if entry.guest_home else None,
                guest_home_from=calendar.date_of(entry.start_day - buffer) if entry.guest_home else None,
                guest_home_until=calendar.date_of(entry.end_day + buffer) if entry.guest_home else None,
                moved=is_moved, promised=entry.id in fixed,
            ))
        PlannedUnit.objects.bulk_create(rows)
    PlanVersion.objects.filter(pk=version.pk).update(
        status=plan.status, plan=plan_to_json(plan), reason=plan.reason or "", makespan_days=plan.makespan_days,
        lower_bound_days=plan.lower_bound_days, end_date=plan.end_date, solve_seconds=round(plan.solve_seconds, 2),
        moved_units=moved if previous else None,
    )
    audit.record(None, "update", category="works", obj=version, trajectory_id=version.trajectory_id,
                 detail={"status": plan.status, "makespan_days": plan.makespan_days, "units": len(rows)})

