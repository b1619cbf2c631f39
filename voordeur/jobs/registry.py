"""Job handlers by kind. A handler takes the job's args and a progress callback and returns
a short result reference (e.g. the id of the record it made)."""

from collections.abc import Callable

Progress = Callable[[int, str], None]
Handler = Callable[[dict, Progress], str]

HANDLERS: dict[str, Handler] = {}


def handles(kind: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if kind in HANDLERS and HANDLERS[kind] is not handler:
            raise ValueError(f"job kind {kind!r} has two handlers")
        HANDLERS[kind] = handler
        return handler

    return register
