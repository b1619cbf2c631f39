"""Reads of places that depend on the user: scoped querysets and access functions."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, scoped
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Complex, Portiek, Unit


def complex_list(*, user) -> QuerySet[Complex]:
    return scoped(Complex.objects.all(), user, Category.PLACES, complex_path="id")


@audited_access(Category.PLACES)
def access_complex(user, pk, *, write: bool = False) -> Complex:
    return get_or_404(scoped(Complex.objects.all(), user, Category.PLACES, complex_path="id", write=write), pk)


def portiek_list(*, user) -> QuerySet[Portiek]:
    # an aggregate drops Meta.ordering; pages must be stable
    qs = Portiek.objects.annotate(unit_count=Count("units")).order_by("complex_id", "code")
    return scoped(qs, user, Category.PLACES, complex_path="complex_id")


@audited_access(Category.PLACES)
def access_portiek(user, pk, *, write: bool = False) -> Portiek:
    qs = Portiek.objects.annotate(unit_count=Count("units"))
    return get_or_404(scoped(qs, user, Category.PLACES, complex_path="complex_id", write=write), pk)


def with_occupancy(units: QuerySet[Unit], *, on: dt.date | None = None) -> QuerySet[Unit]:
    """Annotate `occupied`: a tenancy is active on the day (start <= day <= end, inclusive)."""
    day = on or today()
    active = Tenancy.objects.filter(unit=OuterRef("pk"), start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    return units.annotate(occupied=Exists(active))


def unit_list(*, user) -> QuerySet[Unit]:
    qs = with_occupancy(Unit.objects.select_related("portiek"))
    return scoped(qs, user, Category.PLACES, complex_path="complex_id")


@audited_access(Category.PLACES)
def access_unit(user, pk, *, write: bool = False) -> Unit:
    qs = with_occupancy(Unit.objects.select_related("portiek", "complex"))
    return get_or_404(scoped(qs, user, Category.PLACES, complex_path="complex_id", write=write), pk)
