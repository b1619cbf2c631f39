"""Letters to tenants about the proposal: the cover letter and the reminder, per household in
its language, as HTML for WeasyPrint and as one PDF (one letter or a whole batch).

A language has letters when `letters/<code>.json` exists (nl and en are complete; adding a
file adds a language). A household whose language has no file gets the Dutch letter and a
flag, so that an interpreter is arranged; so does a household that needs an interpreter.
"""

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import formats, translation

TEXTS = Path(__file__).parent / "letters"
FALLBACK = "nl"
KINDS = ("cover", "reminder")


@cache
def texts(language: str) -> dict:
    return json.loads((TEXTS / f"{language}.json").read_text(encoding="utf-8"))


@cache
def languages() -> frozenset[str]:
    return frozenset(path.stem for path in TEXTS.glob("*.json"))


def letter_language(household_language: str) -> str:
    return household_language if household_language in languages() else FALLBACK


def needs_interpreter(household_language: str, interpreter_needed: bool) -> bool:
    """Flag: no letter in the household's language, or the household asked for an interpreter."""
    return interpreter_needed or bool(household_language) and household_language not in languages()


def long_date(day: dt.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(day, "j F Y")


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
    words = texts(language)
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
    return render_to_string("consent/letters/letters.html", {"letters": letters})


def render_document(letters: Sequence[Letter]):
    """The letters laid out by WeasyPrint (a `Document`; each letter starts on a new page)."""
    from weasyprint import HTML

    return HTML(string=render_html(letters), base_url=str(TEXTS)).render()


def write_pdf(documents: Sequence) -> tuple[bytes, int]:
    """Laid-out documents (e.g. chunks of a batch) as one PDF, and its page count."""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf(), len(pages)


def render_pdf(letters: Sequence[Letter]) -> tuple[bytes, int]:
    """The letters as one PDF (each letter starts on a new page) and its page count."""
    return write_pdf([render_document(letters)])
