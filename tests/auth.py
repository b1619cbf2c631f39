"""Logging personas in for tests, second factor included.

Roles that read sensitive categories (and privacy, admin) must enter a TOTP code after their
password (voordeur/accounts/mfa.py). Tests that are not about logging in use `login_verified`:
Django's force_login plus, where the role needs it, a confirmed TOTP device whose id is put in
the session exactly as django_otp.login() does after a right code.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from voordeur.accounts import mfa


def totp_device(user) -> TOTPDevice:
    """The user's confirmed authenticator app, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=mfa.DEVICE_NAME, confirmed=True)
    return device


def totp_code(device: TOTPDevice) -> str:
    """A code the device accepts now: the current one, or the next if the current one was used
    (django-otp refuses a code twice and accepts one step of drift either way)."""
    device.refresh_from_db()
    now_t = int((time.time() - device.t0) // device.step)
    t = max(now_t, device.last_t + 1)
    return mfa.totp_token(device.key, at=device.t0 + t * device.step, step=device.step, digits=device.digits)


def login_verified(client: Client, user) -> Client:
    """force_login, with the second factor done where the user's role needs one."""
    client.force_login(user)
    if mfa.requires_second_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
    return client
