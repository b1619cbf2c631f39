"""The audit-log browser's reads: filtered events, newest first, and their CSV.

What is shown of an event: sequence number, time, actor, role, organisation, action, the
object (type and id), purpose and — from the detail — only the *names* of changed fields.
Other detail values are never shown: some hold what a user typed (a failed login's
username) or dates about a household.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from voordeur.access.capabilities import may_read_audit
from voordeur.access.policy import Role
from voordeur.audit.models import AuditEvent

PAGE_SIZE = 50
ACTIONS = tuple(AuditEvent.Action.values)
CSV_COLUMNS = ("seq", "at", "actor", "role", "organisation", "action", "category", "object_type", "object_id",
               "trajectory_id", "purpose", "changed_fields")
LISTED = ("seq", "at", "actor", "role", "partner", "action", "category", "object_type", "object_id",
          "trajectory_id", "purpose", "detail")


@dataclass(frozen=True)
class AuditFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: str = ""
    role: str = ""
    organisation: str = ""
    action: str = ""
    category: str = ""
    object_type: str = ""
    object_id: str = ""
    purpose: str = ""

    def used(self) -> dict[str, str]:
        """The filters that are set, as text (for the CSV export's audit event)."""
        return {name: str(value) for name, value in self.__dict__.items() if value not in (None, "")}


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def audit_event_list(*, user, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The events matching the filters, newest first; none for a user who may not read the log.

    The log is one chain for the whole installation and holds no personal values, so the
    privacy officer sees all of it (not only their trajectories' events: many events, such
    as logins and account changes, belong to no trajectory)."""
    if not may_read_audit(user):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.only(*LISTED).order_by("-seq")
    f = filters
    if f.date_from:
        qs = qs.filter(at__gte=_start_of(f.date_from))
    if f.date_to:
        qs = qs.filter(at__lt=_start_of(f.date_to + dt.timedelta(days=1)))
    if f.actor:
        qs = qs.filter(actor__iexact=f.actor)
    if f.role:
        qs = qs.filter(role=f.role)
    if f.organisation:
        qs = qs.filter(partner__icontains=f.organisation)
    if f.action:
        qs = qs.filter(action=f.action)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.object_type:
        qs = qs.filter(object_type__iexact=f.object_type)
    if f.object_id:
        pk = f.object_id
        # an API read of several records stores "1,2,3"
        qs = qs.filter(Q(object_id=pk) | Q(object_id__startswith=f"{pk},") | Q(object_id__endswith=f",{pk}")
                       | Q(object_id__contains=f",{pk},"))
    if f.purpose:
        qs = qs.filter(purpose__icontains=f.purpose)
    return qs


def changed_fields(event: AuditEvent) -> list[str]:
    """The names of changed fields (`update` events store names, never values)."""
    names = event.detail.get("fields") if isinstance(event.detail, dict) else None
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def row(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq, "at": event.at, "actor": event.actor, "role": event.role,
        "role_label": role_label(event.role),
        "organisation": event.partner, "action": event.action, "category": event.category,
        "object_type": event.object_type, "object_id": event.object_id, "trajectory_id": event.trajectory_id,
        "purpose": event.purpose, "changed_fields": changed_fields(event),
    }


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """The events as CSV text, a line at a time (for a streaming response)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + flush()  # a BOM, so spreadsheet programs read UTF-8
    for event in events.iterator(chunk_size=2000):
        data = row(event)
        data["at"] = timezone.localtime(event.at).isoformat()
        data["changed_fields"] = " ".join(data["changed_fields"])
        writer.writerow([_cell(data[name]) for name in CSV_COLUMNS])
        yield flush()
