"""The schedule instance: parsed and checked into frozen dataclasses.

Bad input raises `InstanceError` whose message starts with the offending field, e.g.
`units[3].fixed_start_date: 2027-03-06 is not a working day`. Unknown keys are ignored
so the app may carry extra fields along.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .calendar import WorkingCalendar


class InstanceError(ValueError):
    """The instance (or a plan read alongside it) is not valid input."""


@dataclass(frozen=True)
class Unit:
    id: str
    work_days: int
    portiek: str | None = None
    floor: int | None = None
    riser: str | None = None
    occupied: bool = True
    needs_guest_home: bool = False
    wants_guest_home: bool = False
    priority: int = 1
    home_during_day: bool = False
    unavailable: tuple[tuple[dt.date, dt.date], ...] = ()
    fixed_start_date: dt.date | None = None
    fixed_start_day: int | None = None

    # A vacant unit has no household: its guest-home, day-room and unavailable fields
    # are ignored. These properties give the rules that actually apply.
    @property
    def must_get_guest_home(self) -> bool:
        return self.occupied and self.needs_guest_home

    @property
    def has_wish(self) -> bool:
        """A soft wish for a guest home (a need already guarantees one)."""
        return self.occupied and self.wants_guest_home and not self.needs_guest_home

    @property
    def may_get_guest_home(self) -> bool:
        return self.must_get_guest_home or self.has_wish

    @property
    def uses_day_room(self) -> bool:
        return self.occupied and self.home_during_day

    @property
    def unavailable_periods(self) -> tuple[tuple[dt.date, dt.date], ...]:
        return self.unavailable if self.occupied else ()


@dataclass(frozen=True)
class Instance:
    start_date: dt.date
    work_days: int
    max_units_in_work: int
    max_starts_per_day: int
    riser_window_days: int
    day_room_capacity: int
    units: tuple[Unit, ...]
    guest_homes: tuple[str, ...] = ()
    guest_home_buffer_days: int = 0
    non_working_dates: frozenset[dt.date] = frozenset()
    complex: str = ""
    calendar: WorkingCalendar = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        calendar = WorkingCalendar(self.start_date, self.non_working_dates)
        object.__setattr__(self, "calendar", calendar)

    def unit_by_id(self) -> dict[str, Unit]:
        return {unit.id: unit for unit in self.units}

    def risers(self) -> dict[str, list[Unit]]:
        """Units per riser, in instance order."""
        groups: dict[str, list[Unit]] = {}
        for unit in self.units:
            if unit.riser is not None:
                groups.setdefault(unit.riser, []).append(unit)
        return groups


# --- reading -------------------------------------------------------------------------


def load_instance(path: str | Path) -> Instance:
    """Read an instance file; InstanceError names the file and the field."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceError(f"{path}: cannot read: {error}") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"{path}: not valid JSON: {error}") from error
    try:
        return parse_instance(data)
    except InstanceError as error:
        raise InstanceError(f"{path}: {error}") from error


def parse_instance(data: Any) -> Instance:
    if not isinstance(data, dict):
        raise InstanceError("instance: must be a JSON object")
    start_date = _date(data, "start_date", "start_date")
    non_working = _date_list(data.get("non_working_dates", []), "non_working_dates")
    guest_homes = _guest_homes(data.get("guest_homes", []))
    complex_name = data.get("complex", "")
    if not isinstance(complex_name, str):
        raise InstanceError("complex: must be a string")
    default_work_days = _integer(data, "work_days", "work_days", minimum=1)
    instance_fields = {
        "max_units_in_work": _integer(data, "max_units_in_work", "max_units_in_work", 1),
        "max_starts_per_day": _integer(data, "max_starts_per_day", "max_starts_per_day", 1),
        "riser_window_days": _integer(data, "riser_window_days", "riser_window_days", 0),
        "day_room_capacity": _integer(data, "day_room_capacity", "day_room_capacity", 0),
        "guest_home_buffer_days": _integer(
            data, "guest_home_buffer_days", "guest_home_buffer_days", 0, default=0
        ),
    }
    calendar = WorkingCalendar(start_date, frozenset(non_working))
    units = _units(data.get("units"), default_work_days, calendar)
    return Instance(
        start_date=start_date,
        work_days=default_work_days,
        units=units,
        guest_homes=guest_homes,
        non_working_dates=frozenset(non_working),
        complex=complex_name,
        **instance_fields,
    )


def _units(raw: Any, default_work_days: int, calendar: WorkingCalendar) -> tuple[Unit, ...]:
    if not isinstance(raw, list):
        raise InstanceError("units: must be a list of units")
    if not raw:
        raise InstanceError("units: must not be empty")
    seen: dict[str, int] = {}
    units = []
    for index, item in enumerate(raw):
        unit = _unit(item, f"units[{index}]", default_work_days, calendar)
        if unit.id in seen:
            raise InstanceError(
                f"units[{index}].id: duplicate id {unit.id!r} (also units[{seen[unit.id]}])"
            )
        seen[unit.id] = index
        units.append(unit)
    return tuple(units)


