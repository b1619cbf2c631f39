import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant, trajectory_ids
from voordeur.accounts.models import Partner, User, UserSession


def partner_list(*, user) -> QuerySet[Partner]:
    """Partners at the table of the user's trajectories, and the user's own organisation."""
    if grant(user, Category.ACCOUNTS).writes:
        return Partner.objects.all()
    if not grant(user, Category.META).reads:
        return Partner.objects.none()
    return Partner.objects.filter(
        Q(trajectories__trajectory_id__in=trajectory_ids(user)) | Q(pk=user.partner_id)
    ).distinct()


@audited_access(Category.META)
def access_partner(user, pk, *, write: bool = False) -> Partner:
    qs = partner_list(user=user)
    if write and not grant(user, Category.ACCOUNTS).writes:
        qs = qs.none()
    return get_or_404(qs, pk)


def user_list(*, user) -> QuerySet[User]:
    """Own-read: only oneself. Read (privacy officer) and write (admin): everyone."""
    granted = grant(user, Category.ACCOUNTS)
    qs = User.objects.select_related("partner").prefetch_related("trajectories")
    if not granted.reads:
        return qs.none()
    return qs.filter(pk=user.pk) if granted.own_only else qs


@audited_access(Category.ACCOUNTS)
def access_user(user, pk, *, write: bool = False) -> User:
    granted = grant(user, Category.ACCOUNTS)
    if write and not granted.writes:
        return get_or_404(User.objects.none(), pk)
    return get_or_404(user_list(user=user), pk)


def user_session_list(*, user) -> QuerySet[UserSession]:
    """The user's own sessions that are still alive by the idle and age rules, latest first.
    Sessions are personal: nobody, not even the admin, lists another user's sessions here."""
    if not user.is_authenticated:
        return UserSession.objects.none()
    now = timezone.now()
    return UserSession.objects.filter(
        user=user,
        last_seen__gte=now - dt.timedelta(seconds=settings.SESSION_IDLE_SECONDS),
        created_at__gte=now - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE),
    ).order_by("-last_seen", "-pk")


def access_user_session(user, pk) -> UserSession:
    return get_or_404(user_session_list(user=user), pk)
