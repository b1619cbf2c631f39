"""What every service that edits a record does: apply the allowed changes, check the
version, save, and audit which fields changed (names only, never values)."""

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction

from voordeur.audit import log as audit
from voordeur.lib.versioning import save_versioned


@transaction.atomic
def update_record(
    obj: models.Model,
    *,
    by,
    changes: Mapping[str, Any],
    expected_version: int,
    category: str,
    trajectory_id: int | None = None,
) -> models.Model:
    changed = [name for name, value in changes.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, changes[name])
    if changed:
        save_versioned(obj, expected_version=expected_version, fields=changed)
        audit.record(by, "update", category=category, obj=obj, trajectory_id=trajectory_id,
                     detail={"fields": sorted(changed)})
    elif obj.version != expected_version:
        from voordeur.lib.versioning import Conflict

        raise Conflict(obj.version)
    return obj


@transaction.atomic
def create_record(obj: models.Model, *, by, category: str, trajectory_id: int | None = None,
                  detail: Mapping[str, Any] | None = None) -> models.Model:
    obj.full_clean()
    obj.save(force_insert=True)
    audit.record(by, "create", category=category, obj=obj, trajectory_id=trajectory_id, detail=detail)
    return obj
