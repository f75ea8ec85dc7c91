"""The market of educational services among a cluster's members (issue #14 item 5).

A member offers a service (a course, a master class, consulting, the use of its studio or
equipment); another member of the same cluster requests it; the provider accepts or declines,
delivers it, and the requester confirms the delivery with a rating. Every step is kept in the
history, so uptake and satisfaction are mutually controlled: the provider cannot confirm its own
delivery.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ServiceQuerySet(models.QuerySet["Service"]):
    def search(self, text: str) -> "ServiceQuerySet":
        """Case-insensitive match on the title or the description (any script)."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(Q(title__icontains=text) | Q(description__icontains=text))


class Service(models.Model):
    """An educational service one member institution offers to the other members."""

    class Kind(models.TextChoices):
        COURSE = "course", _("course")
        MASTER_CLASS = "master_class", _("master class")
        CONSULTING = "consulting", _("consulting")
        METHODOLOGICAL_HELP = "methodological_help", _("methodological help")
        STUDIO_USE = "studio_use", _("use of a studio")
        EQUIPMENT_USE = "equipment_use", _("use of equipment")

    class Audience(models.TextChoices):
        TEACHERS = "teachers", _("teachers")
        STUDENTS = "students", _("students")
        PUPILS = "pupils", _("pupils")
        PRESCHOOL = "preschool", _("preschool children")
        ANY = "any", _("anyone")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        MIXED = "mixed", _("mixed")

    cluster = models.ForeignKey(
        "registry.Cluster",
        on_delete=models.CASCADE,
        related_name="services",
        verbose_name=_("cluster"),
    )
    provider = models.ForeignKey(
        "registry.Institution",
        on_delete=models.PROTECT,
        related_name="services_offered",
        verbose_name=_("provider"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ANY
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    price = models.DecimalField(
        _("price, soʻm"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty if the service is free."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("How many people at a time, if limited.")
    )
    is_active = models.BooleanField(_("offered now"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("educational service")
        verbose_name_plural = _("educational services")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("market:service", args=[self.pk])

    @property
    def is_free(self) -> bool:
        return self.price is None or self.price == 0


class ServiceRequest(models.Model):
    """One member's request for another member's service, and how it went.

    ``requested`` → ``accepted`` or ``declined``; ``accepted`` → ``delivered`` (by the provider);
    ``delivered`` → ``confirmed`` (by the requester, with a rating 1–5).
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        DELIVERED = "delivered", _("delivered")
        CONFIRMED = "confirmed", _("confirmed")

    # status -> the statuses it may move to
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.REQUESTED: (Status.ACCEPTED, Status.DECLINED),
        Status.ACCEPTED: (Status.DELIVERED,),
        Status.DELIVERED: (Status.CONFIRMED,),
        Status.DECLINED: (),
        Status.CONFIRMED: (),
    }

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="requests", verbose_name=_("service")
    )
    requester = models.ForeignKey(
        "registry.Institution",
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("requesting institution"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    message = models.TextField(_("message"), blank=True)
    wanted_date = models.DateField(_("wanted date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("comment on the rating"), blank=True)
    is_demo = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="market_rating_1_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.requester}"

    def get_absolute_url(self) -> str:
        return reverse("market:service", args=[self.service_id])

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    def move_to(self, status: str, *, rating: int | None = None, comment: str = "") -> None:
        """Apply one transition to this row (not saved), or raise ``ValidationError``."""
        if not self.can_move_to(status):
            raise ValidationError(
                _("A request that is %(current)s cannot be marked %(new)s.")
                % {
                    "current": self.get_status_display(),
                    "new": self.Status(status).label,
                },
                code="invalid_transition",
            )
        now = timezone.now()
        if status == self.Status.CONFIRMED:
            if rating is None or not 1 <= int(rating) <= 5:
                raise ValidationError(
                    {"rating": _("Give a rating from 1 to 5.")}, code="rating_required"
                )
            self.rating = int(rating)
            self.rating_comment = comment
            self.confirmed_at = now
        elif status == self.Status.ACCEPTED:
            self.accepted_at = now
        elif status == self.Status.DECLINED:
            self.declined_at = now
        elif status == self.Status.DELIVERED:
            self.delivered_at = now
        self.status = status
