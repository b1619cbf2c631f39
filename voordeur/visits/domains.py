"""The 13 life domains of a door-to-door talk (Zelfredzaamheid-Matrix style), scored 1-5."""

from django.utils.translation import gettext_lazy as _

LIFE_DOMAINS: dict[str, str] = {
    "finances": _("Financiën"),
    "work_education": _("Werk en opleiding"),
    "daytime": _("Tijdsbesteding"),
    "housing": _("Huisvesting"),
    "domestic_relations": _("Huiselijke relaties"),
    "mental_health": _("Geestelijke gezondheid"),
    "physical_health": _("Lichamelijke gezondheid"),
    "substance_use": _("Middelengebruik"),
    "basic_adl": _("Basale ADL"),
    "instrumental_adl": _("Instrumentele ADL"),
    "social_network": _("Sociaal netwerk"),
    "community": _("Maatschappelijke participatie"),
    "justice": _("Justitie"),
}
SCORES: dict[int, str] = {
    1: _("acute problematiek"),
    2: _("niet zelfredzaam"),
    3: _("beperkt zelfredzaam"),
    4: _("voldoende zelfredzaam"),
    5: _("volledig zelfredzaam"),
}
