from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, UpdatableMixin
from voordeur.works import selectors, services
from voordeur.works.models import PlannedUnit, WorksNeeds


class WorksNeedsSerializer(CategorizedSerializer):
    primary = Category.WORKS_NEEDS
    categories = {"household": Category.META}
    household_attr = "household_id"

    class Meta:
        model = WorksNeeds
        fields = ["id", "household", "needs_guest_home", "wants_guest_home", "priority", "home_during_day",
                  "unavailable", "version", "created_at", "updated_at"]
        read_only_fields = ["household", "version", "created_at", "updated_at"]


class PlannedUnitSerializer(CategorizedSerializer):
    primary = Category.WORKS
    categories = {"address": Category.PLACES, "portiek": Category.PLACES}
    household_attr = "household_id"
    address = serializers.CharField(source="unit.address", read_only=True)
    portiek = serializers.CharField(source="unit.portiek.code", read_only=True)
    unit_code = serializers.CharField(source="unit.unit_id", read_only=True)
    guest_home = serializers.CharField(source="guest_home.unit_id", read_only=True, default=None, allow_null=True)

    class Meta:
        model = PlannedUnit
        fields = ["id", "plan_version", "unit_code", "address", "portiek", "start_date", "end_date", "guest_home",
                  "guest_home_from", "guest_home_until", "promised", "moved"]
        read_only_fields = fields


class WorksNeedsViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.WORKS_NEEDS
    serializer_class = WorksNeedsSerializer
    list_selector = staticmethod(selectors.works_needs_list)
    access_function = staticmethod(selectors.access_works_needs)
    update_service = staticmethod(services.works_needs_update)
    update_kwarg = "needs"
    http_method_names = ["get", "patch", "head", "options"]


class PlannedUnitViewSet(CategorizedViewSet):
    primary_category = Category.WORKS
    serializer_class = PlannedUnitSerializer
    list_selector = staticmethod(selectors.planned_unit_list)
    access_function = staticmethod(selectors.access_planned_unit)
    filterset_fields = ["plan_version"]
