"""Writes of referrals and promises: keyword-only, atomic, validated and audited.

Every status change is looked up in `workflow.py` (the table and who may perform it), checks
the version the user read (stale: `Conflict`, HTTP 409), appends one event to the record's
history and is audited in the same transaction. A referral keeps the household linked to its
receiving organisation (`access.HouseholdLink`, ADR 0004): opened when it is made, closed when
it is declined, completed or withdrawn.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from voordeur.access.models import HouseholdLink
from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.accounts.models import Partner
from voordeur.audit import log as audit
from voordeur.households.models import Household
from voordeur.lib.dates import today
from voordeur.lib.versioning import Conflict, save_versioned
from voordeur.lib.workdays import due_date as working_days_after
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.referrals.selectors import referral_writers_q
from voordeur.referrals.workflow import (
    PROMISE_ACTORS,
    PROMISE_TRANSITIONS,
    REFERRAL_ACTORS,
    REFERRAL_CLOSED,
    REFERRAL_TRANSITIONS,
    is_transition,
    may_perform,
    promise_parties,
    referral_parties,
)
from voordeur.trajectories.models import Trajectory, TrajectoryPartner
from voordeur.visits.domains import LIFE_DOMAINS

DEFAULT_RESPOND_DAYS = 5
MAX_WORKING_DAYS = 260  # about a year of working days


def trajectory_of(household: Household) -> Trajectory | None:
    return Trajectory.objects.filter(complex_id=household.unit.complex_id).order_by("pk").first()


def _require(user, category: Category) -> None:
    if not grant(user, category).writes:
        raise PermissionDenied(_("Uw rol mag dit niet wijzigen."))


def _at_table(trajectory: Trajectory | None, partner: Partner) -> bool:
    return trajectory is not None and TrajectoryPartner.objects.filter(trajectory=trajectory, partner=partner).exists()


def _working_days(days: int) -> int:
    if not 1 <= days <= MAX_WORKING_DAYS:
        raise ValidationError({"working_days": _("Kies 1 tot en met %(max)s werkdagen.") % {"max": MAX_WORKING_DAYS}})
    return days


# --- referrals ---------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    household: Household,
    to_partner: Partner,
    kind: str,
    reason: str = "",
    consent_given: bool,
    consent_scope: str = "",
    shared_domains: list[str] | None = None,
    emergency_override: bool = False,
    override_reason: str = "",
    visit=None,
    respond_days: int = DEFAULT_RESPOND_DAYS,
    by,
) -> Referral:
    """Refer a household to a partner: with the resident's consent (and what is shared with
    whom), or — only in an emergency — without it, recorded with the reason for the override.

    Opens the household link for the receiving organisation, writes the first history event,
    sets the date to respond by (working days) and makes the promise that the receiver will
    contact the resident within that time.
    """
    _require(by, Category.REFERRALS)
    if not by.partner_id:
        raise PermissionDenied(_("Uw account hoort bij geen organisatie."))
    reason = (reason or "").strip()
    consent_scope = (consent_scope or "").strip()
    override_reason = (override_reason or "").strip()
    shared = list(dict.fromkeys(shared_domains or []))
    errors: dict[str, str] = {}
    if reason and not grant(by, Category.LIFE_DOMAINS).writes:
        errors["reason"] = _("Uw rol mag geen gespreksinhoud vastleggen; laat de reden leeg.")
    if consent_given and emergency_override:
        errors["emergency_override"] = _("Kies toestemming óf een noodsituatie, niet allebei.")
    elif consent_given and not consent_scope:
        errors["consent_scope"] = _("Leg vast wat met wie wordt gedeeld.")
    elif emergency_override and not override_reason:
        errors["override_reason"] = _("Leg vast waarom zonder toestemming wordt doorverwezen.")
    elif not consent_given and not emergency_override:
        errors["consent_given"] = _(
            "Zonder toestemming van de bewoner kan niet worden doorverwezen, behalve in een noodsituatie."
        )
    unknown = [key for key in shared if key not in LIFE_DOMAINS]
    if unknown:
        errors["shared_domains"] = _("Onbekend leefgebied: %(keys)s.") % {"keys": ", ".join(unknown)}
    elif shared and not consent_given:
        errors["shared_domains"] = _("Zonder toestemming wordt niets gedeeld.")
    trajectory = trajectory_of(household)
    if to_partner.pk == by.partner_id:
        errors["to_partner"] = _("Verwijs door naar een andere organisatie.")
    elif not _at_table(trajectory, to_partner):
        errors["to_partner"] = _("Deze organisatie doet niet mee in dit traject.")
    elif not Partner.objects.filter(pk=to_partner.pk, users__in=_handlers(trajectory)).exists():
        errors["to_partner"] = _("Niemand van deze organisatie kan in Voordeur een doorverwijzing aannemen.")
    if visit is not None and visit.household_id not in (None, household.pk):
        errors["visit"] = _("Dit huisbezoek hoort bij een ander huishouden.")
    try:
        respond_days = _working_days(respond_days)
    except ValidationError as error:
        errors["respond_days"] = error.messages[0]
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    made_on = today()
    referral = Referral(
        household=household, visit=visit, from_partner_id=by.partner_id, to_partner=to_partner,
        created_by=_user(by), kind=kind, reason=reason, consent_given=consent_given,
        consent_scope=consent_scope if consent_given else "", shared_domains=shared,
        emergency_override=emergency_override, override_reason=override_reason if emergency_override else "",
        respond_by=working_days_after(made_on, respond_days),
    )
    referral.full_clean()
    referral.save(force_insert=True)
    ReferralEvent.objects.create(referral=referral, from_status="", to_status=Referral.Status.SENT, at=now,
                                 by=_user(by), partner_id=by.partner_id)
    HouseholdLink.objects.create(household=household, partner=to_partner, reason=HouseholdLink.Reason.REFERRAL,
                                 source_id=referral.pk, opened_at=now)
    trajectory_id = trajectory.pk if trajectory else None
    audit.record(by, "create", category=Category.REFERRALS, obj=referral, trajectory_id=trajectory_id,
                 detail={"household": household.pk, "to_partner": to_partner.pk, "kind": kind,
                         "consent_given": consent_given, "emergency_override": emergency_override,
                         "shared_domains": shared, "respond_by": referral.respond_by.isoformat()})
    if emergency_override:
        # the reason for the override stays in the record; the audit row says only that it happened
        audit.record(by, "emergency_override", category=Category.REFERRALS, obj=referral,
                     trajectory_id=trajectory_id, purpose="referral without the resident's consent",
                     detail={"household": household.pk, "to_partner": to_partner.pk})
    with translation.override("nl"):
        text = _("%(partner)s neemt binnen %(days)s werkdagen contact op") % {
            "partner": to_partner.name, "days": respond_days}
    promise_create(household=household, owner_partner=to_partner, text=text[:300], working_days=respond_days,
                   by=by, referral=referral, made_on=made_on)
    return referral


def _handlers(trajectory: Trajectory | None):
    from voordeur.accounts.models import User

    if trajectory is None:
        return User.objects.none()
    return User.objects.filter(referral_writers_q(trajectory.pk))


@transaction.atomic
def referral_transition(
    *, referral: Referral, to_status: str, by, expected_version: int, note: str = "", feedback: str = "",
) -> Referral:
    """Move a referral along the workflow. The receiver accepts, declines or completes (with
    its report back); the sender withdraws. Closing closes the household link and cancels the
    referral's promises that are still open."""
    _require(by, Category.REFERRALS)
    if not by.partner_id:
        raise PermissionDenied(_("Uw account hoort bij geen organisatie."))
    referral = Referral.objects.select_for_update().select_related("household__unit", "to_partner").get(pk=referral.pk)
    if referral.version != expected_version:
        raise Conflict(referral.version)
    from_status = referral.status
    if not is_transition(REFERRAL_TRANSITIONS, from_status, to_status):
        raise ValidationError({"status": _("Van “%(from)s” kan een doorverwijzing niet naar “%(to)s”.") % {
            "from": Referral.Status(from_status).label, "to": _label(Referral.Status, to_status)}})
    parties = referral_parties(partner_id=by.partner_id, from_partner_id=referral.from_partner_id,
                               to_partner_id=referral.to_partner_id)
    if not may_perform(REFERRAL_ACTORS, to_status, parties):
        raise PermissionDenied(_("Alleen de ontvangende organisatie neemt aan, wijst af of rondt af; "
                                 "alleen de verwijzende organisatie trekt in."))
    note, feedback = (note or "").strip(), (feedback or "").strip()
    if to_status == Referral.Status.COMPLETED and not feedback:
        raise ValidationError({"feedback": _("Meld terug wat er is gebeurd voordat u afrondt.")})
    now = timezone.now()
    referral.status = to_status
    fields = ["status"]
    if feedback and to_status == Referral.Status.COMPLETED:
        referral.feedback = feedback
        fields.append("feedback")
    if to_status in REFERRAL_CLOSED:
        referral.closed_at = now
        fields.append("closed_at")
    save_versioned(referral, expected_version=expected_version, fields=fields)
    ReferralEvent.objects.create(referral=referral, from_status=from_status, to_status=to_status, at=now,
                                 by=_user(by), partner_id=by.partner_id, note=note[:500])
    trajectory = trajectory_of(referral.household)
    trajectory_id = trajectory.pk if trajectory else None
    if to_status in REFERRAL_CLOSED:
        HouseholdLink.objects.filter(reason=HouseholdLink.Reason.REFERRAL, source_id=referral.pk,
                                     partner_id=referral.to_partner_id, closed_at__isnull=True).update(closed_at=now)
    audit.record(by, "transition", category=Category.REFERRALS, obj=referral, trajectory_id=trajectory_id,
                 detail={"from": from_status, "to": to_status, "version": referral.version})
    if to_status in (Referral.Status.DECLINED, Referral.Status.WITHDRAWN):
        with translation.override("nl"):
            why = _("Doorverwijzing %(status)s") % {"status": Referral.Status(to_status).label.lower()}
        for promise in Promise.objects.select_for_update().filter(referral=referral, status=Promise.Status.OPEN):
            _promise_move(promise, Promise.Status.CANCELLED, by=by, note=why, trajectory_id=trajectory_id)
    return referral


