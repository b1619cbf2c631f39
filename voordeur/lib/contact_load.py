"""The contact-load guard (issue 3): don't overwhelm a household with approaches (pure).

Every approach by any partner is in the shared contact log. Before planning a new one, a
worker sees who approached the household within the window and is warned when the
household has already had `limit` or more approaches in it — a new one would go above the
limit (default: 2 approaches in 14 days, across partners).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_LIMIT = 2
DEFAULT_WINDOW_DAYS = 14


@dataclass(frozen=True)
class Approach:
    at: dt.datetime
    partner: str  # the organisation's name: the guard never shows topic or content


@dataclass(frozen=True)
class Load:
    recent: tuple[Approach, ...]  # newest first, within the window
    limit: int
    window_days: int

    @property
    def count(self) -> int:
        return len(self.recent)

    @property
    def warn(self) -> bool:
        """True when one more approach would go above the limit."""
        return self.count >= self.limit


def contact_load(
    approaches: Iterable[Approach],
    *,
    now: dt.datetime,
    limit: int = DEFAULT_LIMIT,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> Load:
    """Approaches in the `window_days` before `now` (future-dated ones are ignored)."""
    if limit < 1 or window_days < 1:
        raise ValueError("limit and window_days must be at least 1")
    since = now - dt.timedelta(days=window_days)
    recent = sorted((a for a in approaches if since < a.at <= now), key=lambda a: a.at, reverse=True)
    return Load(recent=tuple(recent), limit=limit, window_days=window_days)
