"""What a persona should see, computed from the policy table and the world's facts alone.

This is the test oracle: it never calls the selectors or access functions under test.
"""

from django.db import models

from tests.personas import OTHER, OURS, OUTSIDER, Facts, World, grant_level
from voordeur.access.policy import Category, Level
from voordeur.accounts.models import Partner, User

# The distinctive values the world gives each household, and their data category.
VALUE_CATEGORIES = {
    "name": Category.CONTACT,
    "phone": Category.CONTACT,
    "email": Category.CONTACT,
    "person": Category.CONTACT,
    "person_phone": Category.CONTACT,
    "notes": Category.HOUSEHOLD,
}


def system_wide(who: str, model: type[models.Model]) -> bool:
    """Accounts are managed system-wide: users by roles that read all accounts (privacy
    officer, admin), partner organisations by roles that manage accounts (admin)."""
    level = grant_level(who, Category.ACCOUNTS)
    if model is User:
        return level in (Level.READ, Level.WRITE)
    if model is Partner:
        return level is Level.WRITE
    return False


def field_visible(world: World, who: str, category: Category, facts: Facts) -> bool:
    level = grant_level(who, category)
    return level.reads and (not level.own_only or world.is_own(who, facts))


def record_visible(world: World, who: str, model: type[models.Model], primary: Category, facts: Facts) -> bool:
    in_scope = bool(facts.trajectories & world.member_of(who)) or system_wide(who, model)
    return in_scope and field_visible(world, who, primary, facts)


def expected_keys(world: World, who: str, serializer_class, facts: Facts) -> set[str]:
    names = serializer_class(context={}).fields.keys()
    return {name for name in names if field_visible(world, who, serializer_class.category_of(name), facts)}


def forbidden_values(world: World, who: str) -> dict[str, str]:
    """{value: why} for every distinctive household value this persona may not see."""
    forbidden = {}
    for label, values in world.values.items():
        trajectory = OTHER if label.startswith("o") else OURS
        facts = Facts(pk=world.households[label], trajectories=frozenset({trajectory}),
                      household_id=world.households[label])
        for key, value in values.items():
            category = VALUE_CATEGORIES[key]
            in_scope = trajectory in world.member_of(who)
            if not (in_scope and field_visible(world, who, category, facts)):
                forbidden[value] = f"{label}.{key} ({category})"
    if who == OUTSIDER:
        for text in ("Akkerflat Persona", "Akkerflat Vernieuwt", "Akkerstraat"):
            forbidden[text] = "our trajectory"
    return forbidden
