"""Reads of phase 2 (Opbouwen) that depend on the user: visits, life-domain conversations,
opportunities, where each door stands in the round, and the contact-load guard.

Life domains follow a finer rule than other own-level data (access.md): an organisation sees
the conversations it had itself in full, and of a conversation another organisation had only
the domains the resident consented to share with a referral to it. `shown_domains` is the one
place that decides which domains of one conversation a user sees.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import OWN_LINK_GRACE, complex_ids, get_or_404, grant, linked_household_ids, scoped
from voordeur.audit import log as audit
from voordeur.households.models import ContactLogEntry, Tenancy
from voordeur.lib.contact_load import Approach, Load, contact_load
from voordeur.lib.dates import today
from voordeur.referrals.models import Referral
from voordeur.visits.domains import LIFE_DOMAINS, SCORES
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit
from voordeur.visits.revisit import Attempt, DoorStatus, door_status

ALL_DOMAINS = frozenset(LIFE_DOMAINS)
# A referral shares the consented domains while it is open or completed (12 months after
# closing, like the household link); a declined or withdrawn referral shares nothing.
SHARING_STATUSES = (Referral.Status.SENT, Referral.Status.ACCEPTED, Referral.Status.COMPLETED)


# --- visits ----------------------------------------------------------------------------------


def visit_list(*, user) -> QuerySet[Visit]:
    qs = Visit.objects.select_related("unit", "unit__portiek", "partner", "broker")
    return scoped(qs, user, Category.VISITS, complex_path="unit__complex_id", household_path="household_id",
                  partner_path="partner_id")


@audited_access(Category.VISITS)
def access_visit(user, pk, *, write: bool = False) -> Visit:
    return get_or_404(
        scoped(Visit.objects.select_related("unit", "unit__portiek", "partner", "broker", "household"), user,
               Category.VISITS, complex_path="unit__complex_id", household_path="household_id",
               partner_path="partner_id", write=write),
        pk,
    )


# --- opportunities ---------------------------------------------------------------------------


def opportunity_list(*, user) -> QuerySet[Opportunity]:
    qs = Opportunity.objects.select_related("unit", "unit__portiek", "partner", "household")
    return scoped(qs, user, Category.OPPORTUNITIES, complex_path="unit__complex_id", household_path="household_id",
                  partner_path="partner_id")


@audited_access(Category.OPPORTUNITIES)
def access_opportunity(user, pk, *, write: bool = False) -> Opportunity:
    return get_or_404(
        scoped(Opportunity.objects.select_related("unit", "unit__portiek", "partner", "household"), user,
               Category.OPPORTUNITIES, complex_path="unit__complex_id", household_path="household_id",
               partner_path="partner_id", write=write),
        pk,
    )


# --- life domains ----------------------------------------------------------------------------


def shared_life_domains(user) -> dict[int, frozenset[str]]:
    """Assessment id -> the domains shared with the user's organisation by referrals to it.

    A referral shares its `shared_domains` of one conversation — its visit's, or when it
    names no visit the household's latest — when the resident consented (or an emergency
    override was recorded), while the referral is open or closed less than 12 months ago.
    Cached on the user object for the request, like the scope's own caches.
    """
    cached = getattr(user, "_voordeur_shared_domains", None)
    if cached is not None:
        return cached
    shared: dict[int, frozenset[str]] = {}
    if user.partner_id and grant(user, Category.LIFE_DOMAINS).reads:
        since = timezone.now() - OWN_LINK_GRACE
        referrals = list(
            Referral.objects.filter(to_partner_id=user.partner_id, status__in=SHARING_STATUSES,
                                    household__unit__complex_id__in=complex_ids(user))
            .filter(Q(consent_given=True) | Q(emergency_override=True))
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=since))
            .values_list("household_id", "visit_id", "shared_domains")
        )
        wanted = [(household, visit, ALL_DOMAINS & set(_keys(domains))) for household, visit, domains in referrals]
        wanted = [row for row in wanted if row[2]]
        if wanted:
            by_visit: dict[int, tuple[int, int]] = {}
            latest: dict[int, int] = {}
            rows = (LifeDomainAssessment.objects
                    .filter(Q(visit_id__in={v for _, v, _ in wanted if v})
                            | Q(household_id__in={h for h, v, _ in wanted if not v}))
                    .order_by("household_id", "-created_at", "-id")
                    .values_list("pk", "visit_id", "household_id"))
            for pk, visit_id, household_id in rows:
                by_visit[visit_id] = (pk, household_id)
                latest.setdefault(household_id, pk)
            for household_id, visit_id, keys in wanted:
                if visit_id:
                    pk, of_household = by_visit.get(visit_id, (None, None))
                    target = pk if of_household == household_id else None
                else:
                    target = latest.get(household_id)
                if target is not None:
                    shared[target] = shared.get(target, frozenset()) | keys
    user._voordeur_shared_domains = shared
    return shared


def _keys(domains) -> list[str]:
    return [key for key in domains if isinstance(key, str)] if isinstance(domains, list) else []


def life_domain_assessment_list(*, user) -> QuerySet[LifeDomainAssessment]:
    """Conversations of which the user may see at least one domain. Aggregate-level roles
    get none (their counts are elsewhere); own-levels their organisation's and shared ones."""
    qs = LifeDomainAssessment.objects.select_related("partner")
    own = scoped(qs, user, Category.LIFE_DOMAINS, complex_path="household__unit__complex_id",
                 partner_path="partner_id")
    granted = grant(user, Category.LIFE_DOMAINS)
    if not granted.own_only:
        return own
    shared = qs.filter(pk__in=list(shared_life_domains(user)), household__unit__complex_id__in=complex_ids(user))
    return own | shared


