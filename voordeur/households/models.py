"""Households, their tenancies and people, and the shared contact log."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Household(models.Model):
    """The people behind one front door under one tenancy."""

    class BestTime(models.TextChoices):
        ANY = "", _("Onbekend")
        MORNING = "morning", _("Ochtend")
        AFTERNOON = "afternoon", _("Middag")
        EVENING = "evening", _("Avond")
        WEEKEND = "weekend", _("Weekend")

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="households")
    # contact
    name = models.CharField(_("naam"), max_length=200)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("taal"), max_length=3, blank=True, help_text=_("ISO 639-code, bijv. nl, tr, ber"))
    interpreter_needed = models.BooleanField(_("tolk nodig"), default=False)
    best_time = models.CharField(_("beste moment"), max_length=20, choices=BestTime.choices, blank=True)
    # household
    notes = models.TextField(_("notities (niet gevoelig)"), blank=True)
    created_by_partner = models.ForeignKey(
        "accounts.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["unit_id", "id"]
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")

    def __str__(self) -> str:
        return self.name


class Tenancy(models.Model):
    """A tenancy agreement: which household lives in which unit, from when to when (inclusive)."""

    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="tenancies")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="tenancies")
    tenancy_id = models.CharField(_("contractnummer"), max_length=40, unique=True)
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "start_date"]
        indexes = [models.Index(fields=["unit", "start_date", "end_date"])]
        verbose_name = _("huurovereenkomst")
        verbose_name_plural = _("huurovereenkomsten")

    def active_on(self, day) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)


class Person(models.Model):
    class Relation(models.TextChoices):
        TENANT = "tenant", _("Hoofdhuurder")
        CO_TENANT = "co_tenant", _("Medehuurder")
        PARTNER = "partner", _("Partner")
        CHILD = "child", _("Kind")
        OTHER = "other", _("Overig")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("naam"), max_length=200)  # contact
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices, default=Relation.TENANT)
    birth_year = models.PositiveSmallIntegerField(
        _("geboortejaar"), null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    language = models.CharField(_("taal"), max_length=3, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["household_id", "id"]
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")


class ContactLogEntry(models.Model):
    """One approach of a household by a partner: who, when, how, about what. Never the content."""

    class Channel(models.TextChoices):
        DOOR = "door", _("Aan de deur")
        PHONE = "phone", _("Telefoon")
        LETTER = "letter", _("Brief")
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Sms/app")
        MEETING = "meeting", _("Afspraak")
        OTHER = "other", _("Anders")

    class Topic(models.TextChoices):
        GETTING_TO_KNOW = "getting_to_know", _("Kennismaken")
        SUPPORT = "support", _("Hulp en ondersteuning")
        REFERRAL = "referral", _("Doorverwijzing")
        REPAIR = "repair", _("Reparatie / onderhoud")
        SAFETY = "safety", _("Veiligheid / overlast")
        RENOVATION = "renovation", _("Renovatie")
        WORKS_APPOINTMENT = "works_appointment", _("Afspraak werkzaamheden")
        RENT = "rent", _("Huur")
        RESEARCH = "research", _("Onderzoek")
        OTHER = "other", _("Anders")

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="contacts")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    contacted_at = models.DateTimeField(_("moment"))
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    topic = models.CharField(_("onderwerp"), max_length=30, choices=Topic.choices)
    reached = models.BooleanField(_("bereikt"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_at", "-id"]
        indexes = [models.Index(fields=["household", "contacted_at"])]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    @property
    def created_by_partner_id(self) -> int:
        return self.partner_id
