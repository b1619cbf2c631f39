"""`voordeur consent proposal create` and `voordeur consent tally [--json]`; usage errors exit 1."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from voordeur.audit.models import AuditEvent
from voordeur.consent.models import Answer, Proposal
from voordeur.consent.services import response_record
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today

pytestmark = pytest.mark.django_db


def consent(*args: str) -> str:
    out = io.StringIO()
    call_command("consent", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_id_last_and_the_tally_json_follows_interfaces_md(world):
    out = consent("proposal", "create", "--complex", "akkerflat", "--title", "Voorstel X",
                  "--sent", today().strftime("%d-%m-%Y"), "--deadline", "2099-01-31")
    pk = int(out.strip().splitlines()[-1])
    proposal = Proposal.objects.get(pk=pk)
    assert proposal.versions.count() == 1
    assert AuditEvent.objects.filter(action="create", object_type="consent.proposal", object_id=str(pk)).exists()
    tenancy = Tenancy.objects.get(tenancy_id="T-ons-003")
    response_record(proposal=proposal, tenancy=tenancy, answer=Answer.YES, responded_on=today(), channel="door",
                    by=world.user("reno_lead"))
    doc = json.loads(consent("tally", str(pk), "--json"))
    assert doc == {
        "proposal": pk, "complex": "akkerflat", "dwellings": 6, "tenants": 6, "agreed": 1, "against": 0,
        "no_response": 5, "percent_agreed": 16.67, "threshold_percent": 70, "threshold_met": False,
        "presumption_applies": False, "response_deadline": "2099-01-31", "counted_at": today().isoformat(),
        "not_agreed": [{"tenancy_id": f"T-ons-00{n}", "unit_id": f"AK-00{n}", "status": "no_response"}
                       for n in (1, 2, 4, 5, 6)],
    }
    text = consent("tally", str(pk))
    assert "agreed 16.67%" in text and "still needed 4" in text


@pytest.mark.parametrize("args", [
    ["tally", "424242"],
    ["tally", "x"],
    ["proposal", "create", "--complex", "nergens", "--title", "T", "--sent", "2027-01-01", "--deadline", "2027-02-01"],
    ["proposal", "create", "--complex", "akkerflat", "--title", "T", "--sent", "2027-02-30", "--deadline", "2027-03-01"],
    ["proposal", "create", "--complex", "akkerflat", "--title", "T", "--sent", "2027-03-01", "--deadline", "2027-02-01"],
    ["proposal", "create", "--complex", "akkerflat"],
    [],
])
def test_usage_errors_exit_1(world, args):
    before = Proposal.objects.count()
    with pytest.raises(CommandError) as raised:
        call_command("consent", *args, stdout=io.StringIO(), stderr=io.StringIO())
    assert raised.value.returncode == 1
    assert Proposal.objects.count() == before


@pytest.mark.parametrize("args", [["consent", "tally"], ["import", "units", "/nonexistent.csv"]])
def test_from_the_command_line_usage_errors_exit_1(args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "voordeur.settings"}
    done = subprocess.run([sys.executable, "-m", "voordeur", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 1, done.stderr
