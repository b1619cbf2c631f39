"""`voordeur import tenancies FILE [--complex SLUG] [--source ORG]`: who rents which unit.

Columns (interfaces.md): `unit_id, tenancy_id, start_date, end_date, name, phone, email,
language`; `end_date`, `phone`, `email` and `language` may be empty. The unit must exist;
`tenancy_id` is unique (in the file and across the system) and never moves to another unit;
a unit has at most one tenancy active on any date (dates inclusive), checked within the file
and against the tenancies already recorded. `language` is ISO 639: two letters where one
exists, else three (`voordeur.imports.iso639`); stored lower-case.

A new tenancy creates its household (name, phone, e-mail, language) and, as the household
has no people yet, a person with relation `tenant` named `name`. A known tenancy updates its
dates and its household's contact fields; the people are never renamed by an import.

Speed: everything is checked with a handful of bulk queries (units, tenancies by id,
tenancies of the units, households, people), never one per row; a 100,000-row file
validates at well over 20,000 rows/s (`bench/imports.py`).
"""

import datetime as dt
import re
from collections import defaultdict
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import connection, transaction
from django.utils import timezone

from voordeur.access.policy import Category
from voordeur.households.models import Household, Person, Tenancy
from voordeur.imports.common import (
    TENANCY_AGREEMENT, Plan, check_data_date, check_may_import, count, data_date, in_chunks, mostly_all, record_run,
    scope_complex, sha256, source_partner, values_in,
)
from voordeur.imports.iso639 import THREE_LETTER, TWO_LETTER, language_problem
from voordeur.imports.registry import ImportRequest, ImportResult
from voordeur.lib.bulk import without_gc
from voordeur.lib.csvio import Problem, parse_date, read_table
from voordeur.places.models import Complex, Unit

COLUMNS = ("unit_id", "tenancy_id", "start_date", "end_date", "name", "phone", "email", "language")
CONTACT = ("name", "phone", "email", "language")
_PHONE = re.compile(r"^\+?[0-9 ()./-]{6,40}$")
_email = EmailValidator()
FOREVER = dt.date.max


def _valid_email(value: str) -> bool:
    """Django's EmailValidator, with its common case (user@domain.tld) checked first by its
    own user and domain patterns: the full validator costs ~20 µs a call (bench/imports.py)."""
    user, at, domain = value.rpartition("@")
    if at and len(value) <= 320 and _USER.match(user) and _DOMAIN.match(domain):
        return True
    try:
        _email(value)
    except ValidationError:
        return False
    return True


_USER = re.compile(_email.user_regex.pattern, _email.user_regex.flags)
_DOMAIN = re.compile(_email.domain_regex.pattern, _email.domain_regex.flags)


def import_tenancies(request: ImportRequest) -> ImportResult:
    plan = plan_tenancies(request)
    if plan.ok and not request.dry_run:
        write_tenancies(plan)
    return plan.result


def _date(value: str, line: int, column: str, problems: list[Problem], known: dict[str, dt.date]) -> dt.date | None:
    """A date cell; `known` remembers the texts already parsed (dates repeat a lot in a big file)."""
    day = known.get(value)
    if day is not None:
        return day
    try:
        day = known[value] = parse_date(value)
    except ValueError as error:
        problems.append(Problem(line, column, str(error)))
    return day


