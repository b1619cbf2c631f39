"""Aggregates a user may see: measures whose category allows counts, in scope, suppressed."""

from dataclasses import dataclass

from django.http import Http404

from voordeur.access.policy import SENSITIVE
from voordeur.access.scope import grant
from voordeur.aggregates.measures import MEASURES, Measure
from voordeur.aggregates.suppression import CountTable, suppress
from voordeur.audit import log as audit


@dataclass(frozen=True)
class Aggregate:
    measure: Measure
    columns: list[tuple[str, str]]
    table: CountTable


def measure_list(*, user) -> list[Measure]:
    return [m for m in MEASURES.values() if grant(user, m.category).counts]


def aggregate_for(*, user, trajectory, key: str, purpose: str) -> Aggregate:
    """One measure over the trajectory's complex. 404 for unknown or not-allowed measures."""
    measure = MEASURES.get(key)
    if measure is None or not grant(user, measure.category).counts:
        raise Http404
    columns = measure.columns()
    table = suppress(measure.count(trajectory.complex_id), [k for k, _label in columns])
    if measure.category in SENSITIVE:
        audit.record(user, "aggregate", category=measure.category, obj=trajectory, trajectory_id=trajectory.pk,
                     purpose=purpose, detail={"measure": key})
    return Aggregate(measure=measure, columns=columns, table=table)
