"""The works data about households (registry: voordeur/privacy/registry.py).

The plan itself is about units (places) and stays; what ties it to a household is erased:
the household on planned units and promises, the household's needs flags, the stairwell
letter PDFs with its letter, and the copy of its flags inside each plan version's solver
instance (a JSON snapshot: scrubbed entry by entry).
"""

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.households.models import Household
from voordeur.privacy.periods import LETTER_BATCHES
from voordeur.privacy.registry import DELETE, Blank, Scrub, after_date, after_phase_end, register
from voordeur.trajectories.models import Phase
from voordeur.works.models import LetterBatch, PlannedUnit, PlanVersion, PromisedStart, WorksNeeds

NEEDS_KEYS = ("needs_guest_home", "wants_guest_home", "priority", "home_during_day", "unavailable")


def _about(entry: dict, household_ids: frozenset[int] | None) -> bool:
    household = entry.get("household")
    return household is not None and (household_ids is None or household in household_ids)


def _holding(rows: QuerySet[PlanVersion], household_ids: frozenset[int] | None) -> list[int]:
    return [pk for pk, instance in rows.values_list("pk", "instance")
            if any(_about(entry, household_ids) for entry in (instance or {}).get("units", []))]


def plan_versions_of(household_ids: frozenset[int]) -> QuerySet[PlanVersion]:
    complexes = Household.objects.filter(pk__in=household_ids).values("unit__complex_id")
    candidates = PlanVersion.objects.filter(trajectory__complex_id__in=complexes)
    return PlanVersion.objects.filter(pk__in=_holding(candidates, household_ids))


def plan_versions_pending(rows: QuerySet[PlanVersion], household_ids: frozenset[int] | None) -> QuerySet:
    return PlanVersion.objects.filter(pk__in=_holding(rows, household_ids))


@transaction.atomic
def plan_versions_scrub(rows: QuerySet[PlanVersion], household_ids: frozenset[int] | None) -> int:
    """Remove the household and its flags from each unit entry of the versions' instances; the
    unit stays as if vacant, so the version still reads as a valid (historic) instance."""
    changed = 0
    for version in PlanVersion.objects.select_for_update().filter(pk__in=rows.values("pk")).only("pk", "instance"):
        touched = False
        for entry in version.instance.get("units", []):
            if _about(entry, household_ids):
                entry["household"] = None
                for key in NEEDS_KEYS:
                    entry.pop(key, None)
                touched = True
        if touched:
            version.save(update_fields=["instance"])
            changed += 1
    return changed


def plan_versions_export(rows: QuerySet[PlanVersion], household_ids: frozenset[int]) -> list[dict]:
    found = []
    for number, created_at, instance in rows.order_by("trajectory_id", "number").values_list(
            "number", "created_at", "instance"):
        for entry in (instance or {}).get("units", []):
            if _about(entry, household_ids):
                found.append({"number": number, "created_at": created_at, "unit": entry.get("id"),
                              **{key: entry[key] for key in NEEDS_KEYS if key in entry}})
    return found


def letter_batches_of(household_ids: frozenset[int]) -> QuerySet[LetterBatch]:
    """Stairwell batches of plan versions that give one of these households a letter."""
    return LetterBatch.objects.filter(
        pk__in=LetterBatch.objects.filter(plan_version__units__household_id__in=household_ids,
                                          plan_version__units__unit__portiek__code=F("portiek")).values("pk"))


register(
    WorksNeeds, category=Category.WORKS_NEEDS, household="household",
    export=("needs_guest_home", "wants_guest_home", "priority", "home_during_day", "unavailable", "updated_at"),
    labels={"updated_at": _("laatst gewijzigd op")},
    erase=DELETE, retention=after_phase_end(Phase.RENOVATE, complex="household__unit__complex"),
)
register(
    PlanVersion, category=Category.WORKS_NEEDS, household=plan_versions_of, export=plan_versions_export,
    labels={"number": _("planversie"), "created_at": _("gemaakt op"), "unit": _("eenheid"),
            "needs_guest_home": _("heeft een logeerwoning nodig"), "wants_guest_home": _("wil graag een logeerwoning"),
            "priority": _("prioriteit van de wens"), "home_during_day": _("overdag thuis"),
            "unavailable": _("niet beschikbaar")},
    title=_("behoeften in de rekengegevens van planversies"),
    erase=Scrub(pending=plan_versions_pending, apply=plan_versions_scrub),
    retention=after_phase_end(Phase.RENOVATE, complex="trajectory__complex"),
)
register(
    PlannedUnit, category=Category.WORKS, household="household",
    export=("plan_version__number", "unit__unit_id", "start_date", "end_date", "guest_home__unit_id",
            "guest_home_from", "guest_home_until", "promised"),
    labels={"plan_version__number": _("planversie"), "unit__unit_id": _("eenheid"),
            "guest_home__unit_id": _("logeerwoning"), "guest_home_from": _("logeerwoning vanaf"),
            "guest_home_until": _("logeerwoning tot en met"), "promised": _("datum toegezegd")},
    title=_("geplande werkzaamheden"),
    erase=Blank("household"), retention=after_phase_end(Phase.RENOVATE, complex="unit__complex"),
)
register(
    PromisedStart, category=Category.WORKS, household="household",
    export=("unit__unit_id", "start_date", "promised_at"),
    labels={"unit__unit_id": _("eenheid"), "promised_at": _("toegezegd op")},
    title=_("toegezegde startdata"),
    erase=Blank("household"), retention=after_phase_end(Phase.RENOVATE, complex="unit__complex"),
)
register(
    LetterBatch, category=Category.WORKS, household=letter_batches_of,
    export=("plan_version__number", "portiek", "letters", "pages", "created_at"),
    labels={"plan_version__number": _("planversie"), "letters": _("aantal brieven"), "pages": _("pagina's"),
            "created_at": _("gemaakt op")},
    title=_("afgedrukte brieven over de werkzaamheden"),
    erase=DELETE, retention=after_date("created_at"), retention_key=LETTER_BATCHES,
)
