"""The personal-data registry: complete (no model with a path to a household forgotten),
checked at registration, and usable for every registered model."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from tests.personas import World
from voordeur.access.policy import Category
from voordeur.consent.models import Response
from voordeur.households.models import Household, Person
from voordeur.places.models import Unit
from voordeur.privacy.periods import RETENTION_DEFAULTS
from voordeur.privacy.registry import (
    DELETE,
    EXEMPT,
    REGISTRY,
    Blank,
    after_date,
    children_first,
    exempt,
    household_registrations,
    register,
    registrations,
)
from voordeur.works.models import PlannedUnit


def _forward_relations(model: type[models.Model]) -> list[type[models.Model]]:
    return [f.related_model for f in model._meta.get_fields()
            if f.is_relation and not f.auto_created and f.related_model is not None]


def reaches_household(model: type[models.Model], seen: frozenset = frozenset()) -> bool:
    """Does a chain of foreign keys (or one-to-one / many-to-many fields) lead to a household?"""
    if model is Household:
        return True
    return any(reaches_household(target, seen | {model}) for target in _forward_relations(model)
               if target not in seen | {model})


def models_about_households() -> set[type[models.Model]]:
    return {model for model in apps.get_models() if reaches_household(model)}


def test_the_detector_finds_direct_and_indirect_paths() -> None:
    found = models_about_households()
    assert {Household, Person, Response, PlannedUnit} <= found  # Response: tenancy -> household
    assert Unit not in found


def test_every_model_with_a_path_to_a_household_is_registered_or_exempt() -> None:
    missing = sorted(m._meta.label for m in models_about_households() - set(REGISTRY) - set(EXEMPT))
    assert not missing, (f"register these in their app's privacy.py (voordeur/privacy/registry.py) "
                         f"or exempt them with a reason: {missing}")


def test_exemptions_give_a_reason() -> None:
    assert all(reason.strip() for reason in EXEMPT.values())
    with pytest.raises(ImproperlyConfigured):
        exempt(Unit, reason=" ")


def test_the_household_itself_and_the_letter_pdfs_are_registered() -> None:
    labels = {entry.label for entry in registrations()}
    assert {"households.household", "households.person", "households.tenancy", "households.contactlogentry",
            "consent.response", "consent.letterbatch", "works.letterbatch", "works.planversion",
            "works.worksneeds", "works.plannedunit", "accounts.apitoken"} <= labels


def test_every_registration_has_a_retention_period_and_a_category() -> None:
    for entry in registrations():
        assert entry.retention_key in RETENTION_DEFAULTS, entry.label
        assert isinstance(entry.category, Category)


def test_children_come_before_what_they_point_to() -> None:
    order = [entry.model for entry in children_first(household_registrations())]
    assert order.index(Person) < order.index(Household)
    assert order.index(Response) < order.index(apps.get_model("households.Tenancy")) < order.index(Household)


@pytest.mark.parametrize("kwargs", [
    {"household": "complex"},  # leads to a complex, not a household
    {"household": "households", "export": ("nonsense",)},
    {"household": "households", "erase": Blank("floor")},  # a number cannot be blanked
    {"household": "households", "retention": after_date("street")},  # not a date
    {"household": "households", "retention_key": "forever"},
])
def test_a_wrong_registration_fails_at_once(kwargs: dict) -> None:
    arguments = {"category": Category.PLACES, "erase": DELETE, "retention": None, **kwargs}
    with pytest.raises(ImproperlyConfigured):
        register(Unit, **arguments)
    assert Unit not in REGISTRY


def test_a_model_cannot_be_registered_twice() -> None:
    with pytest.raises(ImproperlyConfigured):
        register(Household, category=Category.CONTACT, household="pk", retention=None)


def test_every_registration_finds_and_exports_rows_of_a_household(world: World) -> None:
    ids = frozenset({world.households["h1"]})
    for entry in household_registrations():
        rows = entry.still_holding(entry.rows_for(ids), ids)
        assert rows.model is entry.model
        if not callable(entry.export):
            list(rows.values("pk", *entry.export))
        else:
            entry.export(rows, ids)