def _parse(table, problems: list[Problem]) -> tuple[list[tuple], list[tuple]]:
    """Check every row on its own: the good rows as (line, unit_id, tenancy_id, start, end,
    contact), and (line, unit_id, tenancy_id) of every row whose ids can be looked up.

    The hot loop of a big file: cells are taken in one call, parsed dates are remembered,
    and the common case (a valid cell) costs one comparison or lookup per cell.
    """
    good, ids = [], []
    seen: dict[str, int] = {}
    known: dict[str, dt.date] = {}
    add = problems.append
    cells = itemgetter(*COLUMNS)
    phone_ok, email_ok = _PHONE.match, _valid_email
    for row in table.rows:
        line = row.line
        unit_id, tenancy_id, start_text, end_text, name, phone, email, language = cells(row.values)
        before = len(problems)
        ids_ok = True
        if not unit_id or len(unit_id) > 40:
            add(Problem(line, "unit_id", "longer than 40 characters" if unit_id else "a value is required"))
            ids_ok = False
        if not tenancy_id or len(tenancy_id) > 40:
            add(Problem(line, "tenancy_id", "longer than 40 characters" if tenancy_id else "a value is required"))
            ids_ok = False
        else:
            first = seen.setdefault(tenancy_id, line)
            if first != line:
                add(Problem(line, "tenancy_id", f"tenancy {tenancy_id!r} also on line {first}"))
        start = known.get(start_text) if start_text else None
        if start is None:
            if start_text:
                start = _date(start_text, line, "start_date", problems, known)
            else:
                add(Problem(line, "start_date", "a date is required"))
        end = None
        if end_text:
            end = known.get(end_text) or _date(end_text, line, "end_date", problems, known)
            if start and end and end < start:
                add(Problem(line, "end_date", f"{end.isoformat()} is before the start date {start.isoformat()}"))
        if not name or len(name) > 200:
            add(Problem(line, "name", "longer than 200 characters" if name else "a value is required"))
        if phone and not phone_ok(phone):
            add(Problem(line, "phone", "not a phone number (digits, spaces, + - ( ) . /; 6 to 40 characters)"))
        if email and not email_ok(email):
            add(Problem(line, "email", "not an e-mail address"))
        if language:
            language = language.lower()
            if language not in TWO_LETTER and language not in THREE_LETTER:
                add(Problem(line, "language", language_problem(language)))
        if len(problems) == before:
            good.append((line, unit_id, tenancy_id, start, end, (name, phone, email, language)))
        elif ids_ok:
            ids.append((line, unit_id, tenancy_id))
    return good, ids


def _units(request: ImportRequest, fixed: Complex | None, rows: list[tuple]) -> dict[str, tuple[int, int]]:
    """unit_id -> (pk, complex_id) for the units the file names (in --complex when given)."""
    if fixed is not None:
        found = Unit.objects.filter(complex=fixed).values_list("unit_id", "pk", "complex_id")
    else:
        found = values_in(Unit.objects.all(), "unit_id", {row[1] for row in rows}, "unit_id", "pk", "complex_id")
    return {unit_id: (pk, complex_id) for unit_id, pk, complex_id in found}


def _overlaps(good: list[tuple], units: dict, recorded: list[tuple], problems: list[Problem]) -> None:
    """At most one tenancy active per unit on any date: file rows against each other and
    against recorded tenancies the file does not restate."""
    in_file = {g[2] for g in good}
    # Most units have one span: only units with a second one get a list (no list per row).
    first: dict[int, tuple] = {}
    more: dict[int, list[tuple]] = defaultdict(list)
    for line, unit_id, tenancy_id, start, end, _contact in good:
        unit_pk = units[unit_id][0]
        span = (start, end or FOREVER, line, tenancy_id)
        if first.setdefault(unit_pk, span) is not span:
            more[unit_pk].append(span)
    for unit_pk, tenancy_id, start, end in recorded:
        if unit_pk in first and tenancy_id not in in_file:
            more[unit_pk].append((start, end or FOREVER, None, tenancy_id))
    found = set()
    for unit_pk, others in more.items():
        spans = [first[unit_pk], *others]
        spans.sort(key=lambda span: (span[0], span[1]))
        reach = spans[0]
        for span in spans[1:]:
            if reach[1] >= span[0]:
                if span[2] is not None:
                    where = f"line {reach[2]}" if reach[2] is not None else "already recorded"
                    found.add((span[2], f"overlaps tenancy {reach[3]!r} of the same unit ({where})"))
                elif reach[2] is not None:
                    found.add((reach[2], f"overlaps tenancy {span[3]!r} of the same unit (already recorded)"))
            if span[1] > reach[1]:
                reach = span
    problems.extend(Problem(line, "start_date", message) for line, message in sorted(found))


