from django.db.models import Prefetch, QuerySet
from django.http import Http404

from voordeur.access.denials import audited_access, record_denial
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant, trajectory_ids
from voordeur.trajectories.models import PhasePlan, Trajectory, TrajectoryPartner


def trajectory_list(*, user) -> QuerySet[Trajectory]:
    if not grant(user, Category.META).reads:
        return Trajectory.objects.none()
    return (
        Trajectory.objects.filter(pk__in=trajectory_ids(user))
        .select_related("complex")
        .prefetch_related(
            Prefetch("phase_plans", queryset=PhasePlan.objects.order_by("phase")),
            Prefetch("partners", queryset=TrajectoryPartner.objects.select_related("partner")),
        )
    )


@audited_access(Category.META)
def access_trajectory(user, pk, *, write: bool = False) -> Trajectory:
    # Trajectory names and phases are meta; changing them is the corporation's (places write).
    qs = trajectory_list(user=user)
    if write and not grant(user, Category.PLACES).writes:
        qs = qs.none()
    return get_or_404(qs, pk)


def access_trajectory_by_slug(user, slug: str) -> Trajectory:
    """A trajectory of the user's by its slug; 404 for missing and not-a-member alike (an
    existing one outside the user's trajectories is logged as a denial, like `audited_access`)."""
    try:
        return trajectory_list(user=user).get(slug=slug)
    except Trajectory.DoesNotExist:
        existing = Trajectory.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if existing is not None:
            record_denial(user, category=Category.META, object_type=Trajectory._meta.label_lower,
                          object_id=existing, write=False, reason="scope")
        raise Http404 from None
