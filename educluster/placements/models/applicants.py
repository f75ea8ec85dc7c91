"""Applicants of a placement round: students (practice) or graduates (employment)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import District, Language

from .rounds import PlacementRound


class Applicant(models.Model):
    """A student (practice) or graduate (employment) taking part in a round."""

    round = models.ForeignKey(
        PlacementRound,
        on_delete=models.CASCADE,
        related_name="applicants",
        verbose_name=_("round"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="placement_applications",
        verbose_name=_("person"),
    )
    specialty = models.CharField(_("specialty"), max_length=120, blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district of residence"),
    )
    grade_average = models.DecimalField(
        _("grade average"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    targeted_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("targeted-training contract district"),
    )
    home_latitude = models.DecimalField(
        _("home latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    home_longitude = models.DecimalField(
        _("home longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    preferences_updated_at = models.DateTimeField(_("list changed"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person__full_name", "pk"]
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="applicant_once_per_round")
        ]

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        self.specialty = normalize_uz(self.specialty)
        if (self.home_latitude is None) != (self.home_longitude is None):
            raise ValidationError(
                {"home_longitude": _("Give both latitude and longitude, or neither.")}
            )

    @property
    def has_contract(self) -> bool:
        return self.targeted_district_id is not None
