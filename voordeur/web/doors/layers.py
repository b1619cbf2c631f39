"""Door-grid layers as data: what a door's colour means, and who may see it.

A layer shows exactly one data category. It is offered only to users who may read that
category; asking for any other layer answers 404. Later phases add layers (visits, promises,
consent, works) by calling `register` with a `Layer` whose `compute` uses `DoorData`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.consent.doors import consent_layer
from voordeur.places.models import Unit
from voordeur.visits.doors import opportunities_layer, reach_layer
from voordeur.referrals.doors import promises_layer, referrals_layer
from voordeur.web.doors.data import DoorData
from voordeur.web.doors.grid import COLOURS, NO_COLOUR, Door, LegendEntry
from voordeur.web.doors.languages import OTHER, UNKNOWN, language_group, language_name, top_languages
from voordeur.works.doors import works_layer


@dataclass(frozen=True)
class LayerValues:
    legend: tuple[LegendEntry, ...]
    values: dict[int, str]  # unit id -> legend value, for every door in DoorData.doors


@dataclass(frozen=True)
class Layer:
    key: str
    label: str | Promise
    category: Category
    compute: Callable[[DoorData], LayerValues]


LAYERS: dict[str, Layer] = {}
DEFAULT_LAYER = "occupancy"


def register(layer: Layer) -> Layer:
    if layer.key in LAYERS:
        raise ValueError(f"door-grid layer {layer.key!r} is registered twice")
    LAYERS[layer.key] = layer
    return layer


def layers_for(user) -> list[Layer]:
    """The layers this user may choose, in registration order."""
    return [layer for layer in LAYERS.values() if grant(user, layer.category).reads]


def layer_for(user, key: str) -> Layer:
    """The layer asked for, or 404 when it does not exist or the user may not see its category."""
    layer = LAYERS.get(key)
    if layer is None or not grant(user, layer.category).reads:
        raise Http404
    return layer


# Doors that have no value of their own in a household layer.
VACANT = LegendEntry("vacant", _("Leeg"), NO_COLOUR, "–")
NO_HOME = LegendEntry("no_home", _("Geen woning"), NO_COLOUR, "·", hide_when_empty=True)
NO_DATA = LegendEntry("no_data", _("Geen gegevens"), "vd-c9", "?", hide_when_empty=True)


def _household_value(door: Door, own: dict[int, str]) -> str:
    """A household layer's value for a door: its household's, or why there is none."""
    if door.unit_id in own:
        return own[door.unit_id]
    if door.occupied:
        return NO_DATA.value  # someone lives here whose data this user may not see (or it is missing)
    return VACANT.value if door.kind == Unit.Kind.HOME else NO_HOME.value


# --- occupancy (places) -------------------------------------------------------------------
OCCUPANCY_LEGEND = (
    LegendEntry("occupied", _("Bewoond"), "vd-c0", _("bew.")),
    LegendEntry("vacant", _("Leeg"), "vd-c1", _("leeg")),
    LegendEntry("guest_home", _("Logeerwoning"), "vd-c2", _("logeer")),
    LegendEntry("day_room", _("Dagverblijf"), "vd-c3", _("dag")),
    LegendEntry("other", _("Overig"), NO_COLOUR, _("ov."), hide_when_empty=True),
)


def occupancy_value(door: Door) -> str:
    if door.kind == Unit.Kind.HOME:
        return "occupied" if door.occupied else "vacant"
    return door.kind if door.kind in (Unit.Kind.GUEST_HOME, Unit.Kind.DAY_ROOM) else "other"


def occupancy(data: DoorData) -> LayerValues:
    return LayerValues(OCCUPANCY_LEGEND, {door.unit_id: occupancy_value(door) for door in data.doors})


# --- language (contact) ---------------------------------------------------------------------
TOP_LANGUAGES = 7  # colours vd-c0..vd-c6; overig vd-c7, onbekend vd-c8


def language_legend(top: list[str]) -> tuple[LegendEntry, ...]:
    named = tuple(
        LegendEntry(f"lang:{code}", language_name(code), COLOURS[i], code.upper()) for i, code in enumerate(top)
    )
    return named + (
        LegendEntry(f"lang:{OTHER}", _("Overig"), COLOURS[TOP_LANGUAGES], _("ov.")),
        LegendEntry(f"lang:{UNKNOWN}", _("Onbekend"), COLOURS[TOP_LANGUAGES + 1], "?"),
        VACANT,
        NO_HOME,
        NO_DATA,
    )


def language(data: DoorData) -> LayerValues:
    # The top languages are the complex's (not the portiek's), so colours stay put when filtering.
    top = top_languages((h.language for h in data.households.values()), limit=TOP_LANGUAGES)
    own = {unit_id: f"lang:{language_group(h.language, top)}" for unit_id, h in data.households.items()}
    return LayerValues(language_legend(top), {door.unit_id: _household_value(door, own) for door in data.doors})


# --- household size (household) -------------------------------------------------------------
SIZE_LEGEND = (
    LegendEntry("size:1", _("1 persoon"), "vd-c0", "1"),
    LegendEntry("size:2", _("2 personen"), "vd-c1", "2"),
    LegendEntry("size:3", _("3 personen"), "vd-c2", "3"),
    LegendEntry("size:4", _("4 personen"), "vd-c3", "4"),
    LegendEntry("size:5+", _("5 of meer personen"), "vd-c4", "5+"),
    LegendEntry("size:unknown", _("Samenstelling onbekend"), "vd-c8", "?", hide_when_empty=True),
    VACANT,
    NO_HOME,
    NO_DATA,
)


def size_value(people: int) -> str:
    if people <= 0:
        return "size:unknown"
    return f"size:{people}" if people < 5 else "size:5+"


def household_size(data: DoorData) -> LayerValues:
    own = {unit_id: size_value(people) for unit_id, people in data.household_sizes.items()}
    return LayerValues(SIZE_LEGEND, {door.unit_id: _household_value(door, own) for door in data.doors})


register(Layer("occupancy", _("Bewoning"), Category.PLACES, occupancy))
register(Layer("language", _("Taal"), Category.CONTACT, language))
register(Layer("size", _("Grootte huishouden"), Category.HOUSEHOLD, household_size))
register(Layer("consent", _("Instemming"), Category.CONSENT, consent_layer))
register(Layer("works", _("Startweek"), Category.WORKS, works_layer))
register(Layer("reach", _("Bereik huisbezoek"), Category.VISITS, reach_layer))
register(Layer("opportunities", _("Kansen"), Category.OPPORTUNITIES, opportunities_layer))
register(Layer("promises", _("Toezeggingen"), Category.PROMISES, promises_layer))
register(Layer("referrals", _("Doorverwijzingen"), Category.REFERRALS, referrals_layer))
