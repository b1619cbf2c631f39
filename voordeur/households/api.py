from django.http import Http404
from django.utils import timezone
from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, CreatableMixin, UpdatableMixin
from voordeur.households import selectors, services
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy

H = Category.HOUSEHOLD


class HouseholdSerializer(CategorizedSerializer):
    primary = Category.CONTACT
    categories = {"unit": Category.PLACES, "address": Category.PLACES, "size": H, "notes": H}
    household_attr = "id"
    address = serializers.CharField(source="unit.address", read_only=True)
    size = serializers.IntegerField(read_only=True, help_text="Number of people in the household.")

    class Meta:
        model = Household
        fields = ["id", "unit", "address", "name", "phone", "email", "language", "interpreter_needed", "best_time",
                  "size", "notes", "version", "created_at", "updated_at"]
        read_only_fields = ["unit", "version", "created_at", "updated_at"]


class TenancySerializer(CategorizedSerializer):
    primary = H
    categories = {"unit": Category.PLACES, "household": Category.CONTACT}
    household_attr = "household_id"

    class Meta:
        model = Tenancy
        fields = ["id", "tenancy_id", "unit", "household", "start_date", "end_date", "version", "created_at"]
        read_only_fields = fields


class PersonSerializer(CategorizedSerializer):
    primary = H
    categories = {"name": Category.CONTACT, "phone": Category.CONTACT, "language": Category.CONTACT}
    household_attr = "household_id"

    class Meta:
        model = Person
        fields = ["id", "household", "name", "relation", "birth_year", "language", "phone", "version"]
        read_only_fields = ["household", "version"]


class ContactLogSerializer(CategorizedSerializer):
    primary = Category.CONTACTS_LOG
    household_attr = "household_id"
    partner_attr = "partner_id"
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = ContactLogEntry
        fields = ["id", "household", "partner", "partner_name", "contacted_at", "channel", "topic", "reached",
                  "created_at"]
        read_only_fields = ["partner", "created_at"]
        # a household the user may not see answers exactly like one that does not exist
        extra_kwargs = {"contacted_at": {"required": False},
                        "household": {"error_messages": {"does_not_exist": "Onbekend huishouden."}}}

    def validate_household(self, household: Household) -> Household:
        # The household must be one the user may see; otherwise it does not exist for them.
        try:
            return selectors.access_household(self.context["request"].user, household.pk)
        except Http404:
            raise serializers.ValidationError("Onbekend huishouden.") from None


class HouseholdViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = Category.CONTACT
    serializer_class = HouseholdSerializer
    list_selector = staticmethod(selectors.household_list)
    access_function = staticmethod(selectors.access_household)
    update_service = staticmethod(services.household_update)
    update_kwarg = "household"
    filterset_fields = ["unit", "language"]
    http_method_names = ["get", "patch", "head", "options"]


class TenancyViewSet(CategorizedViewSet):
    primary_category = H
    serializer_class = TenancySerializer
    list_selector = staticmethod(selectors.tenancy_list)
    access_function = staticmethod(selectors.access_tenancy)
    filterset_fields = ["unit", "household"]


class PersonViewSet(UpdatableMixin, CategorizedViewSet):
    primary_category = H
    serializer_class = PersonSerializer
    list_selector = staticmethod(selectors.person_list)
    access_function = staticmethod(selectors.access_person)
    update_service = staticmethod(services.person_update)
    update_kwarg = "person"
    filterset_fields = ["household"]
    http_method_names = ["get", "patch", "head", "options"]


def _contact_create(*, by, household, channel, topic, contacted_at=None, reached=True) -> ContactLogEntry:
    return services.contact_log_create(household=household, by=by, contacted_at=contacted_at or timezone.now(),
                                       channel=channel, topic=topic, reached=reached)


class ContactLogViewSet(CreatableMixin, CategorizedViewSet):
    primary_category = Category.CONTACTS_LOG
    serializer_class = create_serializer_class = ContactLogSerializer
    create_service = staticmethod(_contact_create)
    list_selector = staticmethod(selectors.contact_log_list)
    access_function = staticmethod(selectors.access_contact_entry)
    filterset_fields = ["household", "partner", "channel", "topic"]
    http_method_names = ["get", "post", "head", "options"]
