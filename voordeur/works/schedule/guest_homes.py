"""Give each chosen stay a concrete guest home.

The model only guarantees that no more stays overlap than there are guest homes. Stays
are intervals on a line, so taking them by first day and handing each a home that is
free by then always succeeds (interval graphs are perfect).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .instance import Instance
from .rules import stay_days


def assign_guest_homes(
    instance: Instance,
    start_days: Mapping[str, int],
    staying: Iterable[str],
    preferred: Mapping[str, str | None] | None = None,
) -> dict[str, str | None]:
    """Guest home per unit id (None for units without a stay).

    `preferred` (e.g. the previous plan) is honoured where that home is free.
    Raises ValueError if the stays need more homes than there are.
    """
    units = instance.unit_by_id()
    preferred = preferred or {}
    homes: dict[str, str | None] = {unit.id: None for unit in instance.units}
    free_from = {home: -(10**9) for home in instance.guest_homes}
    stays = sorted(
        (stay_days(instance, units[unit_id], start_days[unit_id]), unit_id)
        for unit_id in staying
    )
    for (first, last), unit_id in stays:
        free = [home for home in instance.guest_homes if free_from[home] <= first]
        if not free:
            raise ValueError(f"{unit_id}: no guest home free on day {first}")
        wish = preferred.get(unit_id)
        home = wish if wish in free else free[0]
        homes[unit_id] = home
        free_from[home] = last + 1
    return homes
