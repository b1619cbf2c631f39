"""What the partner-data importers (units, tenancies, arrears, repairs, caseload) share.

Every importer works in two steps: `plan` parses and checks the whole file against the
database with a few bulk queries (never one per row) and works out what would change;
`write` applies a plan without problems in one transaction, records one `ImportRun` and one
audit event (source, legal basis, file hash, row counts, actor: never row values).
A dry run stops after the plan.

Provenance: `--source` is a partner organisation's slug (default: the complex's
corporation), `--legal-basis` a text (default per kind), `--date` the date of the data
(default: today). A row whose values are all already stored is `unchanged` and keeps the
provenance it had: importing the same file again, on any day, changes nothing.
"""

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import connection
from django.db.models import Model, QuerySet

from voordeur.access.policy import Category
from voordeur.access.scope import complex_ids, grant
from voordeur.accounts.models import Partner
from voordeur.audit import log as audit
from voordeur.imports.kinds import TENANCY_AGREEMENT  # noqa: F401 - the importers' default legal basis
from voordeur.imports.models import ImportRun
from voordeur.imports.registry import Change, ImportRequest, ImportResult, UsageError
from voordeur.lib.csvio import Problem, Row
from voordeur.lib.dates import today
from voordeur.places.models import Complex

CHUNK = 5000  # ids per `IN (...)` query: far below every database's limit on parameters
_INTEGER = re.compile(r"^-?\d+$")
_AMOUNT = re.compile(r"^\d+([.,]\d{1,2})?$")
YES = frozenset({"ja", "yes", "j", "y", "true", "1", "waar"})
NO = frozenset({"nee", "no", "n", "false", "0", "onwaar"})


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def in_chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = values if isinstance(values, list) else list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def values_in(queryset: QuerySet, lookup: str, values: Iterable, *fields: str, exists: str = "") -> list[tuple]:
    """`queryset.filter(lookup__in=values).values_list(*fields)` in chunks, one query per chunk.

    For a plain manager's queryset (`Model.objects.all()`) whose lookup and fields are the
    model's own columns, the chunks are sent as plain SQL: Django's per-value processing of
    a large `IN` list costs more than the query itself (bench/imports.py). `exists`
    ("app_model.column") adds a last column: whether a row of that table points at the row.
    """
    wanted = sorted(set(values))
    if not wanted:
        return []
    model = queryset.model
    if not queryset.query.where and all("__" not in name for name in (lookup, *fields)):
        return _raw_values_in(model, lookup, wanted, fields, exists)
    assert not exists, "exists= works on a model's own columns only"
    rows: list[tuple] = []
    for batch in in_chunks(wanted):
        rows.extend(queryset.filter(**{f"{lookup}__in": batch}).values_list(*fields))
    return rows


def _column(model: type[Model], name: str):
    return model._meta.pk if name == "pk" else model._meta.get_field(name)


def mostly_all(model: type[Model], wanted: int) -> bool:
    """Whether `wanted` keys are at least half of the table's rows: then reading the whole
    table and filtering is cheaper than looking every key up (as a database planner would
    choose a scan). Only asked for big files, where one COUNT costs nothing in comparison."""
    return wanted >= CHUNK and wanted * 2 >= model._default_manager.count()


def _raw_values_in(model: type[Model], lookup: str, wanted: list, fields: Sequence[str], exists: str) -> list[tuple]:
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [_column(model, name) for name in fields]
    select = ", ".join(f"{table}.{quote(field.column)}" for field in columns)
    if exists:
        other, column = exists.split(".")
        label, name = other.split("_", 1)
        related = apps.get_model(label, name)
        other_table, other_column = quote(related._meta.db_table), quote(_column(related, column).column)
        select += (f", EXISTS (SELECT 1 FROM {other_table} WHERE {other_table}.{other_column} = "
                   f"{table}.{quote(model._meta.pk.column)})")
    where = quote(_column(model, lookup).column)
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        if mostly_all(model, len(wanted)):
            keys = set(wanted)
            cursor.execute(f"SELECT {table}.{where}, {select} FROM {table}")
            return [row[1:] for row in cursor.fetchall() if row[0] in keys]
        for batch in in_chunks(wanted):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"SELECT {select} FROM {table} WHERE {table}.{where} IN ({marks})", batch)
            rows.extend(cursor.fetchall())  # dates come back as dates (SQLite: by the declared type)
    return rows


