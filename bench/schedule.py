"""Benchmark of the works schedule solver.

    python bench/schedule.py [DATA_DIR] [--time-limit SECONDS] [--sizes 600,2000]

Solves every *.json in DATA_DIR (default ../shared/data/schedule/ next to the repo) and
generated flats of the given sizes, and prints per instance: status, makespan, the hand
plan's makespan, the proved lower bound, the gap, the solve time and the validator's
verdict. Default time limit: 60 s up to 200 units, 120 s above.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from voordeur.works.schedule.generate import generate_instance  # noqa: E402
from voordeur.works.schedule.handplan import hand_plan  # noqa: E402
from voordeur.works.schedule.instance import Instance, load_instance, parse_instance  # noqa: E402
from voordeur.works.schedule.solver import solve  # noqa: E402
from voordeur.works.schedule.validator import validate  # noqa: E402

DEFAULT_DATA = REPO / ".." / "shared" / "data" / "schedule"
COLUMNS = (
    "instance", "units", "status", "makespan", "hand", "bound", "gap %", "seconds", "verdict"
)
WIDTHS = (22, 6, 10, 9, 6, 6, 6, 8, 16)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA), help="instance folder")
    parser.add_argument("--time-limit", type=float, help="seconds per instance (all sizes)")
    parser.add_argument("--sizes", default="600,2000", help="generated flats, e.g. 600,2000")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated flats")
    args = parser.parse_args()
    instances: list[tuple[str, Instance]] = [
        (path.name, load_instance(path)) for path in sorted(Path(args.data).glob("*.json"))
    ]
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        instances.append((f"generated-{size}", parse_instance(generate_instance(size, args.seed))))
    print(_row(COLUMNS))
    print(_row(tuple("-" * width for width in WIDTHS)))
    reasons = []
    for name, instance in instances:
        limit = args.time_limit or (60.0 if len(instance.units) <= 200 else 120.0)
        row, reason = _measure(name, instance, limit)
        print(_row(row), flush=True)
        if reason:
            reasons.append(f"{name}: {reason}")
    for reason in reasons:
        print(reason)
    return 0


def _measure(name: str, instance: Instance, limit: float) -> tuple[tuple[str, ...], str]:
    """The table row, and the reason when there is no plan."""
    baseline = hand_plan(instance)
    hand = "-"
    if baseline is not None:
        hand = str(max(baseline[0][u.id] + u.work_days for u in instance.units))
    started = time.monotonic()
    plan = solve(instance, time_limit=limit)
    seconds = time.monotonic() - started
    if not plan.units:
        row = (name, str(len(instance.units)), plan.status, "-", hand, "-", "-",
               f"{seconds:.1f}", "reason below")
        return row, plan.reason or ""
    violations = validate(instance, plan)
    verdict = "valid" if not violations else f"{len(violations)} violations"
    makespan = plan.makespan_days or 0
    bound = plan.lower_bound_days or 0
    gap = 100 * (makespan - bound) / makespan if makespan else 0.0
    row = (name, str(len(instance.units)), plan.status, str(makespan), hand, str(bound),
           f"{gap:.1f}", f"{seconds:.1f}", verdict)
    return row, ""


def _row(cells: tuple[str, ...]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, WIDTHS)).rstrip()


if __name__ == "__main__":
    sys.exit(main())
