"""Referrals to partners and promises to residents, each with an append-only status history.

The allowed status changes live in `workflow.py` (explicit transition tables). A referral
links its household to the receiving organisation (access.HouseholdLink) while open and
for 12 months after it closed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.lib.crypto import EncryptedJSONField


class Referral(models.Model):
    class Kind(models.TextChoices):
        NBH_SUPPORT = "nbh_support", _("Ondersteuning buurtteam")
        DEBT_HELP = "debt_help", _("Schuldhulp")
        MUNICIPAL_COUNTER = "municipal_counter", _("Gemeentelijk loket")
        HEALTH = "health", _("Gezondheid / huisarts")
        WORK_INCOME = "work_income", _("Werk en inkomen")
        LANGUAGE = "language", _("Taal")
        SAFETY = "safety", _("Veiligheid")
        OTHER = "other", _("Overig")

    class Status(models.TextChoices):
        SENT = "sent", _("Verstuurd")
        ACCEPTED = "accepted", _("Aangenomen")
        DECLINED = "declined", _("Afgewezen")
        COMPLETED = "completed", _("Afgerond, teruggemeld")
        WITHDRAWN = "withdrawn", _("Ingetrokken")

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="referrals")
    visit = models.ForeignKey("visits.Visit", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals")
    from_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    to_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("naar organisatie"))
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("soort hulp"), max_length=30, choices=Kind.choices)
    # life_domains: why, in the resident's situation — shared with the receiver only with consent.
    # Blank when the referring role may not record conversation content (e.g. debt help).
    reason = EncryptedJSONField(_("reden"), default="", blank=True)
    # referrals: the resident's consent, what is shared with whom
    consent_given = models.BooleanField(_("bewoner geeft toestemming"), default=False)
    consent_scope = models.CharField(_("wat wordt met wie gedeeld"), max_length=500, blank=True)
    shared_domains = models.JSONField(_("gedeelde leefgebieden"), default=list, blank=True)
    emergency_override = models.BooleanField(_("noodsituatie zonder toestemming"), default=False)
    override_reason = models.CharField(_("reden noodsituatie"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    respond_by = models.DateField(_("reactie uiterlijk"))
    feedback = models.TextField(_("terugmelding"), blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_partner", "status"])]
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")


class ReferralEvent(models.Model):
    """Append-only: one row per status change (the first has from_status "")."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    at = models.DateTimeField()
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        ordering = ["referral_id", "at", "id"]


class Promise(models.Model):
    """What was promised to a resident, by which organisation, due when (working days)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Nagekomen")
        BROKEN = "broken", _("Niet nagekomen")
        CANCELLED = "cancelled", _("Vervallen")

    household = models.ForeignKey("households.Household", on_delete=models.CASCADE, related_name="promises")
    referral = models.ForeignKey(Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="promises")
    owner_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+",
                                      verbose_name=_("wie komt het na"))
    made_by_partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    made_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.CharField(_("toezegging"), max_length=300)
    made_on = models.DateField(_("toegezegd op"))
    working_days = models.PositiveSmallIntegerField(_("binnen werkdagen"), null=True, blank=True)
    due_date = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    kept_on = models.DateField(_("nagekomen op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["owner_partner", "status", "due_date"])]
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")


class PromiseEvent(models.Model):
    """Append-only: one row per status change (the first has from_status "")."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    at = models.DateTimeField()
    by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["promise_id", "at", "id"]


class DigestSent(models.Model):
    """The daily overdue-promises digest went to this user on this day (so it goes once a day)."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    promises = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_user_and_day")]
