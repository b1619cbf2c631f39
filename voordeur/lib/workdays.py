"""Working-day arithmetic for promises and referrals (pure; Dutch public holidays injected).

"The municipality will call you within 5 working days": the due date is the 5th working
day after the day the promise was made (that day itself does not count). Working days are
Monday to Friday except the given public holidays.
"""

import datetime as dt
from collections.abc import Collection
from functools import lru_cache

import holidays


def is_working_day(day: dt.date, public_holidays: Collection[dt.date]) -> bool:
    return day.weekday() < 5 and day not in public_holidays


def add_working_days(start: dt.date, days: int, public_holidays: Collection[dt.date]) -> dt.date:
    """The `days`-th working day after `start` (0: `start` itself if it is a working day,
    else the next working day)."""
    if days < 0:
        raise ValueError("days must be 0 or more")
    day = start
    if days == 0:
        while not is_working_day(day, public_holidays):
            day += dt.timedelta(days=1)
        return day
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(day, public_holidays):
            remaining -= 1
    return day


def working_days_between(first: dt.date, last: dt.date, public_holidays: Collection[dt.date]) -> int:
    """Working days after `first` up to and including `last` (negative when `last` is earlier)."""
    if last < first:
        return -working_days_between(last, first, public_holidays)
    return sum(
        1 for n in range(1, (last - first).days + 1)
        if is_working_day(first + dt.timedelta(days=n), public_holidays)
    )


@lru_cache(maxsize=32)
def dutch_holidays(first_year: int, last_year: int) -> frozenset[dt.date]:
    """Dutch public holidays (the `holidays` package) in these years, inclusive."""
    return frozenset(holidays.Netherlands(years=range(first_year, last_year + 1)).keys())


def due_date(start: dt.date, days: int) -> dt.date:
    """`add_working_days` with the Dutch public holidays of the years it can reach."""
    return add_working_days(start, days, dutch_holidays(start.year, start.year + 1 + days // 200))
