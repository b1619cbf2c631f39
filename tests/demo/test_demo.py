"""The demo trajectory and `voordeur demo`: the building, residents, accounts, determinism."""

import datetime as dt
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from voordeur.access.policy import Role
from voordeur.accounts.models import Membership, Partner, User
from voordeur.audit.models import AuditEvent
from voordeur.demo.build import DatabaseNotEmpty, build_demo
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.places.models import Complex, Unit
from voordeur.trajectories.models import PhasePlan, Trajectory

from .fingerprints import phase_digest

TODAY = dt.date(2026, 11, 27)
ROLE_KIND = {
    Role.DIRECTOR: "corporation", Role.SOCIAL_MANAGER: "corporation", Role.RENO_LEAD: "corporation",
    Role.LETTING: "corporation", Role.BROKER: "welfare", Role.NBH_TEAM: "nbh_team",
    Role.MUNI_ADVISOR: "municipality", Role.DEBT_HELP: "municipality", Role.ENFORCEMENT: "municipality",
    Role.CONTRACTOR: "contractor", Role.RESEARCHER: "university", Role.PRIVACY: "corporation",
    Role.ADMIN: "corporation",
}


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def digest(*, with_dates: bool = True) -> str:
    """A canonical hash of the demo's content (natural keys only, never primary keys)."""
    contact_fields = ["household__unit__unit_id", "household__name", "partner__slug", "user__username",
                      "channel", "topic", "reached"] + (["contacted_at"] if with_dates else [])
    content = {
        "partners": list(Partner.objects.order_by("slug").values_list("slug", "name", "kind")),
        "units": list(Unit.objects.order_by("unit_id").values_list(
            "unit_id", "kind", "floor", "portiek__code", "street", "number", "postcode", "city", "bag_id")),
        "plans": list(PhasePlan.objects.order_by("phase").values_list(
            "phase", "planned_start", "planned_end", "actual_start", "actual_end")),
        "households": sorted(Household.objects.values_list(
            "unit__unit_id", "name", "phone", "email", "language", "interpreter_needed", "best_time", "notes")),
        "tenancies": list(Tenancy.objects.order_by("tenancy_id").values_list(
            "tenancy_id", "unit__unit_id", "household__name", "start_date", "end_date")),
        "people": sorted(Person.objects.values_list(
            "household__unit__unit_id", "household__name", "name", "relation", "birth_year", "language", "phone")),
        "contacts": sorted(ContactLogEntry.objects.values_list(*contact_fields)),
        "users": list(User.objects.order_by("username").values_list(
            "username", "role", "partner__slug", "first_name", "last_name", "email")),
    }
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


def current_households():
    return Household.objects.filter(tenancies__end_date__isnull=True).distinct()


@pytest.mark.django_db
def test_the_building_has_180_front_doors_on_9_floors_in_3_portieken():
    summary = build_demo(today=TODAY)
    complex_ = Complex.objects.get(slug="nigerdreef")
    assert Counter(complex_.units.values_list("kind", flat=True)) == {
        "home": 174, "guest_home": 4, "day_room": 1, "other": 1}
    assert complex_.units.values("floor").distinct().count() == 9
    assert sorted(complex_.portieken.values_list("code", flat=True)) == ["A", "B", "C"]
    units = list(Unit.objects.all())
    assert all(re.fullmatch(r"ND-[ABC]-0[0-8]-(0[1-9]|1\d|20)", unit.unit_id) for unit in units)
    assert len({unit.bag_id for unit in units}) == 180
    for unit in units:
        unit.full_clean()  # postcode and 16-digit BAG id validators
    assert summary.counts["units"] == 180 and summary.counts["floors"] == 9
    assert summary.seconds < 10


