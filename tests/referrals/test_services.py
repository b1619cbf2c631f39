"""Referral and promise services: consent, the emergency override, the household link that
makes a referred household "own" for the receiver, the workflow, versions and the audit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.personas import World
from voordeur.access.models import HouseholdLink
from voordeur.accounts.models import Partner
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Household
from voordeur.households.selectors import access_household, household_list
from voordeur.lib.versioning import Conflict
from voordeur.referrals import services
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.referrals.selectors import access_referral, overdue_promises, promise_list, referral_list

RS, PS = Referral.Status, Promise.Status
SECRET = "Reden-T1 paniekaanvallen en een stapel ongeopende post"


def household(world: World, label: str) -> Household:
    return Household.objects.select_related("unit").get(pk=world.households[label])


def partner(world: World, key: str) -> Partner:
    return Partner.objects.get(pk=world.partners[key])


def refer(world: World, label: str = "h5", to: str = "nbh", *, by: str = "broker", **changes) -> Referral:
    kwargs = {"household": household(world, label), "to_partner": partner(world, to),
              "kind": Referral.Kind.NBH_SUPPORT, "reason": SECRET, "consent_given": True,
              "consent_scope": "Met het buurtteam: de reden en de leefgebieden geld en gezondheid",
              "shared_domains": ["finances", "physical_health"], "by": world.user(by)}
    kwargs.update(changes)
    return services.referral_create(**kwargs)


def sees_contact(world: World, who: str, label: str) -> bool:
    return household_list(user=world.user(who)).filter(pk=world.households[label]).exists()


# --- consent ---------------------------------------------------------------------------------------


def test_a_referral_needs_consent_with_its_scope(world):
    with pytest.raises(ValidationError) as error:
        refer(world, consent_given=False, consent_scope="", shared_domains=[])
    assert "consent_given" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        refer(world, consent_scope="  ")
    assert "consent_scope" in error.value.message_dict
    assert not Referral.objects.filter(household_id=world.households["h5"]).exists()
    assert not HouseholdLink.objects.filter(household_id=world.households["h5"],
                                            reason=HouseholdLink.Reason.REFERRAL).exists()


def test_the_emergency_override_needs_a_reason_and_is_audited_without_it(world):
    kwargs = {"consent_given": False, "consent_scope": "", "shared_domains": [], "emergency_override": True}
    with pytest.raises(ValidationError) as error:
        refer(world, override_reason=" ", **kwargs)
    assert "override_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        refer(world, override_reason="Acuut", **{**kwargs, "shared_domains": ["finances"]})
    assert "shared_domains" in error.value.message_dict  # without consent nothing is shared

    why = "Noodgeval-T1 bewoner dreigt zichzelf iets aan te doen"
    referral = refer(world, override_reason=why, **kwargs)
    assert (referral.emergency_override, referral.override_reason, referral.consent_given) == (True, why, False)
    override = AuditEvent.objects.get(action="emergency_override", object_id=str(referral.pk))
    assert (override.actor, override.category, override.object_type) == ("broker", "referrals", "referrals.referral")
    rows = AuditEvent.objects.filter(object_id=str(referral.pk), object_type="referrals.referral")
    for event in rows:
        text = f"{event.detail} {event.purpose}"
        assert why not in text and "Noodgeval" not in text and SECRET not in text


def test_consent_and_override_together_is_refused(world):
    with pytest.raises(ValidationError) as error:
        refer(world, emergency_override=True, override_reason="Acuut")
    assert "emergency_override" in error.value.message_dict


def test_only_roles_that_record_conversations_give_a_reason(world):
    # debt help writes referrals but may not record life-domain content
    with pytest.raises(ValidationError) as error:
        refer(world, "h4", to="nbh", by="debt_help")
    assert "reason" in error.value.message_dict
    referral = refer(world, "h4", to="nbh", by="debt_help", reason="")
    assert referral.reason == "" and referral.from_partner_id == world.partners["debt"]


def test_roles_without_referral_write_cannot_refer(world):
    for who in ("director", "social_manager", "contractor"):
        with pytest.raises(PermissionDenied):
            refer(world, by=who)


def test_the_receiver_must_be_another_partner_at_the_table_that_can_take_referrals(world):
    for to, problem in (("welfare", "to_partner"), ("other_welfare", "to_partner"), ("contractor", "to_partner")):
        with pytest.raises(ValidationError) as error:
            refer(world, to=to)
        assert problem in error.value.message_dict, to


def test_unknown_life_domains_are_refused(world):
    with pytest.raises(ValidationError) as error:
        refer(world, shared_domains=["finances", "horoscope"])
    assert "shared_domains" in error.value.message_dict


# --- the link, the history, the promise ---------------------------------------------------------------


def test_a_referral_opens_the_link_writes_history_and_promises_contact(world, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: dt.date(2027, 4, 23))
    referral = refer(world, respond_days=5)
    assert referral.status == RS.SENT and referral.respond_by == dt.date(2027, 5, 3)  # Koningsdag skipped
    link = HouseholdLink.objects.get(reason=HouseholdLink.Reason.REFERRAL, source_id=referral.pk)
    assert (link.household_id, link.partner_id, link.closed_at) == (world.households["h5"], world.partners["nbh"], None)
    assert list(ReferralEvent.objects.filter(referral=referral).values_list("from_status", "to_status")) == [("", RS.SENT)]
    promise = Promise.objects.get(referral=referral)
    assert promise.owner_partner_id == world.partners["nbh"] and promise.made_by_partner_id == world.partners["welfare"]
    assert promise.text == "Buurtteam Persona neemt binnen 5 werkdagen contact op"
    assert (promise.made_on, promise.working_days, promise.due_date) == (dt.date(2027, 4, 23), 5, dt.date(2027, 5, 3))
    assert list(promise.events.values_list("from_status", "to_status")) == [("", PS.OPEN)]
    created = AuditEvent.objects.get(action="create", object_type="referrals.referral", object_id=str(referral.pk))
    assert created.detail["consent_given"] is True and created.detail["shared_domains"] == ["finances", "physical_health"]
    assert SECRET not in str(created.detail)
    assert AuditEvent.objects.filter(action="create", object_type="referrals.promise", object_id=str(promise.pk)).exists()


def test_the_receiver_sees_the_household_while_linked_and_twelve_months_after(world):
    assert not sees_contact(world, "nbh_team", "h5")
    referral = refer(world)
    assert sees_contact(world, "nbh_team", "h5")  # own-read through the link
    assert access_household(world.user("nbh_team"), world.households["h5"]).name == "Fam. Akkerwinde-5"
    assert access_referral(world.user("nbh_team"), referral.pk) == referral
    assert not sees_contact(world, "debt_help", "h5")  # not linked to them

    nbh = world.user("nbh_team")
    services.referral_transition(referral=referral, to_status=RS.ACCEPTED, by=nbh, expected_version=1)
    done = services.referral_transition(referral=referral, to_status=RS.COMPLETED, by=world.user("nbh_team"),
                                        expected_version=2, feedback="Traject gestart, bewoner tevreden")
    link = HouseholdLink.objects.get(source_id=referral.pk, reason=HouseholdLink.Reason.REFERRAL)
    assert link.closed_at is not None and done.closed_at == link.closed_at
    assert sees_contact(world, "nbh_team", "h5")  # closed, but within 12 months
    HouseholdLink.objects.filter(pk=link.pk).update(closed_at=timezone.now() - dt.timedelta(days=366))
    assert not sees_contact(world, "nbh_team", "h5")  # 12 months after closing: no longer own
    assert not referral_list(user=world.user("nbh_team")).filter(pk=referral.pk).exists()


# --- the workflow ----------------------------------------------------------------------------------------


def test_only_the_receiver_accepts_and_only_the_sender_withdraws(world):
    referral = refer(world)
    with pytest.raises(PermissionDenied):
        services.referral_transition(referral=referral, to_status=RS.ACCEPTED, by=world.user("broker"),
                                     expected_version=1)
    with pytest.raises(PermissionDenied):
        services.referral_transition(referral=referral, to_status=RS.WITHDRAWN, by=world.user("nbh_team"),
                                     expected_version=1)
    with pytest.raises(PermissionDenied):  # reading roles never change a referral
        services.referral_transition(referral=referral, to_status=RS.ACCEPTED, by=world.user("director"),
                                     expected_version=1)
    withdrawn = services.referral_transition(referral=referral, to_status=RS.WITHDRAWN, by=world.user("broker"),
                                             expected_version=1, note="Bewoner heeft al hulp")
    assert withdrawn.status == RS.WITHDRAWN and withdrawn.version == 2
    assert list(referral.events.values_list("to_status", "note")) == [(RS.SENT, ""),
                                                                      (RS.WITHDRAWN, "Bewoner heeft al hulp")]
    # the contact promise goes with it, with its own history row
    promise = Promise.objects.get(referral=referral)
    assert promise.status == PS.CANCELLED
    assert list(promise.events.values_list("to_status", flat=True)) == [PS.OPEN, PS.CANCELLED]
    assert HouseholdLink.objects.get(source_id=referral.pk).closed_at is not None
    assert AuditEvent.objects.filter(action="transition", object_id=str(referral.pk),
                                     detail__to=RS.WITHDRAWN).exists()


def test_the_table_refuses_other_moves_and_completion_needs_feedback(world):
    referral = refer(world)
    nbh = world.user("nbh_team")
    with pytest.raises(ValidationError):
        services.referral_transition(referral=referral, to_status=RS.COMPLETED, by=nbh, expected_version=1,
                                     feedback="Klaar")
    services.referral_transition(referral=referral, to_status=RS.ACCEPTED, by=nbh, expected_version=1)
    with pytest.raises(ValidationError) as error:
        services.referral_transition(referral=referral, to_status=RS.COMPLETED, by=nbh, expected_version=2,
                                     feedback="  ")
    assert "feedback" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.referral_transition(referral=referral, to_status=RS.DECLINED, by=nbh, expected_version=2)
    referral.refresh_from_db()
    assert (referral.status, referral.version) == (RS.ACCEPTED, 2)
    assert HouseholdLink.objects.get(source_id=referral.pk).closed_at is None


def test_a_stale_version_is_a_conflict_and_changes_nothing(world):
    referral = refer(world)
    nbh = world.user("nbh_team")
    services.referral_transition(referral=referral, to_status=RS.ACCEPTED, by=nbh, expected_version=1)
    with pytest.raises(Conflict) as conflict:
        services.referral_transition(referral=referral, to_status=RS.DECLINED, by=nbh, expected_version=1)
    assert conflict.value.current_version == 2
    promise = Promise.objects.get(referral=referral)
    with pytest.raises(Conflict):
        services.promise_transition(promise=promise, to_status=PS.KEPT, by=nbh, expected_version=7)
    promise.refresh_from_db()
    assert promise.status == PS.OPEN and promise.events.count() == 1


# --- promises ----------------------------------------------------------------------------------------------


def test_a_promise_due_in_working_days_skips_public_holidays(world):
    promise = services.promise_create(household=household(world, "h6"), owner_partner=partner(world, "muni"),
                                      text="De gemeente belt over de parkeervergunning", working_days=5,
                                      by=world.user("reno_lead"), made_on=dt.date(2027, 4, 22))
    assert promise.due_date == dt.date(2027, 4, 30)
    dated = services.promise_create(household=household(world, "h6"), owner_partner=partner(world, "corp"),
                                    text="Nieuwe kozijnen", due_date=dt.date(2027, 6, 1), by=world.user("reno_lead"),
                                    made_on=dt.date(2027, 4, 22))
    assert dated.due_date == dt.date(2027, 6, 1) and dated.working_days is None
    for bad in ({"working_days": 5, "due_date": dt.date(2027, 6, 1)}, {}, {"working_days": 0},
                {"due_date": dt.date(2027, 4, 1)}):
        with pytest.raises(ValidationError):
            services.promise_create(household=household(world, "h6"), owner_partner=partner(world, "corp"),
                                    text="x", by=world.user("reno_lead"), made_on=dt.date(2027, 4, 22), **bad)
    with pytest.raises(ValidationError):  # not at this trajectory's table
        services.promise_create(household=household(world, "h6"), owner_partner=partner(world, "other_corp"),
                                text="x", working_days=2, by=world.user("reno_lead"))


def test_owner_keeps_maker_cancels_others_may_not(world):
    promise = services.promise_create(household=household(world, "h5"), owner_partner=partner(world, "contractor"),
                                      text="De aannemer komt de lekkage bekijken", working_days=3,
                                      by=world.user("broker"))
    with pytest.raises(PermissionDenied):  # enforcement (own-write) is neither owner nor maker
        services.promise_transition(promise=promise, to_status=PS.KEPT, by=world.user("enforcement"),
                                    expected_version=1)
    with pytest.raises(PermissionDenied):  # the owner keeps, but does not cancel someone else's promise
        services.promise_transition(promise=promise, to_status=PS.CANCELLED, by=world.user("contractor"),
                                    expected_version=1)
    with pytest.raises(ValidationError):
        services.promise_transition(promise=promise, to_status=PS.KEPT, by=world.user("contractor"),
                                    expected_version=1, kept_on=timezone.localdate() + dt.timedelta(days=1))
    kept = services.promise_transition(promise=promise, to_status=PS.KEPT, by=world.user("contractor"),
                                       expected_version=1, note="Afspraak gemaakt")
    assert kept.status == PS.KEPT and kept.kept_on == timezone.localdate() and kept.version == 2
    assert list(PromiseEvent.objects.filter(promise=promise).values_list("to_status", "partner_id")) == [
        (PS.OPEN, world.partners["welfare"]), (PS.KEPT, world.partners["contractor"])]
    assert AuditEvent.objects.filter(action="transition", object_type="referrals.promise",
                                     object_id=str(promise.pk), actor="contractor").exists()
    with pytest.raises(ValidationError):  # kept is final
        services.promise_transition(promise=promise, to_status=PS.BROKEN, by=world.user("director"),
                                    expected_version=2)


def test_overdue_promises_for_owner_and_overseers_not_for_others(world):
    texts = {who: set(overdue_promises(user=world.user(who)).values_list("text", flat=True))
             for who in ("director", "debt_help", "contractor", "enforcement", "nbh_team", "outsider", "letting")}
    p2, p6 = "Schuldhulp Persona neemt binnen 5 werkdagen contact op", "Toezegging-P6 aannemer repareert de voordeur"
    assert texts["director"] == {p2, p6}
    assert texts["debt_help"] == {p2}  # its own organisation's
    assert texts["contractor"] == {p6}
    assert texts["enforcement"] == set()  # unrelated organisation
    assert texts["nbh_team"] == set()  # made P2, but debt help must keep it
    assert texts["outsider"] == {"Toezegging-OP1 ander welzijn belt"}
    assert texts["letting"] == set()  # no promises grant


def test_own_levels_see_promises_they_made_or_own_or_of_linked_households(world):
    mine = set(promise_list(user=world.user("contractor")).values_list("text", flat=True))
    assert mine == {"Toezegging-P6 aannemer repareert de voordeur"}
    made = services.promise_create(household=household(world, "h6"), owner_partner=partner(world, "corp"),
                                   text="Toezegging-T2 corporatie vervangt de bel", working_days=5,
                                   by=world.user("contractor"))
    assert promise_list(user=world.user("contractor")).filter(pk=made.pk).exists()  # its maker
    assert not promise_list(user=world.user("enforcement")).filter(pk=made.pk).exists()
