"""Goal-oriented projects of the cluster: team, milestones, deliverables, and the indicators the
platform computes for the cluster's goals."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person, User
from educluster.core.files import generated_name
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Goal, Indicator, Institution


def deliverable_upload_to(instance: Any, filename: str) -> str:
    return generated_name("projects/deliverables", filename)


class Project(models.Model):
    """A goal-oriented project of the cluster in one of the department's four areas.

    It must serve at least one goal of its own cluster before it can be approved: this is how
    the article's "non-deviation from the general purpose" is checked. Status moves
    proposed → approved → running → completed, and any open project can be cancelled.
    """

    class Area(models.TextChoices):
        RESEARCH = "research", _("research")
        INFORMATION_ANALYTICAL = "information_analytical", _("information-analytical")
        SCIENTIFIC_METHODOLOGICAL = "scientific_methodological", _("scientific-methodological")
        EXPERIMENTAL_INNOVATIVE = "experimental_innovative", _("experimental-innovative")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="projects", verbose_name=_("cluster")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("aim and summary"), blank=True)
    area = models.CharField(_("area"), max_length=30, choices=Area.choices)
    goals = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="projects",
        verbose_name=_("goals served"),
        help_text=_("The cluster goals the project serves; at least one before approval."),
    )
    leader = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="led_projects", verbose_name=_("leader")
    )
    partners = models.ManyToManyField(
        Institution,
        blank=True,
        related_name="partner_projects",
        verbose_name=_("partner institutions"),
    )
    labs = models.ManyToManyField(
        "schoollabs.SchoolLab",
        blank=True,
        related_name="projects",
        verbose_name=_("School-Labs involved"),
        help_text=_("School-Laboratories of the cluster where the project works."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[goals, partners, labs])

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["cluster", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="project_ends_after_start"
            )
        ]

    # Which status may follow which; completed and cancelled are final.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.PROPOSED: (Status.APPROVED, Status.CANCELLED),
        Status.APPROVED: (Status.RUNNING, Status.CANCELLED),
        Status.RUNNING: (Status.COMPLETED, Status.CANCELLED),
    }
    # Projects whose team counts as "involved in research" (a proposal is not research yet).
    RESEARCH_STATUSES = (Status.APPROVED, Status.RUNNING, Status.COMPLETED)

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project", args=[self.pk])

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        self.summary = self.summary.strip()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    @property
    def is_open(self) -> bool:
        """Team, milestones and details may change only while the project is not closed."""
        return self.status in self.TRANSITIONS

    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())

    @property
    def student_members(self) -> list["TeamMember"]:
        """Students on the team (from the prefetched team on list pages)."""
        return [m for m in self.team.all() if m.person.kind == Person.Kind.STUDENT]


class TeamMember(models.Model):
    """A person on a project's team: faculty, a student (with their level and year, from the
    person record), a school teacher, a consultant."""

    class Role(models.TextChoices):
        RESEARCHER = "researcher", _("researcher")
        STUDENT_RESEARCHER = "student_researcher", _("student researcher")
        PRACTITIONER = "practitioner", _("teacher-practitioner")
        CONSULTANT = "consultant", _("consultant")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="team", verbose_name=_("project")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="project_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    task = models.CharField(_("task in the project"), max_length=300, blank=True)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "role", "person__full_name"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["project", "person"], name="team_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}"

    def clean(self) -> None:
        self.task = normalize_uz(self.task)
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The leaving date is before the joining date.")})

    @staticmethod
    def default_role(person: Person) -> str:
        roles: dict[str, str] = {
            Person.Kind.STUDENT: TeamMember.Role.STUDENT_RESEARCHER,
            Person.Kind.TEACHER: TeamMember.Role.PRACTITIONER,
        }
        return roles.get(person.kind, TeamMember.Role.RESEARCHER)


class Milestone(models.Model):
    """A dated step of a project; done when it has a completion date."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "due_date", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        project = self.project
        if self.due_date and self.due_date > project.end_date:
            raise ValidationError(
                {
                    "due_date": _("The due date %(due)s is after the project's end date %(end)s.")
                    % {"due": self.due_date.isoformat(), "end": project.end_date.isoformat()}
                }
            )
        if self.due_date and self.due_date < project.start_date:
            raise ValidationError(
                {
                    "due_date": _(
                        "The due date %(due)s is before the project's start date %(start)s."
                    )
                    % {"due": self.due_date.isoformat(), "start": project.start_date.isoformat()}
                }
            )
        if self.completed_on and self.completed_on > timezone.localdate():
            raise ValidationError({"completed_on": _("The completion date is in the future.")})

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None

    @property
    def is_overdue(self) -> bool:
        return self.completed_on is None and self.due_date < timezone.localdate()


class Deliverable(models.Model):
    """A result of a project, with a file or a link (or both)."""

    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("publication")
        RECOMMENDATION = "recommendation", _("methodological recommendation")
        MANUAL = "manual", _("manual")
        EXHIBITION = "exhibition", _("exhibition")
        SOFTWARE = "software", _("software")
        DATASET = "dataset", _("dataset")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    authors = models.ManyToManyField(
        Person,
        blank=True,
        related_name="deliverables",
        verbose_name=_("authors"),
        help_text=_("Members of the project team."),
    )
    file = models.FileField(_("file"), upload_to=deliverable_upload_to, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True, editable=False)
    link = models.URLField(_("link"), max_length=500, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[authors])

    class Meta:
        ordering = ["project", "-delivered_on", "id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        if not self.file and not self.link:
            message = _("A deliverable needs a file or a link.")
            raise ValidationError({"file": message, "link": message})
        if self.delivered_on and self.delivered_on > timezone.localdate():
            raise ValidationError({"delivered_on": _("The delivery date is in the future.")})


class IndicatorMeasure(models.Model):
    """Ties a goal's indicator to a value the platform computes from its own data (see
    :mod:`educluster.projects.measures`), so a coordinator can update the indicator's current
    value from the data with one click, recorded in the indicator's history."""

    indicator = models.OneToOneField(
        Indicator, on_delete=models.CASCADE, related_name="measure", verbose_name=_("indicator")
    )
    measure = models.CharField(_("computed from"), max_length=60)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator source")
        verbose_name_plural = _("indicator sources")

    def __str__(self) -> str:
        return f"{self.indicator} ← {self.measure}"
