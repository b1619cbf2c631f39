"""API: /api/v1/crime-signals/ — restricted crime signals (primary category `crime`).

Crime writers read the list and a record and change one with PATCH (status through the
workflow table, kind, date, description) with the version they read; a stale version is a
409. Every response holding crime data is audited as a read (CategorizedViewSet). Signals
are recorded on the web page (`/t/<slug>/signalen/`).
"""

from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, UpdatableMixin
from voordeur.safety import selectors, services
from voordeur.safety.models import CrimeSignal


class CrimeSignalSerializer(CategorizedSerializer):
    primary = Category.CRIME
    categories = {"unit": Category.PLACES, "address": Category.PLACES, "household": Category.CONTACT,
                  "reported_by_partner": Category.META, "reported_by_name": Category.META,
                  "to_partner": Category.META, "to_partner_name": Category.META}
    household_attr = "household_id"
    partner_attr = "reported_by_partner_id"
    address = serializers.CharField(source="unit.address", read_only=True)
    reported_by_name = serializers.CharField(source="reported_by_partner.name", read_only=True)
    to_partner_name = serializers.CharField(source="to_partner.name", read_only=True)
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000,
                                        help_text="What was observed (encrypted at rest).")

    class Meta:
        model = CrimeSignal
        fields = ["id", "unit", "address", "household", "reported_by_partner", "reported_by_name", "to_partner",
                  "to_partner_name", "status", "kind", "observed_on", "description", "closed_at", "version",
                  "created_at", "updated_at"]
        read_only_fields = ["unit", "household", "reported_by_partner", "to_partner", "closed_at", "version",
                            "created_at", "updated_at"]


class CrimeSignalViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.CRIME
    serializer_class = CrimeSignalSerializer
    list_selector = staticmethod(selectors.signal_list)
    access_function = staticmethod(selectors.access_signal)
    update_service = staticmethod(services.signal_update)
    update_kwarg = "signal"
    filterset_fields = ["unit", "household", "status", "kind"]
    http_method_names = ["get", "patch", "head", "options"]
