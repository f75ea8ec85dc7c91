from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    """One security-relevant event: a sign-in, a failed or locked-out sign-in, a sign-out, a
    refused request, a refused API token, an export of pupils' data.

    Rows are only ever added. ``username`` keeps the name that was typed (a failed sign-in
    has no user) and survives the account's deletion; ``detail`` holds what the kind needs
    (the reason, the study exported, the status code).
    """

    class Kind(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGIN_FAILED = "login_failed", _("sign-in failed")
        LOCKOUT = "lockout", _("locked out")
        LOGOUT = "logout", _("signed out")
        DENIED = "denied", _("permission denied")
        API_AUTH_FAILED = "api_auth_failed", _("API token refused")
        PUPIL_EXPORT = "pupil_export", _("pupil data exported")
        TWO_FACTOR = "two_factor", _("two-factor login changed")

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "-created_at"], name="security_kind_when")]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind} {self.username}"
