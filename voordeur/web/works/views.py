"""The works pages that list units: the Gantt per stairwell and the plan per unit (the
contractor's view: addresses, dates, contact details and practical flags — never reasons)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.households.selectors import household_list
from voordeur.web.works.base import WorksPage
from voordeur.works import services
from voordeur.works.selectors import plan_rows, works_needs_list
from voordeur.works.weeks import Bar, gantt, weeks_between


class GanttView(WorksPage):
    template_name = "web/works/gantt.html"

    def get(self, request, *args, **kwargs):
        context = self.works()
        plan = context["plan"]
        rows = list(plan_rows(user=request.user, version=plan)) if plan else []
        portieken = sorted({row.unit.portiek.code for row in rows})
        chosen = request.GET.get("portiek") or (portieken[0] if portieken else "")
        if chosen and chosen not in portieken:
            raise Http404
        shown = [row for row in rows if row.unit.portiek.code == chosen]
        weeks = weeks_between(min(r.start_date for r in shown), max(r.end_date for r in shown)) if shown else []
        bars = [Bar(row.unit.address, row.start_date, row.end_date,
                    row.guest_home.address if row.guest_home else "") for row in shown]
        context.update(portieken=portieken, chosen=chosen, weeks=weeks, rows=gantt(bars, weeks))
        return self.render_to_response(self.get_context_data(**context))


def unit_lines(user, rows) -> list[dict]:
    """Per planned unit what this user may see: contact details and practical flags by grant."""
    household_ids = [row.household_id for row in rows if row.household_id]
    contacts = {h.pk: h for h in household_list(user=user).filter(pk__in=household_ids)}
    needs = {}
    if grant(user, Category.WORKS_NEEDS).reads:
        needs = {n.household_id: n for n in works_needs_list(user=user).filter(household_id__in=household_ids)}
    lines = []
    for row in rows:
        household = contacts.get(row.household_id)
        if household is not None and not field_visible(user, Category.CONTACT, household_id=household.pk):
            household = None
        lines.append({"row": row, "household": household, "needs": needs.get(row.household_id)})
    return lines


class UnitsView(WorksPage):
    template_name = "web/works/units.html"

    def get(self, request, *args, **kwargs):
        context = self.works()
        plan = context["plan"]
        rows = list(plan_rows(user=request.user, version=plan)) if plan else []
        context.update(lines=unit_lines(request.user, rows),
                       show_needs=grant(request.user, Category.WORKS_NEEDS).reads,
                       show_contact=grant(request.user, Category.CONTACT).reads)
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        """Promise a unit's start date from the current plan to its household."""
        context = self.works()
        if not context["may_write"]:
            raise PermissionDenied
        plan = context["plan"]
        row = plan_rows(user=request.user, version=plan).filter(pk=request.POST.get("unit", "")).first() if plan \
            else None
        if row is None:
            raise Http404
        try:
            services.promise_start(planned_unit=row, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Startdatum toegezegd aan %(address)s.") % {"address": row.unit.address})
        return redirect("works-units", slug=context["trajectory"].slug)
