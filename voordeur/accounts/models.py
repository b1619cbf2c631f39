"""Partner organisations, users (one role each) and trajectory memberships."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from voordeur.access.policy import Role


class Partner(models.Model):
    class Kind(models.TextChoices):
        CORPORATION = "corporation", _("Woningcorporatie")
        WELFARE = "welfare", _("Welzijnsorganisatie")
        NBH_TEAM = "nbh_team", _("Buurtteam")
        MUNICIPALITY = "municipality", _("Gemeente")
        CONTRACTOR = "contractor", _("Aannemer")
        UNIVERSITY = "university", _("Universiteit")
        POLICE = "police", _("Politie")
        OTHER = "other", _("Overig")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerorganisatie")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    partner = models.ForeignKey(
        Partner, verbose_name=_("organisatie"), on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    trajectories = models.ManyToManyField(
        "trajectories.Trajectory", through="Membership", related_name="members", blank=True
    )
    version = models.PositiveIntegerField(default=1)
    # Set only by the demo loader (voordeur/demo). With DEMO_MODE on, such an account logs in
    # without a second factor; outside demo mode the flag exempts nothing (ADR 0006).
    demo_account = models.BooleanField(_("demo-account"), default=False, editable=False)

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else ""


class Membership(models.Model):
    """A user works on a trajectory; outside their trajectories nothing exists for them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="memberships")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "trajectory"], name="one_membership_per_trajectory")]


class ApiToken(models.Model):
    """A server-issued, expiring API token. Only a hash of the key is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)


class UserSession(models.Model):
    """One signed-in browser session, so its user can see where they are signed in and end it.

    Written at login and kept up to date by `voordeur.accounts.middleware`; deleted at logout
    and when its user ends it (which deletes the session from the session store too).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sessions")
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen"]
        indexes = [models.Index(fields=["user", "last_seen"], name="usersession_user_seen")]
