"""Name the constraint groups that clash, from an infeasibility core of CP-SAT.

Used when the pre-analysis (`diagnosis.py`) found no simple clash but the solver proved
that no plan exists. Every constraint group is guarded by an assumption literal; the
core is then shrunk by dropping groups one by one while time allows.
"""

from __future__ import annotations

import time

from ortools.sat.python import cp_model

from .horizon import safe_horizon
from .instance import Instance
from .model import build_model


def explain_infeasibility(instance: Instance, seconds: float) -> str:
    deadline = time.monotonic() + max(seconds, 1.0)
    core = _core(instance, None, deadline)
    if core is None:
        return "the rules together leave no valid plan (no smaller clash could be isolated in time)"
    for name in list(core):
        if time.monotonic() >= deadline or len(core) == 1:
            break
        smaller = _core(instance, [n for n in core if n != name], deadline)
        if smaller is not None:
            core = smaller
    return "these constraints cannot all hold together: " + "; ".join(sorted(core))


def _core(instance: Instance, only: list[str] | None, deadline: float) -> list[str] | None:
    """Names of a set of groups that is infeasible on its own, or None if unproved."""
    schedule = build_model(
        instance, safe_horizon(instance), 0, diagnose=True, break_symmetries=False
    )
    guards = schedule.assumptions
    active = list(guards) if only is None else only
    for name, literal in guards.items():
        if name not in active:
            schedule.model.add(literal == 0)
    schedule.model.add_assumptions([guards[name] for name in active])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    solver.parameters.num_workers = 1  # cores come from the single-thread search
    status = solver.solve(schedule.model)
    if status != cp_model.INFEASIBLE:
        return None
    by_index = {literal.index: name for name, literal in guards.items()}
    core = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]
    return core or active
