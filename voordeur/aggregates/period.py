"""The period a visits or referrals measure counts over: from (inclusive, or open) to (inclusive)."""

import datetime as dt
from dataclasses import dataclass

FEEDBACK_MONTHS = 3  # the feedback report's default period: the last three months


@dataclass(frozen=True)
class Period:
    start: dt.date | None  # None: since the beginning (the first visit, the first referral)
    end: dt.date

    def __post_init__(self) -> None:
        if self.start is not None and self.start > self.end:
            raise ValueError("a period cannot start after it ends")

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and day <= self.end


def months_back(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months earlier (clamped to the month's last day), plus one
    day, so that e.g. the three months up to 15 May start on 16 February."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    next_month = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (next_month - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last)) + dt.timedelta(days=1)


def last_months(today: dt.date, months: int = FEEDBACK_MONTHS) -> Period:
    return Period(start=months_back(today, months), end=today)


def until(today: dt.date) -> Period:
    """Everything up to and including today."""
    return Period(start=None, end=today)
