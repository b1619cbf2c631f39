"""Which data categories each import kind writes: the first is the kind's primary category
(what its page and its import runs are filed under); a user must be allowed to write all of
them to import the kind (tenancies: household data and contact details)."""

from voordeur.access.policy import Category
from voordeur.access.scope import grant

KIND_CATEGORY: dict[str, tuple[Category, ...]] = {
    "units": (Category.PLACES,),
    "tenancies": (Category.HOUSEHOLD, Category.CONTACT),
    "arrears": (Category.ARREARS,),
    "repairs": (Category.REPAIRS,),
    "caseload": (Category.REFERRALS,),
    "votes": (Category.CONSENT,),
}
WEB_KINDS = ("units", "tenancies", "arrears", "repairs", "caseload")  # uploadable in the web
TENANCY_AGREEMENT = "huurovereenkomst"  # interfaces.md: --legal-basis defaults to the tenancy agreement
# the default legal basis per kind (--legal-basis, and the web form's initial value)
LEGAL_BASIS = {
    "units": TENANCY_AGREEMENT,
    "tenancies": TENANCY_AGREEMENT,
    "arrears": "convenant vroegsignalering",
    "repairs": TENANCY_AGREEMENT,
    "caseload": "convenant sociaal renoveren",
    "votes": TENANCY_AGREEMENT,
}


def may_import(user, kind: str) -> bool:
    return all(grant(user, category).writes for category in KIND_CATEGORY[kind])


def importable_kinds(user) -> list[str]:
    return [kind for kind in WEB_KINDS if may_import(user, kind)]
