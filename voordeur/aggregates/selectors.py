"""Aggregates a user may see: measures whose category allows counts, in scope, suppressed."""

from dataclasses import dataclass

from django.http import Http404

from voordeur.access.policy import SENSITIVE
from voordeur.access.scope import grant
from voordeur.aggregates.measures import MEASURES, Measure
from voordeur.aggregates.period import Period
from voordeur.aggregates.suppression import CountTable, suppress
from voordeur.audit import log as audit
from voordeur.lib.dates import today


@dataclass(frozen=True)
class Aggregate:
    measure: Measure
    columns: list[tuple[str, str]]
    table: CountTable
    period: Period | None = None  # the period counted over (period measures)


def may_count(user, measure: Measure) -> bool:
    return grant(user, measure.category).counts


def measure_list(*, user) -> list[Measure]:
    return [m for m in MEASURES.values() if may_count(user, m)]


def aggregate_for(*, user, trajectory, key: str, purpose: str, period: Period | None = None) -> Aggregate:
    """One measure over the trajectory's complex. 404 for unknown or not-allowed measures.

    Period measures count over `period` (default: the measure's own); others ignore it."""
    measure = MEASURES.get(key)
    if measure is None or not may_count(user, measure):
        raise Http404
    columns = measure.columns_of(trajectory.complex_id)
    if measure.period is None:
        period = None
    elif period is None:
        period = measure.period(today())
    groups = {group: members for group, _label, members in measure.groups}
    table = suppress(measure.tally(trajectory.complex_id, period), [k for k, _label in columns], groups=groups)
    if measure.category in SENSITIVE:
        detail = {"measure": key}
        if period is not None:
            detail.update(start=period.start.isoformat() if period.start else None, end=period.end.isoformat())
        audit.record(user, "aggregate", category=measure.category, obj=trajectory, trajectory_id=trajectory.pk,
                     purpose=purpose, detail=detail)
    return Aggregate(measure=measure, columns=columns, table=table, period=period)
