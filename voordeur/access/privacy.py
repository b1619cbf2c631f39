"""Own-links (a household's open or recent referral or signal to an organisation) are
personal data too: they say which organisations help a household (registry: voordeur/privacy)."""

from django.utils.translation import gettext_lazy as _

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Category
from voordeur.privacy.registry import DELETE, after_phase_end, register
from voordeur.trajectories.models import Phase

register(
    HouseholdLink, category=Category.REFERRALS, household="household",
    export=("partner__name", "reason", "opened_at", "closed_at"),
    labels={"partner__name": _("organisatie"), "reason": _("aanleiding"), "opened_at": _("geopend op"),
            "closed_at": _("gesloten op")},
    title=_("koppelingen met organisaties"),
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