@pytest.mark.django_db
def test_the_trajectory_is_in_phase_2_with_all_partners_at_the_table():
    build_demo(today=TODAY)
    trajectory = Trajectory.objects.get()
    assert trajectory.current_phase == 2 and trajectory.complex.slug == "nigerdreef"
    statuses = {plan.phase: plan.status for plan in trajectory.phase_plans.all()}
    assert statuses == {1: "done", 2: "active", 3: "active", 4: "planned", 5: "planned", 6: "planned"}
    kinds = set(trajectory.partners.values_list("partner__kind", flat=True))
    assert {"corporation", "welfare", "nbh_team", "municipality", "contractor", "university"} <= kinds
    assert all(trajectory.partners.values_list("agreement", flat=True))
    assert "Eén intensief traject per jaar" in trajectory.partners.get(partner__kind="nbh_team").agreement


@pytest.mark.django_db
def test_residents_are_realistic_and_tenancies_never_overlap():
    build_demo(today=TODAY)
    homes = Unit.objects.filter(kind="home").count()
    current = list(current_households().prefetch_related("people"))
    assert 0.93 * homes <= len(current) <= 0.97 * homes
    languages = Counter(household.language for household in current)
    assert len(languages) >= 8 and 0.40 <= languages["nl"] / len(current) <= 0.50
    assert any(h.interpreter_needed for h in current)
    assert not any(h.interpreter_needed for h in current if h.language == "nl")
    sizes = Counter(len(household.people.all()) for household in current)
    assert set(sizes) <= set(range(1, 8)) and sizes[1] == max(sizes.values()) and max(sizes) >= 6
    assert all(h.people.all()[0].relation == "tenant" for h in current)
    assert all(re.fullmatch(r"06-1\d{7}", h.phone) for h in current if h.phone)
    assert all(h.email.endswith("@example.org") for h in Household.objects.exclude(email=""))
    assert sum(bool(h.phone) for h in current) > 0.8 * len(current) and 1 <= sum(bool(h.notes) for h in current) <= 20

    by_unit = defaultdict(list)
    for tenancy in Tenancy.objects.select_related("unit"):
        by_unit[tenancy.unit.unit_id].append(tenancy)
    assert Tenancy.objects.filter(end_date__isnull=False).count() >= 20  # households that moved away
    for tenancies in by_unit.values():
        tenancies.sort(key=lambda t: t.start_date)
        for earlier, later in zip(tenancies, tenancies[1:]):
            assert earlier.end_date is not None and earlier.end_date < later.start_date
    vacant = Unit.objects.filter(kind="home").exclude(tenancies__end_date__isnull=True)
    assert vacant.count() == homes - len(current)
    assert not Tenancy.objects.exclude(unit__kind="home").exists()


@pytest.mark.django_db
def test_one_account_per_role_with_password_demo_in_the_right_organisation():
    summary = build_demo(today=TODAY)
    trajectory = Trajectory.objects.get()
    users = {user.username: user for user in User.objects.select_related("partner")}
    assert set(users) == set(Role.values) and len(summary.accounts) == 13
    for role, kind in ROLE_KIND.items():
        user = users[role.value]
        assert user.role == role.value and user.partner.kind == kind
        assert user.check_password("demo")
        assert Membership.objects.filter(user=user, trajectory=trajectory).exists()


@pytest.mark.django_db
def test_the_contact_log_spans_partners_and_flags_over_asked_households():
    build_demo(today=TODAY)
    entries = list(ContactLogEntry.objects.select_related("partner", "user"))
    assert len({entry.partner.kind for entry in entries}) >= 6
    assert len({entry.channel for entry in entries}) >= 5 and len({entry.topic for entry in entries}) >= 7
    assert all(entry.user.partner_id == entry.partner_id for entry in entries)
    local_days = [timezone.localdate(entry.contacted_at) for entry in entries]
    assert max(local_days) < TODAY and min(local_days) >= TODAY - dt.timedelta(days=200)
    fortnight = TODAY - dt.timedelta(days=14)
    recent = Counter(entry.household_id for entry, day in zip(entries, local_days) if day >= fortnight)
    assert sum(count >= 3 for count in recent.values()) >= 5
    # Reach per portiek: the brokers finished A, are busy in C.
    reached = {code: current_households().filter(
        unit__portiek__code=code, contacts__partner__kind="welfare", contacts__channel="door").distinct().count()
        / current_households().filter(unit__portiek__code=code).count() for code in "AC"}
    assert reached["A"] == 1.0 and reached["C"] < 0.8


