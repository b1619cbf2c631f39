"""What every works page shares: the trajectory, its settings and current plan, the tabs."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.shell.pages import CategoryPage
from voordeur.works.selectors import current_plan, works_settings

WORKS_PAGES = (
    ("works", _("Planning"), Category.WORKS),
    ("works-gantt", _("Per portiek"), Category.WORKS),
    ("works-units", _("Per woning"), Category.WORKS),
    ("works-needs", _("Praktische behoeften"), Category.WORKS_NEEDS),
    ("works-letters", _("Brieven"), Category.WORKS),
)


class WorksPage(CategoryPage, TemplateView):
    primary_category = Category.WORKS

    def works(self) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, self.kwargs["slug"])
        return {
            "trajectory": trajectory,
            "settings": works_settings(user=user, trajectory=trajectory),
            "plan": current_plan(user=user, trajectory=trajectory),
            "may_write": grant(user, Category.WORKS).writes,
            "works_pages": [(name, label) for name, label, category in WORKS_PAGES if grant(user, category).reads],
        }