# --- promises ----------------------------------------------------------------------------------


@transaction.atomic
def promise_create(
    *,
    household: Household,
    owner_partner: Partner,
    text: str,
    working_days: int | None = None,
    due_date: dt.date | None = None,
    by,
    referral: Referral | None = None,
    made_on: dt.date | None = None,
) -> Promise:
    """A promise to the resident: who keeps it, and by when — N working days from today (Dutch
    public holidays skipped) or a given date."""
    _require(by, Category.PROMISES)
    if not by.partner_id:
        raise PermissionDenied(_("Uw account hoort bij geen organisatie."))
    made_on = made_on or today()
    errors: dict[str, str] = {}
    if (working_days is None) == (due_date is None):
        errors["due_date"] = _("Geef een aantal werkdagen óf een datum.")
    elif working_days is not None:
        try:
            due_date = working_days_after(made_on, _working_days(working_days))
        except ValidationError as error:
            errors["working_days"] = error.messages[0]
    elif due_date < made_on:
        errors["due_date"] = _("De datum ligt in het verleden.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Beschrijf wat is toegezegd.")
    trajectory = trajectory_of(household)
    if not _at_table(trajectory, owner_partner):
        errors["owner_partner"] = _("Deze organisatie doet niet mee in dit traject.")
    if referral is not None and referral.household_id != household.pk:
        errors["referral"] = _("Deze doorverwijzing hoort bij een ander huishouden.")
    if errors:
        raise ValidationError(errors)
    promise = Promise(household=household, referral=referral, owner_partner=owner_partner,
                      made_by_partner_id=by.partner_id, made_by=_user(by), text=text, made_on=made_on,
                      working_days=working_days, due_date=due_date)
    promise.full_clean()
    promise.save(force_insert=True)
    PromiseEvent.objects.create(promise=promise, from_status="", to_status=Promise.Status.OPEN, at=timezone.now(),
                                by=_user(by), partner_id=by.partner_id)
    audit.record(by, "create", category=Category.PROMISES, obj=promise,
                 trajectory_id=trajectory.pk if trajectory else None,
                 detail={"household": household.pk, "owner_partner": owner_partner.pk,
                         "due_date": due_date.isoformat(), "working_days": working_days,
                         "referral": referral.pk if referral else None})
    return promise


