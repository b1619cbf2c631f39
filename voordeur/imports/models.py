"""One row per applied partner-data import: where the data came from and on what legal basis."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.lib.crypto import EncryptedJSONField


class ImportRun(models.Model):
    kind = models.CharField(_("soort"), max_length=30)
    complex = models.ForeignKey("places.Complex", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    source_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="+", verbose_name=_("bronorganisatie"))
    legal_basis = models.CharField(_("grondslag"), max_length=200)
    received_on = models.DateField(_("datum van de gegevens"))
    file_name = models.CharField(_("bestand"), max_length=255)
    file_sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    by_label = models.CharField(max_length=150, blank=True, help_text="the system user when run from the command line")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")


class PendingUpload(models.Model):
    """A file uploaded in the web for preview, kept until it is applied (or for 24 hours), so
    that "Toepassen" applies exactly the file that was previewed. Its content is encrypted at
    rest: a tenancies or arrears file holds personal and sensitive data."""

    LIFETIME_HOURS = 24

    kind = models.CharField(max_length=30)
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    complex = models.ForeignKey("places.Complex", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    content = EncryptedJSONField()  # the file's bytes, base64
    source_slug = models.CharField(max_length=50)
    legal_basis = models.CharField(max_length=200)
    received_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
