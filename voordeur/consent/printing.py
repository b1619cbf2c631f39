"""The background print of a letter batch (job kind `consent.letters`).

WeasyPrint lays out the letters a chunk at a time so the job can report how many households
are done; the chunks' pages are then written as one PDF into the batch row.
"""

from voordeur.consent.batches import LETTERS_JOB, letters_for
from voordeur.consent.letters import render_document, write_pdf
from voordeur.consent.models import LetterBatch
from voordeur.households.models import Tenancy
from voordeur.jobs.registry import Progress, handles
from voordeur.lib.dates import today

CHUNK = 10  # letters laid out per step (about a second's work)


@handles(LETTERS_JOB)
def print_letter_batch(args: dict, progress: Progress) -> str:
    batch = LetterBatch.objects.select_related("proposal__complex__corporation").defer("pdf").get(pk=args["batch"])
    found = Tenancy.objects.filter(pk__in=batch.tenancies).select_related("unit", "household").in_bulk()
    tenancies = [found[pk] for pk in batch.tenancies if pk in found]  # a tenancy deleted meanwhile is left out
    letters = letters_for(batch.proposal, batch.kind, tenancies, day=today())
    if not letters:
        raise ValueError("none of the batch's households exist any more")
    documents = []
    for start in range(0, len(letters), CHUNK):
        documents.append(render_document(letters[start:start + CHUNK]))
        done = start + len(letters[start:start + CHUNK])
        LetterBatch.objects.filter(pk=batch.pk).update(rendered=done)
        progress(done * 95 // len(letters), f"{done}/{len(letters)}")
    content, pages = write_pdf(documents)
    LetterBatch.objects.filter(pk=batch.pk).update(pdf=content, pages=pages, total=len(letters))
    return str(batch.pk)
