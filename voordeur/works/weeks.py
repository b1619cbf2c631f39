"""Week-by-week views of a plan, as plain data: the Gantt rows per stairwell and the
guest-home occupancy and day-room load per week (pure; no database).
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from voordeur.works.schedule.calendar import WorkingCalendar

ONE_WEEK = dt.timedelta(days=7)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays of every week from `first`'s to `last`'s, inclusive."""
    weeks, week = [], monday(first)
    while week <= last:
        weeks.append(week)
        week += ONE_WEEK
    return weeks


@dataclass(frozen=True)
class Bar:
    """One unit's works: the weeks it has works in (inclusive calendar dates)."""

    label: str
    start: dt.date
    end: dt.date
    guest_home: str = ""

    def in_week(self, week: dt.date) -> bool:
        return self.start < week + ONE_WEEK and week <= self.end


@dataclass(frozen=True)
class GanttRow:
    bar: Bar
    cells: tuple[bool, ...]


def gantt(bars: Sequence[Bar], weeks: Sequence[dt.date]) -> list[GanttRow]:
    return [GanttRow(bar, tuple(bar.in_week(week) for week in weeks)) for bar in bars]


@dataclass(frozen=True)
class Stay:
    """A planned unit as the charts need it (working-day numbers, from the plan)."""

    start_day: int
    end_day: int
    uses_day_room: bool
    in_guest_home: bool


def weekly_load(stays: Sequence[Stay], calendar: WorkingCalendar, buffer_days: int) -> list[tuple[dt.date, int, int]]:
    """(week, guest homes occupied, day-room places used) — the highest day of each week."""
    if not stays:
        return []
    guests: dict[int, int] = {}
    day_room: dict[int, int] = {}
    days: set[int] = set()
    for stay in stays:
        days.update(range(stay.start_day, stay.end_day + 1))
        if stay.in_guest_home:
            for day in range(stay.start_day - buffer_days, stay.end_day + buffer_days + 1):
                guests[day] = guests.get(day, 0) + 1
        elif stay.uses_day_room:
            for day in range(stay.start_day, stay.end_day + 1):
                day_room[day] = day_room.get(day, 0) + 1
    days |= set(guests)
    by_week: dict[dt.date, list[int]] = {}
    for day in days:
        week = monday(calendar.date_of(day))
        peak = by_week.setdefault(week, [0, 0])
        peak[0] = max(peak[0], guests.get(day, 0))
        peak[1] = max(peak[1], day_room.get(day, 0))
    first, last = min(by_week), max(by_week)
    return [(week, *by_week.get(week, [0, 0])) for week in weeks_between(first, last)]


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    height: float
    value: int
    label: str  # ISO week number


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bar_width: float
    columns: tuple[Column, ...]
    capacity: int
    capacity_y: float
    base_y: float


def bar_chart(values: Sequence[tuple[dt.date, int]], capacity: int, *, height: int = 160) -> BarChart:
    """Geometry of a bar per week with a capacity line (SVG attributes only, no styles)."""
    top, bottom, left, step = 8, 24, 28, 14
    width = left + step * max(len(values), 1) + 8
    scale_max = max([capacity, 1, *(v for _w, v in values)])
    inner = height - top - bottom

    def y(value: int) -> float:
        return round(top + inner * (1 - value / scale_max), 1)

    columns = tuple(
        Column(x=left + step * i + 2, y=y(value), height=round(inner * value / scale_max, 1), value=value,
               label=str(week.isocalendar().week))
        for i, (week, value) in enumerate(values)
    )
    return BarChart(width=width, height=height, bar_width=step - 4, columns=columns, capacity=capacity,
                    capacity_y=y(capacity), base_y=height - bottom)
