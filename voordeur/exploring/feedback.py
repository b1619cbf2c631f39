"""The feedback report from welfare to the corporation: which themes residents raised in the
visits of a period, counted as households per theme per stairwell. Counts only — never a
summary or anything said; suppressed by the aggregate selector like every measure.

A visit without a household (nobody registered yet) counts its door as the household. One
household counts once per theme, however often it raised it; it can count for several themes.
"""

from voordeur.aggregates.period import Period
from voordeur.places.models import Unit
from voordeur.visits.models import Visit

Counts = dict[str, dict[str, int]]

THEMES = tuple(Visit.Theme.values)


def theme_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in Visit.Theme.choices]


def count_visit_themes(complex_id: int, period: Period) -> Counts:
    """Households per theme raised in the period's visits, per stairwell; two queries."""
    codes = (Unit.objects.filter(complex_id=complex_id).order_by("portiek__code")
             .values_list("portiek__code", flat=True).distinct())
    counts: Counts = {code: {} for code in codes}
    visits = Visit.objects.filter(unit__complex_id=complex_id, visited_on__lte=period.end)
    if period.start is not None:
        visits = visits.filter(visited_on__gte=period.start)
    seen: set[tuple[str, str, int, str]] = set()
    for portiek, household, unit, themes in visits.order_by().values_list(
            "unit__portiek__code", "household_id", "unit_id", "themes"):
        who = ("household", household) if household is not None else ("door", unit)
        for theme in themes if isinstance(themes, list) else ():
            if theme in THEMES:
                seen.add((portiek, *who, theme))
    for portiek, _kind, _who, theme in seen:
        counts[portiek][theme] = counts[portiek].get(theme, 0) + 1
    return counts
