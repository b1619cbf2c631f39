"""Pre-analysis of common clashes: each finding is a proof that no valid plan exists.

Every function returns human-readable sentences naming the constraints that clash;
an empty list means this analysis found nothing (the instance may still be infeasible).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .bounds import earliest_allowed_start
from .horizon import safe_horizon
from .instance import Instance, Unit
from .rules import end_day, forbidden_start_ranges, is_start_allowed, stay_days


def find_clashes(instance: Instance) -> list[str]:
    return [
        *_guest_home_clashes(instance),
        *_day_room_clashes(instance),
        *_fixed_date_clashes(instance),
        *_riser_clashes(instance),
        *_fixed_day_load_clashes(instance),
    ]


def _names(units: list[Unit], limit: int = 5) -> str:
    ids = [unit.id for unit in units]
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _days(count: int) -> str:
    return f"{count} working day" + ("" if count == 1 else "s")


def _guest_home_clashes(instance: Instance) -> list[str]:
    needs = [u for u in instance.units if u.must_get_guest_home]
    if needs and not instance.guest_homes:
        verb = "needs" if len(needs) == 1 else "need"
        return [f"{_names(needs)} {verb} a guest home (needs_guest_home), but guest_homes is empty"]
    return []


def _day_room_clashes(instance: Instance) -> list[str]:
    if instance.day_room_capacity > 0:
        return []
    stuck = [
        u for u in instance.units
        if u.uses_day_room and not (u.may_get_guest_home and instance.guest_homes)
    ]
    if not stuck:
        return []
    verb = "is" if len(stuck) == 1 else "are"
    return [
        f"{_names(stuck)} {verb} home during the day and cannot get a guest home, "
        "but day_room_capacity is 0"
    ]


def _fixed_date_clashes(instance: Instance) -> list[str]:
    clashes = []
    for unit in instance.units:
        day = unit.fixed_start_day
        if day is not None and not is_start_allowed(forbidden_start_ranges(instance, unit), day):
            clashes.append(
                f"{unit.id}: fixed_start_date {unit.fixed_start_date} puts the works inside "
                "its unavailable period"
            )
    return clashes


def _riser_clashes(instance: Instance) -> list[str]:
    clashes = []
    window = instance.riser_window_days
    horizon = safe_horizon(instance)
    for riser, units in instance.risers().items():
        if len(units) < 2:
            continue
        name = f"riser {riser}"
        start_days = window + 1
        if len(units) > start_days * instance.max_starts_per_day:
            clashes.append(
                f"{name}: its {len(units)} units must all start within riser_window_days "
                f"{window} ({_days(start_days)}), but max_starts_per_day "
                f"{instance.max_starts_per_day} allows only "
                f"{start_days * instance.max_starts_per_day} starts"
            )
        fixed = [u for u in units if u.fixed_start_day is not None]
        if fixed:
            early = min(fixed, key=lambda u: u.fixed_start_day or 0)
            late = max(fixed, key=lambda u: u.fixed_start_day or 0)
            if (late.fixed_start_day or 0) - (early.fixed_start_day or 0) > window:
                clashes.append(
                    f"{name}: fixed_start_date {early.fixed_start_date} ({early.id}) and "
                    f"{late.fixed_start_date} ({late.id}) are more than riser_window_days "
                    f"{window} apart"
                )
                continue
        clashes.extend(_riser_overlap_clashes(instance, name, units))
        if not _has_common_window(instance, units, horizon):
            clashes.append(
                f"{name}: no {window + 1}-day window lets every unit start, given the "
                f"unavailable periods and fixed dates of {_names(_constrained(units))} "
                f"(riser_window_days {window})"
            )
    return clashes


def _constrained(units: list[Unit]) -> list[Unit]:
    return [u for u in units if u.unavailable_periods or u.fixed_start_day is not None]


def _riser_overlap_clashes(instance: Instance, name: str, units: list[Unit]) -> list[str]:
    """When the window is shorter than every works, all units of a riser meet on one day."""
    if instance.riser_window_days >= min(u.work_days for u in units):
        return []
    clashes = []
    if len(units) > instance.max_units_in_work:
        clashes.append(
            f"{name}: its {len(units)} units are all in work on one day (riser_window_days "
            f"{instance.riser_window_days} is shorter than their works), but "
            f"max_units_in_work is {instance.max_units_in_work}"
        )
    needs = [u for u in units if u.must_get_guest_home]
    homes = len(instance.guest_homes)
    if homes and len(needs) > homes:
        clashes.append(
            f"{name}: {len(needs)} units that need a guest home ({_names(needs)}) are in "
            f"works at the same time, but there are only {homes} guest homes"
        )
    home_all_day = [u for u in units if u.uses_day_room and not u.must_get_guest_home]
    relievable = min(sum(1 for u in home_all_day if u.has_wish), max(0, homes - len(needs)))
    if len(home_all_day) - relievable > instance.day_room_capacity:
        clashes.append(
            f"{name}: {len(home_all_day)} households home during the day "
            f"({_names(home_all_day)}) are in works at the same time and at most "
            f"{relievable} can go to a guest home, but day_room_capacity is "
            f"{instance.day_room_capacity}"
        )
    return clashes


def _has_common_window(instance: Instance, units: list[Unit], horizon: int) -> bool:
    window = instance.riser_window_days
    firsts = [earliest_allowed_start(instance, unit) for unit in units]
    window_start = 0
    while window_start <= horizon:
        starts = [first(window_start) for first in firsts]
        if any(start is None for start in starts):
            return False
        latest = max(s for s in starts if s is not None)
        if latest <= window_start + window:
            return True
        window_start = max(window_start + 1, latest - window)
    return False


def _fixed_day_load_clashes(instance: Instance) -> list[str]:
    """Units with fixed dates alone already exceed a daily capacity."""
    fixed = [u for u in instance.units if u.fixed_start_day is not None]
    calendar = instance.calendar
    clashes = []
    starts = Counter(u.fixed_start_day for u in fixed)
    for day, count in sorted(starts.items()):
        if count > instance.max_starts_per_day:
            units = [u for u in fixed if u.fixed_start_day == day]
            clashes.append(
                f"day {day}: {count} units have fixed_start_date {calendar.date_of(day)} "
                f"({_names(units)}), but max_starts_per_day is {instance.max_starts_per_day}"
            )
    checks = [
        ("in work", lambda u: True, lambda u, s: (s, end_day(u, s)),
         instance.max_units_in_work, "max_units_in_work"),
        ("needing a guest home", lambda u: u.must_get_guest_home,
         lambda u, s: stay_days(instance, u, s), len(instance.guest_homes), "guest homes"),
        ("home during the day without a guest home",
         lambda u: u.uses_day_room and not u.may_get_guest_home,
         lambda u, s: (s, end_day(u, s)), instance.day_room_capacity, "day_room_capacity"),
    ]
    for what, selected, span, capacity, limit_name in checks:
        clash = _peak([u for u in fixed if selected(u)], span, capacity)
        if clash:
            day, units = clash
            clashes.append(
                f"day {day}: {len(units)} units with a fixed_start_date are {what} on "
                f"{calendar.date_of(day)} ({_names(units)}), but {limit_name} is {capacity}"
            )
    return clashes


def _peak(
    units: list[Unit],
    span: Callable[[Unit, int], tuple[int, int]],
    capacity: int,
) -> tuple[int, list[Unit]] | None:
    """First day on which more than `capacity` of the units' spans meet."""
    if len(units) <= capacity:
        return None
    spans = [(span(u, u.fixed_start_day), u) for u in units]
    for (first, _last), _unit in sorted(spans, key=lambda item: item[0]):
        meeting = [u for (a, b), u in spans if a <= first <= b]
        if len(meeting) > capacity:
            return first, meeting
    return None
