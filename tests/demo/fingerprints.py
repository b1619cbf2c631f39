"""Fingerprints of the demo's phase 1-2 records by content (decrypted; never primary keys)."""

import hashlib
import json

from voordeur.access.models import HouseholdLink
from voordeur.exploring.models import Arrears, Caseload, Repair
from voordeur.imports.models import ImportRun
from voordeur.referrals.models import Promise, PromiseEvent, Referral, ReferralEvent
from voordeur.visits.models import LifeDomainAssessment, Opportunity, Visit


def phase_digest(*, with_dates: bool = True) -> str:
    """A fingerprint of the phase 1-2 records by content (decrypted; never primary keys)."""
    def dated(row: tuple, *dates) -> tuple:
        return row + (tuple(str(d) for d in dates) if with_dates else ())

    content = {
        "runs": sorted(dated((r.kind, r.source_partner.slug, r.legal_basis), r.received_on, r.file_name, r.rows)
                       for r in ImportRun.objects.select_related("source_partner")),
        "arrears": sorted(dated((a.tenancy.tenancy_id, a.amount, a.months, a.last_reminder is None), a.received_on,
                                a.last_reminder) for a in Arrears.objects.select_related("tenancy")),
        "repairs": sorted(dated((r.external_id, r.kind, r.status, r.unit.unit_id if r.unit else "", r.portiek.code),
                                r.reported_on) for r in Repair.objects.select_related("unit", "portiek")),
        "caseload": sorted(Caseload.objects.values_list("household__unit__unit_id", "partner__slug", "active")),
        "visits": sorted(dated((v.household.unit.unit_id, v.outcome, v.time_of_day, v.summary, tuple(v.themes)),
                               v.visited_on, v.created_at) for v in Visit.objects.select_related("household__unit")),
        "domains": sorted((a.household.unit.unit_id, json.dumps(a.domains, sort_keys=True))
                          for a in LifeDomainAssessment.objects.select_related("household__unit")),
        "opportunities": sorted(Opportunity.objects.values_list("unit__unit_id", "title", "support_needed", "status")),
        "referrals": sorted(dated((r.household.unit.unit_id, r.kind, r.status, r.from_partner.slug, r.to_partner.slug,
                                   r.reason, r.consent_given, r.consent_scope, tuple(r.shared_domains),
                                   r.emergency_override, r.override_reason, r.feedback),
                                  r.respond_by, r.closed_at)
                            for r in Referral.objects.select_related("household__unit", "from_partner", "to_partner")),
        "referral_events": sorted(dated((e.referral.household.unit.unit_id, e.referral.kind, e.from_status,
                                         e.to_status, e.by.username, e.note), e.at)
                                  for e in ReferralEvent.objects.select_related("referral__household__unit", "by")),
        "promises": sorted(dated((p.household.unit.unit_id, p.text, p.status, p.owner_partner.slug, p.made_by.username,
                                  p.working_days), p.made_on, p.due_date, p.kept_on)
                           for p in Promise.objects.select_related("household__unit", "owner_partner", "made_by")),
        "promise_events": sorted(dated((e.promise.household.unit.unit_id, e.promise.text, e.from_status, e.to_status,
                                        e.by.username, e.note), e.at)
                                 for e in PromiseEvent.objects.select_related("promise__household__unit", "by")),
        "links": sorted(dated((link.household.unit.unit_id, link.partner.slug, link.reason, link.closed_at is None),
                              link.opened_at, link.closed_at)
                        for link in HouseholdLink.objects.select_related("household__unit", "partner")),
    }
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()
