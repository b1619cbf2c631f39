"""Aggregate routes: /api/v1/trajectories/{id}/aggregates/{measure}/, one per measure.

Each route's counts carry the measure's own data category in the schema. Roles whose level
for it allows counts (agg, read, write) get the suppressed table; others get 404.

Period measures (visits, referrals) count over a period: `?from=YYYY-MM-DD&to=YYYY-MM-DD` (both inclusive; by
default the measure's own period). Measures with subtotals (e.g. reach's "visited") give them
per row and for the complex, suppressed like every cell.
"""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from voordeur.aggregates.measures import MEASURES, Measure
from voordeur.aggregates.period import Period
from voordeur.aggregates.selectors import aggregate_for
from voordeur.aggregates.suppression import TOTAL
from voordeur.lib.dates import today
from voordeur.trajectories.selectors import access_trajectory

PERIOD_PARAMETERS = [
    OpenApiParameter("from", dt.date, description="first day counted (inclusive); default: the measure's period"),
    OpenApiParameter("to", dt.date, description="last day counted (inclusive); default: today"),
]


def period_from(params) -> Period | None:
    """The period asked for in the query string, None when neither end is given; 400 if invalid."""
    raw = {name: params.get(name, "").strip() for name in ("from", "to")}
    if not any(raw.values()):
        return None
    try:
        days = {name: dt.date.fromisoformat(value) if value else None for name, value in raw.items()}
        return Period(start=days["from"], end=days["to"] or today())
    except ValueError as error:
        raise ValidationError({"period": [f"from and to are dates (YYYY-MM-DD), from not after to: {error}"]}) from None

def _serializer_for(measure: Measure) -> type[serializers.Serializer]:
    category = str(measure.category)
    has_period, has_groups = measure.period is not None, bool(measure.groups)

    class Row(serializers.Serializer):
        portiek = serializers.CharField(help_text="stairwell code (empty: complex-wide, e.g. common areas)")
        cells = serializers.DictField(child=serializers.JSONField(), help_text="column key -> count or \"<5\"")
        total = serializers.JSONField(help_text="count or \"<5\"")
        if has_groups:
            subtotals = serializers.DictField(child=serializers.JSONField(),
                                              help_text="subtotal key -> count, \"<5\" or \"x\"")

        @classmethod
        def category_of(cls, name: str) -> str:
            return "places" if name == "portiek" else category

    class Column(serializers.Serializer):
        key = serializers.CharField()
        label = serializers.CharField()
        if has_groups:
            members = serializers.ListField(child=serializers.CharField(), required=False,
                                            help_text="for a subtotal: the columns it adds up")

        @classmethod
        def category_of(cls, name: str) -> str:
            return "meta"

    class PeriodBody(serializers.Serializer):
        start = serializers.DateField(allow_null=True, help_text="first day counted; null: since the beginning")
        end = serializers.DateField()

        @classmethod
        def category_of(cls, name: str) -> str:
            return "meta"

    class Body(serializers.Serializer):
        measure = serializers.CharField()
        label = serializers.CharField()
        category = serializers.CharField()
        counted = serializers.CharField()
        columns = Column(many=True)
        rows = Row(many=True)
        totals = serializers.DictField(child=serializers.JSONField())
        total = serializers.JSONField()
        overlapping = serializers.BooleanField(help_text="true: one household can count in several columns, "
                                                         "so totals add up mentions")
        if has_period:
            period = PeriodBody()
        if has_groups:
            subtotal_columns = Column(many=True)
            subtotals = serializers.DictField(child=serializers.JSONField())

        @classmethod
        def category_of(cls, name: str) -> str:
            return category if name in ("rows", "totals", "total", "subtotals") else "meta"

    Body.__name__ = f"Aggregate{measure.key.title().replace('_', '')}"
    Row.__name__ = f"{Body.__name__}Row"
    Column.__name__ = f"{Body.__name__}Column"
    PeriodBody.__name__ = f"{Body.__name__}Period"
    return Body


def _view_for(measure: Measure) -> type[APIView]:
    body = _serializer_for(measure)

    class AggregateView(APIView):
        primary_category = measure.category
        aggregate_measure = measure.key

        @extend_schema(responses=body, operation_id=f"trajectories_aggregate_{measure.key}",
                       parameters=PERIOD_PARAMETERS if measure.period is not None else None,
                       summary=f"{measure.key}: suppressed counts per stairwell")
        def get(self, request, pk: int):
            trajectory = access_trajectory(request.user, pk)
            period = period_from(request.query_params) if measure.period is not None else None
            result = aggregate_for(user=request.user, trajectory=trajectory, key=measure.key,
                                   purpose=f"API GET {request.path}", period=period)
            table = result.table
            groups = [key for key, _label, _members in measure.groups]
            rows = []
            for r in table.rows:
                row = {"portiek": r, "cells": {k: table.cell(r, k) for k, _l in result.columns},
                       "total": table.total(row=r)}
                if groups:
                    row["subtotals"] = {g: table.subtotal(r, g) for g in groups}
                rows.append(row)
            data = {
                "measure": measure.key,
                "label": str(measure.label),
                "category": str(measure.category),
                "counted": str(measure.counted),
                "columns": [{"key": k, "label": label} for k, label in result.columns],
                "rows": rows,
                "totals": {k: table.total(column=k) for k, _l in result.columns},
                "total": table.total(TOTAL, TOTAL),
                "overlapping": measure.overlapping,
            }
            if result.period is not None:
                data["period"] = {"start": result.period.start, "end": result.period.end}
            if groups:
                data["subtotal_columns"] = [{"key": g, "label": str(label), "members": list(members)}
                                            for g, label, members in measure.groups]
                data["subtotals"] = {g: table.subtotal(TOTAL, g) for g in groups}
            return Response(data)

    AggregateView.__name__ = f"{body.__name__}View"
    return AggregateView


AGGREGATE_VIEWS = {key: _view_for(measure) for key, measure in MEASURES.items()}
