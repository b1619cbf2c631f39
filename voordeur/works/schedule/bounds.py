"""Analytic lower bounds on the makespan (in working days).

Each bound is a necessary condition that every valid plan meets; the solver reports the
largest of them together with the bound CP-SAT proves.
"""

from __future__ import annotations

from collections.abc import Callable
from math import ceil

from .horizon import planning_groups, safe_horizon
from .instance import Instance, Unit
from .rules import forbidden_start_ranges


def lower_bounds(instance: Instance) -> dict[str, int]:
    """Every analytic bound by name (all valid at once; take the max)."""
    return {
        "crew capacity": crew_capacity_bound(instance),
        "crew lanes": crew_lane_bound(instance),
        "start rate": start_rate_bound(instance),
        "risers and unavailable periods": riser_bound(instance),
        "guest homes for needs": guest_home_bound(instance),
        "day room": day_room_bound(instance),
    }


def best_lower_bound(instance: Instance) -> int:
    return max(lower_bounds(instance).values())


def crew_capacity_bound(instance: Instance) -> int:
    total = sum(unit.work_days for unit in instance.units)
    return ceil(total / instance.max_units_in_work)


def crew_lane_bound(instance: Instance) -> int:
    """Crew capacity as lanes: whole units per lane, lanes opening at the start rate."""
    lanes = min(instance.max_units_in_work, len(instance.units))
    per_day = instance.max_starts_per_day
    opening_days = [lane // per_day for lane in range(lanes)]
    return lane_bound([u.work_days for u in instance.units], opening_days)


def lane_bound(lengths: list[int], opening_days: list[int]) -> int:
    """Least makespan for jobs on parallel lanes, lane j usable from opening_days[j].

    A cumulative resource of unit demands is a set of lanes (stays on a line can always
    be given distinct lanes). The l lanes holding the most jobs hold at least
    l*q + min(l, r) of them (n = q * lanes + r; the even spread is majorised by any
    other), so their loads add up to at least the sum S of that many shortest jobs,
    while their capacities add up to at most l * M minus the l earliest opening days.
    """
    lanes = len(opening_days)
    if not lengths or not lanes:
        return 0
    shortest_first = sorted(lengths)
    prefix = [0]
    for length in shortest_first:
        prefix.append(prefix[-1] + length)
    whole, rest = divmod(len(lengths), lanes)
    opened = sorted(opening_days)
    best = 0
    offsets = 0
    for count in range(1, lanes + 1):
        offsets += opened[count - 1]
        jobs = count * whole + min(count, rest)
        best = max(best, ceil((prefix[jobs] + offsets) / count))
    return best


def start_rate_bound(instance: Instance) -> int:
    """Longest works in the earliest start slots, `max_starts_per_day` per day."""
    lengths = sorted((unit.work_days for unit in instance.units), reverse=True)
    return _slot_bound(lengths, instance.max_starts_per_day)


def _slot_bound(lengths_desc: list[int], per_day: int) -> int:
    return max(index // per_day + length for index, length in enumerate(lengths_desc))


def riser_bound(instance: Instance) -> int:
    """Each riser needs a window where every unit may start (unavailable, fixed dates)."""
    horizon = safe_horizon(instance)
    best = 0
    for group in planning_groups(instance):
        window = instance.riser_window_days if len(group) > 1 else 0
        best = max(best, _group_bound(instance, group, window, horizon))
    return best


def _group_bound(instance: Instance, group: list[Unit], window: int, horizon: int) -> int:
    earliest_start = [earliest_allowed_start(instance, unit) for unit in group]
    slot_part = _slot_bound(
        sorted((u.work_days for u in group), reverse=True), instance.max_starts_per_day
    )
    longest = max(unit.work_days for unit in group)
    best = horizon + longest
    window_start = 0
    while window_start + longest < best and window_start <= horizon:
        firsts = [first(window_start) for first in earliest_start]
        late = [f for f in firsts if f is None or f > window_start + window]
        if late:
            # Jump: the window must reach the first possible start of a late unit.
            jumps = [f - window for f in firsts if f is not None and f > window_start + window]
            if any(f is None for f in late) or not jumps:
                break
            window_start = max(window_start + 1, max(jumps))
            continue
        ends = [f + u.work_days for f, u in zip(firsts, group)]
        best = min(best, max(max(ends), window_start + slot_part))
        window_start += 1
    return best if best < horizon + longest else 0


def earliest_allowed_start(instance: Instance, unit: Unit) -> Callable[[int], int | None]:
    """Function: first allowed start day >= day for this unit (None: none left)."""
    fixed = unit.fixed_start_day
    forbidden = forbidden_start_ranges(instance, unit)

    def first(day: int) -> int | None:
        if fixed is not None:
            return fixed if fixed >= day and not _inside(forbidden, fixed) else None
        candidate = day
        for low, high in forbidden:
            if low <= candidate <= high:
                candidate = high + 1
        return candidate

    return first


def _inside(ranges: list[tuple[int, int]], day: int) -> bool:
    return any(low <= day <= high for low, high in ranges)


def guest_home_bound(instance: Instance) -> int:
    """Needs' stays (works + 2 buffers) as lanes of the guest homes, open from day -buffer."""
    needs = [u for u in instance.units if u.must_get_guest_home]
    if not needs or not instance.guest_homes:
        return 0
    buffer = instance.guest_home_buffer_days
    stays = [u.work_days + 2 * buffer for u in needs]
    return max(0, lane_bound(stays, [0] * len(instance.guest_homes)) - 2 * buffer)


def day_room_bound(instance: Instance) -> int:
    """Home-during-day work days go to the day room or, with a stay, to a guest home.

    For makespan M: day-room days <= capacity * M, and stay days (needs included)
    <= guest homes * (M + 2 * buffer). Moving a wish unit with the longest works first
    is the cheapest (fractional) way to relieve the day room.
    """
    buffer = instance.guest_home_buffer_days
    homes = len(instance.guest_homes)
    capacity = instance.day_room_capacity
    mandatory = sum(
        u.work_days for u in instance.units if u.uses_day_room and not u.may_get_guest_home
    )
    movable = sorted(
        (u.work_days for u in instance.units if u.uses_day_room and u.has_wish), reverse=True
    )
    need_stays = sum(u.work_days + 2 * buffer for u in instance.units if u.must_get_guest_home)
    if not mandatory and not movable:
        return 0

    def feasible(makespan: int) -> bool:
        if mandatory > capacity * makespan:
            return False
        to_move = mandatory + sum(movable) - capacity * makespan
        stay_room = homes * (makespan + 2 * buffer) - need_stays
        for length in movable:
            if to_move <= 0:
                break
            moved = min(length, to_move)
            stay_room -= moved * (length + 2 * buffer) / length
            to_move -= moved
        return to_move <= 0 and stay_room >= 0

    low, high = 0, safe_horizon(instance)
    if not feasible(high):
        return high  # The instance is infeasible; any bound holds.
    while low < high:
        middle = (low + high) // 2
        if feasible(middle):
            high = middle
        else:
            low = middle + 1
    return low
