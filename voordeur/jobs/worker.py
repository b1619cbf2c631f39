"""The worker: claim one queued job at a time, run its handler, record the outcome.

Claiming is safe across processes: on PostgreSQL a `SELECT ... FOR UPDATE SKIP LOCKED`, on
SQLite an atomic conditional UPDATE (queued -> running) that only one process can win.
App servers keep nothing in memory: progress and results live in the job row.
"""

import logging
import threading
import traceback

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from voordeur.jobs.models import Job
from voordeur.jobs.registry import HANDLERS

log = logging.getLogger(__name__)
Q = Job.Status


def claim_next() -> Job | None:
    """The oldest queued job, now marked running by this process; None when the queue is empty."""
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            job = Job.objects.select_for_update(skip_locked=True).filter(status=Q.QUEUED).order_by("id").first()
            if job is None:
                return None
            job.status, job.started_at = Q.RUNNING, timezone.now()
            job.save(update_fields=["status", "started_at"])
            return job
    for pk in Job.objects.filter(status=Q.QUEUED).order_by("id").values_list("pk", flat=True)[:20]:
        won = Job.objects.filter(pk=pk, status=Q.QUEUED).update(status=Q.RUNNING, started_at=timezone.now())
        if won:
            return Job.objects.get(pk=pk)
    return None


def report_progress(job_id: int, percent: int, message: str) -> None:
    Job.objects.filter(pk=job_id).update(progress=max(0, min(100, int(percent))), message=message[:200])


def run_job(job: Job) -> Job:
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for job kind {job.kind!r}")
        result = handler(dict(job.args), lambda percent, message: report_progress(job.pk, percent, message))
    except Exception as error:  # the outcome of any failure is recorded on the job
        log.exception("job %s failed", job.pk)
        Job.objects.filter(pk=job.pk).update(status=Q.FAILED, finished_at=timezone.now(),
                                             error=f"{error}\n{traceback.format_exc(limit=5)}"[:4000])
    else:
        Job.objects.filter(pk=job.pk).update(status=Q.DONE, progress=100, finished_at=timezone.now(),
                                             result_ref=str(result or "")[:100])
    job.refresh_from_db()
    return job


def run_once() -> Job | None:
    """Claim and run one job; None when there was nothing to do."""
    job = claim_next()
    return run_job(job) if job is not None else None


def run_forever(*, sleep: float = 1.0, stop: threading.Event | None = None) -> None:
    stop = stop or threading.Event()
    while not stop.is_set():
        close_old_connections()
        try:
            job = run_once()
        except Exception:  # a database hiccup must not end the loop
            log.exception("worker loop")
            job = None
        if job is None:
            stop.wait(sleep)


def start_in_thread(*, sleep: float = 1.0) -> threading.Thread:
    """The worker loop in a daemon thread (used by `voordeur demo`)."""
    thread = threading.Thread(target=run_forever, kwargs={"sleep": sleep}, name="voordeur-worker", daemon=True)
    thread.start()
    return thread

