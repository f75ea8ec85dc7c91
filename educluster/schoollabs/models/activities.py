"""What happens at a School-Lab: activities, their class counts and evidence files."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.files import generated_name
from educluster.core.text import normalize_uz
from educluster.pathways.models import Stage
from educluster.registry.models import Cluster, Goal, Institution

from .labs import SchoolLab


class Activity(models.Model):
    """Something that happened at a member of the cluster — at a School-Lab or elsewhere, the
    university included — with its participants and outcomes.

    Example: an experimental lesson "Perspective in a landscape drawing" at the Chirchiq lab on
    12 November, with a docent, two trainees and the class teacher, for 26 pupils of class 5-A;
    or a regional exhibition of pupils' drawings at the university, with no lab.
    """

    class Kind(models.TextChoices):
        OPEN_LESSON = "open_lesson", _("open lesson")
        MASTER_CLASS = "master_class", _("master class")
        EXPERIMENTAL_LESSON = "experimental_lesson", _("experimental lesson")
        PRACTICE_SESSION = "practice_session", _("practice session")
        EXHIBITION = "exhibition", _("exhibition or competition")
        TEACHER_SEMINAR = "teacher_seminar", _("seminar for teachers")
        CLUB_SESSION = "club_session", _("club session")
        OBSERVATION = "observation", _("observation")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="activities", verbose_name=_("cluster")
    )
    lab = models.ForeignKey(
        SchoolLab,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("School-Lab"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="activities",
        verbose_name=_("where"),
        help_text=_(
            "The member institution where it takes place; a lab's activity is at its host."
        ),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=300)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    methods = models.TextField(
        _("methods and technologies"),
        blank=True,
        help_text=_("Teaching methods and educational technologies used."),
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lab_activities",
        verbose_name=_("cluster goal"),
    )
    faculty = models.ManyToManyField(
        Person, blank=True, related_name="lab_activities_as_faculty", verbose_name=_("faculty")
    )
    students = models.ManyToManyField(
        Person, blank=True, related_name="lab_activities_as_student", verbose_name=_("students")
    )
    teachers = models.ManyToManyField(
        Person, blank=True, related_name="lab_activities_as_teacher", verbose_name=_("teachers")
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

    history = HistoricalRecords(m2m_fields=[faculty, students, teachers])

    class Meta:
        ordering = ["-date", "-start_time", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["lab", "date"]), models.Index(fields=["cluster", "date"])]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("schoollabs:activity", args=[self.pk])

    @property
    def place(self) -> str:
        """The lab's name, or the institution for an activity held outside a lab."""
        if self.lab_id and self.lab:
            return self.lab.name
        return str(self.institution) if self.institution_id else ""

    def clean(self) -> None:
        self.topic = normalize_uz(self.topic)
        lab = self.lab if self.lab_id else None
        if lab is not None:
            # A lab's activity belongs to the lab's cluster and takes place at its host school.
            self.cluster_id = lab.cluster_id
            self.institution_id = lab.host_id
        elif self.kind in LAB_KINDS:
            raise ValidationError(
                {
                    "lab": _("%(kind)s takes place at a School-Lab: choose the lab.")
                    % {"kind": self.get_kind_display()}
                }
            )
        elif self.institution_id is None:
            raise ValidationError({"institution": _("Choose the member where it takes place.")})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": _("Give the start time too.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("The activity must end after it starts.")})
        goal = self.goal if self.goal_id else None
        if goal is not None and self.cluster_id and goal.cluster_id != self.cluster_id:
            raise ValidationError({"goal": _("Choose a goal of the activity's cluster.")})


# Kinds that happen with a School-Lab's pupils and teachers, so they need the lab; the others
# (open lessons, master classes, exhibitions, seminars, clubs) may be held at any member.
LAB_KINDS = (
    Activity.Kind.EXPERIMENTAL_LESSON,
    Activity.Kind.PRACTICE_SESSION,
    Activity.Kind.OBSERVATION,
)


class ActivityAward(models.Model):
    """A learner's result at a competition or exhibition recorded on the activity.

    Recording it writes the competition stage to the learner's pathway (with this row as the
    source). Example: pupil PAR-DMSM-1-2026-004 took the prize at the district exhibition.
    """

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="awards", verbose_name=_("activity")
    )
    learner = models.ForeignKey(
        "pathways.Learner",
        on_delete=models.CASCADE,
        related_name="activity_awards",
        verbose_name=_("pathway"),
    )
    award = models.CharField(_("result"), max_length=12, choices=Stage.Award.choices)
    level = models.CharField(_("level"), max_length=14, choices=Stage.Level.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "pk"]
        verbose_name = _("competition result")
        verbose_name_plural = _("competition results")
        constraints = [
            models.UniqueConstraint(fields=["activity", "learner"], name="award_once_per_learner")
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.get_award_display()}"

    def get_absolute_url(self) -> str:
        return self.activity.get_absolute_url()

    def clean(self) -> None:
        if self.activity_id and self.activity.kind != Activity.Kind.EXHIBITION:
            raise ValidationError(_("Results are recorded for an exhibition or competition only."))
        if (
            self.activity_id
            and self.learner_id
            and self.learner.cluster_id != self.activity.cluster_id
        ):
            raise ValidationError({"learner": _("This pathway is of another cluster.")})


class ActivityClassCount(models.Model):
    """How many pupils of one class took part in an activity."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="class_counts", verbose_name=_("activity")
    )
    class_label = models.CharField(_("class"), max_length=20)
    pupils = models.PositiveSmallIntegerField(
        _("pupils"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["class_label"]
        verbose_name = _("pupils of a class")
        verbose_name_plural = _("pupils by class")
        constraints = [
            models.UniqueConstraint(fields=["activity", "class_label"], name="activity_class_once")
        ]

    def __str__(self) -> str:
        return f"{self.class_label}: {self.pupils}"

    def clean(self) -> None:
        self.class_label = normalize_uz(self.class_label).upper()


def _evidence_upload_to(instance: "ActivityFile", filename: str) -> str:
    return generated_name("schoollabs/evidence", filename)


class ActivityFile(models.Model):
    """A photo or document evidencing an activity; served only through a scoped view."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="files", verbose_name=_("activity")
    )
    file = models.FileField(_("file"), upload_to=_evidence_upload_to)
    original_name = models.CharField(_("file name"), max_length=255)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    is_image = models.BooleanField(_("photo"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.caption or self.original_name


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """A user's secret for calendar subscriptions.

    Calendar apps fetch feeds without the user's session, so each feed address carries this
    token; the feed then shows what the token's owner may see, checked at every fetch. Making a
    new token revokes the old one (every address built on it stops working).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_token",
        verbose_name=_("account"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return str(self.user)
