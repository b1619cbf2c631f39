"""Every audit action the code records is a declared `AuditEvent.Action` (the audit browser
filters by them). Found statically, by reading every call of the recorder in `voordeur/`, so
a new undeclared action fails here even when no test runs its code path."""

import ast
from pathlib import Path

import pytest

import voordeur
from voordeur.audit import log as audit
from voordeur.audit.models import AuditEvent

ROOT = Path(voordeur.__file__).parent


def _is_recorder(call: ast.Call, imports_record: bool) -> bool:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr == "record" and isinstance(func.value, ast.Name) and func.value.id == "audit"
    return imports_record and isinstance(func, ast.Name) and func.id == "record"


def _action_of(node: ast.expr, constants: dict[str, str]) -> str | None:
    """A literal, a module-level string constant, or `AuditEvent.Action.X` / `Action.X`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute | ast.Name):
        owner = node.value.attr if isinstance(node.value, ast.Attribute) else node.value.id
        if owner == "Action" and node.attr in AuditEvent.Action.__members__:
            return AuditEvent.Action[node.attr].value
    return None


def recorded_actions(root: Path = ROOT) -> list[tuple[str, str | None]]:
    """(file:line, action) of every recorder call; action None when it cannot be read statically."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_record = any(isinstance(n, ast.ImportFrom) and n.module == "voordeur.audit.log"
                             and any(a.name == "record" for a in n.names) for n in tree.body)
        constants = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign)
                     and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str)
                     for t in n.targets if isinstance(t, ast.Name)}
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if not _is_recorder(call, imports_record):
                continue
            node = call.args[1] if len(call.args) > 1 else next(
                (k.value for k in call.keywords if k.arg == "action"), None)
            where = f"{path.relative_to(root.parent)}:{call.lineno}"
            found.append((where, None if node is None else _action_of(node, constants)))
    return found


def test_every_recorded_action_is_declared() -> None:
    found = recorded_actions()
    assert len(found) > 40  # the scan sees the recorder calls at all
    undeclared = [(where, action) for where, action in found if action not in AuditEvent.Action.values]
    assert not undeclared, f"record() with an undeclared or unreadable action: {undeclared}"


def test_the_scan_finds_an_undeclared_action(tmp_path) -> None:
    (tmp_path / "module.py").write_text(
        "from voordeur.audit import log as audit\nfrom voordeur.audit.log import record\n"
        "PEEK = 'peek'\n"
        "def f(user):\n"
        "    audit.record(user, 'update')\n    audit.record(user, PEEK)\n    record(user, action=variable)\n"
    )
    assert [action for _, action in recorded_actions(tmp_path)] == ["update", "peek", None]


def test_every_action_the_code_records_today_is_declared() -> None:
    readable = {action for _, action in recorded_actions()}
    for action in ("restore", "transition", "emergency_override", "digest", "keys_rotate", "subject_export",
                   "erasure", "retention", "access_denied", "token"):
        assert action in readable and action in AuditEvent.Action.values, action


@pytest.mark.django_db
def test_the_recorder_refuses_an_undeclared_action_and_writes_nothing() -> None:
    with pytest.raises(ValueError, match="undeclared audit action 'peek'"):
        audit.record(None, "peek")
    assert not AuditEvent.objects.exists()
