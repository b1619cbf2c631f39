"""Letters to households about the works: per household its address, its start and end
dates from the current plan (working days), whether it has a guest home and for which
period, what to expect and whom to contact — in its language, as HTML for WeasyPrint and PDF.

The texts are `letters/<code>.json` (nl and en are complete); the language choice, layout and
PDF are `voordeur/letters/`. A household whose language has no file gets the Dutch letter, and
the letters page flags it so that an interpreter is arranged. Pure: plain data in, text out.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voordeur.letters import pdf
from voordeur.letters.language import LetterSet, long_date

LETTERS = LetterSet(Path(__file__).parent / "letters", "works/letters/letters.html")
letter_language = LETTERS.letter_language
lacks_translation = LETTERS.lacks_translation


@dataclass(frozen=True)
class LetterFacts:
    """What one letter says; name and language are empty when the printer may not see them."""

    name: str
    address: str
    postcode: str
    city: str
    language: str
    start: dt.date
    end: dt.date
    promised: bool
    guest_home: str = ""  # the guest home's address, empty: none
    guest_from: dt.date | None = None
    guest_until: dt.date | None = None


@dataclass(frozen=True)
class WorksLetter:
    language: str
    facts: LetterFacts
    texts: dict
    subject: str
    date_line: str
    salutation: str
    dates: tuple[tuple[str, str], ...]  # (label, value) rows of the dates table
    paragraphs: tuple[str, ...]
    expect: tuple[str, ...]
    contact: str
    signature: str


def compose(*, facts: LetterFacts, corporation: str, contact: str, today: dt.date) -> WorksLetter:
    language = letter_language(facts.language)
    words = LETTERS.texts(language)

    def day(value: dt.date) -> str:
        return long_date(value, language)

    values = {"name": facts.name, "address": facts.address, "corporation": corporation, "contact": contact,
              "start": day(facts.start), "end": day(facts.end), "today": day(today),
              "guest_home": facts.guest_home,
              "guest_from": day(facts.guest_from) if facts.guest_from else "",
              "guest_until": day(facts.guest_until) if facts.guest_until else ""}
    dates = [(words["start_label"], values["start"] + (f" ({words['promised']})" if facts.promised else "")),
             (words["end_label"], values["end"])]
    if facts.guest_home:
        dates.append((words["guest_label"], words["guest_period"].format(**values)))
    else:
        dates.append((words["guest_label"], words["no_guest_home"]))
    guest = words["guest_home"] if facts.guest_home else words["stay_home"]
    return WorksLetter(
        language=language, facts=facts, texts=words,
        subject=words["subject"].format(**values), date_line=words["date_line"].format(**values),
        salutation=(words["salutation"] if facts.name else words["salutation_unnamed"]).format(**values),
        dates=tuple(dates),
        paragraphs=tuple(p.format(**values) for p in [*words["paragraphs"], *guest]),
        expect=tuple(p.format(**values) for p in words["expect"]),
        contact=words["contact"].format(**values), signature=words["signature"].format(**values),
    )


def render_html(letters: Sequence[WorksLetter]) -> str:
    return pdf.render_html(LETTERS, letters)


def render_pdf(letters: Sequence[WorksLetter]) -> tuple[bytes, int]:
    """The letters as one PDF (each starts on a new page, laid out on its own as in a batch) and its page count."""
    return pdf.render_pdf(LETTERS, letters, chunk=1)
