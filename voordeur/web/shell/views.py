"""The shell's pages: start, trajectory, login and logout."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.aggregates.selectors import measure_list
from voordeur.trajectories.selectors import access_trajectory_by_slug, trajectory_list
from voordeur.web.referrals.household import overdue_items
from voordeur.web.shell.forms import LoginForm
from voordeur.web.shell.pages import CategoryPage
from voordeur.web.shell.trajectory import phase_steps, unit_counts
from voordeur.web.shell.work import Page, may_open, work_items


class StartView(CategoryPage, TemplateView):
    """What this user works on: their trajectories and, from their grants, their work."""

    primary_category = Category.META
    template_name = "web/shell/start.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectories = list(trajectory_list(user=user).prefetch_related(None))
        overdue, overdue_more = overdue_items(user, trajectories)
        return super().get_context_data(
            trajectories=trajectories,
            work_items=work_items(user),
            overdue=overdue,
            overdue_more=overdue_more,
            overdue_many_trajectories=len(trajectories) > 1,
            **kwargs,
        )


class TrajectoryView(CategoryPage, TemplateView):
    """One trajectory: its six phases, the partners at the table and the building in figures."""

    primary_category = Category.META
    template_name = "web/shell/trajectory.html"

    def get_context_data(self, **kwargs) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, kwargs["slug"])
        return super().get_context_data(
            trajectory=trajectory,
            phases=phase_steps(trajectory),
            partners=list(trajectory.partners.all()),
            units=unit_counts(user, trajectory) if grant(user, Category.PLACES).reads else None,
            pages=[page for page in Page if may_open(user, page)],
            has_figures=bool(measure_list(user=user)),  # any measure the grants let this user count
            **kwargs,
        )


class LoginView(auth_views.LoginView):
    primary_category = Category.ACCOUNTS
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    primary_category = Category.ACCOUNTS

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("U bent uitgelogd."))
        return response
