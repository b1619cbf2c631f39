"""Opportunities: resident initiatives and the support they need. The list of a trajectory
(everyone who reads `opportunities`), and one opportunity with its edit form for writers
(optimistic locking: a stale version answers 409 and changes nothing). New opportunities are
recorded at the door (web/visits/door.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.lib.versioning import Conflict
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.visits import services
from voordeur.visits.models import Opportunity
from voordeur.visits.selectors import access_opportunity, opportunity_list
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.visits.forms import OpportunityForm

PAGE_SIZE = 50


def household_name(user, opportunity: Opportunity) -> str:
    """The household's name where the user may read its contact data, else ""."""
    if opportunity.household_id and field_visible(user, Category.CONTACT, household_id=opportunity.household_id):
        return opportunity.household.name
    return ""


class OpportunityListView(CategoryPage, TemplateView):
    primary_category = Category.OPPORTUNITIES
    template_name = "web/visits/opportunities.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        status = self.request.GET.get("status", "")
        if status and status not in Opportunity.Status.values:
            status = ""
        opportunities = opportunity_list(user=user).filter(unit__complex_id=trajectory.complex_id).order_by(
            "unit__portiek__code", "unit__floor", "unit__number", "-created_at", "-id")
        if status:
            opportunities = opportunities.filter(status=status)
        page = Paginator(opportunities, PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        return super().get_context_data(
            trajectory=trajectory,
            page=page,
            rows=[{"opportunity": o, "name": household_name(user, o)} for o in page.object_list],
            status=status,
            statuses=Opportunity.Status.choices,
            show_places=grant(user, Category.PLACES).reads,
            may_record=grant(user, Category.VISITS).writes and grant(user, Category.OPPORTUNITIES).writes,
            **kwargs,
        )


class OpportunityView(CategoryPage, TemplateView):
    primary_category = Category.OPPORTUNITIES
    template_name = "web/visits/opportunity.html"

    def opportunity(self, slug: str, pk: int):
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, slug)
        opportunity = access_opportunity(user, pk)
        if opportunity.unit.complex_id != trajectory.complex_id:
            raise Http404
        return trajectory, opportunity

    def get(self, request, *args, **kwargs):
        trajectory, opportunity = self.opportunity(kwargs["slug"], kwargs["pk"])
        return self.render_page(trajectory, opportunity)

    def post(self, request, *args, **kwargs):
        trajectory, opportunity = self.opportunity(kwargs["slug"], kwargs["pk"])
        if not grant(request.user, Category.OPPORTUNITIES).writes:
            raise PermissionDenied
        opportunity = access_opportunity(request.user, opportunity.pk, write=True)
        form = OpportunityForm(request.POST)
        if not form.is_valid():
            return self.render_page(trajectory, opportunity, form=form, status=400)
        try:
            services.opportunity_update(opportunity=opportunity, by=request.user, changes=form.changes(),
                                        expected_version=form.cleaned_data["version"] or 0)
        except Conflict:
            current = access_opportunity(request.user, opportunity.pk)
            data = request.POST.copy()
            data[f"{OpportunityForm.form_name}-version"] = str(current.version)
            form = OpportunityForm(data)
            form.is_valid()
            return self.render_page(trajectory, current, form=form, conflict=True, status=409)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_page(trajectory, opportunity, form=form, status=400)
        messages.success(request, _("De kans is opgeslagen."))
        return redirect("opportunity", slug=trajectory.slug, pk=opportunity.pk)

    def render_page(self, trajectory, opportunity, *, form=None, conflict=False, status=200):
        user = self.request.user
        may_edit = grant(user, Category.OPPORTUNITIES).writes
        context = self.get_context_data(
            trajectory=trajectory, opportunity=opportunity, name=household_name(user, opportunity),
            show_places=grant(user, Category.PLACES).reads, conflict=conflict,
            form=form or (OpportunityForm(opportunity=opportunity) if may_edit else None),
        )
        return self.render_to_response(context, status=status)
