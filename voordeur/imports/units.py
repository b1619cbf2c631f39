"""`voordeur import units FILE [--complex SLUG] [--source ORG]`: the corporation's units.

Columns (interfaces.md): `complex, unit_id, street, number, letter, addition, postcode, city,
portiek, floor, bag_id` and optionally `kind`. `complex` may be left out when --complex
names it. A complex that does not exist yet is created, with the source organisation as its
corporation: that needs `--source` naming a housing corporation. Portieken are created by
code; a unit is created or updated by `unit_id` (unique across the system; a unit never
moves to another complex). Postcodes are stored as `1234 AB`.
"""

import re

from django.db import transaction
from django.utils import timezone

from voordeur.access.policy import Category
from voordeur.accounts.models import Partner
from voordeur.imports.common import (
    TENANCY_AGREEMENT, Plan, check_data_date, check_may_import, choice, count, data_date, differences, integer,
    once, real_user, record_run, scope_complex, sha256, source_partner, text, values_in,
)
from voordeur.imports.registry import ImportRequest, ImportResult, UsageError
from voordeur.lib.bulk import without_gc
from voordeur.lib.csvio import Problem, Row, read_table
from voordeur.places.models import Complex, Portiek, Unit

REQUIRED = ("unit_id", "street", "number", "letter", "addition", "postcode", "city", "portiek", "floor", "bag_id")
FIELDS = ("street", "number", "letter", "addition", "postcode", "city", "floor", "bag_id", "kind")
_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
_POSTCODE = re.compile(r"^(\d{4}) ?([A-Z]{2})$")
_BAG = re.compile(r"^\d{16}$")
_LETTER = re.compile(r"^[A-Za-z]$")


def import_units(request: ImportRequest) -> ImportResult:
    plan = plan_units(request)
    if plan.ok and not request.dry_run:
        write_units(plan)
    return plan.result


def _complex_slug(row: Row, fixed: str | None, problems: list[Problem]) -> str | None:
    value = row.get("complex")
    if fixed:
        if value and value != fixed:
            problems.append(Problem(row.line, "complex", f"{value!r} is not the complex of this import ({fixed!r})"))
            return None
        return fixed
    if not value:
        problems.append(Problem(row.line, "complex", "a value is required (or give --complex)"))
        return None
    if not _SLUG.match(value) or len(value) > 50:
        problems.append(Problem(row.line, "complex", f"{value!r} is not a slug (letters, digits, - and _)"))
        return None
    return value


def _check_row(row: Row, problems: list[Problem], has_kind: bool) -> dict | None:
    before = len(problems)
    values = {
        "street": text(row, "street", problems, max_length=120),
        "number": integer(row, "number", problems, low=1, high=99999),
        "letter": row.get("letter"),
        "addition": text(row, "addition", problems, max_length=10, required=False),
        "postcode": None,
        "city": text(row, "city", problems, max_length=100),
        "floor": integer(row, "floor", problems, low=-5, high=200),
        "bag_id": row.get("bag_id"),
    }
    if values["letter"] and not _LETTER.match(values["letter"]):
        problems.append(Problem(row.line, "letter", f"{values['letter']!r} is not one letter"))
    postcode = row.required("postcode", problems)
    if postcode is not None:
        match = _POSTCODE.match(postcode.upper())
        if match:
            values["postcode"] = f"{match.group(1)} {match.group(2)}"
        else:
            problems.append(Problem(row.line, "postcode", f"{postcode!r} is not a postcode (1234 AB)"))
    if values["bag_id"] and not _BAG.match(values["bag_id"]):
        problems.append(Problem(row.line, "bag_id", f"{values['bag_id']!r} is not 16 digits"))
    if has_kind:
        values["kind"] = choice(row, "kind", problems, Unit.Kind.values, default=Unit.Kind.HOME)
    return values if len(problems) == before else None


