"""Comparative studies: groups (classes), pseudonymous pupils, their results, and the log of
every look at pupil-level data."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution

from ..codes import STUDY_CODE_PATTERN, validate_pupil_code
from .instruments import Instrument, check_scores, total_score
from .labs import HOST_KINDS, SchoolLab, is_active_member


class Wave(models.IntegerChoices):
    """Measurement waves; the values are the statistics engine's wave codes."""

    PRE = 0, _("pre-test")
    POST = 1, _("post-test")
    FOLLOW_UP = 2, _("follow-up")


class Study(models.Model):
    """A comparative study at School-Labs: does an innovation change pupils' results?

    Names an assessment instrument, experimental and control groups (classes) and measurement
    waves (pre, post, optionally follow-up). Standard errors of the difference-in-differences are
    clustered by class or by school (``cluster_level``). Its team (faculty people) and the lab's
    supervisor see and enter pupil-level results; pupils are known only by a code.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        COLLECTING = "collecting", _("collecting data")
        COMPLETED = "completed", _("completed")

    class ClusterLevel(models.TextChoices):
        CLASS = "class", _("class")
        SCHOOL = "school", _("school")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="lab_studies", verbose_name=_("cluster")
    )
    lab = models.ForeignKey(
        SchoolLab, on_delete=models.PROTECT, related_name="studies", verbose_name=_("School-Lab")
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        validators=[
            RegexValidator(STUDY_CODE_PATTERN, _("Use capital Latin letters, digits and hyphens."))
        ],
        help_text=_("Short code used in import files, e.g. DRAW-2026."),
    )
    title = models.CharField(_("title"), max_length=300)
    hypothesis = models.TextField(_("hypothesis"), blank=True)
    instrument = models.ForeignKey(
        Instrument,
        on_delete=models.PROTECT,
        related_name="studies",
        verbose_name=_("assessment instrument"),
    )
    cluster_level = models.CharField(
        _("standard errors clustered by"),
        max_length=8,
        choices=ClusterLevel.choices,
        default=ClusterLevel.CLASS,
    )
    has_follow_up = models.BooleanField(_("has a follow-up wave"), default=False)
    pre_date = models.DateField(_("pre-test date"), null=True, blank=True)
    post_date = models.DateField(_("post-test date"), null=True, blank=True)
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    team = models.ManyToManyField(
        Person, blank=True, related_name="lab_studies", verbose_name=_("study team")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[team])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="study_code_unique")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("schoollabs:study", args=[self.pk])

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        self.code = (self.code or "").strip().upper()
        errors: dict[str, Any] = {}
        if self.lab_id and self.cluster_id and self.lab.cluster_id != self.cluster_id:
            errors["lab"] = _("Choose a School-Lab of this cluster.")
        if self.instrument_id and (
            self.instrument.cluster_id != self.cluster_id
            or self.instrument.use != Instrument.Use.PUPIL_ASSESSMENT
        ):
            errors["instrument"] = _("Choose a pupil assessment instrument of this cluster.")
        if self.pre_date and self.post_date and self.post_date <= self.pre_date:
            errors["post_date"] = _("The post-test comes after the pre-test.")
        if self.follow_up_date and not self.has_follow_up:
            errors["follow_up_date"] = _("Tick “has a follow-up wave” to give its date.")
        if self.follow_up_date and self.post_date and self.follow_up_date <= self.post_date:
            errors["follow_up_date"] = _("The follow-up comes after the post-test.")
        if errors:
            raise ValidationError(errors)

    @property
    def waves(self) -> list[Wave]:
        return [Wave.PRE, Wave.POST] + ([Wave.FOLLOW_UP] if self.has_follow_up else [])


class StudyGroup(models.Model):
    """One class in a study, in the experimental or the control arm.

    Experimental classes are usually at School-Labs, control classes at comparison schools.
    ``code`` (e.g. E1, C1) names the class in import files.
    """

    class Arm(models.IntegerChoices):
        # The values are the statistics engine's group codes.
        CONTROL = 0, _("control")
        EXPERIMENTAL = 1, _("experimental")

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="groups", verbose_name=_("study")
    )
    code = models.CharField(_("code"), max_length=12)
    arm = models.PositiveSmallIntegerField(_("group"), choices=Arm.choices)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    class_label = models.CharField(_("class"), max_length=20)
    grade = models.PositiveSmallIntegerField(
        _("grade"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "-arm", "code"]
        verbose_name = _("study class")
        verbose_name_plural = _("study classes")
        constraints = [
            models.UniqueConstraint(fields=["study", "code"], name="study_group_code_unique"),
            models.UniqueConstraint(
                fields=["study", "institution", "class_label"], name="study_group_class_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.institution} {self.class_label}"

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()
        self.class_label = normalize_uz(self.class_label).upper()
        if self.institution_id and self.study_id:
            if self.institution.kind not in HOST_KINDS:
                raise ValidationError({"institution": _("Choose a school of the cluster.")})
            if not is_active_member(self.study.cluster_id, self.institution_id):
                raise ValidationError(
                    {"institution": _("The school must be an active member of the cluster.")}
                )


class Pupil(models.Model):
    """A pupil in a study, known only by a pseudonymous code (see :mod:`..codes`)."""

    class Sex(models.TextChoices):
        FEMALE = "f", _("girl")
        MALE = "m", _("boy")

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="pupils", verbose_name=_("study")
    )
    group = models.ForeignKey(
        StudyGroup, on_delete=models.CASCADE, related_name="pupils", verbose_name=_("class")
    )
    code = models.CharField(_("pupil code"), max_length=20, validators=[validate_pupil_code])
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["study", "code"]
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        constraints = [
            models.UniqueConstraint(fields=["study", "code"], name="pupil_code_once_per_study")
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.group_id and self.study_id and self.group.study_id != self.study_id:
            raise ValidationError({"group": _("Choose a class of this study.")})


class PupilResult(models.Model):
    """A pupil's answers at one wave: one score per instrument item, and their total."""

    pupil = models.ForeignKey(
        Pupil, on_delete=models.CASCADE, related_name="results", verbose_name=_("pupil")
    )
    wave = models.PositiveSmallIntegerField(_("wave"), choices=Wave.choices)
    scores = models.JSONField(_("scores"), default=list)
    total = models.FloatField(_("total score"), default=0)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pupil", "wave"]
        verbose_name = _("pupil result")
        verbose_name_plural = _("pupil results")
        constraints = [
            models.UniqueConstraint(fields=["pupil", "wave"], name="result_once_per_wave")
        ]

    def __str__(self) -> str:
        return f"{self.pupil_id}/{self.wave}: {self.total:g}"

    def clean(self) -> None:
        if self.pupil_id is None:
            return
        study = self.pupil.study
        if self.wave == Wave.FOLLOW_UP and not study.has_follow_up:
            raise ValidationError({"wave": _("This study has no follow-up wave.")})
        items = list(study.instrument.items.all())
        problems = check_scores(items, self.scores)
        if problems:
            raise ValidationError({"scores": problems})
        self.total = float(total_score(items, self.scores))


class PupilDataAccess(models.Model):
    """One look at or export of pupil-level data: who, when, what. Append-only.

    Pupils are minors; the coordinators read this log to check that only the study team uses
    their results.
    """

    class Action(models.TextChoices):
        VIEW_RESULTS = "view_results", _("viewed the results table")
        VIEW_ENTRY = "view_entry", _("opened results entry")
        SAVE_RESULTS = "save_results", _("entered results")
        EXPORT_XLSX = "export_xlsx", _("exported pupil data (XLSX)")
        IMPORT_FILE = "import_file", _("imported results from a file")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    study = models.ForeignKey(
        Study,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="access_log",
        verbose_name=_("study"),
    )
    study_title = models.CharField(_("study"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    username = models.CharField(_("account"), max_length=150)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    action = models.CharField(_("what"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("pupil data access")
        verbose_name_plural = _("pupil data access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username}: {self.action}"
