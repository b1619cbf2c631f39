"""Writing and verifying the audit log.

`record()` appends one event in the caller's transaction, so a change and its audit row
commit or roll back together. Appends are serialised by locking the chain's head row.
"""

import datetime as dt
import getpass
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from voordeur.audit.chain import GENESIS, Break, first_break, row_hash
from voordeur.audit.models import AuditEvent, AuditHead

Primitive = str | int | float | bool | None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _key() -> bytes:
    return settings.AUDIT_KEY.encode()


def _canonical_at(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


def _row(event: AuditEvent) -> dict[str, Any]:
    return {
        "seq": event.seq, "at": _canonical_at(event.at), "actor_id": event.actor_id, "actor": event.actor,
        "role": event.role, "partner": event.partner, "action": event.action, "category": event.category,
        "object_type": event.object_type, "object_id": event.object_id, "trajectory_id": event.trajectory_id,
        "purpose": event.purpose, "detail": event.detail, "prev_hash": event.prev_hash, "hash": event.hash,
    }


def _check_primitives(detail: Mapping[str, Any]) -> None:
    for name, value in detail.items():
        values = value if isinstance(value, list | tuple) else [value]
        if not all(isinstance(v, Primitive) for v in values):
            raise TypeError(f"audit detail {name!r} must hold primitives only")


ANONYMOUS = "anonymous"  # pass as the user for events without a logged-in user (a failed login)


def actor_fields(user) -> dict[str, Any]:
    """Who did it: a user, an anonymous web visitor, or the system account running a command (None)."""
    if user == ANONYMOUS:
        return {"actor_id": None, "actor": ANONYMOUS, "role": "", "partner": ""}
    if user is None or not getattr(user, "is_authenticated", False):
        return {"actor_id": None, "actor": f"system:{_os_user()}", "role": "", "partner": ""}
    partner = user.partner.name if user.partner_id else ""
    return {"actor_id": user.pk, "actor": user.get_username(), "role": user.role or "", "partner": partner}


@transaction.atomic
def record(
    user,
    action: str,
    *,
    category: str = "",
    obj=None,
    object_type: str = "",
    object_id: str | int = "",
    trajectory_id: int | None = None,
    purpose: str = "",
    detail: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. Pass `obj` (a model instance) or object_type/object_id.

    `action` must be a declared `AuditEvent.Action`, always (not only in DEBUG): an event the
    audit browser cannot filter for is a programming error, and refusing it rolls back the
    change it would describe rather than committing it under an undeclared name.
    tests/audit/test_actions.py catches the same statically, before any code path runs."""
    if action not in AuditEvent.Action.values:
        raise ValueError(f"undeclared audit action {action!r}: add it to AuditEvent.Action")
    detail = dict(detail or {})
    _check_primitives(detail)
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"hash": GENESIS})
    event = AuditEvent(
        seq=head.seq + 1,
        at=timezone.now(),
        action=action,
        category=str(category),
        object_type=object_type,
        object_id=str(object_id),
        trajectory_id=trajectory_id,
        purpose=purpose[:300],
        detail=detail,
        prev_hash=head.hash,
        **actor_fields(user),
    )
    event.hash = row_hash(_key(), head.hash, _row(event))
    event.save(force_insert=True)
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def verify(batch_size: int = 5000) -> Break | None:
    """The first broken link of the chain, or None when it holds."""
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    rows = (_row(event) for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch_size))
    return first_break(_key(), rows, head_seq, head_hash)
