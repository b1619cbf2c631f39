"""The REST API of referrals and promises: lists and records, and status changes as POST actions.

`POST /referrals/` and `POST /promises/` make one through the same services as the pages
(consent or an emergency override with its reason, the household link, the working-day due
date, the history and the audit); the household must be one the user may see.
`POST /referrals/{id}/transition/` and `POST /promises/{id}/transition/` take
`{"status", "version", "note", ...}`; the workflow tables decide (400 for a change the table
does not allow, 403 for a party that may not make it, 409 for a stale version). Referrals have
primary category `referrals`, promises `promises`. A referral's `reason` is `life_domains`
and appears only for the sending organisation and, with the resident's consent, the receiving
one (`selectors.reason_visible`).
"""

from collections.abc import Callable

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.accounts.models import Partner
from voordeur.api.inputs import CategorizedInput, ChoiceList, ScopedReference
from voordeur.api.viewsets import CategorizedViewSet, CreatableMixin, require_write, run_service
from voordeur.households.models import Household
from voordeur.households.selectors import household_list
from voordeur.referrals import selectors, services
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import Visit
from voordeur.visits.selectors import visit_list


class _Of:
    """Serializers of one category throughout (histories, request bodies), for the schema tags."""

    category: Category

    @classmethod
    def category_of(cls, field_name: str) -> Category:
        return cls.category


class ReferralEventSerializer(_Of, serializers.ModelSerializer):
    category = Category.REFERRALS
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = ReferralEvent
        fields = ["from_status", "to_status", "at", "partner", "partner_name", "note"]
        read_only_fields = fields


class PromiseEventSerializer(_Of, serializers.ModelSerializer):
    category = Category.PROMISES
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = PromiseEvent
        fields = ["from_status", "to_status", "at", "partner", "partner_name", "note"]
        read_only_fields = fields


class ReferralSerializer(CategorizedSerializer):
    primary = Category.REFERRALS
    categories = {"reason": Category.LIFE_DOMAINS, "visit": Category.VISITS}
    household_attr = "household_id"
    partner_attr = "from_partner_id"
    reason = serializers.CharField(read_only=True, help_text="Why, in the resident's situation (life domains).")
    from_partner_name = serializers.CharField(source="from_partner.name", read_only=True)
    to_partner_name = serializers.CharField(source="to_partner.name", read_only=True)
    events = ReferralEventSerializer(many=True, read_only=True, help_text="The status history, oldest first.")

    class Meta:
        model = Referral
        fields = ["id", "household", "visit", "from_partner", "from_partner_name", "to_partner", "to_partner_name",
                  "kind", "reason", "consent_given", "consent_scope", "shared_domains", "emergency_override",
                  "override_reason", "status", "respond_by", "feedback", "closed_at", "events", "version",
                  "created_at", "updated_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self._user
        if user is not None and "reason" in data and not selectors.reason_visible(user, instance):
            del data["reason"]
        return data


class PromiseSerializer(CategorizedSerializer):
    primary = Category.PROMISES
    household_attr = "household_id"
    partner_attr = "owner_partner_id"
    owner_partner_name = serializers.CharField(source="owner_partner.name", read_only=True)
    made_by_partner_name = serializers.CharField(source="made_by_partner.name", read_only=True)
    events = PromiseEventSerializer(many=True, read_only=True, help_text="The status history, oldest first.")

    class Meta:
        model = Promise
        fields = ["id", "household", "referral", "owner_partner", "owner_partner_name", "made_by_partner",
                  "made_by_partner_name", "text", "made_on", "working_days", "due_date", "status", "kept_on",
                  "events", "version", "created_at", "updated_at"]
        read_only_fields = fields

    def to_representation(self, instance):
        user = self._user
        if user is not None and user.partner_id and user.partner_id == instance.made_by_partner_id:
            # The maker's own record as much as the owner's; the base class's per-record check
            # knows one partner field (the owner), so skip it here. Unreadable categories are
            # already gone (get_fields), and every field here is `promises` or `meta`.
            return serializers.ModelSerializer.to_representation(self, instance)
        return super().to_representation(instance)


class TransitionSerializer(_Of, serializers.Serializer):
    category = Category.PROMISES
    status = serializers.CharField(help_text="The status to move to.")
    version = serializers.IntegerField(help_text="The version you read; a stale one answers 409.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ReferralTransitionSerializer(TransitionSerializer):
    category = Category.REFERRALS
    feedback = serializers.CharField(required=False, allow_blank=True, default="",
                                     help_text="The report back to the sender; required to complete.")


class PromiseTransitionSerializer(TransitionSerializer):
    kept_on = serializers.DateField(required=False, allow_null=True, default=None,
                                    help_text="The day it was kept (default today).")


def _household() -> ScopedReference:
    return ScopedReference(queryset=Household.objects.all(), selector=household_list,
                           unknown=_("Onbekend huishouden."))


class ReferralCreateSerializer(CategorizedInput):
    """Consent (with what is shared with whom), or an emergency override with its reason."""

    primary = Category.REFERRALS
    categories = {"reason": Category.LIFE_DOMAINS, "visit": Category.VISITS}
    household = _household()
    visit = ScopedReference(queryset=Visit.objects.all(), selector=visit_list, unknown=_("Onbekend huisbezoek."),
                            required=False, allow_null=True, default=None)
    to_partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(),
                                                    help_text="The receiving organisation, at the trajectory's table.")
    kind = serializers.ChoiceField(choices=Referral.Kind.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                   help_text="Why, in the resident's situation; only for roles that write life domains.")
    consent_given = serializers.BooleanField()
    consent_scope = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    shared_domains = ChoiceList(choices=list(LIFE_DOMAINS), required=False,
                                           default=list, help_text="Life domains shared with the receiver (consent).")
    emergency_override = serializers.BooleanField(required=False, default=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    respond_days = serializers.IntegerField(required=False, default=services.DEFAULT_RESPOND_DAYS, min_value=1,
                                            max_value=services.MAX_WORKING_DAYS,
                                            help_text="Working days the receiver has to contact the resident.")


class PromiseCreateSerializer(CategorizedInput):
    """Due in `working_days` (Dutch holidays skipped) or on `due_date`: exactly one of them."""

    primary = Category.PROMISES
    categories = {"referral": Category.REFERRALS}
    household = _household()
    owner_partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(),
                                                       help_text="The organisation that keeps the promise.")
    text = serializers.CharField(max_length=300)
    working_days = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1,
                                            max_value=services.MAX_WORKING_DAYS)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    referral = ScopedReference(queryset=Referral.objects.all(), selector=selectors.referral_list,
                               unknown=_("Onbekende doorverwijzing."), required=False, allow_null=True, default=None)


