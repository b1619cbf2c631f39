"""The API answers in JSON, also where Django itself answers: a path under /api/ that no
route matches (e.g. `/api/v1/units/1.5/`), an uncaught error (500), a rejected Host (400).

Django renders those as the web UI's HTML pages; an API client would get a content type the
schema does not promise. Only the body changes: status, headers and cookies stay, and
nothing of the original page (or of the error) is passed on.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.exceptions import APIException, NotFound

API_PREFIX = "/api/"
BODY_HEADERS = {"content-type", "content-length"}


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            not request.path.startswith(API_PREFIX)
            or response.status_code < 400
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        replaced = JsonResponse({"detail": str(_detail(response.status_code, response.reason_phrase))},
                                status=response.status_code)
        for header, value in response.items():
            if header.lower() not in BODY_HEADERS:
                replaced[header] = value
        replaced.cookies = response.cookies
        return replaced


def _detail(status: int, reason: str):
    if status == 404:
        return NotFound.default_detail
    if status >= 500:
        return APIException.default_detail
    return reason
