"""Writes of the consent campaign: proposals, versions, advice, responses, outreach, notices.

Keyword-only, atomic, validated (`full_clean`) and audited in the same transaction. Responses,
assignments and notices are only ever added (append-only histories).
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.audit import log as audit
from voordeur.consent.facts import inputs, proposal_tally
from voordeur.consent.models import Advice, Answer, OutreachAssignment, Proposal, ProposalVersion, Response, ResultNotice
from voordeur.consent.tally import AGREED, THRESHOLD_PERCENT, current_tenants
from voordeur.households.models import Tenancy
from voordeur.lib.dates import today
from voordeur.lib.services import create_record, update_record
from voordeur.places.models import Complex, Unit
from voordeur.trajectories.models import Trajectory

C = Category.CONSENT
SIGNIFICANT_SHARE = 30  # a significant change affecting fewer than 30% of the dwellings re-notifies only those


def trajectory_id_of(complex_id: int) -> int | None:
    return Trajectory.objects.filter(complex_id=complex_id).order_by("pk").values_list("pk", flat=True).first()


@transaction.atomic
def proposal_create(
    *, complex: Complex, title: str, response_deadline: dt.date, sent_on: dt.date | None = None,
    summary: str = "", languages: str = "nl", by,
) -> Proposal:
    proposal = create_record(
        Proposal(complex=complex, title=title, sent_on=sent_on, response_deadline=response_deadline),
        by=by, category=C, trajectory_id=trajectory_id_of(complex.pk),
    )
    version = ProposalVersion(proposal=proposal, number=1, summary=summary or title, languages=languages,
                              changed_on=sent_on or today(), created_by=_user(by))
    create_record(version, by=by, category=C, trajectory_id=trajectory_id_of(complex.pk),
                  detail={"proposal": proposal.pk, "number": 1})
    return proposal


@transaction.atomic
def proposal_update(*, proposal: Proposal, by, changes: dict, expected_version: int) -> Proposal:
    return update_record(proposal, by=by, changes=changes, expected_version=expected_version, category=C,
                         trajectory_id=trajectory_id_of(proposal.complex_id))


@transaction.atomic
def proposal_revise(
    *, proposal: Proposal, summary: str, languages: str, changed_on: dt.date, by,
    significant: bool = False, affected_units: Sequence[Unit] = (), document=None,
) -> ProposalVersion:
    """A new version. A significant change affecting fewer than 30% of the dwellings, once the
    result has been notified, re-notifies only the affected tenants (their 8 weeks restart)."""
    proposal = Proposal.objects.select_for_update().select_related("complex").get(pk=proposal.pk)
    affected = list(affected_units)
    if any(unit.complex_id != proposal.complex_id or unit.kind != Unit.Kind.HOME for unit in affected):
        raise ValidationError({"affected_units": _("Kies woningen van dit complex.")})
    if significant:
        if not affected:
            raise ValidationError({"affected_units": _("Kies de woningen waarvoor de wijziging geldt.")})
        dwellings = Unit.objects.filter(complex_id=proposal.complex_id, kind=Unit.Kind.HOME).count()
        if len(affected) * 100 >= SIGNIFICANT_SHARE * dwellings:
            raise ValidationError({"affected_units": _(
                "Deze wijziging raakt 30% of meer van de woningen: daarvoor is een nieuw voorstel nodig."
            )})
    number = (proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ProposalVersion(proposal=proposal, number=number, summary=summary, languages=languages,
                              changed_on=changed_on, significant=significant, created_by=_user(by))
    if document is not None:
        if document.read(5) != b"%PDF-":
            raise ValidationError({"document": _("Het document is geen PDF.")})
        document.seek(0)
        version.document = document
    version.full_clean()
    version.save(force_insert=True)
    version.affected_units.set(affected)
    renotified = _renotify(proposal, version, affected, changed_on, by) if significant else 0
    audit.record(by, "create", category=C, obj=version, trajectory_id=trajectory_id_of(proposal.complex_id),
                 detail={"proposal": proposal.pk, "number": number, "significant": significant,
                         "affected": len(affected), "renotified": renotified})
    return version


def _renotify(proposal: Proposal, version: ProposalVersion, units: list[Unit], day: dt.date, by) -> int:
    notified = set(ResultNotice.objects.filter(proposal=proposal).values_list("tenancy_id", flat=True))
    if not notified:
        return 0  # no result notified yet: the change reaches everyone with the normal notice
    standing = proposal_tally(proposal)
    unit_ids = {unit.unit_id for unit in units}
    tenancies = Tenancy.objects.filter(unit__unit_id__in=unit_ids, unit__complex_id=proposal.complex_id)
    by_unit = {t.unit.unit_id: t for t in tenancies.select_related("unit") if t.active_on(standing.counted_at)}
    notices = [
        ResultNotice(proposal=proposal, tenancy=tenancy, notified_on=day, proposal_version=version,
                     agreed=standing.statuses.get(unit_id) == AGREED, recorded_by=_user(by))
        for unit_id, tenancy in sorted(by_unit.items())
    ]
    ResultNotice.objects.bulk_create(notices)
    return len(notices)


@transaction.atomic
def advice_save(
    *, proposal: Proposal, requested_on: dt.date, received_on: dt.date | None, departs: bool,
    reasons_sent_on: dt.date | None, by, expected_version: int | None = None,
) -> Advice:
    changes = {"requested_on": requested_on, "received_on": received_on, "departs": departs,
               "reasons_sent_on": reasons_sent_on}
    advice = Advice.objects.filter(proposal=proposal).first()
    if advice is None:
        return create_record(Advice(proposal=proposal, **changes), by=by, category=C,
                             trajectory_id=trajectory_id_of(proposal.complex_id))
    return update_record(advice, by=by, changes=changes, expected_version=expected_version or 0, category=C,
                         trajectory_id=trajectory_id_of(proposal.complex_id))


def check_response(*, proposal: Proposal, tenancy: Tenancy, responded_on: dt.date) -> list[str]:
    """Why this response cannot be recorded (empty when it can). Shared with the importer."""
    problems = []
    if proposal.sent_on is None:
        problems.append(_("Het voorstel is nog niet verstuurd."))
    elif responded_on < proposal.sent_on:
        problems.append(_("De datum ligt vóór de verzending van het voorstel (%(date)s).")
                        % {"date": proposal.sent_on.isoformat()})
    if responded_on > today():
        problems.append(_("De datum ligt in de toekomst."))
    if tenancy.unit.complex_id != proposal.complex_id:
        problems.append(_("Deze huurovereenkomst hoort niet bij dit complex."))
    return problems


@transaction.atomic
def response_record(
    *, proposal: Proposal, tenancy: Tenancy, answer: str, responded_on: dt.date, channel: str, by,
) -> Response:
    problems = check_response(proposal=proposal, tenancy=tenancy, responded_on=responded_on)
    if problems:
        raise ValidationError(problems)
    response = Response(proposal=proposal, tenancy=tenancy, answer=Answer(answer), responded_on=responded_on,
                        channel=channel, recorded_by=_user(by))
    return create_record(response, by=by, category=C, trajectory_id=trajectory_id_of(proposal.complex_id),
                         detail={"proposal": proposal.pk, "tenancy": tenancy.pk})


@transaction.atomic
def outreach_assign(*, proposal: Proposal, tenancies: Sequence[Tenancy], assignee, by) -> int:
    """Assign reaching these tenants to a person (None: unassign). One audit row for the batch."""
    if any(t.unit.complex_id != proposal.complex_id for t in tenancies):
        raise ValidationError(_("Deze huurovereenkomst hoort niet bij dit complex."))
    rows = [OutreachAssignment(proposal=proposal, tenancy=t, assignee=assignee, assigned_by=_user(by))
            for t in tenancies]
    OutreachAssignment.objects.bulk_create(rows)
    audit.record(by, "create", category=C, object_type="consent.outreachassignment", object_id=proposal.pk,
                 trajectory_id=trajectory_id_of(proposal.complex_id),
                 detail={"proposal": proposal.pk, "tenancies": [t.pk for t in tenancies],
                         "assignee": assignee.pk if assignee else None})
    return len(rows)


@transaction.atomic
def notices_record(*, proposal: Proposal, notified_on: dt.date, by) -> int:
    """The written notice of the result to every counted tenant not notified yet (after the deadline)."""
    proposal = Proposal.objects.select_for_update().select_related("complex").get(pk=proposal.pk)
    if today() <= proposal.response_deadline or notified_on <= proposal.response_deadline:
        raise ValidationError(_("De uitslag kan pas na de reactietermijn worden meegedeeld."))
    if notified_on > today():
        raise ValidationError(_("De datum ligt in de toekomst."))
    facts = inputs(proposal)
    standing = proposal_tally(proposal, facts=facts)
    counted = current_tenants(facts.dwellings, facts.tenancies, standing.counted_at)
    version = proposal.versions.order_by("-number").first()
    done = set(ResultNotice.objects.filter(proposal=proposal).values_list("tenancy__tenancy_id", flat=True))
    tenancy_ids = {t.tenancy_id: unit_id for unit_id, t in counted.items()}
    pks = dict(Tenancy.objects.filter(tenancy_id__in=tenancy_ids).values_list("tenancy_id", "pk"))
    notices = [
        ResultNotice(proposal=proposal, tenancy_id=pks[tenancy_id], notified_on=notified_on,
                     proposal_version=version, agreed=standing.statuses[unit_id] == AGREED, recorded_by=_user(by))
        for tenancy_id, unit_id in sorted(tenancy_ids.items(), key=lambda item: item[1])
        if tenancy_id not in done
    ]
    ResultNotice.objects.bulk_create(notices)
    audit.record(by, "create", category=C, object_type="consent.resultnotice", object_id=proposal.pk,
                 trajectory_id=trajectory_id_of(proposal.complex_id),
                 detail={"proposal": proposal.pk, "notices": len(notices), "notified_on": notified_on.isoformat(),
                         "threshold_met": standing.threshold_met, "threshold": THRESHOLD_PERCENT})
    return len(notices)


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None
