"""Optimistic locking: a write names the version it read; a stale one is a conflict (409)."""

from django.db import models
from django.db.models import F
from django.utils import timezone


class Conflict(Exception):
    def __init__(self, current_version: int | None):
        self.current_version = current_version
        super().__init__("Dit record is intussen door iemand anders gewijzigd. Laad het opnieuw.")


def save_versioned(obj: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `obj` only if its stored version is still `expected_version`."""
    obj.full_clean()
    model = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.fields):
        values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=obj.pk, version=expected_version).update(version=F("version") + 1, **values)
    if not updated:
        current = model.objects.filter(pk=obj.pk).values_list("version", flat=True).first()
        raise Conflict(current)
    obj.version = expected_version + 1
