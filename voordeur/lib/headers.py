"""Response headers Django has no setting for.

- `Permissions-Policy`: Voordeur uses none of the browser's powerful features, so every one
  of them is switched off for the page and anything it could embed.
- `Cache-Control: no-store` on every answer to a signed-in user and on every API answer:
  pages and JSON with personal data must not stay behind in a browser or proxy cache
  (ASVS 4.0.3 V8.2.1). Static files (served by WhiteNoise before this runs) keep their caching.
"""

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

# Features Chromium and Firefox recognise; an empty allow-list `()` disables one everywhere.
DISABLED_FEATURES = (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "hid", "idle-detection", "magnetometer", "microphone", "midi", "payment", "picture-in-picture",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)
API_PREFIX = "/api/"


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NoStoreMiddleware:
    """Sits after AuthenticationMiddleware; DRF puts a token's user on the same request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith(API_PREFIX) or getattr(user, "is_authenticated", False):
            add_never_cache_headers(response)
        return response
