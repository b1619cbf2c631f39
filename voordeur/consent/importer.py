"""`voordeur import votes FILE --proposal ID`: tenants' answers from a partner file.

Columns `tenancy_id, answer, date, channel` (interfaces.md). `answer` is ja/yes/akkoord or
nee/no (any case). Every row is checked before anything is written; a row identical to a
recorded response (same tenancy, answer, date and channel) is left alone, so importing the
same file twice changes nothing. Rows are recorded in file order: on one date, a later line
counts as recorded later.
"""

import hashlib

from django.db import transaction

from voordeur.access.policy import Category
from voordeur.audit import log as audit
from voordeur.consent.models import Answer, Proposal, Response
from voordeur.consent.services import trajectory_id_of
from voordeur.households.models import Tenancy
from voordeur.imports.registry import DEFAULT_LEGAL_BASIS, ImportRequest, ImportResult, UsageError
from voordeur.lib.csvio import Problem, read_table
from voordeur.lib.dates import today

COLUMNS = ("tenancy_id", "answer", "date", "channel")
ANSWERS = {"ja": Answer.YES, "yes": Answer.YES, "akkoord": Answer.YES, "nee": Answer.NO, "no": Answer.NO}
CHANNEL_MAX = Response._meta.get_field("channel").max_length


def _proposal(request: ImportRequest) -> Proposal:
    if request.proposal_id is None:
        raise UsageError("votes: --proposal ID is required")
    proposal = Proposal.objects.select_related("complex", "complex__corporation").filter(pk=request.proposal_id).first()
    if proposal is None:
        raise UsageError(f"votes: there is no proposal {request.proposal_id}")
    if request.complex_slug and request.complex_slug != proposal.complex.slug:
        raise UsageError(f"votes: proposal {proposal.pk} belongs to complex {proposal.complex.slug!r}, "
                         f"not {request.complex_slug!r}")
    if proposal.sent_on is None:
        raise UsageError(f"votes: proposal {proposal.pk} has not been sent yet")
    return proposal


def import_votes(request: ImportRequest) -> ImportResult:
    proposal = _proposal(request)
    result = ImportResult(sha256=hashlib.sha256(request.data).hexdigest())
    table = read_table(request.data, required=COLUMNS)
    result.problems.extend(table.problems)
    if result.problems:
        return result
    tenancies = dict(Tenancy.objects.filter(unit__complex_id=proposal.complex_id).values_list("tenancy_id", "pk"))
    existing = set(Response.objects.filter(proposal=proposal).values_list("tenancy_id", "answer", "responded_on",
                                                                          "channel"))
    last_day = today()
    new: list[tuple] = []
    for row in table.rows:
        problems = result.problems
        tenancy_id = row.required("tenancy_id", problems)
        if tenancy_id is not None and tenancy_id not in tenancies:
            problems.append(Problem(row.line, "tenancy_id", f"unknown tenancy {tenancy_id!r} in this complex"))
        raw = row.required("answer", problems)
        answer = ANSWERS.get(raw.lower()) if raw is not None else None
        if raw is not None and answer is None:
            problems.append(Problem(row.line, "answer", f"unknown answer {raw!r} (ja/yes/akkoord or nee/no)"))
        day = row.date("date", problems)
        if day is not None and day < proposal.sent_on:
            problems.append(Problem(row.line, "date", f"{day.isoformat()} is before the proposal was sent "
                                                      f"({proposal.sent_on.isoformat()})"))
        elif day is not None and day > last_day:
            problems.append(Problem(row.line, "date", f"{day.isoformat()} is in the future"))
        channel = row.get("channel")
        if len(channel) > CHANNEL_MAX:
            problems.append(Problem(row.line, "channel", f"longer than {CHANNEL_MAX} characters"))
        if tenancy_id in tenancies and answer and day:
            new.append((tenancies[tenancy_id], str(answer), day, channel))
    result.rows = len(table.rows)
    if result.problems:
        return result
    fresh = []
    for key in new:
        if key not in existing:
            existing.add(key)
            fresh.append(key)
    result.created, result.unchanged = len(fresh), result.rows - len(fresh)
    if not request.dry_run:
        _write(request, proposal, fresh, result)
    return result


@transaction.atomic
def _write(request: ImportRequest, proposal: Proposal, rows: list[tuple], result: ImportResult) -> None:
    by = request.by if getattr(request.by, "is_authenticated", False) else None
    Response.objects.bulk_create(
        (Response(proposal=proposal, tenancy_id=tenancy, answer=answer, responded_on=day, channel=channel,
                  recorded_by=by, imported_from=result.sha256) for tenancy, answer, day, channel in rows),
        batch_size=1000,
    )
    corporation = proposal.complex.corporation
    audit.record(
        request.by, "import", category=Category.CONSENT, obj=proposal,
        trajectory_id=trajectory_id_of(proposal.complex_id),
        purpose=request.legal_basis or DEFAULT_LEGAL_BASIS,
        detail={"kind": request.kind, "file": request.filename[-200:], "sha256": result.sha256,
                "rows": result.rows, "created": result.created, "unchanged": result.unchanged,
                "source": request.source or (corporation.name if corporation else ""),
                "legal_basis": request.legal_basis or DEFAULT_LEGAL_BASIS},
    )
