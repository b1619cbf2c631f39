"""OpenAPI: every property of every schema carries `x-voordeur-category`, from the serializers'
category maps (which the policy table's categories type). Pagination and ids are `meta`."""

from drf_spectacular.openapi import AutoSchema

CATEGORY_KEY = "x-voordeur-category"
META_PROPERTIES = {"count", "next", "previous", "results", "detail", "id", "version", "created_at", "updated_at"}


class CategoryAutoSchema(AutoSchema):
    def _map_serializer(self, serializer, direction, bypass_extensions=False):
        schema = super()._map_serializer(serializer, direction, bypass_extensions)
        category_of = getattr(serializer, "category_of", None)
        if category_of is None:
            return schema
        for name, prop in schema.get("properties", {}).items():
            _tag(schema["properties"], name, prop, str(category_of(name)))
        return schema

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        primary = getattr(self.view, "primary_category", None)
        if operation is not None and primary is not None:
            operation[CATEGORY_KEY] = str(primary)
        return operation


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
