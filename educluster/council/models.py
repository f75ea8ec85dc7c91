"""The cluster council: coordinated management of the cluster (issue #14, item 6).

The council is made of the member institutions' representatives; it meets, keeps minutes and
takes decisions, each with a responsible member institution and a due date. A decision is
tracked like an obligation: *overdue* when its due date passes without being marked done,
computed from today on every page (no scheduled job).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.registry.models import Cluster, Goal, Institution


class CouncilMember(models.Model):
    """A member institution's seat on the cluster council, held by the person representing it."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="council_members", verbose_name=_("cluster")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="council_seats",
        verbose_name=_("institution"),
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="council_seats", verbose_name=_("person")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("since"), default=timezone.localdate)
    until = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "role", "institution__name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self) -> str:
        return f"{self.person.full_name} ({self.institution})"


class Meeting(models.Model):
    """A council meeting: its agenda (one item per line) and, once held, its minutes."""

    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        related_name="council_meetings",
        verbose_name=_("cluster"),
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), help_text=_("One item per line."))
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")

    def __str__(self) -> str:
        return str(_("Council meeting of %(date)s") % {"date": self.date.isoformat()})

    def get_absolute_url(self) -> str:
        return reverse("council:meeting", args=[self.pk])

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class DecisionQuerySet(models.QuerySet["Decision"]):
    def overdue(self, today: date | None = None) -> "DecisionQuerySet":
        return self.filter(done_at__isnull=True, due_date__lt=today or timezone.localdate())

    def open(self, today: date | None = None) -> "DecisionQuerySet":
        return self.filter(done_at__isnull=True, due_date__gte=today or timezone.localdate())

    def done(self) -> "DecisionQuerySet":
        return self.filter(done_at__isnull=False)


class Decision(models.Model):
    """A decision of a council meeting, with the member institution responsible for it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        OVERDUE = "overdue", _("overdue")
        DONE = "done", _("done")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    text = models.TextField(_("decision"))
    responsible = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="council_decisions",
        verbose_name=_("responsible institution"),
    )
    due_date = models.DateField(_("due date"))
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_decisions",
        verbose_name=_("goal"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_note = models.TextField(_("note on what was done"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("done by"),
    )

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("council decision")
        verbose_name_plural = _("council decisions")

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def get_absolute_url(self) -> str:
        return reverse("council:decision", args=[self.pk])

    def status_on(self, today: date | None = None) -> str:
        if self.done_at is not None:
            return self.Status.DONE
        if self.due_date < (today or timezone.localdate()):
            return self.Status.OVERDUE
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def done_on_time(self) -> bool:
        return self.done_at is not None and timezone.localdate(self.done_at) <= self.due_date


class WorkPlan(models.Model):
    """The council's work plan for one academic year ("2026/2027")."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="council_plans", verbose_name=_("cluster")
    )
    academic_year = models.CharField(_("academic year"), max_length=9)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "-academic_year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "academic_year"], name="council_plan_year_unique"
            )
        ]

    def __str__(self) -> str:
        return str(_("Work plan %(year)s") % {"year": self.academic_year})

    def get_absolute_url(self) -> str:
        return reverse("council:plan", args=[self.pk])


class PlanItem(models.Model):
    """One item of the work plan: what, by when, which member institution answers for it."""

    plan = models.ForeignKey(
        WorkPlan, on_delete=models.CASCADE, related_name="items", verbose_name=_("work plan")
    )
    title = models.CharField(_("title"), max_length=300)
    due_date = models.DateField(_("due date"))
    responsible = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="council_plan_items",
        verbose_name=_("responsible institution"),
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_plan_items",
        verbose_name=_("goal"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "due_date", "id"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")

    def __str__(self) -> str:
        return self.title
