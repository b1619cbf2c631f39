"""Phase 1 (Verkennen): what partners already know — rent arrears, repairs, caseload.

Each row records where it came from: the source organisation, the date of the data and
the legal basis (and the import run when it came from a file).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.lib.crypto import EncryptedJSONField


class SourcedRecord(models.Model):
    source_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+",
                                       verbose_name=_("bronorganisatie"))
    received_on = models.DateField(_("datum van de gegevens"))
    legal_basis = models.CharField(_("grondslag"), max_length=200)
    import_run = models.ForeignKey("imports.ImportRun", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Arrears(SourcedRecord):
    """Rent arrears / early debt signal per tenancy (category `arrears`, encrypted at rest).

    One current row per tenancy and source; a newer file updates it.
    """

    tenancy = models.ForeignKey("households.Tenancy", on_delete=models.CASCADE, related_name="arrears")
    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="arrears")
    amount = EncryptedJSONField(_("bedrag (euro)"))  # decimal as text, e.g. "412.50"
    months = EncryptedJSONField(_("maanden achterstand"))  # int
    last_reminder = EncryptedJSONField(_("laatste aanmaning"), null=True, blank=True)  # ISO date or None

    class Meta:
        ordering = ["household_id", "id"]
        constraints = [models.UniqueConstraint(fields=["tenancy", "source_partner"], name="arrears_one_per_source")]
        verbose_name = _("huurachterstand")
        verbose_name_plural = _("huurachterstanden")


class Repair(SourcedRecord):
    """A defect or nuisance report for a unit or a common area (category `repairs`)."""

    class Kind(models.TextChoices):
        LEAK = "leak", _("Lekkage")
        MOULD = "mould", _("Schimmel / vocht")
        HEATING = "heating", _("Verwarming / warm water")
        ELECTRICAL = "electrical", _("Elektra")
        DOORS_LOCKS = "doors_locks", _("Deuren en sloten")
        LIFT = "lift", _("Lift")
        PESTS = "pests", _("Ongedierte")
        NUISANCE = "nuisance", _("Overlast")
        CLEANING = "cleaning", _("Schoonmaak / afval")
        OTHER = "other", _("Overig")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In behandeling")
        DONE = "done", _("Afgehandeld")
        CANCELLED = "cancelled", _("Vervallen")

    complex = models.ForeignKey("places.Complex", on_delete=models.CASCADE, related_name="repairs")
    portiek = models.ForeignKey("places.Portiek", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    unit = models.ForeignKey("places.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="repairs",
                             help_text=_("leeg: een gemeenschappelijke ruimte"))
    external_id = models.CharField(_("meldingsnummer"), max_length=60)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    reported_on = models.DateField(_("gemeld op"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-reported_on", "id"]
        constraints = [models.UniqueConstraint(fields=["source_partner", "external_id"], name="repair_unique_per_source")]
        verbose_name = _("reparatieverzoek")
        verbose_name_plural = _("reparatieverzoeken")

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)


class Caseload(SourcedRecord):
    """A partner already supports this household: only that fact and the partner (category
    `referrals`). Not a referral, so it does not make the household "own" for the partner."""

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="caseloads")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("ondersteunende organisatie"))
    active = models.BooleanField(_("loopt nog"), default=True)
    since = models.DateField(_("sinds"), null=True, blank=True)

    class Meta:
        ordering = ["household_id", "id"]
        constraints = [models.UniqueConstraint(fields=["household", "partner"], name="caseload_one_per_partner")]
        verbose_name = _("bestaande ondersteuning")
        verbose_name_plural = _("bestaande ondersteuning")