def _stored_tenancies(fixed: Complex | None, unit_pks: set[int]) -> list[tuple]:
    """The tenancies recorded for the file's units (all of --complex when given), each with its
    household: (tenancy_id, pk, unit pk, household pk, start, end, version, (name, phone,
    email, language), household version, has people). One joined query per chunk of units,
    or one scan when the file names most units: at 100,000 rows separate queries for
    households and people cost more than the join."""
    quote = connection.ops.quote_name
    tenancy, household = quote(Tenancy._meta.db_table), quote(Household._meta.db_table)
    unit, person = quote(Unit._meta.db_table), quote(Person._meta.db_table)
    # SQLite keeps dates as ISO text, and Django's per-value converter is the costliest part of
    # fetching 100,000 rows: the dates are read as text and parsed once per distinct value.
    as_text = connection.vendor == "sqlite"
    start, end = ("CAST(t.start_date AS TEXT)", "CAST(t.end_date AS TEXT)") if as_text else ("t.start_date", "t.end_date")
    select = (f"SELECT t.tenancy_id, t.id, t.unit_id, t.household_id, {start}, {end}, t.version, "
              f"h.name, h.phone, h.email, h.language, h.version, "
              f"EXISTS (SELECT 1 FROM {person} p WHERE p.household_id = h.id) "
              f"FROM {tenancy} t JOIN {household} h ON h.id = t.household_id ")
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        if fixed is not None:
            cursor.execute(select + f"JOIN {unit} u ON u.id = t.unit_id WHERE u.complex_id = %s", [fixed.pk])
            rows = cursor.fetchall()
        elif mostly_all(Unit, len(unit_pks)):
            cursor.execute(select)
            rows = [row for row in cursor.fetchall() if row[2] in unit_pks]
        else:
            for batch in in_chunks(sorted(unit_pks)):
                cursor.execute(select + f"WHERE t.unit_id IN ({', '.join(['%s'] * len(batch))})", batch)
                rows.extend(cursor.fetchall())
    days: dict = {None: None}

    def day(value):
        if not as_text:
            return value
        found = days.get(value, FOREVER)
        if found is FOREVER:
            found = days[value] = dt.date.fromisoformat(value)
        return found

    return [(r[0], r[1], r[2], r[3], day(r[4]), day(r[5]), r[6], (r[7], r[8], r[9], r[10]), r[11], bool(r[12]))
            for r in rows]


