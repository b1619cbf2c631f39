"""Reads of crime signals, scoped to the user; reads are audited (a sensitive category)."""

from django.db.models import QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, scoped
from voordeur.audit import log as audit
from voordeur.safety.models import CrimeSignal, CrimeSignalEvent

SCOPE = {"complex_path": "unit__complex_id", "household_path": "household_id",
         "partner_path": "reported_by_partner_id"}


def signal_list(*, user) -> QuerySet[CrimeSignal]:
    qs = CrimeSignal.objects.select_related("unit", "unit__portiek", "household", "reported_by_partner", "to_partner")
    return scoped(qs, user, Category.CRIME, **SCOPE)


@audited_access(Category.CRIME)
def access_signal(user, pk, *, write: bool = False) -> CrimeSignal:
    qs = CrimeSignal.objects.select_related("unit", "unit__portiek", "household", "reported_by_partner", "to_partner")
    return get_or_404(scoped(qs, user, Category.CRIME, write=write, **SCOPE), pk)


def signal_events(*, signal: CrimeSignal) -> QuerySet[CrimeSignalEvent]:
    """The history of a signal the caller got through `access_signal`."""
    return CrimeSignalEvent.objects.filter(signal=signal).select_related("by", "partner").order_by("at", "id")


def audit_read(*, user, signals: list[CrimeSignal], trajectory_id: int | None, purpose: str) -> None:
    """One audit row for a view that shows crime data of these signals (ids only)."""
    if not signals:
        return
    ids = [signal.pk for signal in signals]
    audit.record(user, "read", category=Category.CRIME, object_type=CrimeSignal._meta.label_lower,
                 object_id=",".join(map(str, ids))[:60], trajectory_id=trajectory_id, purpose=purpose[:300],
                 detail={"ids": ids})
