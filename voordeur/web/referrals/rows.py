"""Referrals and promises as rows for the pages: what this user may see of each, and do with it.

One place decides, per row, whether the household's name is shown (contact), whether the
address is (places), whether the referral behind a promise may be opened (referrals) and which
status changes the workflow allows this user (`selectors.referral_next` / `promise_next`).
"""

from dataclasses import dataclass

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.lib.dates import today
from voordeur.referrals.models import Promise, Referral
from voordeur.referrals.selectors import promise_next, referral_next


@dataclass(frozen=True)
class Change:
    status: str
    label: str | LazyText
    needs_feedback: bool = False
    needs_date: bool = False


CHANGE_LABELS = {
    ("referral", Referral.Status.ACCEPTED): _("Aannemen"),
    ("referral", Referral.Status.DECLINED): _("Afwijzen"),
    ("referral", Referral.Status.COMPLETED): _("Afronden en terugmelden"),
    ("referral", Referral.Status.WITHDRAWN): _("Intrekken"),
    ("promise", Promise.Status.KEPT): _("Nagekomen"),
    ("promise", Promise.Status.BROKEN): _("Niet nagekomen"),
    ("promise", Promise.Status.CANCELLED): _("Laten vervallen"),
}


def _change(kind: str, status: str) -> Change:
    return Change(status=status, label=CHANGE_LABELS[(kind, status)],
                  needs_feedback=kind == "referral" and status == Referral.Status.COMPLETED,
                  needs_date=kind == "promise" and status == Promise.Status.KEPT)


@dataclass(frozen=True)
class HouseholdRef:
    household_id: int
    address: str | None
    name: str | None  # only where the user may read the household's contact data


def household_ref(user, household) -> HouseholdRef:
    return HouseholdRef(
        household_id=household.pk,
        address=household.unit.address if grant(user, Category.PLACES).reads else None,
        name=household.name if field_visible(user, Category.CONTACT, household_id=household.pk) else None,
    )


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    household: HouseholdRef
    changes: tuple[Change, ...]
    overdue: bool  # not yet answered after its respond-by date


@dataclass(frozen=True)
class PromiseRow:
    promise: Promise
    household: HouseholdRef
    changes: tuple[Change, ...]
    overdue: bool
    referral_visible: bool


def referral_rows(user, referrals) -> list[ReferralRow]:
    day = today()
    return [
        ReferralRow(
            referral=r, household=household_ref(user, r.household),
            changes=tuple(_change("referral", s) for s in referral_next(user, r)),
            overdue=r.status == Referral.Status.SENT and r.respond_by < day,
        )
        for r in referrals
    ]


def promise_rows(user, promises) -> list[PromiseRow]:
    day = today()
    reads_referrals = grant(user, Category.REFERRALS).reads
    return [
        PromiseRow(
            promise=p, household=household_ref(user, p.household),
            changes=tuple(_change("promise", s) for s in promise_next(user, p)),
            overdue=p.status == Promise.Status.OPEN and p.due_date < day,
            referral_visible=p.referral_id is not None and reads_referrals and field_visible(
                user, Category.REFERRALS, household_id=p.household_id,
                partner_id=p.referral.from_partner_id if p.referral else None),
        )
        for p in promises
    ]
