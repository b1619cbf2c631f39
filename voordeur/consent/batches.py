"""Letters for many households: who gets one, starting the background print, and the
audited download of the finished PDF (the job itself is `printing.py`).

A batch is printed for the tenancies the requesting user may see when asking; the worker
renders exactly those. The PDF leaves the system only through `letter_batch_export`, which
audits who took which letters for how many households.
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.audit import log as audit
from voordeur.consent.facts import proposal_tally
from voordeur.consent.letters import KINDS, Letter, Recipient, compose
from voordeur.consent.models import LetterBatch, Proposal
from voordeur.consent.selectors import current_tenancies, current_version, proposal_list
from voordeur.consent.services import trajectory_id_of
from voordeur.consent.tally import NO_RESPONSE
from voordeur.households.models import Tenancy
from voordeur.jobs.models import Job
from voordeur.jobs.services import job_enqueue
from voordeur.lib.dates import today

LETTERS_JOB = "consent.letters"
C = Category.CONSENT


def waiting_tenancy_ids(proposal: Proposal) -> set[str]:
    """Tenancy ids (the corporation's) of counted tenants who have not responded."""
    return {n.tenancy_id for n in proposal_tally(proposal).not_agreed if n.status == NO_RESPONSE}


def batch_tenancies(*, user, proposal: Proposal, kind: str) -> list[Tenancy]:
    """Who gets this kind of letter: every current tenant, or for the reminder those who have not responded."""
    tenancies = list(current_tenancies(user=user, proposal=proposal, day=today()))
    if kind == LetterBatch.Kind.REMINDER:
        waiting = waiting_tenancy_ids(proposal)
        tenancies = [t for t in tenancies if t.tenancy_id in waiting]
    return tenancies


def letters_for(proposal: Proposal, kind: str, tenancies: Sequence[Tenancy], *, day: dt.date) -> list[Letter]:
    version = current_version(proposal)
    corporation = proposal.complex.corporation.name if proposal.complex.corporation_id else ""
    return [
        compose(kind=kind, recipient=Recipient(t.household.name, t.unit.address, t.unit.postcode, t.unit.city,
                                               t.household.language),
                title=proposal.title, summary=version.summary if version else "", sent=proposal.sent_on,
                deadline=proposal.response_deadline, corporation=corporation, today=day)
        for t in tenancies
    ]


@transaction.atomic
def letter_batch_start(*, proposal: Proposal, kind: str, tenancies: Sequence[Tenancy], by) -> LetterBatch:
    """Queue the print of one letter per tenancy. A batch of the same letters still being
    printed is returned instead of queueing a second one."""
    if kind not in KINDS:
        raise ValidationError(_("Onbekend soort brief."))
    if not tenancies:
        raise ValidationError(_("Er zijn geen huishoudens voor deze brief."))
    pending = (LetterBatch.objects.select_for_update().filter(proposal=proposal, kind=kind,
                                                              job__status__in=(Job.Status.QUEUED, Job.Status.RUNNING))
               .first())
    if pending is not None:
        return pending
    batch = LetterBatch(proposal=proposal, kind=kind, tenancies=[t.pk for t in tenancies], total=len(tenancies),
                        created_by=by if getattr(by, "is_authenticated", False) else None)
    batch.full_clean(exclude=["job", "pdf"])
    batch.save(force_insert=True)
    batch.job = job_enqueue(kind=LETTERS_JOB, args={"batch": batch.pk}, by=by)
    batch.save(update_fields=["job"])
    audit.record(by, "create", category=C, obj=batch, trajectory_id=trajectory_id_of(proposal.complex_id),
                 detail={"proposal": proposal.pk, "kind": kind, "households": batch.total})
    return batch


def latest_batches(*, user, proposal: Proposal) -> list[LetterBatch]:
    """The newest batch of each kind of letter for this proposal (the PDF itself not loaded)."""
    newest: dict[str, LetterBatch] = {}
    batches = (LetterBatch.objects.filter(proposal__in=proposal_list(user=user), proposal=proposal)
               .select_related("job").defer("pdf", "tenancies").order_by("-id"))
    for batch in batches[:20]:
        newest.setdefault(batch.kind, batch)
    return [newest[kind] for kind in KINDS if kind in newest]


def access_letter_batch(user, pk, *, proposal: Proposal) -> LetterBatch:
    """A finished batch of this proposal the user may see; 404 for missing, unfinished or not theirs."""
    from voordeur.access.scope import get_or_404

    qs = LetterBatch.objects.filter(proposal__in=proposal_list(user=user), proposal=proposal, pages__isnull=False)
    return get_or_404(qs, pk)


def letter_batch_export(*, batch: LetterBatch, by) -> bytes:
    """The batch's PDF, its download audited as an export (who, which letters, how many households)."""
    audit.record(by, "export", category=C, obj=batch.proposal,
                 trajectory_id=trajectory_id_of(batch.proposal.complex_id), purpose=f"letters {batch.kind}",
                 detail={"kind": batch.kind, "batch": batch.pk, "households": batch.total, "letters": batch.total,
                         "pages": batch.pages, "tenancies": list(batch.tenancies)[:500]})
    return bytes(batch.pdf)
