"""The planner's hand plan: the baseline to beat and the solver's first hint.

Stairwell by stairwell, riser by riser: each riser is started at the earliest day (not
before the previous riser) at which all its units fit inside the riser window, each unit
as early as capacity allows. Risers with a promised date go first, around that date.
Guest homes go to needs first, then to wishes by priority, whenever one is free.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping

from .horizon import planning_groups, safe_horizon
from .instance import Instance, Unit
from .rules import forbidden_start_ranges, is_start_allowed, stay_days

StartsAndHomes = tuple[dict[str, int], dict[str, str | None]]


class _Load:
    """Day-by-day usage while the plan is being built (mutable, private)."""

    def __init__(self, instance: Instance, horizon: int) -> None:
        self.instance = instance
        self.horizon = horizon
        self.offset = instance.guest_home_buffer_days + 1  # stays may begin before day 0
        size = horizon + 2 * self.offset + max(u.work_days for u in instance.units)
        self.in_work = [0] * size
        self.starts = [0] * size
        self.day_room = [0] * size
        self.guest_home_busy = {home: bytearray(size) for home in instance.guest_homes}
        self.forbidden = {u.id: forbidden_start_ranges(instance, u) for u in instance.units}

    def _span(self, unit: Unit, start: int) -> range:
        return range(start + self.offset, start + self.offset + unit.work_days)

    def free_guest_home(self, unit: Unit, start: int) -> str | None:
        first, last = stay_days(self.instance, unit, start)
        for home, busy in self.guest_home_busy.items():
            if not any(busy[first + self.offset : last + self.offset + 1]):
                return home
        return None

    def place(self, unit: Unit, start: int, grant_wish: bool = True) -> tuple[bool, str | None]:
        """Book the unit at `start` if every rule allows; returns (placed, guest home)."""
        instance = self.instance
        span = self._span(unit, start)
        if not 0 <= start < self.horizon or not is_start_allowed(self.forbidden[unit.id], start):
            return False, None
        if self.starts[start + self.offset] >= instance.max_starts_per_day:
            return False, None
        if any(self.in_work[d] >= instance.max_units_in_work for d in span):
            return False, None
        wants_one = unit.must_get_guest_home or (grant_wish and unit.has_wish)
        guest_home = self.free_guest_home(unit, start) if wants_one else None
        if unit.must_get_guest_home and guest_home is None:
            return False, None
        needs_day_room = unit.uses_day_room and guest_home is None
        if needs_day_room and any(self.day_room[d] >= instance.day_room_capacity for d in span):
            return False, None
        self._book(unit, start, guest_home, +1)
        return True, guest_home

    def unplace(self, unit: Unit, start: int, guest_home: str | None) -> None:
        self._book(unit, start, guest_home, -1)

    def _book(self, unit: Unit, start: int, guest_home: str | None, sign: int) -> None:
        self.starts[start + self.offset] += sign
        for day in self._span(unit, start):
            self.in_work[day] += sign
            if unit.uses_day_room and guest_home is None:
                self.day_room[day] += sign
        if guest_home is not None:
            first, last = stay_days(self.instance, unit, start)
            busy = self.guest_home_busy[guest_home]
            for day in range(first + self.offset, last + self.offset + 1):
                busy[day] = 1 if sign > 0 else 0


def hand_plan(instance: Instance) -> StartsAndHomes | None:
    """Start days and guest homes of the hand plan, or None if it gets stuck."""
    return _list_schedule(instance, lambda groups: groups, fill_gaps=False)


GroupOrder = Callable[[list[list[Unit]]], list[list[Unit]]]

# Orders in which gap-filling list scheduling takes the risers, most useful first.
GAP_FILLING_ORDERS: tuple[GroupOrder, ...] = (
    lambda groups: groups,  # stairwell by stairwell
    lambda groups: sorted(groups, key=lambda g: -len(g)),  # biggest risers first
    lambda groups: sorted(groups, key=lambda g: -sum(u.work_days for u in g)),  # most work
    lambda groups: groups[::-1],  # from the last stairwell back
)


def gap_filling_plans(instance: Instance, seconds: float) -> list[StartsAndHomes]:
    """List schedules in which a riser may start before earlier ones where room is left.

    Not how a planner works by hand, but better first hints for the solver. Tries the
    orders of GAP_FILLING_ORDERS while `seconds` last (always the first).
    """
    deadline = time.monotonic() + seconds
    plans = []
    for order in GAP_FILLING_ORDERS:
        plan = _list_schedule(instance, order, fill_gaps=True)
        if plan is not None:
            plans.append(plan)
        if time.monotonic() >= deadline:
            break
    return plans


def _list_schedule(
    instance: Instance, order: GroupOrder, *, fill_gaps: bool
) -> StartsAndHomes | None:
    horizon = safe_horizon(instance)
    load = _Load(instance, horizon)
    starts: dict[str, int] = {}
    homes: dict[str, str | None] = {}
    anchored, free = _split_groups(instance)
    for group in anchored:
        if not _place_anchored(instance, load, group, starts, homes):
            return None
    earliest = 0
    for group in order(free):
        if not _place_group(instance, load, group, range(earliest, horizon), starts, homes):
            return None
        if not fill_gaps:
            earliest = min(starts[u.id] for u in group)
    return starts, homes


def repaired_plan(
    instance: Instance, previous_starts: Mapping[str, int]
) -> StartsAndHomes | None:
    """The previous plan kept where it still holds, the rest placed as early as it fits.

    A riser keeps its previous start days if all of them still fit; otherwise (and for
    new units) it is placed afresh. Wishes are left to the solver.
    """
    horizon = max(safe_horizon(instance), max(previous_starts.values(), default=0) + 1)
    load = _Load(instance, horizon)
    starts: dict[str, int] = {}
    homes: dict[str, str | None] = {}
    anchored, free = _split_groups(instance)
    kept = [g for g in free if all(u.id in previous_starts for u in g)]
    kept.sort(key=lambda g: min(previous_starts[u.id] for u in g))
    deferred = [g for g in free if not all(u.id in previous_starts for u in g)]
    for group in anchored:
        if not _place_at(instance, load, group, previous_starts, starts, homes):
            if not _place_anchored(instance, load, group, starts, homes, grant_wish=False):
                return None
    for group in kept:
        if not _place_at(instance, load, group, previous_starts, starts, homes):
            deferred.append(group)
    for group in deferred:
        known = [previous_starts[u.id] for u in group if u.id in previous_starts]
        window_starts = _nearest_first(min(known), horizon) if known else range(0, horizon)
        if not _place_group(
            instance, load, group, window_starts, starts, homes, False, previous_starts
        ):
            return None
    return starts, homes


def _nearest_first(centre: int, horizon: int) -> Iterator[int]:
    """Days 0..horizon-1 by distance from `centre` (later first on a tie)."""
    for distance in range(horizon):
        for day in (centre + distance, centre - distance) if distance else (centre,):
            if 0 <= day < horizon:
                yield day


def _split_groups(instance: Instance) -> tuple[list[list[Unit]], list[list[Unit]]]:
    """Groups with a fixed date (by first fixed day), then the rest in stairwell order."""
    groups = sorted(planning_groups(instance), key=_stairwell_order)
    anchored = [g for g in groups if any(u.fixed_start_day is not None for u in g)]
    anchored.sort(key=lambda g: min(u.fixed_start_day for u in g if u.fixed_start_day is not None))
    free = [g for g in groups if all(u.fixed_start_day is None for u in g)]
    return anchored, free


def _place_anchored(
    instance: Instance,
    load: _Load,
    group: list[Unit],
    starts: dict[str, int],
    homes: dict[str, str | None],
    grant_wish: bool = True,
) -> bool:
    fixed = [u.fixed_start_day for u in group if u.fixed_start_day is not None]
    first_try = max(0, max(fixed) - instance.riser_window_days)
    window_starts = range(first_try, min(fixed) + 1)
    return _place_group(instance, load, group, window_starts, starts, homes, grant_wish)


def _place_at(
    instance: Instance,
    load: _Load,
    group: list[Unit],
    wanted: Mapping[str, int],
    starts: dict[str, int],
    homes: dict[str, str | None],
) -> bool:
    """Place the group exactly at the wanted start days, or not at all."""
    if not all(u.id in wanted for u in group):
        return False
    days = [wanted[u.id] for u in group]
    if len(group) > 1 and max(days) - min(days) > instance.riser_window_days:
        return False
    if any(u.fixed_start_day not in (None, wanted[u.id]) for u in group):
        return False
    placed: list[tuple[Unit, int, str | None]] = []
    for unit in sorted(group, key=_unit_order):
        ok, guest_home = load.place(unit, wanted[unit.id], grant_wish=False)
        if not ok:
            for done, start, home in placed:
                load.unplace(done, start, home)
            return False
        placed.append((unit, wanted[unit.id], guest_home))
    for unit, start, guest_home in placed:
        starts[unit.id] = start
        homes[unit.id] = guest_home
    return True


def _stairwell_order(group: list[Unit]) -> tuple:
    first = min(group, key=lambda u: (u.portiek or "", u.riser or "", u.floor or 0, u.id))
    return (first.portiek or "", first.riser or "", first.floor or 0, first.id)


def _unit_order(unit: Unit) -> tuple:
    return (
        unit.fixed_start_day is None,
        not unit.must_get_guest_home,
        not unit.has_wish,
        -unit.priority if unit.has_wish else 0,
        unit.floor or 0,
        unit.id,
    )


def _place_group(
    instance: Instance,
    load: _Load,
    group: list[Unit],
    window_starts: Iterable[int],
    starts: dict[str, int],
    homes: dict[str, str | None],
    grant_wish: bool = True,
    preferred: Mapping[str, int] | None = None,
) -> bool:
    """Place all units of the group inside the first window (of `window_starts`) that fits.

    Within the window a unit takes its preferred day if it can, else the earliest.
    """
    ordered = sorted(group, key=_unit_order)
    window = instance.riser_window_days if len(group) > 1 else 0
    for window_start in window_starts:
        placed: list[tuple[Unit, int, str | None]] = []
        for unit in ordered:
            if unit.fixed_start_day is not None:
                candidates = [unit.fixed_start_day]
            else:
                candidates = list(range(window_start, window_start + window + 1))
                wish = (preferred or {}).get(unit.id)
                if wish in candidates:
                    candidates.remove(wish)
                    candidates.insert(0, wish)
            for start in candidates:
                ok, guest_home = load.place(unit, start, grant_wish)
                if ok:
                    placed.append((unit, start, guest_home))
                    break
            else:
                break
        if len(placed) == len(ordered):
            for unit, start, guest_home in placed:
                starts[unit.id] = start
                homes[unit.id] = guest_home
            return True
        for unit, start, guest_home in placed:
            load.unplace(unit, start, guest_home)
    return False
