"""`schedule solve|validate`: the command line of the works schedule.

Exit codes (spec/interfaces.md): solve 0 feasible/optimal, 1 bad input or usage,
2 infeasible (plan still written, with its reason), 3 time ran out before any plan;
validate 0 valid, 1 violations (one line each) or bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn, TextIO

from .instance import InstanceError, load_instance
from .plan import FEASIBLE, INFEASIBLE, OPTIMAL, Plan, load_plan, plan_to_text
from .solver import DEFAULT_TIME_LIMIT, PreviousPlan, solve
from .validator import validate

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_INFEASIBLE = 2
EXIT_NO_PLAN_IN_TIME = 3


class UsageError(Exception):
    pass


class _ParserExit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors; here 2 means infeasible, so usage is 1."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise _ParserExit(EXIT_OK if status == 0 else EXIT_BAD_INPUT)


def _parser() -> _Parser:
    parser = _Parser(prog="schedule", description="Plan or check the works schedule.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    solve_command = commands.add_parser("solve", help="plan the works of an instance")
    solve_command.add_argument("instance", help="INSTANCE.json")
    solve_command.add_argument("-o", "--output", help="write the plan to PLAN.json")
    solve_command.add_argument(
        "--time-limit", type=_seconds, default=DEFAULT_TIME_LIMIT, help="seconds (default 30)"
    )
    solve_command.add_argument("--previous", help="previous PLAN.json, for re-planning")
    validate_command = commands.add_parser("validate", help="check a plan against the rules")
    validate_command.add_argument("instance", help="INSTANCE.json")
    validate_command.add_argument("plan", help="PLAN.json")
    return parser


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds: {text!r}")
    return value


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as error:
        err.write(f"{parser.format_usage()}schedule: error: {error}\n")
        return EXIT_BAD_INPUT
    except _ParserExit as done:
        return done.code
    try:
        if args.command == "solve":
            return _solve(args, out, err)
        return _validate(args, out, err)
    except InstanceError as error:
        err.write(f"schedule: bad input: {error}\n")
        return EXIT_BAD_INPUT


def _solve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    instance = load_instance(args.instance)
    previous = None
    if args.previous:
        previous_plan = load_plan(args.previous)
        if not previous_plan.units:
            raise InstanceError(f"{args.previous}: units: the previous plan has no units")
        previous = PreviousPlan.from_plan(previous_plan)
    plan = solve(instance, time_limit=args.time_limit, previous=previous)
    text = plan_to_text(plan)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            err.write(f"schedule: cannot write {args.output}: {error}\n")
            return EXIT_BAD_INPUT
    else:
        out.write(text)
    err.write(_summary(plan) + "\n")
    if plan.status in (OPTIMAL, FEASIBLE):
        return EXIT_OK
    return EXIT_INFEASIBLE if plan.status == INFEASIBLE else EXIT_NO_PLAN_IN_TIME


def _summary(plan: Plan) -> str:
    if plan.status not in (OPTIMAL, FEASIBLE):
        return f"schedule: {plan.status}: {plan.reason}"
    unmet = len(plan.unmet_guest_home_wishes)
    return (
        f"schedule: {plan.status}: {plan.makespan_days} working days, ends {plan.end_date}, "
        f"lower bound {plan.lower_bound_days}, {unmet} unmet guest-home wishes, "
        f"{plan.solve_seconds} s"
    )


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    instance = load_instance(args.instance)
    plan = load_plan(args.plan)
    violations = validate(instance, plan)
    for violation in violations:
        out.write(f"{violation}\n")
    if violations:
        return EXIT_BAD_INPUT
    err.write(f"schedule: {args.plan} keeps every rule ({len(plan.units)} units)\n")
    return EXIT_OK
