"""Renovation proposals, their versions and advice, and the consent campaign's records.

Responses, outreach assignments and result notices are append-only histories: a new row
supersedes an older one, nothing is updated in place (the latest row per tenancy counts).
"""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.letters.models import LetterBatchBase


class Proposal(models.Model):
    """A renovation proposal to the tenants of one complex (its trajectory's phase 4)."""

    complex = models.ForeignKey("places.Complex", on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(_("titel"), max_length=200)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True, help_text=_("Leeg: nog een concept."))
    response_deadline = models.DateField(_("reageren uiterlijk"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["complex_id", "-id"]
        verbose_name = _("renovatievoorstel")
        verbose_name_plural = _("renovatievoorstellen")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.sent_on and self.response_deadline < self.sent_on:
            raise ValidationError({"response_deadline": _("De reactietermijn eindigt vóór de verzenddatum.")})


class ProposalVersion(models.Model):
    """One version of the proposal text. A significant change names the dwellings it affects."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versie"))
    summary = models.TextField(_("samenvatting"))
    languages = models.CharField(
        _("talen"), max_length=100, default="nl", help_text=_("ISO 639-codes van de vertalingen, bijv. nl,en,tr")
    )
    document = models.FileField(
        _("document (PDF)"), upload_to="consent/proposals/", blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    changed_on = models.DateField(_("gewijzigd op"))
    significant = models.BooleanField(_("ingrijpende wijziging"), default=False)
    affected_units = models.ManyToManyField("places.Unit", blank=True, related_name="+")
    created_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal_id", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="proposal_version_unique")]

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]


class Advice(models.Model):
    """The bewonerscommissie's advice on the proposal under the Overlegwet (one per proposal)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="advice")
    requested_on = models.DateField(_("advies gevraagd op"))
    received_on = models.DateField(_("schriftelijk advies ontvangen op"), null=True, blank=True)
    departs = models.BooleanField(_("wij wijken af van het advies"), default=False)
    reasons_sent_on = models.DateField(_("schriftelijke motivering verstuurd op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def clean(self) -> None:
        if self.received_on and self.received_on < self.requested_on:
            raise ValidationError({"received_on": _("Het advies kan niet vóór de adviesaanvraag binnenkomen.")})
        if self.reasons_sent_on and not (self.departs and self.received_on):
            raise ValidationError({"reasons_sent_on": _("Een motivering hoort bij afwijken van ontvangen advies.")})
        if self.reasons_sent_on and self.received_on and self.reasons_sent_on < self.received_on:
            raise ValidationError({"reasons_sent_on": _("De motivering kan niet vóór het advies verstuurd zijn.")})


class Answer(models.TextChoices):
    YES = "yes", _("Akkoord")
    NO = "no", _("Niet akkoord")


class Channel(models.TextChoices):
    DOOR = "door", _("Aan de deur")
    LETTER = "letter", _("Brief")
    PHONE = "phone", _("Telefoon")
    WEB = "web", _("Web")


class Response(models.Model):
    """A tenant's answer to the proposal. Never changed: a new answer is a new row."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="responses")
    tenancy = models.ForeignKey("households.Tenancy", on_delete=models.CASCADE, related_name="consent_responses")
    answer = models.CharField(_("antwoord"), max_length=3, choices=Answer.choices)
    responded_on = models.DateField(_("datum"))
    channel = models.CharField(_("kanaal"), max_length=40, blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    imported_from = models.CharField(max_length=64, blank=True)  # the file's sha256 for imported answers
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal_id", "id"]
        indexes = [models.Index(fields=["proposal", "tenancy", "responded_on"])]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    @property
    def channel_label(self) -> str:
        return Channel(self.channel).label if self.channel in Channel.values else self.channel


class OutreachAssignment(models.Model):
    """Who is to reach a tenant who has not responded. The latest row per tenancy holds."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    tenancy = models.ForeignKey("households.Tenancy", on_delete=models.CASCADE, related_name="+")
    assignee = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    assigned_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal_id", "id"]


class ResultNotice(models.Model):
    """The written notice of the result to one tenancy; a later notice (after a significant
    change) supersedes it and restarts the 8 weeks."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="notices")
    tenancy = models.ForeignKey("households.Tenancy", on_delete=models.CASCADE, related_name="+")
    notified_on = models.DateField(_("kennisgeving verstuurd op"))
    proposal_version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="+")
    agreed = models.BooleanField(_("akkoord"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal_id", "id"]


class LetterBatch(LetterBatchBase):
    """A batch of letters printed in the background (a `consent.letters` job); the PDF is kept
    in this row (see `LetterBatchBase`)."""

    class Kind(models.TextChoices):
        COVER = "cover", _("Voorstelbrief")
        REMINDER = "reminder", _("Herinnering")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="letter_batches")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    tenancies = models.JSONField(default=list)  # Tenancy pks in print order, chosen under the requester's access
    total = models.PositiveIntegerField()
    rendered = models.PositiveIntegerField(default=0)
    job = models.OneToOneField("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["proposal_id", "-id"]
