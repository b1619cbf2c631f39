"""`voordeur import repairs FILE [--complex SLUG] [--source ORG] [--date DATE]`: defects and
nuisance reports (category `repairs`) from the corporation's maintenance system.

Columns: `external_id, unit_id, kind, reported, status` and optionally `portiek` and
`complex`. `unit_id` empty means a common area: then `portiek` (a stairwell's code, may be
empty for the whole complex) in the complex of `--complex` or the `complex` column. With a
unit, `portiek` may be left empty or must be the unit's. `kind` is one of leak, mould,
heating, electrical, doors_locks, lift, pests, nuisance, cleaning, other; `status` one of
open, in_progress, done, cancelled; `reported` a date not in the future. One record per
source organisation and `external_id`: a later file updates it.
"""

from django.db import transaction
from django.utils import timezone

from voordeur.access.policy import Category
from voordeur.exploring.models import Repair
from voordeur.imports.common import (
    TENANCY_AGREEMENT, Plan, check_data_date, check_may_import, choice, count, data_date, once, past_date,
    record_run, scope_complex, sha256, source_partner, stamp, text, values_in,
)
from voordeur.imports.registry import ImportRequest, ImportResult
from voordeur.lib.bulk import without_gc
from voordeur.lib.csvio import Problem, read_table
from voordeur.places.models import Complex, Portiek, Unit

COLUMNS = ("external_id", "unit_id", "kind", "reported", "status")
COMPARED = ("complex_id", "portiek_id", "unit_id", "kind", "reported_on", "status")


def import_repairs(request: ImportRequest) -> ImportResult:
    plan = plan_repairs(request)
    if plan.ok and not request.dry_run:
        write_repairs(plan)
    return plan.result


@without_gc
def plan_repairs(request: ImportRequest) -> Plan:
    check_data_date(request)
    fixed = scope_complex(request)
    check_may_import(request, [Category.REPAIRS])
    result = ImportResult(sha256=sha256(request.data))
    plan = Plan(request, result, Category.REPAIRS, request.legal_basis or TENANCY_AGREEMENT, data_date(request),
                complex=fixed)
    table = read_table(request.data, required=COLUMNS, optional=("portiek", "complex"))
    result.problems.extend(table.problems)
    result.rows = len(table.rows)
    if result.problems:
        return plan
    problems = result.problems
    seen: dict[str, int] = {}
    parsed = []
    for row in table.rows:
        before = len(problems)
        external_id = text(row, "external_id", problems, max_length=60)
        if external_id is not None:
            once(row, "external_id", external_id, seen, problems, f"report {external_id!r}")
        unit_id = text(row, "unit_id", problems, max_length=40, required=False)
        code = text(row, "portiek", problems, max_length=20, required=False)
        slug = row.get("complex")
        if fixed is not None and slug and slug != fixed.slug:
            problems.append(Problem(row.line, "complex", f"{slug!r} is not the complex of this import ({fixed.slug!r})"))
        elif not unit_id and not slug and fixed is None:
            problems.append(Problem(row.line, "complex", "a value is required for a common area (or give --complex)"))
        values = {
            "kind": choice(row, "kind", problems, Repair.Kind.values),
            "reported_on": past_date(row, "reported", problems),
            "status": choice(row, "status", problems, Repair.Status.values),
        }
        if len(problems) == before:
            parsed.append((row.line, external_id, unit_id, code, fixed.slug if fixed else slug, values))
        elif unit_id or slug or fixed:  # the place is still checked, so its problem is named too
            parsed.append((row.line, external_id, unit_id, code, fixed.slug if fixed else slug, None))

    units_qs = Unit.objects.all() if fixed is None else Unit.objects.filter(complex=fixed)
    units = {uid: rest for uid, *rest in values_in(units_qs, "unit_id", {p[2] for p in parsed if p[2]},
                                                   "unit_id", "pk", "complex_id", "portiek_id", "portiek__code")}
    complexes_qs = Complex.objects.all() if fixed is None else Complex.objects.filter(pk=fixed.pk)
    complexes = dict(complexes_qs.filter(slug__in={p[4] for p in parsed if p[4]}).values_list("slug", "pk"))
    wanted = {u[1] for u in units.values()} | set(complexes.values())
    portieken = {(c, code): pk for c, code, pk in Portiek.objects.filter(complex_id__in=wanted).values_list(
        "complex_id", "code", "pk")}
    good = []
    where = " in this complex" if fixed else ""
    for line, external_id, unit_id, code, slug, values in parsed:
        if unit_id:
            if unit_id not in units:
                problems.append(Problem(line, "unit_id", f"unknown unit {unit_id!r}{where}"))
                continue
            unit_pk, complex_pk, portiek_pk, unit_code = units[unit_id]
            if slug and complexes.get(slug) != complex_pk:
                problems.append(Problem(line, "complex", f"unit {unit_id!r} is not in complex {slug!r}"))
                continue
            if code and code != unit_code:
                problems.append(Problem(line, "portiek", f"unit {unit_id!r} is in portiek {unit_code!r}, not {code!r}"))
                continue
        else:
            unit_pk = None
            complex_pk = complexes.get(slug)
            if complex_pk is None:
                problems.append(Problem(line, "complex", f"there is no complex {slug!r}"))
                continue
            portiek_pk = portieken.get((complex_pk, code)) if code else None
            if code and portiek_pk is None:
                problems.append(Problem(line, "portiek", f"unknown portiek {code!r}{where or ' in that complex'}"))
                continue
        if values is not None:
            good.append((line, external_id, {"complex_id": complex_pk, "portiek_id": portiek_pk, "unit_id": unit_pk,
                                             **values}))
    if problems:
        return plan
    involved = {g[2]["complex_id"] for g in good} or ({fixed.pk} if fixed else set())
    if fixed is None and len(involved) == 1:
        plan.complex = Complex.objects.get(pk=next(iter(involved)))
    plan.source = source_partner(request, Complex.objects.select_related("corporation").filter(pk__in=involved))
    stored = {r.external_id: r for r in Repair.objects.filter(source_partner=plan.source,
                                                              external_id__in=[g[1] for g in good])}
    creates, updates = [], []
    for line, external_id, values in good:
        old = stored.get(external_id)
        if old is None:
            creates.append((external_id, values))
            count(result, line, external_id, None)
            continue
        changed = [name for name in COMPARED if getattr(old, name) != values[name]]
        if changed:
            updates.append((old, values))
        count(result, line, external_id, [name.removesuffix("_id") for name in changed])
    plan.extra = {"creates": creates, "updates": updates}
    return plan


@transaction.atomic
def write_repairs(plan: Plan) -> None:
    run = record_run(plan)
    fresh = []
    for external_id, values in plan.extra["creates"]:
        repair = Repair(external_id=external_id, **values)
        stamp(repair, plan, run)
        fresh.append(repair)
    Repair.objects.bulk_create(fresh, batch_size=1000)
    now, changed = timezone.now(), []
    for repair, values in plan.extra["updates"]:
        for name, value in values.items():
            setattr(repair, name, value)
        stamp(repair, plan, run)
        repair.version, repair.updated_at = repair.version + 1, now
        changed.append(repair)
    Repair.objects.bulk_update(changed, [*COMPARED, "source_partner", "received_on", "legal_basis", "import_run",
                                         "version", "updated_at"], batch_size=1000)
