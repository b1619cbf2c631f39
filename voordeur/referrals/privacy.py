"""Referrals and promises with their histories (registry: voordeur/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.privacy.registry import DELETE, after_phase_end, register
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.trajectories.models import Phase

EVENT = ("from_status", "to_status", "at", "partner__name", "note")
ORGANISATION = {"partner__name": _("organisatie")}

register(
    Referral, category=Category.REFERRALS, household="household",
    export=("created_at", "from_partner__name", "to_partner__name", "kind", "reason", "consent_given",
            "consent_scope", "shared_domains", "emergency_override", "override_reason", "status", "respond_by",
            "feedback"),
    labels={"created_at": _("doorverwezen op"), "from_partner__name": _("van organisatie"),
            "to_partner__name": _("naar organisatie")},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
register(
    ReferralEvent, category=Category.REFERRALS, household="referral__household", export=EVENT,
    labels=ORGANISATION, erase=DELETE,
    retention=after_phase_end(Phase.AFTERCARE, complex="referral__household__unit__complex"),
)
register(
    Promise, category=Category.PROMISES, household="household",
    export=("text", "made_on", "working_days", "due_date", "status", "kept_on", "owner_partner__name",
            "made_by_partner__name"),
    labels={"owner_partner__name": _("wie komt het na"), "made_by_partner__name": _("toegezegd door")},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
register(
    PromiseEvent, category=Category.PROMISES, household="promise__household", export=EVENT,
    labels=ORGANISATION, erase=DELETE,
    retention=after_phase_end(Phase.AFTERCARE, complex="promise__household__unit__complex"),
)
