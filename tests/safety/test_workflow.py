"""The status workflow of crime signals: the table itself (pure, no database)."""

import pytest

from voordeur.safety.models import CrimeSignal
from voordeur.safety.workflow import (
    ALLOWED_TRANSITIONS,
    is_closed,
    may_transition,
    next_statuses,
)

S = CrimeSignal.Status
EXPECTED = {("", S.OPEN), (S.OPEN, S.UNDER_INVESTIGATION), (S.OPEN, S.CLOSED),
            (S.UNDER_INVESTIGATION, S.CLOSED), (S.CLOSED, S.OPEN)}


def test_the_table_allows_exactly_the_documented_steps():
    allowed = {(old, new) for old, targets in ALLOWED_TRANSITIONS.items() for new in targets}
    assert allowed == EXPECTED


@pytest.mark.parametrize("old", ["", *S.values])
@pytest.mark.parametrize("new", S.values)
def test_may_transition_follows_the_table(old, new):
    assert may_transition(old, new) == ((old, new) in EXPECTED)


def test_no_step_back_from_investigation_to_open_and_no_standing_still():
    assert not may_transition(S.UNDER_INVESTIGATION, S.OPEN)
    assert not any(may_transition(status, status) for status in S.values)
    assert not may_transition("unknown", S.OPEN)


def test_next_statuses_in_choice_order_and_closed_only_when_closed():
    assert next_statuses(S.OPEN) == [S.UNDER_INVESTIGATION, S.CLOSED]
    assert next_statuses(S.UNDER_INVESTIGATION) == [S.CLOSED]
    assert next_statuses(S.CLOSED) == [S.OPEN]
    assert [is_closed(s) for s in S.values] == [False, False, True]
