"""Practical needs for the works per household (flags only — there is no field for a reason).

Roles with works_needs read see the list; writers (broker, renovation lead) open a
household's form with `?huishouden=ID` and save with the version they read (stale: 409).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.households.selectors import household_list
from voordeur.lib.versioning import Conflict
from voordeur.web.works.base import WorksPage
from voordeur.web.works.forms import NeedsForm
from voordeur.works import services
from voordeur.works.selectors import works_needs_list


class NeedsView(WorksPage):
    primary_category = Category.WORKS_NEEDS
    template_name = "web/works/needs.html"

    def households(self, trajectory):
        user = self.request.user
        households = [h for h in household_list(user=user, current_only=True)
                      .filter(unit__complex_id=trajectory.complex_id).order_by("unit__portiek__code", "unit__floor",
                                                                               "unit__number")
                      if field_visible(user, Category.CONTACT, household_id=h.pk)]
        needs = {n.household_id: n for n in works_needs_list(user=user)
                 .filter(household_id__in=[h.pk for h in households])}
        return households, needs

    def get(self, request, *args, **kwargs):
        context = self.works()
        households, needs = self.households(context["trajectory"])
        form, chosen = None, None
        wanted = request.GET.get("huishouden")
        if wanted and grant(request.user, Category.WORKS_NEEDS).writes:
            chosen = next((h for h in households if str(h.pk) == wanted), None)
            if chosen is None:
                raise Http404
            current = needs.get(chosen.pk)
            form = NeedsForm(initial=self.initial(current))
        return self.render_page(context, households, needs, chosen, form)

    @staticmethod
    def initial(current) -> dict:
        if current is None:
            return {"version": None, "priority": 1}
        return {"version": current.version, "needs_guest_home": current.needs_guest_home,
                "wants_guest_home": current.wants_guest_home, "priority": current.priority,
                "home_during_day": current.home_during_day, "unavailable": NeedsForm.text_of(current.unavailable)}

    def render_page(self, context, households, needs, chosen, form, status: int = 200):
        context.update(rows=[(h, needs.get(h.pk)) for h in households], chosen=chosen, form=form,
                       may_edit=grant(self.request.user, Category.WORKS_NEEDS).writes)
        return self.render_to_response(self.get_context_data(**context), status=status)

    def post(self, request, *args, **kwargs):
        if not grant(request.user, Category.WORKS_NEEDS).writes:
            raise PermissionDenied
        context = self.works()
        households, needs = self.households(context["trajectory"])
        chosen = next((h for h in households if str(h.pk) == request.POST.get("huishouden", "")), None)
        if chosen is None:
            raise Http404
        form = NeedsForm(request.POST)
        if not form.is_valid():
            return self.render_page(context, households, needs, chosen, form, status=400)
        current = needs.get(chosen.pk)
        try:
            if current is None:
                services.works_needs_create(household=chosen, by=request.user, **form.changes())
            else:
                services.works_needs_update(needs=current, by=request.user, changes=form.changes(),
                                            expected_version=form.cleaned_data["version"] or 0)
        except Conflict:
            form.add_error(None, _("Dit is intussen door iemand anders gewijzigd. Laad de pagina opnieuw."))
            return self.render_page(context, households, needs, chosen, form, status=409)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_page(context, households, needs, chosen, form, status=400)
        messages.success(request, _("Opgeslagen voor %(address)s.") % {"address": chosen.unit.address})
        return redirect("works-needs", slug=context["trajectory"].slug)
