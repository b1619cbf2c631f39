"""Making a referral and a promise for one household of a trajectory (forms at the door).

The household is reached through its access function and must belong to the trajectory
(else 404); a role that may read but not write the page's category gets 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.households.selectors import access_household
from voordeur.referrals import selectors, services
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.visits.selectors import contact_load_for
from voordeur.web.referrals.forms import PromiseForm, ReferralForm
from voordeur.web.referrals.rows import household_ref
from voordeur.web.shell.pages import CategoryPage


class HouseholdFormPage(CategoryPage, TemplateView):
    """A form about one household; subclasses give `form`, `save` and `done`."""

    def target(self):
        """(trajectory, household) for this user, or 404 / 403."""
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, self.kwargs["slug"])
        household = access_household(user, self.kwargs["household_pk"])
        if household.unit.complex_id != trajectory.complex_id:
            raise Http404
        if not grant(user, self.primary_category).writes:
            raise PermissionDenied
        return trajectory, household

    def get(self, request, *args, **kwargs):
        trajectory, household = self.target()
        return self.render_form(trajectory, household, self.form(trajectory))

    def render_form(self, trajectory, household, form, status: int = 200):
        context = self.get_context_data(trajectory=trajectory, household=household, form=form,
                                        ref=household_ref(self.request.user, household),
                                        has_partner=bool(self.request.user.partner_id),
                                        contact_load=contact_load_for(household, self.request.user))
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        trajectory, household = self.target()
        form = self.form(trajectory, request.POST)
        if not form.is_valid():
            return self.render_form(trajectory, household, form, status=400)
        try:
            record = self.save(household, form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
            return self.render_form(trajectory, household, form, status=400)
        except PermissionDenied as error:
            form.add_error(None, str(error) or _("Dit mag u niet."))
            return self.render_form(trajectory, household, form, status=403)
        return self.done(trajectory, household, record)


class ReferralCreateView(HouseholdFormPage):
    """Refer a household to a partner at the trajectory's table, with consent (or, only in an
    emergency, without it and with the reason why)."""

    primary_category = Category.REFERRALS
    template_name = "web/referrals/new_referral.html"

    def form(self, trajectory, data=None):
        user = self.request.user
        return ReferralForm(
            data,
            partners=selectors.receiving_partners(trajectory=trajectory, exclude_partner_id=user.partner_id),
            may_write_reason=grant(user, Category.LIFE_DOMAINS).writes,
        )

    def save(self, household, data):
        return services.referral_create(
            household=household, to_partner=data["to_partner"], kind=data["kind"], reason=data.get("reason", ""),
            consent_given=data["consent_given"], consent_scope=data["consent_scope"],
            shared_domains=data["shared_domains"], emergency_override=data["emergency_override"],
            override_reason=data["override_reason"], respond_days=data["respond_days"], by=self.request.user,
        )

    def done(self, trajectory, household, referral):
        messages.success(self.request, _("De doorverwijzing is verstuurd; de reactie wordt verwacht uiterlijk %(day)s.")
                         % {"day": referral.respond_by.strftime("%d-%m-%Y")})
        if grant(self.request.user, Category.REFERRALS).reads:
            return redirect("referral-detail", slug=trajectory.slug, pk=referral.pk)
        return redirect("household", pk=household.pk)


class PromiseCreateView(HouseholdFormPage):
    """Record what was promised to the resident, by which partner, within how many working days."""

    primary_category = Category.PROMISES
    template_name = "web/referrals/new_promise.html"

    def form(self, trajectory, data=None):
        return PromiseForm(data, partners=selectors.table_partners(trajectory=trajectory))

    def save(self, household, data):
        return services.promise_create(
            household=household, owner_partner=data["owner_partner"], text=data["text"],
            # a date, when given, wins over the number of working days
            working_days=None if data["due_date"] else data["working_days"], due_date=data["due_date"],
            by=self.request.user,
        )

    def done(self, trajectory, household, promise):
        messages.success(self.request, _("De toezegging is vastgelegd: uiterlijk %(day)s.")
                         % {"day": promise.due_date.strftime("%d-%m-%Y")})
        return redirect("household", pk=household.pk)
