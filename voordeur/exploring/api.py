"""API of partner data: arrears (read, audited: a sensitive category), repairs (read; status
updates with a version) and caseload (read)."""

from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, UpdatableMixin
from voordeur.exploring import selectors, services
from voordeur.exploring.models import Arrears, Caseload, Repair

PROVENANCE = {"source_partner": Category.META, "received_on": Category.META, "legal_basis": Category.META}
PROVENANCE_FIELDS = ["source_partner", "received_on", "legal_basis"]


class ArrearsSerializer(CategorizedSerializer):
    primary = Category.ARREARS
    categories = {"tenancy": Category.HOUSEHOLD, "household": Category.CONTACT, **PROVENANCE}
    household_attr = "household_id"
    amount = serializers.CharField(read_only=True, help_text="Euros, two decimals, e.g. \"412.50\".")
    months = serializers.IntegerField(read_only=True)
    last_reminder = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Arrears
        fields = ["id", "tenancy", "household", "amount", "months", "last_reminder", *PROVENANCE_FIELDS, "version",
                  "created_at", "updated_at"]
        read_only_fields = fields


class RepairSerializer(CategorizedSerializer):
    primary = Category.REPAIRS
    categories = {"complex": Category.PLACES, "portiek": Category.PLACES, "unit": Category.PLACES, **PROVENANCE}
    portiek = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Repair
        fields = ["id", "complex", "portiek", "unit", "external_id", "kind", "reported_on", "status",
                  *PROVENANCE_FIELDS, "version", "created_at", "updated_at"]
        read_only_fields = [name for name in fields if name != "status"]


class CaseloadSerializer(CategorizedSerializer):
    primary = Category.REFERRALS
    categories = {"household": Category.CONTACT, **PROVENANCE}
    household_attr = "household_id"
    partner_attr = "partner_id"
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = Caseload
        fields = ["id", "household", "partner", "partner_name", "since", "active", *PROVENANCE_FIELDS, "version",
                  "created_at", "updated_at"]
        read_only_fields = fields


class ArrearsViewSet(CategorizedViewSet):
    primary_category = Category.ARREARS
    serializer_class = ArrearsSerializer
    list_selector = staticmethod(selectors.arrears_list)
    access_function = staticmethod(selectors.access_arrears)
    filterset_fields = ["household", "tenancy"]


class RepairViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.REPAIRS
    serializer_class = RepairSerializer
    list_selector = staticmethod(selectors.repair_list)
    access_function = staticmethod(selectors.access_repair)
    update_service = staticmethod(services.repair_update)
    update_kwarg = "repair"
    filterset_fields = ["complex", "unit", "status", "kind"]
    http_method_names = ["get", "patch", "head", "options"]


class CaseloadViewSet(CategorizedViewSet):
    primary_category = Category.REFERRALS
    serializer_class = CaseloadSerializer
    list_selector = staticmethod(selectors.caseload_list)
    access_function = staticmethod(selectors.access_caseload)
    filterset_fields = ["household", "partner", "active"]
