"""Serializers that know the data category of every field.

A role that may not see a category never gets its fields: they are removed from the
serializer (absent, not null or masked). Fields of own-only categories are removed per
record when the record is not the organisation's own. Sensitive categories in a response
are audited as a read.
"""

from rest_framework import serializers

from voordeur.access.policy import SENSITIVE, Category
from voordeur.access.scope import field_visible, grant

META_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "url"})


class CategorizedSerializer(serializers.ModelSerializer):
    """Set `primary` and, for fields of other categories, `categories = {field: Category}`.

    `household_attr` / `partner_attr` name the instance attributes holding the household id
    and creating partner id that make a record "own" for own-levels; `owner_attr` the id of
    the user a record belongs to (a user's own account is own for `accounts` own-read).
    """

    primary: Category
    categories: dict[str, Category] = {}
    household_attr: str | None = None
    partner_attr: str | None = None
    owner_attr: str | None = None

    @classmethod
    def category_of(cls, field_name: str) -> Category:
        if field_name in cls.categories:
            return cls.categories[field_name]
        if field_name in META_FIELDS:
            return Category.META
        return cls.primary

    @property
    def _user(self):
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            return None  # the OpenAPI schema describes the full shape, whoever asks for it
        request = self.context.get("request")
        return getattr(request, "user", None) if request is not None else None

    def get_fields(self):
        fields = super().get_fields()
        user = self._user
        if user is None:  # schema generation: the full shape
            return fields
        visible = {}
        for name, field in fields.items():
            granted = grant(user, self.category_of(name))
            if not granted.reads:
                continue
            if not granted.writes and name not in META_FIELDS:
                field.read_only = True
            visible[name] = field
        return visible

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self._user
        if user is None:
            return data
        ownership = {
            "household_id": _attr(instance, self.household_attr),
            "partner_id": _attr(instance, self.partner_attr),
        }
        own_account = self.owner_attr is not None and _attr(instance, self.owner_attr) == user.pk
        for name in list(data):
            category = self.category_of(name)
            if grant(user, category).own_only and not own_account and not field_visible(user, category, **ownership):
                del data[name]
        return data

    def sensitive_categories(self) -> set[Category]:
        """Sensitive categories this serializer will show to its user (for the read audit)."""
        return {self.category_of(name) for name in self.fields} & SENSITIVE


def _attr(instance, path: str | None):
    if path is None:
        return None
    value = instance
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value
