"""THE policy table: which role sees which data category at which level.

This is the only place the table lives. Enforcement (access functions, selectors,
serializers), the OpenAPI `x-voordeur-category` tags, docs/authorization.md and the
generated access tests all read it from here. It is written in the layout of
spec/access.md so the two can be compared line by line (a test does so).
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIRECTOR = "director", _("Procesregisseur (corporatie)")
    SOCIAL_MANAGER = "social_manager", _("Sociaal beheerder (corporatie)")
    RENO_LEAD = "reno_lead", _("Projectleider renovatie / bewonersconsulent")
    LETTING = "letting", _("Verhuurconsulent")
    BROKER = "broker", _("Sociaal makelaar (welzijn)")
    NBH_TEAM = "nbh_team", _("Buurtteam")
    MUNI_ADVISOR = "muni_advisor", _("Adviseur gemeente")
    DEBT_HELP = "debt_help", _("Schuldhulploket gemeente")
    ENFORCEMENT = "enforcement", _("Handhaving / wijkveiligheid")
    CONTRACTOR = "contractor", _("Planner aannemer")
    RESEARCHER = "researcher", _("Onderzoeker (universiteit)")
    PRIVACY = "privacy", _("Privacyfunctionaris")
    ADMIN = "admin", _("Technisch beheerder")


class Category(StrEnum):
    PLACES = "places"
    CONTACT = "contact"
    HOUSEHOLD = "household"
    CONTACTS_LOG = "contacts_log"
    VISITS = "visits"
    LIFE_DOMAINS = "life_domains"
    REFERRALS = "referrals"
    PROMISES = "promises"
    OPPORTUNITIES = "opportunities"
    ARREARS = "arrears"
    REPAIRS = "repairs"
    CRIME = "crime"
    CONSENT = "consent"
    WORKS = "works"
    WORKS_NEEDS = "works_needs"
    ALLOCATION = "allocation"
    RESEARCH = "research"
    AUDIT = "audit"
    META = "meta"
    ACCOUNTS = "accounts"


class Level(StrEnum):
    NONE = "none"
    AGG = "agg"
    OWN_READ = "own-read"
    OWN_WRITE = "own-write"
    READ = "read"
    WRITE = "write"

    @property
    def reads(self) -> bool:
        """May see individual records (all of them, or its own)."""
        return self in (Level.READ, Level.WRITE, Level.OWN_READ, Level.OWN_WRITE)

    @property
    def writes(self) -> bool:
        return self in (Level.WRITE, Level.OWN_WRITE)

    @property
    def own_only(self) -> bool:
        return self in (Level.OWN_READ, Level.OWN_WRITE)

    @property
    def counts(self) -> bool:
        """May see complex-wide aggregates. Own-levels may not: counts over everyone's
        records would tell them more than their own records do."""
        return self in (Level.AGG, Level.READ, Level.WRITE)


# Reading these is audited (access.md, "What must be true" 3) and they are encrypted at rest.
SENSITIVE = frozenset({Category.LIFE_DOMAINS, Category.ARREARS, Category.CRIME, Category.RESEARCH})

CATEGORY_CONTENTS = {
    Category.PLACES: "complexes, stairwells (portieken), units, addresses, BAG ids, vacancy",
    Category.CONTACT: "household name(s), phone, e-mail, language, interpreter need, best time to reach",
    Category.HOUSEHOLD: "composition, birth years, tenancy dates, non-sensitive household notes",
    Category.CONTACTS_LOG: "who contacted a household, when, by which channel, about which topic (no content)",
    Category.VISITS: "door-to-door visits: date, outcome, broker, short neutral summary",
    Category.LIFE_DOMAINS: "conversation content: life-domain scores (1-5) and notes (special category data)",
    Category.REFERRALS: "referral to a partner: receiving partner, category, resident's consent, status, due dates",
    Category.PROMISES: "what was promised to the resident, by which partner, due date, status, history",
    Category.OPPORTUNITIES: "resident initiatives and the support they need",
    Category.ARREARS: "rent arrears and early debt signals (vroegsignalering)",
    Category.REPAIRS: "defects and nuisance reports for units and common areas",
    Category.CRIME: "signals of undermining crime (criminal data, art. 10 GDPR)",
    Category.CONSENT: "each household's response to a renovation proposal",
    Category.WORKS: "the works plan per unit: dates, guest home assigned",
    Category.WORKS_NEEDS: "flags for planning: needs / wants guest home, home during day, unavailable periods",
    Category.ALLOCATION: "vacancies, candidates, motivations, scores, pledges",
    Category.RESEARCH: "wellbeing survey answers (pseudonymised)",
    Category.AUDIT: "the audit log",
    Category.META: "ids, pagination, record timestamps, trajectory names and phases, partner organisation names",
    Category.ACCOUNTS: "users, roles, memberships, tokens",
}

TABLE = """
| category | director | social_manager | reno_lead | letting | broker | nbh_team | muni_advisor | debt_help | enforcement | contractor | researcher | privacy | admin |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| places | write | read | read | write | read | read | read | read | read | read | agg | read | write |
| contact | read | write | write | none | write | own-read | none | own-read | read | read | none | none | none |
| household | read | write | read | none | write | own-read | none | none | none | none | none | none | none |
| contacts_log | read | write | write | none | write | own-write | agg | own-write | write | own-write | none | none | none |
| visits | read | read | none | none | write | own-read | agg | none | none | none | agg | none | none |
| life_domains | agg | none | none | none | own-write | own-read | agg | none | none | none | agg | none | none |
| referrals | read | read | none | none | write | own-write | agg | own-write | none | none | none | none | none |
| promises | write | write | write | none | write | own-write | agg | own-write | own-write | own-write | none | none | none |
| opportunities | read | read | read | none | write | read | read | none | none | none | agg | none | none |
| arrears | agg | write | none | none | none | none | agg | own-read | none | none | none | none | none |
| repairs | read | write | read | none | write | none | agg | none | write | read | none | none | none |
| crime | none | write | none | none | none | none | agg | none | write | none | none | none | none |
| consent | write | read | write | none | agg | none | agg | none | none | none | agg | none | none |
| works | read | read | write | read | read | own-read | agg | none | read | read | agg | none | none |
| works_needs | read | read | write | none | write | none | none | none | none | read | none | none | none |
| allocation | read | read | none | write | none | none | agg | none | none | none | none | none | none |
| research | none | none | none | none | none | none | none | none | none | none | read | none | none |
| audit | none | none | none | none | none | none | none | none | none | none | none | read | none |
| meta | read | read | read | read | read | read | read | read | read | read | read | read | read |
| accounts | own-read | own-read | own-read | own-read | own-read | own-read | own-read | own-read | own-read | own-read | own-read | read | write |
"""


def parse_table(text: str) -> dict[Category, dict[Role, Level]]:
    """Parse a markdown policy table into {category: {role: level}}, strictly."""
    rows = [line.strip() for line in text.strip().splitlines() if line.strip().startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    roles = [Role(key) for key in header[1:]]
    if set(roles) != set(Role):
        raise ValueError("the policy table must have one column per role")
    table: dict[Category, dict[Role, Level]] = {}
    for line in rows[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        category = Category(cells[0])
        table[category] = {role: Level(cell) for role, cell in zip(roles, cells[1:], strict=True)}
    if set(table) != set(Category):
        raise ValueError("the policy table must have one row per category")
    return table


POLICY = parse_table(TABLE)


def level(role: str | None, category: Category) -> Level:
    """The level a role has for a category; unknown or missing roles get none."""
    if role is None or role not in Role.values:
        return Level.NONE
    return POLICY[category][Role(role)]
