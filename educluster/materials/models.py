"""The library of methodological materials and their adoption by member institutions."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person, User
from educluster.core.files import generated_name
from educluster.core.text import normalize_uz
from educluster.materials.search import SearchDocumentField, SearchIndex
from educluster.projects.models import Project
from educluster.registry.models import Cluster, Goal, Institution, Language


def material_upload_to(instance: Any, filename: str) -> str:
    return generated_name("materials", filename)


def normalize_tags(text: str) -> str:
    """Topic tags as one comma-separated, de-duplicated, normalised line.

    >>> normalize_tags(" akvarel,  Milliy naqsh ; akvarel ")
    'akvarel, Milliy naqsh'
    """
    seen: dict[str, str] = {}
    for raw in text.replace(";", ",").split(","):
        tag = normalize_uz(raw)
        if tag and tag.casefold() not in seen:
            seen[tag.casefold()] = tag
    return ", ".join(seen.values())


class Material(models.Model):
    """A methodological material, lesson plan, innovative technology or recommendation.

    A draft is read by its authors and the cluster's coordinators only; once published it is
    read by every member of the cluster, and member institutions record its adoption.
    """

    class Kind(models.TextChoices):
        METHODOLOGICAL = "methodological", _("methodological material")
        LESSON_PLAN = "lesson_plan", _("lesson plan")
        TECHNOLOGY = "technology", _("innovative educational technology")
        RECOMMENDATION = "recommendation", _("methodological recommendation")

    class Level(models.TextChoices):
        PRESCHOOL = "preschool", _("preschool")
        PRIMARY = "primary", _("school, grades 1–4")
        BASIC = "basic", _("school, grades 5–9")
        UPPER = "upper", _("school, grades 10–11")
        ART_SCHOOL = "art_school", _("music and art school")
        UNIVERSITY = "university", _("university")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="materials", verbose_name=_("cluster")
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("annotation"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    subject = models.CharField(_("subject"), max_length=120)
    tags = models.CharField(
        _("topic tags"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    authors = models.ManyToManyField(
        Person, blank=True, related_name="materials", verbose_name=_("authors")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("produced by project"),
    )
    source_study = models.ForeignKey(
        "schoollabs.Study",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=True,
        related_name="materials",
        verbose_name=_("produced by study"),
        help_text=_("The School-Lab study of the cluster the material comes from."),
    )
    source_note = models.CharField(
        _("other source"),
        max_length=300,
        blank=True,
        help_text=_("Other work the material comes from, when it is not a study of the cluster."),
    )
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="materials", verbose_name=_("goals served")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    search_document = SearchDocumentField(null=True, editable=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(
        m2m_fields=[authors, goals], excluded_fields=["search_text", "search_document"]
    )

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [
            models.Index(fields=["cluster", "status"]),
            SearchIndex(fields=["search_document"], name="material_search_gin"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("materials:material", args=[self.pk])

    def clean(self) -> None:
        self.title = normalize_uz(self.title)
        self.subject = normalize_uz(self.subject)
        self.source_note = normalize_uz(self.source_note)
        self.summary = self.summary.strip()
        self.tags = normalize_tags(self.tags)
        if self.project is not None and self.project.cluster_id != self.cluster_id:
            raise ValidationError({"project": _("The project belongs to another cluster.")})
        if self.source_study is not None and self.source_study.cluster_id != self.cluster_id:
            raise ValidationError({"source_study": _("The study belongs to another cluster.")})
        if self.status == self.Status.PUBLISHED and self.published_on is None:
            raise ValidationError({"published_on": _("A published material needs a date.")})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class MaterialFile(models.Model):
    """A file of a material, checked by its content when uploaded."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="files", verbose_name=_("material")
    )
    file = models.FileField(_("file"), upload_to=material_upload_to)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    uploaded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["material", "name"]
        verbose_name = _("material file")
        verbose_name_plural = _("material files")

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """A member institution's record that it put a published material to use: who, when, in
    which classes, with its feedback and a rating from 1 to 5."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("material")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="material_adoptions",
        verbose_name=_("institution"),
    )
    teacher = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="material_adoptions",
        verbose_name=_("who uses it"),
    )
    adopted_on = models.DateField(_("adopted on"), default=timezone.localdate)
    classes = models.CharField(
        _("classes or groups"),
        max_length=200,
        blank=True,
        help_text=_("For example: 5-A, 5-B, the preparatory group."),
    )
    pupils = models.PositiveIntegerField(_("pupils reached"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("From 1 (not useful) to 5 (very useful)."),
    )
    recorded_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-adopted_on", "id"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        indexes = [models.Index(fields=["institution", "adopted_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["material", "institution", "adopted_on"], name="adoption_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.material} — {self.institution}"

    def clean(self) -> None:
        self.classes = normalize_uz(self.classes)
        self.feedback = self.feedback.strip()
        material = self.material
        if not material.is_published or material.published_on is None:
            raise ValidationError(_("Only a published material can be adopted."))
        if self.adopted_on and self.adopted_on < material.published_on:
            raise ValidationError(
                {
                    "adopted_on": _("The material was published on %(date)s, after this date.")
                    % {"date": material.published_on.isoformat()}
                }
            )
        if self.adopted_on and self.adopted_on > timezone.localdate():
            raise ValidationError({"adopted_on": _("The adoption date is in the future.")})
        if self.teacher is not None and self.teacher.institution_id != self.institution_id:
            raise ValidationError(
                {"teacher": _("The person does not work at the adopting institution.")}
            )