def real_user(request: ImportRequest):
    """The logged-in user behind a web upload, or None for the command line (the system)."""
    return request.by if getattr(request.by, "is_authenticated", False) else None


def check_may_import(request: ImportRequest, categories: Sequence[Category]) -> None:
    """A web upload's user must be allowed to write every category the kind writes.
    The command line runs as the system and is not restricted."""
    user = real_user(request)
    if user is None:
        return
    if not all(grant(user, category).writes for category in categories):
        raise UsageError(f"{request.kind}: your role may not import this data")


def scope_complex(request: ImportRequest) -> Complex | None:
    """The complex named by --complex (for a web upload: one of the user's), or None."""
    if not request.complex_slug:
        return None
    qs = Complex.objects.select_related("corporation")
    user = real_user(request)
    if user is not None:
        qs = qs.filter(pk__in=complex_ids(user))
    found = qs.filter(slug=request.complex_slug).first()
    if found is None:
        raise UsageError(f"{request.kind}: there is no complex {request.complex_slug!r}")
    return found


def source_partner(request: ImportRequest, complexes: Iterable[Complex]) -> Partner:
    """--source, or the corporation of the file's complex(es) when they share one."""
    if request.source:
        found = Partner.objects.filter(slug=request.source).first()
        if found is None:
            raise UsageError(f"{request.kind}: there is no organisation {request.source!r} (--source takes its slug)")
        return found
    corporations = {c.corporation_id: c.corporation for c in complexes}
    corporations.pop(None, None)
    if len(corporations) == 1:
        return next(iter(corporations.values()))
    if not corporations:
        raise UsageError(f"{request.kind}: give --source: the complex has no corporation to default to")
    raise UsageError(f"{request.kind}: give --source: the file spans complexes of several corporations")


def data_date(request: ImportRequest) -> dt.date:
    return request.received_on or today()


def check_data_date(request: ImportRequest) -> None:
    if request.received_on and request.received_on > today():
        raise UsageError(f"{request.kind}: --date {request.received_on.isoformat()} is in the future")


# --- cell checks: each returns the value, or None after adding a Problem ---------------------

def text(row: Row, column: str, problems: list[Problem], *, max_length: int, required: bool = True) -> str | None:
    value = row.required(column, problems) if required else row.get(column)
    if value is None:
        return None
    if len(value) > max_length:
        problems.append(Problem(row.line, column, f"longer than {max_length} characters"))
        return None
    return value


def integer(row: Row, column: str, problems: list[Problem], *, low: int, high: int) -> int | None:
    value = row.required(column, problems)
    if value is None:
        return None
    if not _INTEGER.match(value):
        problems.append(Problem(row.line, column, f"{value!r} is not a whole number"))
        return None
    number = int(value)
    if not low <= number <= high:
        problems.append(Problem(row.line, column, f"{number} is not between {low} and {high}"))
        return None
    return number


def amount(row: Row, column: str, problems: list[Problem]) -> str | None:
    """A euro amount ≥ 0 with at most 2 decimals (`412.50` or `412,50`), as text with 2 decimals."""
    value = row.required(column, problems)
    if value is None:
        return None
    if not _AMOUNT.match(value):
        problems.append(Problem(row.line, column, f"{value!r} is not an amount in euros (e.g. 412.50)"))
        return None
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        problems.append(Problem(row.line, column, f"{value!r} is not an amount in euros (e.g. 412.50)"))
        return None
    if number > 1_000_000:
        problems.append(Problem(row.line, column, f"{value!r} is more than 1,000,000"))
        return None
    return f"{number:.2f}"


def past_date(row: Row, column: str, problems: list[Problem], *, required: bool = True) -> dt.date | None:
    day = row.date(column, problems, required=required)
    if day is not None and day > today():
        problems.append(Problem(row.line, column, f"{day.isoformat()} is in the future"))
        return None
    return day


