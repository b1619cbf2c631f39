"""Schema-based fuzzing of the whole API with schemathesis, in-process, as several roles.

The schema is the one the API serves (`/api/v1/schema/?format=json`, with a token). For
every operation in it, Hypothesis draws a fixed, seeded set of requests — schema-valid ones
and schema-violating ones — and each request is sent through Django's WSGI application with
the API token of every persona below. Every answer must:
- not be a server error (5xx);
- have a documented status code, a documented content type and documented headers;
- match the documented response schema for its status code;
- for a schema-violating request: be refused (4xx), not accepted.

Budget: POSITIVE_EXAMPLES + NEGATIVE_EXAMPLES requests per operation, each sent as every
role; `deadline=None` (the shared CI machine's timing is no test), derandomized, no example
database, so a run is repeatable and a failure reproduces with the same inputs.

Checks left out, and why:
- `positive_data_acceptance` (a schema-valid request must get 2xx): generated ids name
  records that do not exist or are not the role's, which answers 404 by design, and the
  services refuse combinations the schema cannot express (400). Valid writes per role are
  covered by tests/access/test_api_matrix.py.
- `ignored_auth`, `unsupported_method`: replaced by the two explicit, cheaper tests at the
  end of this module (every operation refuses a missing or wrong token; methods the schema
  does not list answer 405 with `Allow`).
- `use_after_free`, `ensure_resource_availability`: stateful (create, then delete); the API
  has no DELETE operations and this module does not run stateful sequences.
Nothing in the schema is excluded from fuzzing.
"""

import contextlib
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.personas import OUTSIDER, World
from voordeur.accounts.tokens import token_issue

SCHEMA_PATH = "/api/v1/schema/?format=json"
ROLES = ("director", "broker", "nbh_team", "debt_help", "contractor", "privacy", "admin", OUTSIDER)
POSITIVE_EXAMPLES = 5
NEGATIVE_EXAMPLES = 3
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
NEGATIVE_CHECKS = [*CHECKS, negative_data_rejection]
BUDGET = settings(
    deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)


def _operations() -> list[tuple[str, str]]:
    """(METHOD, path) of every operation, from the schema generator (for the test ids; the
    test itself fuzzes the schema the server serves, and checks the two agree)."""
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    return sorted((method.upper(), path) for path, item in paths.items() for method in item
                  if method in ("get", "post", "put", "patch", "delete"))


OPERATIONS = _operations()


@contextlib.contextmanager
def _same_connection() -> Iterator[None]:
    """Django closes stale database connections around each request; in a test that would
    close the connection holding the test's transaction (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(_module_world: World, django_db_blocker) -> dict[str, str]:
    """An API token per persona, issued the one way tokens are issued."""
    with django_db_blocker.unblock():
        return {who: token_issue(user=_module_world.user(who)) for who in ROLES}


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Token {key}"}


@pytest.fixture(scope="module")
def app(_module_world: World) -> Iterator:
    with _same_connection():
        yield get_wsgi_application()


@pytest.fixture(scope="module")
def schema(app, tokens: dict[str, str], django_db_blocker):
    """The schema as the server serves it to a persona with a token."""
    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi(SCHEMA_PATH, app, headers=_auth(tokens["director"]))


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_operation_survives_fuzzing_as_every_role(world: World, schema, tokens, method: str, path: str) -> None:
    operation = schema[path][method]
    for mode, examples, checks in (
        (GenerationMode.POSITIVE, POSITIVE_EXAMPLES, CHECKS),
        (GenerationMode.NEGATIVE, NEGATIVE_EXAMPLES, NEGATIVE_CHECKS),
    ):
        strategy = operation.as_strategy(generation_mode=mode)

        @given(case=strategy)
        @settings(BUDGET, max_examples=examples)
        def every_role(case) -> None:
            for who in ROLES:
                try:
                    case.call_and_validate(headers=_auth(tokens[who]), checks=checks)
                except BaseException as failure:
                    failure.add_note(f"as {who}, {mode} data")
                    raise

        every_role()


def test_the_schema_is_the_same_whoever_asks(world, app, tokens, schema) -> None:
    """The schema describes the API's full shape (fields a role may not see are optional in
    responses), not one role's view of it — so integrators and this fuzzer see one contract."""
    from werkzeug.test import Client

    client = Client(app)
    bodies = {who: client.get(SCHEMA_PATH, headers=_auth(tokens[who])).get_data() for who in ROLES}
    assert len(set(bodies.values())) == 1, {who: len(body) for who, body in bodies.items()}
    served_operations = sorted((op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations())
    assert served_operations == OPERATIONS


def test_every_operation_refuses_a_missing_or_wrong_token(world, schema, tokens) -> None:
    """No operation answers without valid credentials: 401 in JSON, as documented."""
    wrong = _auth(tokens["admin"][:-4] + "xxxx")
    for result in schema.get_all_operations():
        operation = result.ok()
        case = operation.Case(path_parameters={name: world.trajectories["ons-traject"]
                                               for name in ("id",) if "{id}" in operation.path})
        for headers in ({}, wrong):
            response = case.call(headers=headers)
            assert response.status_code == 401, (operation.label, headers, response.status_code)
            case.validate_response(response, checks=CHECKS)


def test_methods_the_schema_does_not_list_answer_405_with_allow(world, app, schema, tokens) -> None:
    from werkzeug.test import Client

    client = Client(app)
    listed: dict[str, set[str]] = {}
    for result in schema.get_all_operations():
        listed.setdefault(result.ok().path, set()).add(result.ok().method.upper())
    for path, methods in listed.items():
        url = path.replace("{id}", str(world.trajectories["ons-traject"]))
        for method in sorted({"GET", "POST", "PUT", "PATCH", "DELETE"} - methods):
            response = client.open(url, method=method, headers=_auth(tokens["admin"]))
            assert response.status_code == 405, (method, url, response.status_code)
            assert response.mimetype == "application/json"
            allowed = {m.strip() for m in response.headers["Allow"].split(",")}
            assert allowed - {"HEAD", "OPTIONS"} == methods, (url, allowed)


@pytest.mark.parametrize(("body", "field"), [
    ({"username": "zonder-rol"}, "role"), ({"username": "lege-rol", "role": ""}, "role"),
    ({"username": "zonder-partner", "role": "broker"}, "partner"),
    ({"username": "lege-partner", "role": "broker", "partner": None}, "partner"),
], ids=["no-role", "blank-role", "no-partner", "null-partner"])
def test_user_create_without_role_or_partner_is_a_validation_error(world, app, tokens, body, field) -> None:
    """Found by the fuzzer (was a 500): the answer is a 400 naming the field."""
    from werkzeug.test import Client

    response = Client(app).post("/api/v1/users/", json=body, headers=_auth(tokens["admin"]))
    assert response.status_code == 400, response.status_code
    assert field in response.json, response.json
