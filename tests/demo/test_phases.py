"""The demo's phases 1 and 2: partner files, the brokers' round, referrals and promises.

One build for the module (rolled back at the end), checked for a realistic spread and for
consistency between the records. Determinism: `test_demo.py`, with `fingerprints.phase_digest`.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from voordeur.access.models import HouseholdLink
from voordeur.access.scope import linked_household_ids
from voordeur.accounts.models import User
from voordeur.demo.build import PHASES, build_demo
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.households.models import ContactLogEntry, Household, Tenancy
from voordeur.imports.models import ImportRun
from voordeur.lib.workdays import due_date
from voordeur.referrals.models import Promise, Referral
from voordeur.trajectories.models import Phase
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit

TODAY = dt.date(2026, 11, 27)
CLOSED = {"declined", "completed", "withdrawn"}
HOURS = {"morning": range(9, 12), "afternoon": range(13, 17), "evening": range(18, 21)}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo for TODAY, built once for this module and rolled back afterwards."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            summary = build_demo(today=TODAY)
            print(f"\ndemo loaded in {summary.seconds:.2f} s: {summary.counts}")
            yield summary
            transaction.set_rollback(True)


def local(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def current_households() -> set[int]:
    return set(Tenancy.objects.filter(end_date__isnull=True).values_list("household_id", flat=True))


def doors() -> dict[int, list[Visit]]:
    """Visits per household, in the order they happened."""
    by_household = defaultdict(list)
    for visit in Visit.objects.order_by("visited_on", "id"):
        by_household[visit.household_id].append(visit)
    return by_household


# phase 1 ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_phase_one_files_come_from_their_partners_with_a_legal_basis(demo):
    runs = list(ImportRun.objects.select_related("source_partner"))
    kinds = Counter(run.kind for run in runs)
    assert {"units", "tenancies", "arrears", "repairs", "caseload"} <= set(kinds)
    assert {run.source_partner.kind for run in runs if run.kind != "caseload"} == {"corporation"}
    assert {run.source_partner.kind for run in runs if run.kind == "caseload"} >= {"nbh_team", "municipality"}
    assert all(run.legal_basis and run.rows and re.fullmatch(r"[0-9a-f]{64}", run.file_sha256) for run in runs)
    explore_start, explore_end = PHASES[Phase.EXPLORE][2], PHASES[Phase.EXPLORE][3]
    first = {kind: min(run.received_on for run in runs if run.kind == kind) for kind in kinds}
    assert all(explore_start <= day <= explore_end for day in first.values())  # all known in phase 1
    assert all(run.received_on < TODAY for run in runs)
    for model in (Arrears, Repair, Caseload):  # every row points to a run of its own kind and source
        for row in model.objects.select_related("import_run"):
            assert row.import_run is not None and row.import_run.source_partner_id == row.source_partner_id
            assert row.received_on == row.import_run.received_on and row.legal_basis == row.import_run.legal_basis


@pytest.mark.django_db
def test_arrears_are_realistic_and_encrypted_at_rest(demo):
    rows = list(Arrears.objects.select_related("tenancy", "source_partner"))
    assert 0.06 <= len(rows) / len(current_households()) <= 0.10
    for row in rows:
        assert row.legal_basis == "convenant vroegsignalering" and row.source_partner.kind == "corporation"
        assert row.tenancy.household_id == row.household_id and row.tenancy.end_date is None
        assert isinstance(row.months, int) and 1 <= row.months <= 6
        assert isinstance(row.amount, str) and re.fullmatch(r"\d+\.\d\d", row.amount)
        assert 300 * row.months <= Decimal(row.amount) <= 800 * row.months
        assert row.last_reminder is None or dt.date.fromisoformat(row.last_reminder) < row.received_on
    assert len({row.months for row in rows}) >= 3 and any(row.last_reminder is None for row in rows)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT amount, months, last_reminder FROM {Arrears._meta.db_table}")
        raw = cursor.fetchall()
        cursor.execute(f"SELECT domains FROM {LifeDomainAssessment._meta.db_table}")
        raw += cursor.fetchall()
        cursor.execute(f"SELECT reason FROM {Referral._meta.db_table}")
        raw += cursor.fetchall()
    stored = [value for row in raw for value in row if value is not None]
    assert stored and all(value.startswith("fernet:") for value in stored)
    plain = {row.amount for row in rows} | {"Financiën op orde.", "Rondkomen lukt"}
    assert not any(text in value for value in stored for text in plain)
    assert any(row[2] is None for row in raw[: len(rows)])  # a missing reminder is NULL, not an encrypted null


@pytest.mark.django_db
def test_repairs_mix_kinds_statuses_homes_and_common_areas(demo):
    repairs = list(Repair.objects.select_related("unit__portiek", "portiek"))
    assert 35 <= len(repairs) <= 45
    assert len({r.kind for r in repairs}) >= 6
    assert {"open", "in_progress", "done"} <= {r.status for r in repairs}
    common = [r for r in repairs if r.unit is None]
    assert 5 <= len(common) <= 15 and all(r.portiek is not None for r in common)
    assert all(r.portiek_id == r.unit.portiek_id and r.unit.kind == "home" for r in repairs if r.unit)
    assert len({r.external_id for r in repairs}) == len(repairs)
    assert all(r.reported_on < TODAY and r.source_partner.kind == "corporation" for r in repairs)
    recent_open = [r for r in repairs if r.is_open and (TODAY - r.reported_on).days <= 45]
    assert recent_open


@pytest.mark.django_db
def test_caseload_is_a_dozen_households_known_to_several_partners(demo):
    rows = list(Caseload.objects.select_related("partner"))
    assert 10 <= len(rows) <= 14
    assert {row.partner.kind for row in rows} >= {"nbh_team", "municipality", "welfare"}
    assert any(row.active for row in rows) and any(not row.active for row in rows)
    assert all(row.source_partner_id == row.partner_id for row in rows)
    assert {row.household_id for row in rows} <= current_households()


# phase 2: the round -------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_brokers_visited_about_70_percent_with_a_realistic_spread(demo):
    homes = 174
    by_door = doors()
    assert 0.6 <= len(by_door) / homes <= 0.8
    final = Counter(visits[-1].outcome for visits in by_door.values())
    assert 0.40 <= final["talked"] / len(by_door) <= 0.60
    assert 0.03 <= final["refused"] / len(by_door) <= 0.10
    assert final["moved_away"] == 2
    not_home = Counter(sum(v.outcome == "not_home" for v in visits) for visits in by_door.values())
    assert not_home[1] and not_home[2] and not_home[3] >= 5  # doors for another approach
    for visits in by_door.values():
        assert len(visits) <= 3
        assert all(v.outcome == "not_home" for v in visits[:-1])  # the round stops once someone opened
        assert len({v.time_of_day for v in visits}) == len(visits)  # each try on another part of the day
    phase_start = PHASES[Phase.BUILD_UP][2]
    for visit in Visit.objects.select_related("partner", "broker"):
        assert phase_start <= visit.visited_on < TODAY
        assert visit.partner.kind == "welfare" and visit.broker.role == "broker" and visit.summary
        assert set(visit.themes) <= set(Visit.Theme.values) and (visit.outcome == "talked" or not visit.themes)
    assert set(Visit.objects.values_list("household_id", flat=True)) <= current_households()
    by_portiek = Counter(Visit.objects.filter(id__in=[v[0].id for v in by_door.values()])
                         .values_list("unit__portiek__code", flat=True))
    assert by_portiek["A"] > by_portiek["B"] > by_portiek["C"] > 0  # A done, B under way, C just started


@pytest.mark.django_db
def test_visits_happen_after_the_household_moved_in(demo):
    moved_in = dict(Tenancy.objects.filter(end_date__isnull=True).values_list("household_id", "start_date"))
    assert all(visit.visited_on > moved_in[visit.household_id] for visit in Visit.objects.all())
    newcomers = [pk for pk, start in moved_in.items() if start.year == 2026]
    assert Visit.objects.filter(household_id__in=newcomers).exists()


@pytest.mark.django_db
def test_every_visit_is_an_approach_in_the_shared_contact_log(demo):
    entries = defaultdict(list)
    for entry in ContactLogEntry.objects.filter(partner__kind="welfare", channel="door", topic="getting_to_know"):
        entries[(entry.household_id, local(entry.contacted_at))].append(entry)
    visits = list(Visit.objects.all())
    assert len(visits) == sum(len(found) for found in entries.values())
    for visit in visits:
        matching = [e for e in entries[(visit.household_id, visit.visited_on)]
                    if e.reached == (visit.outcome == "talked") and e.user_id == visit.broker_id
                    and timezone.localtime(e.contacted_at).hour in HOURS[visit.time_of_day]]
        assert matching, visit
        assert timezone.localtime(visit.created_at) == timezone.localtime(matching[0].contacted_at)


@pytest.mark.django_db
def test_life_domains_for_most_talks_with_scores_and_notes(demo):
    talked = Visit.objects.filter(outcome="talked")
    assessments = list(LifeDomainAssessment.objects.select_related("visit"))
    assert 0.5 <= len(assessments) / talked.count() <= 0.7
    scores = Counter()
    for assessment in assessments:
        assert assessment.visit.outcome == "talked" and assessment.household_id == assessment.visit.household_id
        assert 5 <= len(assessment.domains) <= 13 and set(assessment.domains) <= set(LIFE_DOMAINS)
        for entry in assessment.domains.values():
            assert set(entry) == {"score", "note"} and entry["score"] in range(1, 6) and entry["note"]
            scores[entry["score"]] += 1
    assert set(scores) == {1, 2, 3, 4, 5} and scores[4] + scores[5] > scores[1] + scores[2]


@pytest.mark.django_db
def test_opportunities_residents_want_to_organise(demo):
    rows = list(Opportunity.objects.select_related("visit", "partner"))
    assert 6 <= len(rows) <= 10 and len({row.title for row in rows}) == len(rows)
    assert any(row.title == "Moestuintjes op het binnenterrein" for row in rows) or len(rows) >= 8
    assert len({row.status for row in rows}) >= 3
    for row in rows:
        assert row.support_needed and row.partner.kind == "welfare" and row.visit.outcome == "talked"
        assert row.household_id == row.visit.household_id and row.unit_id == row.visit.unit_id


# phase 2: referrals and promises ------------------------------------------------------------

@pytest.mark.django_db
def test_referrals_spread_over_partners_statuses_and_consent(demo):
    referrals = list(Referral.objects.select_related("to_partner", "from_partner", "visit"))
    assert 20 <= len(referrals) <= 30
    assert {r.to_partner.kind for r in referrals} == {"nbh_team", "municipality"}
    assert {r.kind for r in referrals} == {"nbh_support", "debt_help", "municipal_counter"}
    statuses = Counter(r.status for r in referrals)
    assert set(statuses) == {"sent", "accepted", "declined", "completed", "withdrawn"} and statuses["withdrawn"] == 1
    emergencies = [r for r in referrals if r.emergency_override]
    assert len(emergencies) == 1 and not emergencies[0].consent_given and emergencies[0].override_reason
    assert all(r.consent_given and r.consent_scope and r.shared_domains for r in referrals if not r.emergency_override)
    assert all(r.feedback for r in referrals if r.status == "completed")
    assert not any(r.feedback for r in referrals if r.status != "completed")
    in_arrears = set(Arrears.objects.values_list("household_id", flat=True))
    corporation = [r for r in referrals if r.from_partner.kind == "corporation"]
    assert corporation and all(r.visit is None and r.household_id in in_arrears for r in corporation)
    for referral in referrals:
        assert referral.reason and set(referral.shared_domains) <= set(LIFE_DOMAINS)
        if referral.visit is not None:
            assert referral.visit.outcome == "talked" and referral.visit.household_id == referral.household_id
            domains = referral.visit.life_domains.domains
            assert all(domains[d]["score"] <= 3 for d in referral.shared_domains)  # shares only what it is about
    overdue = [r for r in referrals if r.status == "sent" and r.respond_by < TODAY]
    assert overdue and any(r.status == "sent" and r.respond_by >= TODAY for r in referrals)


@pytest.mark.django_db
def test_referral_histories_are_consistent(demo):
    for referral in Referral.objects.prefetch_related("events__by"):
        events = list(referral.events.all())
        assert events[0].from_status == "" and events[0].to_status == "sent"
        assert all(a.to_status == b.from_status and a.at < b.at for a, b in zip(events, events[1:]))
        assert events[-1].to_status == referral.status and local(events[-1].at) < TODAY
        assert referral.created_at == events[0].at and referral.updated_at == events[-1].at
        assert referral.respond_by == due_date(local(events[0].at), 10 if referral.kind != "debt_help" else 5)
        if referral.visit_id:
            assert local(events[0].at) >= referral.visit.visited_on
        for event in events[1:]:
            if event.to_status == "withdrawn":
                assert event.partner_id == referral.from_partner_id
            else:
                assert event.partner_id == referral.to_partner_id and event.by.partner_id == referral.to_partner_id
        assert (referral.closed_at is not None) == (referral.status in CLOSED)
        if referral.closed_at:
            assert referral.closed_at == events[-1].at


@pytest.mark.django_db
def test_every_referral_links_its_household_to_the_receiver(demo):
    links = {link.source_id: link for link in HouseholdLink.objects.filter(reason="referral")}
    referrals = list(Referral.objects.prefetch_related("events"))
    assert len(links) == len(referrals) == HouseholdLink.objects.filter(reason="referral").count()
    for referral in referrals:
        link = links[referral.pk]
        assert (link.household_id, link.partner_id) == (referral.household_id, referral.to_partner_id)
        assert link.opened_at == referral.events.all()[0].at
        assert link.closed_at == referral.closed_at and (link.closed_at is None) == (referral.status not in CLOSED)


@pytest.mark.django_db
def test_the_receiving_partners_have_own_households_and_contacted_them(demo):
    nbh_team, debt_help = User.objects.get(username="nbh_team"), User.objects.get(username="debt_help")
    own_nbh, own_debt = linked_household_ids(nbh_team), linked_household_ids(debt_help)
    assert own_nbh and own_debt and not own_nbh & set(Caseload.objects.filter(
        partner=nbh_team.partner, active=True).values_list("household_id", flat=True))
    assert own_debt & set(Arrears.objects.values_list("household_id", flat=True))  # debt_help: own-read arrears
    for referral in Referral.objects.exclude(status__in=["sent", "withdrawn"]).prefetch_related("events"):
        answered = referral.events.all()[1]
        assert ContactLogEntry.objects.filter(household=referral.household, partner=referral.to_partner,
                                              contacted_at=answered.at, reached=True).exists()


@pytest.mark.django_db
def test_promises_open_overdue_kept_on_time_and_late_broken(demo):
    promises = list(Promise.objects.select_related("owner_partner", "made_by", "referral"))
    assert 35 <= len(promises) <= 45
    statuses = Counter(p.status for p in promises)
    assert {"open", "kept", "broken", "cancelled"} <= set(statuses)
    overdue = [p for p in promises if p.status == "open" and p.due_date < TODAY]
    assert len(overdue) >= 3 and any(p.status == "open" and p.due_date >= TODAY for p in promises)
    kept = [p for p in promises if p.status == "kept"]
    assert any(p.kept_on <= p.due_date for p in kept) and any(p.kept_on > p.due_date for p in kept)
    assert len({p.owner_partner.kind for p in promises}) >= 4
    texts = {p.text for p in promises}
    assert "Het buurtteam neemt binnen 5 werkdagen contact met u op." in texts
    assert "Monteur komt de lekkage bekijken binnen 10 werkdagen." in texts
    for promise in promises:
        assert promise.due_date == due_date(promise.made_on, promise.working_days)
        assert (promise.kept_on is not None) == (promise.status == "kept")
        assert promise.made_by.partner_id == promise.made_by_partner_id and promise.made_on < TODAY
        if promise.referral:
            assert promise.owner_partner_id == promise.referral.to_partner_id
            assert promise.household_id == promise.referral.household_id
            assert promise.made_on == local(promise.referral.created_at)
        assert not re.search(r"schuld|gezondheid|huisarts", promise.text, re.I)  # promises never name the help
    assert {p.household_id for p in promises} <= current_households()


@pytest.mark.django_db
def test_promise_histories_are_consistent(demo):
    for promise in Promise.objects.prefetch_related("events"):
        events = list(promise.events.all())
        assert events[0].from_status == "" and events[0].to_status == "open"
        assert local(events[0].at) == promise.made_on and events[-1].to_status == promise.status
        assert all(a.to_status == b.from_status and a.at < b.at for a, b in zip(events, events[1:]))
        assert len(events) <= 2 and all(local(e.at) < TODAY for e in events)
        if promise.status == "kept":
            assert local(events[-1].at) == promise.kept_on and events[-1].partner_id == promise.owner_partner_id
        assert promise.created_at == events[0].at and promise.updated_at == events[-1].at


@pytest.mark.django_db
def test_counts_are_in_the_summary(demo):
    counts = demo.counts
    assert counts["visits"] == Visit.objects.count() and counts["referrals"] == Referral.objects.count()
    assert counts["promises"] == Promise.objects.count() and counts["contacts"] == ContactLogEntry.objects.count()
    assert counts["overdue_promises"] == Promise.objects.filter(status="open", due_date__lt=TODAY).count()
    assert counts["visited_households"] == Household.objects.filter(visits__isnull=False).distinct().count()
