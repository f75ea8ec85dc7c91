"""Practice seats a member school offers for a term, outside (or besides) a School-Lab."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.accounts.models import Person
from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution, Language


class SeatOffer(models.Model):
    """A member school's head offers ``seats`` practice places for a term in a subject.

    Practice rounds of that term turn every offer into a host (seats minus the trainees already
    placed from it), next to the hosts generated from the School-Labs' term capacities.
    """

    cluster = models.ForeignKey(
        Cluster, on_delete=models.CASCADE, related_name="seat_offers", verbose_name=_("cluster")
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="seat_offers",
        verbose_name=_("institution"),
    )
    term = models.ForeignKey(
        "schoollabs.Term",
        on_delete=models.PROTECT,
        related_name="seat_offers",
        verbose_name=_("term"),
    )
    subject = models.CharField(_("subject"), max_length=120, blank=True)
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language of instruction"),
    )
    seats = models.PositiveSmallIntegerField(_("seats"))
    mentor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seat_offers",
        verbose_name=_("mentor teacher"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("offered by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["term", "institution__name", "subject", "pk"]
        verbose_name = _("seat offer")
        verbose_name_plural = _("seat offers")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "term", "subject"], name="seat_offer_once_per_subject"
            )
        ]

    def __str__(self) -> str:
        name = self.institution.short_name or self.institution.name
        label = f"{name} — {self.subject}" if self.subject else name
        return f"{label} ({self.term})"

    def clean(self) -> None:
        self.subject = normalize_uz(self.subject)
        self.note = normalize_uz(self.note)
        if self.term_id and self.cluster_id and self.term.cluster_id != self.cluster_id:
            raise ValidationError({"term": _("Choose a term of this cluster.")})
        if (
            self.mentor_id
            and self.institution_id
            and self.mentor
            and self.mentor.institution_id != self.institution_id
        ):
            raise ValidationError(
                {"mentor": _("The mentor must be a teacher of the offering school.")}
            )
