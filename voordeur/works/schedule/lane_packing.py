"""A stronger crew bound: pack whole works onto crew lanes (a small CP-SAT model).

Crew capacity with one unit per crew is a set of `max_units_in_work` lanes: stays on a
line can always be given distinct lanes. Lane j (lanes ordered by their first start)
cannot begin before day j // max_starts_per_day, so by makespan M it holds at most
M - j // max_starts_per_day work days, and every unit's works sit whole on one lane.
If the units cannot be packed that way, no plan has makespan M. Units of equal length
are interchangeable, so the model only counts how many of each length a lane takes.
"""

from __future__ import annotations

import heapq
import time
from bisect import bisect_left, insort
from collections import Counter

from ortools.sat.python import cp_model

from .instance import Instance


def lane_packing_bound(instance: Instance, lower: int, upper: int, seconds: float) -> int:
    """Smallest M in [lower, upper] not proved impossible within `seconds`."""
    deadline = time.monotonic() + seconds
    makespan = lower
    while makespan < upper:
        left = deadline - time.monotonic()
        if left <= 0 or _packing_status(instance, makespan, left) != cp_model.INFEASIBLE:
            break
        makespan += 1
    return makespan


def _packing_status(instance: Instance, makespan: int, seconds: float) -> int:
    lane_count = min(instance.max_units_in_work, len(instance.units))
    capacities = [makespan - lane // instance.max_starts_per_day for lane in range(lane_count)]
    longest_first = sorted((unit.work_days for unit in instance.units), reverse=True)
    if _fits_best(longest_first, capacities) or _fits_emptiest(longest_first, capacities):
        return cp_model.FEASIBLE
    lengths = Counter(unit.work_days for unit in instance.units)
    model = cp_model.CpModel()
    taken: dict[tuple[int, int], cp_model.IntVar] = {}
    loads = []
    for lane, capacity in enumerate(capacities):
        for length, count in lengths.items():
            most = min(count, max(0, capacity) // length)
            taken[lane, length] = model.new_int_var(0, most, f"lane{lane}_{length}")
        load = sum(length * taken[lane, length] for length in lengths)
        model.add(load <= capacity)
        loads.append(load)
    for length, count in lengths.items():
        model.add(sum(taken[lane, length] for lane in range(lane_count)) == count)
    for lane in range(1, lane_count):
        if capacities[lane] == capacities[lane - 1]:  # interchangeable lanes
            model.add(loads[lane - 1] >= loads[lane])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = 2
    return solver.solve(model)


def _fits_best(lengths_desc: list[int], capacities: list[int]) -> bool:
    """Quick proof of fit: longest works first, each onto the fullest lane it fits."""
    free = sorted(capacities)
    for length in lengths_desc:
        index = bisect_left(free, length)
        if index == len(free):
            return False
        insort(free, free.pop(index) - length)
    return True


def _fits_emptiest(lengths_desc: list[int], capacities: list[int]) -> bool:
    """Quick proof of fit: longest works first, each onto the emptiest lane."""
    heap = [-capacity for capacity in capacities]
    heapq.heapify(heap)
    for length in lengths_desc:
        most = -heapq.heappop(heap)
        if most < length:
            return False
        heapq.heappush(heap, -(most - length))
    return True
