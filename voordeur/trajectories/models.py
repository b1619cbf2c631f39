"""Trajectories: one complex's sociaal-renoveren project, its six phases and partners."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.IntegerChoices):
    EXPLORE = 1, _("Verkennen")
    BUILD_UP = 2, _("Opbouwen")
    ENFORCE = 3, _("Handhaven")
    RENOVATE = 4, _("Renoveren")
    ALLOCATE = 5, _("Anders toewijzen")
    AFTERCARE = 6, _("Beheren")


PHASE_PURPOSE = {
    Phase.EXPLORE: _("Weten wat er speelt: wat weten partners al, en met wie moeten we werken?"),
    Phase.BUILD_UP: _("Investeren in bewoners en portieken: bij elke deur aanbellen, doorverwijzen, kansen zien."),
    Phase.ENFORCE: _("Schoon, heel en veilig: gebreken, overlast en ondermijning aanpakken."),
    Phase.RENOVATE: _("Instemming en uitvoering: het renovatievoorstel, 70%, en een planning die past."),
    Phase.ALLOCATE: _("Anders toewijzen: voorrang voor goede buren die willen bijdragen."),
    Phase.AFTERCARE: _("Beheren: we blijven, ook na de werkzaamheden."),
}


class Trajectory(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("naam"), max_length=200)
    complex = models.ForeignKey("places.Complex", on_delete=models.PROTECT, related_name="trajectories")
    current_phase = models.PositiveSmallIntegerField(_("huidige fase"), choices=Phase.choices, default=Phase.EXPLORE)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")

    def __str__(self) -> str:
        return self.name


class PhasePlan(models.Model):
    """Planned and actual dates of one phase; its status follows from the dates."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Gepland")
        ACTIVE = "active", _("Loopt")
        DONE = "done", _("Afgerond")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="phase_plans")
    phase = models.PositiveSmallIntegerField(choices=Phase.choices)
    planned_start = models.DateField(_("gepland begin"), null=True, blank=True)
    planned_end = models.DateField(_("gepland einde"), null=True, blank=True)
    actual_start = models.DateField(_("werkelijk begin"), null=True, blank=True)
    actual_end = models.DateField(_("werkelijk einde"), null=True, blank=True)

    class Meta:
        ordering = ["trajectory_id", "phase"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "phase"], name="one_plan_per_phase")]

    @property
    def status(self) -> str:
        if self.actual_end:
            return self.Status.DONE
        if self.actual_start:
            return self.Status.ACTIVE
        return self.Status.PLANNED

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label

    @property
    def purpose(self) -> str:
        return PHASE_PURPOSE[Phase(self.phase)]


class TrajectoryPartner(models.Model):
    """A partner at the table, and what it agreed to do ("don't do it halfway")."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="partners")
    partner = models.ForeignKey("accounts.Partner", on_delete=models.PROTECT, related_name="trajectories")
    agreement = models.TextField(_("afspraak"), blank=True)
    joined_on = models.DateField(_("aangesloten op"), null=True, blank=True)

    class Meta:
        ordering = ["trajectory_id", "partner__name"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "partner"], name="partner_once_per_trajectory")]
