from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet
from voordeur.accounts import selectors
from voordeur.accounts.models import Partner, User


class PartnerSerializer(CategorizedSerializer):
    primary = Category.META

    class Meta:
        model = Partner
        fields = ["id", "slug", "name", "kind"]


class UserSerializer(CategorizedSerializer):
    primary = Category.ACCOUNTS
    trajectories = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "role", "partner", "is_active",
                  "trajectories", "last_login"]
        read_only_fields = fields

    def get_trajectories(self, user) -> list[int]:
        return sorted(m.trajectory_id for m in user.memberships.all())


class PartnerViewSet(CategorizedViewSet):
    primary_category = Category.META
    serializer_class = PartnerSerializer
    list_selector = staticmethod(selectors.partner_list)
    access_function = staticmethod(selectors.access_partner)


class UserViewSet(CategorizedViewSet):
    primary_category = Category.ACCOUNTS
    serializer_class = UserSerializer
    list_selector = staticmethod(selectors.user_list)
    access_function = staticmethod(selectors.access_user)
