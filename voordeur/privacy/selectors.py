"""Reads for the subject-access export and erasure: which household a request is about,
everything the registry knows about it, and the audit events about those records.

The officer names a household by an exact tenancy (contract) number or unit id — there is
no list or search of people. A number outside the officer's trajectories answers exactly
like a number that does not exist.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from voordeur.access.capabilities import may_erase_subject_data, may_export_subject_data
from voordeur.access.scope import complex_ids
from voordeur.audit.models import AuditEvent
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.places.models import Unit
from voordeur.privacy.registry import PersonalData, children_first, household_registrations, resolve_path
from voordeur.trajectories.models import Trajectory

BY_TENANCY = "tenancy"
BY_UNIT = "unit"


@dataclass(frozen=True)
class Subject:
    """The household a request is about. Only places data (its unit) is shown to the officer."""

    household_id: int
    unit_id: str
    address: str
    complex_id: int
    trajectory_id: int | None
    identified_by: str

    @property
    def household_ids(self) -> frozenset[int]:
        return frozenset({self.household_id})


def subject_household(user, *, tenancy_id: str = "", unit_id: str = "", purpose: str = "export") -> Subject | None:
    """The household of this exact tenancy number, or of the current tenancy of this unit;
    None when there is none in the user's trajectories (or the user lacks the capability)."""
    allowed = may_erase_subject_data(user) if purpose == "erase" else may_export_subject_data(user)
    if not allowed:
        return None
    complexes = complex_ids(user)
    tenancies = Tenancy.objects.select_related("unit").filter(unit__complex_id__in=complexes)
    if tenancy_id:
        tenancy = tenancies.filter(tenancy_id=tenancy_id.strip()).first()
        identified_by = BY_TENANCY
    else:
        unit = Unit.objects.filter(unit_id=unit_id.strip(), complex_id__in=complexes).first()
        day = today()
        running = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))
        tenancy = tenancies.filter(running, unit=unit).order_by("-start_date").first() if unit is not None else None
        identified_by = BY_UNIT
    if tenancy is None:
        return None
    trajectory = Trajectory.objects.filter(complex_id=tenancy.unit.complex_id).order_by("-pk").values_list(
        "pk", flat=True).first()
    return Subject(household_id=tenancy.household_id, unit_id=tenancy.unit.unit_id, address=tenancy.unit.address,
                   complex_id=tenancy.unit.complex_id, trajectory_id=trajectory, identified_by=identified_by)


# --- what the registry holds about a household ------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    choices: dict[Any, str] = field(default_factory=dict)

    def display(self, value: Any) -> Any:
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return gettext("ja") if value else gettext("nee")
        if self.choices and value in self.choices:
            return self.choices[value]
        if isinstance(value, list):
            return "; ".join(" – ".join(map(str, v)) if isinstance(v, list) else str(v) for v in value) or "–"
        return value


@dataclass(frozen=True)
class Section:
    """One registered model's rows about the household."""

    entry: PersonalData
    columns: list[Column]
    rows: list[dict[str, Any]]
    ids: list[int]

    @property
    def title(self) -> str:
        return str(self.entry.title)

    def table(self) -> list[list[Any]]:
        return [[column.display(row.get(column.key)) for column in self.columns] for row in self.rows]


def _columns(entry: PersonalData, keys: Iterable[str]) -> list[Column]:
    columns = []
    for key in keys:
        choices: dict = {}
        if not callable(entry.export):
            found = resolve_path(entry.model, key)[0]
            choices = {value: str(label) for value, label in (found.flatchoices or [])}
        label = entry.column_label(key) if not callable(entry.export) else str(entry.labels.get(key, key))
        columns.append(Column(key, label, choices))
    return columns


def display_order(entries: list[PersonalData]) -> list[PersonalData]:
    """The household first, then every other registration in the order the apps declared them."""
    return sorted(entries, key=lambda entry: entry.household != "pk")


def subject_sections(household_ids: frozenset[int]) -> list[Section]:
    """Everything every registered model holds about these households (all categories)."""
    sections = []
    for entry in display_order(household_registrations()):
        rows_qs = entry.rows_for(household_ids)
        if callable(entry.export):
            ids = sorted(rows_qs.values_list("pk", flat=True))
            rows = entry.export(rows_qs, household_ids)
            keys = list(dict.fromkeys(key for row in rows for key in row))
        else:
            keys = list(entry.export)
            rows = [{"id": row.pop("pk"), **row} for row in rows_qs.order_by("pk").values("pk", *keys)]
            ids = [row["id"] for row in rows]
        sections.append(Section(entry, _columns(entry, keys), rows, ids))
    return sections


# --- the audit events about those records -----------------------------------------------------

EVENT_FIELDS = ("seq", "at", "actor", "role", "partner", "action", "category", "object_type", "object_id",
                "purpose", "detail")


def _holds(value: Any, ids: set[int]) -> bool:
    if isinstance(value, list):
        return any(item in ids for item in value if isinstance(item, int))
    return isinstance(value, int) and value in ids


def events_about(sections: list[Section]) -> list[dict[str, Any]]:
    """Audit events about any of these records: their own events, API reads that listed them,
    and events whose details name them (e.g. a contact logged for the household, a letter
    print naming its tenancy)."""
    ids_of = {s.entry.label: set(s.ids) for s in sections if s.ids}
    if not ids_of:
        return []
    objects = {(label, str(pk)) for label, ids in ids_of.items() for pk in ids}
    scalar_keys: dict[str, set[int]] = {}
    list_keys: dict[str, set[int]] = {}
    query = Q(pk__in=[])
    for s in sections:
        if not s.ids:
            continue
        query |= Q(object_type=s.entry.label, object_id__in=[str(pk) for pk in s.ids])
        query |= Q(object_type=s.entry.label, detail__has_key="ids")  # API reads of several records
        for key in s.entry.audit_keys:
            scalar_keys.setdefault(key, set()).update(s.ids)
            query |= Q(**{f"detail__{key}__in": s.ids})
        for key in s.entry.audit_list_keys:
            list_keys.setdefault(key, set()).update(s.ids)
            query |= Q(detail__has_key=key)
    found = []
    for event in AuditEvent.objects.filter(query).order_by("seq").values(*EVENT_FIELDS).iterator(chunk_size=2000):
        detail = event["detail"] if isinstance(event["detail"], dict) else {}
        if ((event["object_type"], event["object_id"]) in objects
                or _holds(detail.get("ids"), ids_of.get(event["object_type"], set()))
                or any(_holds(detail.get(key), ids) for key, ids in scalar_keys.items())
                or any(_holds(detail.get(key), ids) for key, ids in list_keys.items())):
            found.append(event)
    return found


# --- erasure ----------------------------------------------------------------------------------


@dataclass
class Planned:
    """Rows of one registered model to erase (by primary key, fixed before anything changes)."""

    entry: PersonalData
    ids: list[int]

    @property
    def count(self) -> int:
        return len(self.ids)


def erasure_plan(household_ids: frozenset[int]) -> list[Planned]:
    """Per registered model, the rows still holding data about these households, children
    before the rows they point to."""
    plan = []
    for entry in children_first(household_registrations()):
        rows = entry.still_holding(entry.rows_for(household_ids), household_ids)
        plan.append(Planned(entry, sorted(rows.values_list("pk", flat=True))))
    return plan
