"""Deterministic generator of realistic flats, for tests and the benchmark.

A complex of portieken (stairwells); each has floors of homes stacked on risers. Some
homes are vacant, ~3% need a guest home, ~15% want one (priority 1-3), ~40% are home
during the day, ~5% have an unavailable period and ~1% of the risers have a promised
start date. Capacities scale with the number of homes. Promised dates are taken from
the hand plan of the same complex without them, so every generated instance is feasible.
"""

from __future__ import annotations

import datetime as dt
import random
from math import ceil
from typing import Any

from .calendar import WorkingCalendar
from .handplan import hand_plan
from .instance import parse_instance


def generate_instance(
    units: int, seed: int = 0, *, start_date: dt.date = dt.date(2027, 3, 1)
) -> dict[str, Any]:
    """An instance as JSON-ready data (a dict), reproducible from (units, seed)."""
    rng = random.Random(f"{units}:{seed}")
    homes = _homes(units, rng)
    window = rng.choice([1, 2, 3])
    risers: dict[str, list[dict[str, Any]]] = {}
    for home in homes:
        risers.setdefault(home["riser"], []).append(home)
    largest_riser = max(len(members) for members in risers.values())
    # Capacities scale with the complex, but always let one riser be worked on at once.
    crew = max(min(60, round(units / 7.5)), largest_riser, 3)
    instance: dict[str, Any] = {
        "complex": f"generated-{units}-{seed}",
        "start_date": start_date.isoformat(),
        "non_working_dates": [d.isoformat() for d in dutch_holidays(start_date.year, 6)],
        "work_days": 20,
        "max_units_in_work": crew,
        "max_starts_per_day": max(round(crew / 5), ceil(largest_riser / (window + 1))),
        "riser_window_days": window,
        "guest_homes": [
            f"G{i + 1}" for i in range(max(1, round(units / 35), _most(risers, "needs_guest_home")))
        ],
        "guest_home_buffer_days": 1,
        "day_room_capacity": max(2, round(crew * 0.4), _most(risers, "home_during_day")),
        "units": homes,
    }
    calendar = WorkingCalendar(start_date, frozenset(dutch_holidays(start_date.year, 6)))
    expected_days = ceil(units * 21 / crew) + 20
    for unit in instance["units"]:
        if unit["occupied"] and rng.random() < 0.05:
            first = calendar.date_of(rng.randrange(expected_days))
            last = first + dt.timedelta(days=rng.randint(4, 14))
            unit["unavailable"] = [[first.isoformat(), last.isoformat()]]
    _promise_dates(instance, rng)
    return instance


def _most(risers: dict[str, list[dict[str, Any]]], flag: str) -> int:
    """Most homes with `flag` set in one riser."""
    return max(sum(1 for home in members if home.get(flag)) for members in risers.values())


def _homes(count: int, rng: random.Random) -> list[dict[str, Any]]:
    homes: list[dict[str, Any]] = []
    portiek_index = 0
    while len(homes) < count:
        portiek = _portiek_name(portiek_index)
        risers = rng.choice([2, 3, 4, 5])
        floors = rng.choice([3, 4, 5, 6, 8])
        for floor in range(floors):
            for riser in range(risers):
                if len(homes) < count:
                    homes.append(_home(portiek, floor, riser, rng))
        portiek_index += 1
    return homes


def _portiek_name(index: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[index % 26] + (str(index // 26) if index >= 26 else "")


def _home(portiek: str, floor: int, riser: int, rng: random.Random) -> dict[str, Any]:
    home: dict[str, Any] = {
        "id": f"GN-{portiek}-{floor:02d}-{riser}",
        "portiek": portiek,
        "floor": floor,
        "riser": f"{portiek}-{riser}",
        "occupied": rng.random() >= 0.03,
    }
    if rng.random() < 0.2:
        home["work_days"] = rng.choice([18, 22, 25])
    if not home["occupied"]:
        return home
    home["home_during_day"] = rng.random() < 0.4
    if rng.random() < 0.03:
        home["needs_guest_home"] = True
    elif rng.random() < 0.15:
        home["wants_guest_home"] = True
        home["priority"] = rng.choice([1, 1, 2, 3])
    return home


def _promise_dates(instance: dict[str, Any], rng: random.Random) -> None:
    """Fix one home of ~1% of the risers (at least one) to its hand-plan start."""
    plan = hand_plan(parse_instance(instance))
    if plan is None:
        return
    start_days, _homes_given = plan
    calendar = parse_instance(instance).calendar
    risers = sorted({unit["riser"] for unit in instance["units"]})
    chosen = set(rng.sample(risers, max(1, round(len(risers) * 0.01))))
    for unit in instance["units"]:
        if unit["riser"] in chosen:
            unit["fixed_start_date"] = calendar.date_of(start_days[unit["id"]]).isoformat()
            chosen.discard(unit["riser"])


def dutch_holidays(first_year: int, years: int) -> list[dt.date]:
    """Dutch public holidays on which no works happen (weekdays and weekends alike)."""
    dates = []
    for year in range(first_year, first_year + years):
        easter = _easter(year)
        kings_day = dt.date(year, 4, 27)
        if kings_day.weekday() == 6:
            kings_day -= dt.timedelta(days=1)
        dates += [
            dt.date(year, 1, 1),
            easter + dt.timedelta(days=1),
            kings_day,
            easter + dt.timedelta(days=39),
            easter + dt.timedelta(days=50),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        ]
        if year % 5 == 0:
            dates.append(dt.date(year, 5, 5))
    return sorted(dates)


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)
