"""The demo's works data: risers, the works settings and practical needs of some households.

Drawn from its own generator so the rest of the demo is unchanged. No solve happens here:
the renovation lead starts one from the works page.
"""

import datetime as dt
import random

from voordeur.places.models import Unit
from voordeur.works.models import WorksNeeds, WorksSettings

START = dt.date(2027, 9, 6)


def build_works(rng: random.Random, trajectory, units, households) -> int:
    """Set risers (homes stacked at one door position, per three floors), settings and needs; the needs count."""
    homes = [u for u in units if u.kind == Unit.Kind.HOME]
    for unit in homes:
        door = unit.unit_id.rsplit("-", 1)[-1]
        unit.riser = f"{unit.portiek.code}-{door}-{unit.floor // 3}"
    Unit.objects.bulk_update(homes, ["riser"])
    WorksSettings.objects.create(trajectory=trajectory, start_date=START, work_days=20, max_units_in_work=12,
                                 max_starts_per_day=2, riser_window_days=5, guest_home_buffer_days=1,
                                 day_room_capacity=6)
    needs = []
    for household in households:
        needs_guest = rng.random() < 0.03
        wants_guest = not needs_guest and rng.random() < 0.15
        home = rng.random() < 0.40
        away = []
        if rng.random() < 0.04:
            first = START + dt.timedelta(days=rng.randrange(20, 200))
            away = [[first.isoformat(), (first + dt.timedelta(days=rng.randrange(7, 21))).isoformat()]]
        if needs_guest or wants_guest or home or away:
            needs.append(WorksNeeds(household=household, needs_guest_home=needs_guest, wants_guest_home=wants_guest,
                                    priority=rng.randint(1, 3) if wants_guest else 1, home_during_day=home,
                                    unavailable=away))
    WorksNeeds.objects.bulk_create(needs)
    return len(needs)
