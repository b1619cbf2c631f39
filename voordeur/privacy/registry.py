"""The personal-data registry: every model that holds data about a household declares it here.

Each app does so in its own `voordeur/<app>/privacy.py` (found at start-up, as Django's admin
finds `admin.py`):

    from voordeur.access.policy import Category
    from voordeur.privacy.registry import DELETE, after_date, register

    register(
        Visit,
        category=Category.VISITS,
        household="household",                      # lookup path to households.Household
        export=("visited_on", "outcome", "summary"),  # what the subject-access export shows
        erase=DELETE,                               # or Blank("field", ...) or a Scrub
        retention=after_date("visited_on"),         # or after_phase_end(Phase.AFTERCARE, complex="...")
    )

From these declarations the privacy officer's tools work without knowing the apps: the
subject-access export (AVG art. 15), erasure (art. 17) and the retention run. A test fails
for any model with a foreign-key path to a household that is neither registered nor
exempted with a reason, so a new model cannot be forgotten.
"""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.functional import Promise

from voordeur.access.policy import Category

HOUSEHOLD = "households.Household"
COMPLEX = "places.Complex"

HouseholdIds = frozenset[int]
RowsOf = Callable[[HouseholdIds], QuerySet]  # the rows about these households
ExportRows = Callable[[QuerySet, HouseholdIds], list[dict[str, Any]]]


# --- how to erase ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Delete:
    """Erase by deleting the row."""

    verb = "delete"


DELETE = Delete()


@dataclass(frozen=True)
class Blank:
    """Erase by emptying these fields (NULL, or the field's empty default); the row stays."""

    fields: tuple[str, ...]
    verb = "blank"

    def __init__(self, *fields: str) -> None:
        object.__setattr__(self, "fields", tuple(fields))


@dataclass(frozen=True)
class Scrub:
    """Erase with the app's own functions, for personal data inside a JSON snapshot.

    `pending(rows, household_ids)` narrows rows to those still holding data about those
    households (None: about any household); `apply(rows, household_ids)` removes it and
    returns how many rows it changed.
    """

    pending: Callable[[QuerySet, HouseholdIds | None], QuerySet]
    apply: Callable[[QuerySet, HouseholdIds | None], int]
    verb = "scrub"


Erase = Delete | Blank | Scrub


# --- when data is due: what the retention period runs from -----------------------------------


@dataclass(frozen=True)
class AfterDate:
    """The period runs from a date or datetime field of the row."""

    field: str


@dataclass(frozen=True)
class AfterPhaseEnd:
    """The period runs from the (actual) end of a phase of the trajectory of the row's complex."""

    phase: int
    complex: str  # lookup path from the row to places.Complex, e.g. "unit__complex"


RunsFrom = AfterDate | AfterPhaseEnd


def after_date(name: str) -> AfterDate:
    return AfterDate(name)


def after_phase_end(phase: int, *, complex: str) -> AfterPhaseEnd:  # noqa: A002  (the domain's word)
    return AfterPhaseEnd(int(phase), complex)


# --- a registration -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PersonalData:
    model: type[models.Model]
    category: Category
    household: str | RowsOf | None  # None: not about a household (retention only)
    export: tuple[str, ...] | ExportRows
    erase: Erase
    retention: RunsFrom | None
    retention_key: str
    title: str | Promise
    labels: Mapping[str, str | Promise] = field(default_factory=dict)
    audit_keys: tuple[str, ...] = ()  # keys of audit details that hold one id of this model
    audit_list_keys: tuple[str, ...] = ()  # keys of audit details that hold a list of its ids

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def about_households(self) -> bool:
        return self.household is not None

    def rows_for(self, household_ids: Collection[int]) -> QuerySet:
        """Every row about these households (erased-already rows included)."""
        ids = frozenset(household_ids)
        if callable(self.household):
            return self.household(ids)
        if self.household is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{f"{self.household}__in": ids})

    def still_holding(self, rows: QuerySet, household_ids: HouseholdIds | None) -> QuerySet:
        """The rows that still hold something to erase (blanked rows are done already)."""
        if isinstance(self.erase, Blank):
            return rows.filter(_not_blank_q(self.model, self.erase.fields))
        if isinstance(self.erase, Scrub):
            return self.erase.pending(rows, household_ids)
        return rows

    def blank_values(self) -> dict[str, Any]:
        assert isinstance(self.erase, Blank)
        return {name: _empty_value(self.model._meta.get_field(name)) for name in self.erase.fields}

    def column_label(self, path: str) -> str:
        if path in self.labels:
            return str(self.labels[path])
        found = resolve_path(self.model, path)[0]
        return str(getattr(found, "verbose_name", path))


REGISTRY: dict[type[models.Model], PersonalData] = {}
EXEMPT: dict[type[models.Model], str] = {}


