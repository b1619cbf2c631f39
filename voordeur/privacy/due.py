"""Pure retention arithmetic: when is a row due for removal? (No database, no settings.)

A period of `days` runs from an anchor date (the contact's date, the end of a trajectory's
phase, the day a letter batch was made). The row is due on the day the period has fully
passed: anchor + days <= today. A row without an anchor (the phase has not ended yet) is
never due. The database filters use `last_due_anchor` / `due_before`, which say the same
thing as `is_due` for a whole table at once (a test checks they agree).
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from zoneinfo import ZoneInfo


def is_due(anchor: dt.date | None, days: int, today: dt.date) -> bool:
    """Has the retention period of `days` from `anchor` passed on `today`?"""
    if anchor is None:
        return False
    return anchor + dt.timedelta(days=days) <= today


def last_due_anchor(days: int, today: dt.date) -> dt.date:
    """The latest anchor date that is due today: every anchor on or before it is due."""
    return today - dt.timedelta(days=days)


def due_before(days: int, today: dt.date, tz: ZoneInfo) -> dt.datetime:
    """For anchors that are moments: every moment before this one (local midnight after the
    last due day) falls on a due day in `tz`."""
    first_kept = last_due_anchor(days, today) + dt.timedelta(days=1)
    return dt.datetime.combine(first_kept, dt.time.min, tzinfo=tz)


def local_day(moment: dt.datetime, tz: ZoneInfo) -> dt.date:
    return moment.astimezone(tz).date()


def phase_anchor(ends: Iterable[dt.date | None]) -> dt.date | None:
    """The anchor of a complex from the end dates of one phase in each of its trajectories:
    the latest end, and none while any of them has not ended (or there is no trajectory)."""
    ends = list(ends)
    if not ends or any(end is None for end in ends):
        return None
    return max(ends)


def resolve_periods(defaults: Mapping[str, int], configured: Mapping[str, int]) -> dict[str, int]:
    """The retention periods in days: the defaults, overridden by configuration.

    Unknown keys and negative numbers are configuration errors (ValueError), so a typo in
    `VOORDEUR_RETENTION_<KEY>_DAYS` cannot silently keep data longer than intended.
    """
    unknown = sorted(set(configured) - set(defaults))
    if unknown:
        raise ValueError(f"unknown retention categories {unknown}; known: {sorted(defaults)}")
    periods = dict(defaults)
    for key, days in configured.items():
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise ValueError(f"retention period for {key!r} must be a whole number of days >= 0, got {days!r}")
        periods[key] = days
    return periods
