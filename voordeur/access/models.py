"""Links that make a household 'own' data for a partner organisation (access.md, own-read).

A household is linked to an organisation while a referral or signal to it is open, and for
12 months after it closed. The services that open and close referrals and signals keep
these rows; the access layer reads only this table.
"""

from django.db import models


class HouseholdLink(models.Model):
    class Reason(models.TextChoices):
        REFERRAL = "referral", "referral"
        SIGNAL = "signal", "signal"

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="links")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.CASCADE, related_name="household_links")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    source_id = models.PositiveBigIntegerField(help_text="id of the referral or signal")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reason", "source_id", "partner"], name="one_link_per_source_and_partner")
        ]
        indexes = [models.Index(fields=["partner", "closed_at"])]