@pytest.mark.django_db
def test_the_load_is_one_audit_event_and_the_chain_verifies():
    build_demo(seed=7, today=TODAY)
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.actor_id) == ("import", "demo", None)  # the system
    assert event.detail["seed"] == 7 and event.detail["units"] == 180
    assert event.detail["current_households"] == current_households().count()
    call_command("audit", "verify", stdout=io.StringIO())


@pytest.mark.django_db
def test_build_refuses_a_database_that_is_not_empty():
    build_demo(today=TODAY)
    with pytest.raises(DatabaseNotEmpty):
        build_demo(today=TODAY)
    assert Unit.objects.count() == 180


@pytest.mark.django_db(transaction=True)
def test_the_demo_is_deterministic_and_independent_of_today():
    """Phases 1-2 too: visits, conversations, referrals, promises, partner files; which there are
    and what they say depend only on the seed, their dates follow today."""
    build_demo(today=TODAY)
    first, first_undated = digest(), digest(with_dates=False)
    phases, phases_undated = phase_digest(), phase_digest(with_dates=False)
    call_command("flush", interactive=False, verbosity=0)
    build_demo(today=TODAY)
    assert digest() == first and phase_digest() == phases
    call_command("flush", interactive=False, verbosity=0)
    build_demo(today=TODAY + dt.timedelta(days=45))
    assert digest(with_dates=False) == first_undated and digest() != first
    assert phase_digest(with_dates=False) == phases_undated and phase_digest() != phases
    call_command("flush", interactive=False, verbosity=0)
    build_demo(seed=2028, today=TODAY)
    assert digest(with_dates=False) != first_undated and phase_digest(with_dates=False) != phases_undated


@pytest.mark.django_db(transaction=True)
def test_demo_command_loads_once_prints_the_accounts_and_reloads_with_fresh(settings):
    settings.DEMO_MODE = False
    out = io.StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text and "demo" in text
    assert re.search(r"Fase 1-2: \d+ huisbezoeken bij \d+ voordeuren, \d+ doorverwijzingen, \d+ toezeggingen", text)
    assert all(re.search(rf"^\s+{role}\s", text, re.M) for role in Role.values)
    loaded = digest(with_dates=False)

    err = io.StringIO()
    call_command("demo", stdout=io.StringIO(), stderr=err)  # loaded already; demo mode off: no server
    assert digest(with_dates=False) == loaded and AuditEvent.objects.count() == 1
    assert "not serving" in err.getvalue()

    Household.objects.filter(notes="").first().delete()
    call_command("demo", "--fresh", "--no-serve", stdout=io.StringIO())
    assert digest(with_dates=False) == loaded and AuditEvent.objects.count() == 1
    call_command("audit", "verify", stdout=io.StringIO())


@pytest.mark.django_db(transaction=True)
def test_demo_command_leaves_a_database_without_the_demo_alone():
    User.objects.create_user("someone", password="not-the-demo-password")
    for flags in (["--no-serve"], ["--fresh", "--no-serve"]):
        with pytest.raises(CommandError) as raised:
            call_command("demo", *flags, stdout=io.StringIO())
        assert raised.value.returncode == 1
    assert list(User.objects.values_list("username", flat=True)) == ["someone"]


@pytest.mark.django_db
def test_usage_errors_raise_with_returncode_1():
    with pytest.raises(CommandError) as raised:
        call_command("demo", "--port", "70000")
    assert raised.value.returncode == 1
    assert not Unit.objects.exists()


@pytest.mark.parametrize("flags", [["--bogus"], ["--port", "http"]])
def test_a_bad_flag_exits_1_on_the_command_line(tmp_path, flags):
    voordeur = Path(sys.executable).with_name("voordeur")
    env = {**os.environ, "VOORDEUR_VAR_DIR": str(tmp_path)}
    result = subprocess.run([str(voordeur), "demo", *flags], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "usage: voordeur demo" in result.stderr
    assert not (tmp_path / "voordeur.sqlite3").exists()  # nothing was loaded
