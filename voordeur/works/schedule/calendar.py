"""Working-day calendar: day numbers <-> dates, skipping weekends and non-working dates.

Day 0 is the start date, or the first working day on or after it. Day numbers before 0
count working days backwards from day 0. All functions are pure; the calendar keeps only
the non-working weekdays (sorted) so conversions cost O(log holidays) per step.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field

ONE_DAY = dt.timedelta(days=1)


def is_weekday(day: dt.date) -> bool:
    return day.weekday() < 5


def is_working_day(day: dt.date, non_working: frozenset[dt.date]) -> bool:
    return is_weekday(day) and day not in non_working


def weekdays_between(first: dt.date, stop: dt.date) -> int:
    """Number of Monday-Friday dates in [first, stop); 0 when stop <= first."""
    total_days = (stop - first).days
    if total_days <= 0:
        return 0
    full_weeks, rest = divmod(total_days, 7)
    count = 5 * full_weeks
    weekday = first.weekday()
    for offset in range(rest):
        if (weekday + offset) % 7 < 5:
            count += 1
    return count


def add_weekdays(origin: dt.date, count: int) -> dt.date:
    """The weekday `count` weekdays after (count > 0) or before (count < 0) `origin`.

    `origin` itself may be a weekend day; count 0 returns it unchanged.
    """
    if count == 0:
        return origin
    anchor = origin
    if not is_weekday(anchor):
        # From a weekend day, counting works as from the Friday before (forward)
        # or the Monday after (backward).
        shift = 4 - anchor.weekday() if count > 0 else 7 - anchor.weekday()
        anchor += dt.timedelta(days=shift)
    monday = anchor - dt.timedelta(days=anchor.weekday())
    weeks, weekday = divmod(anchor.weekday() + count, 5)
    return monday + dt.timedelta(days=7 * weeks + weekday)


def first_working_day_on_or_after(day: dt.date, non_working: frozenset[dt.date]) -> dt.date:
    while not is_working_day(day, non_working):
        day += ONE_DAY
    return day


@dataclass(frozen=True)
class WorkingCalendar:
    """Maps working-day numbers to dates and back for one instance."""

    start_date: dt.date
    non_working_dates: frozenset[dt.date] = frozenset()
    _holidays: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)
    day0: dt.date = field(init=False)

    def __post_init__(self) -> None:
        holidays = tuple(sorted(d for d in self.non_working_dates if is_weekday(d)))
        object.__setattr__(self, "_holidays", holidays)
        day0 = first_working_day_on_or_after(self.start_date, self.non_working_dates)
        object.__setattr__(self, "day0", day0)

    def is_working(self, day: dt.date) -> bool:
        return is_working_day(day, self.non_working_dates)

    def _holidays_between(self, first: dt.date, stop: dt.date) -> int:
        """Non-working weekdays in [first, stop)."""
        return max(0, bisect_left(self._holidays, stop) - bisect_left(self._holidays, first))

    def day_of(self, date: dt.date) -> int:
        """Working-day number of a working date; ValueError for a non-working date."""
        if not self.is_working(date):
            raise ValueError(f"{date.isoformat()} is not a working day")
        if date >= self.day0:
            return weekdays_between(self.day0, date) - self._holidays_between(self.day0, date)
        return -(weekdays_between(date, self.day0) - self._holidays_between(date, self.day0))

    def day_on_or_after(self, date: dt.date) -> int:
        """Number of the first working day on or after `date`."""
        return self.day_of(first_working_day_on_or_after(date, self.non_working_dates))

    def day_on_or_before(self, date: dt.date) -> int:
        """Number of the last working day on or before `date`."""
        while not self.is_working(date):
            date -= ONE_DAY
        return self.day_of(date)

    def date_of(self, day: int) -> dt.date:
        """Date of working day number `day` (negative: before day 0)."""
        position = self.day0
        remaining = day
        while remaining:
            target = add_weekdays(position, remaining)
            if remaining > 0:
                skipped = self._holidays_between(position + ONE_DAY, target + ONE_DAY)
            else:
                skipped = -self._holidays_between(target, position)
            position, remaining = target, skipped
        return position

    def dates_of(self, first_day: int, last_day: int) -> list[dt.date]:
        """Dates of working days first_day..last_day inclusive, in one pass."""
        dates: list[dt.date] = []
        if last_day < first_day:
            return dates
        current = self.date_of(first_day)
        dates.append(current)
        while len(dates) < last_day - first_day + 1:
            current += ONE_DAY
            if self.is_working(current):
                dates.append(current)
        return dates
