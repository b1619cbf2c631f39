"""Reach of the door-to-door visits per stairwell: for every front door (home), what its visits
in a period came to. Raw counts for the `reach` measure; suppressed by the aggregate selector.

One status per door, from all its visits in the period, by a fixed precedence: talked beats
refused beats moved away beats not at home; a door only found not at home is split by the
number of tries; a door without a visit is "not yet". The statuses partition the doors, so a
row's total is its number of doors, and "visited" is the sum of every status but "not yet".
"""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from voordeur.aggregates.period import Period
from voordeur.places.models import Unit
from voordeur.visits.models import Visit

Counts = dict[str, dict[str, int]]

TALKED, REFUSED, MOVED_AWAY = "talked", "refused", "moved_away"
NOT_HOME_FEW, NOT_HOME_MANY, NOT_YET = "not_home_1_2", "not_home_3_plus", "not_yet"
MANY_TRIES = 3
STATUSES = (TALKED, NOT_HOME_FEW, NOT_HOME_MANY, REFUSED, MOVED_AWAY, NOT_YET)
VISITED = "visited"  # subtotal: every status but NOT_YET
VISITED_MEMBERS = tuple(s for s in STATUSES if s != NOT_YET)
_PRECEDENCE = ((Visit.Outcome.TALKED, TALKED), (Visit.Outcome.REFUSED, REFUSED),
               (Visit.Outcome.MOVED_AWAY, MOVED_AWAY))


def door_status(outcomes: Iterable[str]) -> str:
    """The status of one door from the outcomes of its visits (any order)."""
    outcomes = list(outcomes)
    for outcome, status in _PRECEDENCE:
        if outcome in outcomes:
            return status
    tries = sum(1 for outcome in outcomes if outcome == Visit.Outcome.NOT_HOME)
    if tries == 0:
        return NOT_YET
    return NOT_HOME_MANY if tries >= MANY_TRIES else NOT_HOME_FEW


def reach_columns(_complex_id: int | None = None) -> list[tuple[str, str]]:
    labels = {
        TALKED: _("gesproken"),
        NOT_HOME_FEW: _("alleen niet thuis (1-2 keer)"),
        NOT_HOME_MANY: _("alleen niet thuis (3 keer of vaker)"),
        REFUSED: _("wil geen gesprek"),
        MOVED_AWAY: _("verhuisd"),
        NOT_YET: _("nog niet bezocht"),
    }
    return [(status, labels[status]) for status in STATUSES]


def count_reach(complex_id: int, period: Period) -> Counts:
    """Doors (homes) per stairwell by status in the period; two queries."""
    homes = (Unit.objects.filter(complex_id=complex_id).order_by("portiek__code")
             .values_list("pk", "portiek__code", "kind"))
    counts: Counts = {}
    door_portiek = {}
    for pk, portiek, kind in homes:
        counts.setdefault(portiek, {})
        if kind == Unit.Kind.HOME:
            door_portiek[pk] = portiek
    visits = Visit.objects.filter(unit__complex_id=complex_id, unit__kind=Unit.Kind.HOME, visited_on__lte=period.end)
    if period.start is not None:
        visits = visits.filter(visited_on__gte=period.start)
    outcomes: dict[int, list[str]] = defaultdict(list)
    for unit_id, outcome in visits.order_by().values_list("unit_id", "outcome"):
        outcomes[unit_id].append(outcome)
    for unit_id, portiek in door_portiek.items():
        status = door_status(outcomes.get(unit_id, ()))
        counts[portiek][status] = counts[portiek].get(status, 0) + 1
    return counts
