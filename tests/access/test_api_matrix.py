"""Generated access tests: every persona x every API route x every method it offers.

Expected answers come from the policy table (the route's primary category) and the persona
world's facts, never from the code under test:
- list / detail: 404 without read on the primary category; otherwise 200 with exactly the
  records in the persona's trajectories (own-levels: only own records), and on every record
  exactly the fields whose category the persona may read (own-only categories only on own
  records) — so every forbidden field is absent;
- PATCH (with the current version): 404 for a record the persona cannot see, 403 where it
  may read but not write, 200 otherwise, the change audited;
- POST: 404 / 403 / 201 from the category the create needs; 400 (the same as for a missing
  one) for a household or unit outside the persona's scope;
- summaries of one record (e.g. a proposal's tally): as its detail route, with exactly the
  summary's fields the persona may read;
- aggregates: 200 for levels that allow counts, in the persona's trajectories; else 404;
- no response ever contains a household value of a category the persona may not see.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import models
from rest_framework import serializers

from tests.access.expect import expected_keys, forbidden_values, record_visible
from tests.access.routes import Kind, Route, api_routes, record_routes
from tests.personas import OURS, OUTSIDER, Facts, World, grant_level, who_all
from voordeur.access.policy import Category
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry
from voordeur.lib.dates import today as local_today

ROUTES = api_routes()


@dataclass(frozen=True)
class Create:
    """How to POST a valid new record to a list route, and which category the create needs.

    `scoped`: the payload key naming a household or unit that must be in the persona's scope
    (one it cannot see answers 400, exactly like one that does not exist). `owned`: the new
    record is its creator's organisation's own (for own-levels).
    """

    category: Category
    payload: Callable[[World, str], dict]
    scoped: str = ""
    owned: bool = False


def _contact_payload(world: World, who: str) -> dict:
    return {"household": _household_for(world, who), "channel": ContactLogEntry.Channel.PHONE,
            "topic": ContactLogEntry.Topic.SUPPORT}


def _household_for(world: World, who: str) -> int:
    """A household of ours this persona may see (a linked one for own-levels), else h5."""
    from voordeur.households.models import Household

    for facts in world.facts(Household):
        if OURS in facts.trajectories and record_visible(world, who, Household, Category.CONTACT, facts):
            return facts.pk
    return world.households["h5"]


def _unit_for(world: World, who: str) -> int:
    """The unit of h6 (visible to every member of ours that reads places)."""
    from voordeur.households.models import Household

    return Household.objects.get(pk=world.households["h6"]).unit_id


def _visit_payload(world: World, who: str) -> dict:
    return {"unit": _unit_for(world, who), "visited_on": local_today().isoformat(), "time_of_day": "morning",
            "outcome": "talked", "themes": ["maintenance"], "summary": "Kennismaking aan de deur"}


def _other_partner(world: World, who: str) -> int:
    """An organisation at our table that is not the persona's and can take a referral."""
    return world.partners["nbh" if world.partner_of(who) == world.partners["welfare"] else "welfare"]


def _referral_payload(world: World, who: str) -> dict:
    return {"household": _household_for(world, who), "to_partner": _other_partner(world, who),
            "kind": "nbh_support", "consent_given": True, "consent_scope": "Telefoonnummer met het buurtteam"}


def _promise_payload(world: World, who: str) -> dict:
    return {"household": _household_for(world, who), "owner_partner": world.partner_of(who),
            "text": f"Toezegging-API van {who}", "working_days": 5}


def _signal_payload(world: World, who: str) -> dict:
    return {"unit": _unit_for(world, who), "about_household": True, "to_partner": world.partners["muni"],
            "kind": "hemp", "observed_on": local_today().isoformat(), "description": "Signaal-API hennepgeur"}


def _ours(world: World, model: type[models.Model], index: int = 0) -> int:
    return [f.pk for f in world.facts(model) if f.trajectories == {OURS}][index]


def _proposal_payload(world: World, who: str) -> dict:
    from voordeur.places.models import Complex

    today = local_today()
    return {"complex": _ours(world, Complex), "title": f"Nieuw voorstel {who}",
            "sent_on": (today - dt.timedelta(days=1)).isoformat(),
            "response_deadline": (today + dt.timedelta(days=40)).isoformat()}


def _response_payload(world: World, who: str) -> dict:
    from voordeur.consent.models import Proposal
    from voordeur.households.models import Tenancy

    return {"proposal": _ours(world, Proposal), "tenancy": _ours(world, Tenancy, 2), "answer": "yes",
            "responded_on": local_today().isoformat(), "channel": "web"}


