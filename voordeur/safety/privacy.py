"""Restricted crime signals about a household (registry: voordeur/privacy/registry.py).

The period runs from closing: an open signal is never removed by the retention run.
"""

from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.privacy.registry import DELETE, after_date, register
from voordeur.safety.models import CrimeSignal, CrimeSignalEvent

register(
    CrimeSignal, category=Category.CRIME, household="household",
    export=("kind", "observed_on", "description", "status", "closed_at", "reported_by_partner__name",
            "to_partner__name"),
    labels={"reported_by_partner__name": _("gemeld door"), "to_partner__name": _("behandeld door")},
    erase=DELETE, retention=after_date("closed_at"),
)
register(
    CrimeSignalEvent, category=Category.CRIME, household="signal__household",
    export=("from_status", "to_status", "at", "partner__name"), labels={"partner__name": _("organisatie")},
    erase=DELETE, retention=after_date("signal__closed_at"),
)
