from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.viewsets import CategorizedViewSet
from voordeur.trajectories import selectors
from voordeur.trajectories.models import PhasePlan, Trajectory, TrajectoryPartner

M = Category.META


class PhasePlanSerializer(CategorizedSerializer):
    primary = M
    status = serializers.CharField(read_only=True)

    class Meta:
        model = PhasePlan
        fields = ["phase", "planned_start", "planned_end", "actual_start", "actual_end", "status"]


class TrajectoryPartnerSerializer(CategorizedSerializer):
    primary = M
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = TrajectoryPartner
        fields = ["partner", "partner_name", "agreement", "joined_on"]


class TrajectorySerializer(CategorizedSerializer):
    primary = M
    phases = PhasePlanSerializer(source="phase_plans", many=True, read_only=True)
    partners = TrajectoryPartnerSerializer(many=True, read_only=True)

    class Meta:
        model = Trajectory
        fields = ["id", "slug", "name", "complex", "current_phase", "phases", "partners", "version",
                  "created_at", "updated_at"]
        read_only_fields = fields


class TrajectoryViewSet(CategorizedViewSet):
    primary_category = M
    serializer_class = TrajectorySerializer
    list_selector = staticmethod(selectors.trajectory_list)
    access_function = staticmethod(selectors.access_trajectory)
