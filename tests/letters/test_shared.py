"""The shared letters module: the household's language where a translation exists, Dutch
otherwise; a batch laid out in chunks with the job's progress; one PDF with a page a letter;
both apps' batch tables keep their own rows but share the base fields."""

import datetime as dt
import json
from dataclasses import dataclass, field

import pytest

from voordeur.consent.letters import LETTERS as CONSENT_LETTERS
from voordeur.consent.models import LetterBatch as ConsentBatch
from voordeur.letters.batch import percent, print_batch
from voordeur.letters.language import FALLBACK, LetterSet, long_date
from voordeur.letters.models import LetterBatchBase
from voordeur.letters.pdf import render_html, render_pdf
from voordeur.works.letters import LETTERS as WORKS_LETTERS
from voordeur.works.models import LetterBatch as WorksBatch

FRAME = "letters/base.html"  # the shared frame on its own: address, subject, salutation, closing


@pytest.fixture
def letter_set(tmp_path) -> LetterSet:
    for code, closing in (("nl", "Met vriendelijke groet,"), ("tr", "Saygılarımla,")):
        (tmp_path / f"{code}.json").write_text(json.dumps({"closing": closing}), encoding="utf-8")
    return LetterSet(tmp_path, FRAME)


@dataclass(frozen=True)
class FrameLetter:
    language: str
    subject: str
    texts: dict = field(default_factory=lambda: {"closing": "Groet,", "reference": "Betreft"})
    date_line: str = "Utrecht, 20 januari 2027"
    salutation: str = "Beste bewoner,"
    signature: str = "Woonstede"


def test_a_language_with_a_translation_gets_its_own_letter(letter_set):
    assert letter_set.letter_language("tr") == "tr" and not letter_set.lacks_translation("tr")
    assert letter_set.texts("tr")["closing"] == "Saygılarımla,"


def test_a_language_without_a_translation_falls_back_to_dutch_and_is_flagged(letter_set):
    assert FALLBACK == "nl"
    assert letter_set.letter_language("so") == "nl" and letter_set.lacks_translation("so")
    assert letter_set.texts(letter_set.letter_language("so"))["closing"] == "Met vriendelijke groet,"


def test_an_unknown_or_dutch_language_is_not_flagged(letter_set):
    assert letter_set.letter_language("") == "nl" and not letter_set.lacks_translation("")
    assert letter_set.letter_language("nl") == "nl" and not letter_set.lacks_translation("nl")


def test_each_app_chooses_from_its_own_texts():
    assert CONSENT_LETTERS.languages() == WORKS_LETTERS.languages() == frozenset({"nl", "en"})
    assert CONSENT_LETTERS.folder != WORKS_LETTERS.folder and CONSENT_LETTERS.template != WORKS_LETTERS.template
    assert "slip_yes" in CONSENT_LETTERS.texts("en") and "slip_yes" not in WORKS_LETTERS.texts("en")


def test_long_dates_are_written_in_the_letters_language():
    assert long_date(dt.date(2027, 2, 10), "nl") == "10 februari 2027"
    assert long_date(dt.date(2027, 2, 10), "en") == "10 February 2027"


def test_the_frame_carries_each_letters_language_and_escapes_its_text(letter_set):
    html = render_html(letter_set, [FrameLetter("tr", "<b>Werk</b>"), FrameLetter("nl", "Werk")])
    assert html.count('<section class="letter"') == 2 and 'lang="tr"' in html and 'lang="nl"' in html
    assert "<b>Werk</b>" not in html and "&lt;b&gt;Werk&lt;/b&gt;" in html and "Groet,<br>Woonstede" in html


def test_a_batch_is_laid_out_in_chunks_into_one_pdf_with_a_page_a_letter(letter_set):
    letters = [FrameLetter("nl", f"Brief {n}") for n in range(5)]
    done = []
    content, pages = render_pdf(letter_set, letters, chunk=2, laid_out=done.append)
    assert content.startswith(b"%PDF") and pages == 5 and done == [2, 4, 5]


def test_no_letters_is_an_error_not_an_empty_pdf(letter_set):
    with pytest.raises(ValueError, match="no letters"):
        render_pdf(letter_set, [])


@pytest.mark.parametrize(("done", "total", "first", "span", "expected"), [
    (0, 3, 5, 90, 5), (1, 3, 5, 90, 35), (2, 3, 0, 95, 63), (3, 3, 0, 95, 95), (7, 7, 5, 90, 95),
])
def test_progress_runs_from_first_to_first_plus_span(done, total, first, span, expected):
    assert percent(done, total, first=first, span=span) == expected


def test_the_job_hears_after_every_chunk_after_the_apps_own_step(letter_set):
    heard, steps = [], []
    letters = [FrameLetter("nl", f"Brief {n}") for n in range(3)]
    _, pages = print_batch(letter_set, letters, progress=lambda pct, msg: heard.append((pct, msg)), chunk=2,
                           first=5, span=90, message="Brief {done} van {total}",
                           each=lambda done: steps.append((done, len(heard))))
    assert pages == 3 and heard == [(65, "Brief 2 van 3"), (95, "Brief 3 van 3")]
    assert steps == [(2, 0), (3, 1)]  # the app's step runs before the job's progress


def test_both_batch_models_share_the_base_fields_in_their_own_tables():
    shared = {"pdf", "pages", "created_by", "created_at"}
    for model in (ConsentBatch, WorksBatch):
        assert issubclass(model, LetterBatchBase) and shared <= {f.name for f in model._meta.fields}
        assert model(pages=None).ready is False and model(pages=2).ready is True
    assert ConsentBatch._meta.db_table == "consent_letterbatch" and WorksBatch._meta.db_table == "works_letterbatch"
    assert LetterBatchBase._meta.abstract
