"""The shared validator: every hard rule of spec/schedule.md, checked on a plan.

`validate(instance, plan)` returns one `Violation` per broken rule instance; a
violation prints as `UNIT_OR_DAY: problem`. Start days are taken as the truth; ends,
dates and the makespan must agree with them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .instance import Instance, Unit
from .plan import FEASIBLE, OPTIMAL, Plan, PlannedUnit
from .rules import end_day, forbidden_start_ranges, is_start_allowed, stay_days


@dataclass(frozen=True)
class Violation:
    subject: str  # a unit id, "day N", "riser R" or "plan"
    problem: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.problem}"


def validate(instance: Instance, plan: Plan) -> list[Violation]:
    violations: list[Violation] = []
    if plan.status not in (OPTIMAL, FEASIBLE):
        violations.append(Violation("plan", f"status is {plan.status}, not a plan to carry out"))
    planned = _planned_units(instance, plan, violations)
    units = instance.unit_by_id()
    for unit_id, entry in planned.items():
        violations.extend(_unit_violations(instance, units[unit_id], entry))
    starts = {unit_id: entry.start_day for unit_id, entry in planned.items()}
    violations.extend(_daily_violations(instance, plan, starts))
    violations.extend(_riser_violations(instance, starts))
    violations.extend(_guest_home_overlaps(instance, plan, starts))
    violations.extend(_summary_violations(instance, plan, starts))
    return violations


def _planned_units(
    instance: Instance, plan: Plan, violations: list[Violation]
) -> dict[str, PlannedUnit]:
    """First entry per known unit; unknown, duplicate and missing units are violations."""
    known = instance.unit_by_id()
    counts = Counter(entry.id for entry in plan.units)
    planned: dict[str, PlannedUnit] = {}
    for entry in plan.units:
        if entry.id not in known:
            violations.append(Violation(entry.id, "not a unit of the instance"))
        elif entry.id not in planned:
            planned[entry.id] = entry
    for unit_id, count in counts.items():
        if count > 1:
            violations.append(Violation(unit_id, f"planned {count} times, must be once"))
    for unit in instance.units:
        if unit.id not in planned:
            violations.append(Violation(unit.id, "not planned"))
    return planned


def _unit_violations(instance: Instance, unit: Unit, entry: PlannedUnit) -> list[Violation]:
    found: list[str] = []
    calendar = instance.calendar
    start = entry.start_day
    last = end_day(unit, start)
    if start < 0:
        found.append(f"start_day {start} is before day 0")
    if entry.end_day != last:
        found.append(
            f"end_day {entry.end_day} should be {last} "
            f"(start_day {start} + {unit.work_days} work days - 1)"
        )
    if entry.start_date != calendar.date_of(start):
        found.append(
            f"start_date {entry.start_date} is not the date of day {start} "
            f"({calendar.date_of(start)})"
        )
    if entry.end_date != calendar.date_of(entry.end_day):
        found.append(
            f"end_date {entry.end_date} is not the date of day {entry.end_day} "
            f"({calendar.date_of(entry.end_day)})"
        )
    if unit.fixed_start_day is not None and start != unit.fixed_start_day:
        found.append(
            f"starts on {calendar.date_of(start)}, but fixed_start_date is "
            f"{unit.fixed_start_date}"
        )
    if not is_start_allowed(forbidden_start_ranges(instance, unit), start):
        found.append(
            f"works {calendar.date_of(start)}..{calendar.date_of(last)} overlap an "
            f"unavailable period {_periods_text(unit)}"
        )
    found.extend(_guest_home_problems(instance, unit, entry.guest_home))
    return [Violation(unit.id, problem) for problem in found]


def _guest_home_problems(instance: Instance, unit: Unit, guest_home: str | None) -> list[str]:
    if guest_home is None:
        return ["needs a guest home but has none"] if unit.must_get_guest_home else []
    problems = []
    if guest_home not in instance.guest_homes:
        problems.append(f"guest home {guest_home!r} is not one of the instance's guest homes")
    if not unit.occupied:
        problems.append(f"is vacant but has guest home {guest_home}")
    elif not unit.may_get_guest_home:
        problems.append(f"has guest home {guest_home} but neither needs nor wants one")
    return problems


def _periods_text(unit: Unit) -> str:
    return ", ".join(f"{first}..{last}" for first, last in unit.unavailable_periods)


def _daily_violations(
    instance: Instance, plan: Plan, starts: dict[str, int]
) -> list[Violation]:
    if not starts:
        return []
    units = instance.unit_by_id()
    guest_homes = {entry.id: entry.guest_home for entry in plan.units}
    first = min(starts.values())
    last = max(end_day(units[uid], start) for uid, start in starts.items())
    in_work = [0] * (last - first + 2)
    in_day_room = [0] * (last - first + 2)
    started = Counter(starts.values())
    for unit_id, start in starts.items():
        unit = units[unit_id]
        in_work[start - first] += 1
        in_work[end_day(unit, start) - first + 1] -= 1
        if unit.uses_day_room and guest_homes.get(unit_id) is None:
            in_day_room[start - first] += 1
            in_day_room[end_day(unit, start) - first + 1] -= 1
    violations = []
    working = home = 0
    for offset in range(last - first + 1):
        day = first + offset
        working += in_work[offset]
        home += in_day_room[offset]
        on = f"on {instance.calendar.date_of(day)}"
        if working > instance.max_units_in_work:
            violations.append(
                Violation(
                    f"day {day}",
                    f"{working} units in work {on}, max_units_in_work is "
                    f"{instance.max_units_in_work}",
                )
            )
        if started[day] > instance.max_starts_per_day:
            violations.append(
                Violation(
                    f"day {day}",
                    f"{started[day]} units start {on}, max_starts_per_day is "
                    f"{instance.max_starts_per_day}",
                )
            )
        if home > instance.day_room_capacity:
            violations.append(
                Violation(
                    f"day {day}",
                    f"{home} households home during the day without a guest home {on}, "
                    f"day_room_capacity is {instance.day_room_capacity}",
                )
            )
    return violations


def _riser_violations(instance: Instance, starts: dict[str, int]) -> list[Violation]:
    violations = []
    for riser, units in instance.risers().items():
        riser_starts = [starts[unit.id] for unit in units if unit.id in starts]
        if not riser_starts:
            continue
        spread = max(riser_starts) - min(riser_starts)
        if spread > instance.riser_window_days:
            violations.append(
                Violation(
                    f"riser {riser}",
                    f"starts span days {min(riser_starts)}..{max(riser_starts)} "
                    f"({spread} working days), riser_window_days is "
                    f"{instance.riser_window_days}",
                )
            )
    return violations


def _guest_home_overlaps(
    instance: Instance, plan: Plan, starts: dict[str, int]
) -> list[Violation]:
    units = instance.unit_by_id()
    stays: dict[str, list[tuple[int, int, str]]] = {}
    for entry in plan.units:
        if entry.guest_home is not None and entry.id in starts:
            first, last = stay_days(instance, units[entry.id], starts[entry.id])
            stays.setdefault(entry.guest_home, []).append((first, last, entry.id))
    violations = []
    for guest_home, home_stays in sorted(stays.items()):
        home_stays.sort()
        previous = home_stays[0]
        for stay in home_stays[1:]:
            if stay[0] <= previous[1]:
                violations.append(
                    Violation(
                        stay[2],
                        f"stay in guest home {guest_home} (days {stay[0]}..{stay[1]}, "
                        f"buffer included) overlaps the stay of {previous[2]} "
                        f"(days {previous[0]}..{previous[1]})",
                    )
                )
            if stay[1] > previous[1]:
                previous = stay
    return violations


def _summary_violations(
    instance: Instance, plan: Plan, starts: dict[str, int]
) -> list[Violation]:
    if not starts:
        return []
    units = instance.unit_by_id()
    violations = []
    makespan = max(end_day(units[uid], start) for uid, start in starts.items()) + 1
    if plan.makespan_days != makespan:
        violations.append(
            Violation("plan", f"makespan_days is {plan.makespan_days}, should be {makespan}")
        )
    end_date = instance.calendar.date_of(makespan - 1)
    if plan.end_date != end_date:
        violations.append(Violation("plan", f"end_date is {plan.end_date}, should be {end_date}"))
    if plan.lower_bound_days is not None and plan.lower_bound_days > makespan:
        violations.append(
            Violation(
                "plan",
                f"lower_bound_days {plan.lower_bound_days} exceeds the makespan {makespan}",
            )
        )
    granted = {entry.id for entry in plan.units if entry.guest_home is not None}
    unmet = {unit.id for unit in instance.units if unit.has_wish and unit.id not in granted}
    listed = set(plan.unmet_guest_home_wishes)
    for unit_id in sorted(unmet - listed):
        violations.append(
            Violation(
                unit_id, "wanted a guest home, got none, but is not in unmet_guest_home_wishes"
            )
        )
    for unit_id in sorted(listed - unmet):
        violations.append(
            Violation(unit_id, "listed in unmet_guest_home_wishes but has no unmet wish")
        )
    return violations
