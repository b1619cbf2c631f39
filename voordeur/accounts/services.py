"""Managing partners, users and memberships (the technical admin's work); a user's own
sessions and second factor."""

import datetime as dt
from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from voordeur.access.policy import Category, Role
from voordeur.accounts import mfa
from voordeur.accounts.models import Membership, Partner, User, UserSession
from voordeur.accounts.sessions import session_store
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


# --- Sessions (ADR 0006) ---------------------------------------------------------------------


@transaction.atomic
def user_session_start(*, user: User, session_key: str, ip: str | None, user_agent: str) -> UserSession:
    """Record a new signed-in session (at login; the login itself is audited by auth_events).
    Sessions of this user that are over by the idle or age rule are forgotten on the way."""
    now = timezone.now()
    UserSession.objects.filter(user=user).filter(
        Q(last_seen__lt=now - dt.timedelta(seconds=settings.SESSION_IDLE_SECONDS))
        | Q(created_at__lt=now - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE))
    ).delete()
    session, _ = UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={"user": user, "created_at": now, "last_seen": now, "ip": ip, "user_agent": user_agent},
    )
    return session


def user_session_seen(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    """Activity in a session (the middleware calls this at most once a minute per session)."""
    now = timezone.now()
    updated = UserSession.objects.filter(session_key=session_key, user=user).update(last_seen=now, ip=ip)
    if not updated:  # a session from before this table, or one whose key changed
        UserSession.objects.update_or_create(
            session_key=session_key, defaults={"user": user, "last_seen": now, "ip": ip, "user_agent": user_agent}
        )


def user_session_rekey(*, old_key: str | None, new_key: str) -> None:
    """The session got a new key (after the second factor): its row follows."""
    if old_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def user_session_forget(*, session_key: str | None) -> None:
    """The session ended by logout (audited as the logout)."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def user_session_end(*, by: User, session: UserSession) -> None:
    """End one of `by`'s own sessions elsewhere: its data leaves the session store, so the
    browser holding it is signed out at its next request."""
    if session.user_id != by.pk:
        raise ValueError("a user ends only their own sessions")
    session_store(session.session_key).delete()
    audit.record(by, "delete", category=Category.ACCOUNTS, object_type="accounts.usersession",
                 object_id=session.pk, detail={"reason": "ended_by_user"})
    session.delete()


@transaction.atomic
def user_sessions_end_others(*, by: User, keep_key: str | None) -> int:
    """End all of `by`'s sessions except the one with `keep_key` (the current one)."""
    others = list(UserSession.objects.filter(user=by).exclude(session_key=keep_key or ""))
    for session in others:
        user_session_end(by=by, session=session)
    return len(others)


# --- Second factor (ADR 0006) ------------------------------------------------------------------


def second_factor_failed(*, request, user: User) -> None:
    """A wrong TOTP code: the same signal as a wrong password, so axes counts it toward the
    lockout of this username and address and auth_events audits it (with factor "totp")."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username(), "factor": "totp"}, request=request
    )


@transaction.atomic
def second_factor_verify(*, user: User, device: TOTPDevice, token: str) -> bool:
    """Check a code against the user's confirmed device (django-otp throttles repeated
    failures and refuses a code that was used before). Audits a success as a login with
    factor totp; a failure is the caller's to report (second_factor_failed)."""
    verified = django_otp.verify_token(user, device.persistent_id, token)
    if verified is None:
        return False
    audit.record(user, "login", category=Category.ACCOUNTS, obj=user, detail={"factor": "totp"})
    return True


@transaction.atomic
def second_factor_enrol(*, user: User, key_hex: str, token: str) -> TOTPDevice | None:
    """Confirm a new authenticator app: the code must match the secret the user was shown.
    On success the new device replaces any earlier one; audited as a create."""
    device = (TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False, key=key_hex).first()
              or TOTPDevice(user=user, confirmed=False, key=key_hex, name=mfa.DEVICE_NAME))
    device.full_clean()
    device.save()
    if not device.verify_token(token):
        return None
    replaced, _ = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "create", category=Category.ACCOUNTS, obj=device, detail={"replaced": replaced})
    return device


@transaction.atomic
def second_factor_reset(*, by, user: User) -> int:
    """Remove a user's authenticator apps (lost phone): they enrol anew at their next login."""
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    audit.record(by, "delete", category=Category.ACCOUNTS, object_type="otp_totp.totpdevice",
                 object_id=user.pk, detail={"user": user.get_username(), "devices": deleted})
    return deleted
