"""The base of Voordeur's management commands: usage errors exit 1, not argparse's 2.

`voordeur schedule solve` uses exit 2 for "infeasible", so no command may use 2 for a bad
flag (interfaces.md). From the command line a usage error prints the usage and exits 1;
through `call_command` it raises `CommandError` with returncode 1.
"""

import argparse
import sys
from typing import NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser


class VoordeurParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(1, f"{self.prog}: error: {message}\n")
        raise CommandError(f"Error: {message}", returncode=1)


class VoordeurCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        _adopt(parser)
        return parser


def _adopt(parser: argparse.ArgumentParser) -> None:
    """Django builds plain CommandParsers (subcommand parsers included, before we see them);
    swap in the subclass — same state, new `error` — all the way down."""
    parser.__class__ = VoordeurParser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _adopt(child)
