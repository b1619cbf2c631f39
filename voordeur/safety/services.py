"""Writes to crime signals: create, change (with the status workflow), each audited.

The audit rows name the record and which fields changed — never the description, the kind
or the notes. A signal with a household keeps its HouseholdLink (reason `signal`) to the
receiving organisation: opened with the signal, closed when it closes, reopened with it.
"""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Category
from voordeur.access.scope import forget
from voordeur.audit import log as audit
from voordeur.lib.versioning import Conflict, save_versioned
from voordeur.safety import workflow
from voordeur.safety.models import CrimeSignal, CrimeSignalEvent
from voordeur.trajectories.models import Trajectory, TrajectoryPartner

EDITABLE = frozenset({"status", "kind", "observed_on", "description"})


def _trajectory_id(complex_id: int) -> int | None:
    return Trajectory.objects.filter(complex_id=complex_id).values_list("pk", flat=True).first()


@transaction.atomic
def signal_create(
    *, unit, household=None, to_partner, kind: str, observed_on: dt.date, description: str, by,
    at: dt.datetime | None = None,
) -> CrimeSignal:
    """Record a signal about a unit (and its household, if given), addressed to `to_partner`."""
    at = at or timezone.now()
    if not by.partner_id:
        raise ValidationError(_("Alleen medewerkers van een partnerorganisatie kunnen een signaal vastleggen."))
    if household is not None and household.unit_id != unit.pk:
        raise ValidationError({"household": _("Dit huishouden woont niet in deze woning.")})
    if not TrajectoryPartner.objects.filter(trajectory__complex_id=unit.complex_id, partner=to_partner).exists():
        raise ValidationError({"to_partner": _("Deze organisatie werkt niet mee aan dit traject.")})
    if observed_on > timezone.localdate(at):
        raise ValidationError({"observed_on": _("Deze datum ligt in de toekomst.")})
    signal = CrimeSignal(
        unit=unit, household=household, reported_by_partner_id=by.partner_id, to_partner=to_partner,
        created_by=by, kind=kind, observed_on=observed_on, description=description,
        status=CrimeSignal.Status.OPEN,
    )
    signal.full_clean()
    signal.save(force_insert=True)
    CrimeSignalEvent.objects.create(signal=signal, from_status="", to_status=signal.status, at=at, by=by,
                                    partner_id=by.partner_id)
    if household is not None:
        HouseholdLink.objects.create(household=household, partner=to_partner, reason=HouseholdLink.Reason.SIGNAL,
                                     source_id=signal.pk, opened_at=at)
        forget(by)
    audit.record(by, "create", category=Category.CRIME, obj=signal, trajectory_id=_trajectory_id(unit.complex_id),
                 detail={"unit": unit.pk, "household": household.pk if household else None,
                         "to_partner": to_partner.pk})
    return signal


@transaction.atomic
def signal_update(
    *, signal: CrimeSignal, by, changes: Mapping[str, Any], expected_version: int, note: str = "",
    at: dt.datetime | None = None, transition: bool = False,
) -> CrimeSignal:
    """Change a signal; a new status must be allowed by the workflow table. Stale version: Conflict (409).

    transition=True: `changes["status"]` must be a step of the table (the same status is not)."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(_("Deze gegevens kunnen niet worden gewijzigd: %(fields)s")
                              % {"fields": ", ".join(sorted(unknown))})
    current = CrimeSignal.objects.select_for_update().get(pk=signal.pk)
    if current.version != expected_version:
        raise Conflict(current.version)
    at = at or timezone.now()
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    old_status, new_status = current.status, changes.get("status", current.status)
    if ("status" in changed or transition) and not workflow.may_transition(old_status, new_status):
        raise ValidationError({"status": _("Van '%(old)s' naar '%(new)s' is geen toegestane stap.") % {
            "old": current.get_status_display(), "new": dict(CrimeSignal.Status.choices).get(new_status, new_status)}})
    for name in changed:
        setattr(current, name, changes[name])
    if "status" in changed:
        current.closed_at = at if workflow.is_closed(new_status) else None
        changed.append("closed_at")
        CrimeSignalEvent.objects.create(signal=current, from_status=old_status, to_status=new_status, at=at, by=by,
                                        partner_id=by.partner_id, note=note)
        if current.household_id is not None:
            HouseholdLink.objects.filter(reason=HouseholdLink.Reason.SIGNAL, source_id=current.pk,
                                         partner_id=current.to_partner_id).update(closed_at=current.closed_at)
    if not changed:
        return current
    save_versioned(current, expected_version=expected_version, fields=changed)
    audit.record(by, "update", category=Category.CRIME, obj=current,
                 trajectory_id=_trajectory_id(current.unit.complex_id), detail={"fields": sorted(changed)})
    return current


def signal_transition(*, signal: CrimeSignal, to_status: str, by, expected_version: int, note: str = "",
                      at: dt.datetime | None = None) -> CrimeSignal:
    """Move a signal to `to_status` (table-checked), with an optional note in its history."""
    return signal_update(signal=signal, by=by, changes={"status": to_status}, expected_version=expected_version,
                         note=note, at=at, transition=True)
