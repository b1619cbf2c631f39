"""The privacy officer's writes: the subject-access export (AVG art. 15), erasure (art. 17)
and the retention run. Each writes its audit event in the same transaction, with record
ids and counts only — never the personal data itself.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from voordeur.access.capabilities import may_erase_subject_data, may_export_subject_data, may_read_audit
from voordeur.access.policy import Category, Role
from voordeur.audit import log as audit
from voordeur.households.models import Household
from voordeur.lib.dates import today as local_today
from voordeur.audit.models import AuditEvent
from voordeur.privacy.auditlog import AuditFilters, audit_event_list
from voordeur.privacy.exporting import ExportFacts, as_json, as_pdf
from voordeur.privacy.registry import Blank, Delete, Scrub
from voordeur.privacy.retention import retention_plan
from voordeur.privacy.selectors import Planned, Subject, erasure_plan, events_about, subject_sections

FORMATS = {"json": "application/json", "pdf": "application/pdf"}
CHUNK = 500  # rows per statement (SQLite allows 999 parameters)
IDS_AUDITED = 500  # per model, in the export's audit event


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


def _made_by(user) -> str:
    role = str(Role(user.role).label) if user.role in Role.values else ""
    return " · ".join(part for part in (user.partner.name if user.partner_id else "", role) if part)


def subject_export(*, subject: Subject, reference: str, fmt: str, by) -> Download:
    """Everything about the subject's household, from every registered model, and the audit
    events about those records; audited as one `subject_export` with the request reference.

    The document is made first and handed out only once its audit event is written (its
    only write; `record` is atomic itself), so the PDF's seconds of layout never hold the
    database's write lock."""
    if not may_export_subject_data(by):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if not reference.strip():
        raise ValueError("a request reference is required")
    sections = subject_sections(subject.household_ids)
    events = events_about(sections)
    facts = ExportFacts(reference=reference.strip(), made_at=timezone.now(), made_by=_made_by(by),
                        address=subject.address, unit_id=subject.unit_id, identified_by=subject.identified_by)
    content = as_json(facts, sections, events) if fmt == "json" else as_pdf(facts, sections, events)
    audit.record(
        by, AuditEvent.Action.SUBJECT_EXPORT, category=Category.CONTACT, object_type="households.household",
        object_id=subject.household_id, trajectory_id=subject.trajectory_id, purpose=reference.strip(),
        detail={
            "format": fmt, "identified_by": subject.identified_by, "records": sum(len(s.ids) for s in sections),
            "audit_events": len(events),
            **{s.entry.label: s.ids[:IDS_AUDITED] for s in sections if s.ids},
        },
    )
    stamp = timezone.localtime(facts.made_at).strftime("%Y%m%d-%H%M")
    return Download(content, f"inzage-{subject.household_id}-{stamp}.{fmt}", FORMATS[fmt])


def apply_plan(plan: list[Planned], household_ids: frozenset[int] | None) -> dict[str, int]:
    """Delete, blank or scrub the planned rows (children first); rows changed per model.
    Deletions are counted as the database reports them, cascades included."""
    changed: Counter[str] = Counter()
    for item in plan:
        manager = item.entry.model._default_manager
        for start in range(0, len(item.ids), CHUNK):
            rows = manager.filter(pk__in=item.ids[start:start + CHUNK])
            erase = item.entry.erase
            if isinstance(erase, Delete):
                _total, per_model = rows.delete()
                changed.update({label.lower(): n for label, n in per_model.items() if n})
            elif isinstance(erase, Blank):
                changed[item.entry.label] += rows.update(**item.entry.blank_values())
            elif isinstance(erase, Scrub):
                changed[item.entry.label] += erase.apply(rows, household_ids)
    return dict(sorted(changed.items()))


@transaction.atomic
def household_erase(*, subject: Subject, reference: str, by) -> dict[str, int]:
    """Erase everything the registry holds about the subject's household. Units stay; audit
    events stay and keep pointing at the (now gone) record ids, so the chain still verifies."""
    if not may_erase_subject_data(by):
        raise PermissionDenied
    if not reference.strip():
        raise ValueError("a request reference is required")
    Household.objects.select_for_update().filter(pk=subject.household_id).first()  # no edits meanwhile
    counts = apply_plan(erasure_plan(subject.household_ids), subject.household_ids)
    audit.record(
        by, AuditEvent.Action.ERASURE, category=Category.CONTACT, object_type="households.household", object_id=subject.household_id,
        trajectory_id=subject.trajectory_id, purpose=reference.strip(),
        detail={"identified_by": subject.identified_by, "rows": sum(counts.values()), **counts},
    )
    return counts


@transaction.atomic
def retention_run(*, today: dt.date | None = None, by=None) -> tuple[list[Planned], dict[str, int]]:
    """Remove or blank every row past its retention period, in one transaction, audited as
    one `retention` event with the counts (also when nothing was due: the run is on record)."""
    day = today or local_today()
    plan = retention_plan(today=day)
    counts = apply_plan(plan, None)
    audit.record(by, AuditEvent.Action.RETENTION, object_type="privacy.retention", object_id=day.isoformat(),
                 purpose="retention run", detail={"today": day.isoformat(), "rows": sum(counts.values()), **counts})
    return plan, counts


@transaction.atomic
def audit_log_export(*, filters: AuditFilters, by) -> QuerySet[AuditEvent]:
    """The filtered audit log for a CSV download; the download is itself an audited export.
    The events returned are those up to (not including) the export's own event."""
    if not may_read_audit(by):
        raise PermissionDenied
    events = audit_event_list(user=by, filters=filters)
    rows = events.count()
    used = {f"filter_{name}": value[:100] for name, value in filters.used().items()}
    own = audit.record(by, "export", category=Category.AUDIT, object_type="audit.auditevent", purpose="audit log CSV",
                       detail={"rows": rows, **used})
    return events.filter(seq__lt=own.seq)
