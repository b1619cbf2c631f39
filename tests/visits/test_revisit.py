"""The pure revisit rules: which time of day to try next, and when ringing is not enough."""

import datetime as dt

import pytest

from voordeur.visits.revisit import (
    TIMES_OF_DAY,
    Attempt,
    door_status,
    reach_value,
    suggest_time_of_day,
)

D = dt.date(2026, 3, 2)


def attempt(days: int, time: str, outcome: str = "not_home", order: int = 0) -> Attempt:
    return Attempt(D + dt.timedelta(days=days), time, outcome, order)


@pytest.mark.parametrize(
    ("tried", "expected"),
    [
        ((), "evening"),
        (("evening",), "weekend"),
        (("morning",), "evening"),
        (("evening", "weekend"), "afternoon"),
        (("evening", "weekend", "afternoon"), "morning"),
        (("morning", "afternoon", "evening"), "weekend"),
        (TIMES_OF_DAY, None),
    ],
)
def test_the_suggestion_is_a_time_of_day_not_tried_yet(tried, expected):
    suggestion = suggest_time_of_day(tried)
    assert suggestion == expected
    assert suggestion is None or suggestion not in tried


def test_the_households_preferred_time_comes_first_unless_already_tried():
    assert suggest_time_of_day(["morning"], preferred="afternoon") == "afternoon"
    assert suggest_time_of_day(["afternoon"], preferred="afternoon") == "evening"
    assert suggest_time_of_day([], preferred="") == "evening"
    assert suggest_time_of_day([], preferred="nonsense") == "evening"


def test_a_door_never_tried():
    status = door_status([])
    assert (status.last, status.not_home_tries, status.suggestion, status.other_approach, status.reached) == (
        None, 0, None, False, False)
    assert reach_value(status) == "not_visited"


def test_after_not_home_another_time_of_day_is_suggested():
    status = door_status([attempt(0, "evening")])
    assert status.not_home_tries == 1 and status.tried_times == ("evening",)
    assert status.suggestion == "weekend" and not status.other_approach
    assert reach_value(status) == "not_home:1"


def test_three_not_home_tries_in_a_row_need_another_approach():
    two = door_status([attempt(0, "morning"), attempt(3, "evening")])
    assert two.not_home_tries == 2 and not two.other_approach and reach_value(two) == "not_home:2"
    three = door_status([attempt(0, "morning"), attempt(3, "evening"), attempt(9, "afternoon")])
    assert three.not_home_tries == 3 and three.other_approach
    assert three.tried_times == ("morning", "afternoon", "evening")
    assert three.suggestion == "weekend"
    assert reach_value(three) == "not_home:3+"
    four = door_status([*[attempt(i, t) for i, t in enumerate(TIMES_OF_DAY)]])
    assert four.other_approach and four.suggestion is None and reach_value(four) == "not_home:3+"


def test_a_talk_ends_the_run_and_order_of_input_does_not_matter():
    attempts = [attempt(5, "evening", "talked"), attempt(0, "morning"), attempt(1, "afternoon"), attempt(2, "morning")]
    status = door_status(attempts)
    assert status.not_home_tries == 0 and not status.other_approach and status.suggestion is None
    assert status.reached and reach_value(status) == "talked"
    later = door_status([*attempts, attempt(9, "morning")])
    assert later.not_home_tries == 1 and later.suggestion == "evening"
    assert reach_value(later) == "talked"  # reached once: the door counts as reached


def test_same_day_attempts_are_ordered_by_their_order_key():
    status = door_status([attempt(0, "evening", "talked", order=2), attempt(0, "morning", order=1)])
    assert status.last.outcome == "talked" and status.not_home_tries == 0


@pytest.mark.parametrize("outcome", ["refused", "moved_away"])
def test_refused_and_moved_away_get_no_revisit_suggestion(outcome):
    status = door_status([attempt(0, "morning"), attempt(1, "evening", outcome)])
    assert status.suggestion is None and not status.other_approach
    assert reach_value(status) == outcome
