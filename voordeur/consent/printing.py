"""The background print of a letter batch (job kind `consent.letters`).

WeasyPrint lays out the letters a chunk at a time so the job can report how many households
are done; the chunks' pages are then written as one PDF into the batch row (`voordeur/letters/batch.py`).
"""

from voordeur.consent.batches import LETTERS_JOB, letters_for
from voordeur.consent.letters import LETTERS
from voordeur.consent.models import LetterBatch
from voordeur.households.models import Tenancy
from voordeur.jobs.registry import Progress, handles
from voordeur.letters.batch import finish_batch, print_batch
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

    def rendered(done: int) -> None:
        LetterBatch.objects.filter(pk=batch.pk).update(rendered=done)

    content, pages = print_batch(LETTERS, letters, progress=progress, chunk=CHUNK, first=0, span=95,
                                 message="{done}/{total}", each=rendered)
    finish_batch(batch, content=content, pages=pages, total=len(letters))
    return str(batch.pk)
