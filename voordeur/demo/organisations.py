"""The fictional partner organisations, what each agreed to, and the staff accounts."""

import datetime as dt
from dataclasses import dataclass

from voordeur.access.policy import Role
from voordeur.accounts.models import Partner


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    kind: str
    agreement: str
    joined_on: dt.date


CORPORATION = "vechtzoom"
ORGANISATIONS: tuple[Org, ...] = (
    Org(CORPORATION, "Woonstichting Vechtzoom", Partner.Kind.CORPORATION,
        "Eigenaar van het traject. Reparatieverzoeken binnen 5 werkdagen opgepakt; gebroken ramen "
        "worden gerepareerd tot de dag vóór de renovatie. Elke belofte aan een bewoner krijgt een "
        "eigenaar en een datum.", dt.date(2025, 6, 2)),
    Org("welzijn-overvecht-samen", "Welzijn Overvecht Samen", Partner.Kind.WELFARE,
        "Bij elke voordeur aanbellen vóór de zomer 2027. Doorverwijzen alleen met toestemming van de "
        "bewoner; kansen en initiatieven van bewoners ondersteunen.", dt.date(2025, 6, 2)),
    Org("buurtteam-overvecht-noord", "Buurtteam Overvecht-Noord", Partner.Kind.NBH_TEAM,
        "Eén intensief traject per jaar; doorverwezen huishoudens binnen 10 werkdagen gesproken.",
        dt.date(2025, 7, 1)),
    Org("gemeente-utrecht", "Gemeente Utrecht", Partner.Kind.MUNICIPALITY,
        "Samen voor Overvecht: aanmeldingen bij het schuldhulploket binnen 5 werkdagen opgepakt; "
        "handhaving zet extra in rond de flat en sluit aan bij het maandelijkse veiligheidsoverleg.",
        dt.date(2025, 6, 2)),
    Org("bouwbedrijf-dreefbouw", "Bouwbedrijf Dreefbouw", Partner.Kind.CONTRACTOR,
        "Woningopnames in overleg met de bewoner plannen; toegezegde data niet verschuiven zonder "
        "overleg met bewoner en corporatie.", dt.date(2026, 2, 2)),
    Org("uu-wonen-welzijn", "Universiteit Utrecht — onderzoeksgroep Wonen & Welzijn", Partner.Kind.UNIVERSITY,
        "Welzijn en gezondheid meten vóór, tijdens en na de renovatie; alleen gepseudonimiseerde "
        "gegevens; resultaten per meting teruggekoppeld aan bewoners en partners.", dt.date(2025, 9, 1)),
    Org("politie-wijkteam-overvecht", "Politie — wijkteam Overvecht", Partner.Kind.POLICE,
        "De wijkagent sluit maandelijks aan bij het veiligheidsoverleg over de flat.", dt.date(2025, 9, 1)),
)

ROLE_ORGANISATION: dict[Role, str] = {
    Role.DIRECTOR: CORPORATION,
    Role.SOCIAL_MANAGER: CORPORATION,
    Role.RENO_LEAD: CORPORATION,
    Role.LETTING: CORPORATION,
    Role.BROKER: "welzijn-overvecht-samen",
    Role.NBH_TEAM: "buurtteam-overvecht-noord",
    Role.MUNI_ADVISOR: "gemeente-utrecht",
    Role.DEBT_HELP: "gemeente-utrecht",
    Role.ENFORCEMENT: "gemeente-utrecht",
    Role.CONTRACTOR: "bouwbedrijf-dreefbouw",
    Role.RESEARCHER: "uu-wonen-welzijn",
    Role.PRIVACY: CORPORATION,
    Role.ADMIN: CORPORATION,
}

# Staff names of the demo accounts (fictional).
STAFF_NAMES: dict[Role, tuple[str, str]] = {
    Role.DIRECTOR: ("Marloes", "van Dam"),
    Role.SOCIAL_MANAGER: ("Youssef", "Bennani"),
    Role.RENO_LEAD: ("Ingrid", "Hoekman"),
    Role.LETTING: ("Stefan", "de Rooij"),
    Role.BROKER: ("Samira", "Ouali"),
    Role.NBH_TEAM: ("Bram", "Verbeek"),
    Role.MUNI_ADVISOR: ("Esther", "Kramer"),
    Role.DEBT_HELP: ("Okan", "Yalçın"),
    Role.ENFORCEMENT: ("Rik", "Vermeulen"),
    Role.CONTRACTOR: ("Dennis", "Schipper"),
    Role.RESEARCHER: ("Lotte", "Vermaas"),
    Role.PRIVACY: ("Hanneke", "Sluiter"),
    Role.ADMIN: ("Tom", "Zwart"),
}
