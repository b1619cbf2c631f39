"""Reads of households, tenancies, people and the contact log, scoped to the user."""

import datetime as dt

from django.db.models import Count, Q, QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, scoped
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.lib.dates import today


def _current_tenancy_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def household_list(*, user, current_only: bool = False) -> QuerySet[Household]:
    qs = (
        Household.objects.select_related("unit", "unit__portiek")
        .annotate(size=Count("people", distinct=True))
        .order_by("unit_id", "id")  # an aggregate drops Meta.ordering; pages must be stable
    )
    if current_only:
        qs = qs.filter(_current_tenancy_q(today(), "tenancies__")).distinct()
    return scoped(qs, user, Category.CONTACT, complex_path="unit__complex_id", household_path="id")


@audited_access(Category.CONTACT)
def access_household(user, pk, *, write: bool = False) -> Household:
    qs = (
        Household.objects.select_related("unit", "unit__portiek", "unit__complex")
        .annotate(size=Count("people", distinct=True))
        .prefetch_related("people", "tenancies")
    )
    return get_or_404(
        scoped(qs, user, Category.CONTACT, complex_path="unit__complex_id", household_path="id", write=write), pk
    )


def tenancy_list(*, user) -> QuerySet[Tenancy]:
    qs = Tenancy.objects.select_related("unit", "household")
    return scoped(qs, user, Category.HOUSEHOLD, complex_path="unit__complex_id", household_path="household_id")


@audited_access(Category.HOUSEHOLD)
def access_tenancy(user, pk, *, write: bool = False) -> Tenancy:
    return get_or_404(
        scoped(
            Tenancy.objects.select_related("unit", "household"), user, Category.HOUSEHOLD,
            complex_path="unit__complex_id", household_path="household_id", write=write,
        ),
        pk,
    )


def person_list(*, user) -> QuerySet[Person]:
    qs = Person.objects.select_related("household")
    return scoped(qs, user, Category.HOUSEHOLD, complex_path="household__unit__complex_id", household_path="household_id")


@audited_access(Category.HOUSEHOLD)
def access_person(user, pk, *, write: bool = False) -> Person:
    qs = Person.objects.select_related("household")
    return get_or_404(
        scoped(qs, user, Category.HOUSEHOLD, complex_path="household__unit__complex_id",
               household_path="household_id", write=write),
        pk,
    )


def contact_log_list(*, user) -> QuerySet[ContactLogEntry]:
    qs = ContactLogEntry.objects.select_related("partner", "household", "user")
    return scoped(
        qs, user, Category.CONTACTS_LOG, complex_path="household__unit__complex_id",
        household_path="household_id", partner_path="partner_id",
    )


@audited_access(Category.CONTACTS_LOG)
def access_contact_entry(user, pk, *, write: bool = False) -> ContactLogEntry:
    return get_or_404(
        scoped(
            ContactLogEntry.objects.select_related("partner", "household"), user, Category.CONTACTS_LOG,
            complex_path="household__unit__complex_id", household_path="household_id",
            partner_path="partner_id", write=write,
        ),
        pk,
    )
