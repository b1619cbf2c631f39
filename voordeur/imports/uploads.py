"""Web uploads of partner files: preview first (a dry run), then apply exactly that file.

The previewed bytes stay on the server as a `PendingUpload` (encrypted at rest), owned by
the uploader, for at most 24 hours. Applying names the pending upload and its SHA-256: only
its owner can apply it, only in the same trajectory and kind, and only while it is fresh;
the import then runs on the stored bytes, so what is applied is what was previewed. An
applied upload is deleted; expired ones are deleted whenever anyone previews a file.
"""

import base64
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from voordeur.imports.models import PendingUpload
from voordeur.imports.registry import ImportRequest, ImportResult, UsageError, importer
from voordeur.places.models import Complex

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Preview:
    result: ImportResult
    pending: PendingUpload | None  # set when the file can be applied


class UploadGone(Exception):
    """No such pending upload for this user, kind and complex (or it expired): 404."""


def _request(*, kind: str, user, complex_: Complex, file_name: str, data: bytes, source: str, legal_basis: str,
             received_on: dt.date, dry_run: bool) -> ImportRequest:
    return ImportRequest(kind=kind, filename=file_name, data=data, by=user, complex_slug=complex_.slug, source=source,
                         legal_basis=legal_basis, received_on=received_on, dry_run=dry_run)


def purge_expired() -> int:
    cutoff = timezone.now() - dt.timedelta(hours=PendingUpload.LIFETIME_HOURS)
    return PendingUpload.objects.filter(created_at__lt=cutoff).delete()[0]


@transaction.atomic
def upload_preview(*, kind: str, user, complex_: Complex, file_name: str, data: bytes, source: str, legal_basis: str,
                   received_on: dt.date) -> Preview:
    """Check the file as a dry run; keep it for applying when it has no problems.
    Raises UsageError for a request the kind refuses (e.g. an unknown source)."""
    purge_expired()
    result = importer(kind)(_request(kind=kind, user=user, complex_=complex_, file_name=file_name, data=data,
                                     source=source, legal_basis=legal_basis, received_on=received_on, dry_run=True))
    if not result.ok:
        return Preview(result, None)
    pending = PendingUpload.objects.create(
        kind=kind, owner=user, complex=complex_, file_name=file_name[-255:], sha256=result.sha256,
        content=base64.b64encode(data).decode("ascii"), source_slug=source, legal_basis=legal_basis,
        received_on=received_on)
    return Preview(result, pending)


def pending_upload(*, user, kind: str, complex_: Complex, pk, sha256: str) -> PendingUpload:
    cutoff = timezone.now() - dt.timedelta(hours=PendingUpload.LIFETIME_HOURS)
    found = PendingUpload.objects.filter(pk=pk if str(pk).isdigit() else None, owner=user, kind=kind,
                                         complex=complex_, sha256=sha256, created_at__gte=cutoff).first()
    if found is None:
        raise UploadGone
    return found


@transaction.atomic
def upload_apply(*, user, kind: str, complex_: Complex, pk, sha256: str) -> ImportResult:
    """Apply a previewed file. The database may have changed since the preview: the import
    checks everything again and, on a problem, writes nothing (the upload is kept)."""
    pending = pending_upload(user=user, kind=kind, complex_=complex_, pk=pk, sha256=sha256)
    data = base64.b64decode(pending.content)
    request = _request(kind=kind, user=user, complex_=complex_, file_name=pending.file_name, data=data,
                       source=pending.source_slug, legal_basis=pending.legal_basis,
                       received_on=pending.received_on, dry_run=False)
    try:
        result = importer(kind)(request)
    except UsageError:
        raise UploadGone from None
    if result.sha256 != pending.sha256:  # pragma: no cover - the stored bytes are the previewed ones
        raise UploadGone
    if result.ok:
        pending.delete()
    return result
