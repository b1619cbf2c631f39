"""Writes of phase 2 (Opbouwen): visits, life-domain conversations and opportunities.

Every write is audited in its own transaction (names of changed fields, never values), and
every visit is also an approach in the shared contact log (channel door, topic getting to
know), so the contact-load guard counts it for every partner.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.households.models import ContactLogEntry, Household
from voordeur.households.services import contact_log_create
from voordeur.lib.dates import today
from voordeur.lib.services import create_record, update_record
from voordeur.places.models import Unit
from voordeur.visits.domains import LIFE_DOMAINS, SCORES
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit
from voordeur.visits.selectors import current_households

NOTE_MAX = 1000
VISIT_FIELDS = ("visited_on", "time_of_day", "outcome", "summary", "themes")
OPPORTUNITY_FIELDS = ("title", "support_needed", "status")
# The moment a visit on an earlier day is logged at, by time of day (local time).
LOG_HOUR = {"morning": 10, "afternoon": 14, "evening": 19, "weekend": 12}


def _require_partner(by) -> None:
    if not getattr(by, "partner_id", None):
        raise ValidationError(_("Uw account hoort bij geen organisatie; dit kan niet worden vastgelegd."))


def _only(changes: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(_("Deze velden kunnen niet worden gewijzigd: %(fields)s") % {"fields": ", ".join(unknown)})


def clean_themes(themes: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(themes))
    unknown = [theme for theme in chosen if theme not in Visit.Theme.values]
    if unknown:
        raise ValidationError({"themes": _("Onbekend thema: %(themes)s") % {"themes": ", ".join(map(str, unknown))}})
    return [theme for theme in Visit.Theme.values if theme in chosen]  # stable order


def _check_visit_date(visited_on: dt.date) -> None:
    if visited_on > today():
        raise ValidationError({"visited_on": _("Een bezoek kan niet in de toekomst liggen.")})


def contact_moment(visited_on: dt.date, time_of_day: str, *, now: dt.datetime | None = None) -> dt.datetime:
    """When a visit counts as an approach: now for a visit today, else a typical hour of its
    time of day on that date (aware, local time)."""
    now = now or timezone.now()
    if visited_on == timezone.localdate(now):
        return now
    naive = dt.datetime.combine(visited_on, dt.time(LOG_HOUR.get(time_of_day, 12)))
    return timezone.make_aware(naive)


@transaction.atomic
def visit_record(
    *,
    unit: Unit,
    by,
    visited_on: dt.date,
    time_of_day: str,
    outcome: str,
    summary: str = "",
    themes: Iterable[str] = (),
    household: Household | None = None,
) -> Visit:
    """Record one visit at a front door, and log it as an approach of the household living
    there (channel door, topic getting to know, reached when the resident talked)."""
    _require_partner(by)
    _check_visit_date(visited_on)
    if household is None:
        household_id = current_households(unit.complex_id, unit_ids=[unit.pk]).get(unit.pk)
        household = Household.objects.get(pk=household_id) if household_id else None
    elif household.unit_id != unit.pk:
        raise ValidationError(_("Dit huishouden woont niet achter deze deur."))
    visit = Visit(
        unit=unit, household=household, partner_id=by.partner_id, broker=by, visited_on=visited_on,
        time_of_day=time_of_day, outcome=outcome, summary=summary.strip(), themes=clean_themes(themes),
    )
    create_record(visit, by=by, category=Category.VISITS,
                  detail={"unit": unit.pk, "household": household.pk if household else None, "outcome": outcome})
    if household is not None:
        contact_log_create(
            household=household, by=by, contacted_at=contact_moment(visited_on, time_of_day),
            channel=ContactLogEntry.Channel.DOOR, topic=ContactLogEntry.Topic.GETTING_TO_KNOW,
            reached=outcome == Visit.Outcome.TALKED,
        )
    return visit


@transaction.atomic
def visit_update(*, visit: Visit, by, changes: Mapping[str, Any], expected_version: int) -> Visit:
    """Correct a visit (its date, time of day, outcome, summary or themes). A visit with a
    life-domain conversation stays a talk. The contact log keeps the approach as logged."""
    _only(changes, VISIT_FIELDS)
    changes = dict(changes)
    if "themes" in changes:
        changes["themes"] = clean_themes(changes["themes"])
    if "summary" in changes:
        changes["summary"] = (changes["summary"] or "").strip()
    if "visited_on" in changes:
        _check_visit_date(changes["visited_on"])
    if (changes.get("outcome", visit.outcome) != Visit.Outcome.TALKED
            and LifeDomainAssessment.objects.filter(visit=visit).exists()):
        raise ValidationError(
            {"outcome": _("Bij dit bezoek hoort een gesprek over leefgebieden: de uitkomst blijft 'gesproken'.")})
    return update_record(visit, by=by, changes=changes, expected_version=expected_version, category=Category.VISITS)


def clean_domains(raw: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """`{domain: {"score": 1-5 or None, "note": text}}` with only known domains and only
    entries that hold something (pure validation; raises ValidationError)."""
    cleaned: dict[str, dict[str, Any]] = {}
    errors: dict[str, str] = {}
    for key, value in raw.items():
        if key not in LIFE_DOMAINS:
            errors[key] = _("Onbekend leefgebied.")
            continue
        value = value or {}
        score, note = value.get("score"), (value.get("note") or "").strip()
        if score in ("", None):
            score = None
        elif isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            errors[key] = _("Een score is een getal van 1 tot en met 5.")
            continue
        if len(note) > NOTE_MAX:
            errors[key] = _("Een notitie is hoogstens %(max)d tekens.") % {"max": NOTE_MAX}
            continue
        if score is not None or note:
            cleaned[key] = {"score": score, "note": note}
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Vul bij ten minste één leefgebied een score of een notitie in."))
    return cleaned


@transaction.atomic
def life_domains_record(*, visit: Visit, by, domains: Mapping[str, Any]) -> LifeDomainAssessment:
    """Record the life-domain conversation of a talk, encrypted at rest. Only the visiting
    organisation records it; the audit row holds no values."""
    _require_partner(by)
    if visit.outcome != Visit.Outcome.TALKED or visit.household_id is None:
        raise ValidationError(_("Leefgebieden horen bij een gesprek met een huishouden."))
    if visit.partner_id != by.partner_id:
        raise ValidationError(_("Alleen de organisatie die het gesprek voerde legt de leefgebieden vast."))
    if LifeDomainAssessment.objects.filter(visit=visit).exists():
        raise ValidationError(_("Bij dit bezoek zijn de leefgebieden al vastgelegd; wijzig die."))
    assessment = LifeDomainAssessment(visit=visit, household_id=visit.household_id, partner_id=by.partner_id,
                                      created_by=by, domains=clean_domains(domains))
    return create_record(assessment, by=by, category=Category.LIFE_DOMAINS,
                         detail={"visit": visit.pk, "household": visit.household_id})


@transaction.atomic
def life_domains_update(*, assessment: LifeDomainAssessment, by, domains: Mapping[str, Any],
                        expected_version: int) -> LifeDomainAssessment:
    """Change a conversation's scores and notes with the version the user read (stale: Conflict)."""
    if not by.partner_id or assessment.partner_id != by.partner_id:
        raise ValidationError(_("Alleen de organisatie die het gesprek voerde wijzigt de leefgebieden."))
    return update_record(assessment, by=by, changes={"domains": clean_domains(domains)},
                         expected_version=expected_version, category=Category.LIFE_DOMAINS)


@transaction.atomic
def opportunity_create(
    *,
    unit: Unit,
    by,
    title: str,
    support_needed: str = "",
    status: str = Opportunity.Status.IDEA,
    visit: Visit | None = None,
) -> Opportunity:
    """Record what a resident wants to organise and the support it needs."""
    _require_partner(by)
    if visit is not None and visit.unit_id != unit.pk:
        raise ValidationError(_("Dit bezoek hoort niet bij deze deur."))
    if visit is not None:
        household_id = visit.household_id
    else:
        household_id = current_households(unit.complex_id, unit_ids=[unit.pk]).get(unit.pk)
    opportunity = Opportunity(unit=unit, household_id=household_id, visit=visit, partner_id=by.partner_id,
                              created_by=by, title=title.strip(), support_needed=support_needed.strip(), status=status)
    return create_record(opportunity, by=by, category=Category.OPPORTUNITIES, detail={"unit": unit.pk})


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, by, changes: Mapping[str, Any],
                       expected_version: int) -> Opportunity:
    _only(changes, OPPORTUNITY_FIELDS)
    return update_record(opportunity, by=by, changes=dict(changes), expected_version=expected_version,
                         category=Category.OPPORTUNITIES)
