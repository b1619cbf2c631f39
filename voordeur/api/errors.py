"""API errors: Django's 404/403 as DRF responses, and 409 for stale versions."""

from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    from voordeur.lib.versioning import Conflict

    if isinstance(exc, Conflict):
        from rest_framework.response import Response

        return Response({"detail": str(exc), "current_version": exc.current_version}, status=409)
    return drf_exception_handler(exc, context)
