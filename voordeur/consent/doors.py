"""The door grid's `consent` layer: each dwelling coloured by its tenant's standing in the
tally of the complex's newest sent proposal. Offered only to roles that read `consent`
(layers.py registers it under Category.CONSENT); others see suppressed counts instead."""

from django.utils.translation import gettext_lazy as _

from voordeur.consent.aggregate import newest_sent_proposal
from voordeur.consent.facts import inputs, proposal_tally
from voordeur.consent.tally import AGAINST, AGREED, NO_RESPONSE
from voordeur.places.models import Unit
from voordeur.web.doors.grid import NO_COLOUR, LegendEntry

LEGEND = (
    LegendEntry(AGREED, _("Akkoord"), "vd-c2", _("ja")),
    LegendEntry(AGAINST, _("Niet akkoord"), "vd-c3", _("nee")),
    LegendEntry(NO_RESPONSE, _("Geen reactie"), "vd-c5", "?"),
    LegendEntry("no_tenant", _("Geen huurder op de teldatum"), NO_COLOUR, "–"),
    LegendEntry("no_home", _("Geen woning"), NO_COLOUR, "·", hide_when_empty=True),
    LegendEntry("no_proposal", _("Nog geen verstuurd voorstel"), NO_COLOUR, "–", hide_when_empty=True),
)


def consent_layer(data):
    from voordeur.web.doors.layers import LayerValues

    proposal = newest_sent_proposal(data.complex_id)
    if proposal is None:
        return LayerValues(LEGEND, {door.unit_id: "no_proposal" for door in data.doors})
    facts = inputs(proposal)
    by_pk = {facts.unit_pks[unit_id]: status for unit_id, status in proposal_tally(proposal, facts=facts).statuses.items()}
    values = {}
    for door in data.doors:
        if door.kind != Unit.Kind.HOME:
            values[door.unit_id] = "no_home"
        else:
            values[door.unit_id] = by_pk.get(door.unit_id, "no_tenant")
    return LayerValues(LEGEND, values)
