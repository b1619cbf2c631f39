"""The signals page: /t/<slug>/signalen/ lists the trajectory's crime signals; with
`?signaal=ID` it shows one (what was observed, its history, the next steps).

Only roles that read `crime` open it (others: 404); writers record signals and change their
status. The list shows kind, address, status and dates — the description only on a
signal's own view. Each view of crime data is one audit row.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import get_or_404, grant
from voordeur.accounts.models import Partner
from voordeur.households.selectors import household_list
from voordeur.lib.dates import today
from voordeur.lib.versioning import Conflict
from voordeur.places.selectors import unit_list
from voordeur.safety import selectors, services, workflow
from voordeur.safety.models import CrimeSignal
from voordeur.safety.web.forms import SignalForm, TransitionForm
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.shell.pages import CategoryPage


class SignalsView(CategoryPage, TemplateView):
    primary_category = Category.CRIME

    def signal_id(self) -> str:
        return self.request.GET.get("signaal") or ""

    def trajectory(self):
        return access_trajectory_by_slug(self.request.user, self.kwargs["slug"])

    def signals(self, trajectory):
        return selectors.signal_list(user=self.request.user).filter(unit__complex_id=trajectory.complex_id)

    def may_write(self) -> bool:
        return grant(self.request.user, Category.CRIME).writes

    def signal_form(self, trajectory, data=None) -> SignalForm:
        units = unit_list(user=self.request.user).filter(complex_id=trajectory.complex_id).order_by(
            "portiek__code", "street", "number", "letter", "addition")
        partners = Partner.objects.filter(trajectories__trajectory=trajectory).order_by("name").distinct()
        muni = next((p.pk for p in partners if p.kind == Partner.Kind.MUNICIPALITY), None)
        return SignalForm(data, units=units, partners=partners,
                          initial={"to_partner": muni, "observed_on": today(), "about_household": True})

    # reading -------------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        trajectory = self.trajectory()
        if self.signal_id():
            return self.render_signal(trajectory, get_or_404(self.signals(trajectory), self.signal_id()))
        return self.render_list(trajectory, self.signal_form(trajectory) if self.may_write() else None)

    def render_list(self, trajectory, form, status: int = 200):
        signals = list(self.signals(trajectory))
        selectors.audit_read(user=self.request.user, signals=signals, trajectory_id=trajectory.pk,
                             purpose=f"page {self.request.path}")
        context = self.get_context_data(trajectory=trajectory, signals=signals, form=form,
                                        may_write=self.may_write())
        self.template_name = "web/safety/signals.html"
        return self.render_to_response(context, status=status)

    def render_signal(self, trajectory, signal, form=None, status: int = 200):
        selectors.audit_read(user=self.request.user, signals=[signal], trajectory_id=trajectory.pk,
                             purpose=f"page {self.request.path}?signaal={signal.pk}")
        steps = [(value, CrimeSignal.Status(value).label) for value in workflow.next_statuses(signal.status)]
        context = self.get_context_data(
            trajectory=trajectory, signal=signal, events=list(selectors.signal_events(signal=signal)),
            steps=steps if self.may_write() else [], form=form or TransitionForm(),
            list_url=reverse("crime-signals", kwargs={"slug": trajectory.slug}),
        )
        self.template_name = "web/safety/signal.html"
        return self.render_to_response(context, status=status)

    # writing -------------------------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        if not self.may_write():
            raise PermissionDenied
        trajectory = self.trajectory()
        if request.POST.get("form") == "transition":
            return self.transition(trajectory)
        return self.create(trajectory)

    def create(self, trajectory):
        form = self.signal_form(trajectory, self.request.POST)
        if not form.is_valid():
            return self.render_list(trajectory, form, status=400)
        data = form.cleaned_data
        unit = unit_list(user=self.request.user).filter(complex_id=trajectory.complex_id, pk=data["unit"]).first()
        if unit is None:
            raise Http404
        household = None
        if data["about_household"]:
            household = household_list(user=self.request.user, current_only=True).filter(unit=unit).first()
        try:
            signal = services.signal_create(
                unit=unit, household=household, to_partner=Partner.objects.get(pk=data["to_partner"]),
                kind=data["kind"], observed_on=data["observed_on"], description=data["description"],
                by=self.request.user)
        except ValidationError as error:
            _add_errors(form, error)
            return self.render_list(trajectory, form, status=400)
        messages.success(self.request, _("Het signaal is vastgelegd."))
        return redirect(f"{reverse('crime-signals', kwargs={'slug': trajectory.slug})}?signaal={signal.pk}")

    def transition(self, trajectory):
        form = TransitionForm(self.request.POST)
        if not form.is_valid():
            raise Http404  # a tampered form: the same answer as for a signal that does not exist
        data = form.cleaned_data
        signal = selectors.access_signal(self.request.user, data["signaal"], write=True)
        if signal.unit.complex_id != trajectory.complex_id:
            raise Http404
        try:
            services.signal_transition(signal=signal, to_status=data["to_status"], by=self.request.user,
                                       expected_version=data["version"], note=data["note"])
        except Conflict:
            form.add_error(None, _("Dit signaal is intussen door iemand anders gewijzigd. Bekijk het opnieuw."))
            return self.render_signal(trajectory, get_or_404(self.signals(trajectory), signal.pk), form, status=409)
        except ValidationError as error:
            _add_errors(form, error)
            return self.render_signal(trajectory, signal, form, status=400)
        messages.success(self.request, _("De status is gewijzigd."))
        return redirect(f"{reverse('crime-signals', kwargs={'slug': trajectory.slug})}?signaal={signal.pk}")


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
