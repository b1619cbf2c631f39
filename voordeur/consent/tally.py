"""The 70% tally (BW 7:220 lid 3), as a pure function over plain data.

The rule, exactly as interfaces.md "Consent tally" states it:
- `dwellings`: the complex's units of kind `home`, vacant ones included; the presumption of
  reasonableness applies to 10 or more dwellings.
- `counted_at`: the response deadline once it has passed, else today (Europe/Amsterdam —
  the caller passes the local date).
- `tenants`: tenancies on a dwelling that are active on `counted_at` (start <= day <= end,
  end inclusive), one per occupied dwelling. Should the data hold two active tenancies on
  one dwelling (the import forbids it), the one that started last counts.
- each tenant's latest response by date on or before the deadline counts; on the same date
  the one recorded last (highest `seq`). Later responses and responses of tenancies not
  active on `counted_at` are kept but not counted.
- `percent_agreed` = agreed / tenants x 100, half-up to 2 decimals (None without tenants);
  `threshold_met` compares integers exactly as interfaces.md says: agreed * 100 >= 70 *
  tenants (with no tenants that is 0 >= 0: nobody is left who could withhold consent).
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

THRESHOLD_PERCENT = 70
MIN_DWELLINGS = 10
AGREED, AGAINST, NO_RESPONSE = "agreed", "against", "no_response"


@dataclass(frozen=True)
class TenancyFact:
    tenancy_id: str
    unit_id: str
    start: dt.date
    end: dt.date | None = None  # inclusive; None: open-ended

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class ResponseFact:
    tenancy_id: str
    agreed: bool
    on: dt.date
    seq: int  # recording order: higher was recorded later


@dataclass(frozen=True)
class NotAgreed:
    tenancy_id: str
    unit_id: str
    status: str  # AGAINST or NO_RESPONSE


@dataclass(frozen=True)
class Tally:
    proposal: int
    complex: str
    dwellings: int
    tenants: int
    agreed: int
    against: int
    no_response: int
    percent_agreed: Decimal | None
    threshold_met: bool
    presumption_applies: bool
    response_deadline: dt.date
    counted_at: dt.date
    not_agreed: tuple[NotAgreed, ...]
    statuses: dict[str, str]  # unit_id -> AGREED / AGAINST / NO_RESPONSE for every counted tenant

    @property
    def needed(self) -> int:
        """Tenants who still have to agree for the threshold to be met (0 once it is)."""
        if self.tenants == 0:
            return 0
        required = -(-THRESHOLD_PERCENT * self.tenants // 100)  # ceil without floats
        return max(0, required - self.agreed)

    def as_json(self) -> dict:
        """The `--json` document of interfaces.md, keys in its order."""
        return {
            "proposal": self.proposal,
            "complex": self.complex,
            "dwellings": self.dwellings,
            "tenants": self.tenants,
            "agreed": self.agreed,
            "against": self.against,
            "no_response": self.no_response,
            "percent_agreed": None if self.percent_agreed is None else float(self.percent_agreed),
            "threshold_percent": THRESHOLD_PERCENT,
            "threshold_met": self.threshold_met,
            "presumption_applies": self.presumption_applies,
            "response_deadline": self.response_deadline.isoformat(),
            "counted_at": self.counted_at.isoformat(),
            "not_agreed": [
                {"tenancy_id": n.tenancy_id, "unit_id": n.unit_id, "status": n.status} for n in self.not_agreed
            ],
        }


def counted_at(deadline: dt.date, today: dt.date) -> dt.date:
    return deadline if today > deadline else today


def percent(agreed: int, tenants: int) -> Decimal | None:
    if tenants == 0:
        return None
    return (Decimal(agreed * 100) / Decimal(tenants)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def current_tenants(dwellings: Iterable[str], tenancies: Iterable[TenancyFact], day: dt.date) -> dict[str, TenancyFact]:
    """unit_id -> the tenancy active on `day`, for dwellings only."""
    homes = set(dwellings)
    tenants: dict[str, TenancyFact] = {}
    for tenancy in tenancies:
        if tenancy.unit_id not in homes or not tenancy.active_on(day):
            continue
        held = tenants.get(tenancy.unit_id)
        if held is None or (tenancy.start, tenancy.tenancy_id) > (held.start, held.tenancy_id):
            tenants[tenancy.unit_id] = tenancy
    return tenants


def latest_answers(responses: Iterable[ResponseFact], deadline: dt.date) -> dict[str, bool]:
    """tenancy_id -> agreed?, from each tenancy's latest response on or before the deadline."""
    latest: dict[str, ResponseFact] = {}
    for response in responses:
        if response.on > deadline:
            continue
        held = latest.get(response.tenancy_id)
        if held is None or (response.on, response.seq) > (held.on, held.seq):
            latest[response.tenancy_id] = response
    return {tenancy_id: response.agreed for tenancy_id, response in latest.items()}


def tally(
    *,
    proposal: int,
    complex_slug: str,
    dwellings: Sequence[str],
    tenancies: Sequence[TenancyFact],
    responses: Sequence[ResponseFact],
    deadline: dt.date,
    today: dt.date,
) -> Tally:
    day = counted_at(deadline, today)
    tenants = current_tenants(dwellings, tenancies, day)
    answers = latest_answers(responses, deadline)
    statuses: dict[str, str] = {}
    for unit_id, tenancy in tenants.items():
        answer = answers.get(tenancy.tenancy_id)
        statuses[unit_id] = NO_RESPONSE if answer is None else (AGREED if answer else AGAINST)
    agreed = sum(1 for s in statuses.values() if s == AGREED)
    against = sum(1 for s in statuses.values() if s == AGAINST)
    not_agreed = tuple(
        NotAgreed(tenants[unit_id].tenancy_id, unit_id, status)
        for unit_id, status in sorted(statuses.items())
        if status != AGREED
    )
    count = len(tenants)
    return Tally(
        proposal=proposal,
        complex=complex_slug,
        dwellings=len(set(dwellings)),
        tenants=count,
        agreed=agreed,
        against=against,
        no_response=count - agreed - against,
        percent_agreed=percent(agreed, count),
        threshold_met=agreed * 100 >= THRESHOLD_PERCENT * count,
        presumption_applies=len(set(dwellings)) >= MIN_DWELLINGS,
        response_deadline=deadline,
        counted_at=day,
        not_agreed=not_agreed,
        statuses=statuses,
    )


@dataclass(frozen=True)
class DayPoint:
    day: dt.date
    tenants: int
    agreed: int
    against: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.agreed, self.tenants)


def timeline(
    *,
    dwellings: Sequence[str],
    tenancies: Sequence[TenancyFact],
    responses: Sequence[ResponseFact],
    start: dt.date,
    deadline: dt.date,
    today: dt.date,
) -> list[DayPoint]:
    """The standing as it was at the end of each day from `start` to the counting day."""
    last = counted_at(deadline, today)
    points = []
    day = start
    while day <= last:
        tenants = current_tenants(dwellings, tenancies, day)
        answers = latest_answers((r for r in responses if r.on <= day), deadline)
        said = [answers.get(t.tenancy_id) for t in tenants.values()]
        points.append(DayPoint(day, len(tenants), said.count(True), said.count(False)))
        day += dt.timedelta(days=1)
    return points
