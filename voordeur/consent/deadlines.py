"""The campaign's legal dates as small pure functions (all dates inclusive).

Overlegwet (art. 5): the bewonerscommissie gets at least 6 weeks to advise in writing on the
proposal; when the corporation departs from the advice it gives its written reasons within
14 days of receiving it. Voordeur's reading of "earliest date to proceed": once the advice is
in (or the 6 weeks have passed without one) — and, when departing from it, not before the
written reasons have been sent.

BW 7:220 lid 3: after the written notice of the result, a tenant who did not agree has 8
weeks to ask the court to rule on the proposal's reasonableness.
"""

import datetime as dt
from dataclasses import dataclass

ADVICE_PERIOD = dt.timedelta(weeks=6)
REASONS_PERIOD = dt.timedelta(days=14)
COURT_PERIOD = dt.timedelta(weeks=8)


def advice_due(requested_on: dt.date) -> dt.date:
    """The last day of the 6 weeks the bewonerscommissie has to advise."""
    return requested_on + ADVICE_PERIOD


def reasons_due(received_on: dt.date) -> dt.date:
    """The last day to give written reasons for departing from the advice."""
    return received_on + REASONS_PERIOD


def court_deadline(notified_on: dt.date) -> dt.date:
    """The day a non-agreeing tenant's 8 weeks to go to court end."""
    return notified_on + COURT_PERIOD


@dataclass(frozen=True)
class AdviceDates:
    advice_due: dt.date
    reasons_due: dt.date | None  # only when departing from received advice
    earliest_proceed: dt.date | None  # None: the reasons have not been sent yet
    reasons_late: bool  # the written reasons came (or are still missing) after the 14 days


def advice_dates(
    *,
    requested_on: dt.date,
    received_on: dt.date | None,
    departs: bool,
    reasons_sent_on: dt.date | None,
    today: dt.date,
) -> AdviceDates:
    due = advice_due(requested_on)
    if received_on is None:
        return AdviceDates(due, None, due, False)
    proceed = min(received_on, due)
    if not departs:
        return AdviceDates(due, None, proceed, False)
    reasons = reasons_due(received_on)
    if reasons_sent_on is None:
        return AdviceDates(due, reasons, None, today > reasons)
    return AdviceDates(due, reasons, max(proceed, reasons_sent_on), reasons_sent_on > reasons)
