"""The OpenAPI schema: every property of every component carries `x-voordeur-category`, a
valid data category, and exactly the category its serializer gives that field."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.plumbing import ResolvedComponent

from tests.access.routes import Kind, api_routes
from voordeur.access.policy import Category
from voordeur.api.schema import CATEGORY_KEY

CATEGORIES = {str(category) for category in Category}


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker) -> dict:
    """The schema as an authenticated integrator gets it."""
    from rest_framework.test import APIClient

    from voordeur.accounts.models import User

    with django_db_blocker.unblock():
        user = User.objects.create(username="schema-reader", role="admin")
        try:
            client = APIClient()
            client.force_authenticate(user=user)
            response = client.get("/api/v1/schema/", {"format": "json"})
        finally:
            user.delete()
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


@pytest.fixture(scope="module")
def serializers_by_component() -> dict[str, object]:
    """Component name -> the serializer drf-spectacular made it from."""
    generator = SchemaGenerator()
    generator.get_schema(request=None, public=True)
    return {
        component.name: component.object
        for component in generator.registry._components.values()
        if component.type == ResolvedComponent.SCHEMA
    }


def _properties(schema: dict):
    for name, component in schema["components"]["schemas"].items():
        for prop_name, prop in component.get("properties", {}).items():
            yield name, prop_name, prop


def test_every_property_is_tagged_with_a_category(served: dict) -> None:
    untagged = [f"{c}.{p}" for c, p, prop in _properties(served) if CATEGORY_KEY not in prop]
    assert not untagged
    invalid = [f"{c}.{p}={prop[CATEGORY_KEY]}" for c, p, prop in _properties(served) if prop[CATEGORY_KEY] not in CATEGORIES]
    assert not invalid
    assert sum(1 for _ in _properties(served)) > 50


def test_tags_equal_the_serializers_categories(served: dict, serializers_by_component: dict) -> None:
    wrong = []
    for component, prop_name, prop in _properties(served):
        serializer = serializers_by_component.get(component)
        category_of = getattr(serializer, "category_of", None)
        envelope = component.startswith("Paginated") and component.endswith("List")
        expected = str(category_of(prop_name)) if category_of and not envelope else "meta"
        if prop[CATEGORY_KEY] != expected:
            wrong.append(f"{component}.{prop_name}: {prop[CATEGORY_KEY]} != {expected}")
    assert not wrong


def test_every_resource_serializer_is_in_the_schema(served: dict, serializers_by_component: dict) -> None:
    classes = {type(s) if not isinstance(s, type) else s for s in serializers_by_component.values()}
    for route in api_routes():
        if route.kind in (Kind.LIST, Kind.DETAIL):
            assert route.view_class.serializer_class in classes, route.template


def test_every_operation_names_its_primary_category(served: dict) -> None:
    routes = {route.template: route for route in api_routes() if route.kind is not Kind.SCHEMA}
    operations = 0
    for path, item in served["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            operations += 1
            route = routes[path.replace("{id}", "{pk}")]
            assert operation[CATEGORY_KEY] == route.primary_category, f"{method} {path}"
    assert operations >= len(routes)
