"""One household's page: contact, composition and the shared contact log, each as far as allowed.

GET shows the sections the user's grants allow. POST carries `form=contact` (edit contact
fields, optimistic locking on `version`) or `form=log` (log an approach). Both redirect after
success (PRG); a stale version answers 409 with the current values and changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import field_visible, grant
from voordeur.households.models import Household
from voordeur.households.selectors import access_household, contact_log_list
from voordeur.households.services import contact_log_create, household_update
from voordeur.lib.dates import today
from voordeur.lib.versioning import Conflict
from voordeur.trajectories.selectors import trajectory_list
from voordeur.visits.selectors import contact_load_for
from voordeur.web.doors.ages import age_band
from voordeur.web.doors.forms import ContactLogForm, HouseholdContactForm
from voordeur.web.doors.languages import language_name
from voordeur.web.referrals.household import household_section
from voordeur.web.shell.pages import CategoryPage

LOG_LIMIT = 50  # most recent approaches shown


def writable_household(user, pk: int, category: Category) -> Household:
    """The household for a write of `category`: 404 if unseen, 403 if seen but not writable."""
    household = access_household(user, pk)
    if not grant(user, category).writes:
        raise PermissionDenied
    if category is Category.CONTACT:
        try:
            return access_household(user, pk, write=True)
        except Http404:
            raise PermissionDenied from None
    return household


class HouseholdDetailView(CategoryPage, TemplateView):
    primary_category = Category.CONTACT
    template_name = "web/doors/household.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(access_household(request.user, kwargs["pk"]))

    def post(self, request, *args, **kwargs):
        handler = {"contact": self.post_contact, "log": self.post_log}.get(request.POST.get("form", ""))
        if handler is None:
            access_household(request.user, kwargs["pk"])  # unseen households stay 404
            return HttpResponseBadRequest()
        return handler(request, kwargs["pk"])

    def post_contact(self, request, pk: int):
        household = writable_household(request.user, pk, Category.CONTACT)
        form = HouseholdContactForm(request.POST, household=household)
        if not form.is_valid():
            return self.render_page(household, contact_form=form, status=400)
        try:
            household_update(
                household=household, by=request.user, changes=form.changes(),
                expected_version=form.cleaned_data["version"],
            )
        except Conflict:
            return self.render_conflict(request, pk)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_page(access_household(request.user, pk), contact_form=form, status=400)
        messages.success(request, _("De contactgegevens zijn opgeslagen."))
        return redirect("household", pk=pk)

    def render_conflict(self, request, pk: int):
        """Someone else saved first: show their values, keep this user's input, nothing overwritten."""
        current = access_household(request.user, pk)
        data = request.POST.copy()
        data[f"{HouseholdContactForm.form_name}-version"] = str(current.version)
        form = HouseholdContactForm(data, household=current)
        form.is_valid()
        return self.render_page(current, contact_form=form, conflict=True, status=409)

    def post_log(self, request, pk: int):
        household = writable_household(request.user, pk, Category.CONTACTS_LOG)
        form = ContactLogForm(request.POST)
        if not form.is_valid():
            return self.render_page(household, log_form=form, status=400)
        if not request.user.partner_id:  # the log records the organisation; an account without one cannot log
            form.add_error(None, _("Dit contactmoment kon niet worden vastgelegd: uw account hoort bij geen organisatie."))
            return self.render_page(household, log_form=form, status=400)
        try:
            contact_log_create(household=household, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.render_page(household, log_form=form, status=400)
        messages.success(request, _("Het contactmoment is vastgelegd."))
        return redirect("household", pk=pk)

    def render_page(self, household: Household, *, contact_form=None, log_form=None, conflict=False, status=200):
        context = self.get_context_data(
            household=household,
            contact_form=contact_form,
            log_form=log_form,
            conflict=conflict,
            **self.sections(household),
        )
        if context["can_edit"] and contact_form is None:
            context["contact_form"] = HouseholdContactForm(household=household)
        if context["can_log"] and log_form is None:
            context["log_form"] = ContactLogForm()
        return self.render_to_response(context, status=status)

    def sections(self, household: Household) -> dict:
        user = self.request.user
        pk = household.pk
        show_household = field_visible(user, Category.HOUSEHOLD, household_id=pk)
        show_log = grant(user, Category.CONTACTS_LOG).reads  # the selector keeps own-levels to their own entries
        this_year = today().year
        return {
            "trajectory": trajectory_list(user=user).prefetch_related(None)
            .filter(complex_id=household.unit.complex_id).first(),
            "show_places": grant(user, Category.PLACES).reads,
            "show_contact": field_visible(user, Category.CONTACT, household_id=pk),
            "language": language_name(household.language) if household.language else "",
            "show_household": show_household,
            "people": [
                {"person": person, "age_band": age_band(person.birth_year, this_year)}
                for person in household.people.all()
            ] if show_household else [],
            "tenancies": list(household.tenancies.all()) if show_household else [],
            "show_log": show_log,
            "log": list(contact_log_list(user=user).filter(household_id=pk)[:LOG_LIMIT]) if show_log else [],
            "can_log": grant(user, Category.CONTACTS_LOG).writes,
            # the contact-load guard: moments and organisations of recent approaches, never topics
            "contact_load": contact_load_for(household, user) if grant(user, Category.CONTACTS_LOG).writes else None,
            # life-domain conversations are opened on purpose (and audited) from their own section
            "show_life_domains": grant(user, Category.LIFE_DOMAINS).reads,
            "can_edit": grant(user, Category.CONTACT).writes
            and field_visible(user, Category.CONTACT, household_id=pk),
            **household_section(user, household),
        }