def choice(row: Row, column: str, problems: list[Problem], choices: Iterable[str], *,
           default: str | None = None) -> str | None:
    value = row.get(column).lower()
    if not value and default is not None:
        return default
    if not value:
        problems.append(Problem(row.line, column, "a value is required"))
        return None
    allowed = list(choices)
    if value not in allowed:
        problems.append(Problem(row.line, column, f"unknown value {value!r} ({', '.join(allowed)})"))
        return None
    return value


def yes_no(row: Row, column: str, problems: list[Problem], *, default: bool) -> bool | None:
    value = row.get(column).lower()
    if not value:
        return default
    if value in YES:
        return True
    if value in NO:
        return False
    problems.append(Problem(row.line, column, f"{value!r} is not yes or no (ja/nee, yes/no, 1/0)"))
    return None


def once(row: Row, column: str, key, seen: dict, problems: list[Problem], what: str) -> bool:
    """False (and a Problem) when `key` appeared on an earlier line of the file."""
    first = seen.setdefault(key, row.line)
    if first != row.line:
        problems.append(Problem(row.line, column, f"{what} also on line {first}"))
        return False
    return True


# --- results and writing ----------------------------------------------------------------------

@dataclass
class Plan:
    """What an import would do; `write` functions take it."""

    request: ImportRequest
    result: ImportResult
    category: Category
    legal_basis: str
    received_on: dt.date
    source: Partner | None = None
    complex: Complex | None = None
    extra: dict = field(default_factory=dict)  # the kind's own parts of the plan

    @property
    def ok(self) -> bool:
        return self.result.ok


CHANGES_KEPT = 1000  # changes listed per result (previews show the first 50); all are counted


def count(result: ImportResult, line: int, key: str, changed: Sequence[str] | None) -> None:
    """Count one good row: None = created, [] = unchanged, [fields] = updated."""
    if changed is None:
        result.created += 1
        if len(result.changes) < CHANGES_KEPT:
            result.changes.append(Change(line, key, "created"))
    elif changed:
        result.updated += 1
        if len(result.changes) < CHANGES_KEPT:
            result.changes.append(Change(line, key, "updated", tuple(changed)))
    else:
        result.unchanged += 1


def differences(obj: Model | dict, new: dict) -> list[str]:
    get = obj.get if isinstance(obj, dict) else (lambda name: getattr(obj, name))
    return [name for name, value in new.items() if get(name) != value]


def trajectory_of(complex_id: int | None) -> int | None:
    if complex_id is None:
        return None
    from voordeur.trajectories.models import Trajectory

    return Trajectory.objects.filter(complex_id=complex_id).order_by("pk").values_list("pk", flat=True).first()


def record_run(plan: Plan) -> ImportRun:
    """The ImportRun and the audit event of an applied import (call inside its transaction)."""
    request, result = plan.request, plan.result
    user = real_user(request)
    run = ImportRun.objects.create(
        kind=request.kind, complex=plan.complex, source_partner=plan.source, legal_basis=plan.legal_basis,
        received_on=plan.received_on, file_name=request.filename[-255:], file_sha256=result.sha256,
        rows=result.rows, created=result.created, updated=result.updated, unchanged=result.unchanged,
        by=user, by_label="" if user else audit.actor_fields(None)["actor"][:150],
    )
    result.run_id = run.pk
    audit.record(
        request.by, "import", category=plan.category, obj=run,
        trajectory_id=trajectory_of(plan.complex.pk if plan.complex else None),
        purpose=plan.legal_basis,
        detail={"kind": request.kind, "file": request.filename[-200:], "sha256": result.sha256,
                "rows": result.rows, "created": result.created, "updated": result.updated,
                "unchanged": result.unchanged, "source": plan.source.slug if plan.source else "",
                "legal_basis": plan.legal_basis, "received_on": plan.received_on.isoformat()},
    )
    return run


def stamp(record: Model, plan: Plan, run: ImportRun) -> None:
    """Set the provenance of a created or changed sourced record."""
    record.source_partner = plan.source
    record.received_on = plan.received_on
    record.legal_basis = plan.legal_basis
    record.import_run = run
