"""The life-domain conversation: recorded and edited by the visiting organisation, read on a
household's own page by those the sharing rule lets see (part of) it. Every page that shows
life-domain content writes an audit row (category life_domains, ids only).

Editing names the version read; a stale version answers 409 with the stored values shown
beside the user's own input, and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.households.selectors import access_household
from voordeur.lib.versioning import Conflict
from voordeur.trajectories.selectors import access_trajectory_by_slug, trajectory_list
from voordeur.visits import services
from voordeur.visits.models import Visit
from voordeur.visits.selectors import (
    access_visit,
    domain_entries,
    household_life_domains,
    life_domain_assessment_list,
    record_life_domain_read,
)
from voordeur.web.doors.views import is_htmx
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.visits.forms import LifeDomainsForm


class VisitLifeDomainsView(CategoryPage, TemplateView):
    """`/t/<slug>/bezoek/<pk>/leefgebieden/`: the life-domain form of one talk."""

    primary_category = Category.LIFE_DOMAINS
    template_name = "web/visits/life_domains.html"

    def talk(self, slug: str, pk: int) -> tuple:
        """The trajectory, the visit and its conversation (or None). 404 unless the visit is a
        talk of the user's own organisation in this trajectory and the user may write life domains."""
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, slug)
        visit = access_visit(user, pk)
        if (visit.unit.complex_id != trajectory.complex_id
                or not grant(user, Category.LIFE_DOMAINS).writes
                or not user.partner_id or visit.partner_id != user.partner_id
                or visit.outcome != Visit.Outcome.TALKED or visit.household_id is None):
            raise Http404
        assessment = life_domain_assessment_list(user=user).filter(visit=visit).first()
        return trajectory, visit, assessment

    def get(self, request, *args, **kwargs):
        trajectory, visit, assessment = self.talk(kwargs["slug"], kwargs["pk"])
        form = LifeDomainsForm(domains=assessment.domains if assessment else None,
                               version=assessment.version if assessment else None)
        if assessment is not None:
            record_life_domain_read(request.user, [assessment], purpose=f"Pagina {request.path}")
        return self.render_page(trajectory, visit, assessment, form)

    def post(self, request, *args, **kwargs):
        user = request.user
        trajectory, visit, assessment = self.talk(kwargs["slug"], kwargs["pk"])
        form = LifeDomainsForm(request.POST)
        if not form.is_valid():
            return self.render_page(trajectory, visit, assessment, form, status=400)
        version = form.cleaned_data["version"]
        try:
            if assessment is None:
                services.life_domains_record(visit=visit, by=user, domains=form.domains())
            elif version is None:
                raise Conflict(assessment.version)  # recorded by someone else since this form was opened
            else:
                services.life_domains_update(assessment=assessment, by=user, domains=form.domains(),
                                             expected_version=version)
        except Conflict:
            return self.render_conflict(trajectory, visit)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_page(trajectory, visit, assessment, form, status=400)
        messages.success(request, _("De leefgebieden zijn versleuteld vastgelegd."))
        return redirect(reverse("visit-record", kwargs={"slug": trajectory.slug, "unit_pk": visit.unit_id}) + "#kansen")

    def render_conflict(self, trajectory, visit):
        """Someone else saved first: show what is stored now, keep this user's input."""
        current = life_domain_assessment_list(user=self.request.user).get(visit=visit)
        data = self.request.POST.copy()
        data[f"{LifeDomainsForm.form_name}-version"] = str(current.version)
        form = LifeDomainsForm(data)
        form.is_valid()
        record_life_domain_read(self.request.user, [current], purpose=f"Pagina {self.request.path} (conflict)")
        return self.render_page(trajectory, visit, current, form, conflict=True, status=409)

    def render_page(self, trajectory, visit, assessment, form, *, conflict=False, status=200):
        context = self.get_context_data(
            trajectory=trajectory, visit=visit, assessment=assessment, form=form, conflict=conflict,
            stored=domain_entries(self.request.user, assessment) if conflict and assessment else [],
            door_url=reverse("visit-record", kwargs={"slug": trajectory.slug, "unit_pk": visit.unit_id}),
        )
        return self.render_to_response(context, status=status)


class HouseholdLifeDomainsView(CategoryPage, TemplateView):
    """`/huishoudens/<pk>/leefgebieden/`: the conversations with one household this user may
    see — their own organisation's in full, shared excerpts of others' — opened on purpose
    from the household page (htmx swaps in the section; without script it is a page)."""

    primary_category = Category.LIFE_DOMAINS
    template_name = "web/visits/household_life_domains.html"
    partial_template_name = "web/visits/_household_life_domains.html"

    def get_template_names(self) -> list[str]:
        return [self.partial_template_name if is_htmx(self.request) else self.template_name]

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        household = access_household(user, kwargs["pk"])
        conversations = [(assessment, entries) for assessment, entries
                         in household_life_domains(user=user, household_id=household.pk)]
        record_life_domain_read(user, [assessment for assessment, entries in conversations if entries],
                                purpose=f"Pagina {self.request.path}")
        return super().get_context_data(
            household=household,
            trajectory=trajectory_list(user=user).prefetch_related(None)
            .filter(complex_id=household.unit.complex_id).first(),
            conversations=[
                {"assessment": assessment, "entries": entries,
                 "own": assessment.partner_id == user.partner_id}
                for assessment, entries in conversations
            ],
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response
