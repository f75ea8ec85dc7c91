"""Reference inputs of the forecast: subjects, a cluster's norms, curriculum, pupils, attrition
and graduates. Each cluster keeps its own copy, edited on pages or imported from XLSX."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.models import TranslatedNameMixin
from educluster.workforce import reference

ZERO = Decimal(0)
ONE = Decimal(1)
RATE_VALIDATORS = [MinValueValidator(ZERO), MaxValueValidator(ONE)]
GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(11)]
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class AgeBand(models.TextChoices):
    """Five-year teacher age bands, the forecast engine's bands (``reference.AGE_BAND_EDGES``)."""

    A20 = "20-24", "20–24"
    A25 = "25-29", "25–29"
    A30 = "30-34", "30–34"
    A35 = "35-39", "35–39"
    A40 = "40-44", "40–44"
    A45 = "45-49", "45–49"
    A50 = "50-54", "50–54"
    A55 = "55-59", "55–59"
    A60 = "60-64", "60–64"
    A65 = "65-69", "65–69"


assert tuple(AgeBand.values) == reference.AGE_BANDS


class Subject(TranslatedNameMixin):
    """A school subject that positions, the curriculum and graduates' specialties refer to.

    The fine-arts-related subjects ship with the app (``reference.SUBJECTS``); a platform
    administrator may add more in the admin.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


class WorkforceSettings(models.Model):
    """A cluster's forecast norms and assumptions, with documented defaults.

    ``load_norm``: weekly teaching hours of one full-time post (default 18, the customary stavka
    of a general-school teacher in Uzbekistan). ``retirement_age``: teachers ageing past it
    retire (default 60; see ``reference.DEFAULT_RETIREMENT_AGE``). The three uncertainty
    settings give the spread of the Monte-Carlo draws: attrition and employment are scaled by a
    log-normal factor with median 1 and the given sigma, grade-1 intake growth is shifted by a
    normal draw with mean 0 and the given standard deviation, independently per district.
    """

    class Rounding(models.TextChoices):
        CEIL = "ceil", _("whole classes (a class opens when the norm is exceeded)")
        CONTINUOUS = "continuous", _("average classes (pupils ÷ class size)")

    cluster = models.OneToOneField(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="workforce_settings",
        verbose_name=_("cluster"),
    )
    load_norm = models.DecimalField(
        _("teaching load of a full-time post (hours per week)"),
        max_digits=4,
        decimal_places=1,
        default=reference.DEFAULT_LOAD_NORM,
        validators=[MinValueValidator(ONE), MaxValueValidator(Decimal(40))],
    )
    retirement_age = models.PositiveSmallIntegerField(
        _("retirement age"),
        default=reference.DEFAULT_RETIREMENT_AGE,
        choices=[(a, str(a)) for a in reference.RETIREMENT_AGE_CHOICES],
    )
    default_class_size = models.DecimalField(
        _("class-size norm (pupils per class)"),
        max_digits=4,
        decimal_places=1,
        default=reference.DEFAULT_CLASS_SIZE,
        validators=[MinValueValidator(ONE), MaxValueValidator(Decimal(60))],
        help_text=_("Used where the number of classes is not given."),
    )
    class_rounding = models.CharField(
        _("class count"), max_length=12, choices=Rounding.choices, default=Rounding.CEIL
    )
    repetition_rate = models.DecimalField(
        _("repetition rate"),
        max_digits=5,
        decimal_places=4,
        default=ZERO,
        validators=RATE_VALIDATORS,
        help_text=_("Share of pupils repeating a grade each year."),
    )
    programme_length = models.PositiveSmallIntegerField(
        _("programme length (years)"),
        default=reference.DEFAULT_PROGRAMME_LENGTH,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
    )
    completion_rate = models.DecimalField(
        _("completion rate of admitted students"),
        max_digits=5,
        decimal_places=4,
        default=reference.DEFAULT_COMPLETION_RATE,
        validators=RATE_VALIDATORS,
    )
    attrition_uncertainty = models.DecimalField(
        _("uncertainty of attrition (log-normal sigma)"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.20"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(ONE)],
    )
    intake_growth_uncertainty = models.DecimalField(
        _("uncertainty of grade-1 intake growth (standard deviation)"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.01"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal("0.5"))],
    )
    employment_uncertainty = models.DecimalField(
        _("uncertainty of graduate employment (log-normal sigma)"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.10"),
        validators=[MinValueValidator(ZERO), MaxValueValidator(ONE)],
    )
    curriculum_source = models.TextField(
        _("source of the curriculum table"),
        blank=True,
        default=reference.EXAMPLE_CURRICULUM_SOURCE,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workforce settings")
        verbose_name_plural = _("workforce settings")

    def __str__(self) -> str:
        return str(self.cluster)


class CurriculumHours(models.Model):
    """Weekly hours of one subject per class of one grade, in a cluster's curriculum table."""

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    subject = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="+", verbose_name=_("subject")
    )
    grade = models.PositiveSmallIntegerField(_("grade"), validators=GRADE_VALIDATORS)
    weekly_hours = models.DecimalField(
        _("weekly hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(ZERO), MaxValueValidator(Decimal(40))],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["subject__order", "grade"]
        verbose_name = _("curriculum hours")
        verbose_name_plural = _("curriculum hours")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "subject", "grade"], name="curriculum_once_per_grade"
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=11), name="curriculum_grade_1_11"
            ),
            models.CheckConstraint(condition=Q(weekly_hours__gte=0), name="curriculum_hours_ge_0"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} · {self.grade}"


