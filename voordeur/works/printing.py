"""Printing the works letters: who gets one (households with planned dates in the current
plan), what the printer may put in it, one household synchronously, a stairwell as a
background job. Every print and download is audited as an export.
"""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.audit import log as audit
from voordeur.jobs.registry import Progress, handles
from voordeur.jobs.services import job_enqueue
from voordeur.letters.batch import finish_batch, print_batch
from voordeur.lib.dates import today
from voordeur.works.letters import LETTERS, LetterFacts, WorksLetter, compose, render_pdf
from voordeur.works.models import LetterBatch, PlannedUnit, PlanVersion
from voordeur.works.selectors import plan_rows

LETTERS_JOB = "works.letters"
BATCHES_SHOWN = 10


def letter_rows(*, user, version: PlanVersion) -> QuerySet[PlannedUnit]:
    """The version's units with a household (only they get a letter) that the user may see."""
    return plan_rows(user=user, version=version).filter(household__isnull=False).select_related("household")


def letter_facts(user, row: PlannedUnit) -> LetterFacts:
    """One letter's facts; the name and language only where the user may see contact data."""
    household = row.household
    contact = field_visible(user, Category.CONTACT, household_id=household.pk)
    return LetterFacts(
        name=household.name if contact else "", address=row.unit.address, postcode=row.unit.postcode,
        city=row.unit.city, language=household.language if contact else "", start=row.start_date,
        end=row.end_date, promised=row.promised, guest_home=row.guest_home.address if row.guest_home else "",
        guest_from=row.guest_home_from, guest_until=row.guest_home_until)


def contact_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def compose_all(user, trajectory, rows) -> list[WorksLetter]:
    corporation = trajectory.complex.corporation.name if trajectory.complex.corporation_id else ""
    return [compose(facts=letter_facts(user, row), corporation=corporation, contact=contact_name(user),
                    today=today()) for row in rows]


def letter_pdf(*, user, trajectory, row: PlannedUnit) -> tuple[bytes, int]:
    """One household's letter as PDF, audited as an export."""
    content, pages = render_pdf(compose_all(user, trajectory, [row]))
    audit.record(user, "export", category=Category.WORKS, obj=row, trajectory_id=trajectory.pk,
                 purpose="works letter", detail={"letters": 1, "pages": pages, "plan_version": row.plan_version_id})
    return content, pages


def letter_batches(*, user, trajectory) -> QuerySet[LetterBatch]:
    """The trajectory's letter batches: only for those who may print them (works writers)."""
    if not grant(user, Category.WORKS).writes:
        return LetterBatch.objects.none()
    return (LetterBatch.objects.filter(trajectory=trajectory).select_related("job", "plan_version")
            .defer("pdf").order_by("-id"))


@transaction.atomic
def letter_batch_start(*, trajectory, version: PlanVersion, portiek: str, by) -> LetterBatch:
    """Queue the letters of one stairwell of the current plan for the worker."""
    if not letter_rows(user=by, version=version).filter(unit__portiek__code=portiek).exists():
        raise ValidationError("In deze portiek krijgt geen huishouden een brief.")
    batch = LetterBatch(trajectory=trajectory, plan_version=version, portiek=portiek, created_by=by)
    batch.full_clean()
    batch.save(force_insert=True)
    batch.job = job_enqueue(kind=LETTERS_JOB, args={"batch": batch.pk}, by=by)
    batch.save(update_fields=["job"])
    audit.record(by, "create", category=Category.WORKS, obj=batch, trajectory_id=trajectory.pk,
                 detail={"portiek": portiek, "plan_version": version.pk})
    return batch


def letter_batch_download(*, batch: LetterBatch, by) -> bytes:
    content = LetterBatch.objects.filter(pk=batch.pk).values_list("pdf", flat=True).get()
    audit.record(by, "export", category=Category.WORKS, obj=batch, trajectory_id=batch.trajectory_id,
                 purpose="works letters", detail={"portiek": batch.portiek, "letters": batch.letters or 0,
                                                  "pages": batch.pages or 0})
    return bytes(content)


@handles(LETTERS_JOB)
def print_letter_batch(args: dict, progress: Progress) -> str:
    """Lay out every letter of the batch's stairwell, as its creator may see them, into one PDF."""
    batch = LetterBatch.objects.select_related("trajectory__complex__corporation", "plan_version", "created_by") \
        .get(pk=args["batch"])
    started = time.monotonic()
    progress(2, "Brieven samenstellen")
    rows = list(letter_rows(user=batch.created_by, version=batch.plan_version)
                .filter(unit__portiek__code=batch.portiek))
    letters = compose_all(batch.created_by, batch.trajectory, rows)
    if not letters:
        raise ValueError("no household in this stairwell gets a letter")

    content, pages = print_batch(LETTERS, letters, progress=progress, chunk=1, first=5, span=90,
                                 message="Brief {done} van {total} opgemaakt")
    with transaction.atomic():
        finish_batch(batch, content=content, pages=pages, letters=len(letters),
                     seconds=round(time.monotonic() - started, 2))
        audit.record(None, "update", category=Category.WORKS, obj=batch, trajectory_id=batch.trajectory_id,
                     detail={"letters": len(letters), "pages": pages})
    return str(batch.pk)
