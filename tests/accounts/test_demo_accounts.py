"""The demo loader marks the accounts it creates; only those can be exempt from the second factor."""

import pytest

from voordeur.access.policy import Role
from voordeur.accounts.models import User
from voordeur.demo.build import build_demo


@pytest.mark.django_db
def test_the_demo_loader_marks_its_accounts_as_demo_accounts(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    build_demo()
    assert User.objects.count() == len(Role)
    assert set(User.objects.values_list("demo_account", flat=True)) == {True}
