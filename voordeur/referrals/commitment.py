"""Commitment per partner ("don't do it halfway"): do organisations keep their promises on time?

Pure: plain rows in, figures out; the selector `commitment_by_partner` feeds it.

A promise counts once its outcome is known or its due date has passed (`decided`): kept (on
time when kept on or before the due date, else late), broken, or still open after its due
date (overdue). Cancelled promises and open promises not yet due do not count. The rate is the
share of decided promises kept on time, in whole percent rounded half up (None when nothing
is decided yet).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

OPEN, KEPT, BROKEN, CANCELLED = "open", "kept", "broken", "cancelled"


@dataclass(frozen=True)
class PromiseRow:
    owner_id: int
    owner_name: str
    status: str
    due_date: dt.date
    kept_on: dt.date | None = None


@dataclass(frozen=True)
class PartnerCommitment:
    owner_id: int
    owner_name: str
    decided: int = 0
    kept_on_time: int = 0
    kept_late: int = 0
    broken: int = 0
    open_overdue: int = 0
    open_not_due: int = 0
    cancelled: int = 0

    @property
    def rate(self) -> int | None:
        """Percent of the decided promises kept on time, rounded half up; None when none is decided."""
        if not self.decided:
            return None
        return (200 * self.kept_on_time + self.decided) // (2 * self.decided)


def outcome(row: PromiseRow, today: dt.date) -> str:
    """One promise's standing today: kept_on_time, kept_late, broken, cancelled, open_overdue or open_not_due."""
    if row.status == KEPT:
        return "kept_on_time" if row.kept_on is not None and row.kept_on <= row.due_date else "kept_late"
    if row.status == BROKEN:
        return "broken"
    if row.status == CANCELLED:
        return "cancelled"
    return "open_overdue" if row.due_date < today else "open_not_due"


DECIDED = frozenset({"kept_on_time", "kept_late", "broken", "open_overdue"})


def commitment(rows: Iterable[PromiseRow], *, today: dt.date) -> list[PartnerCommitment]:
    """One line per owner organisation, sorted by name (then id)."""
    counts: dict[int, dict[str, int]] = {}
    names: dict[int, str] = {}
    for row in rows:
        names[row.owner_id] = row.owner_name
        tally = counts.setdefault(row.owner_id, {})
        outcome_now = outcome(row, today)
        tally[outcome_now] = tally.get(outcome_now, 0) + 1
        if outcome_now in DECIDED:
            tally["decided"] = tally.get("decided", 0) + 1
    return sorted(
        (PartnerCommitment(owner_id=owner_id, owner_name=names[owner_id], **tally) for owner_id, tally in counts.items()),
        key=lambda line: (line.owner_name.lower(), line.owner_id),
    )


def total(lines: Iterable[PartnerCommitment]) -> PartnerCommitment:
    """All partners together (owner id 0)."""
    fields = ("decided", "kept_on_time", "kept_late", "broken", "open_overdue", "open_not_due", "cancelled")
    sums = dict.fromkeys(fields, 0)
    for line in lines:
        for name in fields:
            sums[name] += getattr(line, name)
    return PartnerCommitment(owner_id=0, owner_name="", **sums)
