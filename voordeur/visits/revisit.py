"""Where a door stands in the round, and when to try it next (pure: plain data in, plain data out).

A broker rings each door until someone answers. After "not home" the next try should be at
another time of day than the ones already tried; after three not-home tries in a row ringing
again is not enough and another approach is needed (a letter, a phone call, a neighbour or a
key figure in the stairwell). A talk, a refusal or a move ends the run of not-home tries.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

NOT_HOME = "not_home"
TALKED = "talked"
REFUSED = "refused"
MOVED_AWAY = "moved_away"

TIMES_OF_DAY = ("morning", "afternoon", "evening", "weekend")
# Who is not home in the morning usually works or studies: evenings and weekends first.
TRY_ORDER = ("evening", "weekend", "afternoon", "morning")
OTHER_APPROACH_AFTER = 3  # not-home tries in a row


@dataclass(frozen=True)
class Attempt:
    visited_on: dt.date
    time_of_day: str
    outcome: str
    order: int = 0  # breaks ties between attempts on the same day (e.g. the record's id)


@dataclass(frozen=True)
class DoorStatus:
    last: Attempt | None  # the newest attempt, None when the door was never tried
    not_home_tries: int  # not-home tries since the last answered one
    tried_times: tuple[str, ...]  # times of day of those tries, in TIMES_OF_DAY order
    suggestion: str | None  # a time of day to try next (only after not home)
    other_approach: bool  # "andere aanpak nodig"
    reached: bool  # someone talked with the broker at least once

    @property
    def visited(self) -> bool:
        return self.last is not None


def suggest_time_of_day(tried: Iterable[str], *, preferred: str = "") -> str | None:
    """A time of day not tried yet: the household's preferred one if it is untried, else
    the first untried one in TRY_ORDER; None once every time of day was tried."""
    tried_set = set(tried)
    if preferred in TIMES_OF_DAY and preferred not in tried_set:
        return preferred
    return next((time for time in TRY_ORDER if time not in tried_set), None)


def door_status(attempts: Iterable[Attempt], *, preferred: str = "") -> DoorStatus:
    """The status of one door from all its attempts (any order)."""
    ordered = sorted(attempts, key=lambda a: (a.visited_on, a.order))
    if not ordered:
        return DoorStatus(None, 0, (), None, False, False)
    run: list[Attempt] = []
    for attempt in reversed(ordered):
        if attempt.outcome != NOT_HOME:
            break
        run.append(attempt)
    tried = tuple(time for time in TIMES_OF_DAY if any(a.time_of_day == time for a in run))
    last = ordered[-1]
    suggestion = suggest_time_of_day(tried, preferred=preferred) if last.outcome == NOT_HOME else None
    return DoorStatus(
        last=last,
        not_home_tries=len(run),
        tried_times=tried,
        suggestion=suggestion,
        other_approach=len(run) >= OTHER_APPROACH_AFTER,
        reached=any(a.outcome == TALKED for a in ordered),
    )


def reach_value(status: DoorStatus) -> str:
    """The door's reach in one word, for the door grid and the reach counts:
    `talked`, `refused`, `moved_away`, `not_home:1`, `not_home:2`, `not_home:3+` or `not_visited`."""
    if status.last is None:
        return "not_visited"
    if status.last.outcome in (REFUSED, MOVED_AWAY):
        return status.last.outcome
    if status.reached:
        return TALKED
    tries = status.not_home_tries
    return f"not_home:{tries}" if tries < OTHER_APPROACH_AFTER else f"not_home:{OTHER_APPROACH_AFTER}+"