@without_gc
def plan_units(request: ImportRequest) -> Plan:
    check_data_date(request)
    fixed = scope_complex(request)
    check_may_import(request, [Category.PLACES])
    result = ImportResult(sha256=sha256(request.data))
    table = read_table(request.data, required=REQUIRED if fixed else ("complex", *REQUIRED),
                       optional=("complex", "kind"))
    plan = Plan(request, result, Category.PLACES, request.legal_basis or TENANCY_AGREEMENT, data_date(request),
                complex=fixed)
    result.problems.extend(table.problems)
    result.rows = len(table.rows)
    if result.problems:
        return plan
    problems = result.problems
    has_kind = "kind" in table.columns
    seen: dict[str, int] = {}
    good: list[tuple[Row, str, str, str, dict]] = []  # row, complex slug, unit_id, portiek code, values
    for row in table.rows:
        slug = _complex_slug(row, fixed.slug if fixed else None, problems)
        unit_id = text(row, "unit_id", problems, max_length=40)
        if unit_id is not None and not once(row, "unit_id", unit_id, seen, problems, f"unit {unit_id!r}"):
            unit_id = None
        code = text(row, "portiek", problems, max_length=20)
        values = _check_row(row, problems, has_kind)
        if slug and unit_id and code and values:
            good.append((row, slug, unit_id, code, values))

    complexes = {c.slug: c for c in Complex.objects.select_related("corporation").filter(
        slug__in={slug for _, slug, *_ in good})}
    source = _source(request, complexes, good, problems)
    plan.source = source
    existing = {
        unit_id: {"pk": pk, "complex_id": complex_id, "portiek_code": code, "version": version,
                  **dict(zip(FIELDS, values, strict=True))}
        for unit_id, pk, complex_id, code, version, *values in values_in(
            Unit.objects.all(), "unit_id", seen, "unit_id", "pk", "complex_id", "portiek__code", "version", *FIELDS)
    }
    portieken = {(c, code): pk for c, code, pk in Portiek.objects.filter(
        complex_id__in=[c.pk for c in complexes.values()]).values_list("complex__slug", "code", "pk")}
    creates, updates, new_portieken = [], [], set()
    for row, slug, unit_id, code, values in good:
        cplx = complexes.get(slug)
        old = existing.get(unit_id)
        if old is not None and (cplx is None or old["complex_id"] != cplx.pk):
            problems.append(Problem(row.line, "unit_id", f"unit {unit_id!r} is already used outside this complex"))
            continue
        if (slug, code) not in portieken:
            new_portieken.add((slug, code))
        if old is None:
            values.setdefault("kind", Unit.Kind.HOME)
            creates.append((slug, code, unit_id, values))
            count(result, row.line, unit_id, None)
            continue
        changed = differences(old, values)
        if old["portiek_code"] != code:
            changed.append("portiek")
        if changed:
            updates.append((old["pk"], slug, code, old["version"], {k: values[k] for k in changed if k in values}))
        count(result, row.line, unit_id, changed)
    plan.extra = {"complexes": complexes, "portieken": portieken, "new_portieken": sorted(new_portieken),
                  "creates": creates, "updates": updates, "new_complexes": _new_complexes(good, complexes)}
    if len(complexes) == 1 and not plan.complex:
        plan.complex = next(iter(complexes.values()))
    return plan


def _new_complexes(good, complexes) -> dict[str, str]:
    """slug -> city of the first row, for complexes the file creates."""
    new: dict[str, str] = {}
    for _row, slug, _unit_id, _code, values in good:
        if slug not in complexes:
            new.setdefault(slug, values["city"])
    return new


def _source(request: ImportRequest, complexes: dict, good, problems: list[Problem]) -> Partner | None:
    missing = [(row, slug) for row, slug, *_ in good if slug not in complexes]
    if missing and real_user(request) is not None:
        for row, slug in missing:  # a web upload works inside an existing trajectory's complex
            problems.append(Problem(row.line, "complex", f"there is no complex {slug!r}"))
        return None
    if not request.source and missing:
        first = {}
        for row, slug in missing:
            first.setdefault(slug, row.line)
        for slug, line in first.items():
            problems.append(Problem(line, "complex", f"complex {slug!r} does not exist: give --source with the "
                                                     "housing corporation to create it"))
        return None
    if not good:
        return None
    try:
        source = source_partner(request, complexes.values())
    except UsageError:
        if request.source:
            raise
        return None  # units of complexes of several corporations: places data, no single source
    if missing and source.kind != Partner.Kind.CORPORATION:
        problems.append(Problem(missing[0][0].line, "complex",
                                f"complex {missing[0][1]!r} does not exist and {source.slug!r} is not a housing "
                                "corporation to create it for"))
    return source


@transaction.atomic
def write_units(plan: Plan) -> None:
    extra = plan.extra
    complexes: dict[str, Complex] = dict(extra["complexes"])
    for slug, city in extra["new_complexes"].items():
        complexes[slug] = Complex.objects.create(slug=slug, name=slug, city=city, corporation=plan.source)
    if plan.complex is None and len(complexes) == 1:
        plan.complex = next(iter(complexes.values()))
    portieken = dict(extra["portieken"])
    fresh = [Portiek(complex=complexes[slug], code=code) for slug, code in extra["new_portieken"]]
    Portiek.objects.bulk_create(fresh, batch_size=1000)
    for portiek in fresh:
        portieken[(portiek.complex.slug, portiek.code)] = portiek.pk
    Unit.objects.bulk_create(
        (Unit(complex=complexes[slug], portiek_id=portieken[(slug, code)], unit_id=unit_id, **values)
         for slug, code, unit_id, values in extra["creates"]),
        batch_size=1000,
    )
    now = timezone.now()
    by_fields: dict[tuple[str, ...], list[Unit]] = {}
    for pk, slug, code, version, values in extra["updates"]:
        unit = Unit(pk=pk, portiek_id=portieken[(slug, code)], version=version + 1, updated_at=now, **values)
        by_fields.setdefault(tuple(sorted(values)), []).append(unit)
    for names, units in by_fields.items():
        Unit.objects.bulk_update(units, [*names, "portiek", "version", "updated_at"], batch_size=1000)
    record_run(plan)
