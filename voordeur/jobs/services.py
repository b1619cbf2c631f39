"""Putting work in the queue."""

from django.db import transaction

from voordeur.jobs.models import Job
from voordeur.jobs.registry import HANDLERS


@transaction.atomic
def job_enqueue(*, kind: str, args: dict, by=None) -> Job:
    if kind not in HANDLERS:
        raise ValueError(f"no handler for job kind {kind!r}")
    job = Job(kind=kind, args=args, created_by=by if getattr(by, "is_authenticated", False) else None)
    job.full_clean()
    job.save(force_insert=True)
    return job
