"""School-Laboratory platforms and the terms their trainees are placed for."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution, Membership

# Kinds of institution that can host a School-Laboratory: places where pupils learn.
HOST_KINDS = (
    Institution.Kind.GENERAL_SCHOOL,
    Institution.Kind.MUSIC_ART_SCHOOL,
    Institution.Kind.ART_COLLEGE,
    Institution.Kind.PRESCHOOL,
)


def is_active_member(cluster_id: int, institution_id: int) -> bool:
    return (
        Membership.objects.active()
        .filter(cluster_id=cluster_id, institution_id=institution_id)
        .exists()
    )


class SchoolLab(models.Model):
    """A School-Laboratory: an experimental platform of the cluster at a member school.

    Faculty and students of the university work there with pupils and teachers (practice,
    experimental lessons, observation). The scientific supervisor is a faculty member, the school
    coordinator a teacher of the host school; the lab takes up to ``capacity_per_term`` trainees
    each term. Example: the Fine Arts lab at Chirchiq school No. 3, supervised by a docent of the
    department, established under cooperation agreement No. 14 of 1 September 2021.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        CLOSED = "closed", _("closed")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="school_labs", verbose_name=_("cluster")
    )
    host = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="school_labs",
        verbose_name=_("host school"),
    )
    name = models.CharField(_("name"), max_length=200)
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="school_labs",
        verbose_name=_("cooperation agreement"),
        help_text=_("The agreement of the cluster, with the host school as a party."),
    )
    # For an agreement made before the cluster used EduCluster: named in words.
    agreement_reference = models.CharField(
        _("agreement"),
        max_length=200,
        blank=True,
        help_text=_("Number and date of the cooperation agreement the lab is established under."),
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    supervisor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="supervised_labs",
        verbose_name=_("scientific supervisor"),
    )
    school_coordinator = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="coordinated_labs",
        verbose_name=_("school coordinator"),
    )
    focus_topics = models.TextField(_("focus topics"), blank=True)
    facilities = models.TextField(_("facilities"), blank=True)
    capacity_per_term = models.PositiveSmallIntegerField(
        _("trainees per term"), default=6, help_text=_("How many trainees the lab takes a term.")
    )
    evaluation_rubric = models.ForeignKey(
        "schoollabs.Instrument",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trainee evaluation rubric"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("School-Lab")
        verbose_name_plural = _("School-Labs")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "host"], name="schoollab_once_per_host")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("schoollabs:lab", args=[self.pk])

    def clean(self) -> None:
        self.name = normalize_uz(self.name)
        self.agreement_reference = normalize_uz(self.agreement_reference)
        errors: dict[str, Any] = {}
        if self.host_id and self.cluster_id:
            if self.host.kind not in HOST_KINDS:
                errors["host"] = _(
                    "A School-Lab is hosted by a school, an art school or a preschool."
                )
            elif not is_active_member(self.cluster_id, self.host_id):
                errors["host"] = _("The host must be an active member of the cluster.")
        if self.agreement_id and self.cluster_id:
            agreement = self.agreement
            if agreement is not None and (
                agreement.cluster_id != self.cluster_id
                or not agreement.parties.filter(institution_id=self.host_id).exists()
            ):
                errors["agreement"] = _(
                    "The host school must be a party to this agreement of the cluster."
                )
        if self.supervisor_id and self.supervisor.kind != Person.Kind.FACULTY:
            errors["supervisor"] = _("The scientific supervisor must be a faculty member.")
        if self.school_coordinator_id and self.host_id:
            coordinator = self.school_coordinator
            if (
                coordinator.kind != Person.Kind.TEACHER
                or coordinator.institution_id != self.host_id
            ):
                errors["school_coordinator"] = _(
                    "The school coordinator must be a teacher of the host school."
                )
        rubric = self.evaluation_rubric
        if rubric is not None and (
            rubric.cluster_id != self.cluster_id or rubric.use != rubric.Use.TRAINEE_EVALUATION
        ):
            errors["evaluation_rubric"] = _("Choose a trainee evaluation rubric of this cluster.")
        if errors:
            raise ValidationError(errors)


class Term(models.Model):
    """A period trainees are placed for, e.g. the autumn semester of 2026–2027."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="lab_terms", verbose_name=_("cluster")
    )
    name = models.CharField(_("name"), max_length=80)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "name"], name="term_name_unique"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalize_uz(self.name)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})
