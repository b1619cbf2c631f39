"""API tokens: no household data, but kept no longer than needed (retention only; registry: voordeur/privacy)."""

from voordeur.access.policy import Category
from voordeur.accounts.models import ApiToken
from voordeur.privacy.registry import DELETE, after_date, register

register(ApiToken, category=Category.ACCOUNTS, household=None, erase=DELETE, retention=after_date("expires_at"))
