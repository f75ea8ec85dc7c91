"""People, their accounts, and the roles an account holds per cluster and per institution."""

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from educluster.core.text import normalize_uz
from educluster.registry.models import Cluster, Institution


class User(AbstractUser):
    """A login account. What it may see and do comes from its :class:`RoleAssignment` rows.

    ``preferred_language`` is the language of the pages after login, of the e-mails sent to
    the account and the default language of the documents it downloads.
    """

    class Language(models.TextChoices):
        UZBEK = "uz", "Oʻzbekcha"
        RUSSIAN = "ru", "Русский"
        ENGLISH = "en", "English"

    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=Language.choices,
        default=Language.UZBEK,
        help_text=_("Pages after login, e-mails and downloaded documents use this language."),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    @property
    def display_name(self) -> str:
        person = getattr(self, "person", None)
        if person is not None:
            return person.full_name
        return self.get_full_name() or self.username


class Person(models.Model):
    """Anyone the cluster works with: faculty, school staff, students, mentors, officials.

    A person may have no account (most pupils' teachers never log in); an account belongs to at
    most one person.
    """

    class Kind(models.TextChoices):
        FACULTY = "faculty", _("faculty member")
        TEACHER = "teacher", _("school teacher")
        STAFF = "staff", _("administrative staff")
        STUDENT = "student", _("student")
        OFFICIAL = "official", _("official")
        OTHER = "other", _("other")

    class StudyLevel(models.TextChoices):
        BACHELOR = "bachelor", _("bachelor")
        MASTER = "master", _("master")

    full_name = models.CharField(_("full name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="people", verbose_name=_("institution")
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    study_level = models.CharField(
        _("study level"), max_length=10, choices=StudyLevel.choices, blank=True
    )
    study_year = models.PositiveSmallIntegerField(_("year of study"), null=True, blank=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    user = models.OneToOneField(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["full_name"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("accounts:person", args=[self.pk])

    def clean(self) -> None:
        self.full_name = normalize_uz(self.full_name)
        self.position = normalize_uz(self.position)
        self.programme = normalize_uz(self.programme)
        if self.kind == self.Kind.STUDENT:
            if not self.study_level:
                raise ValidationError({"study_level": _("A student needs a study level.")})
            limit = 4 if self.study_level == self.StudyLevel.BACHELOR else 2
            if self.study_year is None or not 1 <= self.study_year <= limit:
                raise ValidationError(
                    {
                        "study_year": _("The year of study must be between 1 and %(limit)d.")
                        % {"limit": limit}
                    }
                )
        elif self.study_level or self.study_year:
            raise ValidationError({"study_level": _("Only students have a study level and year.")})


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("cluster coordinator")
    MEMBER_HEAD = "member_head", _("member head")
    FACULTY = "faculty", _("faculty member")
    STUDENT = "student", _("student")
    MENTOR = "mentor", _("mentor teacher")
    ANALYST = "analyst", _("analyst")
    ADMINISTRATOR = "administrator", _("platform administrator")


# Which scope each role needs: a cluster, an institution, or neither.
CLUSTER_ROLES = {Role.COORDINATOR}
INSTITUTION_ROLES = {Role.MEMBER_HEAD, Role.FACULTY, Role.STUDENT, Role.MENTOR}


class RoleAssignment(models.Model):
    """One role of one account, in one cluster or at one institution.

    Coordinators act for a cluster; member heads, faculty, students and mentors act at an
    institution (and so in every cluster it is a member of); an analyst reads one cluster, or
    every cluster when no cluster is given; administrators run the platform.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("account")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("cluster"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("institution"),
    )
    granted_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self) -> str:
        scope = self.cluster or self.institution
        label = self.get_role_display()
        return f"{label} — {scope}" if scope else str(label)

    def clean(self) -> None:
        if self.role in CLUSTER_ROLES and self.cluster_id is None:
            raise ValidationError({"cluster": _("This role needs a cluster.")})
        if self.role in INSTITUTION_ROLES and self.institution_id is None:
            raise ValidationError({"institution": _("This role needs an institution.")})
        if self.role == Role.ADMINISTRATOR and (self.cluster_id or self.institution_id):
            raise ValidationError(
                {"role": _("A platform administrator has no cluster or institution.")}
            )


class TwoFactorDevice(models.Model):
    """An account's authenticator app: the shared TOTP secret (RFC 6238) and its use.

    A device exists only once its first code was confirmed (the secret waits in the session
    until then). ``last_used_step`` stops a code from being played again; ``failed_attempts``
    and ``locked_until`` stop codes from being guessed. The history records enrolment and
    removal, never the secret.
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="two_factor", verbose_name=_("account")
    )
    secret = models.CharField(_("secret"), max_length=64)
    confirmed_at = models.DateTimeField(_("confirmed at"))
    last_used_step = models.BigIntegerField(_("last used time step"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("failed attempts"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    history = HistoricalRecords(
        excluded_fields=["secret", "last_used_step", "failed_attempts", "locked_until"]
    )

    class Meta:
        verbose_name = _("two-factor device")
        verbose_name_plural = _("two-factor devices")

    def __str__(self) -> str:
        return str(_("Two-factor login of %(user)s") % {"user": self.user})


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator app; only its keyed hash is kept."""

    device = models.ForeignKey(
        TwoFactorDevice,
        on_delete=models.CASCADE,
        related_name="recovery_codes",
        verbose_name=_("two-factor device"),
    )
    code_hash = models.CharField(_("code hash"), max_length=128, unique=True)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")

    def __str__(self) -> str:
        return str(_("used recovery code") if self.used_at else _("recovery code"))