CREATES: dict[str, Create] = {
    "contact-log": Create(Category.CONTACTS_LOG, _contact_payload, scoped="household", owned=True),
    "visits": Create(Category.VISITS, _visit_payload, scoped="unit", owned=True),
    "referrals": Create(Category.REFERRALS, _referral_payload, scoped="household", owned=True),
    "promises": Create(Category.PROMISES, _promise_payload, scoped="household", owned=True),
    "crime-signals": Create(Category.CRIME, _signal_payload, scoped="unit", owned=True),
    "partners": Create(Category.ACCOUNTS, lambda world, who: {"slug": f"nieuw-{who}", "name": "Nieuwe partner",
                                                              "kind": "other"}),
    "users": Create(Category.ACCOUNTS, lambda world, who: {
        "username": f"nieuw-{who}", "role": "broker", "partner": world.partners["welfare"],
        "trajectories": [world.trajectories[OURS]]}),
    "proposals": Create(Category.CONSENT, _proposal_payload),
    "consent-responses": Create(Category.CONSENT, _response_payload),
}


def _cases() -> list:
    cases = []
    for route in ROUTES:
        if route.kind in (Kind.SCHEMA, Kind.UNKNOWN):
            continue
        for method in route.methods:
            case = {"get": route.kind.value}.get(method, method)
            for who in who_all():
                cases.append(pytest.param(who, route, method, id=f"{who}-{route.label}-{case}"))
    return cases


def _serializer(route: Route):
    return route.view_class.serializer_class


def _model(route: Route) -> type[models.Model]:
    return _serializer(route).Meta.model


def _facts(world: World, route: Route) -> list[Facts]:
    facts = world.facts(_model(route))
    assert facts, f"the persona world has no {_model(route).__name__} records: add some to tests/personas.py"
    return facts


def _assert_no_forbidden_values(world: World, who: str, response) -> None:
    text = response.content.decode()
    for value, why in forbidden_values(world, who).items():
        assert value not in text, f"{who} got {why} in {response.request['PATH_INFO']}"


def _assert_record(world: World, who: str, route: Route, facts: Facts, record: dict) -> None:
    expected = expected_keys(world, who, _serializer(route), facts)
    assert set(record) == expected, (
        f"{who} on {route.label} #{facts.pk}: unexpected {sorted(set(record) - expected)}, "
        f"missing {sorted(expected - set(record))}"
    )


def _check_list(world: World, client, who: str, route: Route) -> None:
    response = client.get(route.url(), {"page_size": 500})
    if not grant_level(who, route.primary_category).reads:
        assert response.status_code == 404, response.content
        return
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    by_pk = {facts.pk: facts for facts in _facts(world, route)}
    got = [record["id"] for record in body["results"]]
    expected = {pk for pk, f in by_pk.items() if record_visible(world, who, _model(route), route.primary_category, f)}
    assert len(got) == len(set(got)) == body["count"], "duplicates or a wrong count"
    assert set(got) == expected, f"unexpected {sorted(set(got) - expected)}, missing {sorted(expected - set(got))}"
    if who == OUTSIDER:
        ours_only = {pk for pk, f in by_pk.items() if f.trajectories == {OURS}}
        assert not set(got) & ours_only
    for record in body["results"]:
        _assert_record(world, who, route, by_pk[record["id"]], record)
    _assert_no_forbidden_values(world, who, response)


def _check_detail(world: World, client, who: str, route: Route) -> None:
    facts_list = _facts(world, route)
    for facts in facts_list:
        response = client.get(route.url(pk=facts.pk))
        if record_visible(world, who, _model(route), route.primary_category, facts):
            assert response.status_code == 200, (facts, response.content)
            _assert_record(world, who, route, facts, response.json())
            _assert_no_forbidden_values(world, who, response)
        else:
            assert response.status_code == 404, (facts, response.content)
    missing = max(f.pk for f in facts_list) + 10_000
    assert client.get(route.url(pk=missing)).status_code == 404


def _change(route: Route, obj: models.Model) -> dict:
    """One change to a writable field of the primary category (empty if there is none)."""
    serializer_class = _serializer(route)
    for name, field in serializer_class(context={}).fields.items():
        if field.read_only or serializer_class.category_of(name) != route.primary_category:
            continue
        value = getattr(obj, field.source, None)
        if isinstance(field, serializers.ChoiceField):
            other = [choice for choice in field.choices if choice != value and choice != ""]
            if other:
                return {name: other[0]}
        elif isinstance(field, serializers.CharField) and not isinstance(
            field, serializers.EmailField | serializers.SlugField | serializers.URLField | serializers.RegexField
        ):
            limit = field.max_length or 200
            return {name: (f"{value or ''}-bijgewerkt")[-limit:]}
        elif isinstance(field, serializers.IntegerField) and not isinstance(field, serializers.BooleanField):
            return {name: (value + 1) if value else 1980}
    return {}


