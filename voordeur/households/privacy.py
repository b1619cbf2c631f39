"""The personal data of households, tenancies, people and the contact log (voordeur/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Category
from voordeur.households.models import ContactLogEntry, Household, Person, Tenancy
from voordeur.privacy.registry import DELETE, after_date, after_phase_end, register
from voordeur.trajectories.models import Phase

UNIT = {"unit__unit_id": _("eenheid"), "unit__street": _("straat"), "unit__number": _("huisnummer"),
        "unit__letter": _("huisletter"), "unit__addition": _("toevoeging"), "unit__postcode": _("postcode"),
        "unit__city": _("plaats")}

register(
    Household, category=Category.CONTACT, household="pk",
    export=("name", "phone", "email", "language", "interpreter_needed", "best_time", "notes", *UNIT,
            "created_by_partner__name", "created_at", "updated_at"),
    labels={**UNIT, "created_by_partner__name": _("vastgelegd door"), "created_at": _("vastgelegd op"),
            "updated_at": _("laatst gewijzigd op")},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="unit__complex"),
    audit_keys=("household",),
)
register(
    Tenancy, category=Category.HOUSEHOLD, household="household",
    export=("tenancy_id", "unit__unit_id", "start_date", "end_date"),
    labels={"unit__unit_id": _("eenheid")},
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="unit__complex"),
    audit_keys=("tenancy",), audit_list_keys=("tenancies",),
)
register(
    Person, category=Category.CONTACT, household="household",
    export=("name", "relation", "birth_year", "language", "phone"),
    erase=DELETE, retention=after_phase_end(Phase.AFTERCARE, complex="household__unit__complex"),
)
register(
    ContactLogEntry, category=Category.CONTACTS_LOG, household="household",
    export=("contacted_at", "channel", "topic", "reached", "partner__name"),
    labels={"partner__name": _("organisatie")},
    erase=DELETE, retention=after_date("contacted_at"),
)
