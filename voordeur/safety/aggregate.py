"""Open crime signals per stairwell, for the aggregate measure `crime-signals` (counts only)."""

from django.db.models import Count
from django.utils.translation import gettext as _

from voordeur.safety.models import CrimeSignal

OPEN_STATUSES = (CrimeSignal.Status.OPEN, CrimeSignal.Status.UNDER_INVESTIGATION)


def crime_columns() -> list[tuple[str, str]]:
    return [(CrimeSignal.Status.OPEN.value, _("open")),
            (CrimeSignal.Status.UNDER_INVESTIGATION.value, _("in onderzoek"))]


def count_open_signals(complex_id: int) -> dict[str, dict[str, int]]:
    from voordeur.places.models import Unit

    codes = (Unit.objects.filter(complex_id=complex_id).order_by("portiek__code")
             .values_list("portiek__code", flat=True).distinct())
    counts: dict[str, dict[str, int]] = {code: {} for code in codes}
    rows = (CrimeSignal.objects.filter(unit__complex_id=complex_id, status__in=OPEN_STATUSES)
            .values("unit__portiek__code", "status").annotate(n=Count("id")))
    for row in rows:
        counts.setdefault(row["unit__portiek__code"], {})[row["status"]] = row["n"]
    return counts
