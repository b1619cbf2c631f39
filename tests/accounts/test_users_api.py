"""The users API: bad input is a 400 naming the field (never a 500); valid input still works."""

import pytest

from voordeur.accounts.models import User
from voordeur.audit.models import AuditEvent


def test_a_valid_create_makes_the_user_with_its_trajectories_and_audits_it(world, client_for) -> None:
    trajectory = world.trajectories["ons-traject"]
    response = client_for("admin").post("/api/v1/users/", {
        "username": "nieuwe-buurtwerker", "role": "broker", "partner": world.partners["welfare"],
        "trajectories": [trajectory],
    }, format="json")
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="nieuwe-buurtwerker")
    assert (user.role, user.partner_id, response.json()["trajectories"]) == ("broker", world.partners["welfare"],
                                                                               [trajectory])
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="create", object_type="accounts.user", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(("body", "field"), [
    ({"role": ""}, "role"), ({"role": "koning"}, "role"), ({"partner": None}, "partner"),
    ({"partner": 10**9}, "partner"), ({"trajectories": [10**9]}, "trajectories"), ({"username": "admin"}, "username"),
    ({"email": "geen-adres"}, "email"),
], ids=["blank-role", "unknown-role", "null-partner", "unknown-partner", "unknown-trajectory", "taken-username",
        "bad-email"])
def test_an_invalid_update_is_a_400_naming_the_field_and_changes_nothing(world, client_for, body, field) -> None:
    broker = world.user("broker")
    response = client_for("admin").patch(f"/api/v1/users/{broker.pk}/", {**body, "version": broker.version},
                                         format="json")
    assert response.status_code == 400, response.status_code
    assert field in response.json(), response.json()
    broker.refresh_from_db()
    assert (broker.role, broker.partner_id, broker.version) == ("broker", world.partner_of("broker"), 1)


def test_a_valid_update_still_changes_role_and_partner(world, client_for) -> None:
    broker = world.user("broker")
    response = client_for("admin").patch(f"/api/v1/users/{broker.pk}/", {
        "role": "debt_help", "partner": world.partners["welfare"], "version": broker.version,
    }, format="json")
    assert response.status_code == 200, response.json()
    broker.refresh_from_db()
    assert (broker.role, broker.version) == ("debt_help", 2)
