"""Dates in Voordeur's time zone (Europe/Amsterdam)."""

import datetime as dt

from django.utils import timezone


def today() -> dt.date:
    return timezone.localdate()


def parse_date(text: str) -> dt.date:
    """`YYYY-MM-DD` or `DD-MM-YYYY` (interfaces.md); ValueError with a readable message otherwise."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)")
