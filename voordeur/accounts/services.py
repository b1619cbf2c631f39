"""Managing partners, users and memberships (the technical admin's work)."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from voordeur.access.policy import Category, Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.audit import log as audit
from voordeur.lib.services import create_record, update_record


@transaction.atomic
def partner_create(*, by, slug: str, name: str, kind: str) -> Partner:
    return create_record(Partner(slug=slug, name=name, kind=kind), by=by, category=Category.ACCOUNTS)


@transaction.atomic
def user_create(
    *, by, username: str, role: str, partner: Partner, email: str = "", first_name: str = "", last_name: str = "",
    password: str | None = None, trajectory_ids: list[int] | None = None,
) -> User:
    """A new account with one role in one organisation. Without a password it cannot log in
    until one is set (no default passwords)."""
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}")
    user = User(username=username, role=role, partner=partner, email=email, first_name=first_name,
                last_name=last_name)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    create_record(user, by=by, category=Category.ACCOUNTS, detail={"role": role, "partner": partner.slug})
    for trajectory_id in trajectory_ids or []:
        membership_add(by=by, user=user, trajectory_id=trajectory_id)
    return user


@transaction.atomic
def user_update(*, user: User, by, changes: dict[str, Any], expected_version: int) -> User:
    return update_record(user, by=by, changes=changes, expected_version=expected_version, category=Category.ACCOUNTS)


@transaction.atomic
def membership_add(*, by, user: User, trajectory_id: int) -> Membership:
    membership, created = Membership.objects.get_or_create(user=user, trajectory_id=trajectory_id)
    if created:
        audit.record(by, "create", category=Category.ACCOUNTS, obj=membership, trajectory_id=trajectory_id,
                     detail={"user": user.get_username()})
    return membership


@transaction.atomic
def membership_remove(*, by, user: User, trajectory_id: int) -> None:
    deleted, _ = Membership.objects.filter(user=user, trajectory_id=trajectory_id).delete()
    if deleted:
        audit.record(by, "delete", category=Category.ACCOUNTS, object_type="accounts.membership",
                     object_id=f"{user.pk}:{trajectory_id}", trajectory_id=trajectory_id,
                     detail={"user": user.get_username()})
