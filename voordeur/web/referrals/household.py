"""The referrals and promises of one household, for its page and for the start page's escalation."""

from dataclasses import dataclass

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.lib.dates import today
from voordeur.referrals.models import Promise
from voordeur.referrals.selectors import overdue_promises, promise_list, referral_list
from voordeur.web.referrals.rows import promise_rows, referral_rows

OVERDUE_LIMIT = 20


def household_section(user, household) -> dict:
    """Context for web/referrals/_household.html: what this user may see and start here."""
    show_referrals = grant(user, Category.REFERRALS).reads
    show_promises = grant(user, Category.PROMISES).reads
    referrals = referral_list(user=user).filter(household=household).order_by("-created_at", "-id")
    promises = promise_list(user=user).filter(household=household).order_by("due_date", "id")
    return {
        "show_referrals": show_referrals,
        "household_referrals": referral_rows(user, referrals) if show_referrals else [],
        "show_promises": show_promises,
        "household_promises": promise_rows(user, promises) if show_promises else [],
        "can_refer": grant(user, Category.REFERRALS).writes,
        "can_promise": grant(user, Category.PROMISES).writes,
    }


@dataclass(frozen=True)
class OverdueItem:
    promise: Promise
    address: str | None
    days_late: int
    trajectory_slug: str | None
    trajectory_name: str


def overdue_items(user, trajectories) -> tuple[list[OverdueItem], bool]:
    """The user's overdue promises for the start page (most overdue first) and whether there are
    more than shown. Own-levels: their organisation's; full readers: all in their trajectories."""
    if not grant(user, Category.PROMISES).reads:
        return [], False
    by_complex = {t.complex_id: t for t in sorted(trajectories, key=lambda t: -t.pk)}
    show_address = grant(user, Category.PLACES).reads
    day = today()
    rows = list(overdue_promises(user=user)[: OVERDUE_LIMIT + 1])
    items = []
    for promise in rows[:OVERDUE_LIMIT]:
        trajectory = by_complex.get(promise.household.unit.complex_id)
        items.append(OverdueItem(
            promise=promise, address=promise.household.unit.address if show_address else None,
            days_late=(day - promise.due_date).days,
            trajectory_slug=trajectory.slug if trajectory else None,
            trajectory_name=trajectory.name if trajectory else "",
        ))
    return items, len(rows) > OVERDUE_LIMIT
