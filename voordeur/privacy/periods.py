"""THE retention table: how long each kind of personal data is kept, in days.

One row per data category (plus `letter_batches`, the printed PDFs, which are kept much
shorter than the consent and works data they come from). The date a period runs from is
chosen where a model is registered (`voordeur/<app>/privacy.py`); docs/retention.md gives
the reasoning for every default. Override per deployment with
`VOORDEUR_RETENTION_<KEY>_DAYS` (e.g. `VOORDEUR_RETENTION_CONTACTS_LOG_DAYS=365`), read
into `settings.RETENTION_DAYS`; an unknown key or a negative number stops the run.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from voordeur.access.policy import Category
from voordeur.privacy.due import resolve_periods

LETTER_BATCHES = "letter_batches"

RETENTION_DEFAULTS: dict[str, int] = {
    # runs from the end of the trajectory's aftercare (phase 6), unless noted
    Category.CONTACT: 365,
    Category.HOUSEHOLD: 365,
    Category.VISITS: 365,
    Category.LIFE_DOMAINS: 365,
    Category.REFERRALS: 365,
    Category.PROMISES: 365,
    Category.OPPORTUNITIES: 365,
    Category.REPAIRS: 365,
    Category.ALLOCATION: 365,
    Category.RESEARCH: 365,
    # runs from the row's own date
    Category.CONTACTS_LOG: 730,  # from the contact
    Category.ARREARS: 365,  # from the signal
    Category.CRIME: 180,  # from the signal
    Category.ACCOUNTS: 90,  # API tokens, from their expiry
    LETTER_BATCHES: 90,  # printed letter PDFs, from the day they were made
    # runs from the end of the renovation phase (phase 4)
    Category.CONSENT: 56,
    Category.WORKS_NEEDS: 56,
    Category.WORKS: 365,
}


def retention_periods() -> dict[str, int]:
    """The periods in force: the defaults above with the deployment's overrides."""
    try:
        return resolve_periods({str(k): v for k, v in RETENTION_DEFAULTS.items()}, settings.RETENTION_DAYS)
    except ValueError as error:
        raise ImproperlyConfigured(f"VOORDEUR_RETENTION_*_DAYS: {error}") from None
