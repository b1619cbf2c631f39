"""Works counts for roles at `agg`: starts per stairwell per four-week period of the
complex's current plan (suppressed by the caller, like every aggregate)."""

import datetime as dt

from django.db.models import Count
from django.utils.translation import gettext as _

from voordeur.places.models import Unit
from voordeur.works.doors import PERIOD_DAYS, PERIODS
from voordeur.works.models import PlannedUnit, PlanVersion
from voordeur.works.weeks import monday


def works_columns() -> list[tuple[str, str]]:
    return [*((f"period:{i}", _("week %(a)s-%(b)s") % {"a": 4 * i + 1, "b": 4 * i + 4}) for i in range(PERIODS)),
            ("period:later", _("later"))]


def count_works_starts(complex_id: int) -> dict[str, dict[str, int]]:
    codes = Unit.objects.filter(complex_id=complex_id).order_by("portiek__code").values_list("portiek__code", flat=True)
    counts: dict[str, dict[str, int]] = {code: {} for code in codes.distinct()}
    version = (PlanVersion.objects.filter(trajectory__complex_id=complex_id, status__in=PlanVersion.USABLE)
               .order_by("-created_at").first())
    if version is None:
        return counts
    first = monday(dt.date.fromisoformat(version.instance["start_date"]))
    rows = (PlannedUnit.objects.filter(plan_version=version).values("unit__portiek__code", "start_date")
            .annotate(n=Count("id")))
    for row in rows:
        period = (row["start_date"] - first).days // PERIOD_DAYS
        key = f"period:{period}" if period < PERIODS else "period:later"
        cell = counts.setdefault(row["unit__portiek__code"], {})
        cell[key] = cell.get(key, 0) + row["n"]
    return counts
