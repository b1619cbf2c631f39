"""The door grid's phase-2 layers.

`reach` (category visits): where each home stands in the door-to-door round — talked, not
home (with the number of tries in a row), refused, moved away, not visited yet. Own-levels
see only their own doors; the rest says "Geen gegevens".
`opportunities` (category opportunities): homes with a resident initiative, by its status.
Both are registered in voordeur/web/doors/layers.py.
"""

from django.utils.translation import gettext_lazy as _

from voordeur.places.models import Unit
from voordeur.visits.models import Opportunity
from voordeur.visits.revisit import OTHER_APPROACH_AFTER, reach_value
from voordeur.visits.selectors import current_households, door_is_visible, door_statuses, opportunity_list
from voordeur.web.doors.grid import NO_COLOUR, LegendEntry

NO_HOME = LegendEntry("no_home", _("Geen woning"), NO_COLOUR, "·", hide_when_empty=True)
NOT_SHOWN = LegendEntry("no_data", _("Geen gegevens"), "vd-c9", "?", hide_when_empty=True)

REACH_LEGEND = (
    LegendEntry("talked", _("Gesproken"), "vd-c2", _("gespr.")),
    LegendEntry("not_home:1", _("1× niet thuis"), "vd-c4", "1×"),
    LegendEntry("not_home:2", _("2× niet thuis"), "vd-c5", "2×"),
    LegendEntry(f"not_home:{OTHER_APPROACH_AFTER}+", _("3× of vaker niet thuis: andere aanpak nodig"), "vd-c3",
                f"{OTHER_APPROACH_AFTER}×+"),
    LegendEntry("refused", _("Wil geen gesprek"), "vd-c7", _("nee")),
    LegendEntry("moved_away", _("Verhuisd"), "vd-c6", _("verh.")),
    LegendEntry("not_visited", _("Nog niet bezocht"), NO_COLOUR, "–"),
    NO_HOME,
    NOT_SHOWN,
)


def reach_layer(data):
    from voordeur.web.doors.layers import LayerValues

    homes = [door.unit_id for door in data.doors if door.kind == Unit.Kind.HOME]
    households = current_households(data.complex_id, unit_ids=homes)
    statuses = door_statuses(user=data.user, complex_id=data.complex_id, unit_ids=homes, households=households)
    values = {}
    for door in data.doors:
        if door.kind != Unit.Kind.HOME:
            values[door.unit_id] = NO_HOME.value
            continue
        status = statuses[door.unit_id]
        if door_is_visible(data.user, household_id=households.get(door.unit_id), status=status):
            values[door.unit_id] = reach_value(status)
        else:
            values[door.unit_id] = NOT_SHOWN.value
    return LayerValues(REACH_LEGEND, values)


# Which status a door shows when it has several opportunities: the liveliest one.
STATUS_ORDER = (Opportunity.Status.SUPPORTED, Opportunity.Status.IDEA, Opportunity.Status.REALISED,
                Opportunity.Status.DROPPED)
OPPORTUNITY_LEGEND = (
    LegendEntry("opportunity:supported", _("Kans, wordt ondersteund"), "vd-c2", _("steun")),
    LegendEntry("opportunity:idea", _("Kans, idee"), "vd-c1", _("idee")),
    LegendEntry("opportunity:realised", _("Kans gerealiseerd"), "vd-c0", _("klaar")),
    LegendEntry("opportunity:dropped", _("Kans gestopt"), "vd-c8", _("gest.")),
    LegendEntry("none", _("Geen kans vastgelegd"), NO_COLOUR, "–"),
    NO_HOME,
)


def opportunities_layer(data):
    from voordeur.web.doors.layers import LayerValues

    unit_ids = [door.unit_id for door in data.doors]
    best: dict[int, int] = {}
    rows = opportunity_list(user=data.user).filter(unit_id__in=unit_ids).order_by().values_list("unit_id", "status")
    for unit_id, status in rows:
        rank = STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)
        best[unit_id] = min(best.get(unit_id, rank), rank)
    values = {}
    for door in data.doors:
        if door.unit_id in best and best[door.unit_id] < len(STATUS_ORDER):
            values[door.unit_id] = f"opportunity:{STATUS_ORDER[best[door.unit_id]]}"
        else:
            values[door.unit_id] = "none" if door.kind == Unit.Kind.HOME else NO_HOME.value
    return LayerValues(OPPORTUNITY_LEGEND, values)
