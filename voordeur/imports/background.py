"""Applying a big previewed upload in the background (the job queue), with visible progress.

A small file is applied within the request (a few seconds at most). A larger one would keep
the browser waiting for tens of seconds — a 100,000-row tenancies file takes about 40 s to
write (bench/imports.py) — so "Toepassen" queues a job instead and the upload page follows
its progress. The job runs the same `upload_apply` as the request would: the file is checked
again against the database and written all or nothing.
"""

from django.contrib.auth import get_user_model

from voordeur.imports.registry import UsageError
from voordeur.imports.uploads import UploadGone, pending_upload, upload_apply
from voordeur.jobs.models import Job
from voordeur.jobs.registry import Progress, handles
from voordeur.jobs.services import job_enqueue
from voordeur.places.models import Complex

APPLY_JOB = "imports.apply"
INLINE_BYTES = 256 * 1024  # up to ~3,000 tenancy rows: applied within the request
RUN_PREFIX, PROBLEMS_PREFIX = "run:", "problems:"


def applies_in_background(pending) -> bool:
    return len(pending.content) * 3 // 4 > INLINE_BYTES  # content is base64


def upload_apply_later(*, user, kind: str, complex_: Complex, pk, sha256: str) -> Job:
    """Queue the apply of a pending upload (UploadGone when there is none for this user).
    Asking twice while the first job waits or runs returns that job."""
    pending = pending_upload(user=user, kind=kind, complex_=complex_, pk=pk, sha256=sha256)
    waiting = Job.objects.filter(kind=APPLY_JOB, created_by=user, args__upload=pending.pk,
                                 status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
    if waiting is not None:
        return waiting
    return job_enqueue(kind=APPLY_JOB, by=user, args={
        "upload": pending.pk, "sha256": pending.sha256, "kind": kind, "complex": complex_.pk, "user": user.pk})


def apply_job_for(*, user, kind: str, complex_: Complex, job_id) -> Job | None:
    """The user's own apply job for this kind and complex, or None (also for anyone else's)."""
    if not str(job_id).isdigit():
        return None
    return Job.objects.filter(pk=int(job_id), kind=APPLY_JOB, created_by=user, args__kind=kind,
                              args__complex=complex_.pk).first()


@handles(APPLY_JOB)
def run_apply(args: dict, progress: Progress) -> str:
    user = get_user_model().objects.get(pk=args["user"])
    complex_ = Complex.objects.get(pk=args["complex"])
    progress(10, "Het bestand wordt opnieuw gecontroleerd en ingelezen")
    try:
        result = upload_apply(user=user, kind=args["kind"], complex_=complex_, pk=args["upload"],
                              sha256=args["sha256"])
    except (UploadGone, UsageError):
        raise UploadGone("the upload is gone or expired; check the file again") from None
    if not result.ok:
        first = min(result.problems)
        progress(100, f"Regel {first.line}, kolom {first.column}: {first.message}")
        return f"{PROBLEMS_PREFIX}{len(result.problems)}"
    return f"{RUN_PREFIX}{result.run_id}"
