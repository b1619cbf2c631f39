"""Scope and level checks: the primitives every selector and access function uses.

Nothing outside a user's trajectories exists for them. Within scope, the policy table
decides per data category; own-levels narrow records to the user's organisation's own.
"""

import datetime as dt
from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from voordeur.access.policy import Category, Level, level

OWN_LINK_GRACE = dt.timedelta(days=365)  # a closed referral or signal keeps the link 12 months


def grant(user, category: Category) -> Level:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Level.NONE
    return level(user.role, category)


def readable_categories(user) -> frozenset[Category]:
    return frozenset(c for c in Category if grant(user, c).reads)


def trajectory_ids(user) -> frozenset[int]:
    """The trajectories the user is a member of (cached on the user object per request)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_voordeur_trajectory_ids", None)
    if cached is None:
        from voordeur.accounts.models import Membership

        cached = frozenset(Membership.objects.filter(user=user).values_list("trajectory_id", flat=True))
        user._voordeur_trajectory_ids = cached
    return cached


def complex_ids(user) -> frozenset[int]:
    cached = getattr(user, "_voordeur_complex_ids", None)
    if cached is None:
        from voordeur.trajectories.models import Trajectory

        ids = trajectory_ids(user)
        cached = frozenset(Trajectory.objects.filter(pk__in=ids).values_list("complex_id", flat=True)) if ids else frozenset()
        user._voordeur_complex_ids = cached
    return cached


def linked_household_ids(user) -> frozenset[int]:
    """Households with an open referral or signal to the user's organisation (or closed < 12 months)."""
    cached = getattr(user, "_voordeur_linked_households", None)
    if cached is None:
        from voordeur.access.models import HouseholdLink

        if not user.partner_id:
            cached = frozenset()
        else:
            since = timezone.now() - OWN_LINK_GRACE
            cached = frozenset(
                HouseholdLink.objects.filter(partner_id=user.partner_id)
                .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
                .values_list("household_id", flat=True)
            )
        user._voordeur_linked_households = cached
    return cached


def forget(user) -> None:
    """Drop the per-request caches (after memberships or links change)."""
    for name in ("_voordeur_trajectory_ids", "_voordeur_complex_ids", "_voordeur_linked_households"):
        if hasattr(user, name):
            delattr(user, name)


def scoped(
    queryset: QuerySet,
    user,
    category: Category,
    *,
    complex_path: str,
    household_path: str | None = None,
    partner_path: str | Sequence[str] | None = None,
    write: bool = False,
) -> QuerySet:
    """Records of `category` the user may see (or change, with write=True), in scope.

    complex_path: the lookup to the record's complex id (e.g. "unit__complex_id").
    household_path / partner_path: what makes a record the organisation's own. partner_path
    may name several lookups (a promise is its owner's and its maker's): any one suffices.
    """
    granted = grant(user, category)
    if not granted.reads or (write and not granted.writes):
        return queryset.none()
    queryset = queryset.filter(**{f"{complex_path}__in": complex_ids(user)})
    if granted.own_only:
        queryset = queryset.filter(_own_q(user, household_path=household_path, partner_path=partner_path))
    return queryset


def _own_q(user, *, household_path: str | None, partner_path: str | Sequence[str] | None) -> Q:
    own = Q(pk__in=[])
    partner_paths = (partner_path,) if isinstance(partner_path, str) else tuple(partner_path or ())
    if user.partner_id:
        for path in partner_paths:
            own |= Q(**{path: user.partner_id})
    if household_path:
        own |= Q(**{f"{household_path}__in": linked_household_ids(user)})
    return own


def is_own(user, *, household_id: int | None = None, partner_id: int | None = None) -> bool:
    if partner_id is not None and partner_id == user.partner_id:
        return True
    return household_id is not None and household_id in linked_household_ids(user)


def field_visible(user, category: Category, *, household_id: int | None = None, partner_id: int | None = None) -> bool:
    """May this user see a field of `category` on a record with these ownership facts?"""
    granted = grant(user, category)
    if not granted.reads:
        return False
    return not granted.own_only or is_own(user, household_id=household_id, partner_id=partner_id)


class Unseen(Http404):
    """A 404 from `get_or_404`: names the model and id asked for, so the failure path alone
    can tell 'missing' from 'not yours' (voordeur/access/denials.py)."""

    def __init__(self, model, pk):
        super().__init__()
        self.model, self.pk, self.audited = model, pk, False


def get_or_404(queryset: QuerySet, pk):
    """The record, or 404 — identical for 'missing' and 'not yours'."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Unseen(queryset.model, pk) from None


def may_write(user, category: Category) -> bool:
    return grant(user, category).writes
