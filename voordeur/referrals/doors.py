"""The door grid's `promises` and `referrals` layers: each home coloured by its current
household's promises (one overdue / open / none) or referrals (open / only closed ones / none).

Offered only to roles that read the layer's category (layers.py registers them under
Category.PROMISES and Category.REFERRALS); the selectors keep own-levels to their own records,
so for them "none" means "none of yours". One query per layer, whatever the size of the flat.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.referrals.models import Promise
from voordeur.referrals.selectors import promise_list, referral_list
from voordeur.referrals.workflow import REFERRAL_OPEN
from voordeur.web.doors.grid import NO_COLOUR, LegendEntry

NO_HOME = LegendEntry("no_home", _("Geen woning"), NO_COLOUR, "·", hide_when_empty=True)

PROMISE_LEGEND = (
    LegendEntry("overdue", _("Toezegging over de termijn"), "vd-c3", "!"),
    LegendEntry("open", _("Open toezegging"), "vd-c5", _("open")),
    LegendEntry("none", _("Geen open toezegging"), NO_COLOUR, "–"),
    NO_HOME,
)
REFERRAL_LEGEND = (
    LegendEntry("open", _("Lopende doorverwijzing"), "vd-c5", _("loopt")),
    LegendEntry("closed", _("Alleen afgesloten doorverwijzingen"), "vd-c2", _("af")),
    LegendEntry("none", _("Geen doorverwijzing"), NO_COLOUR, "–"),
    NO_HOME,
)


def _current(prefix: str = "household__") -> Q:
    day = today()
    return Q(**{f"{prefix}tenancies__start_date__lte": day}) & (
        Q(**{f"{prefix}tenancies__end_date__isnull": True}) | Q(**{f"{prefix}tenancies__end_date__gte": day}))


def _values(data, ranked: dict[int, str]) -> dict[int, str]:
    return {door.unit_id: ranked.get(door.unit_id, "none") if door.kind == Unit.Kind.HOME else NO_HOME.value
            for door in data.doors}


def promises_layer(data):
    from voordeur.web.doors.layers import LayerValues

    rows = (promise_list(user=data.user)
            .filter(household__unit__complex_id=data.complex_id, status=Promise.Status.OPEN)
            .filter(_current()).order_by().values_list("household__unit_id", "due_date").distinct())
    day = today()
    ranked: dict[int, str] = {}
    for unit_id, due in rows:
        if due < day:
            ranked[unit_id] = "overdue"
        else:
            ranked.setdefault(unit_id, "open")
    return LayerValues(PROMISE_LEGEND, _values(data, ranked))


def referrals_layer(data):
    from voordeur.web.doors.layers import LayerValues

    rows = (referral_list(user=data.user)
            .filter(household__unit__complex_id=data.complex_id)
            .filter(_current()).order_by().values_list("household__unit_id", "status").distinct())
    ranked: dict[int, str] = {}
    for unit_id, status in rows:
        if status in REFERRAL_OPEN:
            ranked[unit_id] = "open"
        else:
            ranked.setdefault(unit_id, "closed")
    return LayerValues(REFERRAL_LEGEND, _values(data, ranked))
