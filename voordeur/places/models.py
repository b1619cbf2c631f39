"""Complexes, stairwells (portieken) and units: the building, door by door."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

BAG_ID = RegexValidator(r"^\d{16}$", _("Een BAG-id bestaat uit 16 cijfers."))
POSTCODE = RegexValidator(r"^\d{4} ?[A-Z]{2}$", _("Een postcode is 4 cijfers en 2 hoofdletters."))


class Complex(models.Model):
    class Kind(models.TextChoices):
        GALLERY = "gallery", _("Galerijflat")
        PORTIEK = "portiek", _("Portiekflat")
        OTHER = "other", _("Overig")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=200)
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    neighbourhood = models.CharField(_("wijk"), max_length=100, blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.GALLERY)
    storeys = models.PositiveSmallIntegerField(_("bouwlagen"), null=True, blank=True)
    built_year = models.PositiveSmallIntegerField(_("bouwjaar"), null=True, blank=True)
    corporation = models.ForeignKey(
        "accounts.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="complexes"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("complex")

    def __str__(self) -> str:
        return self.name


class Portiek(models.Model):
    """A stairwell / entrance: the unit of neighbourliness and of the complex scan."""

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="portieken")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("naam"), max_length=100, blank=True)

    class Meta:
        ordering = ["complex_id", "code"]
        constraints = [models.UniqueConstraint(fields=["complex", "code"], name="portiek_code_unique_in_complex")]
        verbose_name = _("portiek")
        verbose_name_plural = _("portieken")

    def __str__(self) -> str:
        return self.name or self.code


class Unit(models.Model):
    class Kind(models.TextChoices):
        HOME = "home", _("Woning")
        GUEST_HOME = "guest_home", _("Logeerwoning")
        DAY_ROOM = "day_room", _("Dagverblijf")
        OTHER = "other", _("Overig")

    complex = models.ForeignKey(Complex, on_delete=models.CASCADE, related_name="units")
    portiek = models.ForeignKey(Portiek, on_delete=models.PROTECT, related_name="units")
    unit_id = models.CharField(_("eenheidnummer"), max_length=40, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.HOME)
    floor = models.SmallIntegerField(_("verdieping"))
    riser = models.CharField(_("stijgleiding"), max_length=20, blank=True)
    street = models.CharField(_("straat"), max_length=120)
    number = models.PositiveIntegerField(_("huisnummer"))
    letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    addition = models.CharField(_("toevoeging"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[POSTCODE])
    city = models.CharField(_("plaats"), max_length=100)
    bag_id = models.CharField(_("BAG-id"), max_length=16, blank=True, validators=[BAG_ID])
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["complex_id", "floor", "number", "letter", "addition"]
        indexes = [models.Index(fields=["complex", "floor", "number"])]
        verbose_name = _("eenheid")
        verbose_name_plural = _("eenheden")

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        suffix = f"{self.letter}{'-' + self.addition if self.addition else ''}"
        return f"{self.street} {self.number}{suffix}"
