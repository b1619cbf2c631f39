"""Writes to complexes and units. Views never save these themselves."""

from typing import Any

from django.db import transaction

from voordeur.access.policy import Category
from voordeur.lib.services import update_record
from voordeur.places.models import Complex, Unit


@transaction.atomic
def complex_update(*, complex: Complex, by, changes: dict[str, Any], expected_version: int) -> Complex:
    return update_record(complex, by=by, changes=changes, expected_version=expected_version, category=Category.PLACES)


@transaction.atomic
def unit_update(*, unit: Unit, by, changes: dict[str, Any], expected_version: int) -> Unit:
    return update_record(unit, by=by, changes=changes, expected_version=expected_version, category=Category.PLACES)
