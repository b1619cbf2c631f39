"""Which rows are due for removal today, from the registry and the retention table.

A row is due when its own period has passed (voordeur/privacy/due.py does the arithmetic)
or when a row it belongs to is being deleted (a person whose household is due, a consent
response whose tenancy is due): deleting the parent would remove it anyway, so it is
counted and handled explicitly, never by an unseen cascade.
"""

import datetime as dt
from collections import defaultdict

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from voordeur.privacy.due import due_before, is_due, last_due_anchor, phase_anchor
from voordeur.privacy.periods import retention_periods
from voordeur.privacy.registry import (
    REGISTRY, AfterDate, AfterPhaseEnd, Blank, Delete, PersonalData, children_first, registrations, resolve_path,
)
from voordeur.privacy.selectors import Planned
from voordeur.trajectories.models import PhasePlan, Trajectory


def phase_anchors(phase: int) -> dict[int, dt.date | None]:
    """complex id -> the date a period running from the end of `phase` starts (or None)."""
    ends = dict(PhasePlan.objects.filter(phase=phase).values_list("trajectory_id", "actual_end"))
    per_complex: dict[int, list[dt.date | None]] = defaultdict(list)
    for trajectory_id, complex_id in Trajectory.objects.values_list("pk", "complex_id"):
        per_complex[complex_id].append(ends.get(trajectory_id))
    return {complex_id: phase_anchor(found) for complex_id, found in per_complex.items()}


class DueRows:
    """The due rows of every registered model on one day, with the periods in force."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.periods = retention_periods()
        self.tz = timezone.get_current_timezone()
        self._anchors: dict[int, dict[int, dt.date | None]] = {}
        self._due: dict[PersonalData, QuerySet] = {}

    def days(self, entry: PersonalData) -> int:
        return self.periods[entry.retention_key]

    def own_rule(self, entry: PersonalData) -> Q:
        runs_from, days = entry.retention, self.days(entry)
        if isinstance(runs_from, AfterDate):
            found = resolve_path(entry.model, runs_from.field)[0]
            if isinstance(found, models.DateTimeField):
                return Q(**{f"{runs_from.field}__lt": due_before(days, self.today, self.tz)})
            return Q(**{f"{runs_from.field}__lte": last_due_anchor(days, self.today)})
        if isinstance(runs_from, AfterPhaseEnd):
            if runs_from.phase not in self._anchors:
                self._anchors[runs_from.phase] = phase_anchors(runs_from.phase)
            due = [pk for pk, anchor in self._anchors[runs_from.phase].items() if is_due(anchor, days, self.today)]
            return Q(**{f"{runs_from.complex}__in": due})
        return Q(pk__in=[])

    def rows(self, entry: PersonalData) -> QuerySet:
        """Due by its own rule, or belonging to a due row that will be deleted."""
        if entry in self._due:
            return self._due[entry]
        self._due[entry] = entry.model._default_manager.none()  # a cycle of foreign keys ends here
        rule = self.own_rule(entry)
        for fk in entry.model._meta.concrete_fields:
            parent = REGISTRY.get(fk.related_model) if fk.many_to_one or fk.one_to_one else None
            if parent is None or parent is entry or not isinstance(parent.erase, Delete):
                continue
            cascades = fk.remote_field.on_delete is models.CASCADE
            nulled = fk.remote_field.on_delete is models.SET_NULL and isinstance(entry.erase, Blank) \
                and fk.name in entry.erase.fields
            if cascades or nulled:
                rule |= Q(**{f"{fk.name}__in": self.rows(parent).values("pk")})
        rows = entry.still_holding(entry.model._default_manager.filter(rule), None)
        self._due[entry] = rows
        return rows


def retention_plan(*, today: dt.date) -> list[Planned]:
    """Per registered model, the rows due on `today`, children before their parents."""
    due = DueRows(today)
    return [Planned(entry, sorted(due.rows(entry).values_list("pk", flat=True)))
            for entry in children_first(registrations()) if entry.retention is not None]


def period_of(entry: PersonalData) -> int:
    return retention_periods()[entry.retention_key]
