"""The one way API views reach records: through selectors and access functions.

A resource names its primary category, its list selector, its access function and (when
editable) its update service, (when creatable) its create service. Access is decided by those
functions from the policy table; views never decide it themselves.
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.response import Response

from voordeur.access.denials import record_denial
from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.audit import log as audit


def require_write(user, category: Category, *, model=None, pk="") -> None:
    """404 when the role cannot see the category at all; 403 when it may read but not write.
    The 403 is a failed access decision and is audited (voordeur/access/denials.py)."""
    granted = grant(user, category)
    if not granted.reads:
        raise Http404
    if not granted.writes:
        record_denial(user, category=category, object_type=model._meta.label_lower if model else "",
                      object_id=pk, write=True, reason="level")
        raise exceptions.PermissionDenied("Alleen-lezen voor uw rol.")


def run_service(call: Callable):
    """Call a service; its domain errors as API answers: 400 naming the field (errors not tied
    to one field under `non_field_errors`), 403 for a party that may not make the change."""
    try:
        return call()
    except DjangoPermissionDenied as error:
        raise exceptions.PermissionDenied(str(error) or None) from None
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        raise exceptions.ValidationError(detail) from None


class CategorizedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    primary_category: Category
    list_selector: Callable
    access_function: Callable
    update_service: Callable | None = None
    update_kwarg: str = ""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.serializer_class.Meta.model.objects.none()
        return type(self).list_selector(user=self.request.user)

    def get_object(self):
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        access = type(self).access_function
        obj = access(self.request.user, self.kwargs["pk"])
        if write:
            require_write(self.request.user, self.primary_category, model=type(obj), pk=obj.pk)
            obj = access(self.request.user, self.kwargs["pk"], write=True)
        return obj

    def list(self, request, *args, **kwargs):
        if not grant(request.user, self.primary_category).reads:
            raise Http404
        response = super().list(request, *args, **kwargs)
        self._audit_sensitive_read(response.data.get("results", []))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._audit_sensitive_read([response.data])
        return response

    def _audit_sensitive_read(self, rows: list) -> None:
        serializer = self.get_serializer()
        sensitive = serializer.sensitive_categories()
        if not sensitive or not rows:
            return
        for category in sorted(sensitive):
            audit.record(
                self.request.user, "read", category=category,
                object_type=serializer.Meta.model._meta.label_lower,
                object_id=",".join(str(row.get("id")) for row in rows)[:60],
                purpose=f"API {self.request.method} {self.request.path}"[:300],
                detail={"ids": [row.get("id") for row in rows]},
            )


class UpdatableMixin:
    """PATCH with the `version` the client read; a stale version answers 409."""

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        version = request.data.get("version")
        if not isinstance(version, int):
            raise exceptions.ValidationError({"version": "Geef de versie mee die u hebt gelezen."})
        serializer = self.get_serializer(obj, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        run_service(lambda: type(self).update_service(
            **{self.update_kwarg: obj}, by=request.user,
            changes=dict(serializer.validated_data), expected_version=version,
        ))
        return Response(self.get_serializer(type(self).access_function(request.user, obj.pk)).data)


# No docstring: drf-spectacular would make it the description of every operation of the viewset.
class CreatableMixin:
    # POST a new record through the same create service the pages use. 404 for a role that
    # cannot read the category, 403 for one that may only read it; then the request body
    # (`create_serializer_class`) is validated, 400 naming the field, and
    # `create_service(by=user, **validated_data)` decides the rest (its errors: 400 / 403).
    # The answer is the new record as its detail route shows it to the user.

    create_serializer_class: type
    create_service: Callable

    def create(self, request, *args, **kwargs):
        require_write(request.user, self.primary_category, model=type(self).serializer_class.Meta.model)
        body = self.create_serializer_class(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        record = run_service(lambda: type(self).create_service(by=request.user, **body.validated_data))
        fresh = type(self).access_function(request.user, record.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


class RecordSummaryView(generics.GenericAPIView):
    """A document computed over one record (e.g. a proposal's tally), at `<resource>/{pk}/<name>/`.

    The record's access function decides, as for its detail route: 404 for a role without
    read on the primary category, and for a record that is missing or not the user's.
    `serializer_class` describes the document (every field with its category);
    `summary_function(record)` makes it.
    """

    primary_category: Category
    access_function: Callable
    summary_function: Callable
    record_model: type
    pagination_class = None
    filter_backends: list = []

    def get(self, request, pk):
        if not grant(request.user, self.primary_category).reads:
            raise Http404
        return Response(type(self).summary_function(type(self).access_function(request.user, pk)))
