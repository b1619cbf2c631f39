"""What every consent page shares: the trajectory, its proposals, and the one asked for."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from voordeur.access.policy import Category
from voordeur.access.scope import grant
from voordeur.consent.selectors import chosen_proposal, trajectory_proposals
from voordeur.trajectories.selectors import access_trajectory_by_slug
from voordeur.web.shell.pages import CategoryPage


CAMPAIGN_PAGES = (
    ("consent", _("Stand")),
    ("consent-proposal", _("Voorstel en advies")),
    ("consent-outreach", _("Bereik")),
    ("consent-letters", _("Brieven")),
    ("consent-result", _("Uitslag")),
)


class ConsentPage(CategoryPage, TemplateView):
    """A page of one trajectory's consent campaign; `?voorstel=ID` picks the proposal (default: newest)."""

    primary_category = Category.CONSENT

    def campaign(self) -> dict:
        user = self.request.user
        trajectory = access_trajectory_by_slug(user, self.kwargs["slug"])
        proposals = trajectory_proposals(user=user, trajectory=trajectory)
        wanted = self.request.POST.get("voorstel") or self.request.GET.get("voorstel")
        return {
            "trajectory": trajectory,
            "proposals": proposals,
            "proposal": chosen_proposal(proposals, wanted),
            "may_write": grant(user, Category.CONSENT).writes,
            "campaign_pages": CAMPAIGN_PAGES,
        }

    def campaign_for_writing(self) -> dict:
        """The campaign for a POST: 404 without a proposal, 403 for roles that only read consent."""
        campaign = self.campaign()
        if campaign["proposal"] is None:
            raise Http404
        if not campaign["may_write"]:
            raise PermissionDenied
        return campaign
