"""The walk list ("ronde"): the front doors of a trajectory per stairwell and floor, in
walking order, each with where it stands in the round and when to try it next."""

from dataclasses import dataclass

from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.households.selectors import household_list
from voordeur.places.models import Unit
from voordeur.places.selectors import unit_list
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.visits.models import Visit
from voordeur.visits.revisit import DoorStatus
from voordeur.visits.selectors import current_households, door_is_visible, door_statuses
from voordeur.web.doors.views import portieken
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.visits.forms import RoundFilterForm, floor_label


@dataclass(frozen=True)
class WalkDoor:
    unit: Unit
    name: str  # the household's name, "" when the user may not read its contact data
    occupied: bool
    shown: bool  # False: the user may not see this door's visits (own-levels)
    status: DoorStatus

    @property
    def last_outcome(self) -> str:
        return Visit.Outcome(self.status.last.outcome).label if self.status.last else ""

    @property
    def suggestion(self) -> str:
        return Visit.TimeOfDay(self.status.suggestion).label if self.status.suggestion else ""

    @property
    def tried(self) -> list[str]:
        return [Visit.TimeOfDay(time).label for time in self.status.tried_times]


@dataclass(frozen=True)
class WalkFloor:
    floor: int
    label: str
    doors: list[WalkDoor]


@dataclass(frozen=True)
class WalkPortiek:
    code: str
    label: str
    floors: list[WalkFloor]


def walk_groups(doors: list[WalkDoor], labels: dict[str, str]) -> list[WalkPortiek]:
    """Doors (already in walking order) grouped per portiek, then per floor."""
    groups: list[WalkPortiek] = []
    for door in doors:
        code = door.unit.portiek.code
        if not groups or groups[-1].code != code:
            groups.append(WalkPortiek(code, labels.get(code, code), []))
        floors = groups[-1].floors
        if not floors or floors[-1].floor != door.unit.floor:
            floors.append(WalkFloor(door.unit.floor, floor_label(door.unit.floor), []))
        floors[-1].doors.append(door)
    return groups


class RoundView(CategoryPage, TemplateView):
    primary_category = Category.VISITS
    template_name = "web/visits/round.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        complex_id = trajectory.complex_id
        choices = portieken(user, complex_id)
        units = list(unit_list(user=user).filter(complex_id=complex_id, kind=Unit.Kind.HOME)
                     .order_by("portiek__code", "floor", "number", "letter", "addition", "pk"))
        form = RoundFilterForm(self.request.GET or None, portieken=choices,
                               floors=sorted({unit.floor for unit in units}))
        form.is_valid()  # an invalid choice shows its error; the valid ones still filter
        query = getattr(form, "cleaned_data", {})
        if query.get("portiek"):
            units = [unit for unit in units if unit.portiek.code == query["portiek"]]
        if query.get("verdieping") is not None:
            units = [unit for unit in units if unit.floor == query["verdieping"]]
        filtered = bool(query.get("portiek")) or query.get("verdieping") is not None
        unit_ids = [unit.pk for unit in units] if filtered else None

        visible = {}  # unit id -> (name, best time) of households whose contact data the user may read
        if grant(user, Category.CONTACT).reads:
            rows = (household_list(user=user, current_only=True).filter(unit__complex_id=complex_id)
                    .order_by("unit_id", "pk").values_list("pk", "unit_id", "name", "best_time"))
            for household_id, unit_id, name, best_time in rows:
                if unit_id not in visible and field_visible(user, Category.CONTACT, household_id=household_id):
                    visible[unit_id] = (name, best_time)
        households = current_households(complex_id, unit_ids=unit_ids)
        statuses = door_statuses(user=user, complex_id=complex_id, unit_ids=[unit.pk for unit in units],
                                 households=households,
                                 preferred={unit_id: best for unit_id, (_name, best) in visible.items()})
        doors = []
        for unit in units:
            status = statuses[unit.pk]
            shown = door_is_visible(user, household_id=households.get(unit.pk), status=status)
            doors.append(WalkDoor(unit=unit, name=visible.get(unit.pk, ("", ""))[0], occupied=unit.occupied,
                                  shown=shown, status=status))
        return super().get_context_data(
            trajectory=trajectory,
            form=form,
            groups=walk_groups(doors, dict(choices)),
            door_count=len(doors),
            flagged=sum(1 for door in doors if door.shown and door.status.other_approach),
            may_record=grant(user, Category.VISITS).writes,
            **kwargs,
        )
