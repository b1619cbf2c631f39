"""The plan: frozen dataclasses and their JSON form, exactly as in spec/schedule.md."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .instance import Instance, InstanceError, parse_date

OPTIMAL = "optimal"
FEASIBLE = "feasible"
INFEASIBLE = "infeasible"
UNKNOWN = "unknown"
STATUSES = (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN)


class PlanError(InstanceError):
    """A plan file that cannot be read as a plan."""


@dataclass(frozen=True)
class PlannedUnit:
    id: str
    start_day: int
    end_day: int
    start_date: dt.date
    end_date: dt.date
    guest_home: str | None = None


@dataclass(frozen=True)
class Plan:
    status: str
    units: tuple[PlannedUnit, ...] = ()
    makespan_days: int | None = None
    end_date: dt.date | None = None
    lower_bound_days: int | None = None
    unmet_guest_home_wishes: tuple[str, ...] = ()
    solve_seconds: float = 0.0
    reason: str | None = None

    def start_days(self) -> dict[str, int]:
        return {unit.id: unit.start_day for unit in self.units}

    def guest_home_of(self) -> dict[str, str | None]:
        return {unit.id: unit.guest_home for unit in self.units}


def build_plan(
    instance: Instance,
    start_days: Mapping[str, int],
    guest_homes: Mapping[str, str | None],
    *,
    status: str,
    lower_bound_days: int | None,
    solve_seconds: float,
) -> Plan:
    """A plan whose derived fields (ends, dates, makespan, unmet wishes) are consistent."""
    calendar = instance.calendar
    units = []
    for unit in instance.units:
        start = start_days[unit.id]
        end = start + unit.work_days - 1
        units.append(
            PlannedUnit(
                id=unit.id,
                start_day=start,
                end_day=end,
                start_date=calendar.date_of(start),
                end_date=calendar.date_of(end),
                guest_home=guest_homes.get(unit.id),
            )
        )
    makespan = max(planned.end_day for planned in units) + 1
    unmet = tuple(u.id for u in instance.units if u.has_wish and not guest_homes.get(u.id))
    return Plan(
        status=status,
        units=tuple(units),
        makespan_days=makespan,
        end_date=calendar.date_of(makespan - 1),
        lower_bound_days=lower_bound_days,
        unmet_guest_home_wishes=unmet,
        solve_seconds=round(solve_seconds, 2),
    )


def plan_to_json(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {"status": plan.status}
    if plan.reason is not None:
        data["reason"] = plan.reason
    data["makespan_days"] = plan.makespan_days
    data["end_date"] = plan.end_date.isoformat() if plan.end_date else None
    data["lower_bound_days"] = plan.lower_bound_days
    if plan.status in (OPTIMAL, FEASIBLE):
        data["units"] = [
            {
                "id": unit.id,
                "start_day": unit.start_day,
                "end_day": unit.end_day,
                "start_date": unit.start_date.isoformat(),
                "end_date": unit.end_date.isoformat(),
                "guest_home": unit.guest_home,
            }
            for unit in plan.units
        ]
        data["unmet_guest_home_wishes"] = list(plan.unmet_guest_home_wishes)
    data["solve_seconds"] = plan.solve_seconds
    return data


def plan_to_text(plan: Plan) -> str:
    return json.dumps(plan_to_json(plan), indent=1, ensure_ascii=False) + "\n"


# --- reading -------------------------------------------------------------------------


def load_plan(path: str | Path) -> Plan:
    """Read a plan file; PlanError names the file and the field."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise PlanError(f"{path}: cannot read: {error}") from error
    except json.JSONDecodeError as error:
        raise PlanError(f"{path}: not valid JSON: {error}") from error
    try:
        return plan_from_json(data)
    except InstanceError as error:
        raise PlanError(f"{path}: {error}") from error


def plan_from_json(data: Any) -> Plan:
    if not isinstance(data, dict):
        raise PlanError("plan: must be a JSON object")
    status = data.get("status")
    if status not in STATUSES:
        raise PlanError(f"status: must be one of {', '.join(STATUSES)}, got {json.dumps(status)}")
    raw_units = data.get("units", [])
    if not isinstance(raw_units, list):
        raise PlanError("units: must be a list")
    units = tuple(_planned_unit(item, f"units[{i}]") for i, item in enumerate(raw_units))
    unmet = data.get("unmet_guest_home_wishes", [])
    if not isinstance(unmet, list) or not all(isinstance(x, str) for x in unmet):
        raise PlanError("unmet_guest_home_wishes: must be a list of unit ids")
    end_date = data.get("end_date")
    seconds = data.get("solve_seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise PlanError("solve_seconds: must be a number")
    reason = data.get("reason")
    return Plan(
        status=status,
        units=units,
        makespan_days=_optional_int(data, "makespan_days", "makespan_days"),
        end_date=parse_date(end_date, "end_date") if end_date is not None else None,
        lower_bound_days=_optional_int(data, "lower_bound_days", "lower_bound_days"),
        unmet_guest_home_wishes=tuple(unmet),
        solve_seconds=float(seconds),
        reason=reason if isinstance(reason, str) else None,
    )


def _planned_unit(raw: Any, where: str) -> PlannedUnit:
    if not isinstance(raw, dict):
        raise PlanError(f"{where}: must be an object")
    unit_id = raw.get("id")
    if not isinstance(unit_id, str):
        raise PlanError(f"{where}.id: must be a string")
    guest_home = raw.get("guest_home")
    if guest_home is not None and not isinstance(guest_home, str):
        raise PlanError(f"{where}.guest_home: must be a guest home id or null")
    for key in ("start_day", "end_day", "start_date", "end_date"):
        if raw.get(key) is None:
            raise PlanError(f"{where}.{key}: missing")
    return PlannedUnit(
        id=unit_id,
        start_day=_optional_int(raw, "start_day", f"{where}.start_day"),
        end_day=_optional_int(raw, "end_day", f"{where}.end_day"),
        start_date=parse_date(raw["start_date"], f"{where}.start_date"),
        end_date=parse_date(raw["end_date"], f"{where}.end_date"),
        guest_home=guest_home,
    )


def _optional_int(data: dict, key: str, where: str) -> Any:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(f"{where}: must be an integer, got {json.dumps(value)}")
    return value
