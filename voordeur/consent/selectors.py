"""Reads of proposals and responses, scoped to the user (consent category)."""

from django.db.models import QuerySet
from django.http import Http404

from voordeur.access.denials import audited_access
from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant, scoped
from voordeur.consent.models import Advice, Proposal, ProposalVersion, Response, ResultNotice
from voordeur.households.models import Tenancy


def proposal_list(*, user) -> QuerySet[Proposal]:
    return scoped(Proposal.objects.select_related("complex"), user, Category.CONSENT, complex_path="complex_id")


@audited_access(Category.CONSENT)
def access_proposal(user, pk, *, write: bool = False) -> Proposal:
    qs = Proposal.objects.select_related("complex")
    return get_or_404(scoped(qs, user, Category.CONSENT, complex_path="complex_id", write=write), pk)


def trajectory_proposals(*, user, trajectory) -> list[Proposal]:
    return list(proposal_list(user=user).filter(complex_id=trajectory.complex_id).order_by("-id"))


def chosen_proposal(proposals: list[Proposal], wanted: str | None) -> Proposal | None:
    """The proposal asked for (`?voorstel=ID`), else the newest; 404 for one not in the list."""
    if not wanted:
        return proposals[0] if proposals else None
    found = next((p for p in proposals if str(p.pk) == wanted), None)
    if found is None:
        raise Http404
    return found


def current_version(proposal: Proposal) -> ProposalVersion | None:
    return proposal.versions.order_by("-number").first()


def version_list(*, user, proposal: Proposal) -> list[ProposalVersion]:
    if not grant(user, Category.CONSENT).reads:
        return []
    return list(proposal.versions.order_by("-number").prefetch_related("affected_units"))


def advice_of(proposal: Proposal) -> Advice | None:
    return Advice.objects.filter(proposal=proposal).first()


def response_list(*, user, proposal: Proposal) -> QuerySet[Response]:
    """Every recorded response (the append-only history), newest first."""
    qs = Response.objects.filter(proposal=proposal).select_related(
        "tenancy", "tenancy__unit", "tenancy__household", "recorded_by"
    ).order_by("-responded_on", "-id")
    return scoped(qs, user, Category.CONSENT, complex_path="proposal__complex_id")


def current_tenancies(*, user, proposal: Proposal, day) -> QuerySet[Tenancy]:
    """The tenancies a response can be recorded for: dwellings of the complex, active on `day`."""
    from django.db.models import Q

    from voordeur.places.models import Unit

    qs = (
        Tenancy.objects.filter(unit__complex_id=proposal.complex_id, unit__kind=Unit.Kind.HOME, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .select_related("unit", "household")
        .order_by("unit__floor", "unit__number", "unit__letter", "unit__addition")
    )
    return scoped(qs, user, Category.CONSENT, complex_path="unit__complex_id")


def notice_list(*, user, proposal: Proposal) -> QuerySet[ResultNotice]:
    qs = ResultNotice.objects.filter(proposal=proposal).select_related(
        "tenancy", "tenancy__unit", "tenancy__household", "proposal_version"
    ).order_by("tenancy__unit__unit_id", "-notified_on", "-id")
    return scoped(qs, user, Category.CONSENT, complex_path="proposal__complex_id")


def consent_response_list(*, user) -> QuerySet[Response]:
    """Every response in the user's trajectories (the API's list), oldest first."""
    qs = Response.objects.select_related("tenancy", "tenancy__unit").order_by("id")
    return scoped(qs, user, Category.CONSENT, complex_path="proposal__complex_id")


@audited_access(Category.CONSENT)
def access_response(user, pk, *, write: bool = False) -> Response:
    qs = Response.objects.select_related("tenancy", "tenancy__unit")
    return get_or_404(scoped(qs, user, Category.CONSENT, complex_path="proposal__complex_id", write=write), pk)
