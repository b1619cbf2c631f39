"""Aggregate routes: /api/v1/trajectories/{id}/aggregates/{measure}/, one per measure.

Each route's counts carry the measure's own data category in the schema. Roles whose level
for it allows counts (agg, read, write) get the suppressed table; others get 404.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from voordeur.aggregates.measures import MEASURES, Measure
from voordeur.aggregates.selectors import aggregate_for
from voordeur.aggregates.suppression import TOTAL
from voordeur.trajectories.selectors import access_trajectory

def _serializer_for(measure: Measure) -> type[serializers.Serializer]:
    category = str(measure.category)

    class Row(serializers.Serializer):
        portiek = serializers.CharField()
        cells = serializers.DictField(child=serializers.JSONField(), help_text="column key -> count or \"<5\"")
        total = serializers.JSONField(help_text="count or \"<5\"")

        @classmethod
        def category_of(cls, name: str) -> str:
            return "places" if name == "portiek" else category

    class Column(serializers.Serializer):
        key = serializers.CharField()
        label = serializers.CharField()

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

        @classmethod
        def category_of(cls, name: str) -> str:
            return category if name in ("rows", "totals", "total") else "meta"

    Body.__name__ = f"Aggregate{measure.key.title().replace('_', '')}"
    Row.__name__ = f"{Body.__name__}Row"
    Column.__name__ = f"{Body.__name__}Column"
    return Body


def _view_for(measure: Measure) -> type[APIView]:
    body = _serializer_for(measure)

    class AggregateView(APIView):
        primary_category = measure.category
        aggregate_measure = measure.key

        @extend_schema(responses=body, operation_id=f"trajectories_aggregate_{measure.key}",
                       summary=f"{measure.key}: suppressed counts per stairwell")
        def get(self, request, pk: int):
            trajectory = access_trajectory(request.user, pk)
            result = aggregate_for(user=request.user, trajectory=trajectory, key=measure.key,
                                   purpose=f"API GET {request.path}")
            table = result.table
            return Response({
                "measure": measure.key,
                "label": str(measure.label),
                "category": str(measure.category),
                "counted": str(measure.counted),
                "columns": [{"key": k, "label": label} for k, label in result.columns],
                "rows": [
                    {"portiek": r, "cells": {k: table.cell(r, k) for k, _l in result.columns},
                     "total": table.total(row=r)}
                    for r in table.rows
                ],
                "totals": {k: table.total(column=k) for k, _l in result.columns},
                "total": table.total(TOTAL, TOTAL),
            })

    AggregateView.__name__ = f"{body.__name__}View"
    return AggregateView


AGGREGATE_VIEWS = {key: _view_for(measure) for key, measure in MEASURES.items()}
