"""One front door in the round: the contact-load guard, the visits so far with a revisit hint,
and the forms to record a visit and an opportunity.

GET is for everyone who reads `visits` (own-levels see their own visits only). POST carries
`form=visit` (needs visits write) or `form=opportunity` (needs opportunities write); both
redirect after success. A talk leads on to the life-domain form.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.households.selectors import household_list
from voordeur.places.selectors import access_unit
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.visits import services
from voordeur.visits.models import LifeDomainAssessment, Visit
from voordeur.visits.revisit import Attempt, door_status
from voordeur.visits.selectors import contact_load_for, current_households, opportunity_list, visit_list
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.visits.forms import OpportunityForm, VisitForm

HISTORY_LIMIT = 30


def trajectory_and_unit(user, slug: str, unit_pk: int):
    """The trajectory and one of its units; 404 when either is not the user's or they do not match."""
    trajectory = access_trajectory_by_slug(user, slug)
    unit = access_unit(user, unit_pk)
    if unit.complex_id != trajectory.complex_id:
        raise Http404
    return trajectory, unit


def round_url(trajectory, unit) -> str:
    query = urlencode({"portiek": unit.portiek.code, "verdieping": unit.floor})
    return f"{reverse('visit-round', kwargs={'slug': trajectory.slug})}?{query}#deur-{unit.pk}"


class DoorView(CategoryPage, TemplateView):
    primary_category = Category.VISITS
    template_name = "web/visits/door.html"

    def get(self, request, *args, **kwargs):
        trajectory, unit = trajectory_and_unit(request.user, kwargs["slug"], kwargs["unit_pk"])
        return self.render_page(trajectory, unit)

    def post(self, request, *args, **kwargs):
        trajectory, unit = trajectory_and_unit(request.user, kwargs["slug"], kwargs["unit_pk"])
        handler = {"visit": self.post_visit, "opportunity": self.post_opportunity}.get(request.POST.get("form", ""))
        if handler is None:
            return HttpResponseBadRequest()
        return handler(request, trajectory, unit)

    def post_visit(self, request, trajectory, unit):
        user = request.user
        if not grant(user, Category.VISITS).writes:
            raise PermissionDenied
        form = VisitForm(request.POST)
        if not form.is_valid():
            return self.render_page(trajectory, unit, visit_form=form, status=400)
        try:
            visit = services.visit_record(unit=unit, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_page(trajectory, unit, visit_form=form, status=400)
        messages.success(request, _("Het bezoek aan %(address)s is vastgelegd.") % {"address": unit.address})
        if (visit.outcome == Visit.Outcome.TALKED and visit.household_id
                and grant(user, Category.LIFE_DOMAINS).writes):
            return redirect("visit-life-domains", slug=trajectory.slug, pk=visit.pk)
        return redirect(round_url(trajectory, unit))

    def post_opportunity(self, request, trajectory, unit):
        user = request.user
        if not grant(user, Category.OPPORTUNITIES).writes:
            raise PermissionDenied
        form = OpportunityForm(request.POST)
        if not form.is_valid():
            return self.render_page(trajectory, unit, opportunity_form=form, status=400)
        try:
            services.opportunity_create(unit=unit, by=user, **form.changes())
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_page(trajectory, unit, opportunity_form=form, status=400)
        messages.success(request, _("De kans is vastgelegd."))
        return redirect(reverse("visit-record", kwargs={"slug": trajectory.slug, "unit_pk": unit.pk}) + "#kansen")

    def render_page(self, trajectory, unit, *, visit_form=None, opportunity_form=None, status=200):
        user = self.request.user
        household_id = current_households(unit.complex_id, unit_ids=[unit.pk]).get(unit.pk)
        household = None
        if household_id and field_visible(user, Category.CONTACT, household_id=household_id):
            household = household_list(user=user).filter(pk=household_id).first()
        visits = [
            visit for visit in visit_list(user=user).filter(unit=unit).annotate(
                has_domains=Exists(LifeDomainAssessment.objects.filter(visit=OuterRef("pk"))))[:HISTORY_LIMIT]
            if visit.household_id in (None, household_id)
        ]
        status_now = door_status(
            [Attempt(v.visited_on, v.time_of_day, v.outcome, v.pk) for v in visits],
            preferred=household.best_time if household else "",
        )
        may_record = grant(user, Category.VISITS).writes
        may_add_opportunity = grant(user, Category.OPPORTUNITIES).writes
        may_write_domains = grant(user, Category.LIFE_DOMAINS).writes
        context = self.get_context_data(
            trajectory=trajectory,
            unit=unit,
            household=household,
            household_id=household_id,
            visits=[
                {"visit": visit,
                 "domains_url": reverse("visit-life-domains", kwargs={"slug": trajectory.slug, "pk": visit.pk})
                 if may_write_domains and visit.partner_id == user.partner_id and visit.household_id
                 and visit.outcome == Visit.Outcome.TALKED else ""}
                for visit in visits
            ],
            status=status_now,
            last_outcome=Visit.Outcome(status_now.last.outcome).label if status_now.last else "",
            suggestion=Visit.TimeOfDay(status_now.suggestion).label if status_now.suggestion else "",
            tried=[Visit.TimeOfDay(time).label for time in status_now.tried_times],
            contact_load=contact_load_for(household_id, user) if household_id and may_record else None,
            may_record=may_record,
            visit_form=visit_form or (VisitForm() if may_record else None),
            show_opportunities=grant(user, Category.OPPORTUNITIES).reads,
            opportunities=list(opportunity_list(user=user).filter(unit=unit)[:HISTORY_LIMIT])
            if grant(user, Category.OPPORTUNITIES).reads else [],
            opportunity_form=opportunity_form or (OpportunityForm() if may_add_opportunity else None),
            round_url=round_url(trajectory, unit),
        )
        return self.render_to_response(context, status=status)
