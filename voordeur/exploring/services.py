"""Writes to partner data outside imports: a repair's status."""

from typing import Any

from django.db import transaction

from voordeur.access.policy import Category
from voordeur.exploring.models import Repair
from voordeur.imports.common import trajectory_of
from voordeur.lib.services import update_record

REPAIR_EDITABLE = frozenset({"status"})


@transaction.atomic
def repair_update(*, repair: Repair, by, changes: dict[str, Any], expected_version: int) -> Repair:
    """Change a repair's status (the fields a user may edit); a stale version is a Conflict (409).
    The next import from the source organisation's system states the status anew."""
    unknown = set(changes) - REPAIR_EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    return update_record(repair, by=by, changes=changes, expected_version=expected_version, category=Category.REPAIRS,
                         trajectory_id=trajectory_of(repair.complex_id))
