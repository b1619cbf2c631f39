"""The consent campaign's REST API: proposals (create, PATCH with `version`), responses
(append-only: recorded, never changed or deleted) and a proposal's tally.

All three have primary category `consent`: roles at `agg` or `none` get 404 here (their
suppressed counts are at `/api/v1/trajectories/{id}/aggregates/consent/`).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from voordeur.access.policy import Category
from voordeur.access.scope import complex_ids
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, RecordSummaryView, UpdatableMixin, require_write
from voordeur.consent import selectors, services
from voordeur.consent.facts import proposal_tally
from voordeur.consent.models import Proposal
from voordeur.consent.models import Response as ConsentResponse
from voordeur.consent.tally import AGAINST, NO_RESPONSE

C = Category.CONSENT


class ProposalSerializer(CategorizedSerializer):
    primary = C  # the complex too: it is written with the proposal (a meta field would be read-only)

    class Meta:
        model = Proposal
        fields = ["id", "complex", "title", "sent_on", "response_deadline", "version", "created_at", "updated_at"]
        read_only_fields = ["version", "created_at", "updated_at"]
        extra_kwargs = {"complex": {"error_messages": {"does_not_exist": "Onbekend complex."}}}

    def validate_complex(self, complex):
        if self.instance is not None and complex.pk != self.instance.complex_id:
            raise serializers.ValidationError("Een voorstel hoort bij één complex; maak een nieuw voorstel.")
        if complex.pk not in complex_ids(self.context["request"].user):
            raise serializers.ValidationError("Onbekend complex.")  # out of scope: as if it did not exist
        return complex


class ConsentResponseSerializer(CategorizedSerializer):
    primary = C
    categories = {"unit_code": Category.PLACES}  # proposal and tenancy are written with the answer: consent
    tenancy_code = serializers.CharField(source="tenancy.tenancy_id", read_only=True,
                                         help_text="The corporation's tenancy id.")
    unit_code = serializers.CharField(source="tenancy.unit.unit_id", read_only=True,
                                      help_text="The corporation's unit id.")

    class Meta:
        model = ConsentResponse
        fields = ["id", "proposal", "tenancy", "tenancy_code", "unit_code", "answer", "responded_on", "channel",
                  "recorded_at"]
        read_only_fields = ["recorded_at"]
        extra_kwargs = {"proposal": {"error_messages": {"does_not_exist": "Onbekend voorstel."}},
                        "tenancy": {"error_messages": {"does_not_exist": "Onbekende huurovereenkomst."}}}

    def validate(self, attrs):
        # a proposal or tenancy the user may not see does not exist for them
        try:
            proposal = selectors.access_proposal(self.context["request"].user, attrs["proposal"].pk, write=True)
        except Http404:
            raise serializers.ValidationError({"proposal": "Onbekend voorstel."}) from None
        if attrs["tenancy"].unit.complex_id != proposal.complex_id:
            raise serializers.ValidationError({"tenancy": "Onbekende huurovereenkomst."})
        return {**attrs, "proposal": proposal}


class NotAgreedSerializer(serializers.Serializer):
    tenancy_id = serializers.CharField()
    unit_id = serializers.CharField()
    status = serializers.ChoiceField(choices=[AGAINST, NO_RESPONSE])

    @classmethod
    def category_of(cls, name: str) -> Category:
        return C


class TallySerializer(serializers.Serializer):
    """The `voordeur consent tally --json` document of interfaces.md, field for field."""

    proposal = serializers.IntegerField()
    complex = serializers.SlugField(help_text="The complex's slug.")
    dwellings = serializers.IntegerField()
    tenants = serializers.IntegerField()
    agreed = serializers.IntegerField()
    against = serializers.IntegerField()
    no_response = serializers.IntegerField()
    percent_agreed = serializers.FloatField(allow_null=True)
    threshold_percent = serializers.IntegerField()
    threshold_met = serializers.BooleanField()
    presumption_applies = serializers.BooleanField()
    response_deadline = serializers.DateField()
    counted_at = serializers.DateField()
    not_agreed = NotAgreedSerializer(many=True)

    @classmethod
    def category_of(cls, name: str) -> Category:
        return Category.META if name in ("proposal", "complex") else C


def _validation_error(error: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages)


class ProposalViewSet(mixins.CreateModelMixin, UpdatableMixin, CategorizedViewSet):
    primary_category = C
    serializer_class = ProposalSerializer
    list_selector = staticmethod(selectors.proposal_list)
    access_function = staticmethod(selectors.access_proposal)
    update_service = staticmethod(services.proposal_update)
    update_kwarg = "proposal"
    filterset_fields = ["complex"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        require_write(request.user, self.primary_category, model=Proposal)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            proposal = services.proposal_create(**serializer.validated_data, by=request.user)
        except DjangoValidationError as error:
            raise _validation_error(error) from None
        return Response(self.get_serializer(proposal).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        try:
            return super().partial_update(request, *args, **kwargs)
        except DjangoValidationError as error:
            raise _validation_error(error) from None


class ConsentResponseViewSet(mixins.CreateModelMixin, CategorizedViewSet):
    """Responses are an append-only history: a changed answer is a new response."""

    primary_category = C
    serializer_class = ConsentResponseSerializer
    list_selector = staticmethod(selectors.consent_response_list)
    access_function = staticmethod(selectors.access_response)
    filterset_fields = ["proposal", "tenancy", "answer"]
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        require_write(request.user, self.primary_category, model=ConsentResponse)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            response = services.response_record(
                proposal=data["proposal"], tenancy=data["tenancy"], answer=data["answer"],
                responded_on=data["responded_on"], channel=data.get("channel", ""), by=request.user,
            )
        except DjangoValidationError as error:
            raise _validation_error(error) from None
        created = selectors.access_response(request.user, response.pk)
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)


def _tally_document(proposal: Proposal) -> dict:
    return proposal_tally(proposal).as_json()


class ProposalTallyView(RecordSummaryView):
    """The proposal's 70% tally, exactly as `voordeur consent tally --json` prints it."""

    primary_category = C
    serializer_class = TallySerializer
    record_model = Proposal
    access_function = staticmethod(selectors.access_proposal)
    summary_function = staticmethod(_tally_document)
