"""The status workflow of a crime signal: an explicit table of allowed changes (pure).

open ──► under_investigation ──► closed
  └────────────────────────────►   │
  ◄──────── reopened ──────────────┘
"""

from voordeur.safety.models import CrimeSignal

Status = CrimeSignal.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "": frozenset({Status.OPEN}),
    Status.OPEN: frozenset({Status.UNDER_INVESTIGATION, Status.CLOSED}),
    Status.UNDER_INVESTIGATION: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset({Status.OPEN}),
}
CLOSED = frozenset({Status.CLOSED})


def may_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def next_statuses(status: str) -> list[str]:
    """The statuses a signal in `status` may move to, in the order of the Status choices."""
    allowed = ALLOWED_TRANSITIONS.get(status, frozenset())
    return [value for value in Status.values if value in allowed]


def is_closed(status: str) -> bool:
    return status in CLOSED
