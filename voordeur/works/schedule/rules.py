"""Day-number forms of the hard rules, shared by the validator, the hand plan and the model."""

from __future__ import annotations

from .instance import Instance, Unit


def end_day(unit: Unit, start_day: int) -> int:
    """Last working day of the works (inclusive)."""
    return start_day + unit.work_days - 1


def stay_days(instance: Instance, unit: Unit, start_day: int) -> tuple[int, int]:
    """First and last working day (inclusive) a household occupies a guest home."""
    buffer = instance.guest_home_buffer_days
    return start_day - buffer, end_day(unit, start_day) + buffer


def forbidden_start_ranges(instance: Instance, unit: Unit) -> list[tuple[int, int]]:
    """Inclusive ranges of start days whose calendar span meets an unavailable period.

    The works span from the date of the start day to the date of the end day, weekends
    and holidays inside included. It meets [first, last] when it starts on or before
    `last` and ends on or after `first`.
    """
    calendar = instance.calendar
    ranges = []
    for first, last in unit.unavailable_periods:
        latest_bad_start = calendar.day_on_or_before(last)
        earliest_bad_start = calendar.day_on_or_after(first) - unit.work_days + 1
        if earliest_bad_start <= latest_bad_start:
            ranges.append((earliest_bad_start, latest_bad_start))
    return _merged(ranges)


def is_start_allowed(ranges: list[tuple[int, int]], start_day: int) -> bool:
    return not any(first <= start_day <= last for first, last in ranges)


def allowed_start_ranges(
    forbidden: list[tuple[int, int]], earliest: int, latest: int
) -> list[tuple[int, int]]:
    """Complement of `forbidden` within [earliest, latest], as inclusive ranges."""
    allowed = []
    cursor = earliest
    for first, last in forbidden:
        if last < cursor:
            continue
        if first > latest:
            break
        if first > cursor:
            allowed.append((cursor, min(first - 1, latest)))
        cursor = max(cursor, last + 1)
    if cursor <= latest:
        allowed.append((cursor, latest))
    return allowed


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged
