"""Reads of referrals and promises, scoped to the user.

Own-levels (access.md): a referral is the organisation's own when it sent it, or when the
household is linked to the organisation (the referral it received links it, for 12 months
after closing); a promise when the organisation must keep it or made it, or the household is
linked. The referral's `reason` is life-domain content with a rule of its own
(`reason_visible`).
"""

from django.db.models import Prefetch, Q, QuerySet

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant, scoped
from voordeur.accounts.models import Partner, User
from voordeur.lib.dates import today
from voordeur.referrals.commitment import PartnerCommitment, PromiseRow, commitment
from voordeur.referrals.models import Promise, Referral, ReferralEvent
from voordeur.referrals.workflow import (
    PROMISE_ACTORS,
    PROMISE_TRANSITIONS,
    REFERRAL_ACTORS,
    REFERRAL_TRANSITIONS,
    allowed_next,
    promise_parties,
    referral_parties,
)
from voordeur.trajectories.models import Trajectory, TrajectoryPartner

REFERRAL_COMPLEX = "household__unit__complex_id"
PROMISE_COMPLEX = "household__unit__complex_id"


def referral_list(*, user, write: bool = False) -> QuerySet[Referral]:
    qs = Referral.objects.select_related("household__unit", "from_partner", "to_partner")
    return scoped(qs, user, Category.REFERRALS, complex_path=REFERRAL_COMPLEX, household_path="household_id",
                  partner_path="from_partner_id", write=write)


@audited_access(Category.REFERRALS)
def access_referral(user, pk, *, write: bool = False) -> Referral:
    return get_or_404(referral_list(user=user, write=write), pk)


def with_events(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.prefetch_related(
        Prefetch("events", queryset=ReferralEvent.objects.select_related("partner").order_by("at", "id"))
    )


def promise_list(*, user, write: bool = False) -> QuerySet[Promise]:
    qs = Promise.objects.select_related("household__unit", "owner_partner", "made_by_partner", "referral")
    return scoped(qs, user, Category.PROMISES, complex_path=PROMISE_COMPLEX, household_path="household_id",
                  partner_path=("owner_partner_id", "made_by_partner_id"), write=write)


@audited_access(Category.PROMISES)
def access_promise(user, pk, *, write: bool = False) -> Promise:
    return get_or_404(promise_list(user=user, write=write), pk)


def overdue_promises(*, user) -> QuerySet[Promise]:
    """Open promises past their due date that this user must act on or oversee.

    Roles with full read on promises oversee every overdue promise in their trajectories;
    own-levels see the ones their own organisation must keep.
    """
    granted = grant(user, Category.PROMISES)
    qs = promise_list(user=user).filter(status=Promise.Status.OPEN, due_date__lt=today())
    if granted.own_only:
        qs = qs.filter(owner_partner_id=user.partner_id) if user.partner_id else qs.none()
    return qs.order_by("due_date", "id")


def reason_visible(user, referral: Referral) -> bool:
    """The referral's reason (life_domains) for this user: to the sending organisation, and to
    the receiving organisation only when the resident consented — never to anyone else."""
    if not grant(user, Category.LIFE_DOMAINS).reads or not user.partner_id:
        return False
    if user.partner_id == referral.from_partner_id:
        return True
    return user.partner_id == referral.to_partner_id and referral.consent_given


def referral_next(user, referral: Referral) -> list[str]:
    """The statuses this user may move the referral to now."""
    if not grant(user, Category.REFERRALS).writes:
        return []
    parties = referral_parties(partner_id=user.partner_id, from_partner_id=referral.from_partner_id,
                               to_partner_id=referral.to_partner_id)
    return allowed_next(REFERRAL_TRANSITIONS, REFERRAL_ACTORS, referral.status, parties)


def promise_next(user, promise: Promise) -> list[str]:
    granted = grant(user, Category.PROMISES)
    if not granted.writes:
        return []
    parties = promise_parties(partner_id=user.partner_id, owner_partner_id=promise.owner_partner_id,
                              made_by_partner_id=promise.made_by_partner_id,
                              full_writer=not granted.own_only)
    return allowed_next(PROMISE_TRANSITIONS, PROMISE_ACTORS, promise.status, parties)


def referral_writers_q(trajectory_id: int) -> Q:
    """Users who can handle a referral in this trajectory: members whose role writes referrals."""
    from voordeur.access.policy import POLICY

    roles = [role for role, level in POLICY[Category.REFERRALS].items() if level.writes]
    return Q(role__in=roles, is_active=True, memberships__trajectory_id=trajectory_id)


def receiving_partners(*, trajectory: Trajectory, exclude_partner_id: int | None) -> QuerySet[Partner]:
    """Partners at the trajectory's table that can take a referral (they have someone who may
    handle referrals in this trajectory), the sender itself left out."""
    at_table = TrajectoryPartner.objects.filter(trajectory=trajectory).values("partner_id")
    handlers = User.objects.filter(referral_writers_q(trajectory.pk)).values("partner_id")
    qs = Partner.objects.filter(pk__in=at_table).filter(pk__in=handlers).order_by("name")
    if exclude_partner_id:
        qs = qs.exclude(pk=exclude_partner_id)
    return qs


def table_partners(*, trajectory: Trajectory) -> QuerySet[Partner]:
    return Partner.objects.filter(trajectories__trajectory=trajectory).order_by("name")


def commitment_by_partner(*, user, trajectory: Trajectory) -> list[PartnerCommitment] | None:
    """Kept-on-time figures per owner organisation for the trajectory's complex; None for users
    who may not see all promises (own-levels see only their own, so no fair comparison)."""
    granted = grant(user, Category.PROMISES)
    if not granted.reads or granted.own_only:
        return None
    rows = (
        promise_list(user=user)
        .filter(**{PROMISE_COMPLEX: trajectory.complex_id})
        .order_by()
        .values_list("owner_partner_id", "owner_partner__name", "status", "due_date", "kept_on")
    )
    return commitment((PromiseRow(*row) for row in rows), today=today())
