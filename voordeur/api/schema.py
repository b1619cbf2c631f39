"""OpenAPI: every property of every schema carries `x-voordeur-category`, from the serializers'
category maps (which the policy table's categories type). Pagination and ids are `meta`.

Every operation also documents the error answers it can give (see `error_responses`), so a
client — and the schema fuzz test — knows the whole set of status codes.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent

from voordeur.api.categorized import CategorizedSerializer
from voordeur.api.errors import ERROR_SCHEMAS, ErrorKind, error_responses

CATEGORY_KEY = "x-voordeur-category"
META = "meta"
META_PROPERTIES = {"count", "next", "previous", "results", "detail", "id", "version", "created_at", "updated_at"}


class CategoryAutoSchema(AutoSchema):
    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        category_of = getattr(serializer, "category_of", None)
        if category_of is None:
            return schema
        for name, prop in schema.get("properties", {}).items():
            _tag(schema["properties"], name, prop, str(category_of(name)))
        if direction == "response" and isinstance(serializer, CategorizedSerializer) and "required" in schema:
            # A categorized serializer leaves out the fields a role may not see, per role and
            # (own-levels) per record: only its `meta` fields are in every response.
            schema["required"] = [name for name in schema["required"] if str(category_of(name)) == META]
            if not schema["required"]:
                del schema["required"]
        return schema

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        primary = getattr(self.view, "primary_category", None)
        if operation is not None and primary is not None:
            operation[CATEGORY_KEY] = str(primary)
        return operation

    def _get_filter_parameters(self):
        # django-filter reads an empty value (`?topic=`) as "no filter": say so.
        return [{**parameter, "allowEmptyValue": True} for parameter in super()._get_filter_parameters()]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        filtered = bool(getattr(self.view, "filterset_fields", None) or getattr(self.view, "filterset_class", None))
        for code, (kind, description) in error_responses(
            method=self.method, is_list=self._is_list_view(), filtered=filtered,
            versioned=getattr(self.view, "update_service", None) is not None,
        ).items():
            if code in responses:
                continue
            responses[code] = {
                "description": description,
                "content": {"application/json": {"schema": self._error_component(kind)}},
            }
        return responses

    def _error_component(self, kind: ErrorKind) -> dict:
        component = ResolvedComponent(name=kind.value, type=ResolvedComponent.SCHEMA, object=kind.value,
                                      schema=ERROR_SCHEMAS[kind])
        self.registry.register_on_missing(component)
        return component.ref


def _tag(properties: dict, name: str, prop: dict, category: str) -> None:
    if "$ref" in prop:
        properties[name] = {"allOf": [{"$ref": prop.pop("$ref")}], **prop, CATEGORY_KEY: category}
    else:
        prop[CATEGORY_KEY] = category


def tag_categories(result, generator, request, public):
    """Tag what no serializer declared (pagination envelopes, error bodies) as meta."""
    for component in result.get("components", {}).get("schemas", {}).values():
        for name, prop in component.get("properties", {}).items():
            if CATEGORY_KEY not in prop and name in META_PROPERTIES:
                _tag(component["properties"], name, prop, "meta")
    return result
