"""The visit form's defaults and the life-domain form's shape (no database)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.web.visits.forms import LifeDomainsForm, VisitForm, time_of_day_now

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("moment", "expected"),
    [(dt.datetime(2026, 3, 2, 9, 30, tzinfo=AMS), "morning"),  # a Monday
     (dt.datetime(2026, 3, 2, 14, 0, tzinfo=AMS), "afternoon"),
     (dt.datetime(2026, 3, 2, 19, 45, tzinfo=AMS), "evening"),
     (dt.datetime(2026, 3, 7, 10, 0, tzinfo=AMS), "weekend"),  # a Saturday
     (dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC), "morning")],  # 09:00 in Amsterdam
)
def test_the_time_of_day_now(moment, expected):
    assert time_of_day_now(moment) == expected


def test_the_summary_says_it_is_neutral_and_not_about_the_renovation():
    form = VisitForm()
    help_text = str(form.fields["summary"].help_text)
    assert "neutraal" in help_text and "niet over de renovatie" in help_text
    assert form.fields["summary"].max_length == 500
    assert 'aria-describedby="id_visit-summary-help"' in str(form["summary"])


def test_the_life_domain_form_has_a_score_and_a_note_per_domain_and_round_trips():
    form = LifeDomainsForm(domains={"finances": {"score": 2, "note": "n"}}, version=3)
    assert [row["key"] for row in form.domain_rows()] == list(LIFE_DOMAINS)
    bound = LifeDomainsForm({"domains-version": "3", "domains-finances_score": "2", "domains-finances_note": "n",
                             "domains-housing_score": "6"})
    assert not bound.is_valid() and "domains-housing_score" not in bound.errors and "housing_score" in bound.errors
    bound = LifeDomainsForm({"domains-version": "3", "domains-finances_score": "2", "domains-finances_note": "n"})
    assert bound.is_valid()
    assert bound.domains()["finances"] == {"score": 2, "note": "n"} and bound.domains()["housing"]["score"] is None
