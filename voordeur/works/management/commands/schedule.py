"""`voordeur schedule solve|validate`: hands its arguments to the schedule command line.

Django's own argument parser is bypassed so the exit codes stay those of the spec
(argparse would exit 2 on a usage error, which means "infeasible" here).
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from voordeur.works.schedule import cli


class Command(BaseCommand):
    help = "Plan the works schedule (solve) or check a plan (validate); see spec/schedule.md."

    def run_from_argv(self, argv: list[str]) -> None:
        sys.exit(cli.main(argv[2:]))

    def add_arguments(self, parser) -> None:
        parser.add_argument("arguments", nargs="*", help="solve|validate and their arguments")

    def handle(self, *args: str, **options: object) -> None:
        # call_command("schedule", "validate", ...) comes here instead of run_from_argv.
        code = cli.main([*args, *options.get("arguments", [])])  # type: ignore[list-item]
        if code:
            raise CommandError(f"schedule exited with code {code}", returncode=code)
