from django.db import transaction
from rest_framework import mixins, serializers, status
from rest_framework.response import Response

from voordeur.access.policy import Category
from voordeur.accounts import selectors, services
from voordeur.accounts.models import Partner, User
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet, UpdatableMixin, require_write
from voordeur.trajectories.models import Trajectory


class PartnerSerializer(CategorizedSerializer):
    primary = Category.META

    class Meta:
        model = Partner
        fields = ["id", "slug", "name", "kind"]


class UserSerializer(CategorizedSerializer):
    primary = Category.ACCOUNTS
    owner_attr = "pk"
    trajectories = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Trajectory.objects.all(), required=False,
        help_text="Trajectories the user is a member of.",
    )

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "role", "partner", "is_active",
                  "trajectories", "last_login", "version"]
        read_only_fields = ["last_login", "version"]
        # One role in one organisation, always: a create must name both, an update may not blank them.
        extra_kwargs = {"role": {"required": True, "allow_blank": False},
                        "partner": {"required": True, "allow_null": False}}


class PartnerViewSet(mixins.CreateModelMixin, CategorizedViewSet):
    primary_category = Category.META
    serializer_class = PartnerSerializer
    list_selector = staticmethod(selectors.partner_list)
    access_function = staticmethod(selectors.access_partner)
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args, **kwargs):
        require_write(request.user, Category.ACCOUNTS, model=Partner)
        # Partner fields are `meta` (readable by all, writable by none), so the user-bound
        # serializer makes them read-only; creating needs `accounts` write, checked above.
        serializer = PartnerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        partner = services.partner_create(by=request.user, **serializer.validated_data)
        return Response(self.get_serializer(partner).data, status=status.HTTP_201_CREATED)


class UserViewSet(mixins.CreateModelMixin, UpdatableMixin, CategorizedViewSet):
    primary_category = Category.ACCOUNTS
    serializer_class = UserSerializer
    list_selector = staticmethod(selectors.user_list)
    access_function = staticmethod(selectors.access_user)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def create(self, request, *args, **kwargs):
        require_write(request.user, Category.ACCOUNTS, model=User)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        trajectories = data.pop("trajectories", [])
        data.pop("is_active", None)
        user = services.user_create(by=request.user, trajectory_ids=[t.pk for t in trajectories], **data)
        return Response(self.get_serializer(selectors.access_user(request.user, user.pk)).data,
                        status=status.HTTP_201_CREATED)

    @staticmethod
    @transaction.atomic
    def update_service(*, user, by, changes, expected_version):
        trajectories = changes.pop("trajectories", None)
        user = services.user_update(user=user, by=by, changes=changes, expected_version=expected_version)
        if trajectories is not None:
            wanted = {t.pk for t in trajectories}
            current = set(user.memberships.values_list("trajectory_id", flat=True))
            for trajectory_id in wanted - current:
                services.membership_add(by=by, user=user, trajectory_id=trajectory_id)
            for trajectory_id in current - wanted:
                services.membership_remove(by=by, user=user, trajectory_id=trajectory_id)
        return user

    update_kwarg = "user"
