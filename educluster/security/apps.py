from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "educluster.security"
    label = "security"
    verbose_name = _("security events")

    def ready(self) -> None:
        from educluster.security import receivers  # noqa: F401  (connects the auth signals)
