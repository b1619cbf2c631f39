"""What the trajectory page shows: the six phases as steps, and the units by kind."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from voordeur.places.models import Unit
from voordeur.places.selectors import unit_list
from voordeur.trajectories.models import PHASE_PURPOSE, Phase, PhasePlan, Trajectory

NOT_PLANNED = _("Nog niet gepland")


@dataclass(frozen=True)
class PhaseStep:
    phase: Phase
    plan: PhasePlan | None
    is_current: bool

    @property
    def name(self) -> str:
        return self.phase.label

    @property
    def purpose(self) -> Promise:
        return PHASE_PURPOSE[self.phase]

    @property
    def status(self) -> str:
        return self.plan.status if self.plan else "unplanned"

    @property
    def status_label(self) -> Promise | str:
        return self.plan.status_label if self.plan else NOT_PLANNED


def phase_steps(trajectory: Trajectory) -> list[PhaseStep]:
    """All six phases in order, each with its plan (prefetched by the selector) if there is one."""
    plans = {plan.phase: plan for plan in trajectory.phase_plans.all()}
    return [PhaseStep(phase, plans.get(phase), phase == trajectory.current_phase) for phase in Phase]


@dataclass(frozen=True)
class UnitCounts:
    homes: int
    guest_homes: int
    day_rooms: int
    other: int
    homes_occupied: int

    @property
    def homes_vacant(self) -> int:
        return self.homes - self.homes_occupied


def unit_counts(user, trajectory: Trajectory) -> UnitCounts:
    """Units of the trajectory's complex by kind, and occupied homes, in one query."""
    kind = Unit.Kind
    totals = unit_list(user=user).filter(complex_id=trajectory.complex_id).aggregate(
        homes=Count("pk", filter=Q(kind=kind.HOME)),
        guest_homes=Count("pk", filter=Q(kind=kind.GUEST_HOME)),
        day_rooms=Count("pk", filter=Q(kind=kind.DAY_ROOM)),
        other=Count("pk", filter=Q(kind=kind.OTHER)),
        homes_occupied=Count("pk", filter=Q(kind=kind.HOME, occupied=True)),
    )
    return UnitCounts(**totals)
