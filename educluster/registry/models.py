"""The cluster registry: places, institutions, clusters, their goals and memberships."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.models import TranslatedNameMixin
from educluster.core.text import fold, normalize_uz


class Region(TranslatedNameMixin):
    """A first-level administrative unit (viloyat), e.g. Tashkent region."""

    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        ordering = ["name_uz"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class District(TranslatedNameMixin):
    """A district (tuman) or a district-level city (shahar) of a region."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("city")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="districts", verbose_name=_("region")
    )
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)

    class Meta:
        ordering = ["name_uz"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Language(TranslatedNameMixin):
    """A language of instruction (Uzbek, Russian, Karakalpak, …)."""

    code = models.CharField(_("code"), max_length=10, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("language of instruction")
        verbose_name_plural = _("languages of instruction")


class InstitutionQuerySet(models.QuerySet["Institution"]):
    def with_related(self) -> "InstitutionQuerySet":
        return self.select_related("district", "district__region").prefetch_related("languages")

    def search(self, text: str) -> "InstitutionQuerySet":
        text = normalize_uz(text)
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(short_name__icontains=text)
            | Q(code__iexact=text)
            | Q(address__icontains=text)
        )


class Institution(models.Model):
    """Any organisation that can take part in a cluster (DESIGN.md §3 lists the kinds)."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        DEPARTMENT = "department", _("university department")
        GENERAL_SCHOOL = "general_school", _("general school")
        MUSIC_ART_SCHOOL = "music_art_school", _("children's music and art school")
        ART_COLLEGE = "art_college", _("specialised art school or college")
        PRESCHOOL = "preschool", _("preschool")
        DISTRICT_DEPARTMENT = "district_department", _("district education department")
        REGIONAL_AUTHORITY = "regional_authority", _("regional authority")
        TRAINING_CENTRE = "training_centre", _("in-service teacher-training centre")
        EMPLOYER = "employer", _("employer")
        MUSEUM_UNION = "museum_union", _("museum or creative union")
        OTHER = "other", _("other")

    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Registry number or any short unique code; used to match rows on import."),
    )
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("parent institution"),
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("district")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    languages = models.ManyToManyField(
        Language,
        blank=True,
        related_name="institutions",
        verbose_name=_("languages of instruction"),
    )
    head_name = models.CharField(_("head"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[languages])
    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:institution", args=[self.pk])

    def clean(self) -> None:
        self.name = normalize_uz(self.name)
        self.short_name = normalize_uz(self.short_name)
        self.address = normalize_uz(self.address)
        self.head_name = normalize_uz(self.head_name)
        self.code = (self.code or "").strip() or None
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": _("Give both latitude and longitude, or neither.")})

    @property
    def name_key(self) -> str:
        return fold(self.name)


class Cluster(models.Model):
    """An association of institutions with a common goal, led by an integrator institution."""

    slug = models.SlugField(_("short address"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=300)
    common_goal = models.TextField(_("common goal"))
    lead_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="led_clusters",
        verbose_name=_("lead institution"),
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="clusters", verbose_name=_("region")
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:cluster", args=[self.slug])

    def clean(self) -> None:
        self.name = normalize_uz(self.name)
        self.common_goal = self.common_goal.strip()


class Goal(models.Model):
    """A strategic goal of a cluster; projects, agreements and activities point at goals."""

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="goals", verbose_name=_("cluster")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cluster", "number"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(fields=["cluster", "number"], name="goal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Indicator(models.Model):
    """A named, measurable indicator of a goal with its target value.

    Progress = (current − baseline) / (target − baseline), which works whether higher or lower
    values are better, since the sign of the denominator follows the direction.
    """

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("goal")
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=2)
    current_value = models.DecimalField(
        _("current value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target_year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["goal", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def progress_percent(self) -> int | None:
        if self.current_value is None:
            return None
        baseline = self.baseline_value or Decimal(0)
        span = self.target_value - baseline
        if span == 0:
            return 100 if self.current_value == self.target_value else 0
        share = (self.current_value - baseline) / span
        return max(0, min(100, round(share * 100)))


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, on=None) -> "MembershipQuerySet":
        on = on or timezone.localdate()
        # The end date is the day the membership stopped: from then on it is not active.
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gt=on))


class Membership(models.Model):
    """An institution's participation in a cluster, with its role and dates."""

    class Role(models.TextChoices):
        INTEGRATOR = "integrator", _("integrator (lead)")
        PARTNER = "partner", _("partner")
        SCHOOL_LAB = "school_lab", _("School-Laboratory base")
        EMPLOYER = "employer", _("employer")
        AUTHORITY = "authority", _("education authority")
        ASSOCIATE = "associate", _("associate member")

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("cluster")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["cluster", "institution__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "institution"], name="membership_once_per_cluster"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution} — {self.cluster}"

    def clean(self) -> None:
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date is before the start date.")})

    @property
    def is_active(self) -> bool:
        today = timezone.localdate()
        return self.start_date <= today and (self.end_date is None or self.end_date > today)