@transaction.atomic
def promise_transition(
    *, promise: Promise, to_status: str, by, expected_version: int, note: str = "", kept_on: dt.date | None = None,
) -> Promise:
    """Mark a promise kept (on a day, default today), broken or cancelled."""
    _require(by, Category.PROMISES)
    if not by.partner_id:
        raise PermissionDenied(_("Uw account hoort bij geen organisatie."))
    promise = Promise.objects.select_for_update().select_related("household__unit").get(pk=promise.pk)
    if promise.version != expected_version:
        raise Conflict(promise.version)
    if not is_transition(PROMISE_TRANSITIONS, promise.status, to_status):
        raise ValidationError({"status": _("Van “%(from)s” kan een toezegging niet naar “%(to)s”.") % {
            "from": Promise.Status(promise.status).label, "to": _label(Promise.Status, to_status)}})
    granted = grant(by, Category.PROMISES)
    parties = promise_parties(partner_id=by.partner_id, owner_partner_id=promise.owner_partner_id,
                              made_by_partner_id=promise.made_by_partner_id, full_writer=not granted.own_only)
    if not may_perform(PROMISE_ACTORS, to_status, parties):
        raise PermissionDenied(_("Alleen de organisatie die de toezegging moet nakomen markeert haar als "
                                 "nagekomen of niet nagekomen; alleen wie haar deed, laat haar vervallen."))
    if to_status == Promise.Status.KEPT:
        kept_on = kept_on or today()
        if kept_on > today():
            raise ValidationError({"kept_on": _("De datum ligt in de toekomst.")})
        if kept_on < promise.made_on:
            raise ValidationError({"kept_on": _("De datum ligt vóór de dag van de toezegging.")})
    trajectory = trajectory_of(promise.household)
    return _promise_move(promise, to_status, by=by, note=note, kept_on=kept_on, expected_version=expected_version,
                         trajectory_id=trajectory.pk if trajectory else None)


def _promise_move(promise: Promise, to_status: str, *, by, note: str = "", kept_on: dt.date | None = None,
                  expected_version: int | None = None, trajectory_id: int | None) -> Promise:
    from_status = promise.status
    promise.status = to_status
    fields = ["status"]
    if to_status == Promise.Status.KEPT:
        promise.kept_on = kept_on
        fields.append("kept_on")
    save_versioned(promise, expected_version=promise.version if expected_version is None else expected_version,
                   fields=fields)
    PromiseEvent.objects.create(promise=promise, from_status=from_status, to_status=to_status, at=timezone.now(),
                                by=_user(by), partner_id=by.partner_id, note=(note or "").strip()[:300])
    audit.record(by, "transition", category=Category.PROMISES, obj=promise, trajectory_id=trajectory_id,
                 detail={"from": from_status, "to": to_status, "version": promise.version})
    return promise


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else value


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None
