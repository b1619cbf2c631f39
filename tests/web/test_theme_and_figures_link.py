"""The NL Design System theme in the page frame, and the trajectory page's link to the figures.

The theme: the EUPL example theme plus Voordeur's layer, never Gemeente Utrecht's proprietary
tokens. The link to "Cijfers per portiek" follows the measures a role may count (its grants),
not its name.
"""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.auth import login_verified
from tests.personas import OURS, World
from voordeur.access.policy import Role
from voordeur.aggregates.selectors import measure_list


def _html(world: World, who: str, url: str) -> str:
    client = Client()
    login_verified(client, world.user(who))
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _assert_themed(html: str) -> None:
    assert "vendor/voorbeeld-theme.css" in html and "voordeur/theme.css" in html
    assert "utrecht-design-tokens" not in html and "utrecht-theme" not in html
    assert 'class="utrecht-document voorbeeld-theme voordeur-theme ' in html
    # the example theme first, Voordeur's layer over it, then the components and app styles
    order = [html.index(name) for name in ("voorbeeld-theme.css", "voordeur/theme.css", "utrecht-components.css", "voordeur/app.css")]
    assert order == sorted(order)


def test_pages_and_the_error_page_use_the_voordeur_theme(world):
    _assert_themed(_html(world, "broker", reverse("start")))
    _assert_themed(Client().get(reverse("login")).content.decode())
    _assert_themed(render_to_string("500.html"))


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_trajectory_links_to_the_figures_exactly_when_the_role_may_count_something(world, role):
    figures = reverse("figures", kwargs={"slug": OURS})
    html = _html(world, role, reverse("trajectory", kwargs={"slug": OURS}))
    assert (f'href="{figures}"' in html) == bool(measure_list(user=world.user(role)))


def test_without_countable_measures_the_figures_link_is_absent(world, monkeypatch):
    """Every persona role can count something today; a grant table without any must hide it."""
    figures = reverse("figures", kwargs={"slug": OURS})
    trajectory = reverse("trajectory", kwargs={"slug": OURS})
    assert f'href="{figures}"' in _html(world, "researcher", trajectory)
    monkeypatch.setattr("voordeur.web.shell.views.measure_list", lambda *, user: [])
    html = _html(world, "researcher", trajectory)
    assert f'href="{figures}"' not in html and "Cijfers per portiek" not in html


def test_the_figures_page_is_a_styled_scrollable_table_with_breadcrumbs(world):
    html = _html(world, "director", reverse("figures", kwargs={"slug": OURS}))
    assert 'class="utrecht-table vd-figures-table"' in html
    assert "vd-table-scroll" in html and 'role="region"' in html
    assert 'aria-current="page">Cijfers per portiek<' in html
    assert f'href="{reverse("trajectory", kwargs={"slug": OURS})}"' in html
