"""Every route of the API and every page, read from Django's URL resolver.

Nothing here is a hand list: a new endpoint or page is enumerated (and so tested) as soon
as it is routed. A route this module cannot classify makes a test fail, naming it.
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import URLPattern, URLResolver, get_resolver

from voordeur.access.policy import Category
from voordeur.api.viewsets import CategorizedViewSet, RecordSummaryView

API_PREFIX = "api/v1/"
SCHEMA_ROUTE = "api-schema"
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_PATH_CONVERTER = re.compile(r"<(?:\w+:)?(\w+)>")


class Kind(StrEnum):
    LIST = "list"
    DETAIL = "detail"
    AGGREGATE = "aggregate"
    SUMMARY = "summary"  # a document computed over one record, e.g. /proposals/{pk}/tally/
    SCHEMA = "schema"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Route:
    name: str
    template: str  # "/api/v1/households/{pk}/"
    view_class: type
    methods: tuple[str, ...]  # lower-case HTTP methods the route answers (besides head/options)
    kind: Kind

    @property
    def label(self) -> str:
        """`households`, `contact-log`, `aggregates-visits` — for test ids."""
        segments = [s for s in self.template.removeprefix("/" + API_PREFIX).split("/") if s and s[0] != "{"]
        if self.kind is Kind.AGGREGATE:
            segments = segments[-2:]
        return "-".join(segments)

    @property
    def primary_category(self) -> Category:
        return Category(self.view_class.primary_category)

    @property
    def kwargs(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\{(\w+)\}", self.template))

    def url(self, **kwargs) -> str:
        return self.template.format(**kwargs)


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def _template(raw: str) -> str:
    text = _REGEX_GROUP.sub(lambda m: "{" + m.group(1) + "}", raw)
    text = _PATH_CONVERTER.sub(lambda m: "{" + m.group(1) + "}", text)
    return "/" + text.replace("^", "").replace("$", "")


def _route(raw: str, pattern: URLPattern) -> Route:
    callback = pattern.callback
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    template = _template(raw)
    actions = getattr(callback, "actions", None)
    if actions is not None:
        allowed = set(getattr(view_class, "http_method_names", actions))
        methods = tuple(sorted(m for m in actions if m in allowed and m not in ("head", "options")))
    else:
        methods = tuple(
            sorted(m for m in ("get", "post", "put", "patch", "delete") if view_class and hasattr(view_class, m))
        )
    if pattern.name == SCHEMA_ROUTE:
        kind = Kind.SCHEMA
    elif view_class and issubclass(view_class, CategorizedViewSet):
        kind = Kind.DETAIL if "{pk}" in template else Kind.LIST
    elif view_class and issubclass(view_class, RecordSummaryView):
        kind = Kind.SUMMARY
    elif view_class and hasattr(view_class, "aggregate_measure") and hasattr(view_class, "primary_category"):
        kind = Kind.AGGREGATE
    else:
        kind = Kind.UNKNOWN
    return Route(name=pattern.name or raw, template=template, view_class=view_class, methods=methods, kind=kind)


def api_routes() -> list[Route]:
    """Every API route (format-suffix variants left out: same views, same answers)."""
    routes = []
    for raw, pattern in _walk(get_resolver().url_patterns):
        if not raw.startswith(API_PREFIX) or "{format}" in _template(raw) or "\\." in raw:
            continue
        routes.append(_route(raw, pattern))
    return routes


def record_routes() -> list[Route]:
    return [r for r in api_routes() if r.kind in (Kind.LIST, Kind.DETAIL)]


@dataclass(frozen=True)
class Page:
    name: str
    template: str
    view_class: type

    @property
    def primary_category(self) -> Category:
        return Category(self.view_class.primary_category)

    @property
    def kwargs(self) -> tuple[str, ...]:
        return tuple(re.findall(r"\{(\w+)\}", self.template))


def pages() -> list[Page]:
    """Every web page behind login that declares its primary data category."""
    found = []
    for raw, pattern in _walk(get_resolver().url_patterns):
        if raw.startswith(API_PREFIX):
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        if view_class is None or not hasattr(view_class, "primary_category"):
            continue
        if not issubclass(view_class, LoginRequiredMixin):
            continue  # login and logout: public by design
        found.append(Page(name=pattern.name, template=_template(raw), view_class=view_class))
    return found
