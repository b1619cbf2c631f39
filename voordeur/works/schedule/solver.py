"""Solve a works schedule: pre-analysis, hand plan, then CP-SAT objective by objective.

The best of the hand plan and a few gap-filling list schedules is the first hint.
Fresh plan:   1. minimise the makespan, 2. maximise the priority of wishes granted.
Re-planning:  makespan <= the previous plan's (if that proves impossible: 1. minimise
              the makespan), then fewest moved units, then wishes.
Each phase gets a share of the time limit, fixes the value it reached as a constraint
and hands its plan to the next phase as a hint. The status is `optimal` only when every
phase was proved optimal.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from math import ceil

from ortools.sat.python import cp_model

from .bounds import best_lower_bound
from .diagnosis import find_clashes
from .guest_homes import assign_guest_homes
from .handplan import gap_filling_plans, hand_plan, repaired_plan
from .horizon import safe_horizon
from .infeasibility import explain_infeasibility
from .instance import Instance
from .lane_packing import lane_packing_bound
from .model import ScheduleModel, build_model
from .plan import FEASIBLE, INFEASIBLE, OPTIMAL, UNKNOWN, Plan, build_plan
from .validator import validate

DEFAULT_TIME_LIMIT = 30.0
DEFAULT_WORKERS = 8
FIRST_PHASE_SHARE = 0.75  # of the time left, when later phases follow
PACKING_SHARE = 0.05  # of the time limit, at most MAX_PACKING_SECONDS, for the lane bound
MAX_PACKING_SECONDS = 3.0
HINT_SHARE = 0.05  # of the time limit, at most MAX_HINT_SECONDS, for extra list schedules
MAX_HINT_SECONDS = 5.0
ROUND_SHARE = 0.1  # a new makespan round needs this share of the time limit left
MIN_ROUND_SECONDS = 2.0


@dataclass(frozen=True)
class PreviousPlan:
    """What re-planning needs from the previous plan."""

    start_days: Mapping[str, int]
    guest_homes: Mapping[str, str | None]
    makespan_days: int

    @classmethod
    def from_plan(cls, plan: Plan) -> PreviousPlan:
        start_days = plan.start_days()
        makespan = plan.makespan_days
        if makespan is None:
            ends = [unit.end_day + 1 for unit in plan.units]
            makespan = max(ends, default=0)
        return cls(start_days, plan.guest_home_of(), makespan)


@dataclass(frozen=True)
class Assignment:
    """Start days and the units that get a guest home."""

    start_days: Mapping[str, int]
    staying: frozenset[str]


@dataclass(frozen=True)
class Objective:
    name: str
    expression: cp_model.LinearExprT
    minimise: bool


@dataclass(frozen=True)
class PhaseResult:
    best: Assignment | None
    proved: bool  # every objective proved optimal
    first_status: int  # CP-SAT status of the first phase
    bounds: Mapping[str, float]  # proved bound per minimised objective


def solve(
    instance: Instance,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    previous: PreviousPlan | None = None,
    workers: int = DEFAULT_WORKERS,
) -> Plan:
    """The best plan found within `time_limit` seconds (or why there is none)."""
    started = time.monotonic()
    deadline = started + time_limit
    clashes = find_clashes(instance)
    if clashes:
        return _without_plan(INFEASIBLE, "; ".join(clashes), None, started)
    hints_seconds = min(MAX_HINT_SECONDS, HINT_SHARE * time_limit)
    heuristic = _best_of(
        instance,
        [
            _checked(instance, hand_plan(instance)),
            *(_checked(instance, plan) for plan in gap_filling_plans(instance, hints_seconds)),
        ],
    )
    upper = _makespan(instance, heuristic) if heuristic else safe_horizon(instance)
    packing_seconds = min(MAX_PACKING_SECONDS, PACKING_SHARE * time_limit)
    lower = lane_packing_bound(instance, best_lower_bound(instance), upper, packing_seconds)
    if previous is None:
        return _solve_fresh(instance, heuristic, lower, started, deadline, workers)
    return _solve_again(instance, heuristic, lower, previous, started, deadline, workers)


def _solve_fresh(
    instance: Instance,
    heuristic: Assignment | None,
    lower: int,
    started: float,
    deadline: float,
    workers: int,
) -> Plan:
    """Makespan, then wishes; time a quick wish phase leaves over goes to another round."""
    best: PhaseResult | None = None
    bounds: dict[str, float] = {}
    round_seconds = max(MIN_ROUND_SECONDS, ROUND_SHARE * (deadline - started))
    while True:
        hint = best.best if best else heuristic
        horizon = _makespan(instance, hint) if hint else safe_horizon(instance)
        schedule = build_model(instance, horizon, min(lower, horizon))
        objectives = [Objective("makespan", schedule.makespan, True)]
        objectives += _wish_objective(instance, schedule)
        result = _lexicographic(schedule, objectives, hint, deadline, workers)
        if "makespan" in result.bounds:
            bounds["makespan"] = max(bounds.get("makespan", 0.0), result.bounds["makespan"])
        if result.best is None:
            break
        best = result
        if result.proved or deadline - time.monotonic() < round_seconds:
            break
    final = best or result
    final = PhaseResult(final.best, final.proved, final.first_status, bounds)
    return _finish(instance, final, heuristic, lower, None, started, deadline)


def _solve_again(
    instance: Instance,
    heuristic: Assignment | None,
    lower: int,
    previous: PreviousPlan,
    started: float,
    deadline: float,
    workers: int,
) -> Plan:
    known = {u.id for u in instance.units}
    kept = {uid: day for uid, day in previous.start_days.items() if uid in known}
    repaired = _checked(instance, repaired_plan(instance, kept))
    hint = repaired or heuristic
    target = previous.makespan_days
    horizon = max(_makespan(instance, hint) if hint else safe_horizon(instance), target)
    if target >= lower:
        schedule = _replan_model(instance, horizon, lower, kept)
        schedule.model.add(schedule.makespan <= target)
        objectives = [Objective("moved units", _moves(schedule, kept), True)]
        objectives += _wish_objective(instance, schedule)
        share = FIRST_PHASE_SHARE
        result = _lexicographic(schedule, objectives, hint, deadline, workers, share)
        if result.best is not None:
            return _finish(instance, result, None, lower, previous, started, deadline)
    # The previous makespan cannot be kept (or no plan was found in time): shortest first.
    schedule = _replan_model(instance, horizon, lower, kept)
    objectives = [
        Objective("makespan", schedule.makespan, True),
        Objective("moved units", _moves(schedule, kept), True),
        *_wish_objective(instance, schedule),
    ]
    result = _lexicographic(schedule, objectives, hint, deadline, workers)
    return _finish(instance, result, hint, lower, previous, started, deadline)


def _replan_model(
    instance: Instance, horizon: int, lower: int, kept: Mapping[str, int]
) -> ScheduleModel:
    schedule = build_model(instance, horizon, min(lower, horizon), break_symmetries=False)
    for unit_id, day in kept.items():
        moved = schedule.model.new_bool_var(f"moved_{unit_id}")
        schedule.model.add(schedule.starts[unit_id] == day).only_enforce_if(~moved)
        schedule.moved[unit_id] = moved
    return schedule


def _moves(schedule: ScheduleModel, kept: Mapping[str, int]) -> cp_model.LinearExprT:
    return sum(schedule.moved[unit_id] for unit_id in kept)


def _wish_objective(instance: Instance, schedule: ScheduleModel) -> list[Objective]:
    if not any(u.has_wish and u.id in schedule.guest_home for u in instance.units):
        return []
    return [Objective("wishes granted", schedule.wish_score, False)]


def _lexicographic(
    schedule: ScheduleModel,
    objectives: list[Objective],
    hint: Assignment | None,
    deadline: float,
    workers: int,
    first_share: float = FIRST_PHASE_SHARE,
) -> PhaseResult:
    """Optimise the objectives in order, each bounded by the value the previous reached."""
    best = hint
    proved = True
    first_status = cp_model.UNKNOWN
    bounds: dict[str, float] = {}
    for position, objective in enumerate(objectives):
        left = deadline - time.monotonic()
        later = len(objectives) - position - 1
        share = 1.0 if not later else (first_share if position == 0 else 0.5)
        schedule.model.clear_objective()
        if objective.minimise:
            schedule.model.minimize(objective.expression)
        else:
            schedule.model.maximize(objective.expression)
        if best is not None:
            schedule.hint(best.start_days, best.staying)
        solver = _solver(max(0.05, left * share), workers)
        status = solver.solve(schedule.model)
        if position == 0:
            first_status = status
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            bounds[objective.name] = solver.best_objective_bound
            start_days, staying = schedule.solution(solver)
            best = Assignment(start_days, frozenset(staying))
            value = round(solver.objective_value)
        elif best is not None and position > 0:
            value = None  # keep the previous phase's plan, unproved
        else:
            return PhaseResult(None, False, first_status, bounds)
        proved = proved and status == cp_model.OPTIMAL
        if value is not None:
            if objective.minimise:
                schedule.model.add(objective.expression <= value)
            else:
                schedule.model.add(objective.expression >= value)
        else:
            proved = False
    return PhaseResult(best, proved, first_status, bounds)


def _solver(seconds: float, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 1
    return solver


def _finish(
    instance: Instance,
    result: PhaseResult,
    fallback: Assignment | None,
    lower: int,
    previous: PreviousPlan | None,
    started: float,
    deadline: float,
) -> Plan:
    if result.best is None and result.first_status == cp_model.INFEASIBLE:
        reason = explain_infeasibility(instance, max(1.0, deadline - time.monotonic()))
        return _without_plan(INFEASIBLE, reason, None, started)
    best = result.best or fallback
    if best is None:
        reason = "the time limit passed before any plan was found"
        return _without_plan(UNKNOWN, reason, lower, started)
    makespan = _makespan(instance, best)
    if "makespan" in result.bounds:
        lower = max(lower, ceil(result.bounds["makespan"] - 1e-6))
    lower = min(lower, makespan)
    status = OPTIMAL if result.best is not None and result.proved else FEASIBLE
    preferred = previous.guest_homes if previous else None
    homes = assign_guest_homes(instance, best.start_days, best.staying, preferred)
    return build_plan(
        instance,
        best.start_days,
        homes,
        status=status,
        lower_bound_days=lower,
        solve_seconds=time.monotonic() - started,
    )


def _without_plan(status: str, reason: str, lower: int | None, started: float) -> Plan:
    return Plan(
        status=status,
        reason=reason,
        lower_bound_days=lower,
        solve_seconds=round(time.monotonic() - started, 2),
    )


def _makespan(instance: Instance, assignment: Assignment) -> int:
    return max(assignment.start_days[u.id] + u.work_days for u in instance.units)


def _best_of(instance: Instance, candidates: list[Assignment | None]) -> Assignment | None:
    """The shortest of the heuristic plans (the first on a tie)."""
    plans = [plan for plan in candidates if plan is not None]
    return min(plans, key=lambda plan: _makespan(instance, plan)) if plans else None


def _checked(
    instance: Instance, assignment: tuple[dict[str, int], dict[str, str | None]] | None
) -> Assignment | None:
    """The heuristic plan as an Assignment if it is valid, else None."""
    if assignment is None:
        return None
    start_days, homes = assignment
    plan = build_plan(
        instance, start_days, homes, status=FEASIBLE, lower_bound_days=None, solve_seconds=0
    )
    if validate(instance, plan):
        return None
    return Assignment(start_days, frozenset(u for u, home in homes.items() if home))
