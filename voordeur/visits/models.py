"""Phase 2 (Opbouwen): door-to-door visits, the life-domain conversation, opportunities.

The talks are not about the renovation. A visit's outcome and a short neutral summary are
`visits`; what was said about someone's life is `life_domains` (special category data,
encrypted at rest, own-write for the visiting organisation).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.lib.crypto import EncryptedJSONField


class Visit(models.Model):
    class Outcome(models.TextChoices):
        NOT_HOME = "not_home", _("Niet thuis")
        TALKED = "talked", _("Gesproken")
        REFUSED = "refused", _("Wil geen gesprek")
        MOVED_AWAY = "moved_away", _("Verhuisd")

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Ochtend")
        AFTERNOON = "afternoon", _("Middag")
        EVENING = "evening", _("Avond")
        WEEKEND = "weekend", _("Weekend")

    class Theme(models.TextChoices):
        """What residents brought up, for the feedback report to the corporation (no content)."""

        MAINTENANCE = "maintenance", _("Onderhoud en gebreken")
        NUISANCE = "nuisance", _("Overlast")
        SAFETY = "safety", _("Veiligheid")
        CLEANLINESS = "cleanliness", _("Schoon en heel")
        COMMUNICATION = "communication", _("Communicatie van de corporatie")
        RENT_COSTS = "rent_costs", _("Huur en woonlasten")
        LONELINESS = "loneliness", _("Eenzaamheid")
        NEIGHBOURS = "neighbours", _("Contact met buren")
        FACILITIES = "facilities", _("Voorzieningen in de buurt")
        RENOVATION = "renovation", _("Zorgen over de renovatie")

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="visits")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="visits")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    broker = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    visited_on = models.DateField(_("datum"))
    time_of_day = models.CharField(_("dagdeel"), max_length=20, choices=TimeOfDay.choices)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=Outcome.choices)
    summary = models.CharField(_("korte neutrale samenvatting"), max_length=500, blank=True)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["unit", "visited_on"])]
        verbose_name = _("huisbezoek")
        verbose_name_plural = _("huisbezoeken")


class LifeDomainAssessment(models.Model):
    """Scores 1-5 and notes per life domain from one talk, encrypted as one value:
    `{"finances": {"score": 2, "note": "..."}, ...}` (keys from visits.domains.LIFE_DOMAINS)."""

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="life_domains")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="life_domains")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    domains = EncryptedJSONField(_("leefgebieden"), default=dict)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("gesprek over leefgebieden")
        verbose_name_plural = _("gesprekken over leefgebieden")


class Opportunity(models.Model):
    """A resident wants to organise something, and the support that needs (`opportunities`)."""

    class Status(models.TextChoices):
        IDEA = "idea", _("Idee")
        SUPPORTED = "supported", _("Wordt ondersteund")
        REALISED = "realised", _("Gerealiseerd")
        DROPPED = "dropped", _("Gestopt")

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="opportunities")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="opportunities")
    visit = models.ForeignKey(Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="opportunities")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(_("wat wil de bewoner organiseren"), max_length=200)
    support_needed = models.TextField(_("welke steun is nodig"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