def register(
    model: type[models.Model],
    *,
    category: Category,
    household: str | RowsOf | None,
    export: Sequence[str] | ExportRows = (),
    erase: Erase = DELETE,
    retention: RunsFrom | None,
    retention_key: str | None = None,
    title: str | Promise | None = None,
    labels: Mapping[str, str | Promise] | None = None,
    audit_keys: Sequence[str] = (),
    audit_list_keys: Sequence[str] = (),
) -> PersonalData:
    """Declare a model's personal data. Checked at once: a wrong path fails at start-up."""
    from voordeur.privacy.periods import RETENTION_DEFAULTS

    where = model._meta.label
    if model in REGISTRY:
        raise ImproperlyConfigured(f"privacy: {where} is registered twice")
    if model in EXEMPT:
        raise ImproperlyConfigured(f"privacy: {where} is both registered and exempt")
    entry = PersonalData(
        model=model, category=Category(category), household=household,
        export=export if callable(export) else tuple(export), erase=erase, retention=retention,
        retention_key=str(retention_key or category), title=title or model._meta.verbose_name_plural,
        labels=dict(labels or {}), audit_keys=tuple(audit_keys),
        audit_list_keys=tuple(audit_list_keys),
    )
    if entry.retention_key not in RETENTION_DEFAULTS:
        raise ImproperlyConfigured(f"privacy: {where}: no retention period for {entry.retention_key!r} "
                                   "in voordeur/privacy/periods.py")
    _check(entry)
    REGISTRY[model] = entry
    return entry


def exempt(model: type[models.Model], *, reason: str) -> None:
    """A model with a path to a household that holds no personal data to export or erase."""
    if not reason.strip():
        raise ImproperlyConfigured(f"privacy: exempting {model._meta.label} needs a reason")
    if model in REGISTRY:
        raise ImproperlyConfigured(f"privacy: {model._meta.label} is both registered and exempt")
    EXEMPT[model] = reason


def registrations() -> list[PersonalData]:
    return list(REGISTRY.values())


def household_registrations() -> list[PersonalData]:
    return [entry for entry in REGISTRY.values() if entry.about_households]


def children_first(entries: Sequence[PersonalData]) -> list[PersonalData]:
    """Registrations ordered so a row is handled before the rows its foreign keys point to
    (a person before its household), so deleting a parent never cascades unseen."""
    order: list[PersonalData] = []
    seen: set[PersonalData] = set()

    def visit(entry: PersonalData) -> None:
        if entry in seen:
            return
        seen.add(entry)
        for child in entries:
            if entry.model in parent_models(child):
                visit(child)
        order.append(entry)

    for entry in entries:
        visit(entry)
    return order


def parent_models(entry: PersonalData) -> set[type[models.Model]]:
    return {f.related_model for f in entry.model._meta.concrete_fields
            if f.many_to_one or f.one_to_one} - {entry.model, None}


# --- checks ---------------------------------------------------------------------------------


def resolve_path(model: type[models.Model], path: str) -> tuple[models.Field, type[models.Model]]:
    """The field a lookup path ends in, and the model it belongs to."""
    current, found = model, None
    for part in path.split("__"):
        if found is not None:
            if not found.is_relation:
                raise ImproperlyConfigured(f"privacy: {model._meta.label}: {path!r} goes through a non-relation")
            current = found.related_model
        if part == "pk":
            found = current._meta.pk
            continue
        try:
            found = current._meta.get_field(part)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(f"privacy: {model._meta.label}: no field {part!r} in {path!r}") from None
    return found, current


def _check(entry: PersonalData) -> None:
    where = entry.model._meta.label
    household_model = apps.get_model(HOUSEHOLD)
    if isinstance(entry.household, str):
        found, owner = resolve_path(entry.model, entry.household)
        target = found.related_model if found.is_relation else owner
        if target is not household_model or (not found.is_relation and not found.primary_key):
            raise ImproperlyConfigured(f"privacy: {where}: household path {entry.household!r} does not end at "
                                       f"{HOUSEHOLD}")
    if not callable(entry.export):
        for path in entry.export:
            found, _owner = resolve_path(entry.model, path)
            if isinstance(found, models.BinaryField):
                raise ImproperlyConfigured(f"privacy: {where}: {path!r} is binary; export its description instead")
            if found.many_to_many or found.one_to_many:
                raise ImproperlyConfigured(f"privacy: {where}: {path!r} is a multi-valued relation")
    if isinstance(entry.erase, Blank):
        if not entry.erase.fields:
            raise ImproperlyConfigured(f"privacy: {where}: Blank() needs at least one field")
        for name in entry.erase.fields:
            found = entry.model._meta.get_field(name)
            _empty_value(found)
    if isinstance(entry.retention, AfterDate):
        found, _owner = resolve_path(entry.model, entry.retention.field)
        if not isinstance(found, models.DateField):  # DateTimeField is a DateField
            raise ImproperlyConfigured(f"privacy: {where}: retention runs from {entry.retention.field!r}, "
                                       "which is not a date")
    if isinstance(entry.retention, AfterPhaseEnd):
        found, _owner = resolve_path(entry.model, entry.retention.complex)
        if not found.is_relation or found.related_model is not apps.get_model(COMPLEX):
            raise ImproperlyConfigured(f"privacy: {where}: {entry.retention.complex!r} does not lead to {COMPLEX}")


def _empty_value(found: models.Field) -> Any:
    """What a field holds once blanked: NULL where allowed, else its empty default."""
    if found.null:
        return None
    if isinstance(found, models.BinaryField):
        return b""
    if isinstance(found, models.JSONField):
        return found.get_default()
    if isinstance(found, models.CharField | models.TextField):
        return ""
    raise ImproperlyConfigured(f"privacy: {found.model._meta.label}.{found.name} cannot be blanked "
                               "(not nullable, not text, not JSON)")


def _not_blank_q(model: type[models.Model], names: Sequence[str]) -> Q:
    holding = Q(pk__in=[])
    for name in names:
        value = _empty_value(model._meta.get_field(name))
        holding |= ~Q(**{f"{name}__isnull": True}) if value is None else ~Q(**{name: value})
    return holding

