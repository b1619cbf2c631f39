"""`voordeur import caseload FILE [--complex SLUG] [--source ORG] [--date DATE]`: which
households a partner already supports (category `referrals`: only that fact and the partner).

Columns: `tenancy_id` or `unit_id` (at least one of the two columns; per row one value, and
when both are given they must agree), `partner` (the supporting organisation's slug) and
optionally `since` (a date) and `active` (ja/nee, yes/no, 1/0; empty = yes). A `unit_id`
means the household of the tenancy active at that unit on the date of the data (--date,
default today). One record per household and partner: a later file updates it. A role
that may only change its own organisation's records (own-write) can import only rows of
its own organisation. Default legal basis: "convenant sociaal renoveren".
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.accounts.models import Partner
from voordeur.exploring.models import Caseload
from voordeur.households.models import Tenancy
from voordeur.imports.common import (
    Plan, check_data_date, check_may_import, count, data_date, past_date, real_user, record_run, scope_complex,
    sha256, source_partner, stamp, text, values_in, yes_no,
)
from voordeur.imports.kinds import LEGAL_BASIS
from voordeur.imports.registry import ImportRequest, ImportResult
from voordeur.lib.bulk import without_gc
from voordeur.lib.csvio import FILE, Problem, read_table
from voordeur.places.models import Complex

DEFAULT_LEGAL_BASIS = LEGAL_BASIS["caseload"]


def import_caseload(request: ImportRequest) -> ImportResult:
    plan = plan_caseload(request)
    if plan.ok and not request.dry_run:
        write_caseload(plan)
    return plan.result


def _own_partner_only(request: ImportRequest) -> int | None:
    """The user's organisation when their role may change only its own referrals, else None."""
    user = real_user(request)
    if user is not None and grant(user, Category.REFERRALS).own_only:
        return user.partner_id or -1
    return None


@without_gc
def plan_caseload(request: ImportRequest) -> Plan:
    check_data_date(request)
    fixed = scope_complex(request)
    check_may_import(request, [Category.REFERRALS])
    result = ImportResult(sha256=sha256(request.data))
    plan = Plan(request, result, Category.REFERRALS, request.legal_basis or DEFAULT_LEGAL_BASIS, data_date(request),
                complex=fixed)
    table = read_table(request.data, required=("partner",), optional=("tenancy_id", "unit_id", "since", "active"))
    result.problems.extend(table.problems)
    if not table.problems and "tenancy_id" not in table.columns and "unit_id" not in table.columns:
        result.problems.append(Problem(1, FILE, "the file needs a tenancy_id or a unit_id column"))
    result.rows = len(table.rows)
    if result.problems:
        return plan
    problems = result.problems
    own_only = _own_partner_only(request)
    parsed = []
    for row in table.rows:
        before = len(problems)
        tenancy_id = text(row, "tenancy_id", problems, max_length=40, required=False)
        unit_id = text(row, "unit_id", problems, max_length=40, required=False)
        if not tenancy_id and not unit_id:
            problems.append(Problem(row.line, "tenancy_id", "a tenancy_id or a unit_id is required"))
        partner = row.required("partner", problems)
        values = {"since": past_date(row, "since", problems, required=False),
                  "active": yes_no(row, "active", problems, default=True)}
        if len(problems) == before:
            parsed.append((row.line, tenancy_id, unit_id, partner, values))

    partners = dict(Partner.objects.filter(slug__in={p[3] for p in parsed}).values_list("slug", "pk"))
    tenancies = Tenancy.objects.all() if fixed is None else Tenancy.objects.filter(unit__complex=fixed)
    by_tenancy = {tid: rest for tid, *rest in values_in(tenancies, "tenancy_id", {p[1] for p in parsed if p[1]},
                                                        "tenancy_id", "household_id", "unit__unit_id",
                                                        "unit__complex_id")}
    day = plan.received_on
    active = tenancies.filter(Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day)))
    by_unit = {uid: rest for uid, *rest in values_in(active, "unit__unit_id", {p[2] for p in parsed if p[2]},
                                                     "unit__unit_id", "household_id", "unit__complex_id")}
    where = " in this complex" if fixed else ""
    seen: dict[tuple[int, int], int] = {}
    good = []
    for line, tenancy_id, unit_id, partner_slug, values in parsed:
        household = complex_pk = None
        if tenancy_id:
            if tenancy_id not in by_tenancy:
                problems.append(Problem(line, "tenancy_id", f"unknown tenancy {tenancy_id!r}{where}"))
                continue
            household, tenancy_unit, complex_pk = by_tenancy[tenancy_id]
            if unit_id and unit_id != tenancy_unit:
                problems.append(Problem(line, "unit_id", f"tenancy {tenancy_id!r} is not at unit {unit_id!r}"))
                continue
        else:
            if unit_id not in by_unit:
                problems.append(Problem(line, "unit_id",
                                        f"no tenancy active on {day.isoformat()} at unit {unit_id!r}{where}"))
                continue
            household, complex_pk = by_unit[unit_id]
        partner = partners.get(partner_slug)
        if partner is None:
            problems.append(Problem(line, "partner", f"there is no organisation {partner_slug!r}"))
            continue
        if own_only is not None and partner != own_only:
            problems.append(Problem(line, "partner", "your role may import only your own organisation's caseload"))
            continue
        first = seen.setdefault((household, partner), line)
        if first != line:
            problems.append(Problem(line, "partner", f"the same household and organisation also on line {first}"))
            continue
        good.append((line, tenancy_id or unit_id, household, partner, complex_pk, values))
    if problems:
        return plan
    involved = {g[4] for g in good} or ({fixed.pk} if fixed else set())
    if fixed is None and len(involved) == 1:
        plan.complex = Complex.objects.get(pk=next(iter(involved)))
    plan.source = source_partner(request, Complex.objects.select_related("corporation").filter(pk__in=involved))
    stored = {(c.household_id, c.partner_id): c for c in Caseload.objects.filter(
        household_id__in=[g[2] for g in good])}
    creates, updates = [], []
    for line, key, household, partner, _complex, values in good:
        old = stored.get((household, partner))
        if old is None:
            creates.append((household, partner, values))
            count(result, line, key, None)
            continue
        changed = [name for name, value in values.items() if getattr(old, name) != value]
        if changed:
            updates.append((old, values))
        count(result, line, key, changed)
    plan.extra = {"creates": creates, "updates": updates}
    return plan


@transaction.atomic
def write_caseload(plan: Plan) -> None:
    run = record_run(plan)
    fresh = []
    for household, partner, values in plan.extra["creates"]:
        caseload = Caseload(household_id=household, partner_id=partner, **values)
        stamp(caseload, plan, run)
        fresh.append(caseload)
    Caseload.objects.bulk_create(fresh, batch_size=1000)
    now, changed = timezone.now(), []
    for caseload, values in plan.extra["updates"]:
        for name, value in values.items():
            setattr(caseload, name, value)
        stamp(caseload, plan, run)
        caseload.version, caseload.updated_at = caseload.version + 1, now
        changed.append(caseload)
    Caseload.objects.bulk_update(changed, ["since", "active", "source_partner", "received_on", "legal_basis",
                                           "import_run", "version", "updated_at"], batch_size=1000)
