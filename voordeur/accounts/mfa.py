"""Who needs a second factor, and the TOTP pieces: the secret, the otpauth:// URI, its QR code.

A role needs a second factor when its level in the policy table *reads* (individual records,
all or its own) any of the sensitive categories — life domains, arrears, crime, research —
and the privacy officer and technical admin always do: they hold the audit log and the
accounts (issue 6). The set is computed from the table, never a list of role names, so a
change of the table changes who needs a code (ADR 0006).
"""

import base64
import io
from binascii import unhexlify

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from voordeur.access.policy import SENSITIVE, Category, Role, level

# The categories whose reads need a second factor: those whose reads are audited and that are
# encrypted at rest (policy.SENSITIVE).
SECOND_FACTOR_CATEGORIES: frozenset[Category] = SENSITIVE
# Named by the issue: the privacy officer (audit log) and the admin (accounts) need it too.
ALWAYS_SECOND_FACTOR: frozenset[Role] = frozenset({Role.PRIVACY, Role.ADMIN})

KEY_BYTES = 20  # 160 bits, as RFC 4226 recommends
DEVICE_NAME = "Authenticator-app"


def role_requires_second_factor(role: str | None) -> bool:
    if role in ALWAYS_SECOND_FACTOR:
        return True
    return any(level(role, category).reads for category in SECOND_FACTOR_CATEGORIES)


def roles_requiring_second_factor() -> frozenset[Role]:
    return frozenset(role for role in Role if role_requires_second_factor(role))


def is_demo_exempt(user) -> bool:
    """Demo accounts in demo mode only: outside demo mode the flag exempts nothing."""
    return bool(settings.DEMO_MODE and getattr(user, "demo_account", False))


def requires_second_factor(user) -> bool:
    """Whether this user must enter a TOTP code after their password before anything else."""
    if user is None or not user.is_authenticated:
        return False
    if is_demo_exempt(user):
        return False
    return role_requires_second_factor(user.role)


def is_verified(user) -> bool:
    """This session's user entered a code (django-otp's OTPMiddleware installs is_verified())."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def new_key() -> str:
    """A new TOTP secret, hex-encoded as TOTPDevice stores it."""
    return random_hex(KEY_BYTES)


def base32_secret(key_hex: str) -> str:
    """The secret as authenticator apps take it when typed in, in groups of four."""
    text = base64.b32encode(unhexlify(key_hex)).decode().rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def otpauth_uri(user, key_hex: str) -> str:
    """The otpauth://totp/ URI (issuer from OTP_TOTP_ISSUER) an authenticator app scans."""
    return TOTPDevice(user=user, key=key_hex, name=DEVICE_NAME).config_url


def qr_data_uri(text: str) -> str:
    """An SVG QR code of `text` as a data: URI for an <img> (the CSP allows data: images only)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=4)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def totp_token(key_hex: str, *, at: float, step: int = 30, digits: int = 6) -> str:
    """The code for `key_hex` at unix time `at` (tests and the browser login helper use it)."""
    totp = TOTP(unhexlify(key_hex), step=step, digits=digits)
    totp.time = at
    return f"{totp.token():0{digits}d}"
