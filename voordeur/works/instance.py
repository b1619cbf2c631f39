"""The schedule instance of a trajectory, built from its data (schedule.md's JSON).

Homes of the complex (vacant ones too), the flags of each current household, the guest
homes (units of kind guest_home), the trajectory's works settings, the Dutch public holidays
and every start date already promised (as `fixed_start_date`).
"""

import datetime as dt

import holidays
from django.db.models import Q

from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.works.models import PromisedStart, WorksNeeds, WorksSettings

HOLIDAY_YEARS = 4  # the start year and the three after it


def public_holidays(start: dt.date, years: int = HOLIDAY_YEARS) -> list[dt.date]:
    found = holidays.Netherlands(years=range(start.year, start.year + years))
    return sorted(day for day in found if day >= start)


def _current_households(complex_id: int, day: dt.date) -> dict[int, int]:
    """unit pk -> household pk of the tenancy active on `day`."""
    rows = (Tenancy.objects.filter(unit__complex_id=complex_id, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
            .order_by("unit_id", "start_date").values_list("unit_id", "household_id"))
    return dict(rows)


def _unit_entry(unit: Unit, household_id: int | None, needs: WorksNeeds | None, fixed: dt.date | None) -> dict:
    # `household` is the app's own field (the solver ignores unknown keys): who lives there now.
    entry: dict = {"id": unit.unit_id, "household": household_id, "portiek": unit.portiek.code, "floor": unit.floor,
                   "riser": unit.riser or None, "occupied": household_id is not None}
    if needs is not None and household_id is not None:
        entry.update(needs_guest_home=needs.needs_guest_home, wants_guest_home=needs.wants_guest_home,
                     priority=needs.priority, home_during_day=needs.home_during_day,
                     unavailable=[list(period) for period in needs.unavailable])
    entry["fixed_start_date"] = fixed.isoformat() if fixed else None
    return entry


def build_instance(trajectory, *, on: dt.date | None = None) -> dict:
    """The instance with the households living there on `on` (default: today)."""
    settings = WorksSettings.objects.get(trajectory=trajectory)
    complex_id = trajectory.complex_id
    units = list(Unit.objects.filter(complex_id=complex_id).select_related("portiek")
                 .order_by("portiek__code", "floor", "number", "letter", "addition"))
    current = _current_households(complex_id, on or today())
    needs = {n.household_id: n for n in WorksNeeds.objects.filter(household_id__in=current.values())}
    promised = dict(PromisedStart.objects.filter(trajectory=trajectory).values_list("unit_id", "start_date"))
    homes = [u for u in units if u.kind == Unit.Kind.HOME]
    return {
        "complex": trajectory.complex.slug,
        "start_date": settings.start_date.isoformat(),
        "non_working_dates": [d.isoformat() for d in public_holidays(settings.start_date)],
        "work_days": settings.work_days,
        "max_units_in_work": settings.max_units_in_work,
        "max_starts_per_day": settings.max_starts_per_day,
        "riser_window_days": settings.riser_window_days,
        "guest_homes": [u.unit_id for u in units if u.kind == Unit.Kind.GUEST_HOME],
        "guest_home_buffer_days": settings.guest_home_buffer_days,
        "day_room_capacity": settings.day_room_capacity,
        "units": [_unit_entry(u, current.get(u.pk), needs.get(current.get(u.pk)), promised.get(u.pk)) for u in homes],
    }