def _unit(raw: Any, where: str, default_work_days: int, calendar: WorkingCalendar) -> Unit:
    if not isinstance(raw, dict):
        raise InstanceError(f"{where}: must be an object")
    unit_id = raw.get("id")
    if not isinstance(unit_id, str) or not unit_id.strip():
        raise InstanceError(f"{where}.id: must be a non-empty string")
    fixed_date = None
    fixed_day = None
    if raw.get("fixed_start_date") is not None:
        fixed_date = _date(raw, "fixed_start_date", f"{where}.fixed_start_date")
        if not calendar.is_working(fixed_date):
            raise InstanceError(
                f"{where}.fixed_start_date: {fixed_date.isoformat()} is not a working day"
            )
        if fixed_date < calendar.day0:
            raise InstanceError(
                f"{where}.fixed_start_date: {fixed_date.isoformat()} is before day 0 "
                f"({calendar.day0.isoformat()})"
            )
        fixed_day = calendar.day_of(fixed_date)
    return Unit(
        id=unit_id,
        work_days=_integer(raw, "work_days", f"{where}.work_days", 1, default_work_days),
        portiek=_optional_string(raw, "portiek", where),
        floor=_integer(raw, "floor", f"{where}.floor", None, None) if "floor" in raw else None,
        riser=_optional_string(raw, "riser", where),
        occupied=_boolean(raw, "occupied", where, True),
        needs_guest_home=_boolean(raw, "needs_guest_home", where, False),
        wants_guest_home=_boolean(raw, "wants_guest_home", where, False),
        priority=_integer(raw, "priority", f"{where}.priority", 0, 1),
        home_during_day=_boolean(raw, "home_during_day", where, False),
        unavailable=_periods(raw.get("unavailable") or [], f"{where}.unavailable"),
        fixed_start_date=fixed_date,
        fixed_start_day=fixed_day,
    )


# --- field helpers -------------------------------------------------------------------

_MISSING = object()


def _integer(
    data: dict, key: str, where: str, minimum: int | None, default: Any = _MISSING
) -> Any:
    value = data.get(key, _MISSING)
    if value is _MISSING or (value is None and default is not _MISSING):
        if default is _MISSING:
            raise InstanceError(f"{where}: missing")
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise InstanceError(f"{where}: must be an integer, got {json.dumps(value)}")
    if minimum is not None and value < minimum:
        raise InstanceError(f"{where}: must be at least {minimum}, got {value}")
    return value


def _boolean(data: dict, key: str, where: str, default: bool) -> bool:
    value = data.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise InstanceError(f"{where}.{key}: must be true or false, got {json.dumps(value)}")
    return value


def _optional_string(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InstanceError(f"{where}.{key}: must be a string, got {json.dumps(value)}")
    return value


def parse_date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise InstanceError(f"{where}: must be a date YYYY-MM-DD, got {json.dumps(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InstanceError(f"{where}: {value!r} is not a date YYYY-MM-DD") from None


def _date(data: dict, key: str, where: str) -> dt.date:
    if data.get(key) is None:
        raise InstanceError(f"{where}: missing")
    return parse_date(data[key], where)


def _date_list(raw: Any, where: str) -> list[dt.date]:
    if not isinstance(raw, list):
        raise InstanceError(f"{where}: must be a list of dates")
    return [parse_date(value, f"{where}[{index}]") for index, value in enumerate(raw)]


def _periods(raw: Any, where: str) -> tuple[tuple[dt.date, dt.date], ...]:
    if not isinstance(raw, list):
        raise InstanceError(f"{where}: must be a list of [first, last] date pairs")
    periods = []
    for index, pair in enumerate(raw):
        if not isinstance(pair, list) or len(pair) != 2:
            raise InstanceError(f"{where}[{index}]: must be a [first, last] date pair")
        first = parse_date(pair[0], f"{where}[{index}][0]")
        last = parse_date(pair[1], f"{where}[{index}][1]")
        if last < first:
            raise InstanceError(
                f"{where}[{index}]: ends ({last.isoformat()}) before it starts "
                f"({first.isoformat()})"
            )
        periods.append((first, last))
    return tuple(periods)


def _guest_homes(raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise InstanceError("guest_homes: must be a list of guest home ids")
    seen: set[str] = set()
    for index, value in enumerate(raw):
        if not isinstance(value, str) or not value.strip():
            raise InstanceError(f"guest_homes[{index}]: must be a non-empty string")
        if value in seen:
            raise InstanceError(f"guest_homes[{index}]: duplicate guest home {value!r}")
        seen.add(value)
    return tuple(raw)
