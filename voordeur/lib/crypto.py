"""Encryption at rest for the sensitive categories (access.md rule 4: life_domains, arrears, crime).

Values are Fernet tokens (AES-128-CBC + HMAC-SHA256) made with the newest key of
`settings.FIELD_KEYS`; any listed key decrypts, so keys rotate without downtime:
put the new key first, run `voordeur rotatekeys`, then drop the old one.
The database never holds the plain text; queries cannot filter on these fields.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"  # marks a stored token, so a plain value never passes for ciphertext


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("VOORDEUR_FIELD_KEYS is empty")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(f"VOORDEUR_FIELD_KEYS holds a key that is not a Fernet key: {error}") from None


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_KEYS))


def encrypt(text: str) -> str:
    return PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("stored value is not encrypted")
    try:
        return fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured("an encrypted field cannot be read with any key in VOORDEUR_FIELD_KEYS") from None


def rotate(stored: str) -> str:
    """The same plain text under the newest key."""
    return PREFIX + fernet().rotate(stored.removeprefix(PREFIX).encode()).decode()


class EncryptedJSONField(models.TextField):
    """Any JSON value (text, number, list, dict, None), encrypted as a whole.

    None is stored as NULL when the field is nullable; everything else, "" included, is
    encrypted, so the database does not even show which notes are empty.
    """

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX):
            return json.loads(decrypt(value))
        return value

    def get_prep_value(self, value):
        if value is None and self.null:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))

    def get_internal_type(self):
        return "TextField"

    def formfield(self, **kwargs):
        return None  # forms declare their own fields for the decrypted value


def needs_rotation(stored: str) -> bool:
    """True when the newest key did not make this token."""
    newest = Fernet(settings.FIELD_KEYS[0].encode())
    try:
        newest.decrypt(stored.removeprefix(PREFIX).encode())
    except InvalidToken:
        return True
    return False


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    """(model, field name) for every encrypted field in the project."""
    from django.apps import apps

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedJSONField)
    ]
