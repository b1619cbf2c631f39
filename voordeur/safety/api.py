"""API: /api/v1/crime-signals/ — restricted crime signals (primary category `crime`).

Crime writers read the list and a record, record a signal with POST (as on the page
`/t/<slug>/signalen/`: a unit, and with `about_household` the household living there) and
change one with PATCH (status through the workflow table, kind, date, description) with the
version they read; a stale version is a 409. Every response holding crime data is audited as
a read (CategorizedViewSet).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.accounts.models import Partner
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.inputs import CategorizedInput, ScopedReference
from voordeur.api.viewsets import CategorizedViewSet, CreatableMixin, UpdatableMixin
from voordeur.households.selectors import household_list
from voordeur.places.models import Unit
from voordeur.places.selectors import unit_list
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


class CrimeSignalCreateSerializer(CategorizedInput):
    """A signal about a unit, addressed to an organisation at the trajectory's table."""

    primary = Category.CRIME
    categories = {"unit": Category.PLACES, "to_partner": Category.META}
    unit = ScopedReference(queryset=Unit.objects.all(), selector=unit_list, unknown=_("Onbekende woning."))
    about_household = serializers.BooleanField(
        required=False, default=False, help_text="About the household living at the unit now (linked to the receiver).")
    to_partner = serializers.PrimaryKeyRelatedField(queryset=Partner.objects.all(),
                                                    help_text="The organisation at the table the signal goes to.")
    kind = serializers.ChoiceField(choices=CrimeSignal.Kind.choices)
    observed_on = serializers.DateField()
    description = serializers.CharField(max_length=4000, help_text="What was observed (encrypted at rest).")


def _create(*, by, unit, about_household: bool, **fields) -> CrimeSignal:
    """As the page: the household is the one living at the unit now, if the user may see it."""
    household = None
    if about_household:
        household = household_list(user=by, current_only=True).filter(unit=unit).first()
        if household is None:
            raise DjangoValidationError({"about_household": gettext_now("Hier woont geen huishouden dat u kunt zien.")})
    return services.signal_create(unit=unit, household=household, by=by, **fields)


@extend_schema_view(create=extend_schema(request=CrimeSignalCreateSerializer, responses={201: CrimeSignalSerializer}))
class CrimeSignalViewSet(CreatableMixin, UpdatableMixin, CategorizedViewSet):
    primary_category = Category.CRIME
    serializer_class = CrimeSignalSerializer
    create_serializer_class = CrimeSignalCreateSerializer
    create_service = staticmethod(_create)
    list_selector = staticmethod(selectors.signal_list)
    access_function = staticmethod(selectors.access_signal)
    update_service = staticmethod(services.signal_update)
    update_kwarg = "signal"
    filterset_fields = ["unit", "household", "status", "kind"]
    http_method_names = ["get", "post", "patch", "head", "options"]
