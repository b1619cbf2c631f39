"""A horizon that every feasible instance can be planned within.

Argument: take any valid plan. Keep the risers that hold a fixed date where they are;
they end by `anchored_end`. Every other riser (a unit without a riser is a riser of its
own) can be moved, shape kept, into its own slot after all fixed dates and unavailable
periods: nothing constrains it there but its own units. A slot needs at most
`window + longest works + 2 * buffer + 1` days. So if no plan fits this horizon, none
exists at all, which makes an infeasibility proof within it a real one.
"""

from __future__ import annotations

from .instance import Instance, Unit


def planning_groups(instance: Instance) -> list[list[Unit]]:
    """Risers, and single units without a riser, in instance order."""
    groups: dict[str, list[Unit]] = {}
    singles: list[list[Unit]] = []
    for unit in instance.units:
        if unit.riser is None:
            singles.append([unit])
        else:
            groups.setdefault(unit.riser, []).append(unit)
    return [*groups.values(), *singles]


def anchored_end(instance: Instance) -> int:
    """First day after every fixed-date riser's stays and every unavailable period."""
    window = instance.riser_window_days
    buffer = instance.guest_home_buffer_days
    end = 0
    for group in planning_groups(instance):
        fixed = [u.fixed_start_day for u in group if u.fixed_start_day is not None]
        if fixed:
            longest = max(u.work_days for u in group)
            end = max(end, max(fixed) + window + longest + buffer)
    calendar = instance.calendar
    for unit in instance.units:
        for _first, last in unit.unavailable_periods:
            end = max(end, calendar.day_on_or_after(last) + 1)
    return end


def safe_horizon(instance: Instance) -> int:
    """Number of days within which a plan exists if any plan exists."""
    window = instance.riser_window_days
    buffer = instance.guest_home_buffer_days
    total = anchored_end(instance) + buffer
    for group in planning_groups(instance):
        if all(u.fixed_start_day is None for u in group):
            total += window + max(u.work_days for u in group) + 2 * buffer + 1
    return total
