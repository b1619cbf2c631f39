"""The referral and promise workflows as data: which status may follow which, and who may move it.

Pure: no database. The services look a change up here before they make it; the pages and the
API offer only the changes these tables allow the user (`allowed_next`).

Who may perform a change is named by the user's *party* to the record — decided from the
user's organisation and grants, never from a role name:
- a referral's `receiver` (the organisation it was sent to) accepts, declines and completes it;
  its `sender` withdraws it;
- a promise's `owner` (the organisation that must keep it) marks it kept or broken, its `maker`
  (the organisation that made it) cancels it, and a `writer` (full write on promises, e.g. the
  process director) may do all three.
"""

from collections.abc import Iterable
from enum import StrEnum

from voordeur.referrals.models import Promise, Referral

RS = Referral.Status
PS = Promise.Status


class Party(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"
    OWNER = "owner"
    MAKER = "maker"
    WRITER = "writer"


REFERRAL_TRANSITIONS: dict[str, frozenset[str]] = {
    RS.SENT: frozenset({RS.ACCEPTED, RS.DECLINED, RS.WITHDRAWN}),
    RS.ACCEPTED: frozenset({RS.COMPLETED, RS.WITHDRAWN}),
    RS.DECLINED: frozenset(),
    RS.COMPLETED: frozenset(),
    RS.WITHDRAWN: frozenset(),
}
REFERRAL_ACTORS: dict[str, frozenset[Party]] = {
    RS.ACCEPTED: frozenset({Party.RECEIVER}),
    RS.DECLINED: frozenset({Party.RECEIVER}),
    RS.COMPLETED: frozenset({Party.RECEIVER}),
    RS.WITHDRAWN: frozenset({Party.SENDER}),
}
# A referral in one of these is closed: its household link starts its 12 months of grace.
REFERRAL_CLOSED = frozenset({RS.DECLINED, RS.COMPLETED, RS.WITHDRAWN})
REFERRAL_OPEN = frozenset({RS.SENT, RS.ACCEPTED})

PROMISE_TRANSITIONS: dict[str, frozenset[str]] = {
    PS.OPEN: frozenset({PS.KEPT, PS.BROKEN, PS.CANCELLED}),
    PS.KEPT: frozenset(),
    PS.BROKEN: frozenset(),
    PS.CANCELLED: frozenset(),
}
PROMISE_ACTORS: dict[str, frozenset[Party]] = {
    PS.KEPT: frozenset({Party.OWNER, Party.WRITER}),
    PS.BROKEN: frozenset({Party.OWNER, Party.WRITER}),
    PS.CANCELLED: frozenset({Party.MAKER, Party.WRITER}),
}


def is_transition(table: dict[str, frozenset[str]], from_status: str, to_status: str) -> bool:
    return to_status in table.get(from_status, frozenset())


def may_perform(actors: dict[str, frozenset[Party]], to_status: str, parties: Iterable[Party]) -> bool:
    return bool(actors.get(to_status, frozenset()) & set(parties))


def allowed_next(
    table: dict[str, frozenset[str]], actors: dict[str, frozenset[Party]], from_status: str, parties: Iterable[Party]
) -> list[str]:
    """The statuses these parties may move a record to from `from_status`, in a stable order."""
    parties = set(parties)
    return sorted(s for s in table.get(from_status, frozenset()) if may_perform(actors, s, parties))


def referral_parties(*, partner_id: int | None, from_partner_id: int, to_partner_id: int) -> frozenset[Party]:
    if partner_id is None:
        return frozenset()
    parties = set()
    if partner_id == from_partner_id:
        parties.add(Party.SENDER)
    if partner_id == to_partner_id:
        parties.add(Party.RECEIVER)
    return frozenset(parties)


def promise_parties(
    *, partner_id: int | None, owner_partner_id: int, made_by_partner_id: int, full_writer: bool
) -> frozenset[Party]:
    parties = {Party.WRITER} if full_writer else set()
    if partner_id is not None and partner_id == owner_partner_id:
        parties.add(Party.OWNER)
    if partner_id is not None and partner_id == made_by_partner_id:
        parties.add(Party.MAKER)
    return frozenset(parties)
