"""How the generated page tests (tests/access/test_pages.py) fill the URL arguments of the
phase-2 pages from the persona world, and whether each persona should see them (200) or not
(404) — from the policy table and the world's facts, never from the code under test."""

from tests.access.expect import record_visible
from tests.access.routes import Page
from tests.personas import OTHER, OURS, World, grant_level
from voordeur.access.policy import Category
from voordeur.households.models import Household
from voordeur.places.models import Unit
from voordeur.visits.models import Opportunity, Visit


def _slug_of(facts) -> str:
    return next(iter(facts.trajectories))


def visit_page_targets(world: World, who: str, page: Page) -> list[tuple[str, bool]] | None:
    """(url, expected visible) for a phase-2 page, or None for pages of other phases."""
    if page.name == "visit-record":  # a door of a trajectory: places and visits read, a member
        reads = grant_level(who, Category.VISITS).reads and grant_level(who, Category.PLACES).reads
        targets = [(page.template.format(slug=_slug_of(f), unit_pk=f.pk), reads and bool(f.trajectories & world.member_of(who)))
                   for f in world.facts(Unit)]
        other_unit = next(f for f in world.facts(Unit) if f.trajectories == {OTHER})
        targets.append((page.template.format(slug=OURS, unit_pk=other_unit.pk), False))  # a door of another flat
        return targets
    if page.name == "visit-life-domains":  # the form of a talk: only the visiting organisation writes it
        writes = grant_level(who, Category.LIFE_DOMAINS).writes
        targets = []
        for facts in world.facts(Visit):
            visit = Visit.objects.get(pk=facts.pk)  # the outcome is not a fact: read it, not a selector
            visible = (writes and bool(facts.trajectories & world.member_of(who))
                       and facts.partner_id == world.partner_of(who) and visit.outcome == Visit.Outcome.TALKED
                       and record_visible(world, who, Visit, Category.VISITS, facts))
            targets.append((page.template.format(slug=_slug_of(facts), pk=facts.pk), visible))
        return targets
    if page.name == "opportunity":
        return [(page.template.format(slug=_slug_of(f), pk=f.pk),
                 record_visible(world, who, Opportunity, Category.OPPORTUNITIES, f))
                for f in world.facts(Opportunity)]
    if page.name == "household-life-domains":
        reads = grant_level(who, Category.LIFE_DOMAINS).reads
        return [(page.template.format(pk=f.pk), reads and record_visible(world, who, Household, Category.CONTACT, f))
                for f in world.facts(Household)]
    return None