@without_gc
def plan_tenancies(request: ImportRequest) -> Plan:
    check_data_date(request)
    fixed = scope_complex(request)
    check_may_import(request, [Category.HOUSEHOLD, Category.CONTACT])
    result = ImportResult(sha256=sha256(request.data))
    plan = Plan(request, result, Category.HOUSEHOLD, request.legal_basis or TENANCY_AGREEMENT, data_date(request),
                complex=fixed)
    table = read_table(request.data, required=COLUMNS)
    result.problems.extend(table.problems)
    result.rows = len(table.rows)
    if result.problems:
        return plan
    problems = result.problems
    parsed, other_ids = _parse(table, problems)
    entries = parsed + other_ids if other_ids else parsed  # (problems are sorted when shown)

    units = _units(request, fixed, entries)
    unit_pks = {units[g[1]][0] for g in parsed if g[1] in units}
    # every tenancy of the file's units (for overlaps), then the file's other tenancy ids:
    # known[tenancy_id] = (tenancy_id, pk, unit pk, household pk, start, end, version, ...)
    stored = _stored_tenancies(fixed, unit_pks)
    known = {row[0]: row for row in stored}
    households = {row[3]: row for row in stored}  # [7] contact, [8] version, [9] has people
    elsewhere = {g[2] for g in entries} - known.keys()
    fields = ("tenancy_id", "pk", "unit_id", "household_id", "start_date", "end_date", "version")
    known.update((row[0], row) for row in values_in(Tenancy.objects.all(), "tenancy_id", elsewhere, *fields))
    good = []
    for entry in entries:
        line, unit_id, tenancy_id = entry[0], entry[1], entry[2]
        unit = units.get(unit_id)
        old = known.get(tenancy_id)
        if unit is None:
            where = " in this complex" if fixed else ""
            problems.append(Problem(line, "unit_id", f"unknown unit {unit_id!r}{where}"))
        elif old is not None and old[2] != unit[0]:
            problems.append(Problem(line, "tenancy_id", f"tenancy {tenancy_id!r} is recorded for another unit"))
        elif len(entry) > 3:
            good.append(entry)
    recorded = [(row[2], row[0], row[4], row[5]) for row in stored]
    _overlaps(good, units, recorded, problems)

    complexes = {units[g[1]][1] for g in good} or ({fixed.pk} if fixed else set())
    if not fixed and len(complexes) == 1:
        plan.complex = Complex.objects.select_related("corporation").get(pk=next(iter(complexes)))
    if not problems:
        plan.source = source_partner(request, Complex.objects.select_related("corporation").filter(pk__in=complexes))

    creates, tenancy_updates, household_updates, people = [], [], [], []
    given_people: set[int] = set()  # households this plan gives their first person
    unchanged = 0
    for line, unit_id, tenancy_id, start, end, contact in good:
        old = known.get(tenancy_id)
        if old is None:
            creates.append((units[unit_id][0], tenancy_id, start, end, contact))
            count(result, line, tenancy_id, None)
            continue
        tenancy_pk, household_id, old_start, old_end, version = old[1], old[3], old[4], old[5], old[6]
        household = households[household_id]
        has_people = household[9] or household_id in given_people
        if old_start == start and old_end == end and household[7] == contact and has_people:
            unchanged += 1  # the common case of a re-import, counted without building a change
            continue
        changed = []
        if (old_start, old_end) != (start, end):
            changed += [name for name, a, b in (("start_date", old_start, start), ("end_date", old_end, end)) if a != b]
            tenancy_updates.append((tenancy_pk, start, end, version))
        if household[7] != contact:
            changed += [name for name, a, b in zip(CONTACT, household[7], contact, strict=True) if a != b]
            household_updates.append((household_id, contact, household[8]))
        if not has_people:
            given_people.add(household_id)
            people.append((household_id, contact[0]))
            changed.append("people")
        count(result, line, tenancy_id, changed)
    result.unchanged += unchanged
    plan.extra = {"creates": creates, "tenancy_updates": tenancy_updates, "household_updates": household_updates,
                  "people": people}
    return plan


@transaction.atomic
def write_tenancies(plan: Plan, batch_size: int = 2000) -> None:
    extra, now = plan.extra, timezone.now()
    source_id = plan.source.pk if plan.source else None
    for batch_start in range(0, len(extra["creates"]), batch_size):
        batch = extra["creates"][batch_start:batch_start + batch_size]
        households = Household.objects.bulk_create(
            [Household(unit_id=unit_pk, name=c[0], phone=c[1], email=c[2], language=c[3],
                       created_by_partner_id=source_id) for unit_pk, _tid, _start, _end, c in batch])
        Tenancy.objects.bulk_create(
            [Tenancy(unit_id=unit_pk, household=household, tenancy_id=tenancy_id, start_date=start, end_date=end)
             for household, (unit_pk, tenancy_id, start, end, _c) in zip(households, batch, strict=True)])
        Person.objects.bulk_create(
            [Person(household=household, name=c[0], relation=Person.Relation.TENANT, language=c[3], phone=c[1])
             for household, (_u, _t, _s, _e, c) in zip(households, batch, strict=True)])
    Tenancy.objects.bulk_update(
        [Tenancy(pk=pk, start_date=start, end_date=end, version=version + 1)
         for pk, start, end, version in extra["tenancy_updates"]],
        ["start_date", "end_date", "version"], batch_size=batch_size)
    Household.objects.bulk_update(
        [Household(pk=pk, name=c[0], phone=c[1], email=c[2], language=c[3], version=version + 1, updated_at=now)
         for pk, c, version in extra["household_updates"]],
        [*CONTACT, "version", "updated_at"], batch_size=batch_size)
    Person.objects.bulk_create(
        [Person(household_id=household_id, name=name, relation=Person.Relation.TENANT)
         for household_id, name in extra["people"]], batch_size=batch_size)
    record_run(plan)
