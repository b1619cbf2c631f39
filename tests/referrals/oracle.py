"""What a persona should get from the referral and promise pages and status changes.

The generated access tests (tests/access/) ask this module about the routes of this part.
Like tests/access/expect.py it never calls the code under test: it works from the policy
table, the world's facts and the records' own columns (who sent, received, owns, made).
"""

from tests.access.expect import record_visible
from tests.personas import OURS, World, grant_level
from voordeur.access.policy import Category
from voordeur.households.models import Household
from voordeur.referrals.models import Promise, Referral

RS, PS = Referral.Status, Promise.Status
# (the persona's relation to the record, its status) -> the change that relation may make
CHANGES = {
    ("receiver", RS.SENT): RS.ACCEPTED,
    ("receiver", RS.ACCEPTED): RS.COMPLETED,
    ("sender", RS.SENT): RS.WITHDRAWN,
    ("sender", RS.ACCEPTED): RS.WITHDRAWN,
    ("owner", PS.OPEN): PS.KEPT,
    ("maker", PS.OPEN): PS.CANCELLED,
    ("writer", PS.OPEN): PS.KEPT,
}


def _trajectory_of(world: World, facts) -> str:
    return next(iter(facts.trajectories))


def form_targets(world: World, who: str, template: str, category: Category) -> list[tuple[str, int]]:
    """A form for one household (`/t/{slug}/huishoudens/{household_pk}/...`): 404 when the
    household is not visible in that trajectory or the category unreadable; 403 for read-only."""
    level = grant_level(who, category)
    targets = []
    for slug in world.trajectories:
        for facts in world.facts(Household):
            visible = (level.reads and _trajectory_of(world, facts) == slug
                       and record_visible(world, who, Household, Category.CONTACT, facts))
            status = 404 if not visible else (200 if level.writes else 403)
            targets.append((template.format(slug=slug, household_pk=facts.pk), status))
    return targets


def referral_targets(world: World, who: str, template: str) -> list[tuple[str, int]]:
    targets = []
    for slug in world.trajectories:
        for facts in world.facts(Referral):
            visible = _trajectory_of(world, facts) == slug and record_visible(
                world, who, Referral, Category.REFERRALS, facts)
            targets.append((template.format(slug=slug, pk=facts.pk), 200 if visible else 404))
    return targets


def overview_only_targets(world: World, who: str, template: str) -> list[tuple[str, int]]:
    """The commitment figure: only for full read or write on promises (own-levels see only
    their own promises, which makes no comparison between partners)."""
    level = grant_level(who, Category.PROMISES)
    return [(template.format(slug=slug), 200 if level.reads and not level.own_only and slug in world.member_of(who)
             else 404) for slug in world.trajectories]


PAGE_TARGETS = {
    "referral-new": lambda world, who, template: form_targets(world, who, template, Category.REFERRALS),
    "promise-new": lambda world, who, template: form_targets(world, who, template, Category.PROMISES),
    "referral-detail": referral_targets,
    "commitment": overview_only_targets,
}


def relation(world: World, who: str, obj) -> str | None:
    partner = world.partner_of(who)
    if isinstance(obj, Referral):
        if partner == obj.to_partner_id:
            return "receiver"
        return "sender" if partner == obj.from_partner_id else None
    if partner == obj.owner_partner_id:
        return "owner"
    if partner == obj.made_by_partner_id:
        return "maker"
    level = grant_level(who, Category.PROMISES)
    return "writer" if level.writes and not level.own_only else None


def transition_case(world: World, who: str, model, category: Category) -> tuple[int, dict, int]:
    """(record pk, POST body, expected status) for one persona on a record of ours it can see
    (an open one where there is one), or on one it cannot."""
    ours = [f for f in world.facts(model) if OURS in f.trajectories]
    visible = [f for f in ours if record_visible(world, who, model, category, f)]
    objects = {obj.pk: obj for obj in model.objects.filter(pk__in=[f.pk for f in ours])}

    def change(obj):
        return CHANGES.get((relation(world, who, obj), obj.status))

    target = sorted(visible or ours, key=lambda f: (change(objects[f.pk]) is None, f.pk))[0]
    obj = objects[target.pk]
    level = grant_level(who, category)
    wanted = change(obj)
    body = {"status": wanted or (RS.ACCEPTED if model is Referral else PS.KEPT), "version": obj.version,
            "note": f"door {who}", "feedback": f"Terugmelding door {who}"}
    if not record_visible(world, who, model, category, target):
        return target.pk, body, 404
    if not level.writes:
        return target.pk, body, 403
    if wanted is None:
        # a writer that is no party to the record: 403 where the table allows the change
        # asked for (accept a sent referral, keep an open promise), else 400
        allowed = obj.status == (RS.SENT if model is Referral else PS.OPEN)
        return target.pk, body, 403 if allowed else 400
    return target.pk, body, 200
