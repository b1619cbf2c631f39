"""Request bodies of create routes: every field tagged with its data category (for the schema),
and references that only reach records the user may see.

A body is not cut down per role like a response: the create service decides who may write
what and answers 400 naming the field.
"""

from collections.abc import Callable

from rest_framework import serializers

from voordeur.access.policy import Category
from voordeur.api.categorized import CategorizedSerializer


class CategorizedInput(serializers.Serializer):
    """Set `primary` and, for fields of other categories, `categories = {field: Category}`."""

    primary: Category
    categories: dict[str, Category] = {}
    category_of = classmethod(CategorizedSerializer.category_of.__func__)


class ScopedReference(serializers.PrimaryKeyRelatedField):
    """The id of a record the user may see (`selector(user=...)`). One outside the user's scope
    gets exactly the answer of one that does not exist: `unknown`."""

    def __init__(self, *, queryset, selector: Callable, unknown: str, **kwargs) -> None:
        self.selector = selector
        super().__init__(queryset=queryset, error_messages={"does_not_exist": unknown}, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:  # schema generation: the model is all that matters
            return super().get_queryset()
        return self.selector(user=request.user)


class ChoiceList(serializers.ListField):
    """A list of choices. Its errors are one list of messages, as the schema documents every
    field's errors, rather than DRF's messages per list index."""

    def __init__(self, *, choices, **kwargs) -> None:
        super().__init__(child=serializers.ChoiceField(choices=choices), **kwargs)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            detail = error.detail
            if isinstance(detail, dict):
                detail = [message for messages in detail.values() for message in messages]
            raise serializers.ValidationError(detail) from None
