"""The kinds of partner file `voordeur import KIND FILE` knows, and what an import returns.

A kind is a function `(ImportRequest) -> ImportResult`, named here by dotted path so this
registry does not import every app. It validates the whole file first (csvio collects every
bad row) and writes only when nothing is wrong: all or nothing. A successful import is one
audited change event; importing the same file again changes no data.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.module_loading import import_string

from voordeur.lib.csvio import Problem

KINDS: dict[str, str] = {
    "votes": "voordeur.consent.importer.import_votes",
    "units": "voordeur.imports.units.import_units",
    "tenancies": "voordeur.imports.tenancies.import_tenancies",
    "arrears": "voordeur.exploring.importers.arrears.import_arrears",
    "repairs": "voordeur.exploring.importers.repairs.import_repairs",
    "caseload": "voordeur.exploring.importers.caseload.import_caseload",
}
DEFAULT_LEGAL_BASIS = "huurovereenkomst"  # interfaces.md: --legal-basis defaults to the tenancy agreement


class UsageError(Exception):
    """The request itself is wrong (unknown kind, missing or unknown --proposal): exit 1."""


@dataclass(frozen=True)
class ImportRequest:
    kind: str
    filename: str
    data: bytes
    by: object = None  # the user; None: the system account running the command
    complex_slug: str | None = None
    proposal_id: int | None = None
    source: str | None = None
    legal_basis: str | None = None
    dry_run: bool = False
    received_on: dt.date | None = None  # --date: the date of the data (default: today)


class Change(NamedTuple):
    """One row that changes something, for previews: its line, its key (an id, never a
    personal value), "created" or "updated", and the names of the fields that change."""

    line: int
    key: str
    action: str
    fields: tuple[str, ...] = ()


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    unchanged: int = 0  # rows already present (importing the same file twice changes nothing)
    problems: list[Problem] = field(default_factory=list)
    sha256: str = ""
    updated: int = 0  # rows that change a record already present
    changes: list[Change] = field(default_factory=list)  # the first created and updated rows, in file order
    run_id: int | None = None  # the ImportRun written for an applied import

    @property
    def ok(self) -> bool:
        return not self.problems


def importer(kind: str) -> Callable[[ImportRequest], ImportResult]:
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}; known kinds: {', '.join(sorted(KINDS))}")
    return import_string(KINDS[kind])
