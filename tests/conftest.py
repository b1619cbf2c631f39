"""Shared fixtures: the persona world and API clients.

Tests run with the production settings except one: no HTTPS redirect, because the test
client speaks plain HTTP. (pytest-django loads the settings before any conftest runs, so
this is an override for the session rather than an environment variable.)
"""

import pytest
from django.db import transaction
from django.test import override_settings
from rest_framework.test import APIClient

from tests.personas import World, build_world


@pytest.fixture(autouse=True, scope="session")
def _plain_http():
    with override_settings(SECURE_SSL_REDIRECT=False):
        yield


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The persona world, built once per test module inside a transaction that is rolled
    back when the module is done; each test runs in a savepoint inside it."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            world = build_world()
            yield world
            transaction.set_rollback(True)


@pytest.fixture
def world(_module_world: World, db) -> World:
    return _module_world


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(world: World):
    """An API client authenticated as a persona (role key or "outsider")."""

    def make(who: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=world.user(who))
        return client

    return make
