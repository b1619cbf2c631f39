"""Background jobs: one row per piece of work, its progress visible to any app server."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    kind = models.CharField(max_length=60)
    args = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=200, blank=True)
    result_ref = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["status", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
