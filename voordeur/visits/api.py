"""The REST API of phase 2: visits, life-domain conversations and opportunities.

Visits are recorded with POST (`visit_record`, which also logs the approach in the shared
contact log); visits and opportunities can be corrected with PATCH and the version read
(stale: 409).
Life-domain conversations are read-only here (they are recorded on the visit pages): each
domain is a property of its own, so a receiving organisation gets only the properties of the
domains shared with it — the others are absent, not null.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.inputs import CategorizedInput, ChoiceList, ScopedReference
from voordeur.api.viewsets import CategorizedViewSet, CreatableMixin, UpdatableMixin
from voordeur.places.models import Unit
from voordeur.places.selectors import unit_list
from voordeur.visits import selectors, services
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

M = Category.META


class VisitSerializer(CategorizedSerializer):
    primary = Category.VISITS
    categories = {"unit": Category.PLACES, "address": Category.PLACES, "household": M, "partner": M,
                  "partner_name": M}
    household_attr = "household_id"
    partner_attr = "partner_id"
    address = serializers.CharField(source="unit.address", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)
    broker_name = serializers.SerializerMethodField(help_text="The visiting social broker's name.")
    themes = ChoiceList(choices=Visit.Theme.choices, required=False,
                                   help_text="What residents brought up (no content).")

    class Meta:
        model = Visit
        fields = ["id", "unit", "address", "household", "partner", "partner_name", "broker_name", "visited_on",
                  "time_of_day", "outcome", "summary", "themes", "version", "created_at", "updated_at"]
        read_only_fields = ["unit", "household", "partner", "version", "created_at", "updated_at"]

    def get_broker_name(self, visit: Visit) -> str:
        return visit.broker.get_full_name() or visit.broker.get_username() if visit.broker_id else ""


class VisitCreateSerializer(CategorizedInput):
    """A visit at a front door; the household living there is found by the service."""

    primary = Category.VISITS
    categories = {"unit": Category.PLACES}
    unit = ScopedReference(queryset=Unit.objects.all(), selector=unit_list, unknown=_("Onbekende woning."))
    visited_on = serializers.DateField()
    time_of_day = serializers.ChoiceField(choices=Visit.TimeOfDay.choices)
    outcome = serializers.ChoiceField(choices=Visit.Outcome.choices)
    summary = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    themes = ChoiceList(choices=Visit.Theme.choices, required=False,
                                   default=list, help_text="What residents brought up (no content).")


class DomainEntrySerializer(serializers.Serializer):
    """One life domain of a conversation: a score 1-5 (or none) and a note."""

    score = serializers.IntegerField(min_value=1, max_value=5, allow_null=True)
    note = serializers.CharField(allow_blank=True)

    @classmethod
    def category_of(cls, name: str) -> Category:
        return Category.LIFE_DOMAINS


@extend_schema_field(DomainEntrySerializer(allow_null=True))
class DomainField(serializers.Field):
    """One domain of the encrypted `domains` value (null: nothing recorded for it)."""

    def __init__(self, key: str, **kwargs) -> None:
        self.key = key
        kwargs["read_only"] = True
        kwargs.setdefault("source", "*")
        super().__init__(**kwargs)

    def to_representation(self, assessment: LifeDomainAssessment):
        value = (assessment.domains or {}).get(self.key)
        if not value:
            return None
        return {"score": value.get("score"), "note": value.get("note") or ""}


class LifeDomainAssessmentSerializer(CategorizedSerializer):
    """Own organisation: every domain. Receiving organisation: only the shared domains."""

    primary = Category.LIFE_DOMAINS
    categories = {"visit": M, "household": M, "partner": M, "partner_name": M}
    partner_attr = "partner_id"
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = LifeDomainAssessment
        fields = ["id", "visit", "household", "partner", "partner_name", *LIFE_DOMAINS, "version", "created_at",
                  "updated_at"]
        read_only_fields = fields

    def build_field(self, field_name, info, model_class, nested_depth):
        if field_name in LIFE_DOMAINS:
            return DomainField, {"key": field_name, "help_text": str(LIFE_DOMAINS[field_name])}
        return super().build_field(field_name, info, model_class, nested_depth)

    def to_representation(self, instance):
        # Not the base class's own-level rule (household links): life domains follow the
        # sharing rule, decided by the selectors for each conversation.
        data = serializers.ModelSerializer.to_representation(self, instance)
        user = self._user
        if user is None:
            return data
        shown = selectors.shown_domains(user, instance)
        for key in LIFE_DOMAINS:
            if key not in shown:
                data.pop(key, None)
        return data


class OpportunitySerializer(CategorizedSerializer):
    primary = Category.OPPORTUNITIES
    categories = {"unit": Category.PLACES, "address": Category.PLACES, "household": M, "visit": M, "partner": M,
                  "partner_name": M}
    household_attr = "household_id"
    partner_attr = "partner_id"
    address = serializers.CharField(source="unit.address", read_only=True)
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = Opportunity
        fields = ["id", "unit", "address", "household", "visit", "partner", "partner_name", "title", "support_needed",
                  "status", "version", "created_at", "updated_at"]
        read_only_fields = ["unit", "household", "visit", "partner", "version", "created_at", "updated_at"]


@extend_schema_view(create=extend_schema(request=VisitCreateSerializer, responses={201: VisitSerializer}))
class VisitViewSet(CreatableMixin, UpdatableMixin, CategorizedViewSet):
    primary_category = Category.VISITS
    serializer_class = VisitSerializer
    create_serializer_class = VisitCreateSerializer
    create_service = staticmethod(services.visit_record)
    list_selector = staticmethod(selectors.visit_list)
    access_function = staticmethod(selectors.access_visit)
    update_service = staticmethod(services.visit_update)
    update_kwarg = "visit"
    filterset_fields = ["unit", "household", "outcome", "partner"]
    http_method_names = ["get", "post", "patch", "head", "options"]


class LifeDomainAssessmentViewSet(CategorizedViewSet):
    primary_category = Category.LIFE_DOMAINS
    serializer_class = LifeDomainAssessmentSerializer
    list_selector = staticmethod(selectors.life_domain_assessment_list)
    access_function = staticmethod(selectors.access_life_domains)
    filterset_fields = ["household", "visit"]


class OpportunityViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.OPPORTUNITIES
    serializer_class = OpportunitySerializer
    list_selector = staticmethod(selectors.opportunity_list)
    access_function = staticmethod(selectors.access_opportunity)
    update_service = staticmethod(services.opportunity_update)
    update_kwarg = "opportunity"
    filterset_fields = ["unit", "household", "status"]
    http_method_names = ["get", "patch", "head", "options"]
