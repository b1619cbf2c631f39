from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, UpdatableMixin
from voordeur.places import selectors, services
from voordeur.places.models import Complex, Portiek, Unit


class ComplexSerializer(CategorizedSerializer):
    primary = Category.PLACES

    class Meta:
        model = Complex
        fields = ["id", "slug", "name", "city", "neighbourhood", "kind", "storeys", "built_year", "version",
                  "created_at", "updated_at"]
        read_only_fields = ["slug", "version", "created_at", "updated_at"]


class PortiekSerializer(CategorizedSerializer):
    primary = Category.PLACES
    unit_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Portiek
        fields = ["id", "complex", "code", "name", "unit_count"]
        read_only_fields = ["complex", "code"]


class UnitSerializer(CategorizedSerializer):
    primary = Category.PLACES
    occupied = serializers.BooleanField(read_only=True, help_text="A tenancy is active today.")
    portiek = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "complex", "portiek", "unit_id", "kind", "floor", "street", "number", "letter", "addition",
                  "postcode", "city", "bag_id", "occupied", "version", "created_at", "updated_at"]
        read_only_fields = ["complex", "unit_id", "version", "created_at", "updated_at"]


class ComplexViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.PLACES
    serializer_class = ComplexSerializer
    list_selector = staticmethod(selectors.complex_list)
    access_function = staticmethod(selectors.access_complex)
    update_service = staticmethod(services.complex_update)
    update_kwarg = "complex"
    http_method_names = ["get", "patch", "head", "options"]


class PortiekViewSet(CategorizedViewSet):
    primary_category = Category.PLACES
    serializer_class = PortiekSerializer
    list_selector = staticmethod(selectors.portiek_list)
    access_function = staticmethod(selectors.access_portiek)
    filterset_fields = ["complex"]


class UnitViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.PLACES
    serializer_class = UnitSerializer
    list_selector = staticmethod(selectors.unit_list)
    access_function = staticmethod(selectors.access_unit)
    update_service = staticmethod(services.unit_update)
    update_kwarg = "unit"
    filterset_fields = ["complex", "floor", "kind"]
    http_method_names = ["get", "patch", "head", "options"]
