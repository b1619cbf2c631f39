"""Pure hash-chain arithmetic: a row's hash covers its fields and the previous hash."""

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GENESIS = "0" * 64
CHAINED_FIELDS = (
    "seq", "at", "actor_id", "actor", "role", "partner", "action", "category",
    "object_type", "object_id", "trajectory_id", "purpose", "detail",
)


def row_hash(key: bytes, prev_hash: str, row: Mapping) -> str:
    payload = json.dumps(
        [prev_hash, *(row[name] for name in CHAINED_FIELDS)],
        sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str,
    )
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int | None
    problem: str

    def __str__(self) -> str:
        where = f"seq {self.seq}" if self.seq is not None else "head"
        return f"{where}: {self.problem}"


def first_break(key: bytes, rows: Iterable[Mapping], head_seq: int, head_hash: str) -> Break | None:
    """The first link that does not hold, or None when the whole chain verifies."""
    prev_hash, expected_seq = GENESIS, 1
    for row in rows:
        if row["seq"] != expected_seq:
            return Break(row["seq"], f"expected sequence number {expected_seq}: a row was removed or inserted")
        if row["prev_hash"] != prev_hash:
            return Break(row["seq"], "previous-hash link does not match the row before it")
        if row_hash(key, prev_hash, row) != row["hash"]:
            return Break(row["seq"], "row content does not match its hash: the row was altered")
        prev_hash, expected_seq = row["hash"], expected_seq + 1
    if expected_seq - 1 != head_seq or prev_hash != head_hash:
        return Break(None, f"chain ends at seq {expected_seq - 1} but the head says {head_seq}: rows were removed")
    return None
