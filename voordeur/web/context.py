"""Template context shared by every page: the navigation to the user's trajectories, and to
the tools the user's capabilities open (computed from grants, never from role names)."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from voordeur.access.capabilities import may_read_audit
from voordeur.accounts import mfa
from voordeur.trajectories.selectors import trajectory_list

NAV_LIMIT = 5  # more trajectories than this: the navigation links to the full list on the start page


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def trajectories() -> list[dict]:
        # one query; one row more than shown tells whether there are more
        return list(trajectory_list(user=user).prefetch_related(None).values("slug", "name")[: NAV_LIMIT + 1])

    here = getattr(request.resolver_match, "url_name", "") or ""
    tools = []
    if may_read_audit(user):
        tools.append({"url": reverse("privacy-audit"), "label": _("Privacy en auditlog"),
                      "current": here.startswith("privacy-")})
    # Until the second factor is entered, the header offers only logging out.
    pending = mfa.requires_second_factor(user) and not mfa.is_verified(user)
    return {"nav_trajectories": SimpleLazyObject(trajectories), "nav_limit": NAV_LIMIT, "nav_tools": tools,
            "second_factor_pending": pending}
