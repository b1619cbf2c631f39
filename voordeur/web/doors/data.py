"""What the door grid knows about one complex's doors, fetched per request through selectors.

Each fact is fetched at most once (cached properties), in a fixed number of queries however
many doors the complex has, and always scoped to the user by the selectors.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible
from voordeur.households.selectors import household_list, person_list, tenancy_list
from voordeur.lib.dates import today
from voordeur.places.selectors import unit_list
from voordeur.web.doors.grid import Door


@dataclass(frozen=True)
class VisibleHousehold:
    household_id: int
    language: str


class DoorData:
    """The doors of one complex (optionally one portiek) and per-category facts about them."""

    def __init__(self, *, user, complex_id: int, portiek: str = ""):
        self.user = user
        self.complex_id = complex_id
        self.portiek = portiek

    @cached_property
    def doors(self) -> list[Door]:
        units = unit_list(user=self.user).filter(complex_id=self.complex_id)
        if self.portiek:
            units = units.filter(portiek__code=self.portiek)
        rows = units.values_list(
            "pk", "floor", "number", "letter", "addition", "street", "portiek__code", "kind", "occupied"
        )
        return [Door(*row) for row in rows]

    @cached_property
    def households(self) -> dict[int, VisibleHousehold]:
        """unit id -> the current household there whose contact data the user may see (whole complex)."""
        rows = (
            household_list(user=self.user, current_only=True)
            .filter(unit__complex_id=self.complex_id)
            .order_by("unit_id", "pk")
            .values_list("pk", "unit_id", "language")
        )
        visible: dict[int, VisibleHousehold] = {}
        for household_id, unit_id, language in rows:
            if unit_id not in visible and field_visible(self.user, Category.CONTACT, household_id=household_id):
                visible[unit_id] = VisibleHousehold(household_id, language)
        return visible

    @cached_property
    def household_sizes(self) -> dict[int, int]:
        """unit id -> people in its current household, for households whose composition the user may see."""
        day = today()
        tenancies = (
            tenancy_list(user=self.user)
            .filter(unit__complex_id=self.complex_id, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        )
        people = dict(
            person_list(user=self.user)
            .filter(household_id__in=tenancies.values("household_id"))
            .order_by()
            .values_list("household_id")
            .annotate(n=Count("pk"))
        )
        sizes: dict[int, int] = {}
        for unit_id, household_id in tenancies.order_by("unit_id", "start_date").values_list("unit_id", "household_id"):
            if field_visible(self.user, Category.HOUSEHOLD, household_id=household_id):
                sizes[unit_id] = people.get(household_id, 0)
        return sizes
