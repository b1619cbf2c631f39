"""Letters laid out by WeasyPrint (each starts on a new page) and written as one PDF."""

from collections.abc import Callable, Sequence

from django.template.loader import render_to_string

from voordeur.letters.language import LetterSet


def render_html(letter_set: LetterSet, letters: Sequence) -> str:
    return render_to_string(letter_set.template, {"letters": letters})


def render_document(letter_set: LetterSet, letters: Sequence):
    """The letters laid out (a WeasyPrint `Document`)."""
    from weasyprint import HTML

    return HTML(string=render_html(letter_set, letters), base_url=str(letter_set.folder)).render()


def write_pdf(documents: Sequence) -> tuple[bytes, int]:
    """Laid-out documents (e.g. chunks of a batch) as one PDF, and its page count."""
    if not documents:
        raise ValueError("no letters to print")
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf(), len(pages)


def render_pdf(letter_set: LetterSet, letters: Sequence, *, chunk: int | None = None,
               laid_out: Callable[[int], None] | None = None) -> tuple[bytes, int]:
    """The letters as one PDF and its page count, laid out `chunk` letters at a time (default:
    all at once) so that `laid_out(done)` can follow a long batch."""
    size = chunk or max(len(letters), 1)
    documents = []
    for start in range(0, len(letters), size):
        documents.append(render_document(letter_set, letters[start:start + size]))
        if laid_out is not None:
            laid_out(min(start + size, len(letters)))
    return write_pdf(documents)
