"""Reads of partner data (arrears, repairs, caseload) and of import runs, scoped to the user."""

from django.db.models import Q, QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category, Level
from voordeur.access.scope import complex_ids, get_or_404, grant, scoped
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.imports.kinds import KIND_CATEGORY
from voordeur.imports.models import ImportRun


def arrears_list(*, user) -> QuerySet[Arrears]:
    """Own for own-read roles (the debt counter): households linked to the organisation."""
    qs = Arrears.objects.select_related("source_partner")
    return scoped(qs, user, Category.ARREARS, complex_path="household__unit__complex_id", household_path="household_id")


@audited_access(Category.ARREARS)
def access_arrears(user, pk, *, write: bool = False) -> Arrears:
    return get_or_404(scoped(Arrears.objects.select_related("source_partner"), user, Category.ARREARS,
                             complex_path="household__unit__complex_id", household_path="household_id", write=write),
                      pk)


def repair_list(*, user) -> QuerySet[Repair]:
    qs = Repair.objects.select_related("portiek", "unit", "source_partner")
    return scoped(qs, user, Category.REPAIRS, complex_path="complex_id")


@audited_access(Category.REPAIRS)
def access_repair(user, pk, *, write: bool = False) -> Repair:
    qs = Repair.objects.select_related("portiek", "unit", "source_partner")
    return get_or_404(scoped(qs, user, Category.REPAIRS, complex_path="complex_id", write=write), pk)


def caseload_list(*, user) -> QuerySet[Caseload]:
    """Own for own-level roles: households linked to the organisation, or its own caseload."""
    qs = Caseload.objects.select_related("partner", "source_partner")
    return scoped(qs, user, Category.REFERRALS, complex_path="household__unit__complex_id",
                  household_path="household_id", partner_path="partner_id")


@audited_access(Category.REFERRALS)
def access_caseload(user, pk, *, write: bool = False) -> Caseload:
    qs = Caseload.objects.select_related("partner", "source_partner")
    return get_or_404(scoped(qs, user, Category.REFERRALS, complex_path="household__unit__complex_id",
                             household_path="household_id", partner_path="partner_id", write=write), pk)


def import_run_list(*, user, complex_id: int) -> QuerySet[ImportRun]:
    """The imports of one complex the user may know about (meta only: kind, source, date,
    legal basis, counts, by which organisation). A run's counts say how many records of its
    category a file held, so a user sees a run only with full read on that category, or
    when their own organisation made it."""
    if complex_id not in complex_ids(user):
        return ImportRun.objects.none()
    kinds = [kind for kind, categories in KIND_CATEGORY.items()
             if grant(user, categories[0]) in (Level.READ, Level.WRITE)]
    mine = Q(by__partner_id=user.partner_id) if user.partner_id else Q(pk__in=[])
    return (ImportRun.objects.filter(complex_id=complex_id).filter(Q(kind__in=kinds) | mine)
            .select_related("source_partner", "by__partner"))
