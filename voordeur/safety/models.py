"""Restricted crime signals (category `crime`, criminal data, art. 10 GDPR).

A signal is about a unit, and about its household when there is one. It is addressed to the
organisation that handles it (usually the municipality's enforcement); a signal with a
household links that household to that organisation (access.HouseholdLink) while open and
for 12 months after it closed. What was observed and the notes of its history are
encrypted at rest; the allowed status changes live in `workflow.py`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.lib.crypto import EncryptedJSONField


class CrimeSignal(models.Model):
    class Kind(models.TextChoices):
        HEMP = "hemp", _("Hennepteelt")
        DRUG_DEALING = "drug_dealing", _("Drugshandel")
        HOUSING_FRAUD = "housing_fraud", _("Onderverhuur en woonfraude")
        EXPLOITATION = "exploitation", _("Mensenhandel of uitbuiting")
        MONEY_LAUNDERING = "money_laundering", _("Witwassen")
        OTHER = "other", _("Overig")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UNDER_INVESTIGATION = "under_investigation", _("In onderzoek")
        CLOSED = "closed", _("Afgesloten")

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="crime_signals",
                             verbose_name=_("woning"))
    household = models.ForeignKey("households.Household", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="crime_signals", verbose_name=_("huishouden"))
    reported_by_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    to_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("behandelende organisatie"))
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("soort signaal"), max_length=30, choices=Kind.choices)
    observed_on = models.DateField(_("waargenomen op"))
    description = EncryptedJSONField(_("wat is waargenomen"), default="")
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-observed_on", "-id"]
        indexes = [models.Index(fields=["to_partner", "status"])]
        verbose_name = _("signaal van ondermijning")
        verbose_name_plural = _("signalen van ondermijning")

    def __str__(self) -> str:
        return f"signal {self.pk}"


class CrimeSignalEvent(models.Model):
    """Append-only: one row per status change (the first has from_status "")."""

    signal = models.ForeignKey(CrimeSignal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=30, blank=True, choices=CrimeSignal.Status.choices)
    to_status = models.CharField(max_length=30, choices=CrimeSignal.Status.choices)
    at = models.DateTimeField()
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    note = EncryptedJSONField(_("toelichting"), default="")  # crime data too: encrypted like the description

    class Meta:
        ordering = ["signal_id", "at", "id"]
