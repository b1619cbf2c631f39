"""Works data: per-household planning flags, per-trajectory settings, plan versions and
the dates promised to households.

`WorksNeeds` holds flags only — never the reason behind them (access.md: works_needs).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from voordeur.letters.models import LetterBatchBase


def validate_periods(value) -> None:
    """A list of [start, end] ISO dates with start <= end."""
    if not isinstance(value, list):
        raise ValidationError(_("Geef een lijst van perioden."))
    for item in value:
        try:
            start, end = (dt.date.fromisoformat(part) for part in item)
        except (TypeError, ValueError):
            raise ValidationError(_("Een periode is een begin- en einddatum (JJJJ-MM-DD).")) from None
        if end < start:
            raise ValidationError(_("Een periode eindigt niet voor haar begin."))


class WorksNeeds(models.Model):
    household = models.OneToOneField("households.Household", on_delete=models.CASCADE, related_name="works_needs")
    needs_guest_home = models.BooleanField(_("heeft een logeerwoning nodig"), default=False)
    wants_guest_home = models.BooleanField(_("wil graag een logeerwoning"), default=False)
    priority = models.PositiveSmallIntegerField(
        _("prioriteit van de wens"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)])
    home_during_day = models.BooleanField(_("overdag thuis"), default=False)
    unavailable = models.JSONField(_("niet beschikbaar"), default=list, blank=True, validators=[validate_periods])
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["household_id"]
        verbose_name = _("praktische behoefte bij de werkzaamheden")

    def periods(self) -> list[tuple[dt.date, dt.date]]:
        return [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in self.unavailable]


class WorksSettings(models.Model):
    trajectory = models.OneToOneField("trajectories.Trajectory", on_delete=models.CASCADE,
                                      related_name="works_settings")
    start_date = models.DateField(_("start van de werkzaamheden"))
    work_days = models.PositiveSmallIntegerField(_("werkdagen per woning"), default=20,
                                                 validators=[MinValueValidator(1), MaxValueValidator(200)])
    max_units_in_work = models.PositiveSmallIntegerField(_("woningen tegelijk in uitvoering"), default=12,
                                                         validators=[MinValueValidator(1)])
    max_starts_per_day = models.PositiveSmallIntegerField(_("starts per dag"), default=2,
                                                          validators=[MinValueValidator(1)])
    riser_window_days = models.PositiveSmallIntegerField(_("venster per stijgleiding (werkdagen)"), default=2)
    guest_home_buffer_days = models.PositiveSmallIntegerField(_("marge logeerwoning (werkdagen)"), default=1)
    day_room_capacity = models.PositiveSmallIntegerField(_("plaatsen in het dagverblijf"), default=6)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("instellingen van de werkzaamheden")


class PlanVersion(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Wordt berekend")
        OPTIMAL = "optimal", _("Optimaal")
        FEASIBLE = "feasible", _("Geldig")
        INFEASIBLE = "infeasible", _("Onmogelijk")
        UNKNOWN = "unknown", _("Geen planning gevonden")
        FAILED = "failed", _("Mislukt")

    USABLE = (Status.OPTIMAL, Status.FEASIBLE)

    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    instance = models.JSONField(default=dict)
    plan = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    makespan_days = models.PositiveIntegerField(null=True, blank=True)
    lower_bound_days = models.PositiveIntegerField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    moved_units = models.PositiveIntegerField(null=True, blank=True)
    started_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trajectory_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "number"], name="plan_version_number_unique")]
        verbose_name = _("planversie")

    @property
    def usable(self) -> bool:
        return self.status in self.USABLE

    @property
    def gap_percent(self) -> float | None:
        if not self.makespan_days or self.lower_bound_days is None:
            return None
        return round(100 * (self.makespan_days - self.lower_bound_days) / self.makespan_days, 1)


class PlannedUnit(models.Model):
    """One unit's works in one plan version (category works)."""

    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("households.Household", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    start_day = models.IntegerField()
    end_day = models.IntegerField()
    start_date = models.DateField(_("begin"))
    end_date = models.DateField(_("einde"))
    guest_home = models.ForeignKey("places.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    guest_home_from = models.DateField(null=True, blank=True)
    guest_home_until = models.DateField(null=True, blank=True)
    moved = models.BooleanField(default=False)
    promised = models.BooleanField(default=False)

    class Meta:
        ordering = ["plan_version_id", "start_day", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["plan_version", "unit"], name="planned_unit_once")]


class PromisedStart(models.Model):
    """A start date promised to a household: fixed in every later re-plan."""

    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("places.Unit", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("households.Household", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    start_date = models.DateField(_("beloofde startdatum"))
    promised_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    promised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trajectory", "unit"], name="one_promise_per_unit")]


class LetterBatch(LetterBatchBase):
    """The works letters of one stairwell from one plan version, printed as one PDF by a job.

    The PDF holds names and addresses: only works writers download it, and each download is audited.
    """

    trajectory = models.ForeignKey("trajectories.Trajectory", on_delete=models.CASCADE, related_name="+")
    plan_version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="letter_batches")
    portiek = models.CharField(_("portiek"), max_length=20)
    job = models.ForeignKey("jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    letters = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("brievenbatch")
