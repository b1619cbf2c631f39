"""Pure cores of referrals and promises: the workflow tables, working-day due dates, the
commitment figures and the chart geometry. No database."""

import datetime as dt

import pytest

from voordeur.lib.workdays import add_working_days, due_date
from voordeur.referrals.commitment import PartnerCommitment, PromiseRow, commitment, total
from voordeur.referrals.models import Promise, Referral
from voordeur.referrals.workflow import (
    PROMISE_ACTORS,
    PROMISE_TRANSITIONS,
    REFERRAL_ACTORS,
    REFERRAL_CLOSED,
    REFERRAL_OPEN,
    REFERRAL_TRANSITIONS,
    Party,
    allowed_next,
    is_transition,
    may_perform,
    promise_parties,
    referral_parties,
)
from voordeur.web.referrals.chart import build_chart

RS, PS = Referral.Status, Promise.Status


# --- the tables ---------------------------------------------------------------------------------


def test_referral_table_is_exactly_the_agreed_workflow():
    edges = {(a, b) for a, targets in REFERRAL_TRANSITIONS.items() for b in targets}
    assert edges == {(RS.SENT, RS.ACCEPTED), (RS.SENT, RS.DECLINED), (RS.SENT, RS.WITHDRAWN),
                     (RS.ACCEPTED, RS.COMPLETED), (RS.ACCEPTED, RS.WITHDRAWN)}
    assert set(REFERRAL_TRANSITIONS) == set(RS.values)  # every status is in the table
    assert REFERRAL_CLOSED | REFERRAL_OPEN == set(RS.values) and not REFERRAL_CLOSED & REFERRAL_OPEN
    for closed in REFERRAL_CLOSED:
        assert REFERRAL_TRANSITIONS[closed] == frozenset(), closed  # closed is final


def test_promise_table_is_exactly_the_agreed_workflow():
    edges = {(a, b) for a, targets in PROMISE_TRANSITIONS.items() for b in targets}
    assert edges == {(PS.OPEN, PS.KEPT), (PS.OPEN, PS.BROKEN), (PS.OPEN, PS.CANCELLED)}
    assert set(PROMISE_TRANSITIONS) == set(PS.values)


def test_every_target_status_names_who_may_move_there():
    for table, actors in ((REFERRAL_TRANSITIONS, REFERRAL_ACTORS), (PROMISE_TRANSITIONS, PROMISE_ACTORS)):
        targets = {b for bs in table.values() for b in bs}
        assert targets == set(actors), "a reachable status without actors, or actors for an unreachable one"


@pytest.mark.parametrize(("from_status", "to_status", "allowed"), [
    (RS.SENT, RS.ACCEPTED, True), (RS.SENT, RS.COMPLETED, False), (RS.ACCEPTED, RS.DECLINED, False),
    (RS.COMPLETED, RS.WITHDRAWN, False), (RS.DECLINED, RS.ACCEPTED, False), (RS.ACCEPTED, RS.COMPLETED, True),
])
def test_referral_transitions(from_status, to_status, allowed):
    assert is_transition(REFERRAL_TRANSITIONS, from_status, to_status) is allowed


def test_the_receiver_answers_and_the_sender_withdraws():
    receiver, sender = frozenset({Party.RECEIVER}), frozenset({Party.SENDER})
    assert allowed_next(REFERRAL_TRANSITIONS, REFERRAL_ACTORS, RS.SENT, receiver) == [RS.ACCEPTED, RS.DECLINED]
    assert allowed_next(REFERRAL_TRANSITIONS, REFERRAL_ACTORS, RS.ACCEPTED, receiver) == [RS.COMPLETED]
    assert allowed_next(REFERRAL_TRANSITIONS, REFERRAL_ACTORS, RS.SENT, sender) == [RS.WITHDRAWN]
    assert allowed_next(REFERRAL_TRANSITIONS, REFERRAL_ACTORS, RS.SENT, frozenset()) == []
    assert not may_perform(REFERRAL_ACTORS, RS.ACCEPTED, sender)


def test_promise_owner_keeps_maker_cancels_writer_does_all():
    owner, maker, writer = frozenset({Party.OWNER}), frozenset({Party.MAKER}), frozenset({Party.WRITER})
    assert allowed_next(PROMISE_TRANSITIONS, PROMISE_ACTORS, PS.OPEN, owner) == [PS.BROKEN, PS.KEPT]
    assert allowed_next(PROMISE_TRANSITIONS, PROMISE_ACTORS, PS.OPEN, maker) == [PS.CANCELLED]
    assert allowed_next(PROMISE_TRANSITIONS, PROMISE_ACTORS, PS.OPEN, writer) == [PS.BROKEN, PS.CANCELLED, PS.KEPT]
    assert allowed_next(PROMISE_TRANSITIONS, PROMISE_ACTORS, PS.KEPT, writer) == []


