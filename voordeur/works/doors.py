"""The door grid's `works` layer ("Startweek"): each home coloured by the four-week period
in which its works start in the complex's current plan. Offered only to roles that read
`works` (layers.py registers it under Category.WORKS); own-levels see only their own homes."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from voordeur.places.models import Unit
from voordeur.web.doors.grid import COLOURS, NO_COLOUR, LegendEntry
from voordeur.works.models import PlanVersion
from voordeur.works.selectors import planned_unit_list
from voordeur.works.weeks import monday

PERIOD_DAYS = 28
PERIODS = 8  # colours vd-c0..vd-c7; later starts share vd-c8

NO_PLAN = LegendEntry("no_plan", _("Nog geen planning"), NO_COLOUR, "–", hide_when_empty=True)
NO_HOME = LegendEntry("no_home", _("Geen woning"), NO_COLOUR, "·", hide_when_empty=True)
NOT_SHOWN = LegendEntry("no_data", _("Geen gegevens"), "vd-c9", "?", hide_when_empty=True)


def _legend(first: dt.date) -> tuple[LegendEntry, ...]:
    periods = tuple(
        LegendEntry(f"period:{i}", _("Start vanaf %(day)s") % {"day": date_format(first + dt.timedelta(days=PERIOD_DAYS * i), "j M Y")},
                    COLOURS[i], f"{(first + dt.timedelta(days=PERIOD_DAYS * i)).isocalendar().week}")
        for i in range(PERIODS)
    )
    later = LegendEntry("period:later", _("Start later"), COLOURS[PERIODS], "+", hide_when_empty=True)
    return (*periods, later, NO_PLAN, NO_HOME, NOT_SHOWN)


def works_layer(data):
    from voordeur.web.doors.layers import LayerValues

    version = (PlanVersion.objects.filter(trajectory__complex_id=data.complex_id, status__in=PlanVersion.USABLE)
               .order_by("-created_at").first())
    if version is None:
        return LayerValues((NO_PLAN, NO_HOME), {
            d.unit_id: NO_PLAN.value if d.kind == Unit.Kind.HOME else NO_HOME.value for d in data.doors})
    starts = dict(planned_unit_list(user=data.user).filter(plan_version=version).values_list("unit_id", "start_date"))
    first = monday(dt.date.fromisoformat(version.instance["start_date"]))
    values = {}
    for door in data.doors:
        if door.kind != Unit.Kind.HOME:
            values[door.unit_id] = NO_HOME.value
        elif door.unit_id not in starts:
            values[door.unit_id] = NOT_SHOWN.value
        else:
            period = (starts[door.unit_id] - first).days // PERIOD_DAYS
            values[door.unit_id] = f"period:{period}" if period < PERIODS else "period:later"
    return LayerValues(_legend(first), values)
