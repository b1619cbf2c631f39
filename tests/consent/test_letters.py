"""Letters: nl and en with the household's name, address and dates; a flag where no
translation exists; one PDF per batch with a page per letter (WeasyPrint)."""

import dataclasses
import datetime as dt

import pytest

from voordeur.consent.letters import Recipient, compose, letter_language, needs_interpreter, render_html, render_pdf

RECIPIENT = Recipient("Fam. Akkerwinde-1", "Akkerstraat 11", "3500 AA", "Utrecht", "nl")
DATES = {"sent": dt.date(2027, 1, 4), "deadline": dt.date(2027, 2, 10), "today": dt.date(2027, 1, 20)}


def letter(kind: str, language: str):
    return compose(kind=kind, recipient=dataclasses.replace(RECIPIENT, language=language), title="Renovatie Akkerflat", summary="Isolatie en nieuwe keukens.", corporation="Woonstede",
                   **DATES)


@pytest.mark.parametrize(("language", "kind", "expected"), [
    ("nl", "cover", ["Beste Fam. Akkerwinde-1,", "uiterlijk 10 februari 2027", "Utrecht, 20 januari 2027",
                     "Renovatievoorstel: Renovatie Akkerflat", "Akkerstraat 11", "telt dat als niet akkoord"]),
    ("nl", "reminder", ["Op 4 januari 2027", "tot en met 10 februari 2027", "Herinnering"]),
    ("en", "cover", ["Dear Fam. Akkerwinde-1,", "by 10 February 2027", "Utrecht, 20 January 2027",
                     "Renovation proposal: Renovatie Akkerflat", "counts as not agreeing"]),
    ("en", "reminder", ["On 4 January 2027", "until and including 10 February 2027", "Reminder"]),
])
def test_letters_carry_the_households_name_address_and_dates(language, kind, expected):
    html = render_html([letter(kind, language)])
    for text in expected:
        assert text in html, text
    assert f'lang="{language}"' in html and "3500 AA Utrecht" in html and "Isolatie en nieuwe keukens." in html


def test_a_language_without_a_translation_gets_dutch_and_a_flag():
    assert letter_language("so") == "nl" and needs_interpreter("so", False)
    assert letter_language("en") == "en" and not needs_interpreter("en", False)
    assert needs_interpreter("nl", True) and not needs_interpreter("", False)
    assert "Beste Fam. Akkerwinde-1," in render_html([letter("cover", "so")])


def test_names_are_escaped():
    evil = compose(kind="cover", recipient=Recipient("<b>X</b>", "A 1", "1234 AB", "U", "nl"), title="T",
                   summary="", corporation="C", **DATES)
    assert "<b>X</b>" not in render_html([evil]) and "&lt;b&gt;X&lt;/b&gt;" in render_html([evil])


def test_a_batch_is_one_pdf_with_a_page_per_letter():
    letters = [letter("cover", "nl"), letter("cover", "en"), letter("reminder", "nl")]
    content, pages = render_pdf(letters)
    assert content.startswith(b"%PDF") and pages == 3
    single, one = render_pdf(letters[:1])
    assert single.startswith(b"%PDF") and one == 1
