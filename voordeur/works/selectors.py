"""Reads of works data that depend on the user: scoped querysets and access functions."""

from django.db.models import QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant, scoped
from voordeur.works.models import PlannedUnit, PlanVersion, WorksNeeds, WorksSettings


def works_settings(*, user, trajectory) -> WorksSettings | None:
    if not grant(user, Category.WORKS).reads:
        return None
    return WorksSettings.objects.filter(trajectory=trajectory).first()


def plan_versions(*, user, trajectory) -> QuerySet[PlanVersion]:
    """A trajectory's plan versions (their summaries: counts and dates, no household data)."""
    if not grant(user, Category.WORKS).reads:
        return PlanVersion.objects.none()
    return (PlanVersion.objects.filter(trajectory=trajectory).select_related("started_by", "job")
            .order_by("-number"))


def current_plan(*, user, trajectory) -> PlanVersion | None:
    return plan_versions(user=user, trajectory=trajectory).filter(status__in=PlanVersion.USABLE).first()


def planned_unit_list(*, user) -> QuerySet[PlannedUnit]:
    qs = PlannedUnit.objects.select_related("unit__portiek", "guest_home", "plan_version")
    return scoped(qs, user, Category.WORKS, complex_path="plan_version__trajectory__complex_id",
                  household_path="household_id")


@audited_access(Category.WORKS)
def access_planned_unit(user, pk) -> PlannedUnit:
    return get_or_404(planned_unit_list(user=user), pk)


def plan_rows(*, user, version: PlanVersion) -> QuerySet[PlannedUnit]:
    """The version's units the user may see, in stairwell and floor order."""
    return (planned_unit_list(user=user).filter(plan_version=version)
            .order_by("unit__portiek__code", "-unit__floor", "unit__number", "unit__letter", "unit__addition"))


def works_needs_list(*, user, write: bool = False) -> QuerySet[WorksNeeds]:
    qs = WorksNeeds.objects.select_related("household__unit")
    return scoped(qs, user, Category.WORKS_NEEDS, complex_path="household__unit__complex_id",
                  household_path="household_id", write=write)


@audited_access(Category.WORKS_NEEDS)
def access_works_needs(user, pk, *, write: bool = False) -> WorksNeeds:
    return get_or_404(works_needs_list(user=user, write=write), pk)