@audited_access(Category.LIFE_DOMAINS)
def access_life_domains(user, pk, *, write: bool = False) -> LifeDomainAssessment:
    """One conversation: to read, any the user may see some of; to change, only one of the
    user's own organisation (a receiving organisation never edits what was shared with it)."""
    if write:
        qs = scoped(LifeDomainAssessment.objects.select_related("partner", "visit"), user, Category.LIFE_DOMAINS,
                    complex_path="household__unit__complex_id", partner_path="partner_id", write=True)
        return get_or_404(qs, pk)
    return get_or_404(life_domain_assessment_list(user=user).select_related("visit"), pk)


def shown_domains(user, assessment: LifeDomainAssessment) -> frozenset[str]:
    """Which domains of this conversation the user sees (scores and notes alike)."""
    granted = grant(user, Category.LIFE_DOMAINS)
    if not granted.reads:
        return frozenset()
    if not granted.own_only or (user.partner_id and assessment.partner_id == user.partner_id):
        return ALL_DOMAINS
    return shared_life_domains(user).get(assessment.pk, frozenset())


@dataclass(frozen=True)
class DomainEntry:
    key: str
    label: str
    score: int | None
    score_label: str
    note: str


def domain_entries(user, assessment: LifeDomainAssessment) -> list[DomainEntry]:
    """The domains of a conversation this user may see that hold a score or a note, in the
    order of LIFE_DOMAINS."""
    shown = shown_domains(user, assessment)
    entries = []
    for key, label in LIFE_DOMAINS.items():
        value = (assessment.domains or {}).get(key) or {}
        score, note = value.get("score"), value.get("note") or ""
        if key in shown and (score or note):
            entries.append(DomainEntry(key, str(label), score, str(SCORES.get(score, "")), note))
    return entries


def household_life_domains(*, user, household_id: int) -> list[tuple[LifeDomainAssessment, list[DomainEntry]]]:
    """The conversations with one household this user may see, newest first, each with the
    entries shown to this user (shared excerpts hold only the shared domains)."""
    assessments = life_domain_assessment_list(user=user).filter(household_id=household_id).select_related(
        "visit", "visit__broker").order_by("-visit__visited_on", "-created_at", "-id")
    return [(assessment, domain_entries(user, assessment)) for assessment in assessments]


def record_life_domain_read(user, assessments: Iterable[LifeDomainAssessment], *, purpose: str) -> None:
    """Audit that a page showed life-domain content (ids only; nothing when nothing was shown)."""
    ids = [assessment.pk for assessment in assessments]
    if not ids:
        return
    audit.record(user, "read", category=Category.LIFE_DOMAINS, object_type=LifeDomainAssessment._meta.label_lower,
                 object_id=",".join(str(pk) for pk in ids)[:60], purpose=purpose[:300], detail={"ids": ids})


