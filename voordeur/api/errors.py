"""API errors: Django's 404/403 as DRF responses, 409 for stale versions, and the error
answers each operation documents in the OpenAPI schema."""

from enum import StrEnum

from rest_framework.views import exception_handler as drf_exception_handler

META = {"x-voordeur-category": "meta"}


def exception_handler(exc, context):
    from voordeur.lib.versioning import Conflict

    if isinstance(exc, Conflict):
        from rest_framework.response import Response

        return Response({"detail": str(exc), "current_version": exc.current_version}, status=409)
    return drf_exception_handler(exc, context)


class ErrorKind(StrEnum):
    """Names of the error body components in the schema."""

    ERROR = "Error"
    VALIDATION = "ValidationError"
    CONFLICT = "Conflict"


ERROR_SCHEMAS = {
    ErrorKind.ERROR: {
        "type": "object",
        "properties": {"detail": {"type": "string", **META}},
        "required": ["detail"],
    },
    # DRF's validation errors: field name (or `non_field_errors`) -> messages; a body that is
    # not JSON at all answers {"detail": "..."}. Field names only, never the values sent.
    ErrorKind.VALIDATION: {
        "type": "object",
        "properties": {"detail": {"type": "string", **META}},
        "additionalProperties": {"type": "array", "items": {"type": "string"}, **META},
    },
    ErrorKind.CONFLICT: {
        "type": "object",
        "properties": {
            "detail": {"type": "string", **META},
            "current_version": {"type": "integer", "nullable": True, **META},
        },
        "required": ["detail", "current_version"],
    },
}


def error_responses(*, method: str, is_list: bool, filtered: bool, versioned: bool) -> dict[str, tuple[ErrorKind, str]]:
    """The error status codes one operation can answer, with their body and a description."""
    errors = {
        "401": (ErrorKind.ERROR, "No valid token or session."),
        "404": (ErrorKind.ERROR, "Missing, out of scope or not readable for your role (the same answer); "
                                 "on a list also a page number past the end."),
    }
    if method == "GET" and is_list and filtered:
        errors["400"] = (ErrorKind.VALIDATION, "A filter value is not valid.")
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        errors["400"] = (ErrorKind.VALIDATION, "The request body is not valid.")
        errors["403"] = (ErrorKind.ERROR, "Your role may read this but not change it (or the CSRF check failed "
                                          "on a session request).")
    if method in ("PUT", "PATCH") and versioned:
        errors["409"] = (ErrorKind.CONFLICT, "The version you sent is stale: someone else changed the record.")
    return errors
