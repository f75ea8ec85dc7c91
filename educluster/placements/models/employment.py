"""Graduate employment one year after graduation, and targeted-training contracts."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, District, Institution

from .results import Assignment

_YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]


class TargetedContract(models.Model):
    """A targeted-training contract: the student was admitted on a district's quota and must
    work there for ``years_required`` years after graduation.

    Fulfilment = years worked in the district (from ``work_started_on`` to ``work_ended_on`` or
    today) ÷ ``years_required``; the contract is fulfilled at 100 %.
    """

    class Status(models.TextChoices):
        STUDYING = "studying", _("studying")
        WORKING = "working", _("working off the contract")
        FULFILLED = "fulfilled", _("fulfilled")
        BREACHED = "breached", _("not fulfilled")
        RELEASED = "released", _("released from the obligation")

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="targeted_contracts",
        verbose_name=_("cluster"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="targeted_contracts",
        verbose_name=_("person"),
    )
    number = models.CharField(_("number"), max_length=40, blank=True)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    sponsor = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ordering body"),
        help_text=_("The district education department that placed the order."),
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    subject = models.ForeignKey(
        "workforce.Subject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("subject"),
        help_text=_("The subject the graduate is to teach in the district."),
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="targeted_contracts",
        verbose_name=_("employment placement"),
    )
    admission_year = models.PositiveSmallIntegerField(_("admission year"), validators=_YEAR)
    graduation_year = models.PositiveSmallIntegerField(
        _("graduation year"), null=True, blank=True, validators=_YEAR
    )
    years_required = models.PositiveSmallIntegerField(
        _("years to work"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    work_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("workplace"),
    )
    work_started_on = models.DateField(_("started work on"), null=True, blank=True)
    work_ended_on = models.DateField(_("left work on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.STUDYING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name", "pk"]
        verbose_name = _("targeted-training contract")
        verbose_name_plural = _("targeted-training contracts")

    def __str__(self) -> str:
        return f"{self.person} — {self.district}"

    def clean(self) -> None:
        self.number = normalize_uz(self.number)
        self.programme = normalize_uz(self.programme)
        if self.graduation_year and self.graduation_year < self.admission_year:
            raise ValidationError(
                {"graduation_year": _("The graduation year is before the admission year.")}
            )
        if (
            self.work_ended_on
            and self.work_started_on
            and self.work_ended_on < self.work_started_on
        ):
            raise ValidationError({"work_ended_on": _("The end is before the start of work.")})
        if self.status in (self.Status.WORKING, self.Status.FULFILLED) and not self.work_started_on:
            raise ValidationError({"work_started_on": _("Give the date work started.")})
        if (
            self.work_institution_id
            and self.work_institution
            and self.work_institution.district_id != self.district_id
        ):
            raise ValidationError(
                {"work_institution": _("The workplace is not in the contract's district.")}
            )

    def years_served(self, today: date | None = None) -> float:
        if self.work_started_on is None:
            return 0.0
        end = self.work_ended_on or today or timezone.localdate()
        return max(0.0, (end - self.work_started_on).days / 365.25)

    @property
    def placement_fit(self) -> tuple[bool, bool | None] | None:
        """(district matched, subject matched) of the linked employment placement; the subject
        is None when the contract or the placement names none. None without a placement."""
        assignment = self.assignment if self.assignment_id else None
        host = assignment.host if assignment is not None and assignment.host_id else None
        if host is None:
            return None
        district = host.institution.district_id == self.district_id
        vacancy = host.vacancy if host.vacancy_id else None
        if self.subject_id is None or vacancy is None:
            return district, None
        return district, vacancy.position.subject_id == self.subject_id

    @property
    def fulfilment_percent(self) -> int:
        if self.status == self.Status.FULFILLED:
            return 100
        return min(100, round(100 * self.years_served() / self.years_required))


class GraduateOutcome(models.Model):
    """Where a graduate is one year after graduation.

    The status comes from the result of an employment round, from the graduate's own report or
    from the coordinator; the employing institution's head confirms or disputes it (mutual
    control). "Employed in the specialty" means teaching in the specialty, inside the cluster
    or elsewhere.
    """

    class Status(models.TextChoices):
        TEACHING_CLUSTER = "teaching_cluster", _("teaching in the specialty inside the cluster")
        TEACHING_ELSEWHERE = "teaching_elsewhere", _("teaching in the specialty elsewhere")
        OTHER_SECTOR = "other_sector", _("working in another sector")
        FURTHER_STUDY = "further_study", _("further study")
        NOT_EMPLOYED = "not_employed", _("not employed")

    class Source(models.TextChoices):
        ROUND = "round", _("placement round result")
        SELF_REPORT = "self_report", _("graduate's own report")
        EMPLOYER = "employer", _("employing institution")
        COORDINATOR = "coordinator", _("coordinator")

    class Confirmation(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("not confirmed yet")
        CONFIRMED = "confirmed", _("confirmed by the employer")
        DISPUTED = "disputed", _("disputed by the employer")

    IN_SPECIALTY = (Status.TEACHING_CLUSTER, Status.TEACHING_ELSEWHERE)

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="graduate_outcomes",
        verbose_name=_("cluster"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="graduate_outcomes",
        verbose_name=_("graduate"),
    )
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), validators=_YEAR)
    programme = models.CharField(_("programme"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="graduate_outcomes",
        verbose_name=_("employer in the cluster"),
    )
    employer_name = models.CharField(
        _("employer elsewhere"),
        max_length=300,
        blank=True,
        help_text=_("Name the employer or place of study when it is not in the cluster."),
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placement result"),
    )
    measured_on = models.DateField(_("as of"), default=timezone.localdate)
    confirmation = models.CharField(
        _("confirmation"),
        max_length=12,
        choices=Confirmation.choices,
        default=Confirmation.UNCONFIRMED,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmation_note = models.CharField(_("employer's note"), max_length=300, blank=True)
    self_reported_at = models.DateTimeField(_("reported by the graduate"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-graduation_year", "person__full_name", "pk"]
        verbose_name = _("graduate employment")
        verbose_name_plural = _("graduate employment")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "person", "graduation_year"], name="outcome_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.graduation_year})"

    def get_absolute_url(self) -> str:
        return reverse("placements:outcome", args=[self.pk])

    def clean(self) -> None:
        self.programme = normalize_uz(self.programme)
        self.employer_name = normalize_uz(self.employer_name)
        if self.status == self.Status.TEACHING_CLUSTER and self.institution_id is None:
            raise ValidationError(
                {
                    "institution": _(
                        "Name the institution of the cluster where the graduate teaches."
                    )
                }
            )
        if self.status == self.Status.NOT_EMPLOYED and (self.institution_id or self.employer_name):
            raise ValidationError({"status": _("A graduate who is not employed has no employer.")})

    @property
    def in_specialty(self) -> bool:
        return self.status in self.IN_SPECIALTY