# --- the round: where each door stands -------------------------------------------------------


def current_households(complex_id: int, *, unit_ids: Iterable[int] | None = None) -> dict[int, int]:
    """Unit id -> the id of the household with a tenancy today (ids only, no household data)."""
    day = today()
    qs = Tenancy.objects.filter(unit__complex_id=complex_id, start_date__lte=day).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return dict(qs.order_by("unit_id", "start_date", "pk").values_list("unit_id", "household_id"))


def door_attempts(*, user, complex_id: int, households: dict[int, int],
                  unit_ids: Iterable[int] | None = None) -> dict[int, list[Attempt]]:
    """Unit id -> the visits this user may see there that concern its current household
    (or no household: a door nobody opened may have been empty)."""
    qs = visit_list(user=user).filter(unit__complex_id=complex_id)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    attempts: dict[int, list[Attempt]] = {}
    rows = qs.order_by().values_list("unit_id", "household_id", "visited_on", "time_of_day", "outcome", "pk")
    for unit_id, household_id, visited_on, time_of_day, outcome, pk in rows:
        if household_id is None or household_id == households.get(unit_id):
            attempts.setdefault(unit_id, []).append(Attempt(visited_on, time_of_day, outcome, pk))
    return attempts


def door_statuses(*, user, complex_id: int, unit_ids: Iterable[int] | None = None,
                  preferred: dict[int, str] | None = None,
                  households: dict[int, int] | None = None) -> dict[int, DoorStatus]:
    """Unit id -> its status in the round, from the visits this user may see.

    preferred: unit id -> the household's best time to reach (pass only values the user may
    read: it is `contact` data). households: `current_households(...)` when the caller has it.
    Doors of households the user may not see visits of get a status from the visits they may
    see — for own-levels see `door_is_visible`.
    """
    unit_ids = list(unit_ids) if unit_ids is not None else None
    if households is None:
        households = current_households(complex_id, unit_ids=unit_ids)
    attempts = door_attempts(user=user, complex_id=complex_id, households=households, unit_ids=unit_ids)
    preferred = preferred or {}
    keys = unit_ids if unit_ids is not None else set(households) | set(attempts)
    return {unit_id: door_status(attempts.get(unit_id, []), preferred=preferred.get(unit_id, "")) for unit_id in keys}


def door_is_visible(user, *, household_id: int | None, status: DoorStatus) -> bool:
    """Whether a door's visit status means anything to this user: always for full readers of
    `visits`; for own-levels only for linked households or doors they visited themselves."""
    granted = grant(user, Category.VISITS)
    if not granted.reads:
        return False
    if not granted.own_only:
        return True
    return status.visited or (household_id is not None and household_id in linked_household_ids(user))


# --- the contact-load guard ------------------------------------------------------------------


def may_see_contact_load(user) -> bool:
    """Anyone who approaches households (write or own-write on `contacts_log`) sees the guard,
    even where they cannot read the contact log itself (access.md)."""
    return grant(user, Category.CONTACTS_LOG).writes


def contact_load_for(household, user, *, now: dt.datetime | None = None) -> Load | None:
    """Who approached this household recently — moments and organisations only, never the
    channel, topic or content — and whether a new approach would go above the limit.

    `household` is a Household or its id. None for users who do not approach households.
    Limit and window come from settings CONTACT_LIMIT / CONTACT_WINDOW_DAYS
    (env VOORDEUR_CONTACT_LIMIT / VOORDEUR_CONTACT_WINDOW_DAYS).
    """
    if not may_see_contact_load(user):
        return None
    household_id = getattr(household, "pk", household)
    now = now or timezone.now()
    window = settings.CONTACT_WINDOW_DAYS
    rows = (ContactLogEntry.objects
            .filter(household_id=household_id, household__unit__complex_id__in=complex_ids(user),
                    contacted_at__gt=now - dt.timedelta(days=window), contacted_at__lte=now)
            .order_by("-contacted_at", "-id")
            .values_list("contacted_at", "partner__name"))
    return contact_load((Approach(at=at, partner=name) for at, name in rows), now=now,
                        limit=settings.CONTACT_LIMIT, window_days=window)
