"""The persona world's works data: settings, needs flags and one solved plan per trajectory.

Kept apart from tests/personas.py so the works records stay in one place; `build_world`
calls `add_works`. Flags only (there is no reason field to leak).
"""

import datetime as dt

from tests.personas import OTHER, OURS, World
from voordeur.households.models import Household
from voordeur.places.models import Unit
from voordeur.trajectories.models import Trajectory
from voordeur.works.instance import build_instance
from voordeur.works.models import PlannedUnit, PlanVersion, WorksNeeds, WorksSettings
from voordeur.works.schedule.calendar import WorkingCalendar

START = dt.date(2027, 3, 1)


def add_works(world: World) -> None:
    for label, pk in world.households.items():
        needs = WorksNeeds.objects.create(household_id=pk, needs_guest_home=label == "h2",
                                          wants_guest_home=label in ("h3", "o1"), priority=1,
                                          home_during_day=label in ("h1", "h4"),
                                          unavailable=[["2027-05-03", "2027-05-14"]] if label == "h5" else [])
        world.add(needs, {OTHER if label.startswith("o") else OURS}, household_id=pk)
    for slug, trajectory_pk in world.trajectories.items():
        trajectory = Trajectory.objects.get(pk=trajectory_pk)
        WorksSettings.objects.create(trajectory=trajectory, start_date=START, work_days=2, max_units_in_work=2,
                                     max_starts_per_day=1, riser_window_days=2, day_room_capacity=1)
        homes = list(Unit.objects.filter(complex_id=trajectory.complex_id, kind=Unit.Kind.HOME).order_by("pk"))
        calendar = WorkingCalendar(START, frozenset())
        plan = {"status": "optimal", "units": [
            {"id": u.unit_id, "start_day": day, "end_day": day + 1, "guest_home": None} for day, u in enumerate(homes)]}
        version = PlanVersion.objects.create(
            trajectory=trajectory, number=1, status=PlanVersion.Status.OPTIMAL, instance=build_instance(trajectory),
            plan=plan, makespan_days=len(homes) + 1, lower_bound_days=len(homes) + 1,
            end_date=calendar.date_of(len(homes)))
        households = dict(Household.objects.filter(unit__in=homes).values_list("unit_id", "pk"))
        for day, unit in enumerate(homes):
            start = calendar.date_of(day)
            planned = PlannedUnit.objects.create(
                plan_version=version, unit=unit, household_id=households.get(unit.pk), start_day=day,
                end_day=day + 1, start_date=start, end_date=calendar.date_of(day + 1))
            world.add(planned, {slug}, household_id=households.get(unit.pk))


def grow_works_needs(pin, n: int) -> None:
    """n more needs records the query-count pin user sees (tests/api/test_query_counts.py)."""
    for _ in range(n):
        WorksNeeds.objects.create(household=pin.household(), home_during_day=True)


def grow_planned_units(pin, n: int) -> None:
    version = PlanVersion.objects.filter(trajectory=pin.trajectory).first() or PlanVersion.objects.create(
        trajectory=pin.trajectory, number=1, status=PlanVersion.Status.OPTIMAL)
    for i in range(n):
        household = pin.household()
        PlannedUnit.objects.create(plan_version=version, unit=household.unit, household=household, start_day=i,
                                   end_day=i + 1, start_date=START, end_date=START, guest_home=None)
