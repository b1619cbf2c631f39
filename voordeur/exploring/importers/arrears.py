"""`voordeur import arrears FILE [--complex SLUG] [--source ORG] [--date DATE]`: rent arrears
and early debt signals (vroegsignalering), category `arrears`, encrypted at rest.

Columns: `tenancy_id, amount, months, last_reminder` and optionally `date` (the date the
figures were taken; default --date, else today). `amount` is euros ≥ 0 with at most two
decimals (`412.50` or `412,50`), stored as text with two decimals; `months` a whole number
0-600; `last_reminder` a date or empty. One record per tenancy and source organisation: a
later file updates it; a tenancy not in a later file keeps its record (send amount 0 to
record that the arrears are gone). Default legal basis: "convenant vroegsignalering".
"""

from django.db import transaction
from django.utils import timezone

from voordeur.access.policy import Category
from voordeur.audit import log as audit
from voordeur.exploring.models import Arrears
from voordeur.households.models import Tenancy
from voordeur.imports.common import (
    Plan, amount, check_data_date, check_may_import, count, data_date, integer, once, past_date, record_run,
    scope_complex, sha256, source_partner, stamp, text, values_in,
)
from voordeur.imports.kinds import LEGAL_BASIS
from voordeur.imports.registry import ImportRequest, ImportResult
from voordeur.lib.bulk import without_gc
from voordeur.lib.csvio import Problem, read_table
from voordeur.places.models import Complex

COLUMNS = ("tenancy_id", "amount", "months", "last_reminder")
DEFAULT_LEGAL_BASIS = LEGAL_BASIS["arrears"]


def import_arrears(request: ImportRequest) -> ImportResult:
    plan = plan_arrears(request)
    if plan.ok and not request.dry_run:
        write_arrears(plan)
    return plan.result


@without_gc
def plan_arrears(request: ImportRequest) -> Plan:
    check_data_date(request)
    fixed = scope_complex(request)
    check_may_import(request, [Category.ARREARS])
    result = ImportResult(sha256=sha256(request.data))
    plan = Plan(request, result, Category.ARREARS, request.legal_basis or DEFAULT_LEGAL_BASIS, data_date(request),
                complex=fixed)
    table = read_table(request.data, required=COLUMNS, optional=("date",))
    result.problems.extend(table.problems)
    result.rows = len(table.rows)
    if result.problems:
        return plan
    problems = result.problems
    dated = "date" in table.columns
    seen: dict[str, int] = {}
    parsed = []
    for row in table.rows:
        before = len(problems)
        tenancy_id = text(row, "tenancy_id", problems, max_length=40)
        if tenancy_id is not None:
            once(row, "tenancy_id", tenancy_id, seen, problems, f"tenancy {tenancy_id!r}")
        values = {
            "amount": amount(row, "amount", problems),
            "months": integer(row, "months", problems, low=0, high=600),
            "last_reminder": past_date(row, "last_reminder", problems, required=False),
        }
        day = past_date(row, "date", problems, required=False) if dated else None
        if len(problems) == before:
            values["last_reminder"] = values["last_reminder"].isoformat() if values["last_reminder"] else None
            parsed.append((row.line, tenancy_id, values, day or plan.received_on))
        elif tenancy_id is not None:
            parsed.append((row.line, tenancy_id, None, None))  # still named if the tenancy is unknown

    tenancies = Tenancy.objects.all()
    if fixed is not None:
        tenancies = tenancies.filter(unit__complex=fixed)
    known = {tid: rest for tid, *rest in values_in(tenancies, "tenancy_id", seen, "tenancy_id", "pk", "household_id",
                                                   "unit__complex_id")}
    good = []
    for line, tenancy_id, values, day in parsed:
        if tenancy_id not in known:
            where = " in this complex" if fixed else ""
            problems.append(Problem(line, "tenancy_id", f"unknown tenancy {tenancy_id!r}{where}"))
        elif values is not None:
            good.append((line, tenancy_id, values, day))
    if problems:
        return plan
    complexes = {known[g[1]][2] for g in good} or ({fixed.pk} if fixed else set())
    if fixed is None and len(complexes) == 1:
        plan.complex = Complex.objects.get(pk=next(iter(complexes)))
    plan.source = source_partner(request, Complex.objects.select_related("corporation").filter(pk__in=complexes))
    stored = {a.tenancy_id: a for a in Arrears.objects.filter(
        source_partner=plan.source, tenancy_id__in=[known[g[1]][0] for g in good])}
    creates, updates = [], []
    for line, tenancy_id, values, day in good:
        tenancy_pk, household_id, _complex = known[tenancy_id]
        old = stored.get(tenancy_pk)
        if old is None:
            creates.append((tenancy_pk, household_id, values, day))
            count(result, line, tenancy_id, None)
            continue
        changed = [name for name, value in values.items() if getattr(old, name) != value]
        if dated and old.received_on != day:
            changed.append("received_on")
        if changed:
            updates.append((old, values, day))
        count(result, line, tenancy_id, changed)
    plan.extra = {"creates": creates, "updates": updates}
    if request.dry_run and stored:
        # comparing with the stored figures is a read of arrears, even if only field names are shown
        audit.record(request.by, "read", category=Category.ARREARS, object_type="exploring.arrears",
                     object_id=f"preview:{result.sha256[:16]}", purpose="import preview",
                     detail={"kind": request.kind, "sha256": result.sha256, "compared": len(stored)})
    return plan


@transaction.atomic
def write_arrears(plan: Plan) -> None:
    run = record_run(plan)
    fresh = []
    for tenancy_pk, household_id, values, day in plan.extra["creates"]:
        arrears = Arrears(tenancy_id=tenancy_pk, household_id=household_id, **values)
        stamp(arrears, plan, run)
        arrears.received_on = day
        fresh.append(arrears)
    Arrears.objects.bulk_create(fresh, batch_size=500)
    now, changed = timezone.now(), []
    for arrears, values, day in plan.extra["updates"]:
        for name, value in values.items():
            setattr(arrears, name, value)
        stamp(arrears, plan, run)
        arrears.received_on, arrears.version, arrears.updated_at = day, arrears.version + 1, now
        changed.append(arrears)
    Arrears.objects.bulk_update(changed, ["amount", "months", "last_reminder", "source_partner", "received_on",
                                          "legal_basis", "import_run", "version", "updated_at"], batch_size=500)
