"""The referral and promise pages of one trajectory: the overview ("Onze doorverwijzingen en
toezeggingen"), one referral with its history, and the commitment figure per partner.

Status changes are POSTs (`TransitionForm`) to the overview or the referral page: the record
is reached through its access function (404 unseen, 403 seen but not writable), the service
applies the workflow table, a stale version answers 409 with the current state, and success
redirects back (PRG).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant
from voordeur.audit import log as audit
from voordeur.lib.dates import today
from voordeur.lib.versioning import Conflict
from voordeur.referrals import selectors, services
from voordeur.referrals.commitment import total
from voordeur.referrals.models import Promise, Referral
from voordeur.referrals.workflow import REFERRAL_OPEN
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.visits.domains import LIFE_DOMAINS
from voordeur.web.referrals.chart import build_chart
from voordeur.web.referrals.forms import OverviewFilterForm, TransitionForm
from voordeur.web.referrals.rows import promise_rows, referral_rows
from voordeur.web.shell.pages import CategoryPage

PAGE_SIZE = 50
REFERRAL_LIMIT = 100


def in_trajectory(record, trajectory):
    """A record of another trajectory does not exist on this trajectory's pages."""
    if record.household.unit.complex_id != trajectory.complex_id:
        raise Http404
    return record


class TransitionPage(CategoryPage, TemplateView):
    """A page that shows referrals and promises and takes their status changes."""

    def trajectory(self):
        return access_trajectory_by_slug(self.request.user, self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def render_page(self, *, problem: str = "", conflict: bool = False, status: int = 200):
        context = self.get_context_data(trajectory=self.trajectory(), problem=problem, conflict=conflict,
                                        **self.kwargs)
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        user = request.user
        trajectory = self.trajectory()
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return self.render_page(problem=_("Niet opgeslagen: de invoer was onvolledig."), status=400)
        data = form.cleaned_data
        if data["form"] == "referral":
            category, access = Category.REFERRALS, selectors.access_referral
        else:
            category, access = Category.PROMISES, selectors.access_promise
        if not grant(user, category).reads:
            raise Http404
        record = in_trajectory(access(user, data["pk"]), trajectory)  # unseen: 404
        if not grant(user, category).writes:
            raise PermissionDenied
        try:
            record = access(user, data["pk"], write=True)
        except Http404:
            raise PermissionDenied from None
        try:
            if data["form"] == "referral":
                services.referral_transition(referral=record, to_status=data["status"], by=user,
                                             expected_version=data["version"], note=data["note"],
                                             feedback=data["feedback"])
            else:
                services.promise_transition(promise=record, to_status=data["status"], by=user,
                                            expected_version=data["version"], note=data["note"],
                                            kept_on=data["kept_on"])
        except Conflict:
            return self.render_page(conflict=True, status=409)
        except ValidationError as error:
            return self.render_page(problem=_("Niet opgeslagen: %(why)s") % {"why": " ".join(error.messages)},
                                    status=400)
        messages.success(request, _("De wijziging is opgeslagen."))
        return redirect(request.get_full_path())


class OverviewView(TransitionPage):
    """Own-levels: what was referred to and by the organisation, and what it promised.
    Full read or write: every referral and promise of the trajectory, with filters."""

    primary_category = Category.PROMISES
    template_name = "web/referrals/overview.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = kwargs["trajectory"]
        own_only = grant(user, Category.PROMISES).own_only
        partners = selectors.table_partners(trajectory=trajectory)
        form = OverviewFilterForm(self.request.GET or None, partners=partners)
        form.is_valid()
        wanted = getattr(form, "cleaned_data", {})

        promises = selectors.promise_list(user=user).filter(household__unit__complex_id=trajectory.complex_id)
        status = wanted.get("status") or Promise.Status.OPEN
        if status != "alle":
            promises = promises.filter(status=status)
        if wanted.get("eigenaar"):
            promises = promises.filter(owner_partner=wanted["eigenaar"])
        if wanted.get("te_laat"):
            promises = promises.filter(status=Promise.Status.OPEN, due_date__lt=today())
        promises = promises.order_by("due_date", "id")

        referrals = None
        if grant(user, Category.REFERRALS).reads:
            referrals = selectors.referral_list(user=user).filter(household__unit__complex_id=trajectory.complex_id)
            if wanted.get("doorverwijzingen") != "alle":
                referrals = referrals.filter(status__in=REFERRAL_OPEN)
            referrals = referrals.order_by("respond_by", "id")

        context = {"own_only": own_only, "form": form, "may_see_figure": not own_only}
        if own_only:
            org = user.partner_id
            context.update(
                received=referral_rows(user, referrals.filter(to_partner_id=org)[:REFERRAL_LIMIT])
                if referrals is not None else None,
                sent=referral_rows(user, referrals.filter(from_partner_id=org)[:REFERRAL_LIMIT])
                if referrals is not None else None,
                owned=promise_rows(user, promises.filter(owner_partner_id=org)[:PAGE_SIZE]),
                made=promise_rows(user, promises.filter(made_by_partner_id=org).exclude(owner_partner_id=org)
                                  [:PAGE_SIZE]),
            )
        else:
            page = Paginator(promises, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
            params = self.request.GET.copy()
            params.pop("pagina", None)
            context.update(
                referrals=referral_rows(user, referrals[:REFERRAL_LIMIT]) if referrals is not None else None,
                page=page,
                promises=promise_rows(user, page.object_list),
                query_string=params.urlencode(),
            )
        context["referral_limit"] = REFERRAL_LIMIT
        return super().get_context_data(**context, **kwargs)


class ReferralDetailView(TransitionPage):
    """One referral: who referred whom to whom, the consent, the history and its promises. The
    reason only for the sender and — with the resident's consent — the receiver; that read is
    audited (life_domains)."""

    primary_category = Category.REFERRALS
    template_name = "web/referrals/detail.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = kwargs["trajectory"]
        referral = in_trajectory(get_or_404(selectors.with_events(selectors.referral_list(user=user)), kwargs["pk"]),
                                 trajectory)
        show_reason = selectors.reason_visible(user, referral)
        if show_reason:
            audit.record(user, "read", category=Category.LIFE_DOMAINS, obj=referral,
                         trajectory_id=trajectory.pk, purpose="referral page",
                         detail={"fields": ["reason"], "household": referral.household_id})
        promises = selectors.promise_list(user=user).filter(referral=referral).order_by("due_date", "id")
        return super().get_context_data(
            referral=referral,
            row=referral_rows(user, [referral])[0],
            show_reason=show_reason,
            shared_domains=[LIFE_DOMAINS.get(key, key) for key in referral.shared_domains],
            events=[{"event": e, "label": _status_label(Referral.Status, e.to_status)} for e in referral.events.all()],
            promises=promise_rows(user, promises),
            **kwargs,
        )


def _status_label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else value


class CommitmentView(CategoryPage, TemplateView):
    """Per partner: promises decided so far, kept on time, late, broken, overdue — and the rate
    in a bar chart. Only for full read or write on promises (own-levels would compare their own
    promises with nothing)."""

    primary_category = Category.PROMISES
    template_name = "web/referrals/commitment.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        lines = selectors.commitment_by_partner(user=user, trajectory=trajectory)
        if lines is None:
            raise Http404
        return super().get_context_data(
            trajectory=trajectory, lines=lines, total=total(lines), chart=build_chart(lines),
            day=today(), **kwargs,
        )
