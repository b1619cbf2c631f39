"""Phase-1 partner data about households (registry: voordeur/privacy/registry.py).

Repairs are about units and common areas (places), not households: not registered.
"""

from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.exploring.models import Arrears, Caseload
from voordeur.privacy.registry import DELETE, after_date, after_phase_end, register
from voordeur.trajectories.models import Phase

SOURCE = {"source_partner__name": _("bronorganisatie"), "received_on": _("datum van de gegevens"),
          "legal_basis": _("grondslag")}

register(
    Arrears, category=Category.ARREARS, household="household",
    export=("tenancy__tenancy_id", "amount", "months", "last_reminder", *SOURCE),
    labels={"tenancy__tenancy_id": _("contractnummer"), **SOURCE},
    erase=DELETE, retention=after_date("received_on"),
)
register(
    Caseload, category=Category.REFERRALS, household="household",
    export=("partner__name", "active", *SOURCE),
    labels={"partner__name": _("ondersteunende organisatie"), **SOURCE},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
