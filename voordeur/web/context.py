"""Template context shared by every page: the navigation the user's grants allow."""

from voordeur.access.scope import trajectory_ids


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_trajectory_count": len(trajectory_ids(user))}
