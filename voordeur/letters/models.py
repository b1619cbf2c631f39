from django.db import models


class LetterBatchBase(models.Model):
    """The fields every letter batch row has (abstract: each app keeps its own table).

    The finished PDF is kept in the row (a BinaryField), not as a file under MEDIA_ROOT: it
    holds tenants' names and addresses, and a database row has no URL that a web server
    could ever serve by mistake — the only way out is the access-checked, audited download.
    It is small (about 2 kB a letter), goes with the row, falls under the same backups and
    encryption at rest, and every app server reads it without a shared disk.
    """

    pdf = models.BinaryField(blank=True, default=b"")
    pages = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def ready(self) -> bool:
        return self.pages is not None
