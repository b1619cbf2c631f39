"""`schedule solve|validate` through cli.main: exit codes and what the user sees."""

import io
import json
from pathlib import Path

import pytest

from voordeur.works.schedule import cli, solver
from voordeur.works.schedule.generate import generate_instance
from voordeur.works.schedule.solver import PhaseResult

INFEASIBLE_RISER = {
    "start_date": "2027-03-01",
    "work_days": 20,
    "max_units_in_work": 6,
    "max_starts_per_day": 1,
    "riser_window_days": 1,
    "guest_homes": ["G1"],
    "day_room_capacity": 2,
    "units": [{"id": f"U{floor}", "riser": "A-0"} for floor in range(4)],
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(path: Path, data: dict) -> str:
    path.write_text(json.dumps(data))
    return str(path)


@pytest.fixture
def instance_file(tmp_path) -> str:
    return write(tmp_path / "flat.json", generate_instance(8, 4))


def test_solve_writes_a_plan_that_validates(instance_file, tmp_path):
    plan_file = tmp_path / "plan.json"
    code, out, err = run("solve", instance_file, "-o", str(plan_file), "--time-limit", "5")
    assert code == 0
    assert out == ""
    plan = json.loads(plan_file.read_text())
    assert plan["status"] in ("optimal", "feasible")
    assert set(plan) >= {"makespan_days", "end_date", "lower_bound_days", "units",
                         "unmet_guest_home_wishes", "solve_seconds"}
    assert "working days" in err
    assert run("validate", instance_file, str(plan_file))[0] == 0


def test_solve_without_output_file_prints_the_plan(instance_file):
    code, out, _err = run("solve", instance_file, "--time-limit", "5")
    assert code == 0
    assert json.loads(out)["units"]


def test_replanning_takes_the_previous_plan(instance_file, tmp_path):
    previous = tmp_path / "previous.json"
    assert run("solve", instance_file, "-o", str(previous), "--time-limit", "3")[0] == 0
    code, out, _err = run("solve", instance_file, "--previous", str(previous), "--time-limit", "3")
    assert code == 0
    assert json.loads(out)["units"] == json.loads(previous.read_text())["units"]


def test_infeasible_exits_2_and_still_writes_the_reason(tmp_path):
    plan_file = tmp_path / "plan.json"
    instance_file = write(tmp_path / "clash.json", INFEASIBLE_RISER)
    code, _out, err = run("solve", instance_file, "-o", str(plan_file))
    assert code == 2
    plan = json.loads(plan_file.read_text())
    assert plan["status"] == "infeasible"
    assert "riser A-0" in plan["reason"]
    assert "units" not in plan
    assert "infeasible" in err


def test_no_plan_in_time_exits_3(instance_file, tmp_path, monkeypatch):
    # Simulate a search that runs out of time with no hand plan to fall back on.
    monkeypatch.setattr(solver, "hand_plan", lambda instance: None)
    monkeypatch.setattr(solver, "gap_filling_plans", lambda instance, seconds: [])
    monkeypatch.setattr(
        solver, "_lexicographic", lambda *args, **kwargs: PhaseResult(None, False, 0, {})
    )
    plan_file = tmp_path / "plan.json"
    code, _out, err = run("solve", instance_file, "-o", str(plan_file), "--time-limit", "1")
    assert code == 3
    assert json.loads(plan_file.read_text())["status"] == "unknown"
    assert "time limit" in err


def test_bad_input_exits_1_naming_file_and_field(tmp_path):
    data = generate_instance(8, 4)
    data["units"][3]["fixed_start_date"] = "2027-03-06"
    instance_file = write(tmp_path / "weekend.json", data)
    code, _out, err = run("solve", instance_file)
    assert code == 1
    assert "weekend.json: units[3].fixed_start_date: 2027-03-06 is not a working day" in err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["plan"],
        ["solve"],
        ["solve", "a.json", "--time-limit", "soon"],
        ["solve", "a.json", "--time-limit", "0"],
        ["solve", "a.json", "--colour"],
        ["validate", "a.json"],
    ],
)
def test_usage_errors_exit_1_not_2(argv):
    code, _out, err = run(*argv)
    assert code == 1
    assert "usage:" in err


def test_help_exits_0(capsys):
    assert run("--help")[0] == 0
    assert "solve" in capsys.readouterr().out


def test_missing_instance_file_exits_1(tmp_path):
    code, _out, err = run("solve", str(tmp_path / "nowhere.json"))
    assert code == 1
    assert "nowhere.json" in err


def test_validate_lists_each_violation(instance_file, tmp_path):
    plan_file = tmp_path / "plan.json"
    assert run("solve", instance_file, "-o", str(plan_file), "--time-limit", "5")[0] == 0
    plan = json.loads(plan_file.read_text())
    plan["units"][0]["start_day"] = -3
    plan["units"].pop()
    write(plan_file, plan)
    code, out, _err = run("validate", instance_file, str(plan_file))
    assert code == 1
    lines = out.splitlines()
    first, last = plan["units"][0]["id"], generate_instance(8, 4)["units"][-1]["id"]
    assert f"{first}: start_day -3 is before day 0" in lines
    assert f"{last}: not planned" in lines
    assert all(": " in line for line in lines)


def test_validate_bad_plan_file_exits_1(instance_file, tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text('{"status": "feasible", "units": [{"id": "x"}]}')
    code, _out, err = run("validate", instance_file, str(plan_file))
    assert code == 1
    assert "plan.json: units[0].start_day: missing" in err


def test_the_management_command_passes_argv_and_exit_code(tmp_path):
    from voordeur.works.management.commands.schedule import Command

    instance_file = write(tmp_path / "clash.json", INFEASIBLE_RISER)
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["voordeur", "schedule", "solve", instance_file,
                                 "-o", str(tmp_path / "plan.json")])
    assert exited.value.code == 2
