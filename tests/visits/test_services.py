"""Services of phase 2 and the contact-load guard's selector, on the persona world."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tests.personas import World
from voordeur.audit.models import AuditEvent
from voordeur.households.models import ContactLogEntry, Household
from voordeur.lib.versioning import Conflict
from voordeur.places.models import Unit
from voordeur.visits import services
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit
from voordeur.visits.selectors import contact_load_for, door_statuses

NOTE = "Geheime-notitie: schulden bij drie schuldeisers"


def household(world: World, label: str) -> Household:
    return Household.objects.select_related("unit").get(pk=world.households[label])


def record(world: World, label: str, outcome: str = Visit.Outcome.TALKED, *, who: str = "broker",
           days_ago: int = 0, time_of_day: str = "evening", **extra) -> Visit:
    return services.visit_record(unit=household(world, label).unit, by=world.user(who),
                                 visited_on=timezone.localdate() - dt.timedelta(days=days_ago),
                                 time_of_day=time_of_day, outcome=outcome, **extra)


# --- visits and the shared contact log ------------------------------------------------------


def test_a_visit_is_an_approach_in_the_shared_contact_log(world):
    before = timezone.now()
    visit = record(world, "h4", summary="  Vriendelijk gesprek aan de deur  ", themes=["safety", "neighbours"])
    broker = world.user("broker")
    assert visit.household_id == world.households["h4"] and visit.partner_id == broker.partner_id
    assert visit.broker_id == broker.pk and visit.summary == "Vriendelijk gesprek aan de deur"
    assert visit.themes == ["safety", "neighbours"]
    entry = ContactLogEntry.objects.get(household_id=world.households["h4"], contacted_at__gte=before)
    assert (entry.channel, entry.topic, entry.reached) == ("door", "getting_to_know", True)
    assert entry.partner_id == broker.partner_id and entry.user_id == broker.pk
    actions = set(AuditEvent.objects.filter(actor="broker", at__gte=before).values_list("category", "action"))
    assert {("visits", "create"), ("contacts_log", "create")} <= actions


def test_not_home_is_logged_as_not_reached_at_the_hour_of_its_time_of_day(world):
    visit = record(world, "h4", Visit.Outcome.NOT_HOME, days_ago=3, time_of_day="morning")
    entry = ContactLogEntry.objects.filter(household_id=visit.household_id).order_by("-id").first()
    assert entry.reached is False
    local = timezone.localtime(entry.contacted_at)
    assert local.date() == visit.visited_on and local.hour == 10


def test_a_door_without_a_tenant_gets_a_visit_but_no_contact_log_entry(world):
    guest_home = Unit.objects.get(unit_id="AK-007")
    count = ContactLogEntry.objects.count()
    visit = services.visit_record(unit=guest_home, by=world.user("broker"), visited_on=timezone.localdate(),
                                  time_of_day="morning", outcome=Visit.Outcome.NOT_HOME)
    assert visit.household_id is None and ContactLogEntry.objects.count() == count


@pytest.mark.parametrize(
    ("change", "field"),
    [({"visited_on": timezone.localdate() + dt.timedelta(days=1)}, "visited_on"),
     ({"themes": ["renovation", "gossip"]}, "themes")],
)
def test_visits_in_the_future_and_unknown_themes_are_refused(world, change, field):
    values = {"visited_on": timezone.localdate(), "themes": [], **change}
    with pytest.raises(ValidationError) as error:
        services.visit_record(unit=household(world, "h4").unit, by=world.user("broker"), time_of_day="evening",
                              outcome="talked", **values)
    assert field in error.value.message_dict


def test_a_household_of_another_door_is_refused(world):
    with pytest.raises(ValidationError):
        services.visit_record(unit=household(world, "h4").unit, household=household(world, "h5"),
                              by=world.user("broker"), visited_on=timezone.localdate(), time_of_day="evening",
                              outcome="talked")


def test_three_not_home_visits_flag_the_door_for_another_approach(world):
    unit = household(world, "h4").unit
    for days, time in ((9, "morning"), (5, "afternoon")):
        record(world, "h4", Visit.Outcome.NOT_HOME, days_ago=days, time_of_day=time)
    broker = world.user("broker")
    two = door_statuses(user=broker, complex_id=unit.complex_id, unit_ids=[unit.pk])[unit.pk]
    assert two.not_home_tries == 2 and not two.other_approach and two.suggestion == "evening"
    record(world, "h4", Visit.Outcome.NOT_HOME, days_ago=1, time_of_day="evening")
    three = door_statuses(user=world.user("broker"), complex_id=unit.complex_id, unit_ids=[unit.pk])[unit.pk]
    assert three.not_home_tries == 3 and three.other_approach and three.suggestion == "weekend"


def test_visit_update_is_versioned_and_keeps_a_talk_with_life_domains_a_talk(world):
    visit = record(world, "h4")
    broker = world.user("broker")
    services.visit_update(visit=visit, by=broker, changes={"summary": "Bijgewerkt"}, expected_version=1)
    assert Visit.objects.get(pk=visit.pk).version == 2
    with pytest.raises(Conflict):
        services.visit_update(visit=visit, by=broker, changes={"summary": "Oud"}, expected_version=1)
    services.life_domains_record(visit=visit, by=broker, domains={"housing": {"score": 4, "note": ""}})
    with pytest.raises(ValidationError):
        services.visit_update(visit=Visit.objects.get(pk=visit.pk), by=broker, changes={"outcome": "not_home"},
                              expected_version=2)


# --- life domains ------------------------------------------------------------------------------


def test_life_domains_are_encrypted_at_rest(world):
    visit = record(world, "h4")
    assessment = services.life_domains_record(visit=visit, by=world.user("broker"),
                                              domains={"finances": {"score": 2, "note": NOTE}})
    with connection.cursor() as cursor:
        cursor.execute("SELECT domains FROM visits_lifedomainassessment WHERE id = %s", [assessment.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("fernet:")
    assert "schulden" not in stored and "finances" not in stored and NOTE not in stored
    assert LifeDomainAssessment.objects.get(pk=assessment.pk).domains == {"finances": {"score": 2, "note": NOTE}}


def test_life_domains_are_audited_without_values(world):
    before = timezone.now()
    visit = record(world, "h4")
    broker = world.user("broker")
    assessment = services.life_domains_record(visit=visit, by=broker,
                                              domains={"finances": {"score": 2, "note": NOTE}})
    services.life_domains_update(assessment=assessment, by=broker, expected_version=1,
                                 domains={"finances": {"score": 1, "note": NOTE + " en meer"}})
    events = list(AuditEvent.objects.filter(category="life_domains", at__gte=before).order_by("seq"))
    assert [e.action for e in events] == ["create", "update"]
    text = json.dumps([e.detail for e in events]) + "".join(e.purpose for e in events)
    assert "schulden" not in text and '"score"' not in text and "finances" not in text
    assert events[1].detail == {"fields": ["domains"]}


def test_stale_life_domain_edit_is_a_conflict_and_changes_nothing(world):
    visit = record(world, "h4")
    broker = world.user("broker")
    assessment = services.life_domains_record(visit=visit, by=broker, domains={"housing": {"score": 3, "note": "a"}})
    services.life_domains_update(assessment=assessment, by=broker, expected_version=1,
                                 domains={"housing": {"score": 4, "note": "b"}})
    stale = LifeDomainAssessment.objects.get(pk=assessment.pk)
    with pytest.raises(Conflict) as error:
        services.life_domains_update(assessment=stale, by=broker, expected_version=1,
                                     domains={"housing": {"score": 1, "note": "c"}})
    assert error.value.current_version == 2
    assert LifeDomainAssessment.objects.get(pk=assessment.pk).domains == {"housing": {"score": 4, "note": "b"}}


@pytest.mark.parametrize(
    ("domains", "message"),
    [({"gossip": {"score": 2}}, "Onbekend leefgebied"),
     ({"finances": {"score": 7}}, "1 tot en met 5"),
     ({"finances": {"score": "2"}}, "1 tot en met 5"),
     ({"finances": {"score": None, "note": "x" * 1001}}, "hoogstens"),
     ({"finances": {"score": None, "note": "  "}}, "ten minste één")],
)
def test_life_domain_values_are_validated(domains, message):
    with pytest.raises(ValidationError) as error:
        services.clean_domains(domains)
    assert message in " ".join(error.value.messages)


def test_only_the_visiting_organisation_records_life_domains_and_only_after_a_talk(world):
    not_home = record(world, "h4", Visit.Outcome.NOT_HOME)
    with pytest.raises(ValidationError):
        services.life_domains_record(visit=not_home, by=world.user("broker"), domains={"housing": {"score": 3}})
    talk = record(world, "h4")
    with pytest.raises(ValidationError):  # a neighbourhood-team worker of another organisation
        services.life_domains_record(visit=talk, by=world.user("nbh_team"), domains={"housing": {"score": 3}})
    services.life_domains_record(visit=talk, by=world.user("broker"), domains={"housing": {"score": 3}})
    with pytest.raises(ValidationError):  # one conversation per visit
        services.life_domains_record(visit=talk, by=world.user("broker"), domains={"housing": {"score": 2}})
    assessment = LifeDomainAssessment.objects.get(visit=talk)
    with pytest.raises(ValidationError):
        services.life_domains_update(assessment=assessment, by=world.user("nbh_team"), expected_version=1,
                                     domains={"housing": {"score": 1}})


# --- opportunities -----------------------------------------------------------------------------


def test_opportunities_are_created_for_the_current_household_and_versioned(world):
    broker = world.user("broker")
    opportunity = services.opportunity_create(unit=household(world, "h3").unit, by=broker, title="  Moestuin  ",
                                              support_needed="Zaden")
    assert opportunity.household_id == world.households["h3"] and opportunity.title == "Moestuin"
    assert opportunity.status == Opportunity.Status.IDEA
    services.opportunity_update(opportunity=opportunity, by=broker, changes={"status": "supported"},
                                expected_version=1)
    with pytest.raises(Conflict):
        services.opportunity_update(opportunity=opportunity, by=broker, changes={"title": "Oud"}, expected_version=1)
    with pytest.raises(ValidationError):
        services.opportunity_update(opportunity=opportunity, by=broker, changes={"partner": 1}, expected_version=2)
    assert Opportunity.objects.get(pk=opportunity.pk).status == "supported"


# --- the contact-load guard --------------------------------------------------------------------


def _log(world: World, label: str, partner: str, hours_ago: float, topic: str = "rent") -> None:
    ContactLogEntry.objects.create(household_id=world.households[label], partner_id=world.partners[partner],
                                   contacted_at=timezone.now() - dt.timedelta(hours=hours_ago), channel="phone",
                                   topic=topic)


def test_the_guard_counts_approaches_of_every_organisation_in_the_window(world):
    _log(world, "h5", "corp", 24 * 20)  # outside the 14 days
    _log(world, "h5", "corp", 24 * 3)
    broker = world.user("broker")
    load = contact_load_for(world.households["h5"], broker)
    assert load.count == 1 and not load.warn and load.window_days == 14 and load.limit == 2
    _log(world, "h5", "debt", 2)
    load = contact_load_for(household(world, "h5"), broker)
    assert [a.partner for a in load.recent] == ["Schuldhulp Persona", "Woonstede Persona"]  # newest first
    assert load.warn
    assert not hasattr(load.recent[0], "topic")  # the guard has no topic to show


def test_the_guard_follows_the_settings(world, settings):
    _log(world, "h5", "corp", 24 * 5)
    settings.CONTACT_LIMIT = 1
    settings.CONTACT_WINDOW_DAYS = 3
    assert contact_load_for(world.households["h5"], world.user("broker")).count == 0
    settings.CONTACT_WINDOW_DAYS = 7
    load = contact_load_for(world.households["h5"], world.user("broker"))
    assert load.count == 1 and load.warn


@pytest.mark.parametrize(("who", "shown"), [("broker", True), ("nbh_team", True), ("contractor", True),
                                            ("director", False), ("researcher", False), ("letting", False)])
def test_the_guard_is_for_those_who_approach_households(world, who, shown):
    """Write or own-write on contacts_log: even the contractor, who cannot read the whole log."""
    assert (contact_load_for(world.households["h5"], world.user(who)) is not None) is shown


def test_the_guard_shows_nothing_of_a_household_outside_the_users_trajectories(world):
    _log(world, "h5", "corp", 1)
    assert contact_load_for(world.households["h5"], world.user("outsider")).count == 0
