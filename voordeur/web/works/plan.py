"""The works plan page: settings, starting a solve or a re-plan, its progress, the plan
versions, and the guest-home occupancy and day-room load charts of the current plan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.lib.versioning import Conflict
from voordeur.web.works.base import WorksPage
from voordeur.web.works.forms import SettingsForm
from voordeur.works import services
from voordeur.works.schedule.instance import parse_instance
from voordeur.works.selectors import plan_versions
from voordeur.works.weeks import Stay, bar_chart, weekly_load

SETTINGS_FIELDS = ("start_date", "work_days", "max_units_in_work", "max_starts_per_day", "riser_window_days",
                   "guest_home_buffer_days", "day_room_capacity")
VERSIONS_SHOWN = 10


def charts(version) -> dict:
    """Weekly guest-home occupancy and day-room load of a plan version (counts only)."""
    instance = parse_instance(version.instance)
    flags = {unit.id: unit.uses_day_room for unit in instance.units}
    stays = [Stay(u["start_day"], u["end_day"], flags.get(u["id"], False), bool(u.get("guest_home")))
             for u in version.plan.get("units", [])]
    load = weekly_load(stays, instance.calendar, instance.guest_home_buffer_days)
    return {
        "guest_chart": bar_chart([(week, guests) for week, guests, _room in load], len(instance.guest_homes)),
        "room_chart": bar_chart([(week, room) for week, _guests, room in load], instance.day_room_capacity),
        "load": load,
    }


class PlanView(WorksPage):
    template_name = "web/works/plan.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.works())

    def render_page(self, context: dict, form: SettingsForm | None = None):
        user = self.request.user
        counts = grant(user, Category.WORKS).counts  # own-levels see their own units only, no totals
        versions = list(plan_versions(user=user, trajectory=context["trajectory"])[:VERSIONS_SHOWN]) if counts else []
        settings = context["settings"]
        if context["may_write"] and form is None:
            initial = {name: getattr(settings, name) for name in SETTINGS_FIELDS} if settings else {
                "work_days": 20, "max_units_in_work": 12, "max_starts_per_day": 2, "riser_window_days": 2,
                "guest_home_buffer_days": 1, "day_room_capacity": 6}
            form = SettingsForm(initial={**initial, "version": settings.version if settings else None})
        running = next((v for v in versions if v.status in ("queued", "running")), None)
        context.update(
            form=form if context["may_write"] else None, versions=versions, running=running, counts=counts,
            **(charts(context["plan"]) if counts and context["plan"] else {}),
        )
        return self.render_to_response(self.get_context_data(**context))

    def post(self, request, *args, **kwargs):
        context = self.works()
        if not context["may_write"]:
            raise PermissionDenied
        trajectory = context["trajectory"]
        action = request.POST.get("form", "")
        if action == "settings":
            form = SettingsForm(request.POST)
            if not form.is_valid():
                return self.render_page(context, form)
            try:
                services.works_settings_save(trajectory=trajectory, by=request.user, changes=form.changes(),
                                             expected_version=form.cleaned_data["version"])
            except Conflict:
                form.add_error(None, _("De instellingen zijn intussen door iemand anders gewijzigd. Laad de pagina "
                                       "opnieuw."))
                return self.render_page(context, form)
            except ValidationError as error:
                form.add_error(None, error)
                return self.render_page(context, form)
            messages.success(request, _("De instellingen zijn opgeslagen."))
        elif action in ("solve", "replan"):
            try:
                version = services.plan_start(trajectory=trajectory, by=request.user, replan=action == "replan")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Planversie %(number)s wordt berekend.") % {"number": version.number})
        else:
            return HttpResponseBadRequest()
        return redirect("works", slug=trajectory.slug)


class ProgressView(WorksPage):
    """The progress of the newest solve, polled by htmx every 2 s until it is done."""

    template_name = "web/works/_progress.html"

    def get(self, request, *args, **kwargs):
        context = self.works()
        counts = grant(request.user, Category.WORKS).counts
        latest = plan_versions(user=request.user, trajectory=context["trajectory"]).first() if counts else None
        context.update(running=latest, counts=counts)
        response = self.render_to_response(self.get_context_data(**context))
        if request.headers.get("HX-Request") and latest is not None and latest.status not in ("queued", "running"):
            response["HX-Refresh"] = "true"  # the solve is done: reload the page to show the new plan
        return response
