"""The consent campaign's personal data: each tenancy's responses, who is to reach it, the
written notices, and the printed letter batches (registry: voordeur/privacy/registry.py).

A letter batch names its tenancies in a JSON list and its PDF holds every household's
letter: it is found through that list, exported as a description (never the PDF, which is
about the neighbours too) and erased whole — it can be printed again without the household.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.consent.models import LetterBatch, OutreachAssignment, Response, ResultNotice
from voordeur.households.models import Household, Tenancy
from voordeur.privacy.periods import LETTER_BATCHES
from voordeur.privacy.registry import DELETE, after_date, after_phase_end, register
from voordeur.trajectories.models import Phase

PROPOSAL = {"proposal__title": _("renovatievoorstel")}


def letter_batches_of(household_ids: frozenset[int]) -> QuerySet[LetterBatch]:
    tenancies = set(Tenancy.objects.filter(household_id__in=household_ids).values_list("pk", flat=True))
    complexes = Household.objects.filter(pk__in=household_ids).values("unit__complex_id")
    candidates = LetterBatch.objects.filter(proposal__complex_id__in=complexes).values_list("pk", "tenancies")
    return LetterBatch.objects.filter(pk__in=[pk for pk, listed in candidates if tenancies.intersection(listed)])


register(
    Response, category=Category.CONSENT, household="tenancy__household",
    export=("proposal__title", "answer", "responded_on", "channel", "recorded_at"),
    labels={**PROPOSAL, "recorded_at": _("vastgelegd op")},
    erase=DELETE, retention=after_phase_end(Phase.RENOVATE, complex="tenancy__unit__complex"),
)
register(
    OutreachAssignment, category=Category.CONSENT, household="tenancy__household",
    export=("proposal__title", "assignee__partner__name", "assigned_at"),
    labels={**PROPOSAL, "assignee__partner__name": _("organisatie die u benadert"),
            "assigned_at": _("toegewezen op")},
    title=_("benadering voor het renovatievoorstel"),
    erase=DELETE, retention=after_phase_end(Phase.RENOVATE, complex="tenancy__unit__complex"),
)
register(
    ResultNotice, category=Category.CONSENT, household="tenancy__household",
    export=("proposal__title", "notified_on", "agreed"),
    labels=PROPOSAL, title=_("kennisgevingen van de uitslag"),
    erase=DELETE, retention=after_phase_end(Phase.RENOVATE, complex="tenancy__unit__complex"),
)
register(
    LetterBatch, category=Category.CONSENT, household=letter_batches_of,
    export=("proposal__title", "kind", "total", "pages", "created_at"),
    labels={**PROPOSAL, "kind": _("soort brief"), "total": _("aantal brieven"), "pages": _("pagina's"),
            "created_at": _("gemaakt op")},
    title=_("afgedrukte brieven over het renovatievoorstel"),
    erase=DELETE, retention=after_date("created_at"), retention_key=LETTER_BATCHES,
)
