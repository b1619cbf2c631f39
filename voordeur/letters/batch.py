"""The steps a letter batch job shares: lay the letters out with the job's progress shown,
then store the finished PDF in the batch row (a `LetterBatchBase` subclass)."""

from collections.abc import Callable, Sequence

from voordeur.jobs.registry import Progress
from voordeur.letters.language import LetterSet
from voordeur.letters.models import LetterBatchBase
from voordeur.letters.pdf import render_pdf


def percent(done: int, total: int, *, first: int, span: int) -> int:
    """The job's percentage after `done` of `total` letters: `first` plus `span` times the share done."""
    return first + span * done // total


def print_batch(letter_set: LetterSet, letters: Sequence, *, progress: Progress, chunk: int, first: int,
                span: int, message: str, each: Callable[[int], None] | None = None) -> tuple[bytes, int]:
    """The batch as one PDF and its page count, laid out `chunk` letters at a time; after each
    chunk `each(done)` runs and the job reports its percentage and `message` ({done}, {total})."""
    total = len(letters)

    def laid_out(done: int) -> None:
        if each is not None:
            each(done)
        progress(percent(done, total, first=first, span=span), message.format(done=done, total=total))

    return render_pdf(letter_set, letters, chunk=chunk, laid_out=laid_out)


def finish_batch(batch: LetterBatchBase, *, content: bytes, pages: int, **counts) -> None:
    """Store the PDF, its page count and the app's own counts in the row (only those columns)."""
    type(batch).objects.filter(pk=batch.pk).update(pdf=content, pages=pages, **counts)