def _check_patch(world: World, client, who: str, route: Route) -> None:
    model, primary = _model(route), route.primary_category
    ours = [f for f in _facts(world, route) if OURS in f.trajectories]
    visible = [f for f in ours if record_visible(world, who, model, primary, f)]
    target = (visible or ours)[0]
    obj = model.objects.get(pk=target.pk)
    change = _change(route, obj)
    response = client.patch(route.url(pk=target.pk), {"version": obj.version, **change}, format="json")
    if not record_visible(world, who, model, primary, target):
        assert response.status_code == 404, response.content
    elif not grant_level(who, primary).writes:
        assert response.status_code == 403, response.content
    else:
        assert response.status_code == 200, response.content
        _assert_record(world, who, route, target, response.json())
        obj.refresh_from_db()
        for name, value in change.items():
            assert getattr(obj, _serializer(route)(context={}).fields[name].source) == value
        if change:
            assert obj.version == response.json()["version"]
            assert AuditEvent.objects.filter(action="update", object_id=str(target.pk), actor=who,
                                             object_type=model._meta.label_lower).exists()


def _check_post(world: World, client, who: str, route: Route) -> None:
    create = CREATES.get(route.label)
    assert create is not None, f"POST {route.template}: teach CREATES in {__name__} how to create one"
    payload = create.payload(world, who)
    response = client.post(route.url(), payload, format="json")
    level = grant_level(who, create.category)
    if not level.reads:
        assert response.status_code == 404, response.content
    elif not level.writes:
        assert response.status_code == 403, response.content
    elif create.scoped and not _may_see(world, who, create.scoped, payload[create.scoped]):
        # a household or unit the persona cannot see does not exist for it: the same answer as a missing one
        assert response.status_code == 400, response.content
        assert set(response.json()) == {create.scoped}, response.content
        missing = client.post(route.url(), {**payload, create.scoped: 10**9}, format="json")
        assert missing.status_code == 400 and missing.json() == response.json(), (missing.content, response.content)
    else:
        assert response.status_code == 201, response.content
        created = response.json()
        model = _model(route)
        obj = model.objects.get(pk=created["id"])
        if model is ContactLogEntry:
            assert obj.partner_id == world.partner_of(who) and obj.user_id == world.users[who]
        if create.owned:
            facts = Facts(pk=obj.pk, trajectories=frozenset({OURS}), household_id=obj.household_id,
                          partner_id=world.partner_of(who))
        else:
            facts = Facts(pk=obj.pk, trajectories=frozenset({OURS}))
        _assert_record(world, who, route, facts, created)
        assert AuditEvent.objects.filter(action="create", object_id=str(obj.pk), actor=who,
                                         object_type=model._meta.label_lower).exists()
    _assert_no_forbidden_values(world, who, response)


def _may_see(world: World, who: str, key: str, pk: int) -> bool:
    from voordeur.households.models import Household
    from voordeur.places.models import Unit

    model, category = {"household": (Household, Category.CONTACT), "unit": (Unit, Category.PLACES)}[key]
    facts = next(f for f in world.facts(model) if f.pk == pk)
    return record_visible(world, who, model, category, facts)


# Record actions (POST /<resource>/{pk}/<action>/): how to take one as a persona, and the answer
# it must get (tests/referrals/oracle.py works it out from the policy table and the record).
ACTIONS: dict[str, Callable[[World, str], tuple[int, dict, int]]] = {
    "referrals-transition": lambda world, who: _transition_case(world, who, "referrals"),
    "promises-transition": lambda world, who: _transition_case(world, who, "promises"),
}


def _transition_case(world: World, who: str, resource: str) -> tuple[int, dict, int]:
    from tests.referrals.oracle import transition_case
    from voordeur.referrals.models import Promise, Referral

    if resource == "referrals":
        return transition_case(world, who, Referral, Category.REFERRALS)
    return transition_case(world, who, Promise, Category.PROMISES)


