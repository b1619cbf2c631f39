"""The CP-SAT model of the works schedule.

Variables: a start day per unit (its domain already excludes unavailable spans and
holds only the promised day for a fixed date) and, per unit that may get a guest home,
a literal "gets a guest home".
Constraints:
- crew: cumulative of the works intervals, capacity max_units_in_work;
- starts: cumulative of one-day intervals at the starts (all-different when 1 per day);
- riser: a riser-start variable r with r <= start <= r + window for its units;
- guest homes: cumulative (capacity = number of guest homes) of the optional stay
  intervals [start - buffer, end + buffer]. Stays on a line with at most G overlapping
  can always be given G distinct homes (interval graphs are perfect), so the model needs
  no home-assignment variables; `assign_guest_homes` colours the stays afterwards;
- day room: cumulative of the works intervals of home-during-day households, optional
  with presence "no guest home", capacity day_room_capacity;
- makespan >= start + work_days for every unit.
In diagnosis mode every constraint group is guarded by an assumption literal so that an
infeasibility core names the groups that clash.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .instance import Instance, Unit
from .rules import allowed_start_ranges, forbidden_start_ranges

Guard = Callable[[str], list[cp_model.IntVar]]
Capacity = Callable[[int, str, int], cp_model.LinearExprT]


@dataclass
class ScheduleModel:
    """The model and its variables (mutable: phases add bounds and objectives)."""

    model: cp_model.CpModel
    starts: dict[str, cp_model.IntVar]
    guest_home: dict[str, cp_model.IntVar]  # units that may get one
    makespan: cp_model.IntVar
    wish_score: cp_model.LinearExprT
    work_days: dict[str, int]
    symmetry_classes: list[list[str]]
    assumptions: dict[str, cp_model.IntVar] = field(default_factory=dict)
    moved: dict[str, cp_model.IntVar] = field(default_factory=dict)  # when re-planning

    def hint(self, start_days: Mapping[str, int], staying: Collection[str]) -> None:
        """Hint a plan, permuted to respect the symmetry breaking."""
        start_days, staying = self._canonical(start_days, staying)
        self.model.clear_hints()
        for unit_id, var in self.starts.items():
            if unit_id in start_days:
                self.model.add_hint(var, start_days[unit_id])
        for unit_id, var in self.guest_home.items():
            self.model.add_hint(var, unit_id in staying)
        if set(start_days) >= set(self.starts):
            makespan = max(start_days[u] + self.work_days[u] for u in self.starts)
            self.model.add_hint(self.makespan, makespan)

    def _canonical(
        self, start_days: Mapping[str, int], staying: Collection[str]
    ) -> tuple[dict[str, int], set[str]]:
        """Interchangeable units swap (start, stay) so their starts come in class order."""
        start_days, staying = dict(start_days), set(staying)
        for members in self.symmetry_classes:
            if not all(m in start_days for m in members):
                continue
            pairs = sorted(((start_days[m], m in staying) for m in members), key=lambda p: p[0])
            for member, (start, stays) in zip(members, pairs):
                start_days[member] = start
                if stays:
                    staying.add(member)
                else:
                    staying.discard(member)
        return start_days, staying

    def solution(self, solver: cp_model.CpSolver) -> tuple[dict[str, int], set[str]]:
        """Start days and the units that get a guest home, from a solved model."""
        start_days = {unit_id: solver.value(var) for unit_id, var in self.starts.items()}
        staying = {u for u, lit in self.guest_home.items() if solver.boolean_value(lit)}
        return start_days, staying


def build_model(
    instance: Instance,
    horizon: int,
    lower_bound: int,
    *,
    diagnose: bool = False,
    break_symmetries: bool = True,
) -> ScheduleModel:
    """Model with makespan in [lower_bound, horizon].

    `diagnose` guards every constraint group with an assumption literal;
    `break_symmetries` orders the starts of interchangeable units (not when re-planning:
    the previous plan tells them apart).
    """
    model = cp_model.CpModel()
    guards: dict[str, cp_model.IntVar] = {}

    def guard(name: str) -> list[cp_model.IntVar]:
        if not diagnose:
            return []
        if name not in guards:
            guards[name] = model.new_bool_var(name)
        return [guards[name]]

    units = instance.units
    starts = {u.id: _start_var(model, instance, u, horizon, guard, diagnose) for u in units}
    works = {
        u.id: model.new_fixed_size_interval_var(starts[u.id], u.work_days, f"work_{u.id}")
        for u in units
    }
    makespan = model.new_int_var(min(lower_bound, horizon), horizon, "makespan")
    for unit in units:
        model.add(makespan >= starts[unit.id] + unit.work_days)

    def capacity(limit: int, name: str, count: int) -> cp_model.LinearExprT:
        guarded = guard(name)
        return limit + count * (1 - guarded[0]) if guarded else limit

    n = len(units)
    if instance.max_units_in_work < n:
        crew = capacity(instance.max_units_in_work, "max_units_in_work", n)
        model.add_cumulative(list(works.values()), [1] * n, crew)
    _add_start_rate(model, instance, starts, capacity, diagnose)
    _add_risers(model, instance, starts, horizon, guard)
    guest_home = _add_guest_homes(model, instance, starts, capacity, guard)
    _add_day_room(model, instance, starts, guest_home, capacity)
    wish_score = sum(u.priority * guest_home[u.id] for u in units if u.has_wish)
    classes = symmetry_classes(instance) if break_symmetries else []
    for members in classes:
        for earlier, later in zip(members, members[1:]):
            model.add(starts[earlier] <= starts[later])
    return ScheduleModel(
        model=model,
        starts=starts,
        guest_home=guest_home,
        makespan=makespan,
        wish_score=wish_score,
        assumptions=guards,
        work_days={u.id: u.work_days for u in units},
        symmetry_classes=classes,
    )


def _start_var(
    model: cp_model.CpModel,
    instance: Instance,
    unit: Unit,
    horizon: int,
    guard: Guard,
    diagnose: bool,
) -> cp_model.IntVar:
    latest = max(0, horizon - unit.work_days)
    allowed = allowed_start_ranges(forbidden_start_ranges(instance, unit), 0, latest)
    fixed = unit.fixed_start_day
    if diagnose:  # domains become guarded constraints
        var = model.new_int_var(0, max(latest, fixed or 0), f"start_{unit.id}")
        if unit.unavailable_periods:
            domain = cp_model.Domain.from_intervals([list(r) for r in allowed])
            model.add_linear_expression_in_domain(var, domain).only_enforce_if(
                guard(f"unavailable periods of {unit.id}")
            )
        if fixed is not None:
            model.add(var == fixed).only_enforce_if(guard(f"fixed_start_date of {unit.id}"))
        return var
    if fixed is not None:
        allowed = [(fixed, fixed)] if any(a <= fixed <= b for a, b in allowed) else []
    domain = cp_model.Domain.from_intervals([list(r) for r in allowed])
    return model.new_int_var_from_domain(domain, f"start_{unit.id}")


def _add_start_rate(
    model: cp_model.CpModel,
    instance: Instance,
    starts: dict[str, cp_model.IntVar],
    capacity: Capacity,
    diagnose: bool,
) -> None:
    n = len(starts)
    per_day = instance.max_starts_per_day
    if per_day >= n:
        return
    if per_day == 1 and not diagnose:
        model.add_all_different(list(starts.values()))
        return
    days = [model.new_fixed_size_interval_var(s, 1, f"start_day_{u}") for u, s in starts.items()]
    model.add_cumulative(days, [1] * n, capacity(per_day, "max_starts_per_day", n))


def _add_risers(
    model: cp_model.CpModel,
    instance: Instance,
    starts: dict[str, cp_model.IntVar],
    horizon: int,
    guard: Guard,
) -> None:
    window = instance.riser_window_days
    for riser, units in instance.risers().items():
        if len(units) < 2:
            continue
        first = model.new_int_var(0, horizon, f"riser_{riser}")
        enforced = guard(f"riser {riser} (riser_window_days {window})")
        for unit in units:
            model.add(starts[unit.id] >= first).only_enforce_if(enforced)
            model.add(starts[unit.id] <= first + window).only_enforce_if(enforced)


def _add_guest_homes(
    model: cp_model.CpModel,
    instance: Instance,
    starts: dict[str, cp_model.IntVar],
    capacity: Capacity,
    guard: Guard,
) -> dict[str, cp_model.IntVar]:
    buffer = instance.guest_home_buffer_days
    homes = len(instance.guest_homes)
    chosen: dict[str, cp_model.IntVar] = {}
    stays = []
    for unit in instance.units:
        if not unit.may_get_guest_home:
            continue
        literal = model.new_bool_var(f"guest_home_{unit.id}")
        chosen[unit.id] = literal
        if unit.must_get_guest_home:
            enforced = guard(f"needs_guest_home of {unit.id}")
            model.add(literal == 1).only_enforce_if(enforced)
        if homes == 0:
            model.add(literal == 0)
            continue
        stays.append(
            model.new_optional_fixed_size_interval_var(
                starts[unit.id] - buffer, unit.work_days + 2 * buffer, literal, f"stay_{unit.id}"
            )
        )
    if stays and len(stays) > homes:
        model.add_cumulative(stays, [1] * len(stays), capacity(homes, "guest homes", len(stays)))
    return chosen


def _add_day_room(
    model: cp_model.CpModel,
    instance: Instance,
    starts: dict[str, cp_model.IntVar],
    guest_home: dict[str, cp_model.IntVar],
    capacity: Capacity,
) -> None:
    intervals = []
    for unit in instance.units:
        if not unit.uses_day_room or unit.must_get_guest_home:
            continue
        start = starts[unit.id]
        if unit.id in guest_home:
            intervals.append(
                model.new_optional_fixed_size_interval_var(
                    start, unit.work_days, ~guest_home[unit.id], f"dayroom_{unit.id}"
                )
            )
        else:
            intervals.append(
                model.new_fixed_size_interval_var(start, unit.work_days, f"dayroom_{unit.id}")
            )
    limit = instance.day_room_capacity
    if len(intervals) > limit:
        model.add_cumulative(
            intervals, [1] * len(intervals), capacity(limit, "day_room_capacity", len(intervals))
        )


def symmetry_classes(instance: Instance) -> list[list[str]]:
    """Groups (2+) of interchangeable units: same riser, works, household and periods."""
    classes: dict[tuple, list[str]] = {}
    for unit in instance.units:
        if unit.fixed_start_day is not None:
            continue
        key = (
            unit.riser,
            unit.work_days,
            unit.uses_day_room,
            unit.must_get_guest_home,
            unit.has_wish,
            unit.priority if unit.has_wish else 0,
            unit.unavailable_periods,
        )
        classes.setdefault(key, []).append(unit.id)
    return [members for members in classes.values() if len(members) > 1]
