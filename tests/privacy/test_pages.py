"""The privacy pages in the generated access tests, and what every one of them must be:
Dutch, no inline scripts or styles (CSP 'self'), no personal data."""

import re

import pytest

from tests.access.routes import pages
from tests.auth import login_verified
from tests.personas import World
from tests.privacy.conftest import OFFICER
from voordeur.access.policy import Category

PRIVACY_PAGES = {"privacy-audit": "/privacy/auditlog/", "privacy-export": "/privacy/inzage/",
                 "privacy-erasure": "/privacy/wissen/"}


def test_the_generated_access_tests_cover_the_privacy_pages() -> None:
    """tests/access/test_pages.py opens every routed page as every persona: 200 for the
    privacy officer, 404 for everyone else and the outsider."""
    found = {page.name: page for page in pages()}
    for name, url in PRIVACY_PAGES.items():
        assert found[name].template == url and found[name].primary_category is Category.AUDIT


@pytest.mark.parametrize("url", PRIVACY_PAGES.values())
def test_no_inline_script_or_style(world: World, client, events, url: str) -> None:
    login_verified(client, world.user(OFFICER))
    html = client.get(url, {"controleer": "1"}).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"<style|\sstyle=", html), "inline style"
    assert 'lang="nl"' in html
