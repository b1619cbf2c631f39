"""Door-to-door visits, life-domain talks and opportunities (registry: voordeur/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.privacy.registry import DELETE, after_phase_end, register
from voordeur.trajectories.models import Phase
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

AFTERCARE = after_phase_end(Phase.AFTERCARE, complex="unit__complex")

register(
    LifeDomainAssessment, category=Category.LIFE_DOMAINS, household="household",
    export=("visit__visited_on", "partner__name", "domains"),
    labels={"visit__visited_on": _("datum"), "partner__name": _("organisatie")},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
register(
    Visit, category=Category.VISITS, household="household",
    export=("visited_on", "time_of_day", "outcome", "summary", "themes", "partner__name"),
    labels={"partner__name": _("organisatie")},
    erase=DELETE, retention=AFTERCARE,
)
register(
    Opportunity, category=Category.OPPORTUNITIES, household="household",
    export=("title", "support_needed", "status", "partner__name", "created_at"),
    labels={"partner__name": _("organisatie"), "created_at": _("vastgelegd op")},
    erase=DELETE, retention=AFTERCARE,
)
