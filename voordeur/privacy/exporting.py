"""The subject-access export as documents: JSON (machine-readable) and PDF (Dutch headings).

Pure rendering of what the selectors found; the service decides and audits.
"""

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Role
from voordeur.privacy.selectors import Section

TEMPLATE = "privacy/subject_export_pdf.html"

# What happened, in words for the resident (audit actions).
ACTION_WORDS = {
    "create": _("vastgelegd"), "update": _("gewijzigd"), "delete": _("verwijderd"), "read": _("bekeken"),
    "aggregate": _("meegeteld"), "export": _("geëxporteerd of afgedrukt"), "import": _("ingelezen"),
    "subject_export": _("opgevraagd voor inzage"), "erasure": _("gewist"),
    "retention": _("verwijderd na de bewaartermijn"),
}


@dataclass(frozen=True)
class ExportFacts:
    reference: str
    made_at: dt.datetime
    made_by: str  # the officer's organisation and role, not their name
    address: str
    unit_id: str
    identified_by: str


def _event(event: dict[str, Any]) -> dict[str, Any]:
    """An audit event as the resident sees it: when, which organisation and role, what, which
    record and why — never the staff member's name (CJEU C-579/21), never the detail values."""
    detail = event["detail"] if isinstance(event["detail"], dict) else {}
    fields = detail.get("fields")
    return {
        "seq": event["seq"], "at": event["at"], "organisation": event["partner"], "role": event["role"],
        "role_label": str(Role(event["role"]).label) if event["role"] in Role.values else event["role"],
        "system": not event["role"] and event["actor"].startswith("system:"),
        "action": event["action"], "action_words": ACTION_WORDS.get(event["action"], event["action"]),
        "category": event["category"], "object_type": event["object_type"], "object_id": event["object_id"],
        "purpose": event["purpose"],
        "fields": [name for name in fields if isinstance(name, str)] if isinstance(fields, list) else [],
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def as_json(facts: ExportFacts, sections: list[Section], events: list[dict]) -> bytes:
    document = {
        "export": {
            "kind": "AVG art. 15 subject-access export",
            "reference": facts.reference, "made_at": _plain(facts.made_at), "made_by": facts.made_by,
            "unit": facts.unit_id, "address": facts.address, "identified_by": facts.identified_by,
        },
        "records": [
            {
                "model": section.entry.label, "title": section.title, "category": str(section.entry.category),
                "fields": {column.key: column.label for column in section.columns},
                "rows": [{key: _plain(value) for key, value in row.items()} for row in section.rows],
            }
            for section in sections
        ],
        "audit_events": [
            {key: _plain(value) for key, value in _event(event).items() if key not in ("role_label", "action_words")}
            for event in events
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode()


def as_html(facts: ExportFacts, sections: list[Section], events: list[dict]) -> str:
    return render_to_string(TEMPLATE, {"facts": facts, "sections": sections, "events": [_event(e) for e in events]})


def as_pdf(facts: ExportFacts, sections: list[Section], events: list[dict]) -> bytes:
    from weasyprint import HTML

    return HTML(string=as_html(facts, sections, events)).write_pdf()
