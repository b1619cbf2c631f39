"""The page a locked-out login gets (axes' AXES_LOCKOUT_CALLABLE): Dutch, HTTP 429, no details."""

from axes.helpers import get_cool_off
from django.shortcuts import render

HTTP_TOO_MANY_REQUESTS = 429


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    minutes = max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=HTTP_TOO_MANY_REQUESTS)