def test_parties_follow_the_organisation_and_the_grant():
    assert referral_parties(partner_id=1, from_partner_id=1, to_partner_id=2) == {Party.SENDER}
    assert referral_parties(partner_id=2, from_partner_id=1, to_partner_id=2) == {Party.RECEIVER}
    assert referral_parties(partner_id=None, from_partner_id=1, to_partner_id=2) == set()
    assert promise_parties(partner_id=3, owner_partner_id=3, made_by_partner_id=3, full_writer=False) == {
        Party.OWNER, Party.MAKER}
    assert promise_parties(partner_id=9, owner_partner_id=3, made_by_partner_id=4, full_writer=True) == {Party.WRITER}


# --- working days ---------------------------------------------------------------------------------


def test_due_date_skips_kings_day():
    # Thursday 22 April 2027 + 5 working days: Fri 23, Mon 26, (Tue 27 Koningsdag), Wed 28, Thu 29, Fri 30
    assert due_date(dt.date(2027, 4, 22), 5) == dt.date(2027, 4, 30)
    assert add_working_days(dt.date(2027, 4, 22), 5, frozenset()) == dt.date(2027, 4, 29)
    # made on Friday 23 April: the holiday pushes the fifth working day past the weekend
    assert due_date(dt.date(2027, 4, 23), 5) == dt.date(2027, 5, 3)
    assert add_working_days(dt.date(2027, 4, 23), 5, frozenset()) == dt.date(2027, 4, 30)


# --- commitment -----------------------------------------------------------------------------------

TODAY = dt.date(2027, 6, 15)
DUE = dt.date(2027, 6, 1)


def row(owner: int, status: str, due: dt.date = DUE, kept_on: dt.date | None = None, name: str = "") -> PromiseRow:
    return PromiseRow(owner_id=owner, owner_name=name or f"Partner {owner}", status=status, due_date=due,
                      kept_on=kept_on)


def test_commitment_counts_each_outcome_per_owner():
    rows = [
        row(1, PS.KEPT, kept_on=DUE),  # on time: on the due date itself
        row(1, PS.KEPT, kept_on=DUE - dt.timedelta(days=3)),
        row(1, PS.KEPT, kept_on=DUE + dt.timedelta(days=1)),  # late
        row(1, PS.BROKEN),
        row(1, PS.OPEN, due=TODAY - dt.timedelta(days=1)),  # overdue
        row(1, PS.OPEN, due=TODAY),  # due today: not overdue yet, not decided
        row(1, PS.CANCELLED),
        row(2, PS.OPEN, due=TODAY + dt.timedelta(days=5), name="Alfa"),
    ]
    alfa, one = commitment(rows, today=TODAY)  # sorted by name
    assert alfa == PartnerCommitment(owner_id=2, owner_name="Alfa", open_not_due=1)
    assert alfa.rate is None  # nothing decided yet
    assert (one.decided, one.kept_on_time, one.kept_late, one.broken, one.open_overdue, one.open_not_due,
            one.cancelled) == (5, 2, 1, 1, 1, 1, 1)
    assert one.rate == 40
    both = total([alfa, one])
    assert (both.decided, both.kept_on_time, both.open_not_due, both.rate) == (5, 2, 2, 40)


@pytest.mark.parametrize(("kept", "decided", "rate"), [(1, 3, 33), (2, 3, 67), (1, 8, 13), (5, 8, 63), (0, 4, 0),
                                                       (4, 4, 100)])
def test_rate_rounds_half_up(kept, decided, rate):
    assert PartnerCommitment(owner_id=1, owner_name="x", decided=decided, kept_on_time=kept).rate == rate


def test_no_promises_no_lines():
    assert commitment([], today=TODAY) == []


# --- chart ----------------------------------------------------------------------------------------


def test_chart_bars_scale_with_the_rate_and_mark_undecided_partners():
    lines = [PartnerCommitment(owner_id=1, owner_name="Alfa", decided=4, kept_on_time=4),
             PartnerCommitment(owner_id=2, owner_name="Beta", decided=4, kept_on_time=2),
             PartnerCommitment(owner_id=3, owner_name="Gamma")]
    chart = build_chart(lines)
    full, half, none = chart.bars
    assert full.width == pytest.approx(2 * half.width, abs=0.2) and none.width == 0
    assert (full.value_label, half.value_label, none.value_label) == ("100%", "50%", "–")
    assert full.y < half.y < none.y < chart.axis_y < chart.height
    assert [value for _x, value in chart.ticks] == [0, 50, 100]
    assert build_chart([]) is None