def _check_action(world: World, client, who: str, route: Route) -> None:
    case = ACTIONS.get(route.label)
    assert case is not None, f"POST {route.template}: teach ACTIONS in {__name__} how to take this action"
    pk, payload, expected = case(world, who)
    response = client.post(route.url(pk=pk), payload, format="json")
    assert response.status_code == expected, (pk, payload, response.content)
    if expected == 200:
        model = _model(route)
        assert response.json()["status"] == payload["status"] == model.objects.get(pk=pk).status
        assert AuditEvent.objects.filter(object_type=model._meta.label_lower, object_id=str(pk), actor=who).exists()
    _assert_no_forbidden_values(world, who, response)


def _check_summary(world: World, client, who: str, route: Route) -> None:
    model, serializer_class = route.view_class.record_model, route.view_class.serializer_class
    facts_list = world.facts(model)
    assert facts_list, f"the persona world has no {model.__name__} records"
    for facts in facts_list:
        response = client.get(route.url(pk=facts.pk))
        if record_visible(world, who, model, route.primary_category, facts):
            assert response.status_code == 200, (facts, response.content)
            assert set(response.json()) == expected_keys(world, who, serializer_class, facts)
        else:
            assert response.status_code == 404, (facts, response.content)
        _assert_no_forbidden_values(world, who, response)
    assert client.get(route.url(pk=max(f.pk for f in facts_list) + 10_000)).status_code == 404


def _check_aggregate(world: World, client, who: str, route: Route) -> None:
    for slug, pk in world.trajectories.items():
        response = client.get(route.url(pk=pk))
        member = slug in world.member_of(who)
        if member and grant_level(who, route.primary_category).counts:
            assert response.status_code == 200, response.content
            assert response.json()["category"] == route.primary_category
        else:
            assert response.status_code == 404, response.content
        _assert_no_forbidden_values(world, who, response)


@pytest.mark.parametrize(("who", "route", "method"), _cases())
def test_api(world: World, client_for, who: str, route: Route, method: str) -> None:
    client = client_for(who)
    if route.kind is Kind.AGGREGATE:
        assert method == "get"
        _check_aggregate(world, client, who, route)
    elif route.kind is Kind.SUMMARY:
        assert method == "get"
        _check_summary(world, client, who, route)
    elif method == "get":
        (_check_list if route.kind is Kind.LIST else _check_detail)(world, client, who, route)
    elif method == "patch" and route.kind is Kind.DETAIL:
        _check_patch(world, client, who, route)
    elif method == "post" and route.kind is Kind.LIST:
        _check_post(world, client, who, route)
    elif method == "post" and route.kind is Kind.DETAIL:
        _check_action(world, client, who, route)
    else:
        pytest.fail(f"{method.upper()} {route.template}: the access matrix does not know this method yet")


def test_every_api_route_is_classified() -> None:
    """A route that is neither a record resource, an aggregate nor the schema gets no generated
    access tests: teach tests/access/routes.py about it."""
    unknown = [route.template for route in ROUTES if route.kind is Kind.UNKNOWN]
    assert not unknown
    assert len(record_routes()) >= 10


def _anonymous_cases() -> list:
    return [
        pytest.param(route, method, id=f"{route.label}-{route.kind}-{method}")
        for route in ROUTES for method in route.methods
    ]


@pytest.mark.parametrize(("route", "method"), _anonymous_cases())
def test_anonymous_gets_401(world: World, api_client, route: Route, method: str) -> None:
    """Without credentials every route answers 401 — the schema included (decision: the
    schema is for authenticated integrators only)."""
    kwargs = {name: world.trajectories[OURS] for name in route.kwargs}
    url = route.url(**kwargs)
    response = api_client.get(url) if method == "get" else getattr(api_client, method)(url, {}, format="json")
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Token")
    assert "Akkerwinde" not in response.content.decode()


@pytest.mark.parametrize("route", [r for r in ROUTES if "patch" in r.methods], ids=lambda r: r.label)
def test_stale_version_conflicts(world: World, client_for, route: Route) -> None:
    writer = next(who for who in who_all() if who != OUTSIDER and grant_level(who, route.primary_category).writes
                  and not grant_level(who, route.primary_category).own_only)
    model = _model(route)
    target = next(f for f in _facts(world, route) if OURS in f.trajectories)
    obj = model.objects.get(pk=target.pk)
    change = _change(route, obj)
    assert change, f"{route.label}: no writable field to change"
    client = client_for(writer)
    stale = client.patch(route.url(pk=target.pk), {"version": obj.version - 1, **change}, format="json")
    assert stale.status_code == 409, stale.content
    assert stale.json()["current_version"] == obj.version
    missing = client.patch(route.url(pk=target.pk), change, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    fresh = client.patch(route.url(pk=target.pk), {"version": obj.version, **change}, format="json")
    assert fresh.status_code == 200 and fresh.json()["version"] == obj.version + 1
