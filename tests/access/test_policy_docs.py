"""The policy table equals the spec's, and docs/authorization.md is generated from it."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from voordeur.access.docs import output_path, render
from voordeur.access.policy import CATEGORY_CONTENTS, POLICY, Category, Role, parse_table

SPEC = Path(settings.BASE_DIR).parent / "shared" / "spec" / "access.md"


@pytest.fixture(scope="module")
def spec_text() -> str:
    if not SPEC.exists():
        pytest.skip(f"{SPEC} is not beside this checkout")
    return SPEC.read_text(encoding="utf-8")


def _table_after(text: str, header_start: str) -> str:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        table.append(line)
    return "\n".join(table)


def test_policy_equals_the_spec_table(spec_text: str) -> None:
    spec = parse_table(_table_after(spec_text, "| category |"))
    assert spec == POLICY


def test_categories_and_roles_match_the_spec(spec_text: str) -> None:
    contents = _table_after(spec_text, "| key | contents |").splitlines()[2:]
    assert {line.split("|")[1].strip() for line in contents} == {c.value for c in Category}
    assert set(CATEGORY_CONTENTS) == set(Category)
    roles_paragraph = spec_text.split("Roles:", 1)[1].split("| category |", 1)[0]
    assert set(re.findall(r"`(\w+)`\s+\(", roles_paragraph)) == set(Role.values)


def test_authorization_doc_is_current() -> None:
    assert output_path().read_text(encoding="utf-8") == render(), "docs/authorization.md is stale: run `voordeur authdoc`"


def test_authorization_doc_derives_from_the_table() -> None:
    text = render()
    assert parse_table(_table_after(text, "| category |")) == POLICY
    for role in Role:
        assert f"| `{role.value}` | {role.label} |" in text
    for path in ("/api/v1/households/", "/api/v1/households/{id}/", "/api/v1/contact-log/"):
        assert f"| `{path}` |" in text


def test_authdoc_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "authorization.md"
    stale.write_text(render().replace("| places | write |", "| places | read |"), encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        call_command("authdoc", "--check", "--output", str(stale))
    assert raised.value.returncode == 1
    call_command("authdoc", "--output", str(stale))
    call_command("authdoc", "--check", "--output", str(stale))
    assert stale.read_text(encoding="utf-8") == render()
