"""Letters to tenants about the proposal: the cover letter and the reminder, per household in
its language, as HTML for WeasyPrint and as one PDF (one letter or a whole batch).

The texts are `letters/<code>.json` (nl and en are complete); the language choice, layout and
PDF are `voordeur/letters/`. A household whose language has no file gets the Dutch letter and
a flag, so that an interpreter is arranged; so does a household that needs an interpreter.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from voordeur.letters import pdf
from voordeur.letters.language import LetterSet, long_date

LETTERS = LetterSet(Path(__file__).parent / "letters", "consent/letters/letters.html")
KINDS = ("cover", "reminder")
letter_language = LETTERS.letter_language


def needs_interpreter(household_language: str, interpreter_needed: bool) -> bool:
    """Flag: no letter in the household's language, or the household asked for an interpreter."""
    return interpreter_needed or LETTERS.lacks_translation(household_language)


@dataclass(frozen=True)
class Recipient:
    name: str
    address: str
    postcode: str
    city: str
    language: str  # the household's language (may have no letter file)


@dataclass(frozen=True)
class Letter:
    kind: str
    language: str
    recipient: Recipient
    subject: str
    paragraphs: tuple[str, ...]
    summary: str
    texts: dict
    date_line: str
    salutation: str
    signature: str


def compose(
    *, kind: str, recipient: Recipient, title: str, summary: str, sent: dt.date | None, deadline: dt.date,
    corporation: str, today: dt.date,
) -> Letter:
    if kind not in KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    language = letter_language(recipient.language)
    words = LETTERS.texts(language)
    values = {
        "name": recipient.name, "address": recipient.address, "title": title, "corporation": corporation,
        "deadline": long_date(deadline, language), "sent": long_date(sent, language) if sent else "",
        "today": long_date(today, language),
    }
    return Letter(
        kind=kind, language=language, recipient=recipient,
        subject=words[kind]["subject"].format(**values),
        paragraphs=tuple(p.format(**values) for p in words[kind]["paragraphs"]),
        summary=summary, texts=words, date_line=words["date_line"].format(**values),
        salutation=words["salutation"].format(**values), signature=words["signature"].format(**values),
    )


def render_html(letters: Sequence[Letter]) -> str:
    return pdf.render_html(LETTERS, letters)


def render_pdf(letters: Sequence[Letter]) -> tuple[bytes, int]:
    """The letters as one PDF (each letter starts on a new page) and its page count."""
    return pdf.render_pdf(LETTERS, letters)