class _TransitionMixin:
    # `POST {id}/transition/`: the status change through the workflow service, with the version
    # read. (A comment, not a docstring: drf-spectacular would describe every operation with it.)

    record_serializer: type
    transition_body: type
    transition_service: Callable
    transition_kwarg: str
    transition_extra: tuple[str, ...]  # further body fields the service takes as they are

    def _transition(self, request, pk):
        require_write(request.user, self.primary_category, model=type(self).serializer_class.Meta.model, pk=pk)
        record = type(self).access_function(request.user, pk, write=True)
        body = self.transition_body(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        run_service(lambda: type(self).transition_service(
            **{self.transition_kwarg: record}, to_status=data["status"], by=request.user,
            expected_version=data["version"], note=data["note"], **{key: data[key] for key in self.transition_extra}))
        fresh = type(self).list_selector(user=request.user).get(pk=record.pk)
        return Response(self.record_serializer(fresh, context=self.get_serializer_context()).data)


# the transition routes' path id (drf-spectacular cannot read it from a user-scoped queryset)
ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


@extend_schema_view(create=extend_schema(request=ReferralCreateSerializer, responses={201: ReferralSerializer}))
class ReferralViewSet(CreatableMixin, _TransitionMixin, CategorizedViewSet):
    primary_category = Category.REFERRALS
    serializer_class = record_serializer = ReferralSerializer
    create_serializer_class = ReferralCreateSerializer
    create_service = staticmethod(services.referral_create)
    transition_body = ReferralTransitionSerializer
    transition_service = staticmethod(services.referral_transition)
    transition_kwarg = "referral"
    transition_extra = ("feedback",)
    list_selector = staticmethod(lambda *, user: selectors.with_events(selectors.referral_list(user=user)))
    access_function = staticmethod(
        lambda user, pk, *, write=False: selectors.access_referral(user, pk, write=write))
    filterset_fields = ["household", "status", "to_partner", "from_partner", "kind"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=ReferralTransitionSerializer, responses=ReferralSerializer, parameters=[ID])
    @action(detail=True, methods=["post"], serializer_class=ReferralTransitionSerializer)
    def transition(self, request, pk=None):
        return self._transition(request, pk)


@extend_schema_view(create=extend_schema(request=PromiseCreateSerializer, responses={201: PromiseSerializer}))
class PromiseViewSet(CreatableMixin, _TransitionMixin, CategorizedViewSet):
    primary_category = Category.PROMISES
    serializer_class = record_serializer = PromiseSerializer
    create_serializer_class = PromiseCreateSerializer
    create_service = staticmethod(services.promise_create)
    transition_body = PromiseTransitionSerializer
    transition_service = staticmethod(services.promise_transition)
    transition_kwarg = "promise"
    transition_extra = ("kept_on",)
    list_selector = staticmethod(lambda *, user: selectors.promise_list(user=user).prefetch_related("events__partner"))
    access_function = staticmethod(lambda user, pk, *, write=False: selectors.access_promise(user, pk, write=write))
    filterset_fields = ["household", "status", "owner_partner", "made_by_partner", "referral"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(request=PromiseTransitionSerializer, responses=PromiseSerializer, parameters=[ID])
    @action(detail=True, methods=["post"], serializer_class=PromiseTransitionSerializer)
    def transition(self, request, pk=None):
        return self._transition(request, pk)
