"""Continuity pathways: a person's stages from preschool through school and art school to the
university and back to schools as a teacher, linked across the institutions of a cluster.

Pupils are minors: a pupil appears here only once consent is recorded, and only by a pupil code
(with sex and birth year) until they enrol at the university, when the record is linked to
their person record.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution

_YEAR = [MinValueValidator(1950), MaxValueValidator(2100)]
# The foreign keys of Stage that name the source of an automatic stage.
SOURCE_FIELDS = ("source_placement", "source_outcome", "source_award")


class Learner(models.Model):
    """Whose pathway it is: a person of the registry, or a pupil known only by code."""

    class Sex(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")

    class ConsentBy(models.TextChoices):
        PARENT = "parent", _("parent")
        GUARDIAN = "guardian", _("guardian")
        SELF = "self", _("the person (adult)")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="learners", verbose_name=_("cluster")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathways",
        verbose_name=_("person"),
    )
    pupil_code = models.CharField(
        _("pupil code"),
        max_length=40,
        blank=True,
        help_text=_("A code, never a name, while the learner is a pupil."),
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=_YEAR
    )
    consent_by = models.CharField(
        _("consent given by"), max_length=10, choices=ConsentBy.choices, blank=True
    )
    consent_on = models.DateField(_("consent recorded on"), null=True, blank=True)
    consent_reference = models.CharField(
        _("consent document"),
        max_length=120,
        blank=True,
        help_text=_("Number or place of the signed consent form."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name", "pupil_code", "pk"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "pupil_code"],
                condition=~Q(pupil_code=""),
                name="learner_code_once",
            ),
            models.UniqueConstraint(
                fields=["cluster", "person"],
                condition=Q(person__isnull=False),
                name="learner_person_once",
            ),
        ]

    def __str__(self) -> str:
        return self.person.full_name if self.person_id and self.person else self.pupil_code

    def get_absolute_url(self) -> str:
        return reverse("pathways:learner", args=[self.pk])

    def clean(self) -> None:
        self.pupil_code = normalize_uz(self.pupil_code).upper()
        if self.person_id is None:
            if not self.pupil_code:
                raise ValidationError({"pupil_code": _("A pupil is recorded by a pupil code.")})
            if not self.consent_on or not self.consent_by:
                raise ValidationError(
                    {"consent_on": _("A pupil appears here only once consent is recorded.")}
                )

    @property
    def is_pupil(self) -> bool:
        return self.person_id is None


class Stage(models.Model):
    """One stage of a pathway at an institution of the cluster (or named outside it)."""

    class Kind(models.TextChoices):
        PRESCHOOL = "preschool", _("preschool")
        SCHOOL = "school", _("general school")
        ART_SCHOOL = "art_school", _("children's music and art school")
        COMPETITION = "competition", _("competition or olympiad")
        ADMISSION = "admission", _("university admission")
        PRACTICE = "practice", _("practice at a School-Lab")
        GRADUATION = "graduation", _("graduation")
        EMPLOYMENT = "employment", _("employment")

    class Award(models.TextChoices):
        WINNER = "winner", _("winner")
        PRIZE = "prize", _("prize-winner")
        PARTICIPANT = "participant", _("participant")

    class Level(models.TextChoices):
        DISTRICT = "district", _("district")
        REGION = "region", _("region")
        NATIONAL = "national", _("national")
        INTERNATIONAL = "international", _("international")

    ORDER = [k.value for k in Kind]
    TALENT = (Award.WINNER, Award.PRIZE)

    learner = models.ForeignKey(
        Learner, on_delete=models.CASCADE, related_name="stages", verbose_name=_("pathway")
    )
    kind = models.CharField(_("stage"), max_length=12, choices=Kind.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pathway_stages",
        verbose_name=_("institution of the cluster"),
    )
    institution_name = models.CharField(
        _("institution elsewhere"),
        max_length=300,
        blank=True,
        help_text=_("When the institution is not a member of the cluster."),
    )
    start_year = models.PositiveSmallIntegerField(_("from (year)"), validators=_YEAR)
    end_year = models.PositiveSmallIntegerField(
        _("to (year)"), null=True, blank=True, validators=_YEAR
    )
    detail = models.CharField(
        _("detail"),
        max_length=300,
        blank=True,
        help_text=_("Class, programme, position, or the name of the competition."),
    )
    award = models.CharField(_("result"), max_length=12, choices=Award.choices, blank=True)
    level = models.CharField(_("level"), max_length=14, choices=Level.choices, blank=True)
    # Automatic stages name the record EduCluster wrote them from (at most one source each);
    # a stage without a source was entered by hand.
    source_placement = models.ForeignKey(
        "schoollabs.Placement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=True,
        related_name="pathway_stages",
        verbose_name=_("School-Lab placement"),
    )
    source_outcome = models.ForeignKey(
        "placements.GraduateOutcome",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=True,
        related_name="pathway_stages",
        verbose_name=_("graduate employment record"),
    )
    source_award = models.ForeignKey(
        "schoollabs.ActivityAward",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        db_index=True,
        related_name="pathway_stages",
        verbose_name=_("competition result"),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["learner", "start_year", "pk"]
        verbose_name = _("pathway stage")
        verbose_name_plural = _("pathway stages")
        indexes = [models.Index(fields=["kind", "start_year"])]
        constraints = [
            # One stage of a kind per source: recording it again updates that stage.
            models.UniqueConstraint(
                fields=["source_placement", "kind"],
                condition=Q(source_placement__isnull=False),
                name="stage_once_per_placement",
            ),
            models.UniqueConstraint(
                fields=["source_outcome", "kind"],
                condition=Q(source_outcome__isnull=False),
                name="stage_once_per_outcome",
            ),
            models.UniqueConstraint(
                fields=["source_award", "kind"],
                condition=Q(source_award__isnull=False),
                name="stage_once_per_award",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_year}"

    def clean(self) -> None:
        self.institution_name = normalize_uz(self.institution_name)
        self.detail = normalize_uz(self.detail)
        if self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end is before the start.")})
        if self.kind == self.Kind.COMPETITION:
            if not self.award:
                raise ValidationError({"award": _("Give the result of the competition.")})
            if not self.detail:
                raise ValidationError({"detail": _("Name the competition.")})
        else:
            if self.award or self.level:
                raise ValidationError({"award": _("Only a competition has a result and level.")})
            if not self.institution_id and not self.institution_name:
                raise ValidationError(
                    {"institution": _("Choose an institution of the cluster or name one.")}
                )

    @property
    def source(self) -> Any:
        """The record an automatic stage was written from; None for a manual stage."""
        for name in SOURCE_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def is_automatic(self) -> bool:
        return any(getattr(self, f"{name}_id") for name in SOURCE_FIELDS)

    @property
    def place(self) -> str:
        if self.institution_id and self.institution:
            return str(self.institution)
        return self.institution_name
