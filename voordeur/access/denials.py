"""Failed access decisions are logged (NEN 7513; ASVS 7.2.2): one `access_denied` event when
a user asks for a record that EXISTS but is out of their scope, or whose write their level
forbids. A missing record logs nothing. The answer does not change (404, or 403 for a write
the policy forbids). The event names actor, category, object type and id, never values.

The check costs a query only on the failure path: the access function runs as before, and
only its 404 looks the id up once more, unscoped.
"""

import functools
from collections.abc import Callable

from django.core.exceptions import ValidationError

from voordeur.access.policy import Category
from voordeur.access.scope import Unseen
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent


def _exists(model, pk) -> bool:
    try:
        return model._base_manager.filter(pk=pk).exists()
    except (ValueError, TypeError, ValidationError):  # not an id at all
        return False


def record_denial(user, *, category: Category, object_type: str, object_id="", write: bool, reason: str) -> None:
    audit.record(user, AuditEvent.Action.ACCESS_DENIED, category=category, object_type=object_type,
                 object_id=str(object_id)[:60], detail={"write": write, "reason": reason})


def audited_access(category: Category) -> Callable:
    """Decorate an access function `access_x(user, pk, ..., write=False)` of `category`: its
    404 for an existing record is recorded as a denial (once, also when access functions nest)."""

    def decorate(access: Callable) -> Callable:
        @functools.wraps(access)
        def checked(user, pk, *args, **kwargs):
            try:
                return access(user, pk, *args, **kwargs)
            except Unseen as unseen:
                if not unseen.audited and _exists(unseen.model, unseen.pk):
                    write = bool(kwargs.get("write", False))
                    record_denial(user, category=category, object_type=unseen.model._meta.label_lower,
                                  object_id=unseen.pk, write=write, reason="write" if write else "scope")
                unseen.audited = True
                raise

        return checked

    return decorate