class DistrictNorm(models.Model):
    """A district's norms: class size, growth of grade-1 intake, share of graduates it gets.

    Empty class size → the cluster's norm; empty growth → estimated from the pupil history
    (geometric mean growth of grade 1). ``graduate_share`` is the share of the cluster
    university's graduates who go to work in this district.
    """

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    district = models.ForeignKey(
        "registry.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    max_class_size = models.DecimalField(
        _("class-size norm (pupils per class)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(ONE), MaxValueValidator(Decimal(60))],
    )
    intake_growth = models.DecimalField(
        _("yearly growth of grade-1 intake"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-0.5")), MaxValueValidator(Decimal("0.5"))],
        help_text=_("E.g. 0.02 for 2 % a year; empty: estimated from the pupil history."),
    )
    graduate_share = models.DecimalField(
        _("share of graduates who work in the district"),
        max_digits=5,
        decimal_places=4,
        default=ZERO,
        validators=RATE_VALIDATORS,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["district__name_uz"]
        verbose_name = _("district norm")
        verbose_name_plural = _("district norms")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "district"], name="district_norm_once"),
            models.CheckConstraint(
                condition=Q(graduate_share__gte=0, graduate_share__lte=1),
                name="district_norm_share_0_1",
            ),
        ]

    def __str__(self) -> str:
        return str(self.district)


class PupilCount(models.Model):
    """Pupils (and, when known, classes) of one grade and language of instruction in a district,
    in the school year starting in ``year``."""

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    district = models.ForeignKey(
        "registry.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    year = models.PositiveSmallIntegerField(_("school year (start)"), validators=YEAR_VALIDATORS)
    grade = models.PositiveSmallIntegerField(_("grade"), validators=GRADE_VALIDATORS)
    language = models.ForeignKey(
        "registry.Language",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    pupils = models.PositiveIntegerField(_("pupils"))
    classes = models.PositiveIntegerField(_("classes"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["district__name_uz", "-year", "grade", "language_id"]
        verbose_name = _("pupil count")
        verbose_name_plural = _("pupil counts")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "district", "year", "grade", "language"],
                name="pupil_count_once",
            ),
            models.CheckConstraint(
                condition=Q(grade__gte=1, grade__lte=11), name="pupil_count_grade_1_11"
            ),
        ]
        indexes = [models.Index(fields=["cluster", "year"])]

    def __str__(self) -> str:
        return f"{self.district} {self.year} · {self.grade}"


class AttritionRate(models.Model):
    """Yearly share of teachers of an age band who leave for reasons other than retirement."""

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    age_band = models.CharField(_("age band"), max_length=5, choices=AgeBand.choices)
    rate = models.DecimalField(
        _("attrition rate"), max_digits=5, decimal_places=4, validators=RATE_VALIDATORS
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["age_band"]
        verbose_name = _("attrition rate")
        verbose_name_plural = _("attrition rates")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "age_band"], name="attrition_once"),
            models.CheckConstraint(
                condition=Q(rate__gte=0, rate__lte=1), name="attrition_rate_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.age_band}: {self.rate}"


class GraduateCohort(models.Model):
    """Graduates of the cluster's university in one specialty and year, and the share of them
    who took a teaching post in their specialty (the historic employment rate)."""

    cluster = models.ForeignKey(
        "registry.Cluster", on_delete=models.CASCADE, related_name="+", verbose_name=_("cluster")
    )
    specialty = models.ForeignKey(
        Subject, on_delete=models.PROTECT, related_name="+", verbose_name=_("specialty")
    )
    year = models.PositiveSmallIntegerField(_("graduation year"), validators=YEAR_VALIDATORS)
    graduates = models.PositiveIntegerField(_("graduates"))
    employment_rate = models.DecimalField(
        _("employment rate in the specialty"),
        max_digits=5,
        decimal_places=4,
        validators=RATE_VALIDATORS,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "specialty__order"]
        verbose_name = _("graduate cohort")
        verbose_name_plural = _("graduate cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "specialty", "year"], name="graduate_cohort_once"
            ),
            models.CheckConstraint(
                condition=Q(employment_rate__gte=0, employment_rate__lte=1),
                name="graduate_employment_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.specialty} {self.year}"
